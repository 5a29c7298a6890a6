// Intrinsic functions (asl-semantics.md §7) with AWS's recorded results. Arguments are evaluated
// first, left to right: literals as written, paths through evaluate_path (a path that selects
// nothing is States.Runtime), nested calls recursively (the parser bounds nesting at 10). The
// string functions live in intrinsic_strings.cpp.

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "interpreter/evaluation.h"
#include "interpreter/intrinsic_support.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

// AWS limits ArrayRange results (asl-semantics.md §12; taken from the emulators).
constexpr std::uint64_t kMaxArrayRangeElements = 1000;

std::string describe_value(const json& value) {
  std::string text = compact_json(value);
  if (text.size() > 100) text = text.substr(0, 97) + "...";
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::string:
      return "the string " + text;
    case json::value_t::boolean:
      return "the boolean " + text;
    case json::value_t::array:
      return "the array " + text;
    case json::value_t::object:
      return "the object " + text;
    default:
      return "the number " + text;
  }
}

bool is_integral(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double number = value.get<double>();
  return std::isfinite(number) && std::floor(number) == number;
}


std::string call_text(const IntrinsicCall& call) {
  std::string text = call.name + "(";
  for (std::size_t i = 0; i < call.arguments.size(); ++i) {
    if (i > 0) text += ", ";
    text += call.arguments[i].text;
  }
  return text + ")";
}

Outcome<json> literal_number(const IntrinsicArgument& argument) {
  const double number = argument.number_value;
  if (argument.is_integer && std::fabs(number) < 9.2e18) return json(static_cast<std::int64_t>(number));
  return json(number);
}

Outcome<json> evaluate_argument(const IntrinsicCall& call, const IntrinsicArgument& argument,
                                const EvaluationContext& context) {
  switch (argument.kind) {
    case IntrinsicArgument::Kind::String:
      return json(argument.string_value);
    case IntrinsicArgument::Kind::Number:
      return literal_number(argument);
    case IntrinsicArgument::Kind::Boolean:
      return json(argument.boolean_value);
    case IntrinsicArgument::Kind::Null:
      return json(nullptr);
    case IntrinsicArgument::Kind::Call:
      if (!argument.call) return runtime_error("The function '" + call_text(call) + "' has an empty nested call");
      return evaluate_intrinsic(*argument.call, context);
    case IntrinsicArgument::Kind::Path: {
      if (!argument.path) return runtime_error("The function '" + call_text(call) + "' has an unparsed path argument");
      PathLookup lookup = evaluate_path(*argument.path, context.roots);
      if (lookup.value) return std::move(*lookup.value);
      // LocalStack's wording for this case (localstack#9706), which mirrors AWS's field message.
      const json* document = path_document(*argument.path, context.roots);
      return runtime_error("The function '" + call_text(call) +
                           "' had the following error: The JsonPath argument for the field '" + argument.path->text +
                           "' could not be found in the input '" + (document ? compact_json(*document) : "") + "'");
    }
  }
  return json(nullptr);
}

// ---- the array, JSON and math functions ----

Outcome<json> array_of_arguments(const Invocation& invocation) { return json(invocation.arguments); }

Outcome<json> array_partition(const Invocation& invocation) {
  Outcome<const json*> array = invocation.array_argument(0);
  if (!array.ok()) return array.failure();
  Outcome<std::int64_t> size = invocation.integer_argument(1, "a positive integer");
  if (!size.ok()) return size.failure();
  if (size.value() <= 0) return invocation.argument_failure(1, "a positive integer");
  json chunks = json::array();
  const auto chunk_size = static_cast<std::size_t>(size.value());
  const json& elements = *array.value();
  for (std::size_t start = 0; start < elements.size(); start += chunk_size) {
    json chunk = json::array();
    for (std::size_t i = start; i < std::min(elements.size(), start + chunk_size); ++i) chunk.push_back(elements[i]);
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

// Deep equality where numbers compare by value, so 1 equals 1.0 (nlohmann's operator==).
Outcome<json> array_contains(const Invocation& invocation) {
  Outcome<const json*> array = invocation.array_argument(0);
  if (!array.ok()) return array.failure();
  const json& needle = invocation.arguments[1];
  const json& elements = *array.value();
  return json(std::any_of(elements.begin(), elements.end(), [&](const json& element) { return element == needle; }));
}

Outcome<json> array_range(const Invocation& invocation) {
  Outcome<std::int64_t> start = invocation.integer_argument(0);
  if (!start.ok()) return start.failure();
  Outcome<std::int64_t> end = invocation.integer_argument(1);
  if (!end.ok()) return end.failure();
  Outcome<std::int64_t> step = invocation.integer_argument(2, "a non-zero integer");
  if (!step.ok()) return step.failure();
  if (step.value() == 0) return invocation.argument_failure(2, "a non-zero integer");
  const std::int64_t first = start.value();
  const std::int64_t last = end.value();
  const std::int64_t stride = step.value();
  // Elements first, first+stride, ... up to and including `last` when it is reached; none when
  // the step walks away from `last`. Differences are taken unsigned so extreme bounds cannot overflow.
  std::uint64_t count = 0;
  std::uint64_t magnitude = stride > 0 ? static_cast<std::uint64_t>(stride) : 0 - static_cast<std::uint64_t>(stride);
  if (stride > 0 && last >= first) {
    count = (static_cast<std::uint64_t>(last) - static_cast<std::uint64_t>(first)) / magnitude;
  } else if (stride < 0 && last <= first) {
    count = (static_cast<std::uint64_t>(first) - static_cast<std::uint64_t>(last)) / magnitude;
  } else {
    return json::array();
  }
  if (count >= kMaxArrayRangeElements) {
    return invocation.failure("States.ArrayRange would return more than " + std::to_string(kMaxArrayRangeElements) +
                              " elements");
  }
  json range = json::array();
  // Stepping in unsigned arithmetic: each element lies between the bounds, but first + i * stride
  // need not fit in a signed intermediate.
  for (std::uint64_t i = 0; i <= count; ++i) {
    range.push_back(
        static_cast<std::int64_t>(static_cast<std::uint64_t>(first) + i * static_cast<std::uint64_t>(stride)));
  }
  return range;
}

Outcome<json> array_get_item(const Invocation& invocation) {
  Outcome<const json*> array = invocation.array_argument(0);
  if (!array.ok()) return array.failure();
  Outcome<std::int64_t> index = invocation.integer_argument(1, "an integer >= 0");
  if (!index.ok()) return index.failure();
  if (index.value() < 0) return invocation.argument_failure(1, "an integer >= 0");
  const json& elements = *array.value();
  if (static_cast<std::uint64_t>(index.value()) >= elements.size()) {
    if (!invocation.semantics.array_get_item_out_of_range_raises) return json(nullptr);
    return invocation.failure("States.ArrayGetItem index " + std::to_string(index.value()) +
                              " is out of range for an array of " + std::to_string(elements.size()) + " elements");
  }
  return elements[static_cast<std::size_t>(index.value())];
}

Outcome<json> array_length(const Invocation& invocation) {
  Outcome<const json*> array = invocation.array_argument(0);
  if (!array.ok()) return array.failure();
  return json(array.value()->size());
}

// First occurrences kept, in order; "same" is deep equality with numbers by value. An ordered set
// over nlohmann's operator< (numbers compare across integer and float) keeps this O(n log n).
Outcome<json> array_unique(const Invocation& invocation) {
  Outcome<const json*> array = invocation.array_argument(0);
  if (!array.ok()) return array.failure();
  auto less = [](const json* a, const json* b) { return *a < *b; };
  std::set<const json*, decltype(less)> seen(less);
  json unique = json::array();
  for (const json& element : *array.value()) {
    if (seen.insert(&element).second) unique.push_back(element);
  }
  return unique;
}

Outcome<json> json_merge(const Invocation& invocation) {
  Outcome<const json*> first = invocation.object_argument(0);
  if (!first.ok()) return first.failure();
  Outcome<const json*> second = invocation.object_argument(1);
  if (!second.ok()) return second.failure();
  const json& deep = invocation.arguments[2];
  if (!deep.is_boolean()) return invocation.argument_failure(2, "a boolean");
  if (deep.get<bool>())
    return invocation.failure("States.JsonMerge does not support deep merging (argument 3 is true)");
  json merged = *first.value();
  for (const auto& [key, value] : second.value()->items()) merged[key] = value;  // shallow: the second wins
  return merged;
}

Outcome<json> math_random(const Invocation& invocation) {
  Outcome<double> start = invocation.number_argument(0);
  if (!start.ok()) return start.failure();
  Outcome<double> end = invocation.number_argument(1);
  if (!end.ok()) return end.failure();
  const std::int64_t low = java_round(start.value());
  std::int64_t high = java_round(end.value());
  const bool inclusive = invocation.semantics.math_random_end_inclusive;
  if (inclusive ? high < low : high <= low) {
    return invocation.failure("States.MathRandom needs a start below its end, got " + std::to_string(low) + " and " +
                              std::to_string(high));
  }
  if (!inclusive) --high;
  if (invocation.arguments.size() > 2) {
    Outcome<double> seed = invocation.number_argument(2);
    if (!seed.ok()) return seed.failure();
    RandomSource seeded(static_cast<std::uint64_t>(java_round(seed.value())));
    return json(seeded.uniform_integer(low, high));
  }
  if (invocation.context.random) return json(invocation.context.random->uniform_integer(low, high));
  RandomSource fallback;  // no source given: still deterministic
  return json(fallback.uniform_integer(low, high));
}

Outcome<json> math_add(const Invocation& invocation) {
  Outcome<double> first = invocation.number_argument(0);
  if (!first.ok()) return first.failure();
  Outcome<double> second = invocation.number_argument(1);
  if (!second.ok()) return second.failure();
  // Java long arithmetic wraps; so does this (unsigned addition is defined on overflow).
  std::uint64_t sum =
      static_cast<std::uint64_t>(java_round(first.value())) + static_cast<std::uint64_t>(java_round(second.value()));
  return json(static_cast<std::int64_t>(sum));
}

Outcome<json> uuid(const Invocation& invocation) {
  RandomSource fallback;
  return json(random_uuid(invocation.context.random ? *invocation.context.random : fallback));
}

struct Function {
  std::string_view name;
  std::size_t min_arguments;
  std::size_t max_arguments;  // SIZE_MAX: any number
  Outcome<json> (*evaluate)(const Invocation&);
};

constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();

constexpr Function kFunctions[] = {
    {"States.Format", 1, kAny, intrinsic_format},
    {"States.StringToJson", 1, 1, intrinsic_string_to_json},
    {"States.JsonToString", 1, 1, intrinsic_json_to_string},
    {"States.Array", 0, kAny, array_of_arguments},
    {"States.ArrayPartition", 2, 2, array_partition},
    {"States.ArrayContains", 2, 2, array_contains},
    {"States.ArrayRange", 3, 3, array_range},
    {"States.ArrayGetItem", 2, 2, array_get_item},
    {"States.ArrayLength", 1, 1, array_length},
    {"States.ArrayUnique", 1, 1, array_unique},
    {"States.Base64Encode", 1, 1, intrinsic_base64_encode},
    {"States.Base64Decode", 1, 1, intrinsic_base64_decode},
    {"States.Hash", 2, 2, intrinsic_hash},
    {"States.JsonMerge", 3, 3, json_merge},
    {"States.StringSplit", 2, 2, intrinsic_string_split},
    {"States.MathRandom", 2, 3, math_random},
    {"States.MathAdd", 2, 2, math_add},
    {"States.UUID", 0, 0, uuid},
};

}  // namespace

// ---- Invocation ----

std::string Invocation::text() const { return call_text(call); }

Failure Invocation::failure(const std::string& message) const {
  return Failure{semantics.intrinsic_failure_is_runtime ? "States.Runtime" : "States.IntrinsicFailure",
                 "The function '" + text() + "' had the following error: " + message, /*raised_by_state=*/true};
}

Failure Invocation::argument_failure(std::size_t index, const std::string& expected) const {
  return failure(call.name + " argument " + std::to_string(index + 1) + " must be " + expected + ", got " +
                 describe_value(arguments[index]));
}

Outcome<const std::string*> Invocation::string_argument(std::size_t index) const {
  if (!arguments[index].is_string()) return argument_failure(index, "a string");
  return &arguments[index].get_ref<const std::string&>();
}

Outcome<const json*> Invocation::array_argument(std::size_t index) const {
  if (!arguments[index].is_array()) return argument_failure(index, "an array");
  return &arguments[index];
}

Outcome<const json*> Invocation::object_argument(std::size_t index) const {
  if (!arguments[index].is_object()) return argument_failure(index, "an object");
  return &arguments[index];
}

Outcome<double> Invocation::number_argument(std::size_t index) const {
  if (!arguments[index].is_number()) return argument_failure(index, "a number");
  return arguments[index].get<double>();
}

Outcome<std::int64_t> Invocation::integer_argument(std::size_t index, const std::string& expected) const {
  const json& value = arguments[index];
  if (!is_integral(value)) return argument_failure(index, expected);
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
    return argument_failure(index, expected);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  const double number = value.get<double>();
  if (std::fabs(number) >= 9.2e18) return argument_failure(index, expected);
  return static_cast<std::int64_t>(number);
}

std::int64_t java_round(double value) {
  if (std::isnan(value)) return 0;
  // floor(x + 0.5) would round 0.49999999999999994 up; integral values need no rounding at all.
  const double rounded = std::floor(value) == value ? value : std::floor(value + 0.5);
  if (rounded >= 9.2233720368547758e18) return std::numeric_limits<std::int64_t>::max();  // Java saturates
  if (rounded <= -9.2233720368547758e18) return std::numeric_limits<std::int64_t>::min();
  return static_cast<std::int64_t>(rounded);
}

Outcome<json> evaluate_intrinsic(const IntrinsicCall& call, const EvaluationContext& context) {
  static const SemanticsOptions default_semantics;
  const SemanticsOptions& semantics = context.semantics ? *context.semantics : default_semantics;
  std::vector<json> arguments;
  arguments.reserve(call.arguments.size());
  for (const IntrinsicArgument& argument : call.arguments) {
    Outcome<json> value = evaluate_argument(call, argument, context);
    if (!value.ok()) return value.failure();
    arguments.push_back(std::move(value).value());
  }
  Invocation invocation{call, std::move(arguments), context, semantics};
  for (const Function& function : kFunctions) {
    if (function.name != call.name) continue;
    const std::size_t count = invocation.arguments.size();
    if (count < function.min_arguments || count > function.max_arguments) {
      return invocation.failure(call.name + " does not take " + std::to_string(count) + " arguments");
    }
    return function.evaluate(invocation);
  }
  return invocation.failure("unknown intrinsic function '" + call.name + "'");
}

}  // namespace sfn::interp
