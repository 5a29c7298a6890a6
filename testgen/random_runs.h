#pragma once
// Random executions of a machine, and the coverage goals a run meets. The runs are an oracle
// independent of the solver: a goal the solver proves Impossible must never be met by one, and the
// Unknown goals they meet show where the solver's search falls short.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "interpreter/executor.h"

namespace sfn::testgen {

struct RandomRunOptions {
  std::uint64_t seed = 1;
  std::size_t runs = 2000;
  std::size_t max_invocations_per_task = 8;  // mocked responses per Task state (doubled, twice, if they run out)
};

// One execution: the test file that replays it (the interpreter's test-file format, interpreter/test_case.h,
// with "covers" and "expect" filled from what the run did) and the run itself, with its trace.
struct RandomRun {
  std::size_t index = 0;  // which draw (0-based); draws whose mocks kept running out are skipped
  nlohmann::json test;
  interp::RunResult result;
};

// Draws `options.runs` executions and calls `on_run` for each usable one, in order; `on_run`
// returns false to stop. Inputs and Task results are built from what the machine reads: the
// constants its Choice rules compare against and their neighbours (numbers ±1 and ±0.5, strings one
// character off, booleans, timestamps ±1 s), values of every JSON type, and absent values at every
// path it reads. A Task's responses Return such objects (for lambda:invoke, sometimes under
// "Payload") or Throw each ErrorEquals name of its own and its enclosing states' Retry/Catch, plus
// one name none of them lists. A Map with an ItemReader gets its item list as a mock of its own
// name. Deterministic for a seed.
void draw_runs(const StateMachine& machine, const RandomRunOptions& options,
               const std::function<bool(const RandomRun&)>& on_run);

// Coverage-guided search starts from tests that met something new and draws one thing again: a
// value where the machine reads its input, or one mocked response. Deterministic for a seed and index.
class RunMutator {
 public:
  RunMutator(const StateMachine& machine, const RandomRunOptions& options);
  ~RunMutator();
  RunMutator(const RunMutator&) = delete;
  RunMutator& operator=(const RunMutator&) = delete;
  // The mutated test's run, or nullopt when nothing could be drawn or the run was unusable.
  std::optional<RandomRun> mutate(const nlohmann::json& test, std::size_t index);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A test file's "expect" for what `result` did: status and path, then output or error and cause.
nlohmann::json expectation_of(const interp::RunResult& result);

// The test with each mock list cut to the responses its run used, and lists never used left out, so
// a test shown to people says only what matters. Other fields are kept as they are.
nlohmann::json trim_unused_mocks(const StateMachine& machine, nlohmann::json test);

// The coverage goals of one machine, prepared once for many runs. Ids are the solver's:
// "state:<pointer>", "rule:<pointer of Choices[i]>", "default:<state pointer>",
// "no-choice-matched:<state pointer>", "catch:<pointer of Catch[i]>", "loop:<pointer of the
// cycle's first state>", and testgen/coverage.h's retry, uncaught and raise goals.
class GoalTracker {
 public:
  explicit GoalTracker(const StateMachine& machine);
  ~GoalTracker();
  GoalTracker(GoalTracker&&) noexcept;
  GoalTracker& operator=(GoalTracker&&) noexcept;

  // The goals a run met, sorted, from its trace (so the run needs RunOptions::keep_trace):
  //  - state: every state entered;
  //  - rule/default/no-choice-matched: the rule a Choice visit took, its Default, or its
  //    States.NoChoiceMatched;
  //  - catch/retry: the catcher that handled a visit's failure, each retrier it retried with;
  //  - uncaught: a Task visit that failed (no catcher handled it);
  //  - raise: a visit (not of a Parallel or Map) that raised States.Runtime;
  //  - loop: a state of a cycle entered 3 times within one scope and iteration.
  std::vector<std::string> goals_met(const interp::RunResult& result) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One-off form of GoalTracker::goals_met.
std::vector<std::string> goals_met(const StateMachine& machine, const interp::RunResult& result);

}  // namespace sfn::testgen
