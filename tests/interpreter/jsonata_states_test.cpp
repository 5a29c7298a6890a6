// JSONata states run by the executor (asl-semantics.md §8.3, §8.4): Arguments, Output and Assign,
// $states, Choice Condition, Map Items and ItemSelector, expressions in numeric and string fields,
// Catch with $states.errorOutput, and States.QueryEvaluationError with AWS's causes. Machines are
// built from inline JSON and run with native mocks.

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunOptions;
using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// A JSONata machine of the given states (JSON text of the States object's members).
std::string jsonata_machine(const std::string& states, const std::string& start = "A") {
  return R"({"QueryLanguage": "JSONata", "StartAt": ")" + start + R"(", "States": {)" + states + "}}";
}

// ---- §8.4: the documented example, end to end -------------------------------------------------

const char* kOrderMachine = R"({ "QueryLanguage": "JSONata", "StartAt": "Get", "States": {
  "Get": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
    "Arguments": { "FunctionName": "f", "Payload": { "id": "{% $states.input.id %}" } },
    "Assign": { "price": "{% $states.result.Payload.price %}" },
    "Output": "{% $states.result.Payload %}",
    "Catch": [ { "ErrorEquals": ["States.ALL"], "Assign": { "err": "{% $states.errorOutput %}" },
                 "Output": "{% $states.input %}", "Next": "Failed" } ], "Next": "Route" },
  "Route": { "Type": "Choice", "Choices": [ { "Condition": "{% $price > 100 %}", "Next": "Big" } ], "Default": "Small" },
  "Big": {"Type":"Succeed"}, "Small": {"Type":"Succeed"},
  "Failed": {"Type":"Fail","Error":"E","Cause":"{% $err.Cause %}"} } })";

TEST(JsonataStates, DocumentedExampleRoutesOnTheAssignedVariable) {
  RunResult big = run_machine(kOrderMachine, R"({"id": 7})",
                              R"({"Get": [{"Return": {"Payload": {"price": 250, "name": "x"}, "StatusCode": 200}}]})");
  ASSERT_EQ(big.status, RunStatus::Succeeded) << describe(big);
  EXPECT_EQ(big.path, (std::vector<std::string>{"Get", "Route", "Big"}));
  EXPECT_EQ(big.output, json::parse(R"({"price": 250, "name": "x"})"));
  RunResult small = run_machine(kOrderMachine, R"({"id": 7})", R"({"Get": [{"Return": {"Payload": {"price": 5}}}]})");
  EXPECT_EQ(small.path, (std::vector<std::string>{"Get", "Route", "Small"})) << describe(small);

  RunResult failed = run_machine(kOrderMachine, R"({"id": 7})",
                                 R"({"Get": [{"Throw": {"Error": "Boom", "Cause": "it broke"}}]})");
  ASSERT_EQ(failed.status, RunStatus::Failed) << describe(failed);
  EXPECT_EQ(failed.path, (std::vector<std::string>{"Get", "Failed"}));
  EXPECT_EQ(failed.error, "E");
  EXPECT_EQ(failed.cause, "it broke");
  // The catcher's Output ($states.input) is the Fail state's input.
  EXPECT_EQ(output_of(failed, "Get"), json::parse(R"({"id": 7})"));
}

TEST(JsonataStates, ArgumentsAreWhatTheTaskReceivesAndTemplatesNestAtAnyDepth) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"FunctionName": "f", "Payload": {"ids": ["{% $states.input.a %}", {"b": "{% $states.input.a + 1 %}"}],
                    "literal": "$states.input", "spaced": " {% $states.input.a %} ", "n": 3}},
      "Output": {"got": "{% $states.result %}", "in": "{% $states.input %}"}, "End": true})"),
                                 R"({"a": 1})", R"({"A": [{"Return": "done"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"got": "done", "in": {"a": 1}})"));
  // Without Output a Task's output is its result (§8.4).
  RunResult plain = run_machine(jsonata_machine(R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"x": "{% $states.input.a %}"}, "End": true})"), R"({"a": 1})", R"({"A": [{"Return": {"r": 2}}]})");
  EXPECT_EQ(plain.output, json::parse(R"({"r": 2})")) << describe(plain);
}

TEST(JsonataStates, StringsThatAreNotExactlyAnExpressionStayLiteral) {  // §8.2, an AWS-validated LocalStack template
  const std::string output = R"json({"constant_not_jsonata": " {% states.input %} ", "constant_varpath_states": "$states.input",
      "constant_jp_input": "$", "constant_jp_input.$": "$", "constant_jp_context": "$$",
      "constant_if": "States.Format('Format:{}', 101)", "constant_lst": [null, 0, 0.1, true, [], {"constant": 0}, " {% states.input %} "]})json";
  RunResult result = run_machine(
      R"({"StartAt": "S", "States": {"S": {"QueryLanguage": "JSONata", "Type": "Pass", "Output": )" + output +
          R"(, "End": true}}})",
      R"({"input_value": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(output));
}

TEST(JsonataStates, DefaultOutputsFollowTheStateType) {  // §8.4
  RunResult result = run_machine(jsonata_machine(R"(
      "A": {"Type": "Pass", "Next": "W"},
      "W": {"Type": "Wait", "Seconds": 1, "Next": "C"},
      "C": {"Type": "Choice", "Choices": [{"Condition": true, "Next": "S"}]},
      "S": {"Type": "Succeed"})"),
                                 R"({"keep": [1, 2]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"keep": [1, 2]})"));
  RunResult succeed = run_machine(jsonata_machine(R"("A": {"Type": "Succeed", "Output": "{% $states.input.keep[1] %}"})"),
                                  R"({"keep": [1, 2]})");
  EXPECT_EQ(succeed.output, 2) << describe(succeed);
}

// ---- Assign ------------------------------------------------------------------------------------

TEST(JsonataStates, AssignAndOutputReadTheValuesOnEntry) {  // §8.4: evaluated together; a swap works
  RunResult result = run_machine(jsonata_machine(R"(
      "A": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "B"},
      "B": {"Type": "Pass", "Assign": {"x": "{% $y %}", "y": "{% $x %}"}, "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "Next": "C"},
      "C": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}"}, "End": true})"),
                                 "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(output_of(result, "B"), json::parse(R"({"x": 1, "y": 2})"));  // old values in the same state
  EXPECT_EQ(result.output, json::parse(R"({"x": 2, "y": 1})"));
}

TEST(JsonataStates, VariablesCrossQueryLanguagesAndScopes) {
  // A JSONPath machine with a JSONata state in the middle, and a Map whose iterations read an outer variable.
  RunResult result = run_machine(R"({"StartAt": "P", "States": {
      "P": {"Type": "Pass", "Assign": {"rate.$": "$.rate"}, "Next": "J"},
      "J": {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.amounts %}",
            "ItemProcessor": {"StartAt": "Mul", "States": {"Mul": {"Type": "Pass", "Output": "{% $states.input * $rate %}", "End": true}}},
            "Assign": {"total": "{% $sum($states.result) %}"}, "Next": "Q"},
      "Q": {"Type": "Pass", "Parameters": {"total.$": "$total", "items.$": "$"}, "End": true}}})",
                                 R"({"rate": 3, "amounts": [1, 2, 3]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"total": 18, "items": [3, 6, 9]})"));
}

// ---- Task, Catch, Retry --------------------------------------------------------------------------

TEST(JsonataStates, CatcherOutputAndAssignReadTheErrorOutput) {  // §6.3, §8.4
  const std::string machine = jsonata_machine(R"(
      "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"never": 1},
            "Catch": [{"ErrorEquals": ["Oops"], "Assign": {"why": "{% $states.errorOutput.Cause %}"},
                       "Output": {"e": "{% $states.errorOutput.Error %}", "in": "{% $states.input %}"}, "Next": "B"},
                      {"ErrorEquals": ["States.ALL"], "Next": "B"}], "Next": "B"},
      "B": {"Type": "Pass", "Output": {"why": "{% $why %}", "got": "{% $states.input %}", "never": "{% $exists($never) %}"}, "End": true})");
  RunResult caught = run_machine(machine, R"({"k": 1})", R"({"A": [{"Throw": {"Error": "Oops", "Cause": "c"}}]})");
  ASSERT_EQ(caught.status, RunStatus::Succeeded) << describe(caught);
  EXPECT_EQ(caught.output, json::parse(R"({"why": "c", "got": {"e": "Oops", "in": {"k": 1}}, "never": false})"));
  // Without the catcher's Output, the output is the error output.
  RunResult other = run_machine(machine, "{}", R"({"A": [{"Throw": {"Error": "Else", "Cause": "d"}}]})");
  ASSERT_EQ(other.status, RunStatus::Failed) << describe(other);  // $why was never assigned
  EXPECT_EQ(output_of(other, "A"), json::parse(R"({"Error": "Else", "Cause": "d"})"));
}

TEST(JsonataStates, ArgumentsAreEvaluatedForEveryAttempt) {  // $states.context.State.RetryCount
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "Arguments": {"try": "{% $states.context.State.RetryCount %}"},
      "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2}],
      "Output": {"state": "{% $states.context.State.Name %}", "input": "{% $states.context.Execution.Input %}",
                 "retries": "{% $states.context.State.RetryCount %}"}, "End": true})"),
                                 R"({"x": 1})",
                                 R"({"A": [{"Throw": {"Error": "Flaky"}}, {"Throw": {"Error": "Flaky"}}, {"Return": 0}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"state": "A", "input": {"x": 1}, "retries": 2})"));
  EXPECT_EQ(result.elapsed_seconds, 3);  // waits 1 s and 2 s
}

TEST(JsonataStates, TimeoutSecondsFromAnExpression) {  // §8.3
  const std::string machine = jsonata_machine(R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
      "TimeoutSeconds": "{% $states.input.limit %}", "HeartbeatSeconds": "{% $states.input.limit %}", "End": true})");
  RunResult timed_out = run_machine(machine, R"({"limit": 5})", R"({"A": [{"Return": 1, "Duration": 9}]})");
  EXPECT_EQ(timed_out.error, "States.Timeout") << describe(timed_out);
  RunResult in_time = run_machine(machine, R"({"limit": 5})", R"({"A": [{"Return": 1, "Duration": 4}]})");
  EXPECT_EQ(in_time.status, RunStatus::Succeeded) << describe(in_time);
  RunResult wrong_type = run_machine(machine, R"({"limit": "5"})", R"({"A": [{"Return": 1}]})");
  EXPECT_EQ(wrong_type.error, "States.QueryEvaluationError") << describe(wrong_type);
  EXPECT_EQ(cause_detail(wrong_type),
            "The JSONata expression '$states.input.limit' specified for the field 'TimeoutSeconds' returned an "
            "unexpected result type. Expected 'integer', but was 'string' for value: \"5\"");
  RunResult out_of_range = run_machine(machine, R"({"limit": 0})", R"({"A": [{"Return": 1}]})");
  EXPECT_TRUE(out_of_range.unusable) << describe(out_of_range);  // AWS's cause for it is not recorded
}

// §6.1 / §14 switch query_evaluation_error_catchable: documented as handleable by Retry/Catch.
TEST(JsonataStates, QueryEvaluationErrorIsCaughtWhenTheSwitchSaysSo) {
  const std::string machine = jsonata_machine(R"(
      "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"x": "{% $nothing %}"},
            "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "B"}], "End": true},
      "B": {"Type": "Succeed"})");
  RunResult caught = run_machine(machine, "{}", R"({"A": [{"Return": 1}]})");
  ASSERT_EQ(caught.status, RunStatus::Succeeded) << describe(caught);
  EXPECT_EQ(caught.output["Error"], "States.QueryEvaluationError");
  EXPECT_EQ(caught.output["Cause"],
            "The JSONata expression '$nothing' specified for the field 'Arguments/x' returned nothing (undefined).");
  RunOptions options;
  options.semantics.query_evaluation_error_catchable = false;
  RunResult uncaught = run_machine(machine, "{}", R"({"A": [{"Return": 1}]})", options);
  ASSERT_EQ(uncaught.status, RunStatus::Failed) << describe(uncaught);
  EXPECT_EQ(uncaught.error, "States.QueryEvaluationError");
  EXPECT_EQ(cause_detail(uncaught),
            "The JSONata expression '$nothing' specified for the field 'Arguments/x' returned nothing (undefined).");

  // An Output error after the work goes to Catch (not Retry) under the default.
  RunResult output_error = run_machine(jsonata_machine(R"(
      "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Output": "{% $states.result.x + 'a' %}",
            "Retry": [{"ErrorEquals": ["States.ALL"]}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}], "End": true},
      "B": {"Type": "Succeed"})"),
                                       "{}", R"({"A": [{"Return": {"x": 1}}]})");
  ASSERT_EQ(output_error.status, RunStatus::Succeeded) << describe(output_error);
  EXPECT_EQ(output_error.output["Cause"],
            "The JSONata expression '$states.result.x + 'a'' specified for the field 'Output' threw an error during "
            "evaluation. T2002: The right side of the \"+\" operator must evaluate to a number");
}

// ---- errors [AWS✓] ---------------------------------------------------------------------------------

// §8.4 [AWS✓]: an expression that yields nothing fails with States.QueryEvaluationError naming the
// field; reading a never-assigned variable is the same; AWS decorates the cause with the state.
TEST(JsonataStates, UndefinedResultNamesTheField) {
  RunResult output = run_machine(jsonata_machine(R"("A": {"Type": "Pass", "Output": {"result": "{% $doesNotExist %}"}, "End": true})"),
                                 "{}");
  ASSERT_EQ(output.status, RunStatus::Failed) << describe(output);
  EXPECT_EQ(output.error, "States.QueryEvaluationError");
  EXPECT_EQ(output.cause, "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata "
                          "expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
  for (const auto& [state, field] : std::vector<std::pair<std::string, std::string>>{
           {R"("A": {"Type": "Pass", "Output": "{% $states.input.missing %}", "End": true})", "Output"},
           {R"("A": {"Type": "Pass", "Assign": {"result": "{%  $states.input.missing  %}"}, "End": true})", "Assign/result"},
           {R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "{% $states.input.missing %}"}, "End": true})",
            "Arguments/FunctionName"},
           {R"("A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": "{% $states.input.missing %}", "End": true})",
            "Arguments"}}) {
    RunResult result = run_machine(jsonata_machine(state), "{}", R"({"A": [{"Return": 1}]})");
    EXPECT_EQ(result.error, "States.QueryEvaluationError") << describe(result);
    EXPECT_EQ(cause_detail(result), "The JSONata expression '$states.input.missing' specified for the field '" + field +
                                        "' returned nothing (undefined).");
  }
}

// §8.1 [AWS✓ LocalStack snapshot test_math_random_seeded]: an unknown function.
TEST(JsonataStates, UnknownFunctionIsT1006) {
  RunResult result = run_machine(
      R"({"StartAt": "State_0", "States": {"State_0": {"QueryLanguage": "JSONata", "Type": "Pass",
          "Output": {"FunctionResult": "{% $randomSeeded($states.input.FunctionInput.fst) %}"}, "End": true}}})",
      R"({"FunctionInput": "fst"})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.QueryEvaluationError");
  EXPECT_EQ(result.cause, "An error occurred while executing the state 'State_0' (entered at the event id #2). The "
                          "JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field "
                          "'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a "
                          "non-function");
}

// §12.1 [AWS✓]: the failure is preceded by an EvaluationFailed event carrying the decorated cause.
TEST(JsonataStates, EvaluationFailedEventPrecedesTheFailure) {
  RunOptions options;
  options.keep_history = true;
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Pass", "Output": "{% $x() %}", "End": true})"), "{}",
                                 "{}", options);
  ASSERT_EQ(result.history.size(), 4u) << describe(result);
  EXPECT_EQ(result.history[2].type, "EvaluationFailed");
  EXPECT_EQ(result.history[2].state, "A");
  EXPECT_EQ(result.history[2].cause, result.cause);
  EXPECT_EQ(result.history[3].type, "ExecutionFailed");
  EXPECT_EQ(result.history[3].id, 4u);
}

// §6.4 [AWS✓]: States.QueryEvaluationError raised in a Pass, Choice or Wait fails the execution.
TEST(JsonataStates, QueryEvaluationErrorInPassChoiceOrWaitFailsTheExecution) {
  for (const std::string& state : {std::string(R"("A": {"Type": "Pass", "Output": "{% 1 + 'x' %}", "End": true})"),
                                   std::string(R"("A": {"Type": "Choice", "Choices": [{"Condition": "{% 1 < 'x' %}", "Next": "B"}]}, "B": {"Type": "Succeed"})"),
                                   std::string(R"("A": {"Type": "Wait", "Seconds": "{% -'x' %}", "End": true})")}) {
    RunResult result = run_machine(jsonata_machine(state), "{}");
    ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
    EXPECT_EQ(result.error, "States.QueryEvaluationError");
    EXPECT_EQ(result.path, (std::vector<std::string>{"A"}));
  }
  RunResult comparison = run_machine(
      jsonata_machine(R"("A": {"Type": "Choice", "Choices": [{"Condition": "{% 1 < 'x' %}", "Next": "B"}]}, "B": {"Type": "Succeed"})"), "{}");
  EXPECT_EQ(cause_detail(comparison),
            "The JSONata expression '1 < 'x'' specified for the field 'Condition' threw an error during evaluation. "
            "T2009: The values 1 and \"x\" either side of operator \"<\" must be of the same data type");
}

// ---- Choice --------------------------------------------------------------------------------------

// §8.4 [AWS✓]: a literal boolean Condition is accepted; the matched rule's Assign and Output apply,
// and the state-level ones go with the Default.
TEST(JsonataStates, ChoiceConditionsRuleFieldsAndDefault) {
  const std::string machine = jsonata_machine(R"(
      "A": {"Type": "Choice", "Choices": [
              {"Condition": false, "Next": "Never"},
              {"Condition": "{% $states.input.n > 10 %}", "Assign": {"size": "big"}, "Output": {"n": "{% $states.input.n %}"}, "Next": "Big"}],
            "Default": "Small", "Assign": {"size": "small"}, "Output": "{% $states.input.n * 2 %}"},
      "Never": {"Type": "Fail"},
      "Big": {"Type": "Pass", "Output": {"size": "{% $size %}", "in": "{% $states.input %}"}, "End": true},
      "Small": {"Type": "Pass", "Output": {"size": "{% $size %}", "in": "{% $states.input %}"}, "End": true})");
  RunResult big = run_machine(machine, R"({"n": 11})");
  ASSERT_EQ(big.status, RunStatus::Succeeded) << describe(big);
  EXPECT_EQ(big.output, json::parse(R"({"size": "big", "in": {"n": 11}})"));
  RunResult small = run_machine(machine, R"({"n": 3})");
  EXPECT_EQ(small.output, json::parse(R"({"size": "small", "in": 6})")) << describe(small);
  RunResult none = run_machine(jsonata_machine(R"("A": {"Type": "Choice", "Choices": [{"Condition": false, "Next": "B"}]},
      "B": {"Type": "Succeed"})"), "{}");
  EXPECT_EQ(none.error, "States.NoChoiceMatched") << describe(none);
}

// §8.4 / §14 switch non_boolean_condition_is_query_evaluation_error: the error name is presumed.
TEST(JsonataStates, NonBooleanConditionFails) {
  const std::string machine = jsonata_machine(R"("A": {"Type": "Choice", "Choices": [
      {"Condition": "{% $states.input.flag %}", "Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"})");
  RunResult result = run_machine(machine, R"({"flag": "yes"})");
  EXPECT_EQ(result.error, "States.QueryEvaluationError") << describe(result);
  EXPECT_EQ(cause_detail(result),
            "The JSONata expression '$states.input.flag' specified for the field 'Condition' returned an unexpected "
            "result type. Expected 'boolean', but was 'string' for value: \"yes\"");
  RunOptions options;
  options.semantics.non_boolean_condition_is_query_evaluation_error = false;
  EXPECT_EQ(run_machine(machine, R"({"flag": 1})", "{}", options).error, "States.Runtime");
  // A condition that yields nothing is the usual "returned nothing" error.
  EXPECT_EQ(run_machine(machine, "{}").error, "States.QueryEvaluationError");
}

// ---- Wait, Fail ----------------------------------------------------------------------------------

TEST(JsonataStates, WaitSecondsAndTimestampFromExpressions) {
  RunResult seconds = run_machine(jsonata_machine(R"("A": {"Type": "Wait", "Seconds": "{% $states.input.s * 2 %}",
      "Output": {"now": "{% $now() %}"}, "End": true})"),
                                  R"({"s": 30})");
  ASSERT_EQ(seconds.status, RunStatus::Succeeded) << describe(seconds);
  EXPECT_EQ(seconds.elapsed_seconds, 60);
  EXPECT_EQ(seconds.output, json::parse(R"({"now": "2024-01-01T00:01:00.000Z"})"));  // $now reads the virtual clock
  RunResult timestamp = run_machine(jsonata_machine(R"("A": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true})"),
                                    R"({"t": "2024-01-01T01:00:00Z"})");
  EXPECT_EQ(timestamp.elapsed_seconds, 3600) << describe(timestamp);
}

// §4.1 [AWS✓]: a JSONata Timestamp that is not a timestamp.
TEST(JsonataStates, WaitTimestampThatIsNotATimestamp) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Wait", "Timestamp": "{% $states.input.t %}", "End": true})"),
                                 R"({"t": "tomorrow"})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.QueryEvaluationError");
  EXPECT_EQ(cause_detail(result),
            "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: tomorrow");
}

TEST(JsonataStates, FailErrorAndCauseFromExpressions) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Fail", "Error": "{% 'E.' & $states.input.code %}",
      "Cause": "{% $string($states.input) %}"})"),
                                 R"({"code": "X", "n": 1.5})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "E.X");
  EXPECT_EQ(result.cause, R"({"code":"X","n":1.5})");
}

// ---- Parallel and Map ------------------------------------------------------------------------------

TEST(JsonataStates, ParallelArgumentsAreTheBranchesInput) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Parallel", "Arguments": {"v": "{% $states.input.v %}"},
      "Branches": [
        {"StartAt": "X", "States": {"X": {"Type": "Pass", "Output": "{% $states.input.v + 1 %}", "End": true}}},
        {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": true}}}],
      "Output": {"sum": "{% $states.result[0] + $states.result[1].v %}"}, "End": true})"),
                                 R"({"v": 10, "other": true})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"sum": 21})"));
}

TEST(JsonataStates, MapItemsAndItemSelectorSeeTheContextItem) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Map", "Items": "{% $states.input.list[$ > 1] %}",
      "MaxConcurrency": "{% 1 %}",
      "ItemSelector": {"i": "{% $states.context.Map.Item.Index %}", "v": "{% $states.context.Map.Item.Value %}",
                       "tag": "{% $states.input.tag %}"},
      "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": "{% $states.input.tag & $states.input.i & ':' & $states.input.v %}", "End": true}}},
      "End": true})"),
                                 R"({"list": [1, 2, 3], "tag": "t"})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"(["t0:2", "t1:3"])"));
  // Without Items the input is the array; a literal array may hold expressions.
  RunResult literal = run_machine(jsonata_machine(R"("A": {"Type": "Map", "Items": [1, "{% $states.input.x %}"],
      "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true})"),
                                  R"({"x": "two"})");
  EXPECT_EQ(literal.output, json::parse(R"([1, "two"])")) << describe(literal);
}

// §5.4 [AWS✓]: Items yielding a non-array, and a Map without Items whose input is not an array.
TEST(JsonataStates, MapItemsThatAreNotAnArray) {
  const std::string processor = R"("ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})";
  RunResult object_items = run_machine(jsonata_machine(R"("A": {"Type": "Map", "Items": "{% $states.input.o %}", )" +
                                                       processor + R"(, "End": true})"),
                                       R"({"o": {"a": 1}})");
  ASSERT_EQ(object_items.status, RunStatus::Failed) << describe(object_items);
  EXPECT_EQ(object_items.error, "States.QueryEvaluationError");
  EXPECT_EQ(cause_detail(object_items),
            "The JSONata expression '$states.input.o' specified for the field 'Items' returned an unexpected result "
            "type. Expected 'array', but was 'object' for value: {\"a\":1}");
  RunResult input = run_machine(jsonata_machine(R"("A": {"Type": "Map", )" + processor + R"(, "End": true})"), R"({"a": 1})");
  EXPECT_EQ(input.error, "States.QueryEvaluationError") << describe(input);
  EXPECT_EQ(cause_detail(input), "Map state input must be an array but was: {\"a\":1}");

  // §14 switch jsonata_map_items_object_iterates: newer AWS docs iterate an object's values.
  RunOptions options;
  options.semantics.jsonata_map_items_object_iterates = true;
  RunResult iterates = run_machine(jsonata_machine(R"("A": {"Type": "Map", "Items": "{% $states.input.o %}",
      "ItemSelector": {"k": "{% $states.context.Map.Item.Key %}", "v": "{% $states.context.Map.Item.Value %}"}, )" +
                                                   processor + R"(, "End": true})"),
                                   R"({"o": {"a": 1, "b": 2}})", "{}", options);
  ASSERT_EQ(iterates.status, RunStatus::Succeeded) << describe(iterates);
  EXPECT_EQ(iterates.output, json::parse(R"([{"k": "a", "v": 1}, {"k": "b", "v": 2}])"));
}

TEST(JsonataStates, DistributedMapToleranceAndReaderFromExpressions) {
  RunResult result = run_machine(jsonata_machine(R"("A": {"Type": "Map",
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON", "MaxItems": "{% 3 %}"},
                     "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "k"}},
      "ToleratedFailureCount": "{% $states.input.tolerate %}",
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P",
        "States": {"P": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input > 1 %}", "Next": "Bad"}], "Default": "Ok"},
                   "Bad": {"Type": "Fail", "Error": "Big"}, "Ok": {"Type": "Succeed"}}},
      "End": true})"),
                                 R"({"bucket": "b", "tolerate": 1})", R"({"A": [{"Return": [1, 2, 1, 9]}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output.size(), 3u);  // MaxItems 3; one failure tolerated
}

// ---- Pass Result (§14 switch jsonata_pass_result_accepted) ------------------------------------------

TEST(JsonataStates, PassResultFollowsTheSwitch) {
  const std::string machine = jsonata_machine(R"("A": {"Type": "Pass", "Result": {"r": 1},
      "Assign": {"got": "{% $states.result.r %}"}, "Next": "B"}, "B": {"Type": "Pass", "Output": {"out": "{% $states.input %}", "got": "{% $got %}"}, "End": true})");
  RunResult refused = run_machine(machine, "{}");
  ASSERT_TRUE(refused.unusable) << describe(refused);
  EXPECT_NE(refused.unusable->find("jsonata_pass_result_accepted"), std::string::npos);
  RunOptions options;
  options.semantics.jsonata_pass_result_accepted = true;
  RunResult accepted = run_machine(machine, "{}", "{}", options);
  ASSERT_EQ(accepted.status, RunStatus::Succeeded) << describe(accepted);
  EXPECT_EQ(accepted.output, json::parse(R"({"out": {"r": 1}, "got": 1})"));
}

// ---- the Step Functions functions and determinism ------------------------------------------------------

TEST(JsonataStates, StepFunctionsFunctionsAreDeterministicPerSeed) {
  const std::string machine = jsonata_machine(R"("A": {"Type": "Pass", "Output": {
      "partition": "{% $partition([1,2,3,4,5], 2) %}", "range": "{% $range(0, 10, 3) %}",
      "hash": "{% $hash('input data', 'MD5') %}", "parsed": "{% $parse('{\"a\":[1,2]}') %}",
      "uuid": "{% $uuid() %}", "random": "{% $random() %}", "same_uuid": "{% $uuid() = $uuid() %}",
      "millis": "{% $millis() %}"}, "End": true})");
  RunOptions options;
  options.seed = 7;
  RunResult first = run_machine(machine, "{}", "{}", options);
  ASSERT_EQ(first.status, RunStatus::Succeeded) << describe(first);
  EXPECT_EQ(first.output["partition"], json::parse("[[1,2],[3,4],[5]]"));
  EXPECT_EQ(first.output["range"], json::parse("[0,3,6,9]"));
  EXPECT_EQ(first.output["hash"], "812f45842bc6d66ee14572ce20db8e86");
  EXPECT_EQ(first.output["parsed"], json::parse(R"({"a":[1,2]})"));
  EXPECT_EQ(first.output["uuid"].get<std::string>().size(), 36u);
  EXPECT_EQ(first.output["uuid"].get<std::string>()[14], '4');
  EXPECT_EQ(first.output["same_uuid"], false);
  EXPECT_GE(first.output["random"].get<double>(), 0);
  EXPECT_LT(first.output["random"].get<double>(), 1);
  EXPECT_EQ(first.output["millis"], 1704067200000);
  EXPECT_EQ(run_machine(machine, "{}", "{}", options).output, first.output);
}

}  // namespace
}  // namespace sfn::testing
