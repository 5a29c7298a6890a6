// History events (§12.1) numbered as AWS numbers them, the causes AWS builds from them (§6.1), and
// the assigned variables of ...StateExited events (§8.5).

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::HistoryEvent;
using interp::RunResult;
using interp::RunStatus;
using json = nlohmann::json;

interp::RunOptions with_history() {
  interp::RunOptions options;
  options.keep_history = true;
  return options;
}

// "1 ExecutionStarted, 2 PassStateEntered P, ..." : the events as one line, for readable failures.
std::string listed(const RunResult& result) {
  std::string text;
  for (const HistoryEvent& event : result.history) {
    if (!text.empty()) text += ", ";
    text += std::to_string(event.id) + " " + event.type;
    if (!event.state.empty()) text += " " + event.state;
  }
  return text;
}

const HistoryEvent* find_event(const RunResult& result, const std::string& type, const std::string& state) {
  for (const HistoryEvent& event : result.history) {
    if (event.type == type && event.state == state) return &event;
  }
  return nullptr;
}

std::string expected_cause(const std::string& state, int entered_event_id, const std::string& detail) {
  return "An error occurred while executing the state '" + state + "' (entered at the event id #" +
         std::to_string(entered_event_id) + "). " + detail;
}

// ---- §12.1 event types and ids ---------------------------------------------------------------------

TEST(HistoryEvents, TypesAndIdsOfASequence) {  // §12.1 [AWS✓ snapshots]
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {
          "P": {"Type": "Pass", "Next": "T"},
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "L"},
          "L": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "Next": "C"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$", "IsPresent": true, "Next": "W"}]},
          "W": {"Type": "Wait", "Seconds": 1, "Next": "S"},
          "S": {"Type": "Succeed"}}})",
      "{}", R"({"T": [{"Return": 1}], "L": [{"Return": 2}]})", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(listed(result),
            "1 ExecutionStarted, 2 PassStateEntered P, 3 PassStateExited P, 4 TaskStateEntered T, 5 TaskScheduled, "
            "6 TaskStarted, 7 TaskSucceeded, 8 TaskStateExited T, 9 TaskStateEntered L, 10 LambdaFunctionScheduled, "
            "11 LambdaFunctionStarted, 12 LambdaFunctionSucceeded, 13 TaskStateExited L, 14 ChoiceStateEntered C, "
            "15 ChoiceStateExited C, 16 WaitStateEntered W, 17 WaitStateExited W, 18 SucceedStateEntered S, "
            "19 SucceedStateExited S, 20 ExecutionSucceeded");
  EXPECT_EQ(result.events, result.history.size());
}

TEST(HistoryEvents, CountingWithoutKeepingGivesTheSameTotal) {  // §12: the limit counts the same events
  const std::string machine = R"({"StartAt": "P", "States": {
      "P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}],
            "Next": "M"},
      "M": {"Type": "Map", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}},
            "End": true}}})";
  RunResult kept = run_machine(machine, "[]", "{}", with_history());
  RunResult counted = run_machine(machine, "[]");
  ASSERT_EQ(kept.status, RunStatus::Succeeded) << describe(kept);
  EXPECT_EQ(kept.events, counted.events);
  EXPECT_EQ(kept.events, kept.history.size());
  EXPECT_TRUE(counted.history.empty());
}

TEST(HistoryEvents, RetriedTaskRepeatsScheduledStartedAndFailed) {  // §12.1: each failed attempt adds three
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Retry": [{"ErrorEquals": ["Boom"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": true}}})",
      "{}", R"({"T": [{"Throw": {"Error": "Boom", "Cause": "first"}}, {"Return": 1}]})", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(listed(result),
            "1 ExecutionStarted, 2 TaskStateEntered T, 3 TaskScheduled, 4 TaskStarted, 5 TaskFailed, "
            "6 TaskScheduled, 7 TaskStarted, 8 TaskSucceeded, 9 TaskStateExited T, 10 ExecutionSucceeded");
  EXPECT_EQ(result.history[4].error, "Boom");
  EXPECT_EQ(result.history[4].cause, "first");
}

TEST(HistoryEvents, ParallelAndInlineMapEvents) {  // §12.1 Parallel and inline Map rows
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}],
                "Next": "M"},
          "M": {"Type": "Map", "ItemsPath": "$[0]",
                "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}, "End": true}}})",
      R"([1])", "{}", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(listed(result),
            "1 ExecutionStarted, 2 ParallelStateEntered P, 3 ParallelStateStarted, 4 PassStateEntered A, "
            "5 PassStateExited A, 6 ParallelStateSucceeded, 7 ParallelStateExited P, 8 MapStateEntered M, "
            "9 MapStateStarted, 10 MapIterationStarted, 11 PassStateEntered B, 12 PassStateExited B, "
            "13 MapIterationSucceeded, 14 MapStateSucceeded, 15 MapStateExited M, 16 ExecutionSucceeded");
}

TEST(HistoryEvents, DistributedMapChildrenLeaveNoEventsInTheParent) {  // §12.1 distributed Map row
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {"M": {"Type": "Map",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}},
          "End": true}}})",
      R"([1, 2])", "{}", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(listed(result),
            "1 ExecutionStarted, 2 MapStateEntered M, 3 MapStateStarted, 4 MapRunStarted, 5 MapRunSucceeded, "
            "6 MapStateSucceeded, 7 MapStateExited M, 8 ExecutionSucceeded");
}

TEST(HistoryEvents, FailedExecutionEndsWithExecutionFailed) {  // §12.1: Fail has one event, then the failure
  RunResult result = run_machine(
      R"({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}})", "{}", "{}",
      with_history());
  ASSERT_EQ(result.status, RunStatus::Failed);
  EXPECT_EQ(listed(result), "1 ExecutionStarted, 2 FailStateEntered F, 3 ExecutionFailed");
  EXPECT_EQ(result.history.back().error, "E");
  EXPECT_EQ(result.history.back().cause, "C");
}

TEST(HistoryEvents, ExecutionTimeoutEndsWithExecutionTimedOut) {  // §1.1 TimeoutSeconds
  RunResult result = run_machine(
      R"({"StartAt": "W", "TimeoutSeconds": 5, "States": {"W": {"Type": "Wait", "Seconds": 10, "End": true}}})",
      "{}", "{}", with_history());
  ASSERT_EQ(result.status, RunStatus::TimedOut);
  ASSERT_FALSE(result.history.empty());
  EXPECT_EQ(result.history.back().type, "ExecutionTimedOut");
  EXPECT_EQ(result.history.back().error, "States.Timeout");
}

// ---- §8.5 assignedVariables -------------------------------------------------------------------------

TEST(HistoryEvents, StateExitedCarriesAssignedVariablesAsJsonText) {  // §8.5 [AWS✓] History
  RunResult result = run_machine(
      R"({"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Result": {"x": "text"},
                "Assign": {"n": 42, "s.$": "$.x", "o": {"k": [1, true, null]}}, "Next": "B"},
          "B": {"Type": "Pass", "End": true}}})",
      "{}", "{}", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  const HistoryEvent* exited = find_event(result, "PassStateExited", "A");
  ASSERT_NE(exited, nullptr) << listed(result);
  ASSERT_TRUE(exited->assigned_variables);
  const std::map<std::string, std::string> expected = {
      {"n", "42"}, {"s", "\"text\""}, {"o", R"({"k":[1,true,null]})"}};
  EXPECT_EQ(*exited->assigned_variables, expected);
  // A state without Assign exits with an empty map; Entered events carry none.
  const HistoryEvent* plain = find_event(result, "PassStateExited", "B");
  ASSERT_NE(plain, nullptr);
  ASSERT_TRUE(plain->assigned_variables);
  EXPECT_TRUE(plain->assigned_variables->empty());
  EXPECT_FALSE(find_event(result, "PassStateEntered", "A")->assigned_variables);
}

TEST(HistoryEvents, CatcherAssignAndChoiceRuleAssignAreRecorded) {  // §8.5 Assign on Catchers and rules
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err.$": "$.Error"}, "Next": "C"}]},
          "C": {"Type": "Choice", "Assign": {"seen": true},
                "Choices": [{"Variable": "$err", "StringEquals": "Boom", "Assign": {"rule": 0}, "Next": "S"}]},
          "S": {"Type": "Succeed"}}})",
      "{}", R"({"T": [{"Throw": {"Error": "Boom"}}]})", with_history());
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  const HistoryEvent* task = find_event(result, "TaskStateExited", "T");
  ASSERT_NE(task, nullptr) << listed(result);
  EXPECT_EQ(*task->assigned_variables, (std::map<std::string, std::string>{{"err", "\"Boom\""}}));
  const HistoryEvent* choice = find_event(result, "ChoiceStateExited", "C");
  ASSERT_NE(choice, nullptr);
  EXPECT_EQ(*choice->assigned_variables, (std::map<std::string, std::string>{{"seen", "true"}, {"rule", "0"}}));
}

// ---- §6.1 decorated causes ------------------------------------------------------------------------

// §6.1 [AWS✓]: "An error occurred while executing the state 'Check Address' (entered at the event id
// #7). The JSONPath '$.application.address' specified for the field 'address.$' could not be found ..."
TEST(DecoratedCause, RuntimeErrorNamesTheStateAndItsEnteredEvent) {
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {
          "P": {"Type": "Pass", "Next": "Check Address"},
          "Check Address": {"Type": "Pass", "Parameters": {"address.$": "$.application.address"}, "End": true}}})",
      R"({"flagged": false})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(result.cause, expected_cause("Check Address", 4,
                                         "The JSONPath '$.application.address' specified for the field 'address.$' "
                                         "could not be found in the input '{\"flagged\":false}'"));
}

TEST(DecoratedCause, InsideAParallelBranchTheBranchStateIsNamedOnce) {  // §6.1, §1.4 branch error propagates
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {"Par": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Fast", "States": {"Fast": {"Type": "Pass", "Parameters": {"m.$": "$.nope"}, "End": true}}}]}}})",
      R"({"x": "a"})", "{}", with_history());
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  // 1 ExecutionStarted, 2 ParallelStateEntered, 3 ParallelStateStarted, 4 PassStateEntered Fast.
  EXPECT_EQ(result.cause, expected_cause("Fast", 4,
                                         "The JSONPath '$.nope' specified for the field 'm.$' could not be found in "
                                         "the input '{\"x\":\"a\"}'"));
  EXPECT_EQ(result.history.back().type, "ExecutionFailed");
  EXPECT_EQ(result.history.back().cause, result.cause);
}

TEST(DecoratedCause, IntrinsicFailuresAreDecoratedToo) {  // §6.1, §7: intrinsic failures are States.Runtime
  RunResult result = run_machine(
      R"j({"StartAt": "Transform", "States": {"Transform": {"Type": "Pass",
          "Parameters": {"a.$": "States.ArrayGetItem($.list, 5)"}, "End": true}}})j",
      R"({"list": [1]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(result.cause->rfind(expected_cause("Transform", 2, ""), 0), 0u) << *result.cause;
}

TEST(DecoratedCause, TaskErrorsAndFailStateCausesAreNotDecorated) {  // §6.1: only errors the state raises
  RunResult mocked = run_machine(
      R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "End": true}}})",
      "{}", R"({"T": [{"Throw": {"Error": "States.Runtime", "Cause": "from the service"}}]})");
  EXPECT_EQ(mocked.error, "States.Runtime");
  EXPECT_EQ(mocked.cause, "from the service");
  RunResult fail = run_machine(R"({"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "E", "Cause": "C"}}})",
                               "{}");
  EXPECT_EQ(fail.cause, "C");
}

TEST(DecoratedCause, DistributedMapChildIsNumberedFromItsOwnHistory) {  // §12.1: children are executions
  interp::RunOptions options;
  options.semantics.distributed_map_failure_is_threshold_error = false;  // let the child's own error through
  RunResult result = run_machine(
      R"({"StartAt": "Before", "States": {
          "Before": {"Type": "Pass", "Next": "M"},
          "M": {"Type": "Map", "End": true,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                  "StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$.no", "End": true}}}}}})",
      R"([{"x": 1}])", "{}", options);
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  // The child: 1 ExecutionStarted, 2 PassStateEntered B (the parent was at event 6 by then).
  EXPECT_EQ(result.cause, expected_cause("B", 2, "Invalid path '$.no' : No results for path: $['no']"));
}

}  // namespace
}  // namespace sfn::testing
