// The executor's input/output pipeline (asl-semantics.md §3), workflow variables in JSONPath
// (§8.5) and the Context Object (§9), each test a machine built from inline JSON. Each test names
// the section and row it checks; tests/conformance/SEMANTICS.md maps the AWS-observed rows here.

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// A machine with one Pass state `fields` (JSON members without braces) and End.
std::string one_pass(const std::string& fields) {
  return R"({"StartAt": "P", "States": {"P": {"Type": "Pass", )" + fields + R"(, "End": true}}})";
}

// A machine with one Task state `fields` (JSON members without braces) and End.
std::string one_task(const std::string& fields) {
  return R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", )" +
         fields + R"(, "End": true}}})";
}

// ---- §3.1 InputPath ----------------------------------------------------------------------------

TEST(DataFlow, InputPathNullGivesEmptyObject) {  // §3.1 [SPEC] InputPath null -> {} (null ≠ absent)
  RunResult result = run_machine(one_pass(R"("InputPath": null)"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::object());
}

TEST(DataFlow, InputPathAbsentMeansWholeInput) {  // §3.1 [SPEC] default "$"
  RunResult result = run_machine(one_pass(R"("Comment": "no InputPath")"), R"({"a": 1})");
  EXPECT_EQ(result.output, json::parse(R"({"a": 1})")) << describe(result);
}

TEST(DataFlow, InputPathSelectsPartOfTheInput) {  // §3.1 [SPEC]
  RunResult result = run_machine(one_pass(R"("InputPath": "$.a.b")"), R"({"a": {"b": [1, 2]}})");
  EXPECT_EQ(result.output, json::parse("[1, 2]")) << describe(result);
}

// §3.3 [AWS✓] failures: InputPath not found -> States.Runtime with AWS's message.
TEST(DataFlow, InputPathNotFoundIsStatesRuntimeWithAwsMessage) {
  RunResult result = run_machine(one_pass(R"("InputPath": "$.X")"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result), "Invalid path '$.X' : No results for path: $['X']");
}

// §3.3 [AWS✓] + §6.4: the missing InputPath of a Task is not caught by its catchers.
TEST(DataFlow, InputPathNotFoundOnATaskIsNotCaught) {
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.X",
              "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"},
                        {"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      R"({"a": 1})", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(result.path, (std::vector<std::string>{"T"}));
}

// ---- §3.2 Parameters ---------------------------------------------------------------------------

TEST(DataFlow, ParametersSpecExampleInAPassState) {  // §3.2 [SPEC] payload template example
  RunResult result = run_machine(
      R"j({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"config": {"k": 1}}, "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"flagged": true, "first.$": "$.vals[0]", "who.$": "$$.Execution.Name",
              "greet.$": "States.Format('Hi {}', $.name)", "cfg.$": "$config", "literal": "$.vals"}, "End": true}}})j",
      R"({"vals": [7, 8], "name": "Ann"})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"flagged": true, "first": 7, "who": "local", "greet": "Hi Ann",
                                           "cfg": {"k": 1}, "literal": "$.vals"})"));
}

TEST(DataFlow, ParametersApplyAfterInputPath) {  // §3.1 pipeline: InputPath, then Parameters
  RunResult result = run_machine(one_pass(R"("InputPath": "$.inner", "Parameters": {"v.$": "$.v"})"),
                                 R"({"v": "outer", "inner": {"v": "inner"}})");
  EXPECT_EQ(result.output, json::parse(R"({"v": "inner"})")) << describe(result);
}

// §3.2 [AWS✓ test_base_scenarios]: a path that matches nothing -> States.Runtime with AWS's cause.
TEST(DataFlow, ParametersMissingPathIsStatesRuntime) {
  RunResult result = run_machine(one_pass(R"("Parameters": {"value.$": "$.no_such"})"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result),
            R"(The JSONPath '$.no_such' specified for the field 'value.$' could not be found in the input '{"a":1}')");
}

// §3.2 [AWS✓] same for $$. paths; and in a Task it is not caught (§6.4).
TEST(DataFlow, ParametersMissingContextPathInATaskIsNotCaught) {
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"x.$": "$$.Execution.NoSuchField"},
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      "{}", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_NE(cause_detail(result).find("'$$.Execution.NoSuchField' specified for the field 'x.$'"),
            std::string::npos)
      << describe(result);
}

// ---- §3.1 ResultSelector -----------------------------------------------------------------------

TEST(DataFlow, ResultSelectorShapesTheRawResult) {  // §3.1 [SPEC] ResultSelector input = raw result
  RunResult result = run_machine(
      one_task(R"("ResultSelector": {"x.$": "$.Payload.x", "code.$": "$.StatusCode", "fixed": 1}, "ResultPath": "$.sel")"),
      R"({"in": true})", R"({"T": [{"Return": {"Payload": {"x": "y"}, "StatusCode": 200}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"in": true, "sel": {"x": "y", "code": 200, "fixed": 1}})"));
}

// ---- §3.4 ResultPath ---------------------------------------------------------------------------

TEST(DataFlow, ResultPathNullDiscardsTheResult) {  // §3.1/§3.4 [SPEC] null -> output = raw input
  RunResult result = run_machine(one_pass(R"("Result": {"r": 1}, "ResultPath": null)"), R"({"a": 1})");
  EXPECT_EQ(result.output, json::parse(R"({"a": 1})")) << describe(result);
}

TEST(DataFlow, ResultPathDollarReplacesTheInput) {  // §3.4 [SPEC] "$" -> output = result
  RunResult result = run_machine(one_pass(R"("Result": {"r": 1}, "ResultPath": "$")"), R"({"a": 1})");
  EXPECT_EQ(result.output, json::parse(R"({"r": 1})")) << describe(result);
}

TEST(DataFlow, ResultPathCreatesMissingObjects) {  // §3.4 [SPEC] $.b.greeting example
  RunResult result = run_machine(one_pass(R"("Result": "Hi!", "ResultPath": "$.b.greeting")"), R"({"a": 1})");
  EXPECT_EQ(result.output, json::parse(R"({"a": 1, "b": {"greeting": "Hi!"}})")) << describe(result);
}

TEST(DataFlow, ResultPathOverwritesAnExistingField) {  // §3.4 [SPEC]
  RunResult result = run_machine(one_pass(R"("Result": {"new": true}, "ResultPath": "$.a.b")"),
                                 R"({"a": {"b": {"old": true}, "c": 2}})");
  EXPECT_EQ(result.output, json::parse(R"({"a": {"b": {"new": true}, "c": 2}})")) << describe(result);
}

TEST(DataFlow, ResultPathWritesIntoTheRawInputNotTheFilteredOne) {  // §3.4 [SPEC] relative to raw input
  RunResult result = run_machine(one_pass(R"("InputPath": "$.part", "ResultPath": "$.copy")"),
                                 R"({"part": {"p": 1}, "other": 2})");
  EXPECT_EQ(result.output, json::parse(R"({"part": {"p": 1}, "other": 2, "copy": {"p": 1}})")) << describe(result);
}

// §3.3 [AWS✓ message from aws-cdk#29473] ResultPath onto a non-object raw input; the error name is
// uncertain (§14), we report States.Runtime.
TEST(DataFlow, ResultPathOntoANonObjectInputFails) {
  RunResult result = run_machine(one_pass(R"("Result": 1, "ResultPath": "$.x")"), R"("hello")");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result), R"(Unable to apply ReferencePath $.x to input "hello")");
}

TEST(DataFlow, ResultPathBelowAScalarFieldFails) {  // §3.4: no object can be created below a number
  RunResult result = run_machine(one_pass(R"("Result": 1, "ResultPath": "$.a.b")"), R"({"a": 5})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

// ---- §3.1/§3.3 OutputPath ----------------------------------------------------------------------

TEST(DataFlow, OutputPathNullGivesEmptyObject) {  // §3.1 [SPEC] OutputPath null -> {}
  RunResult result = run_machine(one_pass(R"("OutputPath": null)"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::object());
}

TEST(DataFlow, OutputPathAppliesAfterResultPath) {  // §3.1 pipeline order
  RunResult result = run_machine(one_pass(R"("Result": 5, "ResultPath": "$.r", "OutputPath": "$.r")"), R"({"a": 1})");
  EXPECT_EQ(result.output, json(5)) << describe(result);
}

// §3.3 [AWS✓] OutputPath not found -> States.Runtime `Invalid path '$.no.such' : Missing property in path $['no']`.
TEST(DataFlow, OutputPathNotFoundIsStatesRuntimeWithAwsMessage) {
  RunResult result = run_machine(one_pass(R"("OutputPath": "$.no.such")"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result), "Invalid path '$.no.such' : Missing property in path $['no']");
}

// §3.3 [AWS✓ catch_states_runtime]: not caught even by a Catcher listing States.Runtime.
TEST(DataFlow, OutputPathNotFoundIsNotCaughtEvenByStatesRuntimeCatcher) {
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.no.such",
              "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"},
                        {"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      R"({"a": 1})", R"({"T": [{"Return": {"ok": true}}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result), "Invalid path '$.no.such' : Missing property in path $['no']");
  EXPECT_EQ(result.path, (std::vector<std::string>{"T"}));
}

// §3.5 [SPEC/DG] the worked example.
TEST(DataFlow, WorkedExampleOfSection3_5) {
  RunResult result = run_machine(one_task(R"("InputPath": "$.numbers", "ResultPath": "$.sum")"),
                                 R"({"title": "t", "numbers": {"val1": 3, "val2": 4}})", R"({"T": [{"Return": 7}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"title": "t", "numbers": {"val1": 3, "val2": 4}, "sum": 7})"));
}

TEST(DataFlow, ChoiceOutputIsItsEffectiveInputThroughOutputPath) {  // §2.1 Choice output, §3.1
  RunResult result = run_machine(
      R"({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "InputPath": "$.in", "OutputPath": "$.keep",
              "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}})",
      R"({"in": {"go": true, "keep": [1]}})");
  EXPECT_EQ(result.output, json::parse("[1]")) << describe(result);
}

TEST(DataFlow, NoChoiceMatchedFailsTheExecution) {  // §2.1 [SPEC] no Default, no match
  RunResult result = run_machine(
      R"({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}})",
      R"({"go": false})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.NoChoiceMatched");
}

TEST(DataFlow, ChoiceMissingVariableFailsTheExecution) {  // §2.3 [FLOE✓ Test1] via the executor
  RunResult result = run_machine(
      R"({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.type", "StringEquals": "x", "Next": "Done"}],
              "Default": "Done"},
        "Done": {"Type": "Succeed"}}})",
      R"({"other": 1})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result),
            "Invalid path '$.type': The choice state's condition path references an invalid value.");
}

// ---- §8.5 workflow variables (JSONPath) --------------------------------------------------------

// §8.5 [AWS✓ BASE_ASSIGN_FROM_RESULT]: a "$." path in a Pass Assign reads the Result, not the input.
TEST(WorkflowVariables, AssignInPassReadsTheResult) {
  RunResult result = run_machine(
      R"({"StartAt": "S", "States": {
        "S": {"Type": "Pass", "Result": {"answer": 42}, "Assign": {"theAnswer.$": "$.answer"}, "Next": "R"},
        "R": {"Type": "Pass", "OutputPath": "$theAnswer", "End": true}}})",
      R"({"answer": "from the input"})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json(42));
}

// §8.5 [AWS✓ BASE_ASSIGN_FROM_RESULT] task form: "result.$": "$.Payload".
TEST(WorkflowVariables, AssignInTaskReadsTheTaskResult) {
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Assign": {"result.$": "$.Payload"},
              "ResultPath": null, "Next": "R"},
        "R": {"Type": "Pass", "Parameters": {"r.$": "$result", "in.$": "$"}, "End": true}}})",
      R"({"x": 1})", R"({"T": [{"Return": {"Payload": {"v": 1}, "StatusCode": 200}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"r": {"v": 1}, "in": {"x": 1}})"));
}

// §8.5 [AWS✓ BASE_EVALUATION_ORDER_PASS_STATE]: reads in the assigning state see the old value.
TEST(WorkflowVariables, SameStateReadsSeeTheOldValue) {
  RunResult result = run_machine(
      R"({"StartAt": "State0", "States": {
        "State0": {"Type": "Pass", "Assign": {"answer": 42}, "Next": "State1"},
        "State1": {"Type": "Pass", "Assign": {"answer": "<omitted>"}, "OutputPath": "$answer", "Next": "State2"},
        "State2": {"Type": "Pass", "Parameters": {"old.$": "$", "new.$": "$answer"}, "End": true}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"old": 42, "new": "<omitted>"})"));
}

TEST(WorkflowVariables, OneAssignSwapsTwoVariables) {  // §8.4/§8.5 [TK] all reads use the values on entry
  RunResult result = run_machine(
      R"({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"x": 1, "y": 2}, "Next": "Swap"},
        "Swap": {"Type": "Pass", "Assign": {"x.$": "$y", "y.$": "$x"}, "Next": "Show"},
        "Show": {"Type": "Pass", "Parameters": {"x.$": "$x", "y.$": "$y"}, "End": true}}})",
      "{}");
  EXPECT_EQ(result.output, json::parse(R"({"x": 2, "y": 1})")) << describe(result);
}

// §8.5 [AWS✓ test_assign_reference_variables]: variables in InputPath, OutputPath, Parameters,
// Choice Variable and ...Path operands, ItemsPath and TimeoutSecondsPath.
TEST(WorkflowVariables, ReadableInEveryPathField) {
  RunResult result = run_machine(
      R"({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"doc": {"list": [1, 2], "limit": 2, "t": 5}, "limit": 2}, "Next": "In"},
        "In": {"Type": "Pass", "InputPath": "$doc", "Next": "Route"},
        "Route": {"Type": "Choice", "Choices": [
                   {"Variable": "$doc.limit", "NumericEqualsPath": "$limit", "Next": "Each"}], "Default": "Bad"},
        "Each": {"Type": "Map", "ItemsPath": "$doc.list", "ItemProcessor": {"StartAt": "Id", "States": {
                   "Id": {"Type": "Pass", "End": true}}}, "ResultPath": "$.mapped", "Next": "T"},
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$doc.t",
              "ResultPath": null, "Next": "Out"},
        "Out": {"Type": "Pass", "OutputPath": "$limit", "End": true},
        "Bad": {"Type": "Fail", "Error": "Bad"}}})",
      "{}", R"({"T": [{"Return": 1, "Duration": 4}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json(2));
  EXPECT_EQ(result.path, (std::vector<std::string>{"Init", "In", "Route", "Each", "T", "Out"}));
}

TEST(WorkflowVariables, ReadingAnUnassignedVariableIsStatesRuntime) {  // §3.2 [AWS✓] a path matching nothing
  RunResult result = run_machine(one_pass(R"("Parameters": {"v.$": "$never"})"), "{}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

TEST(WorkflowVariables, BranchesReadOuterVariablesButTheirWritesStayInside) {  // §8.5 [TK] scopes
  RunResult result = run_machine(
      R"({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"x": "outer"}, "Next": "Par"},
        "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B", "States": {
                 "B": {"Type": "Pass", "Assign": {"inner": 1}, "Next": "B2"},
                 "B2": {"Type": "Pass", "Parameters": {"x.$": "$x", "inner.$": "$inner"}, "End": true}}}],
               "Next": "After"},
        "After": {"Type": "Pass", "Parameters": {"branch.$": "$[0]", "x.$": "$x"}, "Next": "Leak"},
        "Leak": {"Type": "Pass", "Parameters": {"inner.$": "$inner"}, "End": true}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);  // $inner is not visible outside
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(output_of(result, "After"), json::parse(R"({"branch": {"x": "outer", "inner": 1}, "x": "outer"})"));
}

TEST(WorkflowVariables, CatcherAssignReadsTheErrorOutput) {  // §8.5 [DG] Assign on Catchers
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Error"}, "Next": "Show"}], "End": true},
        "Show": {"Type": "Pass", "OutputPath": "$err", "End": true}}})",
      "{}", R"({"T": [{"Throw": {"Error": "Boom", "Cause": "c"}}]})");
  EXPECT_EQ(result.output, json("Boom")) << describe(result);
}

// ---- §9 Context Object -------------------------------------------------------------------------

TEST(ContextObject, ExecutionStateAndStateMachineFields) {  // §9 [DG] field names
  RunResult result = run_machine(
      one_pass(R"("Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name",
                 "start.$": "$$.Execution.StartTime", "role.$": "$$.Execution.RoleArn",
                 "redrive.$": "$$.Execution.RedriveCount", "state.$": "$$.State.Name",
                 "entered.$": "$$.State.EnteredTime", "retry.$": "$$.State.RetryCount",
                 "machine.$": "$$.StateMachine.Name", "machineId.$": "$$.StateMachine.Id"})"),
      "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output["name"], "local");
  EXPECT_EQ(result.output["start"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(result.output["state"], "P");
  EXPECT_EQ(result.output["entered"], "2024-01-01T00:00:00.000Z");
  EXPECT_EQ(result.output["retry"], 0);
  EXPECT_EQ(result.output["redrive"], 0);
  EXPECT_EQ(result.output["machine"], "sfncheck");
  EXPECT_TRUE(result.output["id"].get<std::string>().find(":execution:") != std::string::npos);
  EXPECT_TRUE(result.output["machineId"].get<std::string>().find(":stateMachine:") != std::string::npos);
  EXPECT_TRUE(result.output["role"].is_string());
}

TEST(ContextObject, ExecutionInputIsTheOriginalInput) {  // §9 [DG] $$.Execution.Input
  RunResult result = run_machine(
      R"({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"changed": true}, "Next": "B"},
        "B": {"Type": "Pass", "Parameters": {"now.$": "$", "original.$": "$$.Execution.Input"}, "End": true}}})",
      R"({"first": 1})");
  EXPECT_EQ(result.output, json::parse(R"({"now": {"changed": true}, "original": {"first": 1}})")) << describe(result);
}

TEST(ContextObject, EnteredTimeFollowsTheVirtualClock) {  // §9 State.EnteredTime, §4.1 waits
  RunResult result = run_machine(
      R"({"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 90, "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"entered.$": "$$.State.EnteredTime", "name.$": "$$.State.Name"},
              "End": true}}})",
      "{}");
  EXPECT_EQ(result.output, json::parse(R"({"entered": "2024-01-01T00:01:30.000Z", "name": "P"})")) << describe(result);
}

TEST(ContextObject, RunOptionsOverrideFields) {  // §9: a test's "context" merges over the defaults
  interp::RunOptions options;
  options.context = json::parse(R"({"Execution": {"Name": "given"}, "Custom": 1})");
  RunResult result = run_machine(
      one_pass(R"("Parameters": {"name.$": "$$.Execution.Name", "id.$": "$$.Execution.Id", "c.$": "$$.Custom"})"),
      "{}", "{}", options);
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output["name"], "given");
  EXPECT_EQ(result.output["c"], 1);
  EXPECT_TRUE(result.output["id"].is_string());  // untouched defaults stay
}

// §9 State.RetryCount during retries: Parameters are evaluated again for every attempt, so a
// Parallel's branches see the attempt number; a Task's ResultSelector sees the final count.
TEST(ContextObject, RetryCountSeenByEachAttemptsParameters) {
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Parameters": {"rc.$": "$$.State.RetryCount"},
                "Branches": [{"StartAt": "Echo", "States": {
                  "Echo": {"Type": "Pass", "Next": "Work"},
                  "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}],
                "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 3}],
                "ResultSelector": {"rc.$": "$$.State.RetryCount", "name.$": "$$.State.Name"}, "End": true}}})",
      "{}", R"({"Work": [{"Throw": {"Error": "Flaky"}}, {"Throw": {"Error": "Flaky"}}, {"Return": "ok"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  std::vector<json> echoed;
  for (const interp::TraceEntry& entry : result.trace) {
    if (entry.state == "Echo") echoed.push_back(entry.output);
  }
  EXPECT_EQ(echoed, (std::vector<json>{json::parse(R"({"rc": 0})"), json::parse(R"({"rc": 1})"),
                                       json::parse(R"({"rc": 2})")}));
  // After the branches ran, $$.State is the Parallel's again.
  EXPECT_EQ(result.output, json::parse(R"({"rc": 2, "name": "Par"})"));
}

TEST(ContextObject, RetryCountInATaskResultSelector) {  // §9 $$.State.RetryCount
  RunResult result = run_machine(
      one_task(R"("Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}],
                 "ResultSelector": {"rc.$": "$$.State.RetryCount"})"),
      "{}", R"({"T": [{"Throw": {"Error": "E"}}, {"Throw": {"Error": "E"}}, {"Throw": {"Error": "E"}}, {"Return": 1}]})");
  EXPECT_EQ(result.output, json::parse(R"({"rc": 3})")) << describe(result);
}

TEST(ContextObject, RetryCountResetsOnTheNextState) {  // §6.2 counters last for one visit
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["States.ALL"]}], "Next": "P"},
        "P": {"Type": "Pass", "Parameters": {"rc.$": "$$.State.RetryCount"}, "End": true}}})",
      "{}", R"({"T": [{"Throw": {"Error": "E"}}, {"Return": 1}]})");
  EXPECT_EQ(result.output, json::parse(R"({"rc": 0})")) << describe(result);
}

// §9 [DG] Task.Token exists in .waitForTaskToken tasks, where Parameters pass it on.
TEST(ContextObject, TaskTokenInWaitForTaskTokenParameters) {
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"QueueUrl": "q", "MessageBody": {"token.$": "$$.Task.Token"}},
              "Assign": {"token.$": "$$.Task.Token"}, "Next": "Show"},
        "Show": {"Type": "Pass", "OutputPath": "$token", "End": true}}})",
      "{}", R"({"T": [{"Return": {"approved": true}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  ASSERT_TRUE(result.output.is_string());
  EXPECT_FALSE(result.output.get<std::string>().empty());
}

TEST(ContextObject, NoTaskTokenOutsideWaitForTaskToken) {  // §9 [DG] Task is absent elsewhere
  RunResult result = run_machine(one_task(R"("Parameters": {"t.$": "$$.Task.Token"})"), "{}", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

}  // namespace
}  // namespace sfn::testing
