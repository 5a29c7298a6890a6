// Concrete semantics of Choice rules, row by row as asl-semantics.md §2.3 states them (AWS's recorded
// behaviour where it differs from the spec). The solver encodes the same ChoiceRule trees; keep the
// two in step when a row changes here.
//
// Order of the checks in one data test, which decides which error wins when several apply:
//   1. the Variable is looked up: missing -> States.Runtime "Invalid path ..." (IsPresent never
//      raises; the other type tests follow semantics->type_test_on_missing_path_raises);
//   2. a ...Path operand is looked up: missing -> the same error naming the operand path;
//   3. the operand's type: for an ordering ...Path of the wrong type -> "Invalid value provided at
//      path" (or false, per semantics->ordering_path_operand_wrong_type_raises) — this wins over a
//      wrong-typed Variable, as FLOE Test9 (both wrong) raised; an ...EqualsPath -> false;
//   4. the Variable's type: wrong -> false, never an error;
//   5. the comparison itself.
// Rules the analyzer rejects statically (a literal of the wrong type, an empty And, a bad pattern)
// still get a defined answer here: States.Runtime naming the rule, never a guess.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/utf8.h"
#include "analyzer/value_syntax.h"
#include "interpreter/evaluation.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

using Family = ComparisonFamily;

Failure invalid_path(std::string_view path_text) {
  return runtime_error("Invalid path '" + std::string(path_text) +
                       "': The choice state's condition path references an invalid value.");
}

// A rule the analyzer rejects statically; evaluating it anyway is a defined failure, not a guess.
Failure malformed(const ChoiceRule& rule, std::string_view why) {
  return runtime_error("The Choice rule at '" + rule.pointer + "' is not valid: " + std::string(why));
}

// ---- string order: Java String.compareTo, i.e. UTF-16 code units ----

// Yields the UTF-16 code units of UTF-8 text one at a time. UTF-8 byte order equals code-point
// order, which differs from UTF-16 order when a character above U+FFFF (a surrogate pair,
// 0xD800..) meets one in U+E000..U+FFFF; AWS compares as Java does, so we compare code units.
// Ill-formed bytes (not produced by our parsers) are taken one at a time as their byte value.
class Utf16Units {
 public:
  explicit Utf16Units(std::string_view text) : text_(text) {}

  std::optional<char16_t> next() {
    if (pending_low_) {
      char16_t low = *pending_low_;
      pending_low_.reset();
      return low;
    }
    if (pos_ >= text_.size()) return std::nullopt;
    char32_t code_point = next_code_point(text_, pos_);
    if (code_point < 0x10000) return static_cast<char16_t>(code_point);
    code_point -= 0x10000;
    pending_low_ = static_cast<char16_t>(0xDC00 + (code_point & 0x3FF));
    return static_cast<char16_t>(0xD800 + (code_point >> 10));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<char16_t> pending_low_;
};

std::strong_ordering compare_utf16(std::string_view left, std::string_view right) {
  Utf16Units a(left), b(right);
  while (true) {
    std::optional<char16_t> x = a.next(), y = b.next();
    if (!x || !y) return x.has_value() <=> y.has_value();  // the shorter (a prefix) is less
    if (*x != *y) return *x <=> *y;
  }
}

// ---- values of a family ----

bool is_of_family(Family family, const json& value) {
  switch (family) {
    case Family::String: return value.is_string();
    case Family::Numeric: return value.is_number();  // never a boolean in nlohmann
    case Family::Boolean: return value.is_boolean();
    case Family::Timestamp: return value.is_string() && parse_timestamp(value.get_ref<const std::string&>()).has_value();
  }
  return false;
}

// Both values are of the family (is_of_family). Numbers compare as doubles: 0 == 0.0 and 1 == 1.0
// as AWS recorded; integers beyond ±(2^53−1) lose precision (2^53 + 1 == 2^53), which the spec
// warns not to rely on. Booleans only take part in equality.
std::partial_ordering order(Family family, const json& left, const json& right) {
  switch (family) {
    case Family::String:
      return compare_utf16(left.get_ref<const std::string&>(), right.get_ref<const std::string&>());
    case Family::Numeric: return left.get<double>() <=> right.get<double>();
    case Family::Boolean:
      return left.get<bool>() == right.get<bool>() ? std::partial_ordering::equivalent
                                                   : std::partial_ordering::unordered;
    case Family::Timestamp:
      return *parse_timestamp(left.get_ref<const std::string&>()) <=>
             *parse_timestamp(right.get_ref<const std::string&>());
  }
  return std::partial_ordering::unordered;
}

bool holds(Comparison comparison, std::partial_ordering result) {
  switch (comparison) {
    case Comparison::Equals: return result == 0;
    case Comparison::LessThan: return result < 0;
    case Comparison::GreaterThan: return result > 0;
    case Comparison::LessThanEquals: return result <= 0;
    case Comparison::GreaterThanEquals: return result >= 0;
  }
  return false;
}

// IsNull/IsString/IsNumeric/IsBoolean/IsTimestamp on a present value [AWS✓ test_is_operators].
bool has_type(ChoiceOperator op, const json& value) {
  switch (op) {
    case ChoiceOperator::IsNull: return value.is_null();
    case ChoiceOperator::IsString: return value.is_string();
    case ChoiceOperator::IsNumeric: return value.is_number();
    case ChoiceOperator::IsBoolean: return value.is_boolean();
    case ChoiceOperator::IsTimestamp: return is_of_family(Family::Timestamp, value);
    default: return false;
  }
}

bool is_type_test(ChoiceOperator op) {
  return op == ChoiceOperator::IsNull || op == ChoiceOperator::IsString || op == ChoiceOperator::IsNumeric ||
         op == ChoiceOperator::IsBoolean || op == ChoiceOperator::IsTimestamp;
}

Outcome<bool> evaluate_comparison(const ChoiceRule& rule, const ComparisonShape& shape, const json& variable,
                                  const EvaluationContext& context, const SemanticsOptions& semantics) {
  std::optional<json> looked_up;
  if (shape.operand_is_path) {
    if (!rule.operand_path || !rule.operand.is_string()) return malformed(rule, "the operand is not a valid path");
    const std::string& operand_text = rule.operand.get_ref<const std::string&>();
    looked_up = evaluate_path(*rule.operand_path, context.roots).value;
    if (!looked_up) return invalid_path(operand_text);  // [FLOE✓ Test3]
    if (!is_of_family(shape.family, *looked_up)) {
      // ...EqualsPath: false [FLOE✓ Test5, Test6, Test7]. Ordering: one AWS observation raised
      // [FLOE✓ Test9], hence the switch (§14).
      if (shape.comparison != Comparison::Equals && semantics.ordering_path_operand_wrong_type_raises) {
        return runtime_error("Invalid value provided at path '" + operand_text + "'");
      }
      return false;
    }
  } else if (!is_of_family(shape.family, rule.operand)) {
    return malformed(rule, "the literal operand has the wrong type for the operator");
  }
  const json& operand = looked_up ? *looked_up : rule.operand;
  if (!is_of_family(shape.family, variable)) return false;  // wrong-typed Variable [AWS✓], [FLOE✓ Test2, Test8]
  return holds(shape.comparison, order(shape.family, variable, operand));
}

Outcome<bool> evaluate_data_test(const ChoiceRule& rule, const EvaluationContext& context,
                                 const SemanticsOptions& semantics) {
  if (!rule.variable_path) return malformed(rule, "the Variable is missing or not a valid path");
  std::optional<json> variable = evaluate_path(*rule.variable_path, context.roots).value;

  if (rule.op == ChoiceOperator::IsPresent || is_type_test(rule.op)) {
    if (!rule.operand.is_boolean()) return malformed(rule, "the operand of a type test must be true or false");
    const bool expected = rule.operand.get<bool>();
    // IsPresent never raises; a present null is present [AWS✓ test_is_present].
    if (rule.op == ChoiceOperator::IsPresent) return variable.has_value() == expected;
    if (!variable) {
      if (semantics.type_test_on_missing_path_raises) return invalid_path(rule.variable);
      // As LocalStack does: a missing value has no type, so IsX:true is false and IsX:false true.
      return !expected;
    }
    return has_type(rule.op, *variable) == expected;
  }

  if (!variable) return invalid_path(rule.variable);  // [FLOE✓ Test1]

  if (rule.op == ChoiceOperator::StringMatches) {
    if (!rule.operand.is_string()) return malformed(rule, "the StringMatches pattern must be a string");
    const std::string& pattern = rule.operand.get_ref<const std::string&>();
    // A dangling (or unknown) escape is a runtime error [SPEC]; the analyzer rejects it statically.
    if (auto problem = check_string_matches_pattern(pattern)) {
      return runtime_error("Invalid StringMatches pattern '" + pattern + "': " + *problem);
    }
    if (!variable->is_string()) return false;
    return string_matches(variable->get_ref<const std::string&>(), pattern);
  }

  std::optional<ComparisonShape> shape = comparison_shape(rule.op);
  if (!shape) return malformed(rule, "it has no comparison operator");
  return evaluate_comparison(rule, *shape, *variable, context, semantics);
}

Outcome<bool> evaluate(const ChoiceRule& rule, const EvaluationContext& context, const SemanticsOptions& semantics) {
  switch (rule.op) {
    case ChoiceOperator::And:
    case ChoiceOperator::Or: {
      // A data test with no known operator is also left as an empty And by the model builder.
      if (rule.children.empty()) return malformed(rule, "it has no operator, or an empty And/Or");
      // Short-circuit left to right [SPEC]: And stops at the first false, Or at the first true;
      // an error from an element that is reached propagates.
      const bool stop_at = rule.op == ChoiceOperator::Or;
      for (const ChoiceRule& child : rule.children) {
        Outcome<bool> result = evaluate(child, context, semantics);
        if (!result.ok() || result.value() == stop_at) return result;
      }
      return !stop_at;
    }
    case ChoiceOperator::Not: {
      if (rule.children.size() != 1) return malformed(rule, "Not must hold exactly one rule");
      Outcome<bool> inner = evaluate(rule.children.front(), context, semantics);
      if (!inner.ok()) return inner;  // Not does not turn an error into true
      return !inner.value();
    }
    case ChoiceOperator::Condition:
      // JSONata Choice states are evaluated in jsonata_steps.cpp; a Condition in a JSONPath state is a
      // definition error (jsonata-only-field), so this is only a guard.
      return runtime_error("a JSONata Condition in a JSONPath Choice rule");
    default: return evaluate_data_test(rule, context, semantics);
  }
}

}  // namespace

Outcome<bool> evaluate_choice_rule(const ChoiceRule& rule, const EvaluationContext& context) {
  const SemanticsOptions defaults;
  return evaluate(rule, context, context.semantics ? *context.semantics : defaults);
}

}  // namespace sfn::interp
