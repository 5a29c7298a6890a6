// Which coverage goals a run met, read back from its trace. The trace records each state entered
// with its raw input and output (after the state's step, so a Parallel or Map comes after the
// states of its branches); the rule a Choice took and whether a Catch was taken are not recorded,
// so they are worked out here: the Choice's rules are evaluated again on its effective input, and
// a Catch shows in the state entered next and in the shape of the output.

#include "testgen/random_runs.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/compiled_state.h"
#include "analyzer/state_graph.h"
#include "interpreter/error_matching.h"
#include "interpreter/evaluation.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

constexpr int kLoopEntries = 3;  // a second round: some state of the cycle entered a third time

bool reads_input_only(const ChoiceRule& rule) {
  if (rule.variable_path && rule.variable_path->root != PathRoot::Input) return false;
  if (rule.operand_path && rule.operand_path->root != PathRoot::Input) return false;
  return std::all_of(rule.children.begin(), rule.children.end(), reads_input_only);
}

// The error output a catcher's ResultPath placed: {"Error": "...", "Cause"?: "..."}.
bool is_error_output(const json& value) {
  if (!value.is_object() || !value.contains("Error") || !value["Error"].is_string()) return false;
  for (const auto& [key, member] : value.items()) {
    if (key != "Error" && key != "Cause") return false;
    if (key == "Cause" && !member.is_string()) return false;
  }
  return true;
}

std::string entry_key(const interp::TraceEntry& entry) {
  return entry.scope + '\x1f' + (entry.iteration ? std::to_string(*entry.iteration) : std::string("-"));
}

}  // namespace

struct GoalTracker::Impl {
  const StateMachine& machine;
  std::vector<CompiledState> compiled;
  std::unordered_map<std::string, std::vector<int>> by_scope_and_name;  // owner pointer + '\x1f' + name
  std::vector<std::vector<std::string>> loop_goals;                     // per state
  std::vector<bool> choice_reads_input_only;                            // per state
  interp::SemanticsOptions semantics;

  explicit Impl(const StateMachine& machine) : machine(machine), compiled(compile_states(machine)) {
    loop_goals.resize(machine.states.size());
    choice_reads_input_only.resize(machine.states.size(), true);
    for (std::size_t i = 0; i < machine.states.size(); ++i) {
      const State& state = machine.states[i];
      by_scope_and_name[owner_pointer(state.scope) + '\x1f' + state.name].push_back(static_cast<int>(i));
      const CompiledState& fields = compiled[i];
      bool input_only = !fields.input_path.path || fields.input_path.path->root == PathRoot::Input;
      for (const ChoiceRule& rule : state.choices) input_only = input_only && reads_input_only(rule);
      choice_reads_input_only[i] = input_only;
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
    // The state entered after each visit in the same scope run: the next entry of that scope and
    // iteration, when its input is this visit's output.
    std::vector<long> successor(trace.size(), -1);
    std::unordered_map<std::string, long> next_seen;
    for (std::size_t i = trace.size(); i-- > 0;) {
      const std::string key = entry_key(trace[i]);
      auto found = next_seen.find(key);
      if (found != next_seen.end() && !trace[i].failed &&
          trace[static_cast<std::size_t>(found->second)].input == trace[i].output) {
        successor[i] = found->second;
      }
      next_seen[key] = static_cast<long>(i);
    }
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
      const interp::TraceEntry* next = successor[i] >= 0 ? &trace[static_cast<std::size_t>(successor[i])] : nullptr;
      if (state.type == StateType::Choice) choice_goals(index, entry, next, met);
      if (!state.catch_.empty() && next) catch_goals(index, entry, *next, met);
    }
    // A state whose step the execution did not finish (timeout, history limit) is in the path only.
    for (const std::string& name : result.path) {
      if (const State* state = machine.find(0, name)) met.insert("state:" + state->pointer);
    }
    return {met.begin(), met.end()};
  }

  void choice_goals(int index, const interp::TraceEntry& entry, const interp::TraceEntry* next,
                    std::set<std::string>& met) const {
    const State& state = machine.states[static_cast<std::size_t>(index)];
    const CompiledState& fields = compiled[static_cast<std::size_t>(index)];
    const std::string none_goal = (state.default_target ? "default:" : "no-choice-matched:") + state.pointer;
    if (choice_reads_input_only[static_cast<std::size_t>(index)]) {
      json effective = entry.input;
      if (fields.input_path.is_null) {
        effective = json::object();
      } else if (fields.input_path.path) {
        interp::PathLookup lookup =
            interp::evaluate_path(*fields.input_path.path, interp::PathRoots{&entry.input, nullptr, nullptr});
        if (!lookup.value) return;  // the visit failed at its InputPath
        effective = std::move(*lookup.value);
      }
      interp::EvaluationContext context;
      context.roots = interp::PathRoots{&effective, nullptr, nullptr};
      context.semantics = &semantics;
      for (std::size_t r = 0; r < state.choices.size(); ++r) {
        interp::Outcome<bool> matched = interp::evaluate_choice_rule(state.choices[r], context);
        if (!matched.ok()) return;  // States.Runtime: no rule taken, no Default either
        if (!matched.value()) continue;
        if (next && next->state != state.choices[r].next) return;  // not the visit we evaluated
        met.insert("rule:" + state.pointer + "/Choices/" + std::to_string(r));
        return;
      }
      if (next && state.default_target && next->state != *state.default_target) return;
      met.insert(none_goal);
      return;
    }
    // Rules that read $$ or variables: only the state entered next tells, when one edge leads there.
    if (!next) return;
    std::vector<std::string> candidates;
    for (std::size_t r = 0; r < state.choices.size(); ++r) {
      if (state.choices[r].next == next->state)
        candidates.push_back("rule:" + state.pointer + "/Choices/" + std::to_string(r));
    }
    if (state.default_target && *state.default_target == next->state) candidates.push_back(none_goal);
    if (candidates.size() == 1) met.insert(candidates.front());
  }

  void catch_goals(int index, const interp::TraceEntry& entry, const interp::TraceEntry& next,
                   std::set<std::string>& met) const {
    const State& state = machine.states[static_cast<std::size_t>(index)];
    if (state.type != StateType::Task && state.type != StateType::Parallel && state.type != StateType::Map) return;
    const CompiledState& fields = compiled[static_cast<std::size_t>(index)];
    const std::string* normal_next = nullptr;
    for (const Transition& transition : state.transitions) {
      if (transition.kind == TransitionKind::Next) normal_next = &transition.target;
    }
    const bool left_by_next = normal_next && *normal_next == next.state;
    for (std::size_t c = 0; c < state.catch_.size(); ++c) {
      const Catcher& catcher = state.catch_[c];
      if (catcher.next != next.state) continue;
      const PathField field = c < fields.catcher_result_paths.size() ? fields.catcher_result_paths[c] : PathField{};
      std::optional<json> placed;  // the error output, where the output shows it
      if (!field.present) {
        placed = entry.output;
      } else if (field.is_null) {
        if (left_by_next || entry.output != entry.input) continue;  // indistinguishable, or not this catcher
      } else if (field.path) {
        interp::PathLookup lookup =
            interp::evaluate_path(*field.path, interp::PathRoots{&entry.output, nullptr, nullptr});
        if (!lookup.value) continue;
        placed = std::move(*lookup.value);
      } else {
        continue;
      }
      if (placed) {
        if (!is_error_output(*placed)) continue;
        // The first catcher whose ErrorEquals matches the error is the one taken.
        const interp::Failure failure{(*placed)["Error"].get<std::string>(), std::nullopt};
        if (!interp::error_equals_matches(catcher.error_equals, failure, semantics)) continue;
        bool earlier = false;
        for (std::size_t e = 0; e < c; ++e) {
          earlier = earlier || interp::error_equals_matches(state.catch_[e].error_equals, failure, semantics);
        }
        if (earlier) continue;
      }
      met.insert("catch:" + catcher.pointer);
      return;
    }
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
