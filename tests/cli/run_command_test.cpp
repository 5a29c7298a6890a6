// `sfncheck run` end to end, in-process: inputs, the three ways to give mocks, test files, exit codes.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

const char* kMachine = R"({
  "StartAt": "Get",
  "States": {
    "Get": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 2}],
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
            "Next": "Route"},
    "Route": {"Type": "Choice",
              "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}],
              "Default": "Failed"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail", "Error": "Rejected", "Cause": "not ok"}
  }
})";

const char* kMocks = R"({"Get": [{"Return": {"StatusCode": 200, "Payload": {"ok": true}}}]})";

TEST(RunCommand, SucceedsWithNativeMocksAndPrintsTheDocumentedJson) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mocks", dir.write("mocks.json", kMocks),
                             "--input", R"({"id": 7})"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  nlohmann::json document = nlohmann::json::parse(run.out);
  EXPECT_EQ(document["status"], "SUCCEEDED");
  EXPECT_EQ(document["path"], (nlohmann::json{"Get", "Route", "Done"}));
  EXPECT_EQ(document["output"], (nlohmann::json{{"ok", true}}));
  ASSERT_EQ(document["trace"].size(), 3u);
  EXPECT_EQ(document["trace"][0]["state"], "Get");
  EXPECT_EQ(document["trace"][0]["input"], (nlohmann::json{{"id", 7}}));
  EXPECT_EQ(document["trace"][0]["output"], (nlohmann::json{{"ok", true}}));
  EXPECT_FALSE(document.contains("error"));
}

TEST(RunCommand, FailedRunExitsOneWithErrorAndCause) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mocks",
                             dir.write("mocks.json", R"({"Get": [{"Return": {"Payload": {"ok": false}}}]})")});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  nlohmann::json document = nlohmann::json::parse(run.out);
  EXPECT_EQ(document["status"], "FAILED");
  EXPECT_EQ(document["error"], "Rejected");
  EXPECT_EQ(document["cause"], "not ok");
  EXPECT_FALSE(document.contains("output"));
}

TEST(RunCommand, HistoryFlagAddsTheNumberedEvents) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string mocks = dir.write("mocks.json", kMocks);
  CliRun run = run_sfncheck({"run", machine, "--mocks", mocks, "--history"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  nlohmann::json history = nlohmann::json::parse(run.out)["history"];
  ASSERT_EQ(history.size(), 11u) << history.dump();
  EXPECT_EQ(history[0], (nlohmann::json{{"id", 1}, {"type", "ExecutionStarted"}}));
  EXPECT_EQ(history[1], (nlohmann::json{{"id", 2}, {"type", "TaskStateEntered"}, {"state", "Get"}}));
  EXPECT_EQ(history[5], (nlohmann::json{{"id", 6}, {"type", "TaskStateExited"}, {"state", "Get"},
                                        {"assignedVariables", nlohmann::json::object()}}));
  EXPECT_EQ(history[10], (nlohmann::json{{"id", 11}, {"type", "ExecutionSucceeded"}}));
  // Without the flag there is no history member.
  CliRun plain = run_sfncheck({"run", machine, "--mocks", mocks});
  EXPECT_FALSE(nlohmann::json::parse(plain.out).contains("history"));
}

TEST(RunCommand, InputFromFileWithAtSign) {
  ScratchDir dir;
  std::string input = dir.write("input.json", R"({"from": "file"})");
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mocks", dir.write("mocks.json", kMocks),
                             "--input", "@" + input});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["trace"][0]["input"], (nlohmann::json{{"from", "file"}}));
}

TEST(RunCommand, MockConfigFileWithRangesAndRetries) {
  ScratchDir dir;
  std::string config = dir.write("MockConfigFile.json", R"({
    "StateMachines": {"orders": {"TestCases": {"RetryPath": {"Get": "Throttled"}}}},
    "MockedResponses": {"Throttled": {
      "0-1": {"Throw": {"Error": "Lambda.TooManyRequestsException", "Cause": "slow down"}},
      "2": {"Return": {"StatusCode": 200, "Payload": {"ok": true}}}}}})");
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mock-config", config, "--test-case",
                             "RetryPath", "--format", "text"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out, "SUCCEEDED\npath: Get -> Route -> Done\noutput: {\"ok\":true}\n");
}

TEST(RunCommand, MockConfigNeedsAnExistingTestCase) {
  ScratchDir dir;
  std::string config = dir.write("c.json", R"({"StateMachines": {}, "MockedResponses": {}})");
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mock-config", config, "--test-case", "X"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("test case \"X\""), std::string::npos) << run.err;
  EXPECT_EQ(run_sfncheck({"run", dir.write("m2.asl.json", kMachine), "--mock-config", config}).exit_code, 2);
}

TEST(RunCommand, TestFileExpectationMetAndMissed) {
  ScratchDir dir;
  std::string machine = dir.write("m.asl.json", kMachine);
  std::string met = dir.write("met.json", R"({"name": "ok", "input": {}, "mocks": )" + std::string(kMocks) +
                                              R"(, "expect": {"status": "SUCCEEDED", "path": ["Get", "Route", "Done"],
                                                 "output": {"ok": true}}})");
  CliRun passing = run_sfncheck({"run", machine, "--test", met});
  EXPECT_EQ(passing.exit_code, 0) << passing.out << passing.err;
  EXPECT_EQ(nlohmann::json::parse(passing.out)["expectation"]["met"], true);

  // A test may expect a failure: exit 0 when it fails as predicted.
  std::string expected_failure = dir.write("fail.json", R"({"input": {}, "mocks": {"Get": [{"Throw": {"Error": "Boom"}}]},
      "expect": {"status": "FAILED", "path": ["Get", "Failed"], "error": "Rejected"}})");
  EXPECT_EQ(run_sfncheck({"run", machine, "--test", expected_failure}).exit_code, 0);

  std::string missed = dir.write("missed.json", R"({"input": {}, "mocks": )" + std::string(kMocks) +
                                                    R"(, "expect": {"status": "SUCCEEDED", "path": ["Get", "Failed"]}})");
  CliRun failing = run_sfncheck({"run", machine, "--test", missed, "--format", "text"});
  EXPECT_EQ(failing.exit_code, 1);
  EXPECT_NE(failing.out.find("expectation missed"), std::string::npos) << failing.out;
  EXPECT_NE(failing.out.find("path left the prediction after 'Get' (step 1): observed 'Route', predicted 'Failed'"),
            std::string::npos)
      << failing.out;
}

TEST(RunCommand, RunningOutOfMocksExitsTwoNamingStateAndInvocation) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine), "--mocks",
                             dir.write("mocks.json", R"({"Get": [{"Throw": {"Error": "Lambda.TooManyRequestsException"}}]})")});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.err.find("'Get'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("invocation 1"), std::string::npos) << run.err;
}

TEST(RunCommand, MissingMockExitsTwo) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", kMachine)});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("has no mock"), std::string::npos) << run.err;
}

// JSONata machines run; one using a construct the interpreter does not implement is refused.
TEST(RunCommand, JsonataMachineIsRefused) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", R"({"QueryLanguage": "JSONata", "StartAt": "A",
      "States": {"A": {"Type": "Pass", "Output": "{% $states.input ~> $count() %}", "End": true}}})")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("JSONata"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("unsupported: the function application operator '~>'"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
  CliRun runs = run_sfncheck({"run", dir.write("n.asl.json", R"({"QueryLanguage": "JSONata", "StartAt": "A",
      "States": {"A": {"Type": "Pass", "Output": "{% $states.input %}", "End": true}}})")});
  EXPECT_EQ(runs.exit_code, 0) << runs.err;
}

TEST(RunCommand, DefinitionWithErrorsIsRefused) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"run", dir.write("m.asl.json", R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}})")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("[missing-transition-target]"), std::string::npos) << run.err;
}

TEST(RunCommand, BadInputsExitTwo) {
  ScratchDir dir;
  std::string machine = dir.write("m.asl.json", kMachine);
  EXPECT_EQ(run_sfncheck({"run", machine, "--input", "{not json"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"run", machine, "--input", "@" + dir.path() + "/missing.json"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"run", machine, "--mocks", dir.write("bad.json", R"({"Get": {"Return": 1}})")}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"run", machine, "--mocks", dir.write("bad2.json", R"({"Get": [{"Return": 1, "Throw": {"Error": "E"}}]})")}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"run", dir.path() + "/nothing.asl.json"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"run", machine, "--mocks", "m.json", "--test", "t.json"}).exit_code, 2);  // exclusive
}

TEST(RunCommand, SubstitutionsReplacePlaceholders) {
  ScratchDir dir;
  std::string machine = dir.write("m.asl.json", R"({"StartAt": "P", "States": {"P": {"Type": "Pass",
      "Result": {"table": "${TableName}"}, "End": true}}})");
  CliRun run = run_sfncheck({"run", machine, "--substitutions", dir.write("s.json", R"({"TableName": "orders"})")});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(nlohmann::json::parse(run.out)["output"], (nlohmann::json{{"table", "orders"}}));
}

TEST(RunCommand, SeedMakesRunsRepeatable) {
  ScratchDir dir;
  std::string machine = dir.write("m.asl.json", R"json({"StartAt": "P", "States": {"P": {"Type": "Pass",
      "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(1, 1000)"}, "End": true}}})json");
  CliRun first = run_sfncheck({"run", machine, "--seed", "42"});
  CliRun second = run_sfncheck({"run", machine, "--seed", "42"});
  CliRun other = run_sfncheck({"run", machine, "--seed", "43"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  EXPECT_NE(first.out, other.out);
}

}  // namespace
}  // namespace sfn::testing
