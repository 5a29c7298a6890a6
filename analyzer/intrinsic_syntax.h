#pragma once
// Intrinsic function calls (States.Format(...), ...) parsed into an expression tree, and the
// signature table used to check names, arity and argument types.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "analyzer/path_syntax.h"

namespace sfn {

struct IntrinsicCall;

struct IntrinsicArgument {
  enum class Kind { String, Number, Boolean, Null, Path, Call };
  Kind kind = Kind::Null;
  std::string string_value;  // String: unescaped value
  double number_value = 0;   // Number
  bool is_integer = false;   // Number written without fraction/exponent
  bool boolean_value = false;
  std::optional<Path> path;              // Path
  std::shared_ptr<IntrinsicCall> call;   // Call (nested)
  std::size_t offset = 0;                // byte offset of the argument in the source text
  std::string text;                      // source text of the argument
};

struct IntrinsicCall {
  std::string name;  // e.g. "States.Format"
  std::vector<IntrinsicArgument> arguments;
  std::size_t offset = 0;
};

// What a problem is about; the rule layer maps each kind to a rule name.
enum class IntrinsicProblemKind { Syntax, UnknownFunction, Arity, ArgumentType, TooDeeplyNested };

struct IntrinsicProblem {
  IntrinsicProblemKind kind = IntrinsicProblemKind::Syntax;
  std::string message;
  std::size_t offset = 0;
};

struct IntrinsicParseResult {
  std::optional<IntrinsicCall> call;
  std::optional<IntrinsicProblem> error;  // Syntax or TooDeeplyNested (nesting > 10)
};

// True when the text has the shape of a call: an identifier path like States.X followed by '('.
bool looks_like_intrinsic(std::string_view text);
IntrinsicParseResult parse_intrinsic(std::string_view text);

// Checks names, arity and literal argument types against the signature table (recursively).
// Arguments that are paths or nested calls are accepted where their type cannot be known statically,
// except that a nested call's known result type is checked.
std::vector<IntrinsicProblem> check_intrinsic(const IntrinsicCall& call);

// Whether the call's result is known to be a string (Fail ErrorPath/CausePath accept only those).
bool intrinsic_returns_string(const IntrinsicCall& call);

}  // namespace sfn
