#pragma once
// Internal to interpreter/: one intrinsic call with its arguments already evaluated, and the
// argument checks every function shares. Failures name the function and the argument.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "interpreter/evaluation.h"

namespace sfn::interp {

struct Invocation {
  const IntrinsicCall& call;
  std::vector<nlohmann::json> arguments;
  const EvaluationContext& context;
  const SemanticsOptions& semantics;

  // The call as written ("States.Format('{}', $.x)"), for causes.
  std::string text() const;
  // An argument or run-time failure of this call: States.Runtime or States.IntrinsicFailure as
  // semantics.intrinsic_failure_is_runtime says (asl-semantics.md §14).
  Failure failure(const std::string& message) const;
  // "<function> argument <n> must be <expected>, got <what it got>".
  Failure argument_failure(std::size_t index, const std::string& expected) const;

  Outcome<const std::string*> string_argument(std::size_t index) const;
  Outcome<const nlohmann::json*> array_argument(std::size_t index) const;
  Outcome<const nlohmann::json*> object_argument(std::size_t index) const;
  Outcome<double> number_argument(std::size_t index) const;
  // A number with no fractional part (1 and 1.0 both qualify).
  Outcome<std::int64_t> integer_argument(std::size_t index, const std::string& expected = "an integer") const;
};

// Java's Math.round: half-way values go toward positive infinity (-2.5 -> -2, 2.5 -> 3).
std::int64_t java_round(double value);

// The string-processing functions (interpreter/intrinsic_strings.cpp).
Outcome<nlohmann::json> intrinsic_format(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_string_to_json(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_json_to_string(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_string_split(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_base64_encode(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_base64_decode(const Invocation& invocation);
Outcome<nlohmann::json> intrinsic_hash(const Invocation& invocation);

}  // namespace sfn::interp
