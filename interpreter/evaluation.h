#pragma once
// Concrete evaluation of the syntax trees that analyzer/ parses: JSONPath, Reference Paths
// (including ResultPath writes), payload templates, intrinsic functions and Choice rules.
// The solver encodes the same trees; replaying its models here keeps the two in step.

#include <map>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/jsonata_syntax.h"
#include "analyzer/model.h"
#include "analyzer/path_syntax.h"
#include "interpreter/outcome.h"
#include "interpreter/random_source.h"
#include "interpreter/semantics_options.h"

namespace sfn::interp {

using Variables = std::map<std::string, nlohmann::json, std::less<>>;

// What a path can start from: `$` (the input of the step being evaluated), `$$` (the Context
// Object) and `$name` (workflow variables). Null pointers mean "not available here".
struct PathRoots {
  const nlohmann::json* input = nullptr;
  const nlohmann::json* context = nullptr;
  const Variables* variables = nullptr;
};

// Result of evaluating a path. A definite path (members and indexes only) yields its one value or
// nothing; an indefinite path (wildcards, slices, unions, filters, recursive descent) yields an
// array of all matches, possibly empty (§3.3). `missing` describes, Jayway-style, why nothing was
// found: "Missing property in path $['a']" or "No results for path: $['a']".
struct PathLookup {
  std::optional<nlohmann::json> value;
  std::string missing;
};
PathLookup evaluate_path(const Path& path, const PathRoots& roots);

// The document a path reads, printed in "could not be found in the input '...'" causes: AWS prints
// the Context Object for `$$` paths; for a variable we print its value.
const nlohmann::json* path_document(const Path& path, const PathRoots& roots);

// Writes `result` into `raw_input` at a ResultPath (§3.4): "$" replaces it, missing intermediate
// objects are created, existing fields overwritten. Writing below a non-object fails with
// States.Runtime "Unable to apply ReferencePath <path> to input <json>".
Outcome<nlohmann::json> apply_result_path(nlohmann::json raw_input, const Path& result_path, nlohmann::json result);

// Parsed `.$` values and JSONata expressions by their text, so a template inside a loop is parsed
// once rather than on every visit. References stay valid while the cache lives (unordered_map
// nodes do not move).
class SyntaxCache {
 public:
  const PathParseResult& path(const std::string& text);
  const IntrinsicParseResult& intrinsic(const std::string& text);
  const JsonataParseResult& jsonata(const std::string& body);  // the text between "{%" and "%}"

 private:
  std::unordered_map<std::string, PathParseResult> paths_;
  std::unordered_map<std::string, IntrinsicParseResult> intrinsics_;
  std::unordered_map<std::string, JsonataParseResult> jsonata_;
};

struct EvaluationContext {
  PathRoots roots;
  RandomSource* random = nullptr;
  const SemanticsOptions* semantics = nullptr;
  SyntaxCache* syntax_cache = nullptr;  // optional
};

// A payload template (Parameters, ResultSelector, ItemSelector, Assign in JSONPath mode): keys
// ending in ".$" are evaluated and renamed, at any depth (§3.2). A path that matches nothing raises
// States.Runtime "The JSONPath '<path>' specified for the field '<key>' could not be found in the
// input '<json>'".
Outcome<nlohmann::json> evaluate_payload_template(const nlohmann::json& payload_template,
                                                  const EvaluationContext& context);

// One intrinsic call with AWS's recorded quirks (§7).
Outcome<nlohmann::json> evaluate_intrinsic(const IntrinsicCall& call, const EvaluationContext& context);

// A Choice rule per the table of §2.3 (short-circuit And/Or; a missing Variable or ...Path operand
// raises States.Runtime; IsPresent never raises; a wrong-typed Variable makes the rule false).
Outcome<bool> evaluate_choice_rule(const ChoiceRule& rule, const EvaluationContext& context);

}  // namespace sfn::interp
