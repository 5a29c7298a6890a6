#pragma once
// Internal to solver/: the under-approximation. Bounded symbolic execution from StartAt (loops
// unrolled up to a bound, Parallel branches and Map items run in order as the interpreter runs
// them) that looks for one feasible run per coverage goal and writes it as a test in the
// interpreter's test-file format. Nothing here is a verdict until the test replays.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/compiled_state.h"
#include "analyzer/model.h"
#include "analyzer/state_graph.h"
#include "solver/symbolic.h"

namespace sfn::solver {

enum class GoalKind { State, ChoiceRule, Default, NoChoiceMatched, Catch, LoopTwice };

struct SearchGoal {
  GoalKind kind = GoalKind::State;
  int state = -1;   // the state it is about (for LoopTwice: the cycle's first state)
  int index = -1;   // Choices[index], Catch[index], or the cycle's number
  std::string id;   // stable: "state:<pointer>", "rule:<pointer>", ...
  std::string pointer;
  std::optional<std::size_t> test;  // the witness that covers it
};

// A run that raised States.Runtime at a read, for missing-path and use-before-write.
struct RaiseWitness {
  int state = -1;
  std::string field;
  std::string path_text;
  std::vector<std::string> location;
  ReadResult read;
  std::size_t test = 0;
  std::vector<int> completed;  // states the run finished normally before it raised (their writes happened)
};

struct SearchOptions {
  unsigned loop_bound = 2;        // rounds per loop: a state is entered at most loop_bound + 1 times
  std::size_t max_steps = 400;    // states entered on one run (at least twice the machine's states)
  std::size_t max_queries = 20000;
  double max_seconds = 60;        // wall-clock safety net (the budget is max_queries)
  // Goals already proved impossible (kind, state, Choices index): the search does not hunt for them.
  std::function<bool(GoalKind, int, int)> impossible;
};

struct SearchResult {
  std::vector<SearchGoal> goals;
  std::vector<nlohmann::json> tests;
  std::vector<RaiseWitness> raises;
  std::vector<std::vector<int>> cycles;  // LoopTwice goals' cycles, by index
  std::optional<std::string> stopped;    // why the search stopped early (budget, time)
  std::vector<std::string> unsupported;  // features met and not modelled
};

SearchResult search_witnesses(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                              const StateGraph& graph, Smt& smt, const SearchOptions& options);

// Whether a catcher or retrier's ErrorEquals catches `error` (the interpreter's default reading).
bool error_equals_catches(const std::vector<std::string>& error_equals, const std::string& error);

}  // namespace sfn::solver
