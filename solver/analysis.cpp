// The analysis: a witness search (under-approximation), local proofs for what it did not reach
// (over-approximation: a Choice's input may be any JSON value), and the findings drawn from both.

#include "solver/analysis.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "analyzer/compiled_state.h"
#include "analyzer/state_graph.h"
#include "solver/catcher_order.h"
#include "solver/choice_encoding.h"
#include "solver/loops.h"
#include "solver/smt.h"
#include "solver/witness_search.h"

namespace sfn::solver {
namespace {

const char* kind_name(GoalKind kind) {
  switch (kind) {
    case GoalKind::State: return "state";
    case GoalKind::ChoiceRule: return "choice-rule";
    case GoalKind::Default: return "default";
    case GoalKind::NoChoiceMatched: return "no-choice-matched";
    case GoalKind::Catch: return "catch";
    case GoalKind::LoopTwice: return "loop";
  }
  return "state";
}

Location location_at(const std::string& pointer, const std::string& state) {
  Location location;
  location.pointer = pointer;
  location.state = state;
  return location;
}

std::string join_words(const std::vector<std::string>& parts) {
  std::string text;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += i + 1 == parts.size() ? " and " : ", ";
    text += parts[i];
  }
  return text;
}

// Locations the machine itself sets: ResultPath targets (catchers' too), and the keys a Pass
// Result or a template places under them. A read of such a location (or of a container of one)
// is "set by the machine".
struct SetLocation {
  std::vector<std::string> location;
  int setter = -1;
};

std::vector<SetLocation> machine_set_locations(const StateMachine& machine, const std::vector<CompiledState>& compiled) {
  std::vector<SetLocation> locations;
  int setter = -1;
  auto base_of = [](const PathField& field) -> std::optional<std::vector<std::string>> {
    if (!field.present) return std::vector<std::string>{};
    if (field.is_null || !field.path || field.path->root != PathRoot::Input) return std::nullopt;
    std::vector<std::string> location;
    for (const PathSegment& segment : field.path->segments) {
      if (segment.kind != PathSegment::Kind::Member) return std::nullopt;
      location.push_back(segment.name);
    }
    return location;
  };
  auto add_keys = [&](const std::vector<std::string>& base, const nlohmann::json* payload, auto& self) -> void {
    if (!payload || !payload->is_object()) return;
    for (const auto& [key, value] : payload->items()) {
      const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
      std::vector<std::string> location = base;
      location.push_back(dynamic ? key.substr(0, key.size() - 2) : key);
      locations.push_back(SetLocation{location, setter});
      if (!dynamic) self(location, &value, self);
    }
  };
  for (std::size_t i = 0; i < machine.states.size(); ++i) {
    const State& state = machine.states[i];
    const CompiledState& fields = compiled[i];
    setter = static_cast<int>(i);
    std::optional<std::vector<std::string>> base = base_of(fields.result_path);
    if (base && (state.type == StateType::Pass || state.type == StateType::Task || state.type == StateType::Parallel ||
                 state.type == StateType::Map)) {
      if (!base->empty()) locations.push_back(SetLocation{*base, setter});
      if (state.type == StateType::Pass) add_keys(*base, fields.result ? fields.result : fields.parameters, add_keys);
      if (state.type != StateType::Pass) add_keys(*base, fields.result_selector, add_keys);
    }
    for (const PathField& catcher : fields.catcher_result_paths) {
      std::optional<std::vector<std::string>> target = base_of(catcher);
      if (target && !target->empty()) locations.push_back(SetLocation{*target, setter});
    }
  }
  return locations;
}

std::string parenthesised(const std::string& text) {
  return !text.empty() && text.front() == '(' ? text : "(" + text + ")";
}

bool is_prefix(const std::vector<std::string>& prefix, const std::vector<std::string>& of) {
  if (prefix.size() > of.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (prefix[i] != of[i]) return false;
  }
  return true;
}

class Analysis {
 public:
  Analysis(const StateMachine& machine, const SolverOptions& options)
      : machine_(machine),
        options_(options),
        compiled_(compile_states(machine)),
        graph_(machine),
        smt_(SmtOptions{options.resource_limit, options.query_timeout_ms, 0}) {}

  SolverReport run() {
    SearchOptions search_options;
    search_options.loop_bound = options_.loop_bound;
    search_options.max_steps = options_.max_steps;
    search_options.max_queries = options_.max_queries;
    // The safety net grows with the machine: on a loaded machine a 5,000-state search needs more
    // than a minute of wall clock for the same (deterministic) query budget.
    search_options.max_seconds = std::max(options_.max_seconds, 0.05 * static_cast<double>(machine_.states.size()));
    facts_ = entry_facts(machine_, compiled_);
    // Rules and Defaults proved impossible first, so the search does not hunt for them.
    search_options.impossible = [this](GoalKind kind, int state, int index) {
      return proof_for(kind, state, index).core.has_value();
    };
    search_ = search_witnesses(machine_, compiled_, graph_, smt_, search_options);
    report_.tests = search_.tests;
    if (search_.stopped) report_.limits.push_back(*search_.stopped);
    for (const std::string& feature : search_.unsupported) report_.limits.push_back("not modelled: " + feature);
    collect_goals();
    prove_choice_goals();
    find_unreachable_states();
    find_read_failures();
    find_unmatched_choices();
    for (SolverFinding& finding : find_unbounded_loops(machine_, compiled_, search_, smt_)) {
      report_.findings.push_back(std::move(finding));
    }
    for (SolverFinding& finding : find_infinite_loops(machine_, compiled_, search_, smt_)) {
      report_.findings.push_back(std::move(finding));
    }
    for (Diagnostic& diagnostic : find_catcher_findings(machine_)) {
      report_.findings.push_back(SolverFinding{std::move(diagnostic), std::nullopt});
    }
    report_.queries = smt_.statistics().queries;
    for (const auto& [name, cost] : smt_.statistics().by_name) {
      report_.query_costs[name] = {{"count", cost.count}, {"seconds", cost.seconds}};
    }
    return std::move(report_);
  }

 private:
  void collect_goals() {
    for (const SearchGoal& found : search_.goals) {
      Goal goal;
      goal.id = found.id;
      goal.kind = kind_name(found.kind);
      goal.pointer = found.pointer;
      goal.state = machine_.states[static_cast<std::size_t>(found.state)].name;
      if (found.test) {
        goal.status = GoalStatus::Covered;
        goal.test = found.test;
      } else {
        goal.reason = search_.stopped ? *search_.stopped
                                      : "the search found no run that reaches it and ends within its bounds (" +
                                            std::to_string(options_.loop_bound) +
                                            " rounds per loop, more for counting loops)";
      }
      report_.goals.push_back(std::move(goal));
    }
  }

  // Choice rules and Defaults with no witness: impossible whatever the Choice's input? If not,
  // impossible given the locations every run holds constant there (the must-analysis)?
  void prove_choice_goals() {
    for (std::size_t i = 0; i < search_.goals.size(); ++i) {
      const SearchGoal& found = search_.goals[i];
      Goal& goal = report_.goals[i];
      if (goal.status != GoalStatus::Unknown) continue;
      if (found.kind != GoalKind::ChoiceRule && found.kind != GoalKind::Default &&
          found.kind != GoalKind::NoChoiceMatched) {
        continue;
      }
      const State& state = machine_.states[static_cast<std::size_t>(found.state)];
      const Proof& proof = proof_for(found.kind, found.state, found.index);
      if (!proof.reason.empty()) goal.reason = proof.reason;
      std::optional<nlohmann::json> core = proof.core;
      const std::string& given = proof.given;
      if (!core) continue;
      goal.status = GoalStatus::Impossible;
      goal.proof = nlohmann::json{{"kind", "proof"}, {"core", *core}};
      goal.reason.clear();
      if (found.kind == GoalKind::NoChoiceMatched) continue;  // every value matches a rule: good
      Diagnostic diagnostic;
      diagnostic.severity = Severity::Warning;
      diagnostic.location = location_at(found.pointer, state.name);
      diagnostic.evidence = goal.proof;
      std::vector<std::string> reasons;
      for (const nlohmann::json& entry : *core) {
        if (entry["pointer"] != state.pointer) reasons.push_back(entry["text"].get<std::string>());
      }
      const std::string conflict = reasons.size() == 1 ? reasons[0] + " never holds" : join_words(reasons) + " cannot all hold";
      if (found.kind == GoalKind::ChoiceRule) {
        diagnostic.rule = "dead-choice-rule";
        diagnostic.message = "Choices[" + std::to_string(found.index) + "] of '" + state.name +
                             "' can never be the rule taken: " + (given.empty() ? "whatever the input, " : given) +
                             conflict;
      } else {
        diagnostic.rule = "dead-default";
        diagnostic.message = "the Default of '" + state.name + "' is never taken: " +
                             (given.empty() ? "whatever the input, " : given) +
                             "every value matches one of its rules or makes evaluation fail (" + conflict + ")";
      }
      for (const nlohmann::json& entry : *core) {
        if (entry["pointer"] != found.pointer && entry["pointer"] != state.pointer) {
          diagnostic.related.push_back(location_at(entry["pointer"], state.name));
        }
      }
      dead_edges_.insert(found.pointer);
      report_.findings.push_back(SolverFinding{std::move(diagnostic), std::nullopt});
    }
  }

  struct Proof {
    std::optional<nlohmann::json> core;  // set when proved impossible
    std::string given;                   // the constants the proof relied on, in words ("" if none)
    std::string reason;                  // when the solver could not tell
  };

  // Whether a Choice goal is impossible: first for any input, then for any input holding the
  // constants every run holds there. Cached: the search asks first, the findings come after.
  const Proof& proof_for(GoalKind kind, int state_index, int index) {
    const std::string key = std::to_string(static_cast<int>(kind)) + ":" + std::to_string(state_index) + ":" +
                            std::to_string(index);
    auto cached = proofs_.find(key);
    if (cached != proofs_.end()) return cached->second;
    Proof proof;
    const State& state = machine_.states[static_cast<std::size_t>(state_index)];
    SearchGoal found;
    found.kind = kind;
    found.state = state_index;
    found.index = index;
    found.pointer = kind == GoalKind::ChoiceRule ? state.pointer + "/Choices/" + std::to_string(index)
                    : kind == GoalKind::Default  ? state.pointer + "/Default"
                                                 : state.pointer;
    if (kind == GoalKind::ChoiceRule || kind == GoalKind::Default || kind == GoalKind::NoChoiceMatched) {
      proof.core = prove_impossible(found, state, Facts{}, proof.reason);
      const std::optional<Facts> known = relevant_facts(state);
      if (!proof.core && known && !known->empty()) {
        proof.core = prove_impossible(found, state, *known, proof.reason);
        if (proof.core) {
          std::vector<std::string> held;
          for (const auto& [location, value] : *known) {
            std::string text = "$";
            for (const std::string& part : location) text += "." + part;
            held.push_back(text + " is " + value.dump());
            proof.core->push_back({{"pointer", state.pointer},
                                   {"text", "on every run that reaches '" + state.name + "', " + held.back() +
                                                " (set before it and not changed since)"}});
          }
          proof.given = "on every run that reaches it " + join_words(held) + ", so ";
        }
      }
      if (proof.core) proof.reason.clear();
    }
    return proofs_.emplace(key, std::move(proof)).first->second;
  }

  // The facts at a Choice that its rules can see: those overlapping a path one of them reads (the
  // others cannot change a verdict, and would only make every query bigger).
  std::optional<Facts> relevant_facts(const State& state) const {
    const std::optional<Facts>& all = facts_[static_cast<std::size_t>(&state - machine_.states.data())];
    if (!all) return std::nullopt;
    std::vector<std::vector<std::string>> reads;
    std::function<void(const ChoiceRule&)> scan = [&](const ChoiceRule& rule) {
      for (const ChoiceRule& child : rule.children) scan(child);
      for (const std::optional<Path>* path : {&rule.variable_path, &rule.operand_path}) {
        if (!*path || (*path)->root != PathRoot::Input) continue;
        std::vector<std::string> location;
        for (const PathSegment& segment : (*path)->segments) {
          if (segment.kind != PathSegment::Kind::Member) break;
          location.push_back(segment.name);
        }
        reads.push_back(std::move(location));
      }
    };
    for (const ChoiceRule& rule : state.choices) scan(rule);
    Facts relevant;
    for (const auto& [location, value] : *all) {
      for (const std::vector<std::string>& read : reads) {
        if (is_prefix(location, read) || is_prefix(read, location)) {
          relevant[location] = value;
          break;
        }
      }
    }
    return relevant;
  }

  // The unsat core (as pointer/text entries) when the goal cannot happen for any input holding
  // `facts`; nullopt when it can, or when the solver cannot tell (then `reason` says why).
  std::optional<nlohmann::json> prove_impossible(const SearchGoal& found, const State& state, const Facts& facts,
                                                 std::string& reason) {
    SlotTable slots(smt_);
    Documents documents(smt_, slots);
    const NodePtr input = document_with_facts(documents, facts, "the input of '" + state.name + "'");
    Variables variables;
    // The Context Object has its documented members (with unknown values) and no others.
    const NodePtr context = context_object(slots, smt_, slot_node(slots.root("the execution input")));
    ChoiceEncoding encoding = encode_choice_state(state, input, variables, context, documents, EncodingMode::Proof);
    SmtScope scope(smt_);
    for (std::size_t s = 0; s < slots.size(); ++s) {
      for (Term axiom : slots.at(static_cast<int>(s)).axioms) smt_.add(axiom);
    }
    // Assumptions: each earlier rule is not matched (and does not raise), then the goal's own.
    std::vector<Term> assumptions;
    std::vector<nlohmann::json> meanings;
    const std::size_t earlier =
        found.kind == GoalKind::ChoiceRule ? static_cast<std::size_t>(found.index) : state.choices.size();
    for (std::size_t r = 0; r < earlier; ++r) {
      const RuleEncoding& rule = encoding.rules[r];
      assumptions.push_back(smt_.and_(smt_.not_(rule.holds), smt_.not_(rule.raises)));
      meanings.push_back({{"pointer", state.pointer + "/Choices/" + std::to_string(r)},
                          {"text", "Choices[" + std::to_string(r) + "] not matching " +
                                       parenthesised(describe_negated_rule(state.choices[r]))}});
    }
    if (found.kind == GoalKind::ChoiceRule) {
      const RuleEncoding& rule = encoding.rules[static_cast<std::size_t>(found.index)];
      assumptions.push_back(rule.holds);
      meanings.push_back({{"pointer", found.pointer},
                          {"text", "Choices[" + std::to_string(found.index) + "] matching " +
                                       parenthesised(describe_rule(state.choices[static_cast<std::size_t>(found.index)]))}});
    }
    const Answer answer = smt_.check(assumptions, std::string("dead-") + kind_name(found.kind));
    if (answer.verdict == Verdict::Unknown) reason = answer.reason;
    if (answer.verdict != Verdict::Unsat) return std::nullopt;
    nlohmann::json core = nlohmann::json::array();
    for (std::size_t index : answer.core) core.push_back(meanings[index]);
    if (core.empty()) {
      core.push_back({{"pointer", found.pointer}, {"text", "the rules before it"}});
    }
    return core;
  }

  // States every path to which goes through a proved-dead rule or Default (a fixpoint over the
  // scope's edges; Next and Catch edges are always live). Graph-unreachable states are the
  // structural rule's; here only those the graph reaches.
  void find_unreachable_states() {
    if (dead_edges_.empty()) return;
    const std::vector<bool> graph_reachable = graph_.reachable_from_start();
    std::vector<bool> live(machine_.states.size(), false);
    std::vector<int> work;
    auto mark = [&](int state) {
      if (state >= 0 && !live[static_cast<std::size_t>(state)]) {
        live[static_cast<std::size_t>(state)] = true;
        work.push_back(state);
      }
    };
    auto index_of = [&](int scope, const std::string& name) {
      auto found = machine_.scopes[static_cast<std::size_t>(scope)].by_name.find(name);
      return found == machine_.scopes[static_cast<std::size_t>(scope)].by_name.end() ? -1 : found->second;
    };
    if (!machine_.scopes.empty()) mark(index_of(0, machine_.scopes[0].start_at));
    while (!work.empty()) {
      const State& state = machine_.states[static_cast<std::size_t>(work.back())];
      work.pop_back();
      for (const Transition& transition : state.transitions) {
        if ((transition.kind == TransitionKind::ChoiceRule || transition.kind == TransitionKind::Default) &&
            dead_edges_.count(transition.kind == TransitionKind::Default
                                  ? state.pointer + "/Default"
                                  : state.pointer + "/Choices/" + std::to_string(transition.index))) {
          continue;
        }
        mark(index_of(state.scope, transition.target));
      }
      for (int child : state.child_scopes) mark(index_of(child, machine_.scopes[static_cast<std::size_t>(child)].start_at));
    }
    // Every goal of a state no live edge reaches is impossible too (its rules, Default, catchers).
    for (std::size_t k = 0; k < search_.goals.size(); ++k) {
      const std::size_t state = static_cast<std::size_t>(search_.goals[k].state);
      if (live[state] || !graph_reachable[state] || report_.goals[k].status != GoalStatus::Unknown) continue;
      report_.goals[k].status = GoalStatus::Impossible;
      report_.goals[k].reason.clear();
      report_.goals[k].proof = nlohmann::json{
          {"kind", "proof"},
          {"core", nlohmann::json::array({{{"pointer", machine_.states[state].pointer},
                                            {"text", "'" + machine_.states[state].name +
                                                         "' can never run: every way into it is never taken"}}})}};
    }
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      if (live[i] || !graph_reachable[i]) continue;
      const State& state = machine_.states[i];
      const int owner = machine_.scopes[static_cast<std::size_t>(state.scope)].parent_state;
      if (owner >= 0 && !live[static_cast<std::size_t>(owner)]) continue;  // reported for the owner
      // Report only the first states cut off (those with a dead edge in), not everything after them.
      bool entered_by_dead_edge = false;
      nlohmann::json core = nlohmann::json::array();
      for (std::size_t j = 0; j < machine_.states.size(); ++j) {
        const State& from = machine_.states[j];
        if (!live[j] || from.scope != state.scope) continue;
        for (const Transition& transition : from.transitions) {
          if (transition.target != state.name) continue;
          const std::string pointer = transition.kind == TransitionKind::Default
                                          ? from.pointer + "/Default"
                                          : from.pointer + "/Choices/" + std::to_string(transition.index);
          if (dead_edges_.count(pointer)) {
            entered_by_dead_edge = true;
            core.push_back({{"pointer", pointer}, {"text", "'" + from.name + "' never takes this transition"}});
          }
        }
      }
      if (!entered_by_dead_edge) continue;
      Diagnostic diagnostic;
      diagnostic.rule = "unreachable-state";
      diagnostic.severity = Severity::Warning;
      diagnostic.location = location_at(state.pointer, state.name);
      diagnostic.message = "'" + state.name + "' can never run: every transition into it is one that is never taken";
      diagnostic.evidence = nlohmann::json{{"kind", "proof"}, {"core", core}};
      report_.findings.push_back(SolverFinding{std::move(diagnostic), std::nullopt});
    }
  }

  // no-choice-matched: a Choice without Default that a witness run leaves with no rule matched.
  void find_unmatched_choices() {
    for (const SearchGoal& found : search_.goals) {
      if (found.kind != GoalKind::NoChoiceMatched || !found.test) continue;
      const State& state = machine_.states[static_cast<std::size_t>(found.state)];
      Diagnostic diagnostic;
      diagnostic.rule = "no-choice-matched";
      diagnostic.severity = Severity::Warning;
      diagnostic.location = location_at(state.pointer, state.name);
      diagnostic.message = "'" + state.name + "' has no Default, and a reachable input matches none of its " +
                           std::to_string(state.choices.size()) +
                           " rules: the run fails with States.NoChoiceMatched (add a Default, or a rule for it)";
      diagnostic.evidence = nlohmann::json{{"kind", "witness"}, {"test", report_.tests[*found.test]}};
      report_.findings.push_back(SolverFinding{std::move(diagnostic), found.test});
    }
  }

  // missing-path and use-before-write: runs that raised States.Runtime at a read.
  void find_read_failures() {
    const std::vector<SetLocation> set_locations = machine_set_locations(machine_, compiled_);
    std::set<std::string> reported;
    for (const RaiseWitness& raise : search_.raises) {
      if (raise.location.empty() || raise.path_text.empty() || raise.path_text[0] != '$' ||
          (raise.path_text.size() > 1 && raise.path_text[1] == '$')) {
        continue;
      }
      const State& state = machine_.states[static_cast<std::size_t>(raise.state)];
      const std::string key = state.pointer + "|" + raise.path_text;
      if (!reported.insert(key).second) continue;
      // Set by the machine: a state other than the reader sets it (or a location inside it), and a
      // run can go from that state to the reader, so the machine means to set it before the read.
      std::vector<std::string> setters;
      bool set_earlier_on_this_run = false;
      for (const SetLocation& set : set_locations) {
        if (!is_prefix(raise.location, set.location) || set.setter == raise.state) continue;
        if (!can_reach(set.setter, raise.state, raise.location)) continue;
        // A set that ran before the read on this run, later overwritten by an unknown value, makes
        // it no use before a write (the value was lost, not never written).
        if (std::find(raise.completed.begin(), raise.completed.end(), set.setter) != raise.completed.end()) {
          set_earlier_on_this_run = true;
        }
        const std::string name = "'" + machine_.states[static_cast<std::size_t>(set.setter)].name + "'";
        if (std::find(setters.begin(), setters.end(), name) == setters.end()) setters.push_back(name);
      }
      if (set_earlier_on_this_run) continue;
      const bool set_by_machine = !setters.empty();
      Diagnostic diagnostic;
      diagnostic.severity = Severity::Warning;
      diagnostic.location = location_at(state.pointer, state.name);
      const std::string where = raise.field.empty() ? "" : " (" + raise.field + ")";
      if (set_by_machine) {
        diagnostic.rule = "use-before-write";
        diagnostic.message = "'" + state.name + "' reads " + raise.path_text + where +
                             " before any state sets it" +
                             (setters.empty() ? std::string() : " (" + join_words(setters) + " sets it)") +
                             ", so the execution fails with States.Runtime";
        if (!raise.read.opaque_origin.empty() && raise.read.opaque_origin != "the execution input") {
          diagnostic.message += "; this assumes " + raise.read.opaque_origin + " does not carry it";
        } else if (raise.read.opaque_origin == "the execution input") {
          diagnostic.message += "; this assumes the execution input does not carry it";
        }
      } else if (raise.read.statically_missing) {
        diagnostic.rule = "missing-path";
        diagnostic.message = "'" + state.name + "' reads " + raise.path_text + where +
                             ", which is absent on this run whatever the input and Task results: its container was "
                             "built from known data; the execution fails with States.Runtime";
      } else {
        continue;  // a path the machine never sets: assumed supplied by the input or the tasks
      }
      diagnostic.evidence = nlohmann::json{{"kind", "witness"}, {"test", report_.tests[raise.test]}};
      report_.findings.push_back(SolverFinding{std::move(diagnostic), raise.test});
    }
  }

  // Whether a state replaces `location` (or a container of it) with a value of its own: a
  // ResultPath at or above it (no ResultPath: the whole document), or an OutputPath reshaping.
  bool overwrites(int index, const std::vector<std::string>& location) const {
    const State& state = machine_.states[static_cast<std::size_t>(index)];
    const CompiledState& fields = compiled_[static_cast<std::size_t>(index)];
    if (fields.output_path.present && !(fields.output_path.path && fields.output_path.path->segments.empty())) {
      return true;
    }
    if (state.type != StateType::Task && state.type != StateType::Pass && state.type != StateType::Parallel &&
        state.type != StateType::Map) {
      return false;
    }
    if (fields.result_path.is_null) return false;
    if (!fields.result_path.present || !fields.result_path.path) return true;
    std::vector<std::string> target;
    for (const PathSegment& segment : fields.result_path.path->segments) {
      if (segment.kind != PathSegment::Kind::Member) return true;
      target.push_back(segment.name);
    }
    return is_prefix(target, location);
  }

  // Whether a run can go from `from` to `to` keeping what `from` wrote at `location`: no state on
  // the way overwrites it (same scope: the transition graph; different scopes: assumed yes).
  bool can_reach(int from, int to, const std::vector<std::string>& location) const {
    const State& a = machine_.states[static_cast<std::size_t>(from)];
    const State& b = machine_.states[static_cast<std::size_t>(to)];
    if (a.scope != b.scope) return true;
    std::vector<bool> seen(machine_.states.size(), false);
    std::vector<int> work{from};
    while (!work.empty()) {
      const int state = work.back();
      work.pop_back();
      for (int next : graph_.successors(state)) {
        if (next == to) return true;
        if (!seen[static_cast<std::size_t>(next)] && !overwrites(next, location)) {
          seen[static_cast<std::size_t>(next)] = true;
          work.push_back(next);
        }
      }
    }
    return false;
  }

  const StateMachine& machine_;
  SolverOptions options_;
  std::vector<CompiledState> compiled_;
  StateGraph graph_;
  Smt smt_;
  SearchResult search_;
  SolverReport report_;
  std::set<std::string> dead_edges_;
  std::vector<std::optional<Facts>> facts_;
  std::map<std::string, Proof> proofs_;
};

}  // namespace

SolverReport analyze_machine(const StateMachine& machine, const SolverOptions& options) {
  Analysis analysis(machine, options);
  return analysis.run();
}

}  // namespace sfn::solver
