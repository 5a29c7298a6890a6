#pragma once
// Evaluates the JSONata trees analyzer/jsonata_syntax.h parses, with JSONata 2.0's semantics:
// undefined vs null, sequences (a path over an array maps and flattens, one item unwraps),
// strict operator typing, and the function library Step Functions machines use, plus Step
// Functions' own $partition, $range, $hash, $random, $uuid and $parse (asl-semantics.md §8.1).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analyzer/jsonata_syntax.h"
#include "analyzer/value_syntax.h"
#include "interpreter/evaluation.h"
#include "interpreter/random_source.h"

namespace sfn::interp {

// What an expression can read: `$states` (its members only where the state provides them,
// §8.4), the workflow variables, the virtual clock ($now, $millis) and the run's random source
// ($random, $uuid). Null pointers are absent members.
struct JsonataBindings {
  const nlohmann::json* input = nullptr;         // $states.input
  const nlohmann::json* result = nullptr;        // $states.result
  const nlohmann::json* error_output = nullptr;  // $states.errorOutput
  const nlohmann::json* context = nullptr;       // $states.context
  const Variables* variables = nullptr;
  RandomSource* random = nullptr;
  Instant now{1704067200, 0};
};

// Exactly one of: a value (nullopt inside `value` is JSONata's undefined, so `value` itself is
// always set on success), a JSONata error ("T2001: The left side of the \"+\" operator must
// evaluate to a number"), or a refusal naming a construct the runtime does not implement.
struct JsonataResult {
  bool ok = false;
  std::optional<nlohmann::json> value;
  std::optional<std::string> error;
  std::optional<std::string> unsupported;
};

JsonataResult evaluate_jsonata(const JsonataNode& expression, const JsonataBindings& bindings);

}  // namespace sfn::interp
