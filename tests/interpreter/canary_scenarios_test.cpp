// The canary deployment sample under the scenarios users ask about (issue: the reference interpreter).

#include <gtest/gtest.h>

#include "tests/interpreter/interpreter_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunStatus;

class CanaryTest : public ::testing::Test {
 protected:
  interp::RunResult run(const std::string& mocks, const std::string& input = R"({"WaitTime": 30})") {
    static const LoadedMachine canary(read_text(SFN_SOURCE_DIR "/samples/canary-deployment.asl.json"));
    return interp::run_state_machine(canary.machine, parse_json(input), mocks_from(mocks));
  }
};

using Path = std::vector<std::string>;

TEST_F(CanaryTest, FirstDeploymentSucceeds) {
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 1}}],
    "Deploy New Version/CFN": [{"Return": {"stack": "ok"}}],
    "Canary & Switch traffic": [{"Return": {"new_vn_weight": 100}}],
    "Gather Healthcheck Status": [{"Return": true}],
    "Update Deployment Version": [{"Return": {"version": 1}}]})");
  EXPECT_EQ(result.status, RunStatus::Succeeded) << result.error << " " << result.cause.value_or("");
  EXPECT_EQ(result.path, (Path{"Check Deployment Version", "Deploy New Version/CFN", "Canary & Switch traffic",
                               "Traffic Totally Switched?", "Gather Healthcheck Status", "Is Healthy?",
                               "Was first Deployment?", "Update Deployment Version", "Deployment Succeeded"}));
  EXPECT_EQ(result.output, (nlohmann::json{{"version", 1}}));
}

TEST_F(CanaryTest, TwoCanaryRoundsThenSuccess) {
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 2}}],
    "Deploy New Version/CFN": [{"Return": {}}],
    "Canary & Switch traffic": [{"Return": {"new_vn_weight": 10}}, {"Return": {"new_vn_weight": 100}}],
    "Gather Healthcheck Status": [{"Return": true}],
    "Remove Old Version": [{"Return": "removed"}],
    "Update Deployment Version": [{"Return": {"version": 2}}]})");
  EXPECT_EQ(result.status, RunStatus::Succeeded) << result.error << " " << result.cause.value_or("");
  EXPECT_EQ(result.path,
            (Path{"Check Deployment Version", "Deploy New Version/CFN", "Canary & Switch traffic",
                  "Traffic Totally Switched?", "Wait", "Gather Healthcheck Status", "Is Healthy?",
                  "Canary & Switch traffic", "Traffic Totally Switched?", "Deployment Succeeded?",
                  "Was first Deployment?", "Remove Old Version", "Update Deployment Version", "Deployment Succeeded"}));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 30);  // the Wait's SecondsPath, on the virtual clock
}

TEST_F(CanaryTest, UnhealthyCanaryRollsBack) {
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 2}}],
    "Deploy New Version/CFN": [{"Return": {}}],
    "Canary & Switch traffic": [{"Return": {"new_vn_weight": 10}}],
    "Gather Healthcheck Status": [{"Return": false}],
    "Rollback": [{"Return": true}]})");
  EXPECT_EQ(result.status, RunStatus::Failed);
  EXPECT_EQ(result.path.back(), "Deployment Failed & Rolled-back");
  EXPECT_EQ(result.path[result.path.size() - 2], "Rollback");
  EXPECT_EQ(result.error, "");  // §4.3: a Fail without Error ends with an empty error name
  EXPECT_EQ(result.cause, "The Canary deployment workflow failed and rolled back to the previous stable state.");
}

TEST_F(CanaryTest, MockedTimeoutOfTheDeployTaskIsCaught) {
  // On AWS this cannot happen (the task sets no TimeoutSeconds); a mocked Throw exercises the Catch.
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 1}}],
    "Deploy New Version/CFN": [{"Throw": {"Error": "States.Timeout"}}]})");
  EXPECT_EQ(result.status, RunStatus::Failed);
  EXPECT_EQ(result.path, (Path{"Check Deployment Version", "Deploy New Version/CFN", "Deployment Failed & Rolled-back"}));
}

TEST_F(CanaryTest, WeightAboveHundredSkipsTheHealthCheckRead) {
  // 150 >= 100 goes to "Deployment Succeeded?", whose And stops at weight == 100 before reading
  // $.deployment.is_healthy, which was never written.
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 2}}],
    "Deploy New Version/CFN": [{"Return": {}}],
    "Canary & Switch traffic": [{"Return": {"new_vn_weight": 150}}],
    "Remove Old Version": [{"Return": "removed"}],
    "Update Deployment Version": [{"Return": {"version": 2}}]})");
  EXPECT_EQ(result.status, RunStatus::Succeeded) << result.error << " " << result.cause.value_or("");
  EXPECT_EQ(result.path, (Path{"Check Deployment Version", "Deploy New Version/CFN", "Canary & Switch traffic",
                               "Traffic Totally Switched?", "Deployment Succeeded?", "Remove Old Version",
                               "Update Deployment Version", "Deployment Succeeded"}));
}

TEST_F(CanaryTest, WeightExactlyHundredOnASecondDeploymentReadsAMissingPath) {
  interp::RunResult result = run(R"({
    "Check Deployment Version": [{"Return": {"new_version": 2}}],
    "Deploy New Version/CFN": [{"Return": {}}],
    "Canary & Switch traffic": [{"Return": {"new_vn_weight": 100}}]})");
  EXPECT_EQ(result.status, RunStatus::Failed);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(result.path.back(), "Deployment Succeeded?");
  // §6.1: AWS names the state and its ChoiceStateEntered event: 1 ExecutionStarted, then five
  // events for each of the three Tasks and two for "Traffic Totally Switched?".
  EXPECT_EQ(result.cause,
            "An error occurred while executing the state 'Deployment Succeeded?' (entered at the event id #19). "
            "Invalid path '$.deployment.is_healthy': The choice state's condition path references an invalid value.");
}

TEST_F(CanaryTest, RunningOutOfMocksMakesTheRunUnusable) {
  interp::RunResult result = run(R"({"Check Deployment Version": []})");
  ASSERT_TRUE(result.unusable);
  EXPECT_NE(result.unusable->find("'Check Deployment Version'"), std::string::npos);
  EXPECT_NE(result.unusable->find("invocation 0"), std::string::npos);
}

}  // namespace
}  // namespace sfn::testing
