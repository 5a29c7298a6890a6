// `sfncheck run`: executes a machine in the reference interpreter with mocked tasks.

#include <ostream>
#include <string>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/model.h"
#include "analyzer/substitution.h"
#include "cli/commands.h"
#include "cli/driver.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"
#include "reports/report.h"

namespace sfn::cli {
namespace {

std::string compact(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Reads a JSON file (or inline text) that is not a definition; on failure writes one line to `err`.
std::optional<nlohmann::json> read_json(const std::string& source, bool inline_text, const std::string& what,
                                        std::ostream& err) {
  LoadedDefinition loaded = inline_text ? load_definition_text(source, SourceFormat::Json)
                                        : load_definition_file(source);
  if (loaded.usable) return loaded.document->root;
  const std::string name = inline_text ? what : source;
  for (const Diagnostic& diagnostic : loaded.diagnostics) {
    err << name;
    if (diagnostic.location.line > 0) err << ":" << diagnostic.location.line << ":" << diagnostic.location.column;
    err << ": error: " << (inline_text ? "" : what + ": ") << diagnostic.message << " [" << diagnostic.rule << "]\n";
    break;
  }
  return std::nullopt;
}

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
  LoadedDefinition loaded = load_definition_file(settings.definition);
  if (!loaded.usable) {
    FileReport report{settings.definition, nullptr, loaded.diagnostics, true};
    err << render_text({report});
    return kExitBadInput;
  }
  Diagnostics findings = check_definition(*loaded.document);
  Diagnostics errors;
  for (const Diagnostic& finding : findings) {
    if (finding.severity == Severity::Error) errors.push_back(finding);
  }
  if (!errors.empty() || !loaded.document->root.is_object()) {
    sort_diagnostics(errors);
    err << render_text({FileReport{settings.definition, loaded.document, errors, false}});
    err << "sfncheck: cannot run a definition with errors; see `sfncheck check`\n";
    return kExitBadInput;
  }

  interp::TestCase test;
  if (settings.test) {
    std::optional<nlohmann::json> document = read_json(*settings.test, false, "test file", err);
    if (!document) return kExitBadInput;
    interp::TestCaseParseResult parsed = interp::parse_test_case(*document);
    if (parsed.error) {
      err << *settings.test << ": error: " << parsed.error->message << " (at " << parsed.error->pointer << ")\n";
      return kExitBadInput;
    }
    test = std::move(*parsed.test);
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

  nlohmann::json definition = loaded.document->root;
  substitute_placeholders(definition, test.substitutions);
  const StateMachine machine = build_state_machine(definition);

  interp::RunOptions options;
  options.seed = settings.seed;
  options.enforce_history_limit = settings.history_limit;
  options.keep_trace = settings.trace;
  options.keep_history = settings.history;
  options.context = test.context;
  const interp::RunResult result = interp::run_state_machine(machine, test.input, test.mocks, options);
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
