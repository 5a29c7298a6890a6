// Retry and Catch on the executor (asl-semantics.md §6), task timeouts and heartbeats against a
// mock's Duration (§5.1, §6.1). Delays are observed on the virtual clock (elapsed_seconds).

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// A Task "T" with `fields` (JSON members without braces) that ends the machine, plus states
// "Caught" and "Other" (Pass) for catchers to go to.
std::string task_machine(const std::string& fields) {
  return R"({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", )" +
         fields + R"(, "End": true},
    "Caught": {"Type": "Pass", "End": true},
    "Other": {"Type": "Pass", "End": true}}})";
}

std::string throws(const std::string& error) { return R"({"Throw": {"Error": ")" + error + R"("}})"; }

// ---- §6.2 Retry --------------------------------------------------------------------------------

TEST(Retry, DefaultsRetryThreeTimesWithBackoff) {  // §6.2 [SPEC] defaults 1 s, x2.0, 3 attempts
  RunResult result = run_machine(task_machine(R"("Retry": [{"ErrorEquals": ["E"]}])"), "{}",
                                 "{\"T\": [" + throws("E") + "," + throws("E") + "," + throws("E") + R"(, {"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 1 + 2 + 4);
  EXPECT_EQ(result.output, json(1));
}

TEST(Retry, ExhaustedAfterMaxAttemptsFailsWithTheError) {  // §6.2 [SPEC] 1 + MaxAttempts executions
  RunResult result = run_machine(task_machine(R"("Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 2}])"), "{}",
                                 "{\"T\": [" + throws("E") + "," + throws("E") + "," + throws("E") + "]}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "E");
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 1 + 2);
}

TEST(Retry, SpecIntervalAndBackoffExample) {  // §6.2 [SPEC] Interval 3, Backoff 1.5, MaxAttempts 2 -> 3 s, 4.5 s
  RunResult result = run_machine(
      task_machine(R"("Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 3, "BackoffRate": 1.5, "MaxAttempts": 2}],
                     "Catch": [{"ErrorEquals": ["E"], "Next": "Caught"}])"),
      "{}", "{\"T\": [" + throws("E") + "," + throws("E") + "," + throws("E") + "]}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Caught"}));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 3 + 4.5);
}

TEST(Retry, MaxDelaySecondsCapsEachDelay) {  // §6.2 [SPEC/DG] MaxDelaySeconds
  RunResult result = run_machine(
      task_machine(R"("Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10, "BackoffRate": 3, "MaxAttempts": 3,
                                 "MaxDelaySeconds": 20}])"),
      "{}", "{\"T\": [" + throws("E") + "," + throws("E") + "," + throws("E") + R"(, {"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 10 + 20 + 20);
}

// §6.2 [SPEC] MaxAttempts 0 never retries, and only the first matching retrier is considered: the
// later States.ALL retrier does not step in.
TEST(Retry, MaxAttemptsZeroNeverRetries) {
  RunResult result = run_machine(
      task_machine(R"("Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 0}, {"ErrorEquals": ["States.ALL"]}])"), "{}",
      "{\"T\": [" + throws("E") + R"(, {"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "E");
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 0);
}

// §6.2 [SPEC] "complex retry scenario": errors A, B, C, B; retrier 1 {A, B; MaxAttempts 2} waits
// 1 s and 2 s, retrier 2 {C; IntervalSeconds 5} waits 5 s, then the fourth error matches the
// exhausted retrier 1 (its counter is shared by A and B) and the Catch takes over.
TEST(Retry, SpecComplexRetryScenario) {
  RunResult result = run_machine(
      task_machine(R"("Retry": [{"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2,
                                 "MaxAttempts": 2},
                                {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
                     "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}])"),
      "{}", "{\"T\": [" + throws("ErrorA") + "," + throws("ErrorB") + "," + throws("ErrorC") + "," + throws("ErrorB") +
                R"(, {"Return": "never used"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Caught"}));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 1 + 2 + 5);
  EXPECT_EQ(result.output, json::parse(R"({"Error": "ErrorB"})"));
}

TEST(Retry, CountersResetWhenTheStateIsLeft) {  // §6.2 [SPEC] counters last for one visit
  RunResult result = run_machine(
      R"({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["E"], "MaxAttempts": 1}], "Next": "Again?"},
        "Again?": {"Type": "Choice", "Choices": [{"Variable": "$.done", "BooleanEquals": false, "Next": "T"}],
                   "Default": "Done"},
        "Done": {"Type": "Succeed"}}})",
      "{}",
      "{\"T\": [" + throws("E") + R"(, {"Return": {"done": false}}, )" + throws("E") +
          R"(, {"Return": {"done": true}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Again?", "T", "Again?", "Done"}));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 2);
}

// §6.2 [SPEC/DG] FULL jitter: a uniform delay in [0, d], deterministic for a given seed.
TEST(Retry, FullJitterIsDeterministicForASeed) {
  const std::string machine = task_machine(
      R"("Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10, "MaxAttempts": 2, "JitterStrategy": "FULL"}])");
  const std::string mocks = "{\"T\": [" + throws("E") + "," + throws("E") + R"(, {"Return": 1}]})";
  interp::RunOptions options;
  options.seed = 7;
  RunResult first = run_machine(machine, "{}", mocks, options);
  RunResult second = run_machine(machine, "{}", mocks, options);
  ASSERT_EQ(first.status, RunStatus::Succeeded) << describe(first);
  EXPECT_DOUBLE_EQ(first.elapsed_seconds, second.elapsed_seconds);
  EXPECT_GE(first.elapsed_seconds, 0);
  EXPECT_LE(first.elapsed_seconds, 10 + 20);
  EXPECT_NE(first.elapsed_seconds, 10 + 20);  // NONE would wait exactly 30 s
  bool some_seed_differs = false;
  for (std::uint64_t seed = 8; seed < 12 && !some_seed_differs; ++seed) {
    options.seed = seed;
    some_seed_differs = run_machine(machine, "{}", mocks, options).elapsed_seconds != first.elapsed_seconds;
  }
  EXPECT_TRUE(some_seed_differs);
}

TEST(Retry, ExecutionTimeoutDuringARetryDelay) {  // §6.2 delays count toward §1.1 TimeoutSeconds
  RunResult result = run_machine(
      R"({"StartAt": "T", "TimeoutSeconds": 5, "States": {
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Retry": [{"ErrorEquals": ["E"], "IntervalSeconds": 10}], "End": true}}})",
      "{}", "{\"T\": [" + throws("E") + R"(, {"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::TimedOut) << describe(result);
  EXPECT_EQ(result.error, "States.Timeout");
}

// ---- §6.3 Catch --------------------------------------------------------------------------------

TEST(Catch, FirstMatchingCatcherInOrderWins) {  // §6.3 [SPEC]
  const std::string machine = task_machine(
      R"("Catch": [{"ErrorEquals": ["E1"], "Next": "Caught"}, {"ErrorEquals": ["E1", "E2"], "Next": "Other"},
                   {"ErrorEquals": ["States.ALL"], "Next": "Other"}])");
  RunResult first = run_machine(machine, "{}", "{\"T\": [" + throws("E1") + "]}");
  EXPECT_EQ(first.path, (std::vector<std::string>{"T", "Caught"})) << describe(first);
  RunResult second = run_machine(machine, "{}", "{\"T\": [" + throws("E2") + "]}");
  EXPECT_EQ(second.path, (std::vector<std::string>{"T", "Other"})) << describe(second);
}

TEST(Catch, StatesAllCatchesAnyCatchableError) {  // §6.1 [SPEC] States.ALL
  const std::string machine = task_machine(R"("Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}])");
  for (const char* error : {"Custom", "States.TaskFailed", "States.Permissions", "Lambda.Unknown"}) {
    RunResult result = run_machine(machine, "{}", "{\"T\": [" + throws(error) + "]}");
    EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Caught"})) << error << ": " << describe(result);
  }
  RunResult timeout = run_machine(task_machine(R"("TimeoutSeconds": 1,
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}])"), "{}", R"({"T": [{"Return": 1, "Duration": 2}]})");
  EXPECT_EQ(timeout.path, (std::vector<std::string>{"T", "Caught"})) << describe(timeout);
}

TEST(Catch, NoMatchingCatcherFailsTheExecution) {  // §6.3 [SPEC]
  RunResult result = run_machine(task_machine(R"("Catch": [{"ErrorEquals": ["Other"], "Next": "Caught"}])"), "{}",
                                 R"({"T": [{"Throw": {"Error": "Mine", "Cause": "why"}}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "Mine");
  EXPECT_EQ(result.cause, "why");
}

// §6.1 [DG] States.TaskFailed matches every error except States.Timeout. The §14 switch
// task_failed_matches_states_errors only changes whether other States.* names match.
TEST(Catch, TaskFailedDoesNotCatchTimeoutUnderEitherSetting) {
  const std::string machine = task_machine(R"("TimeoutSeconds": 5,
      "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}, {"ErrorEquals": ["States.Timeout"], "Next": "Other"}])");
  for (bool setting : {true, false}) {
    interp::RunOptions options;
    options.semantics.task_failed_matches_states_errors = setting;
    RunResult timeout = run_machine(machine, "{}", R"({"T": [{"Return": 1, "Duration": 10}]})", options);
    EXPECT_EQ(timeout.path, (std::vector<std::string>{"T", "Other"})) << setting << ": " << describe(timeout);
    RunResult custom = run_machine(machine, "{}", "{\"T\": [" + throws("Custom") + "]}", options);
    EXPECT_EQ(custom.path, (std::vector<std::string>{"T", "Caught"})) << setting << ": " << describe(custom);
    RunResult permissions = run_machine(machine, "{}", "{\"T\": [" + throws("States.Permissions") + "]}", options);
    if (setting) {  // DG: everything but States.Timeout
      EXPECT_EQ(permissions.path, (std::vector<std::string>{"T", "Caught"})) << describe(permissions);
    } else {        // LocalStack: only names outside States.*
      EXPECT_EQ(permissions.status, RunStatus::Failed) << describe(permissions);
    }
  }
}

TEST(Catch, ErrorOutputReplacesTheInputByDefault) {  // §6.3 [SPEC, AWS✓] {"Error", "Cause"}
  const std::string machine = task_machine(R"("Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}])");
  RunResult with_cause = run_machine(machine, R"({"in": 1})", R"({"T": [{"Throw": {"Error": "E", "Cause": "c"}}]})");
  EXPECT_EQ(with_cause.output, json::parse(R"({"Error": "E", "Cause": "c"})")) << describe(with_cause);
  RunResult without_cause = run_machine(machine, R"({"in": 1})", "{\"T\": [" + throws("E") + "]}");
  EXPECT_EQ(without_cause.output, json::parse(R"({"Error": "E"})")) << describe(without_cause);
}

// §6.3 [SPEC] a catcher's ResultPath merges the error output into the raw state input (not the
// InputPath-filtered one, not the Parameters output).
TEST(Catch, CatcherResultPathMergesIntoTheRawInput) {
  RunResult result = run_machine(
      task_machine(R"("InputPath": "$.a", "Parameters": {"p": 1},
                     "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error-info", "Next": "Caught"}])"),
      R"({"a": {"x": 1}, "b": 2})", R"({"T": [{"Throw": {"Error": "E", "Cause": "c"}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"a": {"x": 1}, "b": 2, "error-info": {"Error": "E", "Cause": "c"}})"));
}

TEST(Catch, CatcherResultPathNullKeepsTheRawInput) {  // §3.1/§6.3 ResultPath null on a catcher
  RunResult result = run_machine(
      task_machine(R"("Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Caught"}])"),
      R"({"keep": true})", "{\"T\": [" + throws("E") + "]}");
  EXPECT_EQ(result.output, json::parse(R"({"keep": true})")) << describe(result);
}

// §6.3 [AWS✓ test_raise_exception_catch_output_path]: the state's OutputPath (and ResultSelector)
// are not applied after a catch, so even a path that does not exist does not fail.
TEST(Catch, StatesOutputPathIsNotAppliedAfterACatch) {
  RunResult result = run_machine(
      task_machine(R"("OutputPath": "$.no.such.path", "ResultSelector": {"x.$": "$.nothing"},
                     "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Caught"}])"),
      R"({"in": 1})", R"({"T": [{"Throw": {"Error": "Exception", "Cause": "raised"}}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"in": 1, "err": {"Error": "Exception", "Cause": "raised"}})"));
}

// §6.1/§6.4 [DG, AWS✓]: States.Runtime is never caught (not by States.ALL, not when listed) and
// never retried — here thrown by a mock.
TEST(Catch, MockedStatesRuntimeIsNeitherRetriedNorCaught) {
  RunResult result = run_machine(
      task_machine(R"("Retry": [{"ErrorEquals": ["States.ALL"]}],
                     "Catch": [{"ErrorEquals": ["States.Runtime"], "Next": "Caught"},
                               {"ErrorEquals": ["States.ALL"], "Next": "Other"}])"),
      "{}", R"({"T": [{"Throw": {"Error": "States.Runtime", "Cause": "bad data"}}, {"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(result.cause, "bad data");
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 0);
}

TEST(Catch, RuntimeErrorFromAPathIsNotCaughtByAnEnclosingParallel) {  // §6.4 [DG, AWS✓]
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [{"StartAt": "P", "States": {
                  "P": {"Type": "Pass", "Parameters": {"x.$": "$.missing"}, "End": true}}}],
                "Retry": [{"ErrorEquals": ["States.ALL"]}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(visits(result, "P"), 1u);
}

// ---- §5.1/§6.1 TimeoutSeconds and HeartbeatSeconds against a mock's Duration ---------------------

TEST(TaskTimeout, DurationBeyondTimeoutSecondsIsStatesTimeout) {  // §5.1 [AWS✓] States.Timeout, no cause
  RunResult result = run_machine(task_machine(R"("TimeoutSeconds": 5)"), "{}", R"({"T": [{"Return": 1, "Duration": 10}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Timeout");
  EXPECT_FALSE(result.cause.has_value());
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 5);
}

TEST(TaskTimeout, DurationWithinTimeoutSucceeds) {  // §5.1: exactly the timeout is still in time
  RunResult result = run_machine(task_machine(R"("TimeoutSeconds": 5)"), "{}", R"({"T": [{"Return": 1, "Duration": 5}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 5);
}

TEST(TaskTimeout, DefaultTimeoutIsNotSixtySeconds) {  // §1.4/§14 AWS default 99999999, not the spec's 60
  RunResult result = run_machine(task_machine(R"("Comment": "no timeout")"), "{}", R"({"T": [{"Return": 1, "Duration": 3600}]})");
  EXPECT_EQ(result.status, RunStatus::Succeeded) << describe(result);
}

TEST(TaskTimeout, TimeoutIsRetriedAndCaughtByName) {  // §6.1 States.Timeout is catchable for tasks
  RunResult result = run_machine(
      task_machine(R"("TimeoutSeconds": 5, "Retry": [{"ErrorEquals": ["States.Timeout"], "MaxAttempts": 1}],
                     "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Caught"}])"),
      "{}", R"({"T": [{"Return": 1, "Duration": 10}, {"Return": 1, "Duration": 10}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"T", "Caught"}));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 5 + 1 + 5);
}

// §6.1/§14 heartbeat name: States.HeartbeatTimeout by default, and either name catches it.
TEST(TaskTimeout, MissedHeartbeat) {
  const std::string mocks = R"({"T": [{"Return": 1, "Duration": 10}]})";
  RunResult plain = run_machine(task_machine(R"("HeartbeatSeconds": 3)"), "{}", mocks);
  EXPECT_EQ(plain.error, "States.HeartbeatTimeout") << describe(plain);
  EXPECT_DOUBLE_EQ(plain.elapsed_seconds, 3);
  for (const char* name : {"States.HeartbeatTimeout", "States.Timeout"}) {
    RunResult caught = run_machine(
        task_machine(std::string(R"("HeartbeatSeconds": 3, "Catch": [{"ErrorEquals": [")") + name +
                     R"("], "Next": "Caught"}])"),
        "{}", mocks);
    EXPECT_EQ(caught.path, (std::vector<std::string>{"T", "Caught"})) << name << ": " << describe(caught);
  }
  interp::RunOptions options;
  options.semantics.heartbeat_failure_is_heartbeat_timeout = false;
  RunResult switched = run_machine(task_machine(R"("HeartbeatSeconds": 3)"), "{}", mocks, options);
  EXPECT_EQ(switched.error, "States.Timeout") << describe(switched);
}

TEST(TaskTimeout, TimeoutSecondsPathFromTheInput) {  // §1.4 TimeoutSecondsPath
  const std::string machine = task_machine(R"("TimeoutSecondsPath": "$.t")");
  RunResult timed_out = run_machine(machine, R"({"t": 5})", R"({"T": [{"Return": 1, "Duration": 10}]})");
  EXPECT_EQ(timed_out.error, "States.Timeout") << describe(timed_out);
  RunResult in_time = run_machine(machine, R"({"t": 50})", R"({"T": [{"Return": 1, "Duration": 10}]})");
  EXPECT_EQ(in_time.status, RunStatus::Succeeded) << describe(in_time);
}

// §3.3 [AWS✓] TimeoutSecondsPath not found -> States.Runtime "Invalid path ...", not caught.
TEST(TaskTimeout, TimeoutSecondsPathNotFound) {
  RunResult result = run_machine(
      task_machine(R"("TimeoutSecondsPath": "$.t", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}])"),
      R"({"x": 1})", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result).rfind("Invalid path '$.t'", 0), 0u) << describe(result);
}

TEST(TaskTimeout, TimeoutSecondsPathNotAPositiveInteger) {  // §1.4 positive integers only
  RunResult result = run_machine(task_machine(R"("TimeoutSecondsPath": "$.t")"), R"({"t": -3})", R"({"T": [{"Return": 1}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

}  // namespace
}  // namespace sfn::testing
