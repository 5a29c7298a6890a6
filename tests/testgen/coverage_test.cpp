// testgen/coverage and testgen/generate: the goals of each level, goals read from real runs (Retry,
// Catch, uncaught failures, paths), MC/DC pairs, and generated suites that replay and repeat.

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "interpreter/executor.h"
#include "interpreter/mocks.h"
#include "interpreter/test_case.h"
#include "testgen/coverage.h"
#include "testgen/generate.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

struct LoadedMachine {
  json definition;
  StateMachine machine;
  explicit LoadedMachine(const std::string& text) : definition(parse_json_document(text).document.root) {
    machine = build_state_machine(definition);
  }
};

std::vector<std::string> ids(const GoalList& list) {
  std::vector<std::string> result;
  for (const CoverageGoal& goal : list.goals) result.push_back(goal.id);
  return result;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

interp::RunResult run(const StateMachine& machine, const json& input, const json& mocks = json::object()) {
  interp::MockParseResult table = interp::parse_native_mocks(mocks);
  EXPECT_TRUE(table.table.has_value());
  return interp::run_state_machine(machine, input, *table.table);
}

const char* const kAndRule = R"({
  "StartAt": "Pick",
  "States": {
    "Pick": {"Type": "Choice",
             "Choices": [{"And": [{"Variable": "$.a", "NumericGreaterThan": 1},
                                  {"Variable": "$.b", "BooleanEquals": true}], "Next": "Yes"}],
             "Default": "No"},
    "Yes": {"Type": "Succeed"}, "No": {"Type": "Succeed"}
  }
})";

TEST(CoverageGoals, EachLevelAddsItsGoals) {
  const LoadedMachine loaded(R"({
    "StartAt": "Work",
    "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
               "Retry": [{"ErrorEquals": ["Busy"]}], "Catch": [{"ErrorEquals": ["Bad"], "Next": "Failed"}],
               "Next": "Pick"},
      "Pick": {"Type": "Choice",
               "Choices": [{"And": [{"Variable": "$.a", "NumericGreaterThan": 1},
                                    {"Variable": "$.b", "BooleanEquals": true}], "Next": "Done"}],
               "Default": "Work"},
      "Done": {"Type": "Succeed"}, "Failed": {"Type": "Fail"}
    }
  })");
  const StateMachine& machine = loaded.machine;
  const std::vector<std::string> states = ids(coverage_goals(machine, CoverageLevel::States, 2, {}));
  EXPECT_EQ(states.size(), 4u);
  const std::vector<std::string> branches = ids(coverage_goals(machine, CoverageLevel::Branches, 2, {"/States/Pick"}));
  EXPECT_TRUE(contains(branches, "rule:/States/Pick/Choices/0"));
  EXPECT_TRUE(contains(branches, "default:/States/Pick"));
  EXPECT_TRUE(contains(branches, "retry:/States/Work/Retry/0"));
  EXPECT_TRUE(contains(branches, "catch:/States/Work/Catch/0"));
  EXPECT_TRUE(contains(branches, "raise:/States/Pick"));
  EXPECT_FALSE(contains(branches, "uncaught:/States/Work"));
  const std::vector<std::string> errors = ids(coverage_goals(machine, CoverageLevel::Errors, 2, {}));
  EXPECT_TRUE(contains(errors, "uncaught:/States/Work"));
  EXPECT_FALSE(contains(errors, "mcdc:/States/Pick/Choices/0/And/0"));
  const std::vector<std::string> mcdc = ids(coverage_goals(machine, CoverageLevel::Mcdc, 2, {}));
  EXPECT_TRUE(contains(mcdc, "mcdc:/States/Pick/Choices/0/And/0"));
  EXPECT_TRUE(contains(mcdc, "mcdc:/States/Pick/Choices/0/And/1"));
  // Paths: the loop Work -> Pick -> Work taken 0, 1 and 2 times, ending at Done or (after a catch) Failed.
  const GoalList paths = coverage_goals(machine, CoverageLevel::Paths, 2, {});
  const std::vector<std::string> path_ids = ids(paths);
  EXPECT_TRUE(contains(path_ids, "path:Work > Pick > Done"));
  EXPECT_TRUE(contains(path_ids, "path:Work > Failed"));
  EXPECT_TRUE(contains(path_ids, "path:Work > Pick > Work > Pick > Work > Pick > Done"));
  EXPECT_FALSE(contains(path_ids, "path:Work > Pick > Work > Pick > Work > Pick > Work > Pick > Done"));
  EXPECT_FALSE(paths.paths_truncated);
  EXPECT_TRUE(coverage_goals(machine, CoverageLevel::Paths, 2, {}, 2).paths_truncated);
}

TEST(CoverageRecorder, ReadsRetryCatchUncaughtAndPathFromTheTrace) {
  const LoadedMachine loaded(R"({
    "StartAt": "Work",
    "States": {
      "Work": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
               "Retry": [{"ErrorEquals": ["Busy"], "MaxAttempts": 1, "IntervalSeconds": 1}],
               "Catch": [{"ErrorEquals": ["Bad"], "Next": "Failed"}], "End": true},
      "Failed": {"Type": "Fail", "Error": "E"}
    }
  })");
  CoverageRecorder recorder(loaded.machine);
  const std::vector<std::string> retried_then_caught = recorder.record(
      run(loaded.machine, json::object(),
          json{{"Work", {{{"Throw", {{"Error", "Busy"}}}}, {{"Throw", {{"Error", "Bad"}}}}}}}));
  EXPECT_TRUE(contains(retried_then_caught, "retry:/States/Work/Retry/0"));
  EXPECT_TRUE(contains(retried_then_caught, "catch:/States/Work/Catch/0"));
  EXPECT_TRUE(contains(retried_then_caught, "path:Work > Failed"));
  EXPECT_FALSE(contains(retried_then_caught, "uncaught:/States/Work"));
  const std::vector<std::string> uncaught =
      recorder.record(run(loaded.machine, json::object(), json{{"Work", {{{"Throw", {{"Error", "Other"}}}}}}}));
  EXPECT_TRUE(contains(uncaught, "uncaught:/States/Work"));
  EXPECT_FALSE(contains(uncaught, "path:Work"));  // it failed at Work: not an ended path
  const std::vector<std::string> all = recorder.goals_met();
  EXPECT_TRUE(contains(all, "uncaught:/States/Work"));
  EXPECT_TRUE(contains(all, "retry:/States/Work/Retry/0"));
}

TEST(CoverageRecorder, McdcNeedsAPairThatChangesOneConditionAndTheOutcome) {
  const LoadedMachine loaded(kAndRule);
  CoverageRecorder recorder(loaded.machine);
  recorder.record(run(loaded.machine, json{{"a", 2}, {"b", true}}));   // T T -> true
  recorder.record(run(loaded.machine, json{{"a", 0}, {"b", false}}));  // F (b unevaluated) -> false
  std::vector<std::string> met = recorder.goals_met();
  // a: the pair (T,T) / (F,-) changes a and the outcome, b unevaluated in one of them.
  EXPECT_TRUE(contains(met, "mcdc:/States/Pick/Choices/0/And/0"));
  EXPECT_FALSE(contains(met, "mcdc:/States/Pick/Choices/0/And/1"));
  recorder.record(run(loaded.machine, json{{"a", 2}, {"b", false}}));  // T F -> false
  met = recorder.goals_met();
  EXPECT_TRUE(contains(met, "mcdc:/States/Pick/Choices/0/And/1"));
  const auto pair = recorder.mcdc_pair("mcdc:/States/Pick/Choices/0/And/1");
  ASSERT_TRUE(pair.has_value());
  EXPECT_EQ(pair->first, 0u);
  EXPECT_EQ(pair->second, 2u);
}

TEST(GenerateTests, McdcLevelCoversBothConditionsWithReplayingTests) {
  const LoadedMachine loaded(kAndRule);
  GenerateOptions options;
  options.level = CoverageLevel::Mcdc;
  const GeneratedSuite suite = generate_tests(loaded.machine, options);
  for (const GoalReport& goal : suite.goals) {
    EXPECT_EQ(goal.verdict, GoalVerdict::Covered) << goal.goal.id << ": " << goal.reason;
  }
  for (const GeneratedTest& test : suite.tests) {
    const interp::TestCaseParseResult parsed = interp::parse_test_case(test.test);
    ASSERT_TRUE(parsed.test && parsed.test->expect) << test.test.dump();
    const interp::RunResult result =
        interp::run_state_machine(loaded.machine, parsed.test->input, parsed.test->mocks);
    EXPECT_TRUE(interp::compare_with_expectation(result, *parsed.test->expect).empty()) << test.name;
  }
}

TEST(GenerateTests, ADeadRuleIsImpossibleWithItsProofAndTheSuiteRepeats) {
  const LoadedMachine loaded(R"({
    "StartAt": "Pick",
    "States": {
      "Pick": {"Type": "Choice",
               "Choices": [{"Variable": "$.n", "NumericGreaterThan": 10, "Next": "Big"},
                           {"And": [{"Variable": "$.n", "NumericGreaterThan": 20},
                                    {"Variable": "$.n", "IsNumeric": true}], "Next": "Huge"}],
               "Default": "Small"},
      "Big": {"Type": "Succeed"}, "Huge": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}
    }
  })");
  const GeneratedSuite first = generate_tests(loaded.machine, {});
  bool found = false;
  for (const GoalReport& goal : first.goals) {
    if (goal.goal.id != "rule:/States/Pick/Choices/1") continue;
    found = true;
    EXPECT_EQ(goal.verdict, GoalVerdict::Impossible);
    ASSERT_TRUE(goal.proof.has_value());
    EXPECT_EQ((*goal.proof)["kind"], "proof");
  }
  EXPECT_TRUE(found);
  const GeneratedSuite second = generate_tests(loaded.machine, {});
  ASSERT_EQ(first.tests.size(), second.tests.size());
  for (std::size_t t = 0; t < first.tests.size(); ++t) EXPECT_EQ(first.tests[t].test, second.tests[t].test);
}

}  // namespace
}  // namespace sfn::testgen
