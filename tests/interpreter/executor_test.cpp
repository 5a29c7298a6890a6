// The executor as a whole: Task results by resource kind (asl-semantics.md §5.1), AWS mock config
// files (§10), execution limits (§12: payload size, TimeoutSeconds, the history event budget) and
// what the interpreter refuses to run (JSONata it does not implement). Machines are built from inline JSON.

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// ---- §5.1 Task results -------------------------------------------------------------------------

// §5.1 [AWS✓]: arn:aws:states:::lambda:invoke returns the whole Invoke response; OutputPath
// "$.Payload" is the usual way to keep the function's payload.
TEST(TaskResult, LambdaInvokeResultIsTheWholeResponse) {
  const std::string mocks =
      R"({"T": [{"Return": {"ExecutedVersion": "$LATEST", "Payload": {"body": "ok"}, "StatusCode": 200,
                            "SdkHttpMetadata": {}, "SdkResponseMetadata": {}}}]})";
  RunResult whole = run_machine(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "End": true}}})",
      "{}", mocks);
  ASSERT_EQ(whole.status, RunStatus::Succeeded) << describe(whole);
  EXPECT_EQ(whole.output["StatusCode"], 200);
  RunResult payload = run_machine(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "OutputPath": "$.Payload", "End": true}}})",
      "{}", mocks);
  EXPECT_EQ(payload.output, json::parse(R"({"body": "ok"})")) << describe(payload);
}

// §5.1 [AWS✓] + §10.1 [LS]: with an AWS mock config file, whose Return is the Lambda API
// response, a legacy Lambda-ARN Task sees Return.Payload while lambda:invoke sees all of it.
TEST(TaskResult, LegacyLambdaArnSeesThePayloadOfAMockConfigReturn) {
  const std::string config = R"({
    "StateMachines": {"sm": {"TestCases": {"Happy": {"Legacy": "Ok", "Invoke": "Ok"}}}},
    "MockedResponses": {"Ok": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}}}})";
  RunResult result = run_with_mock_config(
      R"({"StartAt": "Legacy", "States": {
        "Legacy": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                   "ResultPath": "$.legacy", "Next": "Invoke"},
        "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.invoke",
                   "End": true}}})",
      "{}", config, "Happy");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"legacy": {"body": "ok"},
                                           "invoke": {"StatusCode": 200, "Payload": {"body": "ok"}}})"));
}

// §5.1 [AWS✓ error tables]: Lambda and SDK errors keep their names; a Lambda's cause is a JSON string.
TEST(TaskResult, ServiceErrorNamesAndCausesPassThrough) {
  const std::string machine = R"({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:dynamodb:getItem",
          "Catch": [{"ErrorEquals": ["DynamoDB.ResourceNotFoundException"], "Next": "Missing"},
                    {"ErrorEquals": ["CustomException"], "ResultPath": "$.err", "Next": "Custom"}], "End": true},
    "Missing": {"Type": "Succeed"}, "Custom": {"Type": "Succeed"}}})";
  RunResult missing = run_machine(machine, "{}", R"({"T": [{"Throw": {"Error": "DynamoDB.ResourceNotFoundException",
                                                                       "Cause": "Requested resource not found"}}]})");
  EXPECT_EQ(missing.path, (std::vector<std::string>{"T", "Missing"})) << describe(missing);
  const std::string cause = R"({"errorMessage":"boom","errorType":"CustomException","requestId":"r","stackTrace":[]})";
  RunResult custom = run_machine(machine, "{}",
                                 json{{"T", {{{"Throw", {{"Error", "CustomException"}, {"Cause", cause}}}}}}}.dump());
  ASSERT_EQ(custom.path, (std::vector<std::string>{"T", "Custom"})) << describe(custom);
  EXPECT_EQ(custom.output["err"]["Cause"], cause);
}

// ---- §10 AWS mock config files -----------------------------------------------------------------

const char* kRetryMachine = R"({"StartAt": "LambdaState", "States": {
  "LambdaState": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 3}], "OutputPath": "$.Payload", "End": true}}})";

const char* kDgMockConfig = R"({
  "StateMachines": {
    "sm": {"TestCases": {"HappyPath": {"LambdaState": "MockedLambdaSuccess"},
                         "RetryPath": {"LambdaState": "MockedLambdaRetry"}}}},
  "MockedResponses": {
    "MockedLambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}},
    "MockedLambdaRetry": {
      "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
      "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timed out"}},
      "3": {"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}}}})";

TEST(MockConfig, TestCasesSelectTheResponses) {  // §10.1/§10.3 [DG, LS]
  RunResult happy = run_with_mock_config(kRetryMachine, "{}", kDgMockConfig, "HappyPath");
  ASSERT_EQ(happy.status, RunStatus::Succeeded) << describe(happy);
  EXPECT_EQ(happy.output, json::parse(R"({"body": "ok"})"));
  EXPECT_DOUBLE_EQ(happy.elapsed_seconds, 0);
}

// §10.1/§10.2 [DG]: "0", "1-2", "3" model fail, retry-fail x2, third retry succeeds; every retry
// consumes an invocation.
TEST(MockConfig, RangeKeysAndRetriesConsumeInvocations) {
  RunResult result = run_with_mock_config(kRetryMachine, "{}", kDgMockConfig, "RetryPath");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"body": "ok"})"));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 1 + 2 + 4);
}

TEST(MockConfig, RunningPastTheLastResponseMakesTheRunUnusable) {  // §10.2 [DG]
  std::string config = kDgMockConfig;
  config.replace(config.find(R"("3": {"Return")"), 3, R"("9")");  // leaves a gap -> rejected
  interp::MockParseResult gap = interp::parse_mock_config(parse_json(config), "RetryPath");
  ASSERT_TRUE(gap.error);
  EXPECT_NE(gap.error->message.find("invocation 3"), std::string::npos) << gap.error->message;

  LoadedMachine machine(kRetryMachine);
  interp::MockParseResult short_list = interp::parse_mock_config(parse_json(R"({
    "StateMachines": {"sm": {"TestCases": {"T": {"LambdaState": "Fails"}}}},
    "MockedResponses": {"Fails": {"0-1": {"Throw": {"Error": "E", "Cause": "c"}}}}})"), "T");
  ASSERT_TRUE(short_list.table) << short_list.error->message;
  RunResult result = interp::run_state_machine(machine.machine, json::object(), *short_list.table);
  ASSERT_TRUE(result.unusable) << describe(result);
  EXPECT_NE(result.unusable->find("ran out at invocation 2"), std::string::npos) << *result.unusable;
}

// §10.1 [LS validation]: keys are consecutive from "0", without gaps or overlaps.
TEST(MockConfig, MalformedInvocationKeysAreRejected) {
  auto parse = [](const std::string& responses) {
    return interp::parse_mock_config(
        parse_json(R"({"StateMachines": {"sm": {"TestCases": {"T": {"S": "R"}}}}, "MockedResponses": {"R": )" +
                   responses + "}}"),
        "T");
  };
  const std::string ok = R"({"Return": 1})";
  EXPECT_FALSE(parse("{\"0\": " + ok + ", \"1-2\": " + ok + "}").error);
  EXPECT_TRUE(parse("{\"1\": " + ok + "}").error);                       // does not start at 0
  EXPECT_TRUE(parse("{\"0\": " + ok + ", \"2\": " + ok + "}").error);    // gap
  EXPECT_TRUE(parse("{\"0-1\": " + ok + ", \"1\": " + ok + "}").error);  // overlap
  EXPECT_TRUE(parse("{\"2-1\": " + ok + "}").error);                     // reversed range
  EXPECT_TRUE(parse("{\"x\": " + ok + "}").error);                       // not a number
  EXPECT_TRUE(parse(R"({"0": {"Throw": {"Error": "E"}}})").error);       // Cause is required
  EXPECT_TRUE(parse(R"({"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "c"}}})").error);
}

TEST(MockConfig, UnknownTestCaseOrResponseIsRejected) {  // §10.3 [LS] unknown test case
  EXPECT_TRUE(interp::parse_mock_config(parse_json(kDgMockConfig), "NoSuchCase").error);
  EXPECT_TRUE(interp::parse_mock_config(parse_json(R"({"StateMachines": {"sm": {"TestCases": {"T": {"S": "Nope"}}}},
                                                       "MockedResponses": {}})"),
                                        "T")
                  .error);
  EXPECT_TRUE(interp::parse_mock_config(parse_json(R"({"MockedResponses": {}})"), "T").error);
}

TEST(MockConfig, StateMachineNameSelectsAmongSeveral) {  // §10.1: keys are state machine names
  const json config = parse_json(R"({
    "StateMachines": {"a": {"TestCases": {"T": {"S": "One"}}}, "b": {"TestCases": {"T": {"S": "Two"}}}},
    "MockedResponses": {"One": {"0": {"Return": 1}}, "Two": {"0": {"Return": 2}}}})");
  EXPECT_TRUE(interp::parse_mock_config(config, "T").error);  // ambiguous without a name
  interp::MockParseResult b = interp::parse_mock_config(config, "T", "b");
  ASSERT_TRUE(b.table);
  EXPECT_EQ(b.table->response("S", 0)->result, json(2));
}

// §10.2 [DG, LS]: the counter is per Task state over the whole execution, loops included.
TEST(MockConfig, CounterContinuesAcrossLoopVisits) {
  RunResult result = run_with_mock_config(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload", "Next": "Again?"},
        "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": false, "Next": "T"}],
                   "Default": "Done"},
        "Done": {"Type": "Succeed"}}})",
      "{}",
      R"({"StateMachines": {"sm": {"TestCases": {"Loop": {"T": "Twice"}}}},
          "MockedResponses": {"Twice": {"0": {"Return": {"Payload": {"done": false}}},
                                        "1": {"Return": {"Payload": {"done": true}}}}}})",
      "Loop");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Again?", "T", "Again?", "Done"}));
}

TEST(MockConfig, MapIterationsShareTheCounter) {  // §10.2 [DG] MaxConcurrency 1 for reproducible tests
  RunResult result = run_with_mock_config(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "MaxConcurrency": 1, "ItemProcessor": {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
                         "End": true}}}, "End": true}}})",
      "[1, 2, 3]",
      R"({"StateMachines": {"sm": {"TestCases": {"Items": {"Work": "Each"}}}},
          "MockedResponses": {"Each": {"0": {"Return": {"Payload": "first"}},
                                       "1-2": {"Return": {"Payload": "later"}}}}})",
      "Items");
  EXPECT_EQ(result.output, json::parse(R"(["first", "later", "later"])")) << describe(result);
}

TEST(MockConfig, TaskWithoutAMockMakesTheRunUnusable) {  // §10.1: no hybrid calls in sfncheck
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}})",
      "{}");
  ASSERT_TRUE(result.unusable) << describe(result);
  EXPECT_NE(result.unusable->find("has no mock"), std::string::npos);
}

// ---- §12 payload size --------------------------------------------------------------------------

std::string big_string_mock(const std::string& state) {
  return json{{state, {{{"Return", std::string(300000, 'x')}}}}}.dump();
}

// §6.1/§12 [AWS✓ test_states_errors]: an oversized task result is States.DataLimitExceeded, caught
// by States.ALL and by its own name (switch data_limit_exceeded_catchable, default on).
TEST(PayloadLimit, OversizedTaskResultIsCaughtByStatesAll) {
  for (const char* pattern : {"States.ALL", "States.DataLimitExceeded"}) {
    RunResult result = run_machine(
        std::string(R"({"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": [")") + pattern + R"("], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}})",
        "{}", big_string_mock("T"));
    ASSERT_EQ(result.status, RunStatus::Succeeded) << pattern << ": " << describe(result);
    EXPECT_EQ(result.output["Error"], "States.DataLimitExceeded");
    EXPECT_EQ(result.output["Cause"],
              "The state/task 'T' returned a result with a size exceeding the maximum number of bytes service limit.");
  }
}

TEST(PayloadLimit, TerminalWhenTheSwitchSaysSo) {  // §6.1/§14 the DG's reading
  interp::RunOptions options;
  options.semantics.data_limit_exceeded_catchable = false;
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}})",
      "{}", big_string_mock("T"), options);
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.DataLimitExceeded");
}

TEST(PayloadLimit, OversizedPassOutputFailsTheExecution) {  // §6.1 [DG] Pass output just fails
  const std::string half(200000, 'y');
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}})",
      json{{"s", half}}.dump());
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result).substr(0, 200);
  EXPECT_EQ(result.error, "States.DataLimitExceeded");
}

TEST(PayloadLimit, OversizedExecutionInputFails) {  // §12 [API/DG] execution input
  RunResult result = run_machine(R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})",
                                 json{{"s", std::string(300000, 'z')}}.dump());
  ASSERT_EQ(result.status, RunStatus::Failed);
  EXPECT_EQ(result.error, "States.DataLimitExceeded");
  EXPECT_TRUE(result.path.empty());
}

TEST(PayloadLimit, JustBelowTheLimitIsFine) {  // §12: 262,144 bytes is the limit itself
  RunResult result = run_machine(R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}})",
                                 json(std::string(262144 - 2, 'a')).dump());
  EXPECT_EQ(result.status, RunStatus::Succeeded);
}

// ---- §1.1/§12 execution TimeoutSeconds ---------------------------------------------------------

TEST(ExecutionTimeout, WaitBeyondTheDeadlineTimesOut) {  // §1.1 [SPEC/DG] -> TIMED_OUT, States.Timeout
  RunResult result = run_machine(
      R"({"StartAt": "W", "TimeoutSeconds": 10, "States": {
        "W": {"Type": "Wait", "Seconds": 100, "Next": "Done"}, "Done": {"Type": "Succeed"}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::TimedOut) << describe(result);
  EXPECT_EQ(result.error, "States.Timeout");
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 10);
  EXPECT_STREQ(interp::run_status_name(result.status), "TIMED_OUT");
}

TEST(ExecutionTimeout, IsNotCaughtByTheRunningTask) {  // §1.1/§6.4 no enclosing state to catch it
  RunResult result = run_machine(
      R"({"StartAt": "T", "TimeoutSeconds": 10, "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      "{}", R"({"T": [{"Return": 1, "Duration": 60}]})");
  ASSERT_EQ(result.status, RunStatus::TimedOut) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T"}));
}

TEST(ExecutionTimeout, WithinTheDeadlineSucceeds) {  // §1.1
  RunResult result = run_machine(
      R"({"StartAt": "W", "TimeoutSeconds": 10, "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}})", "{}");
  EXPECT_EQ(result.status, RunStatus::Succeeded) << describe(result);
}

// ---- §12 history events ------------------------------------------------------------------------

// A loop of Pass + Choice (4 events per round) counting to `rounds`.
std::string counting_loop(int rounds) {
  return R"j({"StartAt": "Inc", "States": {
    "Inc": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More?"},
    "More?": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericLessThan": )j" +
         std::to_string(rounds) + R"(, "Next": "Inc"}], "Default": "Done"},
    "Done": {"Type": "Succeed"}}})";
}

// §12 [DG]: reaching 25,000 history events fails a Standard execution.
TEST(HistoryLimit, LongLoopFailsAtTwentyFiveThousandEvents) {
  interp::RunOptions options;
  options.keep_trace = false;
  RunResult result = run_machine(counting_loop(10000), R"({"n": 0})", "{}", options);
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_NE(cause_detail(result).find("25000"), std::string::npos);
  EXPECT_GT(result.events, 25000u);
  EXPECT_LT(result.transitions, 20000u);
}

TEST(HistoryLimit, DisabledLimitLetsTheLoopFinish) {  // §12: enforce_history_limit = false
  interp::RunOptions options;
  options.keep_trace = false;
  options.enforce_history_limit = false;
  RunResult result = run_machine(counting_loop(10000), R"({"n": 0})", "{}", options);
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"n": 10000})"));
  EXPECT_GT(result.events, 40000u);
}

TEST(HistoryLimit, ShortRunCountsItsEvents) {  // §12.1 [AWS✓ snapshots] events per state
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}})",
      "{}", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  // ExecutionStarted, Pass entered/exited, Task entered/scheduled/started/succeeded/exited, ExecutionSucceeded.
  EXPECT_EQ(result.events, 1u + 2u + 5u + 1u);
}

// ---- what the interpreter refuses ---------------------------------------------------------------

// §8: JSONata machines run, but an expression using a construct the runtime does not implement (or
// one that does not parse) makes the whole run unusable before anything runs, naming the state,
// the field and the construct.
TEST(Refusals, JsonataWithUnsupportedConstructsIsUnusable) {
  RunResult chained = run_machine(
      R"({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
          "Output": {"n": "{% $states.input.items ~> $count() %}"}, "End": true}}})",
      R"({"items": [1, 2]})");
  ASSERT_TRUE(chained.unusable) << describe(chained);
  EXPECT_NE(chained.unusable->find("state 'P'"), std::string::npos) << *chained.unusable;
  EXPECT_NE(chained.unusable->find("'Output/n'"), std::string::npos) << *chained.unusable;
  EXPECT_NE(chained.unusable->find("unsupported: the function application operator '~>'"), std::string::npos)
      << *chained.unusable;
  EXPECT_TRUE(chained.path.empty());  // refused before anything ran

  // In a JSONPath machine with one JSONata state (incremental migration), and for a regular
  // expression, the root `$$` and $eval.
  for (const char* expression : {"{% $match($states.input.s, /a+/) %}", "{% $$.x %}", "{% $eval('1') %}"}) {
    RunResult mixed = run_machine(
        std::string(R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "J"},
          "J": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": ")") + expression + R"(", "End": true}}})",
        R"({"s": "aa"})");
    ASSERT_TRUE(mixed.unusable) << expression << ": " << describe(mixed);
    EXPECT_NE(mixed.unusable->find("unsupported:"), std::string::npos) << *mixed.unusable;
    EXPECT_NE(mixed.unusable->find("state 'J'"), std::string::npos) << *mixed.unusable;
    EXPECT_TRUE(mixed.path.empty());
  }

  // An expression that does not parse: the structural check reports it; the interpreter refuses.
  RunResult broken = run_machine(
      R"({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
          "Output": "{% ($states.input %}", "End": true}}})",
      "{}");
  ASSERT_TRUE(broken.unusable) << describe(broken);
  EXPECT_NE(broken.unusable->find("S0203"), std::string::npos) << *broken.unusable;

  // A supported machine runs.
  RunResult runs = run_machine(
      R"({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
          "Output": "{% $count($states.input.items) %}", "End": true}}})",
      R"({"items": [1, 2]})");
  ASSERT_EQ(runs.status, RunStatus::Succeeded) << describe(runs);
  EXPECT_EQ(runs.output, 2);
}

}  // namespace
}  // namespace sfn::testing
