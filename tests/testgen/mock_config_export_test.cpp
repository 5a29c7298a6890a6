// testgen/mock_config_export: every exported test case, read back with interp::parse_mock_config,
// runs exactly as the native test it came from (status, path, output, error, cause), and the exported
// expectation holds for that run. Machines and tests are inline JSON.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "interpreter/executor.h"
#include "interpreter/mocks.h"
#include "interpreter/test_case.h"
#include "testgen/mock_config_export.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

json parse(const std::string& text) {
  ParseResult parsed = parse_json_document(text);
  EXPECT_TRUE(parsed.ok) << text;
  return parsed.document.root;
}

// Owns the definition, since the model points into it.
struct LoadedMachine {
  json definition;
  StateMachine machine;
  explicit LoadedMachine(const std::string& text) : definition(parse(text)) {
    machine = build_state_machine(definition);
  }
};

MockConfigExport export_or_fail(const StateMachine& machine, const std::vector<NamedTest>& tests) {
  MockConfigExportResult result = export_mock_config(machine, "sm", tests);
  EXPECT_FALSE(result.error) << (result.error ? result.error->message + " at " + result.error->pointer : "");
  return result.exported ? *result.exported : MockConfigExport{};
}

std::string describe(const interp::RunResult& result) {
  std::string text = interp::run_status_name(result.status);
  if (result.unusable) return text + " (unusable: " + *result.unusable + ")";
  if (result.status == interp::RunStatus::Succeeded) return text + " " + result.output.dump();
  return text + " " + result.error + ": " + result.cause.value_or("(no cause)");
}

// Runs the native test, and test case `exported` read back from `config`; both must run the same,
// and the exported expectation must hold. Returns the native run.
interp::RunResult expect_same_run(const StateMachine& machine, const json& native, const json& config,
                                  const ExportedTestCase& exported) {
  interp::TestCaseParseResult test = interp::parse_test_case(native);
  EXPECT_TRUE(test.test) << native.dump();
  if (!test.test) return {};
  interp::MockParseResult read_back = interp::parse_mock_config(config, exported.test_case, "sm");
  EXPECT_FALSE(read_back.error) << (read_back.error ? read_back.error->message + " at " + read_back.error->pointer
                                                    : "");
  if (!read_back.table) return {};

  interp::RunResult expected = interp::run_state_machine(machine, test.test->input, test.test->mocks);
  interp::RunResult actual = interp::run_state_machine(machine, exported.input, *read_back.table);
  EXPECT_FALSE(expected.unusable) << describe(expected);
  EXPECT_FALSE(actual.unusable) << describe(actual);
  EXPECT_EQ(actual.status, expected.status) << describe(actual) << " vs " << describe(expected);
  EXPECT_EQ(actual.path, expected.path);
  EXPECT_EQ(actual.output, expected.output);
  EXPECT_EQ(actual.error, expected.error);
  EXPECT_EQ(actual.cause, expected.cause);

  if (!exported.expectation.is_null()) {
    interp::TestCaseParseResult with_expectation =
        interp::parse_test_case(json{{"expect", exported.expectation}});
    EXPECT_TRUE(with_expectation.test && with_expectation.test->expect) << exported.expectation.dump();
    if (with_expectation.test && with_expectation.test->expect) {
      EXPECT_EQ(interp::compare_with_expectation(actual, *with_expectation.test->expect),
                std::vector<std::string>{});
    }
  }
  return expected;
}

const json& response_of(const json& config, const std::string& test_case, const std::string& state) {
  const std::string name = config["StateMachines"]["sm"]["TestCases"][test_case][state].get<std::string>();
  return config["MockedResponses"][name];
}

TEST(MockConfigExport, PlainTaskReturnIsWrittenAsItIs) {
  LoadedMachine loaded(R"({"StartAt": "Get", "States": {
    "Get": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
            "ResultSelector": {"item.$": "$.Item"}, "ResultPath": "$.got", "End": true}}})");
  const json test = parse(R"({"name": "t", "input": {"id": 7},
    "mocks": {"Get": [{"Return": {"Item": {"v": {"S": "x"}}}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Get"], "output": {"id": 7, "got": {"item": {"v": {"S": "x"}}}}}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Happy", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(out.cases[0].test_case, "Happy");
  EXPECT_EQ(out.cases[0].input, json::parse(R"({"id": 7})"));
  EXPECT_EQ(out.cases[0].limitations, std::vector<std::string>{});
  EXPECT_EQ(out.config["StateMachines"]["sm"]["TestCases"]["Happy"]["Get"], "Happy.Get");
  EXPECT_EQ(response_of(out.config, "Happy", "Get"), json::parse(R"({"0": {"Return": {"Item": {"v": {"S": "x"}}}}})"));
  expect_same_run(loaded.machine, test, out.config, out.cases[0]);
}

// The reader gives a legacy Lambda-ARN Task only Return.Payload, so the export wraps the raw result
// in the Lambda API response, even a result that has a "Payload" of its own.
TEST(MockConfigExport, LegacyLambdaReturnIsWrappedAsTheLambdaResponse) {
  LoadedMachine loaded(R"({"StartAt": "Fn", "States": {
    "Fn": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
           "ResultPath": "$.r", "Next": "Again"},
    "Again": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:g:live",
              "ResultPath": "$.s", "End": true}}})");
  const json test = parse(R"({"input": {},
    "mocks": {"Fn": [{"Return": {"body": "ok"}}], "Again": [{"Return": {"Payload": 1, "other": 2}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Fn", "Again"],
               "output": {"r": {"body": "ok"}, "s": {"Payload": 1, "other": 2}}}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Legacy", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(response_of(out.config, "Legacy", "Fn"),
            json::parse(R"({"0": {"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}})"));
  EXPECT_EQ(response_of(out.config, "Legacy", "Again")["0"]["Return"]["Payload"],
            json::parse(R"({"Payload": 1, "other": 2})"));
  expect_same_run(loaded.machine, test, out.config, out.cases[0]);
}

// lambda:invoke's raw result already is the Invoke response: written as it is, not wrapped again.
TEST(MockConfigExport, LambdaInvokeReturnIsNotWrappedAgain) {
  LoadedMachine loaded(R"({"StartAt": "Invoke", "States": {
    "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}})");
  const json test = parse(R"({"input": {"a": 1},
    "mocks": {"Invoke": [{"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Invoke"], "output": {"body": "ok"}}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Invoke", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(response_of(out.config, "Invoke", "Invoke"),
            json::parse(R"({"0": {"Return": {"StatusCode": 200, "Payload": {"body": "ok"}}}})"));
  expect_same_run(loaded.machine, test, out.config, out.cases[0]);
}

// Every attempt is an invocation; identical consecutive responses collapse into one range key.
TEST(MockConfigExport, RetriesGiveSeveralResponsesAndRepeatsBecomeRanges) {
  LoadedMachine loaded(R"({"StartAt": "Call", "States": {
    "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
             "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}], "OutputPath": "$.Payload", "Next": "Loop"},
    "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "Call"}],
             "Default": "Done"},
    "Done": {"Type": "Succeed"}}})");
  const json test = parse(R"({"input": {},
    "mocks": {"Call": [
      {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
      {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timed out"}},
      {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timed out"}},
      {"Return": {"StatusCode": 200, "Payload": {"again": true}}},
      {"Return": {"StatusCode": 200, "Payload": {"again": true}}},
      {"Return": {"StatusCode": 200, "Payload": {"again": false}}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Call", "Loop", "Call", "Loop", "Call", "Loop", "Done"],
               "output": {"again": false}}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Retry", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(response_of(out.config, "Retry", "Call"), json::parse(R"({
    "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "not ready"}},
    "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "timed out"}},
    "3-4": {"Return": {"StatusCode": 200, "Payload": {"again": true}}},
    "5": {"Return": {"StatusCode": 200, "Payload": {"again": false}}}})"));
  expect_same_run(loaded.machine, test, out.config, out.cases[0]);
}

TEST(MockConfigExport, ThrowFailsTheRunWithTheSameErrorAndCause) {
  LoadedMachine loaded(R"({"StartAt": "Put", "States": {
    "Put": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}})");
  const json test = parse(R"({"input": {},
    "mocks": {"Put": [{"Throw": {"Error": "SQS.QueueDoesNotExistException", "Cause": "no queue"}}]},
    "expect": {"status": "FAILED", "path": ["Put"], "error": "SQS.QueueDoesNotExistException", "cause": "no queue"}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Fails", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(out.cases[0].expectation, json::parse(R"({"status": "FAILED", "path": ["Put"],
    "error": "SQS.QueueDoesNotExistException", "cause": "no queue"})"));
  EXPECT_EQ(out.cases[0].limitations, std::vector<std::string>{});
  interp::RunResult run = expect_same_run(loaded.machine, test, out.config, out.cases[0]);
  EXPECT_EQ(run.status, interp::RunStatus::Failed);
}

// A mock config Throw needs a Cause: an empty one is written, and the case says so.
TEST(MockConfigExport, ThrowWithoutCauseGetsAnEmptyCauseAndALimitation) {
  LoadedMachine loaded(R"({"StartAt": "Put", "States": {
    "Put": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}})");
  const json test = parse(R"({"mocks": {"Put": [{"Throw": {"Error": "Boom"}}]},
                              "expect": {"status": "FAILED", "path": ["Put"], "error": "Boom"}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"NoCause", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(response_of(out.config, "NoCause", "Put"),
            json::parse(R"({"0": {"Throw": {"Error": "Boom", "Cause": ""}}})"));
  ASSERT_EQ(out.cases[0].limitations.size(), 1u);
  EXPECT_NE(out.cases[0].limitations[0].find("without a Cause"), std::string::npos) << out.cases[0].limitations[0];
  EXPECT_FALSE(interp::parse_mock_config(out.config, "NoCause", "sm").error);
}

// Map iterations share a Task's list, in item order; with MaxConcurrency 1 Step Functions Local keeps
// that order, otherwise the case says the order may differ there.
TEST(MockConfigExport, MapItemsShareTheTaskList) {
  const std::string machine = R"({"StartAt": "Each", "States": {
    "Each": {"Type": "Map", "ItemsPath": "$.items", MAX
             "ItemProcessor": {"StartAt": "Work", "States": {
               "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:w", "End": true}}},
             "End": true}}})";
  const json test = parse(R"({"input": {"items": [1, 2, 3]},
    "mocks": {"Work": [{"Return": "a"}, {"Return": "b"}, {"Return": "b"}]},
    "expect": {"status": "SUCCEEDED", "path": ["Each"], "output": ["a", "b", "b"]}})");

  std::string sequential_text = machine;
  sequential_text.replace(sequential_text.find("MAX"), 3, R"("MaxConcurrency": 1,)");
  LoadedMachine sequential(sequential_text);
  MockConfigExport out = export_or_fail(sequential.machine, {{"Items", test}});
  ASSERT_EQ(out.cases.size(), 1u);
  EXPECT_EQ(out.cases[0].limitations, std::vector<std::string>{});
  EXPECT_EQ(response_of(out.config, "Items", "Work"), json::parse(R"({
    "0": {"Return": {"StatusCode": 200, "Payload": "a"}},
    "1-2": {"Return": {"StatusCode": 200, "Payload": "b"}}})"));
  expect_same_run(sequential.machine, test, out.config, out.cases[0]);

  std::string concurrent_text = machine;
  concurrent_text.replace(concurrent_text.find("MAX"), 3, "");
  LoadedMachine concurrent(concurrent_text);
  MockConfigExport unordered = export_or_fail(concurrent.machine, {{"Items", test}});
  ASSERT_EQ(unordered.cases.size(), 1u);
  ASSERT_EQ(unordered.cases[0].limitations.size(), 1u);
  EXPECT_NE(unordered.cases[0].limitations[0].find("\"Each\""), std::string::npos);
  expect_same_run(concurrent.machine, test, unordered.config, unordered.cases[0]);
}

TEST(MockConfigExport, TwoTestCasesShareOneConfig) {
  LoadedMachine loaded(R"({"StartAt": "Check", "States": {
    "Check": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
              "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.err", "Next": "Handled"}],
              "Next": "Route"},
    "Route": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Good"}],
              "Default": "Bad"},
    "Good": {"Type": "Succeed"},
    "Bad": {"Type": "Fail", "Error": "NotOk", "Cause": "ok was false"},
    "Handled": {"Type": "Pass", "End": true}}})");
  const json good = parse(R"({"input": {"n": 1},
    "mocks": {"Check": [{"Return": {"StatusCode": 200, "Payload": {"ok": true}}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Check", "Route", "Good"], "output": {"ok": true}}})");
  const json bad = parse(R"({"input": {"n": 2},
    "mocks": {"Check": [{"Return": {"StatusCode": 200, "Payload": {"ok": false}}}]},
    "expect": {"status": "FAILED", "path": ["Check", "Route", "Bad"], "error": "NotOk", "cause": "ok was false"}})");
  const json caught = parse(R"({"input": {"n": 3},
    "mocks": {"Check": [{"Throw": {"Error": "States.TaskFailed", "Cause": "oops"}}]},
    "expect": {"status": "SUCCEEDED", "path": ["Check", "Handled"],
               "output": {"n": 3, "err": {"Error": "States.TaskFailed", "Cause": "oops"}}}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Good", good}, {"Bad", bad}, {"Caught", caught}});
  ASSERT_EQ(out.cases.size(), 3u);
  EXPECT_EQ(out.config["StateMachines"]["sm"]["TestCases"].size(), 3u);
  EXPECT_EQ(out.config["MockedResponses"].size(), 3u);
  EXPECT_EQ(out.config["StateMachines"]["sm"]["TestCases"]["Bad"]["Check"], "Bad.Check");
  EXPECT_EQ(out.cases[1].input, json::parse(R"({"n": 2})"));
  expect_same_run(loaded.machine, good, out.config, out.cases[0]);
  expect_same_run(loaded.machine, bad, out.config, out.cases[1]);
  expect_same_run(loaded.machine, caught, out.config, out.cases[2]);
}

TEST(MockConfigExport, SameInputGivesTheSameBytes) {
  LoadedMachine loaded(R"({"StartAt": "A", "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:a", "Next": "B"},
    "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}})");
  const std::vector<NamedTest> tests = {
      {"Second", parse(R"({"mocks": {"B": [{"Return": 2}], "A": [{"Return": {"z": 1, "a": [1, 1]}}]}})")},
      {"First", parse(R"({"mocks": {"A": [{"Return": 1}, {"Return": 1}], "B": [{"Return": 3}]}})")},
  };
  const std::string once = export_or_fail(loaded.machine, tests).config.dump(2);
  const std::string again = export_or_fail(loaded.machine, tests).config.dump(2);
  EXPECT_EQ(once, again);
  EXPECT_EQ(once, json::parse(R"({
    "StateMachines": {"sm": {"TestCases": {"First": {"A": "First.A", "B": "First.B"},
                                           "Second": {"A": "Second.A", "B": "Second.B"}}}},
    "MockedResponses": {
      "First.A": {"0-1": {"Return": {"StatusCode": 200, "Payload": 1}}},
      "First.B": {"0": {"Return": 3}},
      "Second.A": {"0": {"Return": {"StatusCode": 200, "Payload": {"z": 1, "a": [1, 1]}}}},
      "Second.B": {"0": {"Return": 2}}}})").dump(2));
}

// What the file cannot say is reported, one sentence each, never dropped silently.
TEST(MockConfigExport, WhatTheConfigCannotSayIsListed) {
  LoadedMachine loaded(R"({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "${FnArn}", "TimeoutSeconds": 5, "End": true}}})");
  const json test = parse(R"({"input": {},
    "context": {"Execution": {"Name": "x"}},
    "substitutions": {"FnArn": "arn:aws:lambda:us-east-1:123456789012:function:f"},
    "mocks": {"T": [{"Return": 1, "Duration": 2}], "Ghost": [{"Return": 0}], "Empty": []}})");
  MockConfigExport out = export_or_fail(loaded.machine, {{"Case", test}, {"Case", parse(R"({"mocks": {}})")}});
  ASSERT_EQ(out.cases.size(), 2u);
  // The substituted Resource is a legacy Lambda ARN, so its Return is wrapped.
  EXPECT_EQ(response_of(out.config, "Case", "T"),
            json::parse(R"({"0": {"Return": {"StatusCode": 200, "Payload": 1}}})"));
  EXPECT_FALSE(out.config["StateMachines"]["sm"]["TestCases"]["Case"].contains("Empty"));
  const std::vector<std::string>& limitations = out.cases[0].limitations;
  auto mentions = [&](const std::string& text) {
    for (const std::string& limitation : limitations) {
      if (limitation.find(text) != std::string::npos) return true;
    }
    return false;
  };
  EXPECT_EQ(limitations.size(), 5u);
  EXPECT_TRUE(mentions("Context Object"));
  EXPECT_TRUE(mentions("${FnArn}"));
  EXPECT_TRUE(mentions("\"Duration\""));
  EXPECT_TRUE(mentions("\"Ghost\", which is not a state"));
  EXPECT_TRUE(mentions("\"Empty\" is empty"));
  EXPECT_EQ(out.cases[1].test_case, "Case.2");
  ASSERT_EQ(out.cases[1].limitations.size(), 1u);
  EXPECT_NE(out.cases[1].limitations[0].find("more than once"), std::string::npos);
  EXPECT_TRUE(out.config["StateMachines"]["sm"]["TestCases"].contains("Case.2"));
}

TEST(MockConfigExport, AnInvalidTestIsAnErrorWithItsPointer) {
  LoadedMachine loaded(R"({"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "r", "End": true}}})");
  MockConfigExportResult result =
      export_mock_config(loaded.machine, "sm", {{"Bad", parse(R"({"mocks": {"T": [{"Return": 1, "Throw": {}}]}})")}});
  ASSERT_TRUE(result.error);
  EXPECT_FALSE(result.exported);
  EXPECT_EQ(result.error->test_case, "Bad");
  EXPECT_EQ(result.error->pointer, "/mocks/T/0");
}

}  // namespace
}  // namespace sfn::testgen
