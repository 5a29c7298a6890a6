// `sfncheck run`: executes a machine in the reference interpreter with mocked tasks.

#include <memory>
#include <ostream>
#include <string>

#include "cli/commands.h"
#include "cli/driver.h"
#include "cli/run_support.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"

namespace sfn::cli {
namespace {

nlohmann::json run_result_json(const interp::RunResult& result) {
  nlohmann::json document = {{"status", interp::run_status_name(result.status)}, {"path", result.path}};
  nlohmann::json trace = nlohmann::json::array();
  for (const interp::TraceEntry& entry : result.trace) {
    nlohmann::json item = {{"state", entry.state}, {"scope", entry.scope}};
    if (entry.iteration) item["iteration"] = *entry.iteration;
    item["input"] = entry.input;
    if (!entry.failed) item["output"] = entry.output;
    trace.push_back(std::move(item));
  }
  document["trace"] = std::move(trace);
  if (!result.history.empty()) {
    nlohmann::json history = nlohmann::json::array();
    for (const interp::HistoryEvent& event : result.history) {
      nlohmann::json item = {{"id", event.id}, {"type", event.type}};
      if (!event.state.empty()) item["state"] = event.state;
      if (event.assigned_variables) item["assignedVariables"] = *event.assigned_variables;
      if (!event.error.empty()) item["error"] = event.error;
      if (event.cause) item["cause"] = *event.cause;
      history.push_back(std::move(item));
    }
    document["history"] = std::move(history);
  }
  if (result.status == interp::RunStatus::Succeeded) {
    document["output"] = result.output;
  } else {
    document["error"] = result.error;
    if (result.cause) document["cause"] = *result.cause;
  }
  return document;
}

void write_text(const interp::RunResult& result, std::ostream& out) {
  out << interp::run_status_name(result.status) << "\n";
  out << "path:";
  for (std::size_t i = 0; i < result.path.size(); ++i) out << (i == 0 ? " " : " -> ") << result.path[i];
  out << "\n";
  if (result.status == interp::RunStatus::Succeeded) {
    out << "output: " << compact(result.output) << "\n";
  } else {
    out << "error: " << result.error << "\n";
    if (result.cause) out << "cause: " << *result.cause << "\n";
  }
}

}  // namespace

int run_run_command(const RunSettings& settings, std::ostream& out, std::ostream& err) {
  std::shared_ptr<const SourceDocument> definition = load_runnable_definition(settings.definition, err);
  if (!definition) return kExitBadInput;

  interp::TestCase test;
  if (settings.test) {
    std::optional<TestFile> file = read_test_file(*settings.test, err);
    if (!file) return kExitBadInput;
    test = std::move(file->test);
  }
  if (settings.input) {
    const bool from_file = !settings.input->empty() && (*settings.input)[0] == '@';
    std::optional<nlohmann::json> input =
        read_json(from_file ? settings.input->substr(1) : *settings.input, !from_file, "--input", err);
    if (!input) return kExitBadInput;
    test.input = std::move(*input);
  }
  if (settings.mocks || settings.mock_config) {
    std::optional<nlohmann::json> document =
        read_json(settings.mocks ? *settings.mocks : *settings.mock_config, false, "mocks", err);
    if (!document) return kExitBadInput;
    interp::MockParseResult parsed =
        settings.mocks ? interp::parse_native_mocks(*document)
                       : interp::parse_mock_config(*document, settings.test_case.value_or(""),
                                                   settings.state_machine.value_or(""));
    if (parsed.error) {
      err << (settings.mocks ? *settings.mocks : *settings.mock_config) << ": error: " << parsed.error->message
          << (parsed.error->pointer.empty() ? "" : " (at " + parsed.error->pointer + ")") << "\n";
      return kExitBadInput;
    }
    test.mocks = std::move(*parsed.table);
  }
  if (settings.context) {
    std::optional<nlohmann::json> context = read_json(*settings.context, false, "context", err);
    if (!context) return kExitBadInput;
    if (!context->is_object()) {
      err << *settings.context << ": error: the Context Object fields must be a JSON object\n";
      return kExitBadInput;
    }
    test.context.update(*context, true);
  }
  if (settings.substitutions) {
    std::optional<nlohmann::json> values = read_json(*settings.substitutions, false, "substitutions", err);
    if (!values) return kExitBadInput;
    if (!values->is_object()) {
      err << *settings.substitutions << ": error: substitutions must map placeholder names to strings\n";
      return kExitBadInput;
    }
    for (const auto& [name, value] : values->items()) {
      test.substitutions[name] = value.is_string() ? value.get<std::string>() : compact(value);
    }
  }

  interp::RunOptions options;
  options.seed = settings.seed;
  options.enforce_history_limit = settings.history_limit;
  options.keep_trace = settings.trace;
  options.keep_history = settings.history;
  const interp::RunResult result = run_test_case(definition->root, test, options);
  if (result.unusable) {
    err << settings.definition << ": error: " << *result.unusable << "\n";
    return kExitBadInput;
  }

  std::vector<std::string> mismatches;
  if (settings.test && test.expect) mismatches = interp::compare_with_expectation(result, *test.expect);
  if (settings.format == "json") {
    nlohmann::json document = run_result_json(result);
    if (settings.test && test.expect) {
      document["expectation"] = {{"met", mismatches.empty()}, {"mismatches", mismatches}};
    }
    out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    write_text(result, out);
    if (settings.test && test.expect) {
      out << (mismatches.empty() ? "expectation met" : "expectation missed") << "\n";
      for (const std::string& mismatch : mismatches) out << "  " << mismatch << "\n";
    }
  }
  // With a test file the question is whether its expectation held (a test may expect a failure).
  if (settings.test && test.expect) return mismatches.empty() ? kExitClean : kExitFindings;
  return result.status == interp::RunStatus::Succeeded ? kExitClean : kExitFindings;
}

}  // namespace sfn::cli
