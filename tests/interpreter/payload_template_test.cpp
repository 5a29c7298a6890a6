// evaluate_payload_template: Parameters, ResultSelector, ItemSelector and JSONPath Assign
// (asl-semantics.md §3.2, §8.5).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "interpreter/evaluation.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

struct Fixture {
  json input;
  json context = json{{"Execution", {{"Name", "exec-7"}, {"Id", "arn:aws:states:us-east-1:1:execution:sm:exec-7"}}},
                      {"State", {{"Name", "Prepare"}, {"RetryCount", 0}}}};
  Variables variables;
  RandomSource random{1};
  SemanticsOptions semantics;

  EvaluationContext evaluation() {
    return EvaluationContext{PathRoots{&input, &context, &variables}, &random, &semantics};
  }
  Outcome<json> run(const json& payload_template) { return evaluate_payload_template(payload_template, evaluation()); }
  json value(const json& payload_template) {
    Outcome<json> result = run(payload_template);
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.failure().cause.value_or(""));
    return result.ok() ? result.value() : json("<failed>");
  }
};

// §3.2 [SPEC/DG]: the example template with a literal, a path, a `$$` path, an intrinsic and a variable.
TEST(PayloadTemplate, SpecExample) {
  Fixture f;
  f.input = {{"vals", {10, 20}}, {"name", "Ada"}};
  f.variables["config"] = json{{"retries", 3}};
  json payload = json::parse(R"j({"flagged": true, "first.$": "$.vals[0]", "who.$": "$$.Execution.Name",
                                 "greet.$": "States.Format('Hi {}', $.name)", "cfg.$": "$config"})j");
  EXPECT_EQ(f.value(payload), json::parse(R"j({"flagged": true, "first": 10, "who": "exec-7", "greet": "Hi Ada",
                                              "cfg": {"retries": 3}})j"));
}

// §3.2 [AWS✓ test_base_scenarios]: a path that matches nothing is States.Runtime with this cause.
TEST(PayloadTemplate, MissingPathIsStatesRuntimeWithAwsCause) {
  Fixture f;
  f.input = {{"a", 1}, {"b", "x"}};
  Outcome<json> result = f.run(json{{"value.$", "$.no_such"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.Runtime");
  EXPECT_EQ(result.failure().cause,
            "The JSONPath '$.no_such' specified for the field 'value.$' could not be found in the input "
            "'{\"a\":1,\"b\":\"x\"}'");
}

TEST(PayloadTemplate, MissingPathCauseOfFlociReport) {
  // floci#2521 quotes Step Functions Local for `$.nope.deep` on {"other":1}.
  Fixture f;
  f.input = {{"other", 1}};
  Outcome<json> result = f.run(json{{"missing.$", "$.nope.deep"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().cause,
            "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input "
            "'{\"other\":1}'");
}

TEST(PayloadTemplate, MissingContextPathPrintsTheContextObject) {
  // §3.2 [AWS✓]: same for `$$.` paths; an AWS history seen in the wild prints the Context Object as
  // the input of a missing `$$.Map.Item.Value.x`.
  Fixture f;
  f.input = json::object();
  Outcome<json> result = f.run(json{{"checkId.$", "$$.Map.Item.Value.checkId"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.Runtime");
  EXPECT_EQ(result.failure().cause,
            "The JSONPath '$$.Map.Item.Value.checkId' specified for the field 'checkId.$' "
            "could not be found in the input '" +
                f.context.dump() + "'");
}

TEST(PayloadTemplate, MissingVariableIsStatesRuntime) {
  Fixture f;
  f.input = json::object();
  Outcome<json> result = f.run(json{{"v.$", "$undefinedVariable"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.Runtime");
}

// §3.2: keys without `.$` are literal even when the value looks like a path.
TEST(PayloadTemplate, PlainKeysAreLiteral) {
  Fixture f;
  f.input = {{"x", 1}};
  EXPECT_EQ(f.value(json{{"a", "$.x"}, {"b", "States.UUID()"}, {"c", nullptr}}),
            json({{"a", "$.x"}, {"b", "States.UUID()"}, {"c", nullptr}}));
}

// §3.2: `.$` keys are evaluated at any depth, inside objects and arrays.
TEST(PayloadTemplate, NestedObjectsAndArrays) {
  Fixture f;
  f.input = {{"x", 1}, {"y", {{"z", true}}}};
  json payload = json::parse(R"j({"outer": {"inner.$": "$.x", "deeper": {"z.$": "$.y.z"}},
                                 "list": [{"v.$": "$.x"}, "$.x", 3, [{"w.$": "$.y"}]]})j");
  EXPECT_EQ(f.value(payload), json::parse(R"j({"outer": {"inner": 1, "deeper": {"z": true}},
                                              "list": [{"v": 1}, "$.x", 3, [{"w": {"z": true}}]]})j"));
}

TEST(PayloadTemplate, SelectedDataIsNotEvaluatedAgain) {
  Fixture f;
  f.input = {{"data", {{"k.$", "$.x"}}}};
  EXPECT_EQ(f.value(json{{"d.$", "$.data"}}), json({{"d", {{"k.$", "$.x"}}}}));
}

TEST(PayloadTemplate, IndefinitePathsYieldArrays) {
  // §3.3: `.$` values may be any path; several nodes are collected into an array.
  Fixture f;
  f.input = {{"a", {1, 2, 3}}, {"items", json::array()}};
  EXPECT_EQ(f.value(json{{"two.$", "$.a[0,1]"}, {"none.$", "$.items[*]"}}),
            json({{"two", {1, 2}}, {"none", json::array()}}));
}

// §8.5 [AWS✓ BASE_ASSIGN_FROM_RESULT]: in Assign, `$.` reads the state's result.
TEST(PayloadTemplate, AssignReadsTheResultItIsGiven) {
  Fixture f;
  f.input = {{"answer", 42}};  // the executor passes the result as the template's input
  EXPECT_EQ(f.value(json{{"theAnswer.$", "$.answer"}}), json({{"theAnswer", 42}}));
}

// §8.5 [AWS✓ test_assign_reference_variables]: variables are readable in `.$` values.
TEST(PayloadTemplate, VariablesAndCopies) {
  Fixture f;
  f.input = json::object();
  f.variables["other"] = json{{"n", 1}};
  f.variables["x"] = "text";
  EXPECT_EQ(f.value(json{{"copy.$", "$other"}, {"n.$", "$other.n"}, {"f.$", "States.Format('{}!', $x)"}}),
            json({{"copy", {{"n", 1}}}, {"n", 1}, {"f", "text!"}}));
}

TEST(PayloadTemplate, IntrinsicFailuresPassThrough) {
  Fixture f;
  f.input = {{"s", "abc"}};
  Outcome<json> result = f.run(json{{"n.$", "States.ArrayLength($.s)"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.Runtime");
  f.semantics.intrinsic_failure_is_runtime = false;
  result = f.run(json{{"n.$", "States.ArrayLength($.s)"}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.IntrinsicFailure");
}

// §3.2 [FLOE✓ Test2]: an invalid `.$` value is a definition error; a hand-built machine that gets
// here anyway fails at run time rather than crashing.
TEST(PayloadTemplate, InvalidDynamicValuesFail) {
  Fixture f;
  f.input = json::object();
  for (const json& value : {json("$.a["), json("not a path"), json("States.Nope("), json(3), json(nullptr)}) {
    Outcome<json> result = f.run(json{{"k.$", value}});
    ASSERT_FALSE(result.ok()) << value;
    EXPECT_EQ(result.failure().error, "States.Runtime");
    EXPECT_NE(result.failure().cause->find("'k.$'"), std::string::npos) << *result.failure().cause;
  }
}

TEST(PayloadTemplate, NonObjectTemplatesAreCopied) {
  Fixture f;
  f.input = {{"x", 1}};
  EXPECT_EQ(f.value(json("$.x")), json("$.x"));
  EXPECT_EQ(f.value(json::array({json{{"a.$", "$.x"}}})), json::array({json{{"a", 1}}}));
}

TEST(PayloadTemplate, DeepTemplatesAreWalkedIteratively) {
  Fixture f;
  f.input = {{"x", 5}};
  json payload = json::object();
  json* node = &payload;
  for (int i = 0; i < 256; ++i) {
    (*node)["n"] = json::object();
    node = &(*node)["n"];
  }
  (*node)["v.$"] = "$.x";
  json result = f.value(payload);
  const json* walk = &result;
  for (int i = 0; i < 256; ++i) walk = &walk->at("n");
  EXPECT_EQ(walk->at("v"), 5);
}

}  // namespace
}  // namespace sfn::interp
