#pragma once
// What `run` and `replay` share: a definition fit to run, JSON files that are not definitions, test
// files with positions for their errors, and one run of a test case.

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzer/source_document.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"

namespace sfn::cli {

// Loads a definition and refuses one the interpreter cannot run: a parse problem or an error that
// `check` reports, written to `err`. Null when refused (exit code 2).
std::shared_ptr<const SourceDocument> load_runnable_definition(const std::string& file, std::ostream& err);

// Reads a JSON file (or inline text) that is not a definition; on failure writes one line to `err`.
std::optional<nlohmann::json> read_json(const std::string& source, bool inline_text, const std::string& what,
                                        std::ostream& err);

// Reads a JSON file that is not a definition, keeping positions; on failure writes one line to `err`
// (`what` names the kind of file in it) and returns null.
std::shared_ptr<const SourceDocument> read_json_document(const std::string& file, const std::string& what,
                                                         std::ostream& err);

// `file:line:col: error: message`, at the member `pointer` names or, when it names nothing there
// (a missing member), at the nearest enclosing one.
std::string error_at(const std::string& file, const SourceDocument& document, const std::string& pointer,
                     const std::string& message);

struct TestFile {
  interp::TestCase test;
  std::shared_ptr<const SourceDocument> document;  // for positions of later complaints
};
// Reads and parses a test file; on failure writes one `file:line:col: error: ...` line to `err`.
std::optional<TestFile> read_test_file(const std::string& file, std::ostream& err);

// Runs `test` on `definition` with the test's ${...} substitutions placed and its Context Object
// fields as `options.context`.
interp::RunResult run_test_case(const nlohmann::json& definition, const interp::TestCase& test,
                                interp::RunOptions options);

// One line of JSON, invalid UTF-8 replaced.
std::string compact(const nlohmann::json& value);

}  // namespace sfn::cli
