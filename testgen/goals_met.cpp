// Which coverage goals a run met, read back from its trace. The trace records each state entered,
// with the rule a Choice took, the retriers and the catcher a visit used and the error a failed
// visit raised, so nothing is guessed here.

#include "testgen/random_runs.h"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/state_graph.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

constexpr int kLoopEntries = 3;  // a second round: some state of the cycle entered a third time

std::string entry_key(const interp::TraceEntry& entry) {
  return entry.scope + '\x1f' + (entry.iteration ? std::to_string(*entry.iteration) : std::string("-"));
}

}  // namespace

struct GoalTracker::Impl {
  const StateMachine& machine;
  std::unordered_map<std::string, std::vector<int>> by_scope_and_name;  // owner pointer + '\x1f' + name
  std::vector<std::vector<std::string>> loop_goals;                     // per state

  explicit Impl(const StateMachine& machine) : machine(machine) {
    loop_goals.resize(machine.states.size());
    for (std::size_t i = 0; i < machine.states.size(); ++i) {
      const State& state = machine.states[i];
      by_scope_and_name[owner_pointer(state.scope) + '\x1f' + state.name].push_back(static_cast<int>(i));
    }
    const StateGraph graph(machine);
    for (std::size_t scope = 0; scope < machine.scopes.size(); ++scope) {
      for (const std::vector<int>& cycle : graph.cycles(static_cast<int>(scope))) {
        const std::string goal = "loop:" + machine.states[static_cast<std::size_t>(cycle.front())].pointer;
        for (int member : cycle) loop_goals[static_cast<std::size_t>(member)].push_back(goal);
      }
    }
  }

  std::string owner_pointer(int scope) const {
    const int owner = machine.scopes[static_cast<std::size_t>(scope)].parent_state;
    return owner >= 0 ? machine.states[static_cast<std::size_t>(owner)].pointer : std::string();
  }

  int resolve(const interp::TraceEntry& entry) const {
    auto found = by_scope_and_name.find(entry.scope + '\x1f' + entry.state);
    if (found == by_scope_and_name.end()) return -1;
    if (found->second.size() == 1 || !entry.iteration) return found->second.front();
    // The same name in two branches of one Parallel: the iteration is the branch index.
    for (int index : found->second) {
      const State& state = machine.states[static_cast<std::size_t>(index)];
      const int owner = machine.scopes[static_cast<std::size_t>(state.scope)].parent_state;
      const std::vector<int>& children = machine.states[static_cast<std::size_t>(owner)].child_scopes;
      if (*entry.iteration < children.size() && children[*entry.iteration] == state.scope) return index;
    }
    return found->second.front();
  }

  std::vector<std::string> goals_met(const interp::RunResult& result) const {
    std::set<std::string> met;
    const std::vector<interp::TraceEntry>& trace = result.trace;
    std::map<std::pair<int, std::string>, int> entries;
    for (std::size_t i = 0; i < trace.size(); ++i) {
      const interp::TraceEntry& entry = trace[i];
      const int index = resolve(entry);
      if (index < 0) continue;
      const State& state = machine.states[static_cast<std::size_t>(index)];
      met.insert("state:" + state.pointer);
      if (++entries[{index, entry_key(entry)}] == kLoopEntries) {
        for (const std::string& goal : loop_goals[static_cast<std::size_t>(index)]) met.insert(goal);
      }
      if (state.type == StateType::Choice) {
        if (entry.choice_rule) {
          met.insert("rule:" + state.pointer + "/Choices/" + std::to_string(*entry.choice_rule));
        } else if (entry.choice_default) {
          met.insert("default:" + state.pointer);
        } else if (entry.failed && entry.error == "States.NoChoiceMatched") {
          met.insert("no-choice-matched:" + state.pointer);
        }
      }
      if (entry.catcher && *entry.catcher < state.catch_.size()) {
        met.insert("catch:" + state.catch_[*entry.catcher].pointer);
      }
      for (std::size_t retrier : entry.retriers_used) {
        if (retrier < state.retry.size()) met.insert("retry:" + state.retry[retrier].pointer);
      }
      if (entry.failed && state.type == StateType::Task) met.insert("uncaught:" + state.pointer);
      // A Parallel or Map that fails with States.Runtime may only pass on a branch's failure.
      if (entry.failed && entry.error == "States.Runtime" && state.type != StateType::Parallel &&
          state.type != StateType::Map) {
        met.insert("raise:" + state.pointer);
      }
    }
    // A state whose step the execution did not finish (timeout, history limit) is in the path only.
    for (const std::string& name : result.path) {
      if (const State* state = machine.find(0, name)) met.insert("state:" + state->pointer);
    }
    return {met.begin(), met.end()};
  }
};

GoalTracker::GoalTracker(const StateMachine& machine) : impl_(std::make_unique<Impl>(machine)) {}
GoalTracker::~GoalTracker() = default;
GoalTracker::GoalTracker(GoalTracker&&) noexcept = default;
GoalTracker& GoalTracker::operator=(GoalTracker&&) noexcept = default;

std::vector<std::string> GoalTracker::goals_met(const interp::RunResult& result) const {
  return impl_->goals_met(result);
}

std::vector<std::string> goals_met(const StateMachine& machine, const interp::RunResult& result) {
  return GoalTracker(machine).goals_met(result);
}

}  // namespace sfn::testgen
