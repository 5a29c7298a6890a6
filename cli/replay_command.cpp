// `sfncheck replay`: runs test files in the reference interpreter, checks each expectation, and
// recomputes coverage from the runs' own traces, so a generator's claims are checked, not trusted.

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "analyzer/substitution.h"
#include "cli/atomic_file.h"
#include "cli/commands.h"
#include "cli/driver.h"
#include "cli/run_support.h"
#include "reports/junit.h"
#include "testgen/coverage.h"

namespace sfn::cli {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// `sfncheck testgen` writes these beside its tests; they are not tests.
bool is_test_file_name(const std::string& name) {
  return ends_with(name, ".json") && name != "coverage.json" && name != "MockConfigFile.json" &&
         !ends_with(name, ".input.json") && !ends_with(name, ".expect.json");
}

struct TestSources {
  std::vector<std::string> tests;           // in argument order, each folder's sorted by name
  std::vector<std::string> coverage_files;  // the coverage.json of each folder named
};

// The test files the arguments name; nullopt after reporting a bad argument.
std::optional<TestSources> find_tests(const std::vector<std::string>& arguments, std::ostream& err) {
  TestSources sources;
  std::set<std::string> seen;
  for (const std::string& argument : arguments) {
    const fs::path path(argument);
    std::error_code link_error, target_error;
    const fs::file_status link = fs::symlink_status(path, link_error);
    const fs::file_status target = fs::status(path, target_error);
    if (!fs::exists(target)) {
      err << argument << ": error: no such file or folder\n";
      return std::nullopt;
    }
    if (!fs::is_directory(target)) {
      if (seen.insert(argument).second) sources.tests.push_back(argument);
      continue;
    }
    if (fs::is_symlink(link)) {
      err << argument << ": error: a symbolic link to a folder is not followed; name the folder itself\n";
      return std::nullopt;
    }
    std::vector<std::string> names;
    std::error_code error;
    for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
      const std::string name = it->path().filename().string();
      std::error_code type_error;
      if (!it->is_regular_file(type_error)) continue;  // links to folders included
      if (name == "coverage.json") sources.coverage_files.push_back((path / name).string());
      if (is_test_file_name(name)) names.push_back(name);
    }
    if (error) {
      err << argument << ": error: cannot list the folder: " << error.message() << "\n";
      return std::nullopt;
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      const std::string file = (path / name).string();
      if (seen.insert(file).second) sources.tests.push_back(file);
    }
  }
  if (sources.tests.empty()) {
    err << "sfncheck: no test files found (a folder's tests are the *.json files directly in it)\n";
    return std::nullopt;
  }
  return sources;
}

// A goal someone says is covered: a coverage.json, or a test's `covers` (mcdc goals, which need the
// whole set of runs).
struct Claim {
  std::string goal;
  std::string claimed_by;  // the file that says so
};

// The goals a coverage.json lists as covered; nullopt after reporting a malformed file.
std::optional<std::vector<Claim>> read_coverage_claims(const std::string& file, std::ostream& err) {
  std::shared_ptr<const SourceDocument> document = read_json_document(file, "coverage file", err);
  if (!document) return std::nullopt;
  const nlohmann::json& root = document->root;
  auto fail = [&](const std::string& pointer, const std::string& message) {
    err << error_at(file, *document, pointer, message) << "\n";
    return std::nullopt;
  };
  if (!root.is_object() || !root.contains("goals") || !root["goals"].is_array()) {
    return fail("/goals", "a coverage file must be an object with a \"goals\" array");
  }
  std::vector<Claim> claims;
  const nlohmann::json& goals = root["goals"];
  for (std::size_t i = 0; i < goals.size(); ++i) {
    const std::string pointer = "/goals/" + std::to_string(i);
    const nlohmann::json& goal = goals[i];
    if (!goal.is_object() || !goal.contains("id") || !goal["id"].is_string()) {
      return fail(pointer + "/id", "each goal must be an object with a string \"id\"");
    }
    const nlohmann::json status = goal.value("status", nlohmann::json());
    if (status != "covered" && status != "impossible" && status != "unknown") {
      return fail(pointer + "/status", "a goal's \"status\" must be covered, impossible or unknown");
    }
    if (status == "covered") claims.push_back({goal["id"].get<std::string>(), file});
  }
  return claims;
}

// The definition coverage is measured on: with the tests' ${...} values placed when they all agree
// (goal ids are pointers, which substitutions never change; the values matter to Choice rules).
nlohmann::json coverage_definition(const nlohmann::json& definition, const std::vector<TestFile>& tests) {
  nlohmann::json substituted = definition;
  const Substitutions& first = tests.front().test.substitutions;
  const bool agree = std::all_of(tests.begin(), tests.end(),
                                 [&](const TestFile& file) { return file.test.substitutions == first; });
  if (agree) substitute_placeholders(substituted, first);
  return substituted;
}

struct TestOutcome {
  std::string name;
  std::string file;
  std::vector<std::string> differences;  // empty: passed
  std::vector<std::string> goals_met;    // by this run alone (no mcdc goals)
};

struct ReplayReport {
  std::vector<TestOutcome> tests;
  std::vector<std::string> goals_met;  // by all runs together
  std::vector<Claim> claims_not_met;
  std::size_t claimed_goals = 0;  // distinct goals a coverage.json or an mcdc `covers` claims covered
  bool claims_checked = false;  // a coverage.json or an mcdc `covers` was there to check
  std::size_t failed() const {
    return static_cast<std::size_t>(std::count_if(tests.begin(), tests.end(), [](const TestOutcome& test) {
      return !test.differences.empty();
    }));
  }
};

std::string claim_not_met_text(const Claim& claim) {
  return claim.claimed_by + " claims " + claim.goal + " covered, but no run meets it";
}

std::string plural(std::size_t count, const std::string& noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

// Test files are input: their names, errors and causes reach a terminal with control characters
// (escape sequences, line breaks) written out visibly.
std::string printable(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte != 0x7F) {
      out += c;
      continue;
    }
    static const char* const kHex = "0123456789ABCDEF";
    out += "\\u00";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

void write_text(const ReplayReport& report, std::ostream& out) {
  for (const TestOutcome& test : report.tests) {
    out << (test.differences.empty() ? "PASS " : "FAIL ") << printable(test.name) << " (" << printable(test.file)
        << ")\n";
    for (const std::string& difference : test.differences) out << "  " << printable(difference) << "\n";
  }
  const std::size_t failed = report.failed();
  out << plural(report.tests.size(), "test") << ": " << report.tests.size() - failed << " passed, " << failed
      << " failed\n";
  out << "coverage: " << plural(report.goals_met.size(), "goal") << " met";
  if (report.claimed_goals > 0) {
    std::set<std::string> unmet;
    for (const Claim& claim : report.claims_not_met) unmet.insert(claim.goal);
    out << "; of the " << plural(report.claimed_goals, "goal") << " claimed covered, "
        << report.claimed_goals - unmet.size() << " met";
  }
  out << "\n";
  for (const Claim& claim : report.claims_not_met) out << printable(claim_not_met_text(claim)) << "\n";
}

// Members in the order of the documented contract (tests, summary, coverage).
void write_json(const ReplayReport& report, std::ostream& out) {
  nlohmann::ordered_json tests = nlohmann::ordered_json::array();
  for (const TestOutcome& test : report.tests) {
    tests.push_back({{"name", test.name},
                     {"file", test.file},
                     {"status", test.differences.empty() ? "pass" : "fail"},
                     {"differences", test.differences},
                     {"goals_met", test.goals_met}});
  }
  nlohmann::ordered_json claims = nlohmann::ordered_json::array();
  for (const Claim& claim : report.claims_not_met) {
    claims.push_back({{"goal", claim.goal}, {"claimed_by", claim.claimed_by}});
  }
  const std::size_t failed = report.failed();
  const nlohmann::ordered_json document = {
      {"tests", std::move(tests)},
      {"summary", {{"tests", report.tests.size()}, {"passed", report.tests.size() - failed}, {"failed", failed}}},
      {"coverage", {{"goals_met", report.goals_met}, {"claims_not_met", std::move(claims)}}}};
  out << document.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

std::optional<JunitFailure> junit_failure(const std::vector<std::string>& problems) {
  if (problems.empty()) return std::nullopt;
  JunitFailure failure;
  failure.message = problems.front();
  if (problems.size() > 1) failure.message += " (and " + std::to_string(problems.size() - 1) + " more)";
  for (const std::string& problem : problems) failure.details += problem + "\n";
  return failure;
}

JunitSuite junit_suite(const ReplayReport& report, const std::string& definition) {
  const std::string classname = fs::path(definition).filename().string();
  JunitSuite suite{"sfncheck replay", {}};
  for (const TestOutcome& test : report.tests) {
    suite.cases.push_back({test.name, classname, junit_failure(test.differences)});
  }
  if (report.claims_checked) {
    std::vector<std::string> problems;
    for (const Claim& claim : report.claims_not_met) problems.push_back(claim_not_met_text(claim));
    suite.cases.push_back({"coverage claims", classname, junit_failure(problems)});
  }
  return suite;
}

}  // namespace

int run_replay_command(const ReplaySettings& settings, std::ostream& out, std::ostream& err) {
  std::shared_ptr<const SourceDocument> definition = load_runnable_definition(settings.definition, err);
  if (!definition) return kExitBadInput;
  std::optional<TestSources> sources = find_tests(settings.tests, err);
  if (!sources) return kExitBadInput;
  // Everything is read before anything runs: bad input is exit code 2, never half a report.
  std::vector<TestFile> tests;
  for (const std::string& file : sources->tests) {
    std::optional<TestFile> test = read_test_file(file, err);
    if (!test) return kExitBadInput;
    if (!test->test.expect) {
      err << error_at(file, *test->document, "", "a test to replay needs \"expect\": the predicted status and path")
          << "\n";
      return kExitBadInput;
    }
    tests.push_back(std::move(*test));
  }
  std::vector<Claim> claims;
  for (const std::string& file : sources->coverage_files) {
    std::optional<std::vector<Claim>> listed = read_coverage_claims(file, err);
    if (!listed) return kExitBadInput;
    claims.insert(claims.end(), listed->begin(), listed->end());
  }
  if (settings.junit) {
    if (std::optional<std::string> reason = unwritable_reason(*settings.junit)) {
      err << *settings.junit << ": error: cannot write the JUnit report: " << *reason << "\n";
      return kExitBadInput;
    }
  }

  // The model points into its definition: the substituted one must outlive it.
  const nlohmann::json coverage_root = coverage_definition(definition->root, tests);
  const StateMachine machine = build_state_machine(coverage_root);
  testgen::CoverageRecorder recorder(machine);
  interp::RunOptions options;
  options.keep_trace = true;  // coverage is read from the traces
  ReplayReport report;
  report.claims_checked = !sources->coverage_files.empty();
  for (std::size_t i = 0; i < tests.size(); ++i) {
    const interp::TestCase& test = tests[i].test;
    TestOutcome outcome;
    outcome.file = sources->tests[i];
    outcome.name = test.name.empty() ? fs::path(outcome.file).stem().string() : test.name;
    for (const std::string& goal : test.covers) {
      // An MC/DC goal needs a pair of runs, so only the whole set can meet it.
      if (goal.starts_with("mcdc:")) claims.push_back({goal, outcome.file});
    }
    const interp::RunResult result = run_test_case(definition->root, test, options);
    if (result.unusable) {
      outcome.differences.push_back("the run could not go on: " + *result.unusable);
    } else {
      outcome.differences = interp::compare_with_expectation(result, *test.expect);
      outcome.goals_met = recorder.record(result);
      for (const std::string& goal : test.covers) {
        if (goal.starts_with("mcdc:") || contains(outcome.goals_met, goal)) continue;
        outcome.differences.push_back("claims to cover " + goal + ", which its run does not meet");
      }
    }
    report.tests.push_back(std::move(outcome));
  }
  report.goals_met = recorder.goals_met();
  report.claims_checked = report.claims_checked || !claims.empty();
  std::set<std::string> claimed;
  for (const Claim& claim : claims) claimed.insert(claim.goal);
  report.claimed_goals = claimed.size();
  std::set<std::pair<std::string, std::string>> reported;
  for (const Claim& claim : claims) {
    if (contains(report.goals_met, claim.goal)) continue;
    if (reported.insert({claim.goal, claim.claimed_by}).second) report.claims_not_met.push_back(claim);
  }

  if (settings.format == "json") {
    write_json(report, out);
  } else {
    write_text(report, out);
  }
  if (settings.junit) {
    const std::string xml = render_junit(junit_suite(report, settings.definition));
    if (std::optional<std::string> problem = write_file_atomically(*settings.junit, xml)) {
      err << *settings.junit << ": error: cannot write the JUnit report: " << *problem << "\n";
      return kExitBadInput;
    }
  }
  return report.failed() == 0 && report.claims_not_met.empty() ? kExitClean : kExitFindings;
}

}  // namespace sfn::cli
