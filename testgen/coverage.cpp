#include "testgen/coverage.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "analyzer/compiled_state.h"
#include "analyzer/state_graph.h"
#include "interpreter/evaluation.h"
#include "testgen/random_runs.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

constexpr const char* kLevelNames[] = {"states", "branches", "errors", "mcdc", "paths"};

bool is_composite(const ChoiceRule& rule) {
  return rule.op == ChoiceOperator::And || rule.op == ChoiceOperator::Or || rule.op == ChoiceOperator::Not;
}

void collect_leaves(const ChoiceRule& rule, std::vector<const ChoiceRule*>& leaves) {
  if (!is_composite(rule)) {
    leaves.push_back(&rule);
    return;
  }
  for (const ChoiceRule& child : rule.children) collect_leaves(child, leaves);
}

bool reads_input_only(const ChoiceRule& rule) {
  if (rule.variable_path && rule.variable_path->root != PathRoot::Input) return false;
  if (rule.operand_path && rule.operand_path->root != PathRoot::Input) return false;
  return std::all_of(rule.children.begin(), rule.children.end(), reads_input_only);
}

std::string path_goal_id(const std::vector<std::string>& names) {
  std::string id = "path:";
  for (std::size_t i = 0; i < names.size(); ++i) id += (i ? " > " : "") + names[i];
  return id;
}

// Top-level paths from StartAt to a state that ends the execution, each state entered at most
// loop_bound + 1 times (so every loop is taken 0..loop_bound times), in depth-first order.
bool enumerate_paths(const StateMachine& machine, const StateGraph& graph, unsigned loop_bound,
                     std::size_t max_paths, std::vector<std::vector<std::string>>& paths) {
  const Scope& top = machine.scopes.front();
  auto start = top.by_name.find(top.start_at);
  if (start == top.by_name.end()) return false;
  std::vector<int> visits(machine.states.size(), 0);
  std::vector<std::string> current;
  bool truncated = false;
  std::function<void(int)> walk = [&](int index) {
    if (truncated) return;
    const State& state = machine.states[static_cast<std::size_t>(index)];
    if (visits[static_cast<std::size_t>(index)] > static_cast<int>(loop_bound)) return;
    ++visits[static_cast<std::size_t>(index)];
    current.push_back(state.name);
    if (state.is_end) {
      if (paths.size() >= max_paths) {
        truncated = true;
      } else {
        paths.push_back(current);
      }
    }
    for (int next : graph.successors(index)) walk(next);
    current.pop_back();
    --visits[static_cast<std::size_t>(index)];
  };
  walk(start->second);
  return truncated;
}

// One evaluation of a composite Choice rule: each leaf's value (1, 0, or -1 when short-circuiting
// left it unevaluated) and the rule's outcome.
struct McdcObservation {
  std::vector<int> leaves;
  bool outcome = false;
  std::size_t run = 0;
};

}  // namespace

std::optional<std::string> path_goal(const StateMachine& machine, const interp::RunResult& result) {
  if (result.path.empty() || result.unusable) return std::nullopt;
  const State* last = machine.find(0, result.path.back());
  const bool ended = result.status == interp::RunStatus::Succeeded ||
                     (result.status == interp::RunStatus::Failed && last && last->type == StateType::Fail);
  if (!ended) return std::nullopt;
  return path_goal_id(result.path);
}

std::vector<const ChoiceRule*> atomic_conditions(const ChoiceRule& rule) {
  std::vector<const ChoiceRule*> leaves;
  collect_leaves(rule, leaves);
  return leaves;
}

std::optional<CoverageLevel> parse_coverage_level(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kLevelNames); ++i) {
    if (name == kLevelNames[i]) return static_cast<CoverageLevel>(i);
  }
  return std::nullopt;
}

const char* coverage_level_name(CoverageLevel level) { return kLevelNames[static_cast<std::size_t>(level)]; }

GoalList coverage_goals(const StateMachine& machine, CoverageLevel level, unsigned loop_bound,
                        const std::vector<std::string>& raise_states, std::size_t max_paths) {
  GoalList list;
  auto add = [&](std::string id, std::string kind, std::string pointer, const State* state) {
    list.goals.push_back(CoverageGoal{std::move(id), std::move(kind), std::move(pointer), state ? state->name : ""});
  };
  for (const State& state : machine.states) add("state:" + state.pointer, "state", state.pointer, &state);
  if (level >= CoverageLevel::Branches) {
    for (const State& state : machine.states) {
      for (std::size_t r = 0; r < state.choices.size(); ++r) {
        const std::string pointer = state.pointer + "/Choices/" + std::to_string(r);
        add("rule:" + pointer, "choice-rule", pointer, &state);
      }
      if (state.type == StateType::Choice && state.default_target) {
        add("default:" + state.pointer, "default", state.pointer, &state);
      }
      for (const Retrier& retrier : state.retry) add("retry:" + retrier.pointer, "retry", retrier.pointer, &state);
      for (const Catcher& catcher : state.catch_) add("catch:" + catcher.pointer, "catch", catcher.pointer, &state);
    }
    // Runtime failures `check` reports: NoChoiceMatched of a Choice without Default is one too.
    for (const std::string& pointer : raise_states) {
      for (const State& state : machine.states) {
        if (state.pointer != pointer) continue;
        if (state.type == StateType::Choice && !state.default_target) {
          add("no-choice-matched:" + pointer, "no-choice-matched", pointer, &state);
        } else {
          add("raise:" + pointer, "raise", pointer, &state);
        }
      }
    }
  }
  if (level >= CoverageLevel::Errors) {
    for (const State& state : machine.states) {
      if (state.type == StateType::Task) add("uncaught:" + state.pointer, "uncaught", state.pointer, &state);
    }
  }
  if (level >= CoverageLevel::Mcdc) {
    for (const State& state : machine.states) {
      for (const ChoiceRule& rule : state.choices) {
        if (!is_composite(rule)) continue;
        std::vector<const ChoiceRule*> leaves;
        collect_leaves(rule, leaves);
        for (const ChoiceRule* leaf : leaves) add("mcdc:" + leaf->pointer, "mcdc", leaf->pointer, &state);
      }
    }
  }
  if (level >= CoverageLevel::Paths) {
    const StateGraph graph(machine);
    std::vector<std::vector<std::string>> paths;
    list.paths_truncated = enumerate_paths(machine, graph, loop_bound, max_paths, paths);
    for (const std::vector<std::string>& path : paths) add(path_goal_id(path), "path", "", nullptr);
  }
  // Ids are unique even where a `raise` repeats a state given twice.
  std::set<std::string> seen;
  list.goals.erase(std::remove_if(list.goals.begin(), list.goals.end(),
                                  [&](const CoverageGoal& goal) { return !seen.insert(goal.id).second; }),
                   list.goals.end());
  return list;
}

struct CoverageRecorder::Impl {
  const StateMachine& machine;
  GoalTracker tracker;
  std::vector<CompiledState> compiled;
  interp::SemanticsOptions semantics;
  // Per composite rule (by pointer): its leaves, and what each recorded evaluation showed.
  struct CompositeRule {
    const ChoiceRule* rule = nullptr;
    std::vector<const ChoiceRule*> leaves;
    std::vector<McdcObservation> observations;
  };
  std::map<std::string, CompositeRule> composites;
  std::set<std::string> met;
  std::size_t runs = 0;

  explicit Impl(const StateMachine& machine) : machine(machine), tracker(machine), compiled(compile_states(machine)) {
    for (const State& state : machine.states) {
      for (const ChoiceRule& rule : state.choices) {
        if (!is_composite(rule)) continue;
        CompositeRule& composite = composites[rule.pointer];
        composite.rule = &rule;
        collect_leaves(rule, composite.leaves);
      }
    }
  }

  const State* state_of(const interp::TraceEntry& entry) const {
    for (const State& state : machine.states) {
      if (state.name != entry.state || state.type != StateType::Choice) continue;
      const int owner = machine.scopes[static_cast<std::size_t>(state.scope)].parent_state;
      const std::string scope = owner >= 0 ? machine.states[static_cast<std::size_t>(owner)].pointer : "";
      if (scope == entry.scope) return &state;
    }
    return nullptr;
  }

  // Evaluates `node` with short-circuiting, reading leaf values from (and recording them in) `values`.
  static std::optional<bool> outcome(const ChoiceRule& node, const std::vector<const ChoiceRule*>& leaves,
                                     std::vector<int>& values, const interp::EvaluationContext& context) {
    if (!is_composite(node)) {
      const auto at = std::find(leaves.begin(), leaves.end(), &node);
      const std::size_t index = static_cast<std::size_t>(at - leaves.begin());
      interp::Outcome<bool> value = interp::evaluate_choice_rule(node, context);
      if (!value.ok()) return std::nullopt;
      values[index] = value.value() ? 1 : 0;
      return value.value();
    }
    if (node.op == ChoiceOperator::Not) {
      if (node.children.empty()) return std::nullopt;
      std::optional<bool> inner = outcome(node.children.front(), leaves, values, context);
      if (!inner) return std::nullopt;
      return !*inner;
    }
    const bool is_and = node.op == ChoiceOperator::And;
    for (const ChoiceRule& child : node.children) {
      std::optional<bool> value = outcome(child, leaves, values, context);
      if (!value) return std::nullopt;
      if (*value != is_and) return !is_and;
    }
    return is_and;
  }

  void observe_choices(const interp::RunResult& result) {
    for (const interp::TraceEntry& entry : result.trace) {
      if (entry.failed && entry.error != "States.NoChoiceMatched") continue;
      const State* state = state_of(entry);
      if (!state) continue;
      const CompiledState& fields = compiled[static_cast<std::size_t>(state - machine.states.data())];
      // Rules that read the Context Object or variables cannot be evaluated again from the trace.
      if (fields.input_path.path && fields.input_path.path->root != PathRoot::Input) continue;
      json effective = entry.input;
      if (fields.input_path.is_null) {
        effective = json::object();
      } else if (fields.input_path.path) {
        interp::PathLookup lookup =
            interp::evaluate_path(*fields.input_path.path, interp::PathRoots{&entry.input, nullptr, nullptr});
        if (!lookup.value) continue;
        effective = std::move(*lookup.value);
      }
      interp::EvaluationContext context;
      context.roots = interp::PathRoots{&effective, nullptr, nullptr};
      context.semantics = &semantics;
      // Rules after the one taken were not evaluated on this visit.
      const std::size_t evaluated = entry.choice_rule ? *entry.choice_rule + 1 : state->choices.size();
      for (std::size_t r = 0; r < evaluated; ++r) {
        const ChoiceRule& rule = state->choices[r];
        auto found = composites.find(rule.pointer);
        if (found == composites.end() || !reads_input_only(rule)) continue;
        CompositeRule& composite = found->second;
        McdcObservation observation;
        observation.leaves.assign(composite.leaves.size(), -1);
        observation.run = runs;
        std::optional<bool> value = outcome(rule, composite.leaves, observation.leaves, context);
        if (!value) break;
        observation.outcome = *value;
        composite.observations.push_back(std::move(observation));
      }
    }
  }

  // Unique-cause MC/DC, with short-circuiting: the two evaluations differ in the leaf and in the
  // outcome, and every other leaf evaluated in both has the same value in both.
  std::optional<std::pair<std::size_t, std::size_t>> pair_for(const CompositeRule& composite,
                                                              std::size_t leaf) const {
    const std::vector<McdcObservation>& seen = composite.observations;
    for (std::size_t a = 0; a < seen.size(); ++a) {
      if (seen[a].leaves[leaf] < 0) continue;
      for (std::size_t b = a + 1; b < seen.size(); ++b) {
        if (seen[b].leaves[leaf] < 0 || seen[a].leaves[leaf] == seen[b].leaves[leaf]) continue;
        if (seen[a].outcome == seen[b].outcome) continue;
        bool others_fixed = true;
        for (std::size_t other = 0; other < composite.leaves.size() && others_fixed; ++other) {
          if (other == leaf || seen[a].leaves[other] < 0 || seen[b].leaves[other] < 0) continue;
          others_fixed = seen[a].leaves[other] == seen[b].leaves[other];
        }
        if (others_fixed) return std::make_pair(seen[a].run, seen[b].run);
      }
    }
    return std::nullopt;
  }
};

CoverageRecorder::CoverageRecorder(const StateMachine& machine) : impl_(std::make_unique<Impl>(machine)) {}
CoverageRecorder::~CoverageRecorder() = default;
CoverageRecorder::CoverageRecorder(CoverageRecorder&&) noexcept = default;
CoverageRecorder& CoverageRecorder::operator=(CoverageRecorder&&) noexcept = default;

std::vector<std::string> CoverageRecorder::record(const interp::RunResult& result) {
  std::vector<std::string> goals = impl_->tracker.goals_met(result);
  if (std::optional<std::string> path = path_goal(impl_->machine, result)) {
    goals.push_back(std::move(*path));
    std::sort(goals.begin(), goals.end());
  }
  impl_->observe_choices(result);
  impl_->met.insert(goals.begin(), goals.end());
  ++impl_->runs;
  return goals;
}

std::vector<std::string> CoverageRecorder::goals_met() const {
  std::set<std::string> all = impl_->met;
  for (const auto& [pointer, composite] : impl_->composites) {
    for (std::size_t leaf = 0; leaf < composite.leaves.size(); ++leaf) {
      if (impl_->pair_for(composite, leaf)) all.insert("mcdc:" + composite.leaves[leaf]->pointer);
    }
  }
  return {all.begin(), all.end()};
}

std::optional<std::pair<std::size_t, std::size_t>> CoverageRecorder::mcdc_pair(const std::string& goal) const {
  for (const auto& [pointer, composite] : impl_->composites) {
    for (std::size_t leaf = 0; leaf < composite.leaves.size(); ++leaf) {
      if ("mcdc:" + composite.leaves[leaf]->pointer == goal) return impl_->pair_for(composite, leaf);
    }
  }
  return std::nullopt;
}

}  // namespace sfn::testgen
