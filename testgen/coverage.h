#pragma once
// Coverage goals of `sfncheck testgen` and `sfncheck replay`, by level, and the goals a set of
// interpreter runs meets, read from the runs' own traces (never from a generator's claims).
//
// Goal ids (stable, part of coverage.json):
//   state:<state pointer>              the state is entered
//   rule:<pointer of Choices[i]>       the rule is the one taken
//   default:<Choice pointer>           the Default is taken
//   no-choice-matched:<Choice pointer> no rule matches and there is no Default (States.NoChoiceMatched)
//   catch:<pointer of Catch[i]>        the catcher handles a failure
//   retry:<pointer of Retry[i]>        the retrier retries once
//   raise:<state pointer>              the state raises States.Runtime (a failure `check` reports)
//   uncaught:<state pointer>           a Task fails and no Catch handles it (level errors)
//   mcdc:<pointer of a condition>      an atomic condition of an And/Or/Not rule shown to change the
//                                      rule's outcome on its own (level mcdc)
//   path:<state names joined by " > "> one top-level path, each loop taken 0..loop bound times (level paths)
//   loop:<pointer of a cycle's first state> a loop goes round twice (not a coverage goal of any level;
//                                      the solver's unbounded-loop evidence)

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model.h"
#include "interpreter/executor.h"

namespace sfn::testgen {

enum class CoverageLevel { States, Branches, Errors, Mcdc, Paths };

std::optional<CoverageLevel> parse_coverage_level(std::string_view name);
const char* coverage_level_name(CoverageLevel level);

struct CoverageGoal {
  std::string id;
  std::string kind;     // "state", "choice-rule", "default", "no-choice-matched", "catch", "retry", "raise",
                        // "uncaught", "mcdc", "path"
  std::string pointer;  // JSON Pointer into the definition ("" for a path)
  std::string state;    // the state's name ("" for a path)
};

// The goals of `level` (each level includes the ones before it). `raise_states` are the pointers of
// states that `check` reports may raise States.Runtime (missing-path, use-before-write): a raise goal
// each. Paths are listed up to `max_paths`; `paths_truncated` says when more exist.
struct GoalList {
  std::vector<CoverageGoal> goals;
  bool paths_truncated = false;
};
GoalList coverage_goals(const StateMachine& machine, CoverageLevel level, unsigned loop_bound,
                        const std::vector<std::string>& raise_states, std::size_t max_paths = 200);

// The path goal a run meets: its top-level path, when the run ended normally where the path ends
// (succeeded, or failed at a Fail state); nullopt otherwise.
std::optional<std::string> path_goal(const StateMachine& machine, const interp::RunResult& result);

// The atomic conditions of a Choice rule, in document order: the leaves under And/Or/Not, or the rule
// itself when it is a plain comparison.
std::vector<const ChoiceRule*> atomic_conditions(const ChoiceRule& rule);

// Records interpreter runs (with RunOptions::keep_trace) and says which goals they meet. MC/DC goals
// need two runs (the independence pair), so they are known only for the runs recorded together.
class CoverageRecorder {
 public:
  explicit CoverageRecorder(const StateMachine& machine);
  ~CoverageRecorder();
  CoverageRecorder(CoverageRecorder&&) noexcept;
  CoverageRecorder& operator=(CoverageRecorder&&) noexcept;

  // Records a run and returns the goals it meets on its own (sorted; no mcdc goals).
  std::vector<std::string> record(const interp::RunResult& result);
  // Every goal the recorded runs meet, mcdc goals included (sorted).
  std::vector<std::string> goals_met() const;
  // For an mcdc goal met by the recorded runs: the indexes (in recording order) of a pair that shows it.
  std::optional<std::pair<std::size_t, std::size_t>> mcdc_pair(const std::string& goal) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sfn::testgen
