// Wait, Pass, Fail and Succeed on the executor (asl-semantics.md §4), each test a machine built from
// inline JSON; waits are observed on the virtual clock (RunResult::elapsed_seconds).

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// A machine with one Wait state `fields` (JSON members without braces) followed by a Succeed.
std::string one_wait(const std::string& fields) {
  return R"({"StartAt": "W", "States": {"W": {"Type": "Wait", )" + fields +
         R"(, "Next": "Done"}, "Done": {"Type": "Succeed"}}})";
}

std::string fail_machine(const std::string& fields) {
  return R"({"StartAt": "F", "States": {"F": {"Type": "Fail")" + (fields.empty() ? "" : ", " + fields) + "}}}";
}

// Runs a Wait with SecondsPath/TimestampPath "$.p" on {"p": <value_json>}.
RunResult wait_on(const char* field, const std::string& value_json) {
  return run_machine(one_wait(std::string("\"") + field + R"(": "$.p")"), R"({"p": )" + value_json + "}");
}

void expect_runtime(const RunResult& result, const std::string& cause) {
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result), cause);
}

// ---- §4.1 Wait ---------------------------------------------------------------------------------

TEST(WaitState, SecondsWaitsOnTheVirtualClock) {  // §4.1 [SPEC] Seconds; output = input
  RunResult result = run_machine(one_wait(R"("Seconds": 10)"), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 10);
  EXPECT_EQ(result.output, json::parse(R"({"a": 1})"));
}

TEST(WaitState, SecondsPathZeroAndPositive) {  // §4.1 [AWS✓ test_wait] 0 allowed, positive waits
  RunResult zero = wait_on("SecondsPath", "0");
  ASSERT_EQ(zero.status, RunStatus::Succeeded) << describe(zero);
  EXPECT_DOUBLE_EQ(zero.elapsed_seconds, 0);
  RunResult positive = wait_on("SecondsPath", "42");
  ASSERT_EQ(positive.status, RunStatus::Succeeded) << describe(positive);
  EXPECT_DOUBLE_EQ(positive.elapsed_seconds, 42);
}

TEST(WaitState, SecondsPathNegativeValue) {  // §4.1 [AWS✓ test_wait] -1
  expect_runtime(wait_on("SecondsPath", "-1"), "The SecondsPath parameter references a negative value: $.p == -1");
}

TEST(WaitState, SecondsPathNotALong) {  // §4.1 [AWS✓ test_wait] 1.5 / -1.5
  expect_runtime(wait_on("SecondsPath", "1.5"),
                 "The SecondsPath parameter cannot be parsed as a long value: $.p == 1.5");
  expect_runtime(wait_on("SecondsPath", "-1.5"),
                 "The SecondsPath parameter cannot be parsed as a long value: $.p == -1.5");
}

TEST(WaitState, SecondsPathMissing) {  // §4.1 [AWS✓ test_wait] path missing
  expect_runtime(run_machine(one_wait(R"("SecondsPath": "$.p")"), R"({"q": 1})"),
                 "The SecondsPath parameter does not reference an input value: $.p");
}

TEST(WaitState, SecondsPathReadsTheEffectiveInput) {  // §4.1 InputPath applies first
  RunResult result = run_machine(one_wait(R"("InputPath": "$.cfg", "SecondsPath": "$.p")"), R"({"cfg": {"p": 3}})");
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 3) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"p": 3})"));
}

TEST(WaitState, TimestampPathBadlyFormatted) {  // §4.1 [AWS✓ test_wait_timestamppath]
  expect_runtime(wait_on("TimestampPath", R"("2016-03-14 01:59:00Z")"),
                 "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                 "string: $.p == 2016-03-14 01:59:00Z");
}

// §2.5 [AWS✓ test_wait_timestamppath] fractions with any number of digits need Z; [AWS✓ Wait tests]
// invalid dates, a space for T and DD-MM-YYYY order are invalid.
TEST(WaitState, TimestampPathProfile) {
  for (const char* accepted : {"2024-01-01T00:00:55Z", "2024-01-01T00:00:55.00Z", "2024-01-01T00:00:55.000000Z",
                               "2024-01-01T01:00:55+01:00"}) {
    RunResult result = wait_on("TimestampPath", std::string("\"") + accepted + "\"");
    EXPECT_EQ(result.status, RunStatus::Succeeded) << accepted << ": " << describe(result);
    EXPECT_DOUBLE_EQ(result.elapsed_seconds, 55) << accepted;
  }
  for (const char* rejected : {"2024-01-01T00:00:55", "2024-01-01T00:00:55.000000", "2024-13-01T00:00:00Z",
                               "2024-01-01T25:00:00Z", "2024-01-01 00:00:55Z", "01-01-2024T00:00:55Z"}) {
    RunResult result = wait_on("TimestampPath", std::string("\"") + rejected + "\"");
    EXPECT_EQ(result.error, "States.Runtime") << rejected << ": " << describe(result);
    EXPECT_NE(cause_detail(result).find("ISO-8601"), std::string::npos) << rejected;
  }
}

TEST(WaitState, TimestampPathOfANonString) {  // §4.1 a number is not a timestamp
  expect_runtime(wait_on("TimestampPath", "5"),
                 "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
                 "string: $.p == 5");
}

TEST(WaitState, TimestampWaitsUntilTheInstant) {  // §4.1 [SPEC] Timestamp
  RunResult result = run_machine(one_wait(R"("Timestamp": "2024-01-01T00:10:00Z")"), "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 600);
}

TEST(WaitState, TimestampInThePastProceedsAtOnce) {  // §4.1 [LS, validated] past timestamp
  RunResult result = run_machine(one_wait(R"("Timestamp": "2016-03-14T01:59:00Z")"), "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 0);
}

// §4.1 [AWS✓] Timestamp >= ~24856 days ahead: "Wait state delay is too long." (24855 days OK).
// The run starts at 2024-01-01T00:00:00Z; 24855 days later is 2092-01-19.
TEST(WaitState, DelayTooLong) {
  RunResult fine = wait_on("TimestampPath", R"("2092-01-19T00:00:00Z")");
  ASSERT_EQ(fine.status, RunStatus::Succeeded) << describe(fine);
  EXPECT_DOUBLE_EQ(fine.elapsed_seconds, 24855.0 * 86400);
  expect_runtime(wait_on("TimestampPath", R"("2092-01-20T00:00:00Z")"), "Wait state delay is too long.");
  expect_runtime(run_machine(one_wait(R"("Seconds": 2147483647)"), "{}"), "Wait state delay is too long.");
}

TEST(WaitState, RuntimeErrorsAreNotCaughtByAnEnclosingParallel) {  // §4.1 all States.Runtime, §6.4
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [{"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "SecondsPath": "$.p", "End": true}}}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Succeed"}}})",
      R"({"p": -1})");
  expect_runtime(result, "The SecondsPath parameter references a negative value: $.p == -1");
}

// ---- §4.2 Pass ---------------------------------------------------------------------------------

// §4.2 [AWS✓] Result is used verbatim: keys ending ".$" are not evaluated.
TEST(PassState, ResultIsVerbatim) {
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"TestResult.$": "ConditionTrue",
                                              "path.$": "$.x"}, "End": true}}})",
      R"({"x": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"TestResult.$": "ConditionTrue", "path.$": "$.x"})"));
}

TEST(PassState, ResultPathExample) {  // §4.2 [SPEC] Inject example
  RunResult result = run_machine(
      R"({"StartAt": "Inject", "States": {"Inject": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.coords",
                                                      "End": true}}})",
      R"({"g": "h"})");
  EXPECT_EQ(result.output, json::parse(R"({"g": "h", "coords": {"x": 1}})")) << describe(result);
}

TEST(PassState, WithoutResultTheEffectiveInputIsTheResult) {  // §4.2 [SPEC]
  RunResult result = run_machine(
      R"({"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.a", "Parameters": {"v.$": "$.v"},
                                          "ResultPath": "$.copy", "End": true}}})",
      R"({"a": {"v": 1}})");
  EXPECT_EQ(result.output, json::parse(R"({"a": {"v": 1}, "copy": {"v": 1}})")) << describe(result);
}

// ---- §4.3 Fail ---------------------------------------------------------------------------------

TEST(FailState, LiteralErrorAndCause) {  // §4.3 [SPEC]
  RunResult result = run_machine(fail_machine(R"("Error": "MyError", "Cause": "it broke")"), "{}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "MyError");
  EXPECT_EQ(result.cause, "it broke");
}

TEST(FailState, ErrorPathAndCausePathFromTheInput) {  // §4.3 [SPEC/LSP] reference paths
  RunResult result = run_machine(fail_machine(R"("ErrorPath": "$.e.name", "CausePath": "$.c")"),
                                 R"({"e": {"name": "Dyn"}, "c": "dynamic cause"})");
  EXPECT_EQ(result.error, "Dyn") << describe(result);
  EXPECT_EQ(result.cause, "dynamic cause");
}

// §4.3 [AWS✓] ErrorPath/CausePath not found -> States.Runtime with the field and the input.
TEST(FailState, ErrorPathNotFound) {
  expect_runtime(run_machine(fail_machine(R"("ErrorPath": "$.ErrorX", "Cause": "c")"), R"({"a": 1})"),
                 R"(The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"a":1}')");
}

TEST(FailState, CausePathNotFound) {  // §4.3 [AWS✓] same message for CausePath
  expect_runtime(run_machine(fail_machine(R"("Error": "E", "CausePath": "$.CauseX")"), R"({"a": 1})"),
                 R"(The JSONPath '$.CauseX' specified for the field 'CausePath' could not be found in the input '{"a":1}')");
}

TEST(FailState, IntrinsicCausePathAndErrorPath) {  // §4.3 [LSP] string-returning intrinsics
  RunResult result = run_machine(
      fail_machine(R"j("ErrorPath": "States.Format('{}.Failed', $.kind)",
                     "CausePath": "States.Format('Order {} failed: {}', $.id, $.why)")j"),
      R"({"kind": "Order", "id": 7, "why": "no stock"})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "Order.Failed");
  EXPECT_EQ(result.cause, "Order 7 failed: no stock");
}

TEST(FailState, JsonToStringCausePath) {  // §4.3 [LSP] States.JsonToString as CausePath
  RunResult result = run_machine(fail_machine(R"j("Error": "E", "CausePath": "States.JsonToString($.detail)")j"),
                                 R"({"detail": {"code": 3}})");
  EXPECT_EQ(result.cause, R"({"code":3})") << describe(result);
}

// §4.3 [AWS✓ map_state_catch_empty_fail]: neither Error nor Cause -> empty error, no cause.
TEST(FailState, WithoutErrorOrCause) {
  RunResult result = run_machine(fail_machine(""), R"({"a": 1})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "");
  EXPECT_FALSE(result.cause.has_value());
}

// §4.3 [AWS✓ map_state_catch_empty_fail]: an empty Fail inside a Map, caught by States.ALL.
TEST(FailState, EmptyFailInAMapIsCaughtByStatesAll) {
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "F", "States": {"F": {"Type": "Fail"}}},
              "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.caught", "Next": "Done"}], "End": true},
        "Done": {"Type": "Succeed"}}})",
      R"({"items": [1]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"M", "Done"}));
}

TEST(FailState, InsideAParallelFailsItWithTheFailsErrorAndCause) {  // §4.3 [SPEC], §1.4 [AWS✓]
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "Ok", "States": {"Ok": {"Type": "Pass", "End": true}}},
                  {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "FailureType", "Cause": "branch"}}}],
                "End": true}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "FailureType");
  EXPECT_EQ(result.cause, "branch");
}

// ---- §4.4 Succeed ------------------------------------------------------------------------------

TEST(SucceedState, OutputIsInputThroughPaths) {  // §4.4 [SPEC]
  RunResult result = run_machine(
      R"({"StartAt": "S", "States": {"S": {"Type": "Succeed", "InputPath": "$.a", "OutputPath": "$.b"}}})",
      R"({"a": {"b": [1], "c": 2}})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse("[1]"));
}

TEST(SucceedState, InsideAParallelEndsOnlyItsBranch) {  // §4.4 [SPEC]
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "S", "States": {"S": {"Type": "Succeed"}}},
                  {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 2, "End": true}}}],
                "Next": "After"},
        "After": {"Type": "Pass", "End": true}}})",
      R"({"in": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"Par", "After"}));
  EXPECT_EQ(result.output, json::parse(R"([{"in": 1}, 2])"));
}

}  // namespace
}  // namespace sfn::testing
