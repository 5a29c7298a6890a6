#include "analyzer/rules/transitions.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/source_document.h"

namespace sfn::rules {
namespace {

const char* transition_field(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::Next: return "'Next'";
    case TransitionKind::ChoiceRule: return "Choice rule 'Next'";
    case TransitionKind::Default: return "'Default'";
    case TransitionKind::Catch: return "catcher 'Next'";
  }
  return "'Next'";
}

// The names written in a scope's States object. The model leaves out states whose Type is missing or
// wrong (reported where they are), so a transition to one of them is no missing target, and the
// scope's reachability and terminal states cannot be judged until that state is fixed.
std::unordered_set<std::string> written_state_names(const nlohmann::json& root, const Scope& scope) {
  std::unordered_set<std::string> names;
  const nlohmann::json::json_pointer pointer(append_pointer(scope.pointer, "States"));
  if (root.contains(pointer) && root.at(pointer).is_object()) {
    for (const auto& [name, definition] : root.at(pointer).items()) names.insert(name);
  }
  return names;
}

}  // namespace

void check_transitions(const StateMachine& machine, const StateGraph& graph, Reporter& reporter) {
  // Where each name lives, to tell a jump into another scope from a name that exists nowhere.
  std::unordered_multimap<std::string, int> scopes_by_name;
  for (const State& state : machine.states) scopes_by_name.emplace(state.name, state.scope);

  auto report_target = [&](const std::string& target, int scope, const std::string& pointer, const char* field,
                           const std::string& from_state) {
    reporter.set_current_state(from_state);
    auto range = scopes_by_name.equal_range(target);
    if (range.first == range.second) {
      reporter.report("missing-transition-target", pointer,
                      std::string(field) + " names " + quote_name(target) + ", which is not a state");
      return;
    }
    const State* elsewhere = nullptr;
    for (const State& state : machine.states) {
      if (state.name == target && state.scope != scope) {
        elsewhere = &state;
        break;
      }
    }
    Diagnostic& diagnostic = reporter.report(
        "transition-out-of-scope", pointer,
        std::string(field) + " names " + quote_name(target) +
            ", a state of another branch or processor; transitions stay inside their own States object");
    if (elsewhere) diagnostic.related.push_back(reporter.locate(elsewhere->pointer, elsewhere->name, Anchor::Key));
  };

  std::vector<std::unordered_set<std::string>> written_names;
  std::vector<bool> fully_modelled;
  for (const Scope& scope : machine.scopes) {
    written_names.push_back(written_state_names(reporter.document().root, scope));
    fully_modelled.push_back(written_names.back().size() == scope.states.size());
  }

  std::vector<bool> start_resolved(machine.scopes.size(), false);
  for (std::size_t scope_index = 0; scope_index < machine.scopes.size(); ++scope_index) {
    const Scope& scope = machine.scopes[scope_index];
    if (scope.start_at.empty() && !machine.find(static_cast<int>(scope_index), "")) continue;
    if (machine.find(static_cast<int>(scope_index), scope.start_at)) {
      start_resolved[scope_index] = true;
    } else if (!written_names[scope_index].count(scope.start_at)) {
      std::string owner = scope.parent_state >= 0 ? machine.states[scope.parent_state].name : "";
      report_target(scope.start_at, static_cast<int>(scope_index), append_pointer(scope.pointer, "StartAt"),
                    "'StartAt'", owner);
    }
  }

  for (const State& state : machine.states) {
    for (const Transition& transition : state.transitions) {
      if (!machine.find(state.scope, transition.target) && !written_names[state.scope].count(transition.target)) {
        report_target(transition.target, state.scope, transition.pointer, transition_field(transition.kind),
                      state.name);
      }
    }
  }

  const std::vector<bool> reachable = graph.reachable_from_start();
  for (std::size_t scope_index = 0; scope_index < machine.scopes.size(); ++scope_index) {
    const Scope& scope = machine.scopes[scope_index];
    // Inside a state that is itself unreachable, or a scope whose StartAt is broken, every state
    // would be reported again; the finding at the cause is enough.
    bool owner_reachable = scope.parent_state < 0 || reachable[scope.parent_state];
    if (!start_resolved[scope_index] || !owner_reachable || !fully_modelled[scope_index]) continue;
    for (int index : scope.states) {
      if (reachable[index]) continue;
      const State& state = machine.states[index];
      reporter.set_current_state(state.name);
      reporter.report("unreachable-state", state.pointer,
                      "state " + quote_name(state.name) + " is not reachable from " + quote_name(scope.start_at) +
                          "; AWS rejects a definition with unreachable states",
                      Anchor::Key);
    }
  }

  for (std::size_t scope_index = 0; scope_index < machine.scopes.size(); ++scope_index) {
    const Scope& scope = machine.scopes[scope_index];
    if (scope.states.empty() || !fully_modelled[scope_index]) continue;
    bool has_terminal = false;
    for (int index : scope.states) has_terminal = has_terminal || machine.states[index].is_end;
    if (has_terminal) continue;
    reporter.set_current_state(scope.parent_state >= 0 ? machine.states[scope.parent_state].name : "");
    reporter.report("no-terminal-state", append_pointer(scope.pointer, "States"),
                    "no state in this States object ends the workflow: it needs a Succeed or Fail state or a "
                    "state with \"End\": true",
                    Anchor::Key);
  }
  reporter.set_current_state("");
}

}  // namespace sfn::rules
