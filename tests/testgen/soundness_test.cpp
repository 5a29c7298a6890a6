// The solver against the reference interpreter, on every sample machine and every machine in
// tests/solver/machines: (a) every witness test the solver offers replays exactly as it predicts;
// (b) no random execution (testgen/random_runs.h) meets a goal the solver proved Impossible. A
// failure of (b) is a soundness bug in the solver: the run that met the goal is printed as a test
// file. The Unknown goals the random runs meet are printed too: where the solver's search falls short.

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/model.h"
#include "analyzer/substitution.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"
#include "solver/analysis.h"
#include "testgen/random_runs.h"

namespace sfn::testgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::uint64_t kSeed = 20240101;
constexpr std::size_t kRandomRuns = 3000;
constexpr std::size_t kRunsShownPerGoal = 2;

std::vector<std::string> machine_files() {
  std::vector<std::string> files;
  for (const char* folder : {"samples", "tests/solver/machines"}) {
    const fs::path directory = fs::path(SFN_SOURCE_DIR) / folder;
    std::error_code error;
    if (!fs::is_directory(directory, error)) continue;  // tests/solver/machines may not exist yet
    for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
      const std::string name = entry.path().filename().string();
      if (entry.is_regular_file() && name.size() > 9 && name.compare(name.size() - 9, 9, ".asl.json") == 0) {
        files.push_back(fs::relative(entry.path(), SFN_SOURCE_DIR).generic_string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name;
  for (char c : info.param.substr(0, info.param.size() - 9))
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}


struct LoadedMachine {
  std::shared_ptr<const SourceDocument> document;
  StateMachine machine;
  std::string skip_reason;  // set when the machine is not one to check here
};

LoadedMachine load(const std::string& relative) {
  LoadedMachine loaded;
  LoadedDefinition file = load_definition_file(fs::path(SFN_SOURCE_DIR) / relative);
  if (!file.usable || !file.document->root.is_object()) {
    loaded.skip_reason = "the file cannot be read as a definition";
    return loaded;
  }
  loaded.document = file.document;
  for (const Diagnostic& diagnostic : check_definition(*loaded.document)) {
    if (diagnostic.severity == Severity::Error) {
      loaded.skip_reason = "the structural check reports errors (" + diagnostic.rule + ")";
      return loaded;
    }
  }
  loaded.machine = build_state_machine(loaded.document->root);
  if (loaded.machine.query_language == QueryLanguage::Jsonata || has_jsonata_state(loaded.machine)) loaded.skip_reason = "a JSONata machine (the solver does not model JSONata, so it claims nothing there)";
  return loaded;
}

// Replays one witness test; empty when it ends as predicted, else what went wrong.
std::string replay(const StateMachine& machine, const json& definition, const json& test, interp::RunResult& result) {
  interp::TestCaseParseResult parsed = interp::parse_test_case(test);
  if (!parsed.test) return "not a valid test file: " + (parsed.error ? parsed.error->message : std::string());
  if (!parsed.test->expect) return "the test has no \"expect\"";
  interp::RunOptions options;
  options.context = parsed.test->context;
  if (parsed.test->substitutions.empty()) {
    result = interp::run_state_machine(machine, parsed.test->input, parsed.test->mocks, options);
  } else {
    json substituted = definition;
    substitute_placeholders(substituted, parsed.test->substitutions);
    const StateMachine with_values = build_state_machine(substituted);
    result = interp::run_state_machine(with_values, parsed.test->input, parsed.test->mocks, options);
  }
  if (result.unusable) return "the run is unusable: " + *result.unusable;
  std::string problem;
  for (const std::string& difference : interp::compare_with_expectation(result, *parsed.test->expect)) {
    problem += (problem.empty() ? "" : "; ") + difference;
  }
  return problem;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class Soundness : public ::testing::TestWithParam<std::string> {};

TEST_P(Soundness, WitnessesReplayAndRandomRunsMeetNoImpossibleGoal) {
  const std::string file = GetParam();
  const LoadedMachine loaded = load(file);
  if (!loaded.skip_reason.empty()) GTEST_SKIP() << file << ": " << loaded.skip_reason;
  const StateMachine& machine = loaded.machine;

  const auto solver_start = std::chrono::steady_clock::now();
  const solver::SolverReport report = solver::analyze_machine(machine);
  const double solver_seconds = seconds_since(solver_start);

  // (a) Every witness replays as predicted, and meets the goals it is the witness of.
  const auto replay_start = std::chrono::steady_clock::now();
  std::map<std::size_t, std::vector<std::string>> witness_goals;  // test index -> goals_met
  const GoalTracker tracker(machine);
  std::size_t replay_failures = 0;
  for (std::size_t t = 0; t < report.tests.size(); ++t) {
    interp::RunResult result;
    const std::string problem = replay(machine, loaded.document->root, report.tests[t], result);
    if (!problem.empty()) {
      ++replay_failures;
      ADD_FAILURE() << file << ": witness test " << t << " does not replay: " << problem << "\n"
                    << report.tests[t].dump(2);
      continue;
    }
    witness_goals[t] = tracker.goals_met(result);
  }
  std::vector<std::string> unseen_covered;  // Covered goals whose witness, replayed, does not show the goal
  for (const solver::Goal& goal : report.goals) {
    if (goal.status != solver::GoalStatus::Covered || !goal.test) continue;
    auto met = witness_goals.find(*goal.test);
    if (met == witness_goals.end()) continue;
    const std::string id = goal.id;
    if (std::find(met->second.begin(), met->second.end(), id) == met->second.end()) unseen_covered.push_back(id);
  }
  const double replay_seconds = seconds_since(replay_start);

  // (b) Random runs never meet an Impossible goal.
  std::map<std::string, const solver::Goal*> by_id;
  for (const solver::Goal& goal : report.goals) by_id[goal.id] = &goal;
  std::map<std::string, std::size_t> impossible_met, unknown_met, covered_met;
  std::map<std::string, json> first_unknown_run;  // a witness the solver did not find
  std::set<std::string> met_ids_unknown_to_solver;
  std::size_t usable_runs = 0;
  const auto random_start = std::chrono::steady_clock::now();
  RandomRunOptions options;
  options.seed = kSeed;
  options.runs = kRandomRuns;
  draw_runs(machine, options, [&](const RandomRun& run) {
    ++usable_runs;
    for (const json& covered : run.test["covers"]) {
      const std::string id = covered.get<std::string>();
      auto goal = by_id.find(id);
      if (goal == by_id.end()) {
        met_ids_unknown_to_solver.insert(id);
        continue;
      }
      switch (goal->second->status) {
        case solver::GoalStatus::Impossible:
          if (++impossible_met[id] <= kRunsShownPerGoal) {
            ADD_FAILURE() << file << ": SOUNDNESS BUG: goal " << id << " is Impossible according to the solver "
                          << "(proof " << goal->second->proof.value_or(json()).dump() << "), but this run meets it:\n"
                          << trim_unused_mocks(machine, run.test).dump(2);
          }
          break;
        case solver::GoalStatus::Unknown:
          if (++unknown_met[id] == 1) first_unknown_run[id] = run.test;
          break;
        case solver::GoalStatus::Covered:
          ++covered_met[id];
          break;
      }
    }
    return true;
  });
  const double random_seconds = seconds_since(random_start);

  std::size_t covered = 0, impossible = 0, unknown = 0;
  std::vector<std::string> unknown_never_met;
  for (const solver::Goal& goal : report.goals) {
    if (goal.status == solver::GoalStatus::Covered) ++covered;
    if (goal.status == solver::GoalStatus::Impossible) ++impossible;
    if (goal.status == solver::GoalStatus::Unknown) {
      ++unknown;
      if (!unknown_met.count(goal.id)) unknown_never_met.push_back(goal.id);
    }
  }
  std::cout << file << ": " << report.goals.size() << " goals (" << covered << " covered, " << impossible
            << " impossible, " << unknown << " unknown); " << report.tests.size() << " witnesses, " << replay_failures
            << " do not replay; " << usable_runs << " of " << kRandomRuns << " random runs usable; "
            << "unknown goals the random runs meet: " << unknown_met.size() << " of " << unknown
            << "; impossible goals met: " << impossible_met.size() << "\n";
  for (const auto& [id, runs] : unknown_met) {
    std::cout << "  unknown, met by " << runs << " runs: " << id
              << "; the first: " << trim_unused_mocks(machine, first_unknown_run[id]).dump() << "\n";
  }
  for (const std::string& id : unknown_never_met) std::cout << "  unknown, never met: " << id << "\n";
  for (const solver::Goal& goal : report.goals) {
    if (goal.status == solver::GoalStatus::Covered && !covered_met.count(goal.id)) {
      std::cout << "  covered by a witness, never met by a random run: " << goal.id << "\n";
    }
  }
  for (const std::string& id : unseen_covered) {
    std::cout << "  covered, but its witness replayed does not show it (goals_met): " << id << "\n";
  }
  for (const std::string& id : met_ids_unknown_to_solver) std::cout << "  met, but not a solver goal: " << id << "\n";
  for (const std::string& limit : report.limits) std::cout << "  solver limit: " << limit << "\n";
  std::cout << "  seconds: solver " << solver_seconds << ", replay " << replay_seconds << ", random runs "
            << random_seconds << "\n";
  EXPECT_TRUE(impossible_met.empty()) << file << ": random runs met goals the solver proved impossible";
}

INSTANTIATE_TEST_SUITE_P(Machines, Soundness, ::testing::ValuesIn(machine_files()), test_name);

}  // namespace
}  // namespace sfn::testgen
