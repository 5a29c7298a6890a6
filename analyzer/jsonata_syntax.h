#pragma once
// JSONata 2.0 expressions (the text between "{%" and "%}") parsed into a syntax tree. The tree is
// already in the shape JSONata's own post-parse step gives it: `a.b[0]` is one path of steps with
// the predicate on its last step, string steps are names, `-1` is a literal. The interpreter
// evaluates this tree; the solver may encode it later.
//
// The subset real machines use is parsed; the rest (`~>`, regular expressions, `@`/`#` bindings,
// `^(...)` sorting, `|...|` transforms, `**`, `%`, partial application, lambda signatures, `$eval`,
// `??`/`?:`) gives an `unsupported` result naming the construct, so nothing is evaluated wrongly.
// So do the context value `$`, `$$` and bare field names where they would read the expression's
// root input: Step Functions gives JSONata no input document (state data is in `$states`).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/value_syntax.h"

namespace sfn {

// clang-format off
enum class JsonataOperator {
  Add, Subtract, Multiply, Divide, Modulo,  // + - * / %
  Concat,                                   // &
  Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual,
  And, Or, In,
  Range,                                    // .. (only inside an array constructor)
};
// clang-format on

// The operator as written ("+", "and", ...), for messages.
const char* jsonata_operator_text(JsonataOperator op);

struct JsonataNode;
using JsonataPairs = std::vector<std::pair<JsonataNode, JsonataNode>>;

struct JsonataNode {
  enum class Kind {
    Number,     // literals: Number, String, Boolean, Null
    String,
    Boolean,
    Null,
    Name,       // a field step: `name` or a backquoted name
    Wildcard,   // `*`
    Context,    // `$`: the context item (inside a step, predicate or group)
    Variable,   // `$name`, `$states`
    Path,       // steps: `operands` (the first may be any expression)
    Binary,     // `op` over operands[0], operands[1]
    Negate,     // unary minus over operands[0]
    Condition,  // operands: condition, then[, else]
    Block,      // `( e1; e2 )`: operands
    Bind,       // `$name := operands[0]`
    Array,      // `[ ... ]`: operands (Binary Range items for `a..b`)
    Object,     // `{ k: v }` without a path in front: `pairs`
    Call,       // operands[0] is the function, the rest the arguments
    Lambda,     // `function($a, $b) { operands[0] }`: `parameters`
  };
  Kind kind = Kind::Null;
  std::size_t offset = 0;  // byte offset in the expression text
  std::string text;        // Name, Variable (without '$'), String value
  double number = 0;
  bool boolean = false;
  JsonataOperator op = JsonataOperator::Add;
  std::vector<JsonataNode> operands;
  JsonataPairs pairs;                   // Object
  std::vector<std::string> parameters;  // Lambda (names without '$')

  // Filters `[expr]`. A path step's own filters apply to each item's value in the step (JSONata's
  // "stages"); other nodes' apply to their whole result (its "predicate").
  std::vector<JsonataNode> stages;
  std::vector<JsonataNode> predicates;
  // Grouping `expr{k: v}`: evaluated over the node's result (a path's: over the whole path).
  std::shared_ptr<const JsonataPairs> group;
  bool keep_array = false;      // `[]` after the node: a singleton result stays an array
  bool keep_singleton = false;  // Path: one of its steps carries `[]` (JSONata's keepSingletonArray)
  bool cons_array = false;      // Array: first or last step of a path; Block: holds such a step
};

struct JsonataUnsupported {
  std::string construct;  // e.g. "the function application operator '~>'"
  std::size_t offset = 0;
  std::string message() const { return "unsupported: " + construct; }
};

// Exactly one of `expression`, `error` (a syntax error with JSONata's code, e.g. "S0202: Expected
// ")", got "]"", and its offset) and `unsupported` is set.
struct JsonataParseResult {
  std::shared_ptr<const JsonataNode> expression;
  std::optional<JsonataSyntaxError> error;
  std::optional<JsonataUnsupported> unsupported;
};

// JSONata 2.0 library functions the runtime does not implement ($eval, which Step Functions
// leaves out too, $pad, $match, $replace, $formatNumber, ...): calling one is refused.
bool jsonata_function_unsupported(std::string_view name);

// Parses an expression body (without the "{%" "%}" delimiters).
JsonataParseResult parse_jsonata(std::string_view expression);

// The body of a "{% ... %}" string (exactly that form, §8.2), nullopt for any other string.
std::optional<std::string_view> jsonata_body(std::string_view text);

}  // namespace sfn
