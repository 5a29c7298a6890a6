// unbounded-loop: a loop that can go round for ever because nothing it does counts towards its end.

#include "solver/loops.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/value_syntax.h"
#include "solver/choice_encoding.h"
#include "solver/symbolic.h"

namespace sfn::solver {
namespace {

// What one state of the cycle writes into the document, as locations from its root.
struct Write {
  std::vector<std::string> location;  // empty: the whole document
  bool from_task = false;             // a fresh Task result each round
  std::string state;
};

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(n), b.begin());
}

std::optional<std::vector<std::string>> members_of(const Path& path) {
  if (path.root != PathRoot::Input) return std::nullopt;
  std::vector<std::string> location;
  for (const PathSegment& segment : path.segments) {
    if (segment.kind == PathSegment::Kind::Member) {
      location.push_back(segment.name);
    } else if (segment.kind == PathSegment::Kind::Index) {
      location.push_back("[" + std::to_string(segment.index) + "]");
    } else {
      return std::nullopt;
    }
  }
  return location;
}

// The writes of the cycle's states; nullopt when a state reshapes the document in a way not
// followed here (InputPath/OutputPath, Assign, ...), which rules the finding out.
std::optional<std::vector<Write>> cycle_writes(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                               const std::vector<int>& cycle) {
  std::vector<Write> writes;
  for (int index : cycle) {
    const State& state = machine.states[static_cast<std::size_t>(index)];
    const CompiledState& fields = compiled[static_cast<std::size_t>(index)];
    auto reshapes = [](const PathField& field) { return field.present && !(field.path && field.path->segments.empty()); };
    if (reshapes(fields.input_path) || reshapes(fields.output_path) || fields.assign) return std::nullopt;
    if (!fields.catcher_result_paths.empty() || !fields.catcher_assigns.empty()) {
      for (std::size_t c = 0; c < state.catch_.size(); ++c) {
        // A catcher that leaves the cycle writes nothing the next round reads.
        auto target = machine.scopes[static_cast<std::size_t>(state.scope)].by_name.find(state.catch_[c].next);
        if (target == machine.scopes[static_cast<std::size_t>(state.scope)].by_name.end() ||
            std::find(cycle.begin(), cycle.end(), target->second) == cycle.end()) {
          continue;
        }
        const PathField& field = c < fields.catcher_result_paths.size() ? fields.catcher_result_paths[c] : PathField{};
        if (field.is_null) continue;
        std::optional<std::vector<std::string>> location =
            field.path ? members_of(*field.path) : std::optional<std::vector<std::string>>{};
        if (!field.present) location = std::vector<std::string>{};
        if (!location) return std::nullopt;
        writes.push_back(Write{*location, false, state.name});
      }
    }
    switch (state.type) {
      case StateType::Task:
      case StateType::Pass:
      case StateType::Parallel:
      case StateType::Map: {
        if (fields.result_path.is_null) break;
        std::optional<std::vector<std::string>> location = std::vector<std::string>{};
        if (fields.result_path.present && fields.result_path.path) location = members_of(*fields.result_path.path);
        if (!location) return std::nullopt;
        writes.push_back(Write{*location, state.type == StateType::Task, state.name});
        break;
      }
      default: break;
    }
  }
  return writes;
}

// The leaf data tests of a rule, in order.
void collect_atoms(const ChoiceRule& rule, std::vector<const ChoiceRule*>& atoms) {
  if (rule.op == ChoiceOperator::And || rule.op == ChoiceOperator::Or || rule.op == ChoiceOperator::Not) {
    for (const ChoiceRule& child : rule.children) collect_atoms(child, atoms);
    return;
  }
  atoms.push_back(&rule);
}

}  // namespace

std::vector<SolverFinding> find_unbounded_loops(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                                const SearchResult& search, Smt& smt) {
  std::vector<SolverFinding> findings;
  for (const SearchGoal& goal : search.goals) {
    if (goal.kind != GoalKind::LoopTwice || !goal.test) continue;
    const std::vector<int>& cycle = search.cycles[static_cast<std::size_t>(goal.index)];
    const std::set<int> members(cycle.begin(), cycle.end());
    std::optional<std::vector<Write>> writes = cycle_writes(machine, compiled, cycle);
    if (!writes) continue;

    // The entry: the first member (in document order) that a state outside the cycle moves to.
    int entry = cycle.front();
    for (const State& state : machine.states) {
      const int from = static_cast<int>(&state - machine.states.data());
      if (members.count(from)) continue;
      bool found = false;
      for (const Transition& transition : state.transitions) {
        auto target = machine.scopes[static_cast<std::size_t>(state.scope)].by_name.find(transition.target);
        if (target != machine.scopes[static_cast<std::size_t>(state.scope)].by_name.end() &&
            members.count(target->second)) {
          entry = target->second;
          found = true;
          break;
        }
      }
      if (found) break;
    }
    // The cycle's states in the order a round visits them: edges back into the entry removed, a
    // topological order (ties in document order); states on inner cycles follow in document order.
    std::vector<int> ordered;
    {
      std::map<int, int> incoming;
      std::map<int, std::vector<int>> next;
      for (int index : cycle) incoming[index] = 0;
      for (int index : cycle) {
        const State& state = machine.states[static_cast<std::size_t>(index)];
        std::set<int> targets;
        for (const Transition& transition : state.transitions) {
          auto target = machine.scopes[static_cast<std::size_t>(state.scope)].by_name.find(transition.target);
          if (target == machine.scopes[static_cast<std::size_t>(state.scope)].by_name.end()) continue;
          if (members.count(target->second) && target->second != entry) targets.insert(target->second);
        }
        for (int target : targets) {
          next[index].push_back(target);
          ++incoming[target];
        }
      }
      std::set<int> ready{entry};
      std::set<int> placed;
      while (!ready.empty()) {
        const int index = *ready.begin();
        ready.erase(ready.begin());
        ordered.push_back(index);
        placed.insert(index);
        for (int target : next[index]) {
          if (--incoming[target] == 0) ready.insert(target);
        }
      }
      for (int index : cycle) {
        if (!placed.count(index)) ordered.push_back(index);
      }
    }

    // The conditions that keep a run in the cycle, and the data tests they are made of.
    SlotTable slots(smt);
    Documents documents(smt, slots);
    const NodePtr state_of_loop = slot_node(slots.root("the loop's state"));
    const NodePtr context = slot_node(slots.root("the Context Object"));
    Variables variables;
    std::vector<Term> staying;
    std::vector<const ChoiceRule*> atoms;
    bool has_choice = false;
    for (int index : ordered) {
      const State& state = machine.states[static_cast<std::size_t>(index)];
      if (state.type != StateType::Choice) continue;
      has_choice = true;
      auto in_cycle = [&](const std::string& name) {
        auto found = machine.scopes[static_cast<std::size_t>(state.scope)].by_name.find(name);
        return found != machine.scopes[static_cast<std::size_t>(state.scope)].by_name.end() &&
               members.count(found->second) > 0;
      };
      ChoiceEncoding encoding =
          encode_choice_state(state, state_of_loop, variables, context, documents, EncodingMode::Witness);
      std::vector<Term> stays;
      for (std::size_t r = 0; r < state.choices.size(); ++r) {
        if (in_cycle(state.choices[r].next)) stays.push_back(encoding.taken[r]);
        collect_atoms(state.choices[r], atoms);
      }
      if (state.default_target && in_cycle(*state.default_target)) stays.push_back(encoding.none_matched);
      staying.push_back(smt.or_(stays));
    }
    if (!has_choice) continue;  // a loop with no decision at all never ends: not this rule's case

    // (2) Every value those conditions read is a fresh Task result or never written in the loop.
    bool depends_only_on_tasks = true;
    std::vector<std::string> sources;
    std::set<std::string> seen_reads;
    for (const ChoiceRule* atom : atoms) {
      std::vector<const Path*> paths;
      if (atom->variable_path) paths.push_back(&*atom->variable_path);
      if (atom->operand_path) paths.push_back(&*atom->operand_path);
      for (const Path* path : paths) {
        std::optional<std::vector<std::string>> location = members_of(*path);
        if (!location) {
          depends_only_on_tasks = false;
          break;
        }
        std::vector<std::string> fresh_from;
        for (const Write& write : *writes) {
          if (!overlaps(write.location, *location)) continue;
          if (!write.from_task) depends_only_on_tasks = false;
          if (std::find(fresh_from.begin(), fresh_from.end(), write.state) == fresh_from.end()) {
            fresh_from.push_back(write.state);
          }
        }
        if (!seen_reads.insert(path->text).second) continue;
        if (fresh_from.empty()) {
          sources.push_back(path->text + " is never written in the loop");
        } else {
          std::string names;
          for (const std::string& name : fresh_from) names += (names.empty() ? "'" : ", '") + name + "'";
          sources.push_back(path->text + " comes from what " + names + " returns each round");
        }
      }
    }
    if (!depends_only_on_tasks) continue;

    // The staying condition in words: the fewest data-test literals it implies that imply it back.
    SmtScope scope(smt);
    for (std::size_t s = 0; s < slots.size(); ++s) {
      for (Term axiom : slots.at(static_cast<int>(s)).axioms) smt.add(axiom);
    }
    const Term condition = smt.and_(staying);
    struct Literal {
      Term term;
      std::string text;
    };
    std::vector<Literal> literals;
    std::set<std::string> described;
    for (const ChoiceRule* atom : atoms) {
      const std::string text = describe_rule(*atom);
      if (!described.insert(text).second) continue;
      RuleEncoding encoding =
          encode_choice_rule(*atom, state_of_loop, variables, context, documents, EncodingMode::Witness, "atom");
      const Term holds = encoding.holds;
      const Term fails = smt.and_(smt.not_(encoding.holds), smt.not_(encoding.raises));
      if (smt.check({condition, smt.not_(holds)}, "loop-literal").verdict == Verdict::Unsat) {
        literals.push_back(Literal{holds, describe_rule(*atom)});
      } else if (smt.check({condition, smt.not_(fails)}, "loop-literal").verdict == Verdict::Unsat) {
        literals.push_back(Literal{fails, describe_negated_rule(*atom)});
      }
    }
    for (std::size_t s = 0; s < slots.size(); ++s) {  // atoms may have added slots
      for (Term axiom : slots.at(static_cast<int>(s)).axioms) smt.add(axiom);
    }
    for (std::size_t i = 0; i < literals.size();) {
      std::vector<Term> others;
      for (std::size_t j = 0; j < literals.size(); ++j) {
        if (j != i) others.push_back(literals[j].term);
      }
      others.push_back(smt.not_(literals[i].term));
      if (literals.size() > 1 && smt.check(others, "loop-redundant").verdict == Verdict::Unsat) {
        literals.erase(literals.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
    std::vector<Term> kept;
    for (const Literal& literal : literals) kept.push_back(literal.term);
    kept.push_back(smt.not_(condition));
    const bool exact = !literals.empty() && smt.check(kept, "loop-equivalent").verdict == Verdict::Unsat;

    std::vector<std::string> words;
    for (const Literal& literal : literals) words.push_back(literal.text);
    std::string while_text;
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (i > 0) while_text += i + 1 == words.size() ? " and " : ", ";
      while_text += words[i];
    }
    if (!exact) while_text = "the decisions of its Choice states keep it in the loop";

    const State& entry_state = machine.states[static_cast<std::size_t>(entry)];
    Diagnostic diagnostic;
    diagnostic.rule = "unbounded-loop";
    diagnostic.severity = machine.timeout_seconds ? Severity::Note : Severity::Warning;
    diagnostic.location.pointer = entry_state.pointer;
    diagnostic.location.state = entry_state.name;
    std::vector<std::string> names;
    for (int index : ordered) {
      const State& state = machine.states[static_cast<std::size_t>(index)];
      names.push_back("'" + state.name + "'");
      if (index != entry) {
        Location related;
        related.pointer = state.pointer;
        related.state = state.name;
        diagnostic.related.push_back(related);
      }
    }
    std::string loop_names;
    for (std::size_t i = 0; i < names.size(); ++i) {
      loop_names += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    }
    diagnostic.message = "the loop through " + loop_names + " keeps going round while " + while_text +
                         "; those conditions depend only on Task results and on values the loop never writes, so "
                         "nothing it does brings it closer to an end (a run went round twice)";
    if (diagnostic.severity == Severity::Note) {
      diagnostic.message += "; the machine's TimeoutSeconds ends it";
    }
    nlohmann::json conditions = nlohmann::json::array();
    for (const std::string& word : words) conditions.push_back(word);
    diagnostic.evidence = nlohmann::json{{"kind", "recurrence"},
                                         {"conditions", conditions},
                                         {"conditions_exact", exact},
                                         {"reads", sources},
                                         {"test", search.tests[*goal.test]}};
    findings.push_back(SolverFinding{std::move(diagnostic), goal.test});
  }
  return findings;
}

}  // namespace sfn::solver

namespace sfn::solver {
namespace {

void clear_overlapping(Facts& facts, const std::vector<std::string>& location) {
  for (auto it = facts.begin(); it != facts.end();) {
    it = overlaps(it->first, location) ? facts.erase(it) : std::next(it);
  }
}

// A template without any dynamic part is a constant.
bool is_constant_template(const nlohmann::json& payload) {
  if (payload.is_object()) {
    for (const auto& [key, value] : payload.items()) {
      if (key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0) return false;
      if (!is_constant_template(value)) return false;
    }
  }
  if (payload.is_array()) {
    for (const auto& value : payload) {
      if (!is_constant_template(value)) return false;
    }
  }
  return true;
}

bool has_placeholder(const nlohmann::json& value) {
  if (value.is_string()) return contains_placeholder(value.get_ref<const std::string&>());
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      if (contains_placeholder(key) || has_placeholder(member)) return true;
    }
  }
  if (value.is_array()) {
    for (const auto& member : value) {
      if (has_placeholder(member)) return true;
    }
  }
  return false;
}

bool reshapes(const PathField& field) { return field.present && !(field.path && field.path->segments.empty()); }

// Where a ResultPath writes: nullopt for "nowhere" (null), an empty location for the whole
// document, or a member location; a form not followed here is treated as the whole document.
std::optional<std::vector<std::string>> write_target(const PathField& field) {
  if (field.is_null) return std::nullopt;
  if (!field.present || !field.path) return std::vector<std::string>{};
  std::optional<std::vector<std::string>> location = members_of(*field.path);
  return location ? *location : std::vector<std::string>{};
}

// The facts after a state, on its normal (non-Catch) edges.
Facts after_state(const State& state, const CompiledState& fields, Facts facts) {
  if (reshapes(fields.input_path) || reshapes(fields.output_path)) return {};
  switch (state.type) {
    case StateType::Pass: {
      std::optional<std::vector<std::string>> target = write_target(fields.result_path);
      if (!target) return facts;
      const nlohmann::json* constant = fields.result;
      if (!constant && fields.parameters && is_constant_template(*fields.parameters)) constant = fields.parameters;
      if (!constant && !fields.parameters) {
        // No Result or Parameters: the (effective) input is the result; without InputPath that
        // is the document, so writing it at a location keeps nothing we can name cheaply.
        clear_overlapping(facts, *target);
        return target->empty() ? facts : facts;
      }
      if (target->empty()) facts.clear();
      clear_overlapping(facts, *target);
      // A ${...} placeholder is filled in at deployment: such a constant is not a known value.
      if (constant && !has_placeholder(*constant)) facts[*target] = *constant;
      return facts;
    }
    case StateType::Task:
    case StateType::Parallel:
    case StateType::Map: {
      std::optional<std::vector<std::string>> target = write_target(fields.result_path);
      if (!target) return facts;
      if (target->empty()) return {};
      clear_overlapping(facts, *target);
      return facts;
    }
    default: return facts;
  }
}

Facts after_catch(const CompiledState& fields, std::size_t index, Facts facts) {
  if (reshapes(fields.input_path)) return {};
  const PathField field = index < fields.catcher_result_paths.size() ? fields.catcher_result_paths[index] : PathField{};
  std::optional<std::vector<std::string>> target = write_target(field);
  if (!target) return facts;
  if (target->empty()) return {};
  clear_overlapping(facts, *target);
  return facts;
}

Facts intersect(const Facts& a, const Facts& b) {
  Facts both;
  for (const auto& [location, value] : a) {
    auto found = b.find(location);
    if (found != b.end() && found->second == value) both[location] = value;
  }
  return both;
}

}  // namespace

std::vector<std::optional<Facts>> entry_facts(const StateMachine& machine, const std::vector<CompiledState>& compiled) {
  std::vector<std::optional<Facts>> facts(machine.states.size());
  std::vector<int> work;
  for (const Scope& scope : machine.scopes) {
    auto start = scope.by_name.find(scope.start_at);
    if (start == scope.by_name.end()) continue;
    facts[static_cast<std::size_t>(start->second)] = Facts{};  // a scope's input: nothing known
    work.push_back(start->second);
  }
  auto flow = [&](int target, const Facts& incoming) {
    std::optional<Facts>& current = facts[static_cast<std::size_t>(target)];
    Facts merged = current ? intersect(*current, incoming) : incoming;
    if (!current || merged != *current) {
      current = std::move(merged);
      work.push_back(target);
    }
  };
  while (!work.empty()) {
    const int index = work.back();
    work.pop_back();
    const State& state = machine.states[static_cast<std::size_t>(index)];
    const CompiledState& fields = compiled[static_cast<std::size_t>(index)];
    const Scope& scope = machine.scopes[static_cast<std::size_t>(state.scope)];
    const Facts in = *facts[static_cast<std::size_t>(index)];
    const Facts out = after_state(state, fields, in);
    for (const Transition& transition : state.transitions) {
      auto target = scope.by_name.find(transition.target);
      if (target == scope.by_name.end()) continue;
      if (transition.kind == TransitionKind::Catch) {
        flow(target->second, after_catch(fields, static_cast<std::size_t>(transition.index), in));
      } else {
        flow(target->second, out);
      }
    }
  }
  return facts;
}

NodePtr document_with_facts(Documents& documents, const Facts& facts, const std::string& origin) {
  NodePtr document = slot_node(documents.slots().root(origin));
  for (const auto& [location, value] : facts) {
    if (location.empty()) {
      document = known_node(value);
      continue;
    }
    Path path;
    for (const std::string& member : location) {
      PathSegment segment;
      segment.kind = PathSegment::Kind::Member;
      segment.name = member;
      path.segments.push_back(segment);
    }
    document = documents.write(document, path, known_node(value), "").document;
  }
  return document;
}

namespace {

std::string location_text(const std::vector<std::string>& location) {
  std::string text = "$";
  for (const std::string& part : location) text += part.front() == '[' ? part : "." + part;
  return text;
}

}  // namespace

std::vector<SolverFinding> find_infinite_loops(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                               const SearchResult& search, Smt& smt) {
  std::vector<SolverFinding> findings;
  const std::vector<std::optional<Facts>> facts = entry_facts(machine, compiled);
  for (std::size_t number = 0; number < search.cycles.size(); ++number) {
    const std::vector<int>& cycle = search.cycles[number];
    const std::set<int> members(cycle.begin(), cycle.end());
    const Scope& scope = machine.scopes[static_cast<std::size_t>(machine.states[static_cast<std::size_t>(cycle.front())].scope)];
    // Every exit must be a Choice rule or Default; anything else (End, Succeed, a Next or Catch out
    // of the cycle) can always be taken.
    bool only_choice_exits = true;
    struct Exit {
      int state;
      int rule;  // -1: Default
    };
    std::vector<Exit> exits;
    for (int index : cycle) {
      const State& state = machine.states[static_cast<std::size_t>(index)];
      if (state.type == StateType::Succeed || (state.is_end && state.type != StateType::Fail)) only_choice_exits = false;
      for (const Transition& transition : state.transitions) {
        auto target = scope.by_name.find(transition.target);
        const bool leaves = target == scope.by_name.end() || !members.count(target->second);
        if (!leaves) continue;
        if (transition.kind == TransitionKind::ChoiceRule) {
          exits.push_back(Exit{index, transition.index});
        } else if (transition.kind == TransitionKind::Default) {
          exits.push_back(Exit{index, -1});
        } else {
          only_choice_exits = false;
        }
      }
    }
    if (!only_choice_exits) continue;
    // Its entry must be reached by the must-analysis (a graph path from StartAt).
    if (!facts[static_cast<std::size_t>(cycle.front())]) continue;

    bool all_impossible = true;
    nlohmann::json core = nlohmann::json::array();
    std::set<std::vector<std::string>> used_facts;
    for (const Exit& exit : exits) {
      const State& state = machine.states[static_cast<std::size_t>(exit.state)];
      const std::optional<Facts>& known = facts[static_cast<std::size_t>(exit.state)];
      if (!known || known->empty()) {
        all_impossible = false;
        break;
      }
      SlotTable slots(smt);
      Documents documents(smt, slots);
      const NodePtr document = document_with_facts(documents, *known, "the input of '" + state.name + "'");
      Variables variables;
      const NodePtr context = slot_node(slots.root("the Context Object"));
      ChoiceEncoding encoding = encode_choice_state(state, document, variables, context, documents, EncodingMode::Proof);
      SmtScope scope_guard(smt);
      for (std::size_t s = 0; s < slots.size(); ++s) {
        for (Term axiom : slots.at(static_cast<int>(s)).axioms) smt.add(axiom);
      }
      const Term exit_taken = exit.rule >= 0 ? encoding.taken[static_cast<std::size_t>(exit.rule)] : encoding.none_matched;
      const Answer answer = smt.check({exit_taken}, "infinite-loop-exit");
      if (answer.verdict != Verdict::Unsat) {
        all_impossible = false;
        break;
      }
      const std::string pointer =
          exit.rule >= 0 ? state.pointer + "/Choices/" + std::to_string(exit.rule) : state.pointer + "/Default";
      core.push_back({{"pointer", pointer},
                      {"text", exit.rule >= 0 ? "'" + state.name + "' leaves the loop only when " +
                                                    describe_rule(state.choices[static_cast<std::size_t>(exit.rule)])
                                              : "'" + state.name + "' leaves the loop by its Default only when no rule matches"}});
      for (const auto& [location, value] : *known) used_facts.insert(location);
    }
    if (!all_impossible || exits.empty()) continue;
    const std::optional<Facts>& any_facts = facts[static_cast<std::size_t>(exits.front().state)];
    std::vector<std::string> invariant;
    for (const std::vector<std::string>& location : used_facts) {
      const std::string text = location_text(location) + " is " + any_facts->at(location).dump();
      invariant.push_back(text);
      core.push_back({{"pointer", machine.states[static_cast<std::size_t>(exits.front().state)].pointer},
                      {"text", "on entry and in every round, " + text + " (nothing in the loop changes it)"}});
    }
    // Named from its entry: the first member (in document order) a state outside the cycle moves to.
    int entry = cycle.front();
    for (const State& outside : machine.states) {
      const int from = static_cast<int>(&outside - machine.states.data());
      if (members.count(from) || outside.scope != machine.states[static_cast<std::size_t>(entry)].scope) continue;
      bool found = false;
      for (const Transition& transition : outside.transitions) {
        auto target = scope.by_name.find(transition.target);
        if (target != scope.by_name.end() && members.count(target->second)) {
          entry = target->second;
          found = true;
          break;
        }
      }
      if (found) break;
    }
    std::vector<int> ordered{entry};
    for (int index : cycle) {
      if (index != entry) ordered.push_back(index);
    }
    const State& first = machine.states[static_cast<std::size_t>(entry)];
    Diagnostic diagnostic;
    diagnostic.rule = "infinite-loop";
    diagnostic.severity = Severity::Error;
    diagnostic.location.pointer = first.pointer;
    diagnostic.location.state = first.name;
    std::string names;
    for (std::size_t i = 0; i < ordered.size(); ++i) {
      const State& state = machine.states[static_cast<std::size_t>(ordered[i])];
      names += (i == 0 ? "'" : i + 1 == ordered.size() ? " and '" : ", '") + state.name + "'";
      if (i > 0) {
        Location related;
        related.pointer = state.pointer;
        related.state = state.name;
        diagnostic.related.push_back(related);
      }
    }
    std::string held;
    for (std::size_t i = 0; i < invariant.size(); ++i) held += (i == 0 ? "" : " and ") + invariant[i];
    diagnostic.message = "the loop through " + names + " can never end: " + held +
                         " whenever it runs, and none of its exits can be taken then (only an error or the "
                         "execution's limits stop it)";
    diagnostic.evidence = nlohmann::json{{"kind", "proof"}, {"core", core}};
    findings.push_back(SolverFinding{std::move(diagnostic), std::nullopt});
  }
  return findings;
}

}  // namespace sfn::solver
