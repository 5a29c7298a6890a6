#pragma once
// `sfncheck testgen` without the files: coverage goals -> the solver's witnesses, mutations of them
// and random runs -> a small set of tests, each run in the interpreter, so a test's expectation is
// what the reference interpreter does and every "covered" is read from its trace.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "testgen/coverage.h"

namespace sfn::testgen {

struct GenerateOptions {
  CoverageLevel level = CoverageLevel::Branches;
  unsigned loop_bound = 2;        // loop rounds for the solver's search and for path goals
  std::uint64_t seed = 1;         // random runs
  std::size_t max_random_runs = 400;
  std::size_t max_paths = 200;    // path goals listed at level paths
};

// A generated test in the test-file format (interpreter/test_case.h): name, covers, input, mocks, expect.
struct GeneratedTest {
  std::string name;
  nlohmann::json test;
};

enum class GoalVerdict { Covered, Impossible, Unknown };
const char* goal_verdict_name(GoalVerdict verdict);

struct GoalReport {
  CoverageGoal goal;
  GoalVerdict verdict = GoalVerdict::Unknown;
  std::vector<std::size_t> tests;       // Covered: indexes into GeneratedSuite::tests
  std::optional<nlohmann::json> proof;  // Impossible: {"kind": "proof", "core": [...]} or {"kind": "graph", ...}
  std::string reason;                   // Impossible or Unknown: in words
};

struct GenerationStats {
  std::size_t solver_witnesses = 0, witnesses_replayed = 0, mutations = 0, random_runs = 0, candidates = 0;
  std::size_t solver_queries = 0;
};

struct GeneratedSuite {
  std::vector<GeneratedTest> tests;
  std::vector<GoalReport> goals;
  std::vector<std::string> limits;  // what was not analysed, and why
  GenerationStats stats;
  // Set when no test can be generated at all (a machine the interpreter refuses, such as JSONata):
  // every goal is then Unknown with this reason.
  std::optional<std::string> unsupported;
};

GeneratedSuite generate_tests(const StateMachine& machine, const GenerateOptions& options);

}  // namespace sfn::testgen
