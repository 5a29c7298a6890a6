// testgen/random_runs: draws are deterministic for a seed, use the machine's constants and their
// neighbours, mock every Task and ItemReader, replay as tests; goals_met reads the goals a known run
// met from its trace.

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "interpreter/executor.h"
#include "interpreter/mocks.h"
#include "interpreter/test_case.h"
#include "testgen/machine_reads.h"
#include "testgen/random_runs.h"

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

std::vector<json> draw_tests(const StateMachine& machine, std::uint64_t seed, std::size_t runs) {
  std::vector<json> tests;
  RandomRunOptions options;
  options.seed = seed;
  options.runs = runs;
  draw_runs(machine, options, [&](const RandomRun& run) {
    tests.push_back(run.test);
    return true;
  });
  return tests;
}

interp::RunResult run(const StateMachine& machine, const std::string& input, const std::string& mocks = "{}") {
  interp::MockParseResult table = interp::parse_native_mocks(parse(mocks));
  EXPECT_TRUE(table.table.has_value());
  return interp::run_state_machine(machine, parse(input), table.table ? *table.table : interp::MockTable{});
}

// Every value anywhere inside `value` (containers and their members), in `out`.
void collect_values(const json& value, std::vector<json>& out) {
  out.push_back(value);
  if (value.is_structured()) {
    for (const json& member : value) collect_values(member, out);
  }
}

bool contains(const std::vector<json>& values, const json& wanted) {
  return std::find(values.begin(), values.end(), wanted) != values.end();
}

bool has_goal(const std::vector<std::string>& goals, const std::string& goal) {
  return std::find(goals.begin(), goals.end(), goal) != goals.end();
}

const char* const kChoiceTaskMachine = R"({"StartAt": "Check", "States": {
  "Check": {"Type": "Choice", "Choices": [
      {"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
      {"Variable": "$.n", "NumericLessThan": 0, "Next": "Done"}],
    "Default": "Work"},
  "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "ResultPath": "$.r",
           "Catch": [{"ErrorEquals": ["Boom"], "ResultPath": "$.err", "Next": "Done"},
                     {"ErrorEquals": ["States.ALL"], "Next": "Done"}],
           "Next": "Big"},
  "Big": {"Type": "Succeed"},
  "Done": {"Type": "Succeed"}}})";

TEST(GoalsMet, DefaultTakenThenTaskCaughtByItsFirstCatcher) {
  LoadedMachine loaded(kChoiceTaskMachine);
  const interp::RunResult result = run(loaded.machine, R"({"n": 5})", R"({"Work": [{"Throw": {"Error": "Boom"}}]})");
  ASSERT_FALSE(result.unusable);
  EXPECT_EQ(goals_met(loaded.machine, result),
            (std::vector<std::string>{"catch:/States/Work/Catch/0", "default:/States/Check", "state:/States/Check",
                                      "state:/States/Done", "state:/States/Work"}));
}

TEST(GoalsMet, SecondCatcherWhenTheFirstDoesNotMatch) {
  LoadedMachine loaded(kChoiceTaskMachine);
  const interp::RunResult result = run(loaded.machine, R"({"n": 5})", R"({"Work": [{"Throw": {"Error": "Other"}}]})");
  const std::vector<std::string> goals = goals_met(loaded.machine, result);
  EXPECT_TRUE(has_goal(goals, "catch:/States/Work/Catch/1"));
  EXPECT_FALSE(has_goal(goals, "catch:/States/Work/Catch/0"));
}

TEST(GoalsMet, TaskThatSucceedsMeetsNoCatch) {
  LoadedMachine loaded(kChoiceTaskMachine);
  const interp::RunResult result = run(loaded.machine, R"({"n": 5})", R"({"Work": [{"Return": {"Error": "x"}}]})");
  const std::vector<std::string> goals = goals_met(loaded.machine, result);
  EXPECT_TRUE(has_goal(goals, "state:/States/Big"));
  EXPECT_FALSE(has_goal(goals, "catch:/States/Work/Catch/0"));
  EXPECT_FALSE(has_goal(goals, "catch:/States/Work/Catch/1"));
}

TEST(GoalsMet, RulesInOrder) {
  LoadedMachine loaded(kChoiceTaskMachine);
  EXPECT_EQ(goals_met(loaded.machine, run(loaded.machine, R"({"n": 11})")),
            (std::vector<std::string>{"rule:/States/Check/Choices/0", "state:/States/Big", "state:/States/Check"}));
  EXPECT_EQ(goals_met(loaded.machine, run(loaded.machine, R"({"n": -1})")),
            (std::vector<std::string>{"rule:/States/Check/Choices/1", "state:/States/Check", "state:/States/Done"}));
  // A missing Variable raises States.Runtime: the Choice is entered and raises, no rule and no Default taken.
  EXPECT_EQ(goals_met(loaded.machine, run(loaded.machine, R"({})")),
            (std::vector<std::string>{"raise:/States/Check", "state:/States/Check"}));
}

TEST(GoalsMet, NoChoiceMatchedAndInputPath) {
  LoadedMachine loaded(R"({"StartAt": "C", "States": {
    "C": {"Type": "Choice", "InputPath": "$.sub",
          "Choices": [{"Variable": "$.s", "StringEquals": "go", "Next": "Go"}]},
    "Go": {"Type": "Succeed"}}})");
  EXPECT_EQ(goals_met(loaded.machine, run(loaded.machine, R"({"sub": {"s": "go"}, "s": "no"})")),
            (std::vector<std::string>{"rule:/States/C/Choices/0", "state:/States/C", "state:/States/Go"}));
  const interp::RunResult unmatched = run(loaded.machine, R"({"sub": {"s": "no"}, "s": "go"})");
  EXPECT_EQ(unmatched.error, "States.NoChoiceMatched");
  EXPECT_EQ(goals_met(loaded.machine, unmatched),
            (std::vector<std::string>{"no-choice-matched:/States/C", "state:/States/C"}));
}

TEST(GoalsMet, LoopIsMetOnTheThirdEntry) {
  LoadedMachine loaded(R"json({"StartAt": "Count", "States": {
    "Count": {"Type": "Pass", "Parameters": {"i.$": "States.MathAdd($.i, 1)"}, "Next": "Again"},
    "Again": {"Type": "Choice", "Choices": [{"Variable": "$.i", "NumericLessThan": 3, "Next": "Count"}],
              "Default": "Stop"},
    "Stop": {"Type": "Succeed"}}})json");
  auto loop_goals = [](const std::vector<std::string>& goals) {
    return std::count_if(goals.begin(), goals.end(),
                         [](const std::string& goal) { return goal.rfind("loop:", 0) == 0; });
  };
  const std::vector<std::string> three_rounds = goals_met(loaded.machine, run(loaded.machine, R"({"i": 0})"));
  EXPECT_EQ(loop_goals(three_rounds), 1);
  EXPECT_TRUE(has_goal(three_rounds, "loop:/States/Count") || has_goal(three_rounds, "loop:/States/Again"));
  EXPECT_TRUE(has_goal(three_rounds, "rule:/States/Again/Choices/0"));
  EXPECT_TRUE(has_goal(three_rounds, "default:/States/Again"));
  // Two rounds: each state entered twice, not a third time.
  EXPECT_EQ(loop_goals(goals_met(loaded.machine, run(loaded.machine, R"({"i": 1})"))), 0);
}

TEST(GoalsMet, StatesInParallelBranchesAndChoicesReadingVariables) {
  LoadedMachine loaded(R"({"StartAt": "Set", "States": {
    "Set": {"Type": "Pass", "Assign": {"mode": "fast"}, "Next": "P"},
    "P": {"Type": "Parallel", "Next": "Route", "Branches": [
      {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}]},
    "Route": {"Type": "Choice", "Choices": [{"Variable": "$mode", "StringEquals": "fast", "Next": "Fast"}],
              "Default": "Slow"},
    "Fast": {"Type": "Succeed"},
    "Slow": {"Type": "Succeed"}}})");
  EXPECT_EQ(goals_met(loaded.machine, run(loaded.machine, "{}")),
            (std::vector<std::string>{"rule:/States/Route/Choices/0", "state:/States/Fast", "state:/States/P",
                                      "state:/States/P/Branches/0/States/A", "state:/States/P/Branches/1/States/B",
                                      "state:/States/Route", "state:/States/Set"}));
}

const char* const kConstantsMachine = R"({"StartAt": "Fetch", "States": {
  "Fetch": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "ResultPath": "$.fetched",
            "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "MaxAttempts": 1}],
            "Catch": [{"ErrorEquals": ["Fetch.Failed"], "Next": "Failed"}], "Next": "Route"},
  "Route": {"Type": "Choice", "Choices": [
      {"Variable": "$.n", "NumericEquals": 42, "Next": "Done"},
      {"Variable": "$.tier", "StringEquals": "gold", "Next": "Done"},
      {"Variable": "$.since", "TimestampLessThan": "2020-01-01T00:00:00Z", "Next": "Done"},
      {"Variable": "$.fetched.ok", "BooleanEquals": true, "Next": "Done"}],
    "Default": "Done"},
  "Failed": {"Type": "Fail", "Error": "Failed"},
  "Done": {"Type": "Succeed"}}})";

TEST(DrawRuns, SameSeedSameRunsOtherSeedOtherRuns) {
  LoadedMachine loaded(kConstantsMachine);
  const std::vector<json> first = draw_tests(loaded.machine, 7, 40);
  ASSERT_EQ(first.size(), 40u);
  EXPECT_EQ(first, draw_tests(loaded.machine, 7, 40));
  EXPECT_NE(first, draw_tests(loaded.machine, 8, 40));
}

TEST(DrawRuns, ConstantsTheirNeighboursAndAbsentValuesAppear) {
  LoadedMachine loaded(kConstantsMachine);
  std::vector<json> input_values, result_values, thrown;
  bool n_absent = false, payload_wrapped = false;
  for (const json& test : draw_tests(loaded.machine, 1, 400)) {
    collect_values(test["input"], input_values);
    if (test["input"].is_object() && !test["input"].contains("n")) n_absent = true;
    for (const json& response : test["mocks"]["Fetch"]) {
      if (response.contains("Throw")) thrown.push_back(response["Throw"]["Error"]);
      if (response.contains("Return")) {
        collect_values(response["Return"], result_values);
        if (response["Return"].is_object() && response["Return"].contains("Payload")) payload_wrapped = true;
      }
    }
  }
  for (const json& wanted :
       {json(42), json(41), json(43), json("gold"), json("golda"), json("gol"), json("2020-01-01T00:00:00Z"),
        json("2019-12-31T23:59:59Z"), json("2020-01-01T00:00:01Z")}) {
    EXPECT_TRUE(contains(input_values, wanted)) << wanted;
  }
  // The same instant written otherwise, and a number written as a float.
  for (const json& wanted : {json("2020-01-01T01:00:00+01:00"), json("2020-01-01T00:00:00.500000000Z")}) {
    EXPECT_TRUE(contains(input_values, wanted)) << wanted;
  }
  EXPECT_TRUE(std::any_of(input_values.begin(), input_values.end(),
                          [](const json& value) { return value.is_number_float() && value == 42; }));
  // Values of every JSON type.
  for (auto type : {json::value_t::null, json::value_t::boolean, json::value_t::string, json::value_t::array,
                    json::value_t::object}) {
    EXPECT_TRUE(
        std::any_of(input_values.begin(), input_values.end(), [&](const json& value) { return value.type() == type; }));
  }
  EXPECT_TRUE(n_absent);
  // The Task result is read at $.fetched.ok: true and false are put there.
  EXPECT_TRUE(contains(result_values, json(true)));
  EXPECT_TRUE(contains(result_values, json(false)));
  EXPECT_TRUE(payload_wrapped);
  for (const char* name : {"Lambda.TooManyRequestsException", "Fetch.Failed", "Sfncheck.UnlistedError"}) {
    EXPECT_TRUE(contains(thrown, json(name))) << name;
  }
}

TEST(DrawRuns, EveryRunReplaysAsATestAndCoversItsGoals) {
  LoadedMachine loaded(kConstantsMachine);
  std::set<std::string> covered;
  RandomRunOptions options;
  options.runs = 300;
  draw_runs(loaded.machine, options, [&](const RandomRun& drawn) {
    interp::TestCaseParseResult parsed = interp::parse_test_case(drawn.test);
    EXPECT_TRUE(parsed.test && parsed.test->expect) << drawn.test.dump();
    if (!parsed.test || !parsed.test->expect) return false;
    const interp::RunResult replayed =
        interp::run_state_machine(loaded.machine, parsed.test->input, parsed.test->mocks);
    EXPECT_FALSE(replayed.unusable);
    EXPECT_TRUE(interp::compare_with_expectation(replayed, *parsed.test->expect).empty()) << drawn.test.dump();
    for (const std::string& goal : parsed.test->covers) covered.insert(goal);
    return true;
  });
  for (const char* goal : {"rule:/States/Route/Choices/0", "rule:/States/Route/Choices/1",
                           "rule:/States/Route/Choices/2", "rule:/States/Route/Choices/3", "default:/States/Route",
                           "catch:/States/Fetch/Catch/0", "state:/States/Failed"}) {
    EXPECT_TRUE(covered.count(goal)) << goal;
  }
}

TEST(DrawRuns, StopsWhenTheCallbackSaysSo) {
  LoadedMachine loaded(kConstantsMachine);
  std::size_t calls = 0;
  RandomRunOptions options;
  options.runs = 50;
  draw_runs(loaded.machine, options, [&](const RandomRun&) { return ++calls < 3; });
  EXPECT_EQ(calls, 3u);
}

TEST(DrawRuns, ItemReaderMapGetsItsItemsAsAMockOfItsOwnName) {
  LoadedMachine loaded(R"({"StartAt": "Each", "States": {
    "Each": {"Type": "Map", "End": true,
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
                     "Parameters": {"Bucket": "b", "Key": "k"}},
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
        "StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.size", "NumericGreaterThan": 100, "Next": "Big"}],
                    "Default": "Small"},
          "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}}}})");
  std::set<std::string> covered;
  bool mocked = true;
  for (const json& test : draw_tests(loaded.machine, 3, 200)) {
    mocked = mocked && test["mocks"].contains("Each");
    for (const json& goal : test["covers"]) covered.insert(goal.get<std::string>());
  }
  EXPECT_TRUE(mocked);
  EXPECT_TRUE(covered.count("rule:/States/Each/ItemProcessor/States/Check/Choices/0"));
  EXPECT_TRUE(covered.count("default:/States/Each/ItemProcessor/States/Check"));
}

TEST(TrimUnusedMocks, KeepsTheResponsesTheRunUsed) {
  LoadedMachine loaded(kConstantsMachine);
  const json test = parse(R"({"name": "t", "input": {"n": 42}, "mocks": {
      "Fetch": [{"Throw": {"Error": "Lambda.TooManyRequestsException"}}, {"Return": {}}, {"Return": 1}, {"Return": 2}],
      "Unused": [{"Return": 3}]},
    "expect": {"status": "SUCCEEDED", "path": ["Fetch", "Route", "Done"]}})");
  const json trimmed = trim_unused_mocks(loaded.machine, test);
  EXPECT_EQ(trimmed["mocks"],
            parse(R"({"Fetch": [{"Throw": {"Error": "Lambda.TooManyRequestsException"}}, {"Return": {}}]})"));
  EXPECT_EQ(trimmed["expect"], test["expect"]);
}

TEST(MachineReads, TimestampsFormatAsRfc3339Utc) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(1704067200), "2024-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(1577836799), "2019-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(951782400), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(1, 500000000), "1970-01-01T00:00:01.500000000Z");
}

}  // namespace
}  // namespace sfn::testgen
