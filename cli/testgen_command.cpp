// `sfncheck testgen`: writes the tests testgen/generate.h makes, one file each, and coverage.json.

#include <filesystem>
#include <ostream>
#include <string>

#include "analyzer/model.h"
#include "cli/commands.h"
#include "cli/driver.h"
#include "cli/output_folder.h"
#include "cli/run_support.h"
#include "testgen/file_names.h"
#include "testgen/generate.h"
#include "testgen/mock_config_export.h"

namespace sfn::cli {
namespace {

using nlohmann::json;

std::string pretty(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

// Refused before the (possibly long) generation: the writer checks again when it writes.
std::optional<std::string> unusable_output_folder(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::symlink_status(folder, error);
  if (error || status.type() == fs::file_type::not_found) return std::nullopt;
  if (status.type() == fs::file_type::symlink) return folder + ": is a symbolic link; give a new or empty folder";
  if (status.type() != fs::file_type::directory) return folder + ": exists and is not a folder";
  if (!fs::is_empty(folder, error) || error) return folder + ": is not empty; give a new or empty folder";
  return std::nullopt;
}

}  // namespace

int run_testgen_command(const TestgenSettings& settings, std::ostream& out, std::ostream& err) {
  if (std::optional<std::string> problem = unusable_output_folder(settings.output)) {
    err << "sfncheck: error: " << *problem << "\n";
    return kExitBadInput;
  }
  std::shared_ptr<const SourceDocument> definition = load_runnable_definition(settings.definition, err);
  if (!definition) return kExitBadInput;
  const StateMachine machine = build_state_machine(definition->root);

  testgen::GenerateOptions options;
  options.level = testgen::parse_coverage_level(settings.coverage).value_or(testgen::CoverageLevel::Branches);
  options.loop_bound = settings.loop_bound;
  const testgen::GeneratedSuite suite = testgen::generate_tests(machine, options);
  if (suite.unsupported) {  // as `run` refuses it: nothing to write
    err << settings.definition << ": error: cannot generate tests: " << *suite.unsupported << "\n";
    return kExitBadInput;
  }

  std::vector<std::string> stems;
  for (const testgen::GeneratedTest& test : suite.tests) stems.push_back(test.name);
  const std::vector<std::string> reserved = {"coverage.json", "MockConfigFile.json"};
  const std::vector<std::string> names = testgen::unique_file_names(stems, ".json", 200, reserved);

  std::vector<OutputFile> files;
  for (std::size_t t = 0; t < suite.tests.size(); ++t) {
    // The fields in the order a person reads them (the format itself does not care).
    const json& test = suite.tests[t].test;
    nlohmann::ordered_json ordered;
    for (const char* field : {"name", "covers", "input", "context", "substitutions", "mocks", "expect"}) {
      if (test.contains(field)) ordered[field] = test[field];
    }
    files.push_back({names[t], ordered.dump(2, ' ', false, json::error_handler_t::replace) + "\n"});
  }

  json goals = json::array();
  std::size_t covered = 0, impossible = 0, unknown = 0;
  for (const testgen::GoalReport& report : suite.goals) {
    json goal = {{"id", report.goal.id},
                 {"kind", report.goal.kind},
                 {"pointer", report.goal.pointer},
                 {"status", testgen::goal_verdict_name(report.verdict)}};
    json tests = json::array();
    for (std::size_t t : report.tests) tests.push_back(names[t]);
    goal["tests"] = std::move(tests);
    if (!report.reason.empty()) goal["reason"] = report.reason;
    if (report.proof) goal["proof"] = *report.proof;
    goals.push_back(std::move(goal));
    covered += report.verdict == testgen::GoalVerdict::Covered;
    impossible += report.verdict == testgen::GoalVerdict::Impossible;
    unknown += report.verdict == testgen::GoalVerdict::Unknown;
  }
  json summary = {{"coverage", settings.coverage}, {"loop_bound", settings.loop_bound},
                  {"goals", suite.goals.size()},   {"covered", covered},
                  {"impossible", impossible},      {"unknown", unknown},
                  {"tests", suite.tests.size()},   {"limits", suite.limits}};

  if (settings.emit == "mock-config") {
    std::vector<testgen::NamedTest> named;
    for (std::size_t t = 0; t < suite.tests.size(); ++t) {
      named.push_back({names[t].substr(0, names[t].size() - 5), suite.tests[t].test});
    }
    testgen::MockConfigExportResult exported = testgen::export_mock_config(machine, settings.state_machine, named);
    if (!exported.exported) {
      err << "sfncheck: internal error: a generated test cannot be exported: "
          << (exported.error ? exported.error->message : std::string("unknown reason")) << "\n";
      return kExitInternalError;
    }
    files.push_back({"MockConfigFile.json", pretty(exported.exported->config)});
    json limitations = json::array();
    for (const testgen::ExportedTestCase& test_case : exported.exported->cases) {
      files.push_back({test_case.test_case + ".input.json", pretty(test_case.input)});
      files.push_back({test_case.test_case + ".expect.json", pretty(test_case.expectation)});
      for (const std::string& limitation : test_case.limitations) {
        limitations.push_back({{"test_case", test_case.test_case}, {"limitation", limitation}});
      }
    }
    summary["mock_config"] = {{"file", "MockConfigFile.json"}, {"state_machine", settings.state_machine},
                              {"limitations", std::move(limitations)}};
  }
  files.push_back({"coverage.json", pretty(json{{"goals", std::move(goals)}, {"summary", summary}})});

  if (std::optional<std::string> problem = write_output_folder(settings.output, files)) {
    err << "sfncheck: error: " << *problem << "\n";
    return kExitBadInput;
  }

  out << "wrote " << suite.tests.size() << " test" << (suite.tests.size() == 1 ? "" : "s") << " to "
      << settings.output << " (coverage " << settings.coverage << "): " << suite.goals.size() << " goals, " << covered
      << " covered, " << impossible << " impossible, " << unknown << " unknown\n";
  for (const testgen::GoalReport& report : suite.goals) {
    if (report.verdict == testgen::GoalVerdict::Unknown) {
      out << "  unknown: " << report.goal.id << ": " << report.reason << "\n";
    }
  }
  for (const std::string& limit : suite.limits) out << "  limit: " << limit << "\n";
  if (settings.emit == "mock-config") {
    for (const json& limitation : summary["mock_config"]["limitations"]) {
      out << "  mock config: " << limitation["test_case"].get<std::string>() << ": "
          << limitation["limitation"].get<std::string>() << "\n";
    }
  }
  return settings.fail_on_unknown && unknown > 0 ? kExitFindings : kExitClean;
}

}  // namespace sfn::cli
