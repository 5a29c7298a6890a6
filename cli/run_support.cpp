#include "cli/run_support.h"

#include <ostream>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/model.h"
#include "analyzer/substitution.h"
#include "reports/report.h"

namespace sfn::cli {
namespace {

// One line for a file that could not be read or parsed: its first problem.
void report_unreadable(const std::string& name, const std::string& what, const Diagnostics& problems,
                       std::ostream& err) {
  if (problems.empty()) return;
  const Diagnostic& problem = problems.front();
  err << name;
  if (problem.location.line > 0) err << ":" << problem.location.line << ":" << problem.location.column;
  err << ": error: " << what << problem.message << " [" << problem.rule << "]\n";
}

}  // namespace

std::string compact(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::shared_ptr<const SourceDocument> load_runnable_definition(const std::string& file, std::ostream& err) {
  LoadedDefinition loaded = load_definition_file(file);
  if (!loaded.usable) {
    err << render_text({FileReport{file, nullptr, loaded.diagnostics, true}});
    return nullptr;
  }
  Diagnostics errors;
  for (const Diagnostic& finding : check_definition(*loaded.document)) {
    if (finding.severity == Severity::Error) errors.push_back(finding);
  }
  if (!errors.empty() || !loaded.document->root.is_object()) {
    sort_diagnostics(errors);
    err << render_text({FileReport{file, loaded.document, errors, false}});
    err << "sfncheck: cannot run a definition with errors; see `sfncheck check`\n";
    return nullptr;
  }
  return loaded.document;
}

std::optional<nlohmann::json> read_json(const std::string& source, bool inline_text, const std::string& what,
                                        std::ostream& err) {
  LoadedDefinition loaded = inline_text ? load_definition_text(source, SourceFormat::Json)
                                        : load_definition_file(source);
  if (loaded.usable) return loaded.document->root;
  report_unreadable(inline_text ? what : source, inline_text ? "" : what + ": ", loaded.diagnostics, err);
  return std::nullopt;
}

std::shared_ptr<const SourceDocument> read_json_document(const std::string& file, const std::string& what,
                                                         std::ostream& err) {
  LoadedDefinition loaded = load_definition_file(file);
  if (loaded.usable) return loaded.document;
  report_unreadable(file, what + ": ", loaded.diagnostics, err);
  return nullptr;
}

std::string error_at(const std::string& file, const SourceDocument& document, const std::string& pointer,
                     const std::string& message) {
  std::string at = pointer;
  const SourcePosition* position = document.key_position(at);
  while (position == nullptr && !at.empty()) {
    const std::size_t slash = at.rfind('/');
    at.erase(slash == std::string::npos ? 0 : slash);
    position = document.key_position(at);
  }
  std::string line = file;
  if (position != nullptr && position->line > 0) {
    line += ":" + std::to_string(position->line) + ":" + std::to_string(position->column);
  }
  return line + ": error: " + message;
}

std::optional<TestFile> read_test_file(const std::string& file, std::ostream& err) {
  std::shared_ptr<const SourceDocument> document = read_json_document(file, "test file", err);
  if (!document) return std::nullopt;
  interp::TestCaseParseResult parsed = interp::parse_test_case(document->root);
  if (parsed.error) {
    const std::string& pointer = parsed.error->pointer;
    err << error_at(file, *document, pointer,
                    parsed.error->message + (pointer.empty() ? "" : " (at " + pointer + ")"))
        << "\n";
    return std::nullopt;
  }
  return TestFile{std::move(*parsed.test), document};
}

interp::RunResult run_test_case(const nlohmann::json& definition, const interp::TestCase& test,
                                interp::RunOptions options) {
  nlohmann::json substituted = definition;
  substitute_placeholders(substituted, test.substitutions);
  const StateMachine machine = build_state_machine(substituted);
  options.context = test.context;
  return interp::run_state_machine(machine, test.input, test.mocks, options);
}

}  // namespace sfn::cli
