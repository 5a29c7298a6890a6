// evaluate_choice_rule against asl-semantics.md §2.3–§2.5, row by row. Each test names the row it
// checks and its evidence tag, so tests/conformance/SEMANTICS.md can map every AWS-observed row here.
// AWS-recorded cases mirror LocalStack's validated snapshots (tests/aws/services/stepfunctions/v2/
// choice_operators/*) and ManageIQ/floe's test-choice-fail.asl (Test1..Test9).

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "interpreter/evaluation.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

// Builds the first rule of a one-Choice machine from the rule's JSON text (without "Next").
ChoiceRule parse_rule(std::string_view rule_json) {
  std::string rule(rule_json);
  rule.insert(rule.rfind('}'), R"(, "Next": "Done")");
  const std::string text = R"({"StartAt": "Route", "States": {"Route": {"Type": "Choice", "Choices": [)" + rule +
                           R"(], "Default": "Done"}, "Done": {"Type": "Succeed"}}})";
  ParseResult parsed = parse_json_document(text);
  EXPECT_TRUE(parsed.ok) << text;
  StateMachine machine = build_state_machine(parsed.document.root);
  const State* route = machine.find(0, "Route");
  EXPECT_TRUE(route && route->choices.size() == 1) << text;
  return route ? route->choices.at(0) : ChoiceRule{};
}

// "true", "false" or "<error>: <cause>".
std::string run(std::string_view rule_json, const json& input, const SemanticsOptions& semantics = {}) {
  const ChoiceRule rule = parse_rule(rule_json);
  const json context = {{"Execution", {{"Id", "arn:aws:states:us-east-1:123456789012:execution:m:e"}}}};
  const Variables variables = {{"limit", 10}, {"name", "abc"}};
  EvaluationContext evaluation;
  evaluation.roots = PathRoots{&input, &context, &variables};
  evaluation.semantics = &semantics;
  const Outcome<bool> outcome = evaluate_choice_rule(rule, evaluation);
  if (outcome.ok()) return outcome.value() ? "true" : "false";
  return outcome.failure().error + ": " + outcome.failure().cause.value_or("<no cause>");
}

// Inputs written as JSON text (a json value of the same text would be a JSON string).
std::string run(std::string_view rule_json, const char* input_json, const SemanticsOptions& semantics = {}) {
  return run(rule_json, json::parse(input_json), semantics);
}
std::string run(std::string_view rule_json, const std::string& input_json, const SemanticsOptions& semantics = {}) {
  return run(rule_json, json::parse(input_json), semantics);
}

std::string invalid_path(std::string_view path) {
  return "States.Runtime: Invalid path '" + std::string(path) +
         "': The choice state's condition path references an invalid value.";
}

std::string invalid_value(std::string_view path) {
  return "States.Runtime: Invalid value provided at path '" + std::string(path) + "'";
}

SemanticsOptions with_type_test_raise(bool raises) {
  SemanticsOptions options;
  options.type_test_on_missing_path_raises = raises;
  return options;
}

SemanticsOptions with_ordering_raise(bool raises) {
  SemanticsOptions options;
  options.ordering_path_operand_wrong_type_raises = raises;
  return options;
}

// A rule `{"Variable": "$.v", "<op>": <operand>}` with an operand of the right kind: a literal, or
// "$.o" for the ...Path operators.
std::string rule_for(const ChoiceOperatorInfo& info) {
  std::string operand;
  switch (info.operand) {
    case OperandKind::String: operand = R"("abc")"; break;
    case OperandKind::Pattern: operand = R"("a*")"; break;
    case OperandKind::Number: operand = "1"; break;
    case OperandKind::Boolean: operand = "true"; break;
    case OperandKind::Timestamp: operand = R"("2012-10-09T19:00:55Z")"; break;
    case OperandKind::Path: operand = R"("$.o")"; break;
    case OperandKind::TypeTest: operand = "true"; break;
    case OperandKind::None: break;
  }
  return R"({"Variable": "$.v", ")" + std::string(info.name) + R"(": )" + operand + "}";
}

bool is_type_test(ChoiceOperator op) {
  return op == ChoiceOperator::IsNull || op == ChoiceOperator::IsString || op == ChoiceOperator::IsNumeric ||
         op == ChoiceOperator::IsBoolean || op == ChoiceOperator::IsTimestamp;
}

bool is_ordering(std::string_view name) {
  return name.find("LessThan") != std::string_view::npos || name.find("GreaterThan") != std::string_view::npos;
}

// The values of LocalStack's TYPE_COMPARISONS_VARS (test_string_operators, test_numeric).
const std::vector<json>& type_comparison_values() {
  static const std::vector<json> values = {
      nullptr, 0, 0.0, 1, 1.1, "", " ", json::array(), json::array({""}), json::object(), json{{"A", 0}}, false, true,
  };
  return values;
}

// ---- all 39 operators, one true and one false outcome each ----

struct OperatorCase {
  std::string_view op;
  std::string_view rule;
  const char* true_input;
  const char* false_input;
};

const std::vector<OperatorCase>& operator_cases() {
  static const std::vector<OperatorCase> cases = {
      {"StringEquals", R"({"Variable": "$.v", "StringEquals": "Hello"})", R"({"v": "Hello"})", R"({"v": "hello"})"},
      {"StringEqualsPath", R"({"Variable": "$.v", "StringEqualsPath": "$.o"})", R"({"v": "Hello", "o": "Hello"})",
       R"({"v": " ", "o": "     "})"},
      {"StringLessThan", R"({"Variable": "$.v", "StringLessThan": "AB"})", R"({"v": "A"})", R"({"v": "AB"})"},
      {"StringLessThanPath", R"({"Variable": "$.v", "StringLessThanPath": "$.o"})", R"({"v": "A", "o": "AB"})",
       R"({"v": "AB", "o": "A"})"},
      {"StringGreaterThan", R"({"Variable": "$.v", "StringGreaterThan": "A"})", R"({"v": "AB"})",
       R"({"v": "A"})"},
      {"StringGreaterThanPath", R"({"Variable": "$.v", "StringGreaterThanPath": "$.o"})",
       R"({"v": "B", "o": "ABC"})", R"({"v": "AB", "o": "ABC"})"},
      {"StringLessThanEquals", R"({"Variable": "$.v", "StringLessThanEquals": "A"})", R"({"v": "A"})",
       R"({"v": "AB"})"},
      {"StringLessThanEqualsPath", R"({"Variable": "$.v", "StringLessThanEqualsPath": "$.o"})",
       R"({"v": "", "o": ""})", R"({"v": "AB", "o": "A"})"},
      {"StringGreaterThanEquals", R"({"Variable": "$.v", "StringGreaterThanEquals": "A"})", R"({"v": "AB"})",
       R"({"v": ""})"},
      {"StringGreaterThanEqualsPath", R"({"Variable": "$.v", "StringGreaterThanEqualsPath": "$.o"})",
       R"({"v": "", "o": ""})", R"({"v": "A", "o": "AB"})"},
      {"StringMatches", R"({"Variable": "$.v", "StringMatches": "log-*.txt"})", R"({"v": "log-2024.txt"})",
       R"({"v": "log-2024.txt.gz"})"},
      {"NumericEquals", R"({"Variable": "$.v", "NumericEquals": 1})", R"({"v": 1.0})", R"({"v": 1.5})"},
      {"NumericEqualsPath", R"({"Variable": "$.v", "NumericEqualsPath": "$.o"})", R"({"v": 2.22, "o": 2.22})",
       R"({"v": 0, "o": 1})"},
      {"NumericLessThan", R"({"Variable": "$.v", "NumericLessThan": 1})", R"({"v": 0})", R"({"v": 1})"},
      {"NumericLessThanPath", R"({"Variable": "$.v", "NumericLessThanPath": "$.o"})", R"({"v": 0, "o": 1})",
       R"({"v": 1, "o": 1})"},
      {"NumericGreaterThan", R"({"Variable": "$.v", "NumericGreaterThan": 0})", R"({"v": 1})", R"({"v": -0})"},
      {"NumericGreaterThanPath", R"({"Variable": "$.v", "NumericGreaterThanPath": "$.o"})",
       R"({"v": 1, "o": 0})", R"({"v": 0.0, "o": 0})"},
      {"NumericLessThanEquals", R"({"Variable": "$.v", "NumericLessThanEquals": 1})", R"({"v": 1})",
       R"({"v": 1.000001})"},
      {"NumericLessThanEqualsPath", R"({"Variable": "$.v", "NumericLessThanEqualsPath": "$.o"})",
       R"({"v": 0.0, "o": 0})", R"({"v": 1, "o": 0})"},
      {"NumericGreaterThanEquals", R"({"Variable": "$.v", "NumericGreaterThanEquals": 20})", R"({"v": 20.0})",
       R"({"v": 19.99})"},
      {"NumericGreaterThanEqualsPath", R"({"Variable": "$.v", "NumericGreaterThanEqualsPath": "$.o"})",
       R"({"v": 1, "o": 1})", R"({"v": 0, "o": 1})"},
      {"BooleanEquals", R"({"Variable": "$.v", "BooleanEquals": false})", R"({"v": false})", R"({"v": true})"},
      {"BooleanEqualsPath", R"({"Variable": "$.v", "BooleanEqualsPath": "$.o"})", R"({"v": true, "o": true})",
       R"({"v": false, "o": true})"},
      {"TimestampEquals", R"({"Variable": "$.v", "TimestampEquals": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T20:00:55+01:00"})", R"({"v": "2012-10-09T19:00:56Z"})"},
      {"TimestampEqualsPath", R"({"Variable": "$.v", "TimestampEqualsPath": "$.o"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:55.000Z"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:56Z"})"},
      {"TimestampLessThan", R"({"Variable": "$.v", "TimestampLessThan": "2012-10-09T19:00:56Z"})",
       R"({"v": "2012-10-09T19:00:55Z"})", R"({"v": "2012-10-09T19:00:56Z"})"},
      {"TimestampLessThanPath", R"({"Variable": "$.v", "TimestampLessThanPath": "$.o"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:56Z"})",
       R"({"v": "2012-10-09T19:00:56Z", "o": "2012-10-09T19:00:55Z"})"},
      {"TimestampGreaterThan", R"({"Variable": "$.v", "TimestampGreaterThan": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:56Z"})", R"({"v": "2012-10-09T19:00:55Z"})"},
      {"TimestampGreaterThanPath", R"({"Variable": "$.v", "TimestampGreaterThanPath": "$.o"})",
       R"({"v": "2012-10-09T19:00:56Z", "o": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:56Z"})"},
      {"TimestampLessThanEquals", R"({"Variable": "$.v", "TimestampLessThanEquals": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:55Z"})", R"({"v": "2012-10-09T19:00:56Z"})"},
      {"TimestampLessThanEqualsPath", R"({"Variable": "$.v", "TimestampLessThanEqualsPath": "$.o"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:56Z", "o": "2012-10-09T19:00:55Z"})"},
      {"TimestampGreaterThanEquals", R"({"Variable": "$.v", "TimestampGreaterThanEquals": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:55Z"})", R"({"v": "2012-10-09T19:00:54.999Z"})"},
      {"TimestampGreaterThanEqualsPath", R"({"Variable": "$.v", "TimestampGreaterThanEqualsPath": "$.o"})",
       R"({"v": "2012-10-09T19:00:56Z", "o": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09T19:00:56Z"})"},
      {"IsNull", R"({"Variable": "$.v", "IsNull": true})", R"({"v": null})", R"({"v": 0})"},
      {"IsPresent", R"({"Variable": "$.v", "IsPresent": true})", R"({"v": null})", R"({"w": 1})"},
      {"IsNumeric", R"({"Variable": "$.v", "IsNumeric": true})", R"({"v": 1.1})", R"({"v": "1"})"},
      {"IsString", R"({"Variable": "$.v", "IsString": true})", R"({"v": ""})", R"({"v": ["a"]})"},
      {"IsBoolean", R"({"Variable": "$.v", "IsBoolean": true})", R"({"v": false})", R"({"v": 0})"},
      {"IsTimestamp", R"({"Variable": "$.v", "IsTimestamp": true})", R"({"v": "2012-10-09T19:00:55Z"})",
       R"({"v": "2012-10-09T19:00:55"})"},
  };
  return cases;
}

TEST(ChoiceEval, EveryOperatorHasATrueAndAFalseOutcome) {  // §2.2 the 39 data tests
  std::set<std::string_view> covered;
  for (const OperatorCase& c : operator_cases()) {
    covered.insert(c.op);
    EXPECT_EQ(run(c.rule, c.true_input), "true") << c.op << " on " << c.true_input;
    EXPECT_EQ(run(c.rule, c.false_input), "false") << c.op << " on " << c.false_input;
  }
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    EXPECT_TRUE(covered.count(info.name)) << info.name << " has no case";
  }
  EXPECT_EQ(covered.size(), 39u);
}

// ---- §2.3 row: Variable path does not exist ----

// §2.3 [FLOE✓ Test1] missing Variable -> States.Runtime "Invalid path ..." for every operator but
// IsPresent (and the type tests, which have their own switch; see below).
TEST(ChoiceEval, MissingVariableRaisesForEveryComparisonOperator) {
  const json input = {{"o", "x"}, {"w", 1}};
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (info.op == ChoiceOperator::IsPresent || is_type_test(info.op)) continue;
    EXPECT_EQ(run(rule_for(info), input), invalid_path("$.v")) << info.name;
  }
}

TEST(ChoiceEval, MissingVariableRaisesFloeTest1) {  // §2.3 [FLOE✓ Test1]
  EXPECT_EQ(run(R"({"Variable": "$.missing", "NumericEquals": 1})", R"({"test": 1})"), invalid_path("$.missing"));
  // The message names the Variable exactly as written.
  EXPECT_EQ(run(R"({"Variable": "$['a'].b", "StringEquals": "x"})", R"({"a": {}})"), invalid_path("$['a'].b"));
  // A missing intermediate object is as missing as a missing leaf.
  EXPECT_EQ(run(R"({"Variable": "$.a.b.c", "StringEquals": "x"})", R"({"a": 1})"), invalid_path("$.a.b.c"));
}

// §2.3 "Same, but wrapped in Not/Or/And": still States.Runtime [DG example, SPEC short-circuit].
TEST(ChoiceEval, MissingVariableUnderNotStillRaises) {
  EXPECT_EQ(run(R"({"Not": {"Variable": "$.v", "StringEquals": "x"}})", "{}"), invalid_path("$.v"));
  EXPECT_EQ(run(R"({"Not": {"Not": {"Variable": "$.v", "NumericEquals": 1}}})", "{}"), invalid_path("$.v"));
}

TEST(ChoiceEval, MissingVariableUnderAndOrRaisesWhenReached) {  // §2.3 wrapped row
  EXPECT_EQ(run(R"({"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.v", "NumericEquals": 1}]})",
                R"({"a": 1})"),
            invalid_path("$.v"));
  EXPECT_EQ(run(R"({"Or": [{"Variable": "$.a", "NumericEquals": 2}, {"Variable": "$.v", "NumericEquals": 1}]})",
                R"({"a": 1})"),
            invalid_path("$.v"));
  // The first failing element's error is the one reported.
  EXPECT_EQ(run(R"({"And": [{"Variable": "$.x", "NumericEquals": 1}, {"Variable": "$.y", "NumericEquals": 1}]})",
                "{}"),
            invalid_path("$.x"));
}

// ---- §2.1 short-circuit ----

// §2.1 / §2.3 [SPEC; DG example] an IsPresent guard in an And prevents the later States.Runtime.
TEST(ChoiceEval, AndShortCircuitsOnIsPresentGuard) {
  const std::string_view guarded =
      R"({"And": [{"Variable": "$.v", "IsPresent": true}, {"Variable": "$.v", "NumericGreaterThanEquals": 20}]})";
  EXPECT_EQ(run(guarded, "{}"), "false");
  EXPECT_EQ(run(guarded, R"({"v": 25})"), "true");
  EXPECT_EQ(run(guarded, R"({"v": 5})"), "false");
  EXPECT_EQ(run(guarded, R"({"v": "25"})"), "false");
}

TEST(ChoiceEval, OrStopsAtFirstTrue) {  // §2.1 short-circuit [SPEC]
  EXPECT_EQ(run(R"({"Or": [{"Variable": "$.a", "NumericEquals": 1}, {"Variable": "$.v", "NumericEquals": 1}]})",
                R"({"a": 1})"),
            "true");
  EXPECT_EQ(run(R"({"Or": [{"Variable": "$.v", "IsPresent": false}, {"Variable": "$.v", "StringEquals": "x"}]})",
                "{}"),
            "true");
  EXPECT_EQ(run(R"({"Or": [{"Variable": "$.a", "NumericEquals": 2}, {"Variable": "$.a", "NumericEquals": 3}]})",
                R"({"a": 1})"),
            "false");
}

TEST(ChoiceEval, AndOrNotCombine) {  // §2.1 boolean expressions
  const std::string_view rule =
      R"({"Or": [{"Not": {"Variable": "$.type", "StringEquals": "Private"}},
                 {"And": [{"Variable": "$.v", "NumericGreaterThan": 1}, {"Variable": "$.v", "NumericLessThan": 3}]}]})";
  EXPECT_EQ(run(rule, R"({"type": "Public"})"), "true");
  EXPECT_EQ(run(rule, R"({"type": "Private", "v": 2})"), "true");
  EXPECT_EQ(run(rule, R"({"type": "Private", "v": 3})"), "false");
  EXPECT_EQ(run(rule, R"({"type": "Private"})"), invalid_path("$.v"));
  EXPECT_EQ(run(R"({"Not": {"Variable": "$.v", "StringEquals": "x"}})", R"({"v": "x"})"), "false");
  EXPECT_EQ(run(R"({"Not": {"Variable": "$.v", "StringEquals": "x"}})", R"({"v": 1})"), "true");
  EXPECT_EQ(run(R"({"And": [{"Variable": "$.v", "IsString": true}]})", R"({"v": "x"})"), "true");
}

// ---- §2.3 rows: IsPresent ----

TEST(ChoiceEval, IsPresentOnMissingPath) {  // §2.3 [SPEC] IsPresent:true -> false, IsPresent:false -> true
  EXPECT_EQ(run(R"({"Variable": "$.v", "IsPresent": true})", "{}"), "false");
  EXPECT_EQ(run(R"({"Variable": "$.v", "IsPresent": false})", "{}"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.a.b", "IsPresent": true})", R"({"a": "text"})"), "false");
  EXPECT_EQ(run(R"({"Variable": "$.a[3]", "IsPresent": true})", R"({"a": [0]})"), "false");
}

// §2.3 [AWS✓ test_is_present]: every present value, null included, is present.
TEST(ChoiceEval, IsPresentOnPresentValuesIncludingNull) {
  for (const json& value : type_comparison_values()) {
    const json input = {{"v", value}};
    EXPECT_EQ(run(R"({"Variable": "$.v", "IsPresent": true})", input), "true") << value;
    EXPECT_EQ(run(R"({"Variable": "$.v", "IsPresent": false})", input), "false") << value;
  }
}

// ---- §2.3 / §14 uncertain row: type tests on a missing path (both switch settings) ----

TEST(ChoiceEval, TypeTestOnMissingPathRaisesByDefault) {  // §2.3 uncertain row, switch on [SPEC], [ALS]
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (!is_type_test(info.op)) continue;
    const std::string name(info.name);
    for (std::string_view literal : {"true", "false"}) {
      const std::string rule = R"({"Variable": "$.v", ")" + name + R"(": )" + std::string(literal) + "}";
      EXPECT_EQ(run(rule, "{}", with_type_test_raise(true)), invalid_path("$.v")) << rule;
      EXPECT_EQ(run(rule, "{}"), invalid_path("$.v")) << rule << " (default)";
    }
  }
}

TEST(ChoiceEval, TypeTestOnMissingPathIsFalseWhenSwitchedOff) {  // §2.3 uncertain row, switch off [LS]
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (!is_type_test(info.op)) continue;
    const std::string name(info.name);
    // The missing value has no type: IsX:true is false, IsX:false (negated) is true, as LocalStack.
    EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": true})", "{}", with_type_test_raise(false)), "false")
        << name;
    EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": false})", "{}", with_type_test_raise(false)), "true")
        << name;
  }
  // Other operators are not affected by this switch.
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "x"})", "{}", with_type_test_raise(false)), invalid_path("$.v"));
}

// ---- type-test truth table [AWS✓ test_is_operators] ----

struct TypeRow {
  json value;
  bool is_null, is_numeric, is_string, is_boolean, is_timestamp;
};

TEST(ChoiceEval, TypeTestTruthTable) {  // §2.3 type-test truth table [AWS✓ test_is_operators]
  const std::vector<TypeRow> rows = {
      {nullptr, true, false, false, false, false},
      {0, false, true, false, false, false},
      {0.0, false, true, false, false, false},
      {1, false, true, false, false, false},
      {1.1, false, true, false, false, false},
      {"", false, false, true, false, false},
      {" ", false, false, true, false, false},
      {"HelloWorld", false, false, true, false, false},
      {"1", false, false, true, false, false},  // numeric strings are strings, not numbers
      {"2012-10-09T19:00:55", false, false, true, false, false},  // no Z: not a timestamp (§2.5)
      {"2012-10-09T19:00:55Z", false, false, true, false, true},
      {"2012-10-09T19:00:55+01:00", false, false, true, false, true},
      {"2023-02-24", false, false, true, false, false},
      {json::array(), false, false, false, false, false},
      {json::array({""}), false, false, false, false, false},
      {json::object(), false, false, false, false, false},
      {json{{"A", 0}}, false, false, false, false, false},
      {true, false, false, false, true, false},
      {false, false, false, false, true, false},
  };
  const auto check = [](std::string_view op, const json& value, bool expected) {
    const json input = {{"v", value}};
    const std::string name(op);
    EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": true})", input), expected ? "true" : "false")
        << op << " " << value;
    // `false` negates [AWS✓ test_is_operators, Value=false rows].
    EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": false})", input), expected ? "false" : "true")
        << op << ": false on " << value;
  };
  for (const TypeRow& row : rows) {
    check("IsNull", row.value, row.is_null);
    check("IsNumeric", row.value, row.is_numeric);
    check("IsString", row.value, row.is_string);
    check("IsBoolean", row.value, row.is_boolean);
    check("IsTimestamp", row.value, row.is_timestamp);  // §2.5 profile (LocalStack recorded no AWS run)
  }
}

TEST(ChoiceEval, IsTimestampFollowsTheProfile) {  // §2.5 [SPEC, DG, AWS✓ test_wait_timestamppath]
  const auto is_timestamp = [](std::string_view text) {
    return run(R"({"Variable": "$.v", "IsTimestamp": true})", json{{"v", text}});
  };
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00Z"), "true");
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00.00Z"), "true");
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00.000000Z"), "true");
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00-05:30"), "true");
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00.000000"), "false");
  EXPECT_EQ(is_timestamp("2016-03-14t01:59:00Z"), "false");
  EXPECT_EQ(is_timestamp("2016-03-14 01:59:00Z"), "false");
  EXPECT_EQ(is_timestamp("2016-13-14T01:59:00Z"), "false");
  EXPECT_EQ(is_timestamp("2016-03-14T25:59:00Z"), "false");
  EXPECT_EQ(is_timestamp("14-03-2016T01:59:00Z"), "false");
  EXPECT_EQ(is_timestamp("2016-03-14T01:59:00z"), "false");
}

// ---- §2.3 row: Variable present but of the wrong type -> false, no error ----

// §2.3 [AWS✓ test_string_operators] StringEquals on 0/null/[]/{}/true -> false; same for every
// String operator and StringMatches.
TEST(ChoiceEval, StringOperatorsOnWrongTypeAreFalse) {
  const std::vector<std::string_view> rules = {
      R"({"Variable": "$.v", "StringEquals": "HelloWorld"})",
      R"({"Variable": "$.v", "StringLessThan": "zzz"})",
      R"({"Variable": "$.v", "StringGreaterThan": ""})",
      R"({"Variable": "$.v", "StringLessThanEquals": "zzz"})",
      R"({"Variable": "$.v", "StringGreaterThanEquals": ""})",
      R"({"Variable": "$.v", "StringMatches": "*"})",
      R"({"Variable": "$.v", "StringEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "StringLessThanPath": "$.o"})",
      R"({"Variable": "$.v", "StringGreaterThanPath": "$.o"})",
      R"({"Variable": "$.v", "StringLessThanEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "StringGreaterThanEqualsPath": "$.o"})",
  };
  for (const json& value : type_comparison_values()) {
    if (value.is_string()) continue;
    const json input = {{"v", value}, {"o", ""}};
    for (std::string_view rule : rules) EXPECT_EQ(run(rule, input), "false") << rule << " on " << value;
  }
}

// §2.3 [AWS✓ test_numeric] NumericEquals on "" / null / true -> false; every Numeric operator.
TEST(ChoiceEval, NumericOperatorsOnWrongTypeAreFalse) {
  const std::vector<std::string_view> rules = {
      R"({"Variable": "$.v", "NumericEquals": 0})",
      R"({"Variable": "$.v", "NumericLessThan": 100})",
      R"({"Variable": "$.v", "NumericGreaterThan": -100})",
      R"({"Variable": "$.v", "NumericLessThanEquals": 100})",
      R"({"Variable": "$.v", "NumericGreaterThanEquals": -100})",
      R"({"Variable": "$.v", "NumericEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "NumericLessThanPath": "$.o"})",
      R"({"Variable": "$.v", "NumericGreaterThanPath": "$.o"})",
      R"({"Variable": "$.v", "NumericLessThanEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "NumericGreaterThanEqualsPath": "$.o"})",
  };
  std::vector<json> values = type_comparison_values();
  values.push_back("0");  // a numeric string is not a number
  for (const json& value : values) {
    if (value.is_number()) continue;
    const json input = {{"v", value}, {"o", 0}};
    for (std::string_view rule : rules) EXPECT_EQ(run(rule, input), "false") << rule << " on " << value;
  }
}

// §2.3 [AWS✓ test_boolean_equals, test_boolean_equals_path] the full recorded table: only
// booleans can equal; 0/1/""/null/[]/{} -> false.
TEST(ChoiceEval, BooleanEqualsRecordedTable) {
  struct Row {
    json variable;
    bool value;
    bool expected;
  };
  std::vector<Row> rows;
  for (const json& variable : {json(nullptr), json(0), json(0.0), json(1), json(1.1), json(""), json(" "),
                               json("HelloWorld"), json("2012-10-09T19:00:55"), json("2012-10-09T19:00:55Z"),
                               json("2012-10-09T19:00:55+01:00"), json("2023-02-24"), json::array(),
                               json::array({""}), json::object(), json{{"A", 0}}}) {
    rows.push_back({variable, true, false});
    rows.push_back({variable, false, false});
  }
  rows.push_back({true, true, true});
  rows.push_back({false, true, false});
  rows.push_back({false, false, true});
  rows.push_back({true, false, false});
  for (const Row& row : rows) {
    const json input = {{"Variable", row.variable}, {"Value", row.value}};
    const std::string literal = row.value ? "true" : "false";
    const std::string expected = row.expected ? "true" : "false";
    EXPECT_EQ(run(R"({"Variable": "$.Variable", "BooleanEquals": )" + literal + "}", input), expected) << input;
    EXPECT_EQ(run(R"({"Variable": "$.Variable", "BooleanEqualsPath": "$.Value"})", input), expected) << input;
  }
}

// §2.3 [AWS✓ test_timestamp_operators] "2023-02-24 12:15:56.832957", numbers, null, ... -> false.
TEST(ChoiceEval, TimestampOperatorsOnWrongTypeAreFalse) {
  const std::vector<std::string_view> rules = {
      R"({"Variable": "$.v", "TimestampEquals": "2012-10-09T19:00:55Z"})",
      R"({"Variable": "$.v", "TimestampLessThan": "2100-01-01T00:00:00Z"})",
      R"({"Variable": "$.v", "TimestampGreaterThan": "1900-01-01T00:00:00Z"})",
      R"({"Variable": "$.v", "TimestampLessThanEquals": "2100-01-01T00:00:00Z"})",
      R"({"Variable": "$.v", "TimestampGreaterThanEquals": "1900-01-01T00:00:00Z"})",
      R"({"Variable": "$.v", "TimestampEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "TimestampLessThanPath": "$.o"})",
      R"({"Variable": "$.v", "TimestampGreaterThanPath": "$.o"})",
      R"({"Variable": "$.v", "TimestampLessThanEqualsPath": "$.o"})",
      R"({"Variable": "$.v", "TimestampGreaterThanEqualsPath": "$.o"})",
  };
  std::vector<json> values = type_comparison_values();
  values.insert(values.end(), {"2023-02-24 12:15:56.832957", "2012-10-09T19:00:55", "2012-10-09T25:00:55Z"});
  for (const json& value : values) {
    const json input = {{"v", value}, {"o", "2012-10-09T19:00:55Z"}};
    for (std::string_view rule : rules) EXPECT_EQ(run(rule, input), "false") << rule << " on " << value;
  }
}

// ---- §2.3 rows on ...Path operands ----

// §2.3 [FLOE✓ Test3] missing operand path -> States.Runtime naming the operand path, for all 16.
TEST(ChoiceEval, MissingOperandPathRaisesNamingIt) {
  EXPECT_EQ(run(R"({"Variable": "$.num1", "NumericEqualsPath": "$.missing"})", R"({"num1": 1})"),
            invalid_path("$.missing"));
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (info.operand != OperandKind::Path) continue;
    EXPECT_EQ(run(rule_for(info), R"({"v": "x"})"), invalid_path("$.o")) << info.name;
    // Also when the Variable has the wrong type: both paths are looked up before any type check.
    EXPECT_EQ(run(rule_for(info), R"({"v": [1]})"), invalid_path("$.o")) << info.name;
  }
  // A missing Variable is reported first.
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEqualsPath": "$.o"})", "{}"), invalid_path("$.v"));
}

// §2.3 [FLOE✓ Test5, Test6, Test7] ...EqualsPath with an operand of the wrong type -> false, with
// either setting of the ordering switch.
TEST(ChoiceEval, EqualsPathOperandOfWrongTypeIsFalse) {
  for (bool raises : {true, false}) {
    const SemanticsOptions options = with_ordering_raise(raises);
    const json floe = {{"num1", 1}, {"str1", "1"}, {"num2", 1}, {"str2", "1"}};
    EXPECT_EQ(run(R"({"Variable": "$.num1", "NumericEqualsPath": "$.str2"})", floe, options), "false");  // Test5
    EXPECT_EQ(run(R"({"Variable": "$.str1", "NumericEqualsPath": "$.str2"})", floe, options), "false");  // Test6
    EXPECT_EQ(run(R"({"Variable": "$.num1", "StringEqualsPath": "$.num2"})", floe, options), "false");   // Test7
    EXPECT_EQ(run(R"({"Variable": "$.v", "BooleanEqualsPath": "$.o"})", R"({"v": true, "o": "true"})", options),
              "false");
    EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampEqualsPath": "$.o"})",
                  R"({"v": "2012-10-09T19:00:55Z", "o": "2012-10-09 19:00:55Z"})", options),
              "false");
    EXPECT_EQ(run(R"({"Variable": "$.v", "StringEqualsPath": "$.o"})", R"({"v": "x", "o": null})", options), "false");
  }
}

// §2.3 / §14 [FLOE✓ Test9] ordering ...Path whose operand has the wrong type: raise by default
// ("Invalid value provided at path"), false when switched off. All 12 ordering ...Path operators.
TEST(ChoiceEval, OrderingPathOperandOfWrongType) {
  const json floe = {{"num1", 1}, {"str1", "1"}, {"num2", 1}, {"str2", "1"}};
  EXPECT_EQ(run(R"({"Variable": "$.num1", "StringGreaterThanPath": "$.num2"})", floe), invalid_value("$.num2"));
  EXPECT_EQ(run(R"({"Variable": "$.num1", "StringGreaterThanPath": "$.num2"})", floe, with_ordering_raise(false)),
            "false");
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (info.operand != OperandKind::Path || !is_ordering(info.name)) continue;
    const bool numeric = info.name.starts_with("Numeric");
    const bool timestamp = info.name.starts_with("Timestamp");
    // A Variable of the right type and an operand of the wrong one; then both wrong (Test9).
    const json right_variable = numeric ? json(1) : timestamp ? json("2012-10-09T19:00:55Z") : json("abc");
    for (const json& variable : {right_variable, json::array()}) {
      const json input = {{"v", variable}, {"o", numeric ? json("1") : json(1)}};
      EXPECT_EQ(run(rule_for(info), input, with_ordering_raise(true)), invalid_value("$.o")) << info.name << input;
      EXPECT_EQ(run(rule_for(info), input, with_ordering_raise(false)), "false") << info.name << input;
    }
    if (timestamp) {
      // A string that is not a timestamp is the wrong type for a Timestamp operand.
      const json input = {{"v", right_variable}, {"o", "2012-10-09"}};
      EXPECT_EQ(run(rule_for(info), input, with_ordering_raise(true)), invalid_value("$.o")) << info.name;
      EXPECT_EQ(run(rule_for(info), input, with_ordering_raise(false)), "false") << info.name;
    }
  }
}

// §2.3 [FLOE✓ Test8; AWS✓ test_numeric_equals_path] ordering ...Path where only the Variable has
// the wrong type -> false, with either setting of the switch.
TEST(ChoiceEval, OrderingPathWithOnlyVariableOfWrongTypeIsFalse) {
  const json floe = {{"num1", 1}, {"str1", "1"}, {"num2", 1}, {"str2", "1"}};
  for (bool raises : {true, false}) {
    const SemanticsOptions options = with_ordering_raise(raises);
    EXPECT_EQ(run(R"({"Variable": "$.num1", "StringGreaterThanPath": "$.str2"})", floe, options), "false");  // Test8
    for (const ChoiceOperatorInfo& info : comparison_operators()) {
      if (info.operand != OperandKind::Path || !is_ordering(info.name)) continue;
      const bool numeric = info.name.starts_with("Numeric");
      const bool timestamp = info.name.starts_with("Timestamp");
      const json operand = numeric ? json(1) : timestamp ? json("2012-10-09T19:00:55Z") : json("abc");
      for (const json& variable : {json(nullptr), json(true), json::object(), numeric ? json("1") : json(1)}) {
        EXPECT_EQ(run(rule_for(info), json{{"v", variable}, {"o", operand}}, options), "false")
            << info.name << " on " << variable;
      }
    }
  }
}

// [AWS✓ test_numeric_equals_path] the recorded NumericEqualsPath table over TYPE_COMPARISONS_VARS.
TEST(ChoiceEval, NumericEqualsPathRecordedTable) {
  for (const json& variable : type_comparison_values()) {
    for (const json& value : {json(0), json(0.0), json(1), json(1.0)}) {
      const bool expected = variable.is_number() && variable.get<double>() == value.get<double>();
      EXPECT_EQ(run(R"({"Variable": "$.Variable", "NumericEqualsPath": "$.Value"})",
                    json{{"Variable", variable}, {"Value", value}}),
                expected ? "true" : "false")
          << variable << " vs " << value;
    }
  }
}

// ---- §2.3 numeric comparison ----

TEST(ChoiceEval, NumericComparesAsNumbers) {  // §2.3 [AWS✓ test_numeric] 0 == 0.0, 1 == 1.0
  for (std::string_view literal : {"0", "0.0"}) {
    for (const char* data : {R"({"v": 0})", R"({"v": 0.0})", R"({"v": -0})", R"({"v": -0.0})"}) {
      EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": )" + std::string(literal) + "}", data), "true")
          << literal << " " << data;
    }
  }
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 1})", R"({"v": 1.0})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 1.0})", R"({"v": 1})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 2.22})", R"({"v": 2.22})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 1e2})", R"({"v": 100})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericLessThan": -1})", R"({"v": -1.5})"), "true");
  // Unsigned 64-bit and signed values compare across representations.
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericGreaterThan": -1})", R"({"v": 18446744073709551615})"), "true");
}

// [AWS✓ test_numeric] the recorded ordering pairs (variable, value):
// (-0,0), (0.0,0), (0,1), (1,1), (1,0) for GreaterThan/GreaterThanEquals/LessThan/LessThanEquals.
TEST(ChoiceEval, NumericOrderingRecordedPairs) {
  struct Pair {
    std::string_view variable, value;
    int sign;  // variable <=> value
  };
  const std::vector<Pair> pairs = {{"-0", "0", 0}, {"0.0", "0", 0}, {"0", "1", -1}, {"1", "1", 0}, {"1", "0", 1}};
  for (const Pair& p : pairs) {
    const std::string input = R"({"v": )" + std::string(p.variable) + R"(, "o": )" + std::string(p.value) + "}";
    const auto expect = [&](std::string_view op, bool expected) {
      const std::string name(op);
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": )" + std::string(p.value) + "}", input),
                expected ? "true" : "false")
          << name << " " << input;
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(Path": "$.o"})", input), expected ? "true" : "false")
          << name << "Path " << input;
    };
    expect("NumericGreaterThan", p.sign > 0);
    expect("NumericGreaterThanEquals", p.sign >= 0);
    expect("NumericLessThan", p.sign < 0);
    expect("NumericLessThanEquals", p.sign <= 0);
    expect("NumericEquals", p.sign == 0);
  }
}

// §2.3 [SPEC] integers beyond ±(2^53−1) are not to be trusted: we compare every number as a double,
// so 2^53 + 1 equals 2^53 (documented choice).
TEST(ChoiceEval, LargeIntegersCompareAsDoubles) {
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 9007199254740992})", R"({"v": 9007199254740993})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericGreaterThan": 9007199254740992})", R"({"v": 9007199254740993})"),
            "false");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericEquals": 9007199254740991})", R"({"v": 9007199254740990})"), "false");
}

// ---- §2.3 string ordering ----

// §2.3 [AWS✓ test_string_operators] "A" < "AB", "AB" > "ABC" false, "" >= "" true, and the other
// recorded pairs; literal and ...Path forms agree.
TEST(ChoiceEval, StringOrderingRecordedPairs) {
  struct Pair {
    std::string variable, value;
    int sign;
  };
  const std::vector<Pair> pairs = {{"", "", 0},         {"A", "AB", -1}, {"AB", "A", 1},
                                   {"A", "A ", -1},     {"A", "A\t\n\r", -1}, {"AB", "ABC", -1}};
  for (const Pair& p : pairs) {
    const json input = {{"v", p.variable}, {"o", p.value}};
    const auto expect = [&](std::string_view op, bool expected) {
      const std::string name(op);
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": )" + json(p.value).dump() + "}", input),
                expected ? "true" : "false")
          << name << " " << input;
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(Path": "$.o"})", input), expected ? "true" : "false")
          << name << "Path " << input;
    };
    expect("StringEquals", p.sign == 0);
    expect("StringLessThan", p.sign < 0);
    expect("StringGreaterThan", p.sign > 0);
    expect("StringLessThanEquals", p.sign <= 0);
    expect("StringGreaterThanEquals", p.sign >= 0);
  }
}

TEST(ChoiceEval, StringEqualityIsExact) {  // §2.3 [AWS✓ test_string_equals] no trimming, case or normalisation
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "     "})", R"({"v": " "})"), "false");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "\t\r\n"})", R"({"v": "\t\n"})"), "false");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "Hello"})", R"({"v": "Hello"})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "hello"})", R"({"v": "Hello"})"), "false");
  // "é" precomposed (U+00E9) vs "e" + combining acute (U+0065 U+0301): different strings.
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "\u00e9"})", R"({"v": "e\u0301"})"), "false");
}

// §2.3 [DG, SPEC] Java String.compareTo: UTF-16 code units, no case folding. U+1F600 (surrogates
// D83D DE00) sorts *before* U+FF61 in UTF-16, although its UTF-8 bytes (F0 ...) sort after (EF ...).
TEST(ChoiceEval, StringOrderIsUtf16CodeUnitOrder) {
  const json input = {{"emoji", "\U0001F600"}, {"halfwidth", "\uFF61"}, {"private", "\uE000"}, {"upper", "B"},
                      {"lower", "a"}, {"accent", "\u00e9"}};
  EXPECT_EQ(run(R"({"Variable": "$.emoji", "StringLessThanPath": "$.halfwidth"})", input), "true");
  EXPECT_EQ(run(R"({"Variable": "$.emoji", "StringLessThanPath": "$.private"})", input), "true");
  EXPECT_EQ(run(R"({"Variable": "$.halfwidth", "StringGreaterThanPath": "$.emoji"})", input), "true");
  EXPECT_EQ(run(R"({"Variable": "$.emoji", "StringGreaterThanPath": "$.accent"})", input), "true");
  EXPECT_EQ(run(R"({"Variable": "$.lower", "StringGreaterThanPath": "$.upper"})", input), "true");  // 'a' > 'B'
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringLessThan": "\uFF61"})", json{{"v", "x\U0001F600"}}), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringLessThan": "x\uFF61"})", json{{"v", "x\U0001F600"}}), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringLessThan": "\ud83d\ude01"})", json{{"v", "\U0001F600"}}), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringLessThan": "\ud83d\ude00"})", json{{"v", "\U0001F600"}}), "false");
}

TEST(ChoiceEval, StringOperatorsMatchTimestampStrings) {  // §2.3 a timestamp string can be matched by String operators
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEquals": "2012-10-09T19:00:55Z"})", R"({"v": "2012-10-09T19:00:55Z"})"),
            "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringLessThan": "2013"})", R"({"v": "2012-10-09T19:00:55Z"})"), "true");
}

// ---- §2.5 timestamps ----

// [AWS✓ test_timestamp_operators] T0 = 19:00:55Z, T1 = 19:00:56Z over (T0,T0), (T0,T1), (T1,T0).
TEST(ChoiceEval, TimestampRecordedPairs) {
  const std::string t0 = "2012-10-09T19:00:55Z", t1 = "2012-10-09T19:00:56Z";
  struct Pair {
    std::string variable, value;
    int sign;
  };
  for (const Pair& p : std::vector<Pair>{{t0, t0, 0}, {t0, t1, -1}, {t1, t0, 1}}) {
    const json input = {{"v", p.variable}, {"o", p.value}};
    const auto expect = [&](std::string_view op, bool expected) {
      const std::string name(op);
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(": ")" + p.value + R"("})", input),
                expected ? "true" : "false")
          << name << " " << input;
      EXPECT_EQ(run(R"({"Variable": "$.v", ")" + name + R"(Path": "$.o"})", input), expected ? "true" : "false")
          << name << "Path " << input;
    };
    expect("TimestampEquals", p.sign == 0);
    expect("TimestampLessThan", p.sign < 0);
    expect("TimestampGreaterThan", p.sign > 0);
    expect("TimestampLessThanEquals", p.sign <= 0);
    expect("TimestampGreaterThanEquals", p.sign >= 0);
  }
}

TEST(ChoiceEval, TimestampsCompareAsInstants) {  // §2.5 comparison is by instant in time
  EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampEquals": "2012-10-09T19:00:55Z"})",
                R"({"v": "2012-10-09T21:30:55+02:30"})"),
            "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampEquals": "2012-10-09T19:00:55Z"})",
                R"({"v": "2012-10-09T19:00:55.000000Z"})"),
            "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampLessThan": "2012-10-09T19:00:55.5Z"})",
                R"({"v": "2012-10-09T19:00:55.499Z"})"),
            "true");
  // String order would say otherwise: "...T20:00:00+02:00" (18:00Z) is before 19:00Z.
  EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampLessThan": "2012-10-09T19:00:00Z"})",
                R"({"v": "2012-10-09T20:00:00+02:00"})"),
            "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "TimestampGreaterThan": "2012-12-31T23:59:59Z"})",
                R"({"v": "2013-01-01T00:00:00Z"})"),
            "true");
}

// ---- §2.4 StringMatches ----

TEST(ChoiceEval, StringMatchesSpecExamples) {  // §2.4 [SPEC]
  const auto matches = [](std::string_view pattern, std::string_view text) {
    return run(R"({"Variable": "$.v", "StringMatches": )" + json(pattern).dump() + "}", json{{"v", text}});
  };
  EXPECT_EQ(matches("foo*.log", "foo23.log"), "true");
  EXPECT_EQ(matches("*.log", "zebra.log"), "true");
  EXPECT_EQ(matches("foo*.*", "foobar.zebra"), "true");
  EXPECT_EQ(matches("foo*.log", "foo23.log.old"), "false");  // whole string
  EXPECT_EQ(matches("foo*.log", "xfoo23.log"), "false");
  EXPECT_EQ(matches("*.LOG", "zebra.log"), "false");  // case-sensitive
  EXPECT_EQ(matches("*", ""), "true");
  EXPECT_EQ(matches("", ""), "true");
  EXPECT_EQ(matches("", "a"), "false");
  EXPECT_EQ(matches("a?c", "abc"), "false");  // no ? wildcard
  EXPECT_EQ(matches("a[b]c", "abc"), "false");  // no classes
  EXPECT_EQ(matches("a[b]c", "a[b]c"), "true");
  EXPECT_EQ(matches("\u00e9*\U0001F600", "\u00e9t\u00e9\U0001F600"), "true");
}

TEST(ChoiceEval, StringMatchesEscapes) {  // §2.4 [SPEC] \* literal star, \\ literal backslash
  const auto matches = [](std::string_view pattern, std::string_view text) {
    return run(R"({"Variable": "$.v", "StringMatches": )" + json(pattern).dump() + "}", json{{"v", text}});
  };
  EXPECT_EQ(matches(R"(a\*b)", "a*b"), "true");
  EXPECT_EQ(matches(R"(a\*b)", "axb"), "false");
  EXPECT_EQ(matches(R"(a\\b)", R"(a\b)"), "true");
  EXPECT_EQ(matches(R"(a\\*)", R"(a\anything)"), "true");
  EXPECT_EQ(matches(R"(*\*)", "price*"), "true");
  EXPECT_EQ(matches(R"(*\*)", "price"), "false");
}

TEST(ChoiceEval, StringMatchesOnNonStringIsFalse) {  // §2.3 wrong type -> false (test_string_operators)
  for (const json& value : type_comparison_values()) {
    if (value.is_string()) continue;
    EXPECT_EQ(run(R"({"Variable": "$.v", "StringMatches": "*"})", json{{"v", value}}), "false") << value;
  }
}

// §2.4 [SPEC] a dangling escape is a runtime error (the analyzer rejects it statically); so is an
// escape other than \* and \\, which the analyzer rejects too.
TEST(ChoiceEval, StringMatchesInvalidPatternRaises) {
  const std::string dangling = run(R"({"Variable": "$.v", "StringMatches": "abc\\"})", R"({"v": "abc"})");
  EXPECT_TRUE(dangling.starts_with("States.Runtime: Invalid StringMatches pattern 'abc\\': dangling")) << dangling;
  const std::string unknown = run(R"({"Variable": "$.v", "StringMatches": "a\\bc"})", R"({"v": "abc"})");
  EXPECT_TRUE(unknown.starts_with("States.Runtime: Invalid StringMatches pattern")) << unknown;
  // Also when the Variable is not a string; a missing Variable is reported first.
  EXPECT_TRUE(run(R"({"Variable": "$.v", "StringMatches": "abc\\"})", R"({"v": 1})").starts_with("States.Runtime"));
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringMatches": "abc\\"})", "{}"), invalid_path("$.v"));
}

// ---- paths from the Context Object and variables [AWS✓ base_reference_in_choice] ----

TEST(ChoiceEval, VariableAndOperandFromContextAndVariables) {  // §2.1 $$ and $name allowed
  EXPECT_EQ(run(R"({"Variable": "$$.Execution.Id", "StringMatches": "arn:aws:states:*"})", "{}"), "true");
  EXPECT_EQ(run(R"({"Variable": "$limit", "NumericEquals": 10})", "{}"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "NumericLessThanPath": "$limit"})", R"({"v": 3})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.v", "StringEqualsPath": "$name"})", R"({"v": "abc"})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$$.Execution.Missing", "IsPresent": true})", "{}"), "false");
  EXPECT_EQ(run(R"({"Variable": "$$.Execution.Missing", "StringEquals": "x"})", "{}"),
            invalid_path("$$.Execution.Missing"));
}

// Our reading, no AWS evidence: an indefinite Variable path yields the array of its matches
// (evaluate_path's contract, §3.3), so it is present even when empty, and no scalar operator matches it.
TEST(ChoiceEval, IndefiniteVariablePathYieldsAnArray) {
  EXPECT_EQ(run(R"({"Variable": "$.items[*].x", "IsPresent": true})", R"({"items": []})"), "true");
  EXPECT_EQ(run(R"({"Variable": "$.items[*].x", "StringEquals": "a"})", R"({"items": [{"x": "a"}]})"), "false");
  EXPECT_EQ(run(R"({"Variable": "$.items[*].x", "IsString": false})", R"({"items": [{"x": "a"}]})"), "true");
}

// ---- guards ----

// §8.3: JSONata Choice states are evaluated by the executor (jsonata_states_test.cpp); a Condition
// in a JSONPath rule is a definition error, which the evaluator fails on rather than guessing.
TEST(ChoiceEval, JsonataConditionIsRefused) {
  EXPECT_EQ(run(R"({"Condition": "{% true %}"})", "{}"), "States.Runtime: a JSONata Condition in a JSONPath Choice rule");
  EXPECT_EQ(run(R"({"Not": {"Condition": "{% true %}"}})", "{}"),
            "States.Runtime: a JSONata Condition in a JSONPath Choice rule");
}

// §2.2 [FLOE✓ Test4] a literal of the wrong type is rejected at create time; the analyzer reports
// it, and the interpreter fails rather than guessing if asked to evaluate it anyway.
TEST(ChoiceEval, MalformedRulesFailInsteadOfGuessing) {
  const auto fails = [](std::string_view rule, const char* input) {
    const std::string result = run(rule, input);
    EXPECT_TRUE(result.starts_with("States.Runtime: The Choice rule at '/States/Route/Choices/0")) << rule << result;
  };
  fails(R"({"Variable": "$.v", "NumericEquals": "abc"})", R"({"v": 1})");
  fails(R"({"Variable": "$.v", "StringEquals": 1})", R"({"v": "1"})");
  fails(R"({"Variable": "$.v", "BooleanEquals": "true"})", R"({"v": true})");
  fails(R"({"Variable": "$.v", "TimestampEquals": "yesterday"})", R"({"v": "2012-10-09T19:00:55Z"})");
  fails(R"({"Variable": "$.v", "IsNull": "yes"})", R"({"v": null})");
  fails(R"({"Variable": "$.v", "NumericEqualsPath": 3})", R"({"v": 3})");
  fails(R"({"Variable": "$.v", "NoSuchOperator": 3})", R"({"v": 3})");
  fails(R"({"Variable": "not a path", "NumericEquals": 3})", R"({"v": 3})");
  fails(R"({"And": []})", "{}");
  fails(R"({"Or": "x"})", "{}");
}

TEST(ChoiceEval, NullSemanticsMeansDefaults) {  // semantics_options.h defaults
  const ChoiceRule rule = parse_rule(R"({"Variable": "$.v", "IsNull": true})");
  const json input = json::object();
  EvaluationContext evaluation;
  evaluation.roots.input = &input;
  const Outcome<bool> outcome = evaluate_choice_rule(rule, evaluation);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.failure().error, "States.Runtime");
}

}  // namespace
}  // namespace sfn::interp
