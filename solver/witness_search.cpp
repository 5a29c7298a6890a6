// Bounded symbolic execution for witnesses. The data flow of each state follows the interpreter
// (interpreter/state_steps.cpp, map_step.cpp); every run found is a test that the caller replays.

#include "solver/witness_search.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <set>

#include "analyzer/value_syntax.h"
#include "solver/choice_encoding.h"

namespace sfn::solver {

bool error_equals_catches(const std::vector<std::string>& error_equals, const std::string& error) {
  if (error == "States.Runtime") return false;
  const bool timeout = error == "States.Timeout" || error == "States.HeartbeatTimeout";
  for (const std::string& pattern : error_equals) {
    if (pattern == "States.ALL" || pattern == error) return true;
    if (pattern == "States.Timeout" && error == "States.HeartbeatTimeout") return true;
    if (pattern == "States.TaskFailed" && !timeout) return true;
  }
  return false;
}

namespace {

using Clock = std::chrono::steady_clock;

struct TaskCall {
  std::string state;
  int result_slot = -1;              // a Return built from the model
  std::optional<std::string> error;  // or a Throw of this error
  int times = 1;                     // a Throw repeated for each retry
  int cause_slot = -1;               // the Throw's Cause, when the model gives one
};

struct Frame {
  int owner = -1;  // the Parallel or Map state
  NodePtr raw_input, effective_input;
  Variables outer_variables;
  std::size_t next = 0;   // Parallel: next branch; Map: next item
  std::size_t count = 0;  // Map: number of items
  NodePtr items;
  std::vector<NodePtr> outputs;
};

enum class MoveKind { Next, ScopeEnd, Fail, FinishOwner };

struct Move {
  Term condition;
  MoveKind kind = MoveKind::Next;
  const std::string* target = nullptr;  // Next: a state of the current scope
  NodePtr output;
  std::optional<Variables> variables;   // when the move assigns
  std::string error;                    // Fail
  bool error_known = true;
  bool runtime = false;                 // Fail with States.Runtime: nothing catches it
  std::vector<int> goals;
  std::vector<TaskCall> calls;
  std::optional<RaiseWitness> raise;    // Fail at a read
  bool caught = false;                  // a catcher's move: the state failed and wrote nothing
  std::optional<Frame> push_frame;      // Parallel/Map: enter the first branch or item
  int enter_scope = -1;
  std::size_t map_item_count = 0;
};

struct PathState {
  int at = -1;                // state to enter; -1 when finishing the top frame's owner
  NodePtr input;
  Variables variables;
  std::vector<Frame> frames;
  std::vector<std::string> path;
  std::vector<TaskCall> calls;
  std::vector<int> visits;
  std::vector<int> completed;  // states that finished normally (their writes happened), in order
  std::size_t steps = 0;
  std::size_t synced_slots = 0;  // slots whose axioms are asserted in the current solver scope
  std::vector<int> pending;      // goals met on this run, covered once it ends
  std::vector<int> roots;        // slot roots a witness must give values for
};

enum class EndStatus { Succeeded, Failed };

class Search {
 public:
  Search(const StateMachine& machine, const std::vector<CompiledState>& compiled, const StateGraph& graph, Smt& smt,
         const SearchOptions& options)
      : machine_(machine), compiled_(compiled), graph_(graph), smt_(smt), slots_(smt), docs_(smt, slots_),
        options_(options), started_(Clock::now()) {
    // A run of a long machine passes many states: the step bound grows with the machine.
    options_.max_steps = std::max(options_.max_steps, 2 * machine.states.size());
    options_.max_queries += 20 * machine.states.size();
  }

  SearchResult run() {
    register_goals();
    compute_goal_reach();
    PathState start;
    start.at = state_index(0, machine_.scopes.empty() ? "" : machine_.scopes[0].start_at);
    if (start.at < 0) return std::move(result_);
    input_slot_ = slots_.root("the execution input");
    start.input = slot_node(input_slot_);
    context_ = context_object(slots_, smt_, start.input);
    start.visits.assign(machine_.states.size(), 0);
    start.roots.push_back(input_slot_);
    SmtScope scope(smt_);
    // Witness inputs are objects, as people write them (a run on another input is not looked for).
    smt_.add(slots_.type_is(input_slot_, JsonType::Object));
    const std::size_t base_slots = slots_.size();
    {
      SmtScope round(smt_);
      explore(start);
    }
    // Targeted rounds: each goal still open gets a search that only follows moves towards it (in
    // document order, roughly the order runs meet them), with a fresh exploration budget.
    for (std::size_t goal = 0; goal < result_.goals.size() && !out_of_budget(); ++goal) {
      if (covered_[goal]) continue;
      // Only the frontier: a state one of whose predecessors some run entered, or a rule, Default,
      // Catch or loop of a state some run entered. What lies behind an unreached state waits.
      const SearchGoal& open = result_.goals[goal];
      if (open.kind == GoalKind::State ? !frontier(open.state) : !covered_[static_cast<std::size_t>(state_goal_[static_cast<std::size_t>(open.state)])]) {
        continue;
      }
      target_ = static_cast<int>(goal);
      std::fill(fruitless_.begin(), fruitless_.end(), 0);
      slots_.truncate(base_slots);
      round_query_limit_ = smt_.statistics().queries + kQueriesPerTarget;
      {
        SmtScope round(smt_);
        explore(start);
      }
      round_query_limit_ = 0;
    }
    target_ = -1;
    return std::move(result_);
  }

 private:
  // ---- goals ----------------------------------------------------------------------------------

  int add_goal(GoalKind kind, int state, int index, std::string id, std::string pointer) {
    SearchGoal goal;
    goal.kind = kind;
    goal.state = state;
    goal.index = index;
    goal.id = std::move(id);
    goal.pointer = std::move(pointer);
    result_.goals.push_back(std::move(goal));
    return static_cast<int>(result_.goals.size() - 1);
  }

  void register_goals() {
    own_goals_.assign(machine_.states.size(), {});
    state_goal_.assign(machine_.states.size(), -1);
    rule_goals_.assign(machine_.states.size(), {});
    none_goal_.assign(machine_.states.size(), -1);
    catch_goals_.assign(machine_.states.size(), {});
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      const State& state = machine_.states[i];
      const int s = static_cast<int>(i);
      state_goal_[i] = add_goal(GoalKind::State, s, -1, "state:" + state.pointer, state.pointer);
      own_goals_[i].push_back(state_goal_[i]);
      if (state.type == StateType::Choice) {
        for (std::size_t r = 0; r < state.choices.size(); ++r) {
          const std::string pointer = state.pointer + "/Choices/" + std::to_string(r);
          rule_goals_[i].push_back(add_goal(GoalKind::ChoiceRule, s, static_cast<int>(r), "rule:" + pointer, pointer));
          own_goals_[i].push_back(rule_goals_[i].back());
        }
        if (state.default_target) {
          none_goal_[i] = add_goal(GoalKind::Default, s, -1, "default:" + state.pointer, state.pointer + "/Default");
        } else {
          none_goal_[i] = add_goal(GoalKind::NoChoiceMatched, s, -1, "no-choice-matched:" + state.pointer, state.pointer);
        }
        own_goals_[i].push_back(none_goal_[i]);
      }
      for (std::size_t c = 0; c < state.catch_.size(); ++c) {
        catch_goals_[i].push_back(add_goal(GoalKind::Catch, s, static_cast<int>(c), "catch:" + state.catch_[c].pointer,
                                           state.catch_[c].pointer));
        own_goals_[i].push_back(catch_goals_[i].back());
      }
    }
    cycle_of_state_.assign(machine_.states.size(), {});
    for (std::size_t scope = 0; scope < machine_.scopes.size(); ++scope) {
      for (std::vector<int>& cycle : graph_.cycles(static_cast<int>(scope))) {
        const int number = static_cast<int>(result_.cycles.size());
        const State& first = machine_.states[static_cast<std::size_t>(cycle.front())];
        const int goal = add_goal(GoalKind::LoopTwice, cycle.front(), number, "loop:" + first.pointer, first.pointer);
        for (int member : cycle) {
          cycle_of_state_[static_cast<std::size_t>(member)].push_back(goal);
          own_goals_[static_cast<std::size_t>(member)].push_back(goal);
        }
        result_.cycles.push_back(std::move(cycle));
      }
    }
    covered_.assign(result_.goals.size(), false);
    // Proved impossible: nothing to find (they stay without a test; the caller reports the proof).
    if (options_.impossible) {
      for (std::size_t g = 0; g < result_.goals.size(); ++g) {
        const SearchGoal& goal = result_.goals[g];
        if (goal.kind == GoalKind::ChoiceRule || goal.kind == GoalKind::Default ||
            goal.kind == GoalKind::NoChoiceMatched) {
          covered_[g] = options_.impossible(goal.kind, goal.state, goal.index);
        }
      }
    }
    // A counting loop needs as many rounds as its bound: states of a cycle may be entered up to the
    // largest small whole number its Choice rules compare with (at most 20) beyond the loop bound.
    max_visits_.assign(machine_.states.size(), static_cast<int>(options_.loop_bound) + 1);
    for (const std::vector<int>& cycle : result_.cycles) {
      int extra = 0;
      std::function<void(const ChoiceRule&)> scan = [&](const ChoiceRule& rule) {
        for (const ChoiceRule& child : rule.children) scan(child);
        if (rule.operand.is_number()) {
          const double value = std::fabs(rule.operand.get<double>());
          if (value <= 20 && value == std::floor(value)) extra = std::max(extra, static_cast<int>(value));
        }
      };
      for (int member : cycle) {
        for (const ChoiceRule& rule : machine_.states[static_cast<std::size_t>(member)].choices) scan(rule);
      }
      for (int member : cycle) {
        max_visits_[static_cast<std::size_t>(member)] =
            std::max(max_visits_[static_cast<std::size_t>(member)], static_cast<int>(options_.loop_bound) + 1 + extra);
      }
    }
  }

  // reach_[s]: the goals a run entering state s may still meet (its scope's successors, nested
  // scopes, and, at a scope's end, what follows the owning state). A fixpoint over bitsets.
  void compute_goal_reach() {
    const std::size_t words = (result_.goals.size() + 63) / 64;
    reach_.assign(machine_.states.size(), std::vector<std::uint64_t>(words, 0));
    std::vector<std::vector<int>> flows(machine_.states.size());
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      const State& state = machine_.states[i];
      for (int next : graph_.successors(static_cast<int>(i))) flows[i].push_back(next);
      for (int child : state.child_scopes) {
        const int start = state_index(child, machine_.scopes[static_cast<std::size_t>(child)].start_at);
        if (start >= 0) flows[i].push_back(start);
        // States ending the nested scope continue with what follows the owner.
        for (int member : machine_.scopes[static_cast<std::size_t>(child)].states) {
          const State& inner = machine_.states[static_cast<std::size_t>(member)];
          if (inner.is_end || inner.type == StateType::Fail) flows[static_cast<std::size_t>(member)].push_back(static_cast<int>(i));
        }
      }
      for (int goal : own_goals_[i]) reach_[i][static_cast<std::size_t>(goal) / 64] |= 1ull << (goal % 64);
    }
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t i = machine_.states.size(); i-- > 0;) {
        for (int next : flows[i]) {
          for (std::size_t w = 0; w < words; ++w) {
            const std::uint64_t merged = reach_[i][w] | reach_[static_cast<std::size_t>(next)][w];
            if (merged != reach_[i][w]) {
              reach_[i][w] = merged;
              changed = true;
            }
          }
        }
      }
    }
  }

  bool uncovered(int goal, const PathState& path) const {
    if (covered_[static_cast<std::size_t>(goal)]) return false;
    for (int pending : path.pending) {
      if (pending == goal) return false;
    }
    return true;
  }

  // Whether a run entering `state` may still meet a goal neither covered nor pending on `path`
  // (in a targeted round: the target).
  bool promising(int state, const PathState& path) const {
    const std::vector<std::uint64_t>& bits = reach_[static_cast<std::size_t>(state)];
    if (target_ >= 0) {
      return (bits[static_cast<std::size_t>(target_) / 64] >> (target_ % 64) & 1) != 0 && uncovered(target_, path);
    }
    for (std::size_t w = 0; w < bits.size(); ++w) {
      std::uint64_t open = bits[w];
      while (open) {
        const int bit = __builtin_ctzll(open);
        open &= open - 1;
        const int goal = static_cast<int>(w * 64 + static_cast<std::size_t>(bit));
        if (uncovered(goal, path)) return true;
      }
    }
    return false;
  }

  bool move_promising(const Move& move, const PathState& path) const {
    for (int goal : move.goals) {
      if (target_ >= 0 ? goal == target_ && uncovered(goal, path) : uncovered(goal, path)) return true;
    }
    if (move.raise) return target_ < 0 && raise_open(*move.raise);
    if (move.kind == MoveKind::Next && move.target) {
      const int target = state_index(current_scope(path), *move.target);
      return target >= 0 && promising(target, path);
    }
    if (move.enter_scope >= 0) {
      const int start = state_index(move.enter_scope, machine_.scopes[static_cast<std::size_t>(move.enter_scope)].start_at);
      return start >= 0 && promising(start, path);
    }
    // Leaving a nested scope or finishing an owner: what follows the owner.
    if (move.push_frame) return promising(move.push_frame->owner, path);
    if (!path.frames.empty()) return promising(path.frames.back().owner, path);
    return false;
  }

  std::string raise_key(const RaiseWitness& raise) const {
    return std::to_string(raise.state) + "|" + raise.field + "|" + raise.path_text;
  }
  bool raise_open(const RaiseWitness& raise) const {
    const std::string key = raise_key(raise);
    if (raises_found_.count(key)) return false;
    auto tries = raise_attempts_.find(key);
    return tries == raise_attempts_.end() || tries->second < 4;
  }

  // Whether some run entered a state that moves to `state` (or, for a scope's first state, its owner).
  bool frontier(int state) const {
    const State& target = machine_.states[static_cast<std::size_t>(state)];
    const Scope& scope = machine_.scopes[static_cast<std::size_t>(target.scope)];
    if (scope.start_at == target.name) {
      return scope.parent_state < 0 || covered_[static_cast<std::size_t>(state_goal_[static_cast<std::size_t>(scope.parent_state)])];
    }
    for (int member : scope.states) {
      if (!covered_[static_cast<std::size_t>(state_goal_[static_cast<std::size_t>(member)])]) continue;
      for (int next : graph_.successors(member)) {
        if (next == state) return true;
      }
    }
    return false;
  }

  // ---- helpers --------------------------------------------------------------------------------

  int state_index(int scope, const std::string& name) const {
    if (scope < 0 || static_cast<std::size_t>(scope) >= machine_.scopes.size()) return -1;
    const auto& by_name = machine_.scopes[static_cast<std::size_t>(scope)].by_name;
    auto found = by_name.find(name);
    return found == by_name.end() ? -1 : found->second;
  }

  int current_scope(const PathState& path) const {
    if (path.at >= 0) return machine_.states[static_cast<std::size_t>(path.at)].scope;
    return path.frames.empty() ? 0 : machine_.states[static_cast<std::size_t>(path.frames.back().owner)].scope;
  }

  bool out_of_budget() {
    if (result_.stopped) return true;
    if (round_query_limit_ && smt_.statistics().queries >= round_query_limit_) return true;  // this target only
    if (smt_.statistics().queries >= options_.max_queries) {
      result_.stopped = "the witness search used its budget of " + std::to_string(options_.max_queries) + " queries";
      return true;
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    if (seconds > options_.max_seconds) {
      result_.stopped = "the witness search reached its wall-clock safety net";
      return true;
    }
    return false;
  }

  void note_unsupported(const std::string& what) {
    for (const std::string& known : result_.unsupported) {
      if (known == what) return;
    }
    result_.unsupported.push_back(what);
  }

  void sync_axioms(PathState& path) {
    for (std::size_t i = path.synced_slots; i < slots_.size(); ++i) {
      for (Term axiom : slots_.at(static_cast<int>(i)).axioms) smt_.add(axiom);
    }
    path.synced_slots = slots_.size();
  }

  // ---- reads and writes with their raises ----------------------------------------------------

  // Accumulates the raise moves of one state, in evaluation order: each raises only when nothing
  // before it did.
  struct Raises {
    std::vector<Move> moves;
    Term none;  // no raise so far
  };

  void add_raise(Raises& raises, int state, const std::string& field, const std::string& path_text,
                 const std::vector<std::string>& location, const ReadResult& read, Term condition) {
    if (smt_.is_false(condition)) return;
    Move move;
    move.kind = MoveKind::Fail;
    move.runtime = true;
    move.error = "States.Runtime";
    move.condition = smt_.and_(raises.none, condition);
    RaiseWitness witness;
    witness.state = state;
    witness.field = field;
    witness.path_text = path_text;
    witness.location = location;
    witness.read = read;
    move.raise = witness;
    raises.moves.push_back(std::move(move));
    raises.none = smt_.and_(raises.none, smt_.not_(condition));
  }

  void add_sites(Raises& raises, int state, const std::vector<RaiseSite>& sites) {
    for (const RaiseSite& site : sites) {
      add_raise(raises, state, site.field, site.path_text, site.location, site.read, site.condition);
    }
  }

  std::vector<std::string> location_of(const Path& path) const {
    std::vector<std::string> location;
    if (path.root != PathRoot::Input) return location;
    for (const PathSegment& segment : path.segments) {
      location.push_back(segment.kind == PathSegment::Kind::Member ? segment.name
                                                                     : "[" + std::to_string(segment.index) + "]");
    }
    return location;
  }

  // InputPath / OutputPath / ItemsPath style selection.
  NodePtr select(const PathField& field, const NodePtr& value, const Variables& variables, Raises& raises, int state,
                 const char* name) {
    if (!field.present) return value;
    if (field.is_null) return known_node(nlohmann::json::object());
    if (!field.path) return value;
    ReadResult read = docs_.read(value, *field.path, variables, context_);
    if (read.unsupported) note_unsupported(std::string(name) + " " + field.path->text);
    add_raise(raises, state, name, field.path->text, location_of(*field.path), read, smt_.not_(read.present));
    return read.node ? read.node : known_node(nullptr);
  }

  NodePtr apply_template(const nlohmann::json* payload, const NodePtr& input, const Variables& variables,
                         Raises& raises, int state, const std::string& field) {
    if (!payload) return input;
    Documents::TemplateResult evaluated = docs_.evaluate_template(
        *payload, input, variables, context_, field, machine_.states[static_cast<std::size_t>(state)].name);
    add_sites(raises, state, evaluated.raises);
    return evaluated.value;
  }

  NodePtr place(const PathField& result_path, const NodePtr& raw_input, NodePtr result, Raises& raises, int state) {
    if (!result_path.present) return result;
    if (result_path.is_null) return raw_input;
    if (!result_path.path) return result;
    Documents::WriteResult written =
        docs_.write(raw_input, *result_path.path, std::move(result), machine_.states[static_cast<std::size_t>(state)].name);
    if (written.unsupported) note_unsupported("ResultPath " + result_path.path->text);
    add_raise(raises, state, "ResultPath", result_path.path->text, {}, ReadResult{}, written.raises);
    return written.document;
  }

  void assign(const nlohmann::json* payload, const NodePtr& source, Variables& variables, Raises& raises, int state,
              const std::string& field) {
    if (!payload || !payload->is_object()) return;
    const Variables before = variables;
    NodePtr values = apply_template(payload, source, before, raises, state, field);
    if (values && values->kind == Node::Kind::Object) {
      for (const auto& [name, value] : values->members) variables.values[name] = value;
    }
  }

  const std::string* next_of(const State& state) const {
    for (const Transition& transition : state.transitions) {
      if (transition.kind == TransitionKind::Next) return &transition.target;
    }
    return nullptr;
  }

  // The success move after a state's output is known: Next, or the end of its scope.
  Move continue_with(const State& state, NodePtr output, Term condition) {
    Move move;
    move.condition = condition;
    move.output = std::move(output);
    move.target = next_of(state);
    move.kind = move.target ? MoveKind::Next : MoveKind::ScopeEnd;
    return move;
  }

  Term positive_integer(const TypedValue& value) {
    return smt_.and_({smt_.eq(value.type, smt_.int_val(static_cast<int>(JsonType::Number))),
                      smt_.is_integer(value.number), smt_.lt(smt_.real_val(0), value.number)});
  }

  // §5.4 [AWS✓]: MaxConcurrencyPath and the tolerance paths are read before any item runs; a
  // missing path or a value of the wrong kind raises States.Runtime.
  void map_dynamic_fields(const CompiledState& fields, const NodePtr& effective, const Variables& variables,
                          Raises& raises, int s) {
    struct Field {
      const std::optional<Path>* path;
      const char* name;
    };
    for (const Field& field : {Field{&fields.max_concurrency_path, "MaxConcurrencyPath"},
                               Field{&fields.tolerated_failure_count_path, "ToleratedFailureCountPath"},
                               Field{&fields.tolerated_failure_percentage_path, "ToleratedFailurePercentagePath"}}) {
      if (!*field.path) continue;
      ReadResult read = docs_.read(effective, **field.path, variables, context_);
      add_raise(raises, s, field.name, (*field.path)->text, location_of(**field.path), read, smt_.not_(read.present));
      const TypedValue value = docs_.typed(read.node);
      const Term number = smt_.eq(value.type, smt_.int_val(static_cast<int>(JsonType::Number)));
      Term valid = smt_.and_(number, smt_.is_integer(value.number));
      if (field.path == &fields.tolerated_failure_count_path) valid = smt_.and_(valid, smt_.le(smt_.real_val(0), value.number));
      if (field.path == &fields.tolerated_failure_percentage_path) {
        valid = smt_.and_({number, smt_.le(smt_.real_val(0), value.number), smt_.le(value.number, smt_.real_val(100))});
      }
      add_raise(raises, s, std::string(field.name) + " value", (*field.path)->text, location_of(**field.path), read,
                smt_.and_(read.present, smt_.not_(valid)));
    }
  }

  // ---- the states ---------------------------------------------------------------------------

  std::vector<Move> transfer(PathState& path) {
    const State& state = machine_.states[static_cast<std::size_t>(path.at)];
    const CompiledState& fields = compiled_[static_cast<std::size_t>(path.at)];
    Raises raises{{}, smt_.bool_val(true)};
    std::vector<Move> moves;
    const int s = path.at;
    switch (state.type) {
      case StateType::Pass: {
        NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
        NodePtr parameters = apply_template(fields.parameters, effective, path.variables, raises, s, "Parameters");
        NodePtr result = fields.result ? known_node(*fields.result) : parameters;
        Variables variables = path.variables;
        assign(fields.assign, result, variables, raises, s, "Assign");
        NodePtr placed = place(fields.result_path, path.input, result, raises, s);
        NodePtr output = select(fields.output_path, placed, path.variables, raises, s, "OutputPath");
        moves = std::move(raises.moves);
        moves.push_back(continue_with(state, output, raises.none));
        moves.back().variables = std::move(variables);
        break;
      }
      case StateType::Succeed: {
        NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
        NodePtr output = select(fields.output_path, effective, path.variables, raises, s, "OutputPath");
        moves = std::move(raises.moves);
        Move end;
        end.kind = MoveKind::ScopeEnd;
        end.condition = raises.none;
        end.output = output;
        moves.push_back(std::move(end));
        break;
      }
      case StateType::Fail: {
        // ErrorPath and CausePath read the raw input (a missing path raises); a dynamic error name
        // is not predicted, so the witness leaves it out of its expectation.
        for (const std::optional<DynamicString>* source : {&fields.fail_error, &fields.fail_cause}) {
          if (!*source) continue;
          if ((*source)->path) {
            ReadResult read = docs_.read(path.input, *(*source)->path, path.variables, context_);
            add_raise(raises, s, (*source)->field, (*source)->path->text, location_of(*(*source)->path), read,
                      smt_.not_(read.present));
          } else if ((*source)->call) {
            Documents::TemplateResult value =
                docs_.evaluate_intrinsic(*(*source)->call, path.input, path.variables, context_, (*source)->field,
                                         state.name);
            add_sites(raises, s, value.raises);
          }
        }
        moves = std::move(raises.moves);
        Move fail;
        fail.kind = MoveKind::Fail;
        fail.condition = raises.none;
        if (fields.fail_error && fields.fail_error->literal) {
          fail.error = *fields.fail_error->literal;
        } else if (fields.fail_error) {
          fail.error_known = false;
        }
        moves.push_back(std::move(fail));
        break;
      }
      case StateType::Wait: moves = transfer_wait(path, state, fields, raises); break;
      case StateType::Choice: moves = transfer_choice(path, state, fields, raises); break;
      case StateType::Task: moves = transfer_task(path, state, fields, raises); break;
      case StateType::Parallel:
      case StateType::Map: moves = transfer_nested(path, state, fields, raises); break;
    }
    return moves;
  }

  std::vector<Move> transfer_wait(PathState& path, const State& state, const CompiledState& fields, Raises& raises) {
    const int s = path.at;
    NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
    const std::optional<Path>& seconds = fields.wait_seconds_path;
    const std::optional<Path>& timestamp = fields.wait_timestamp_path;
    if (seconds || timestamp) {
      const Path& read_path = seconds ? *seconds : *timestamp;
      ReadResult read = docs_.read(effective, read_path, path.variables, context_);
      add_raise(raises, s, seconds ? "SecondsPath" : "TimestampPath", read_path.text, location_of(read_path), read,
                smt_.not_(read.present));
      TypedValue value = docs_.typed(read.node);
      Term valid;
      if (seconds) {
        // §4.1: a non-negative integer (a delay past ~24,855 days also fails; not modelled).
        valid = smt_.and_({smt_.eq(value.type, smt_.int_val(static_cast<int>(JsonType::Number))),
                           smt_.is_integer(value.number), smt_.le(smt_.real_val(0), value.number),
                           smt_.le(value.number, smt_.real_val(86400.0 * 365))});
      } else {
        if (read.node && read.node->kind == Node::Kind::Slot) slots_.at(read.node->slot).read_as_timestamp = true;
        valid = value.timestamp_valid;
      }
      add_raise(raises, s, seconds ? "SecondsPath value" : "TimestampPath value", read_path.text, location_of(read_path),
                read, smt_.and_(read.present, smt_.not_(valid)));
    }
    Variables variables = path.variables;
    assign(fields.assign, effective, variables, raises, s, "Assign");
    NodePtr output = select(fields.output_path, effective, path.variables, raises, s, "OutputPath");
    std::vector<Move> moves = std::move(raises.moves);
    moves.push_back(continue_with(state, output, raises.none));
    moves.back().variables = std::move(variables);
    return moves;
  }

  std::vector<Move> transfer_choice(PathState& path, const State& state, const CompiledState& fields, Raises& raises) {
    const int s = path.at;
    NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
    ChoiceEncoding encoding =
        encode_choice_state(state, effective, path.variables, context_, docs_, EncodingMode::Witness);
    if (!encoding.exact) note_unsupported("a Choice condition not modelled exactly in '" + state.name + "'");
    add_sites(raises, s, encoding.sites);
    std::vector<Move> moves = std::move(raises.moves);
    auto finish = [&](Move move, const nlohmann::json* rule_assign) {
      Raises after{{}, smt_.bool_val(true)};
      Variables variables = path.variables;
      assign(fields.assign, effective, variables, after, s, "Assign");
      if (rule_assign) assign(rule_assign, effective, variables, after, s, "Choices.Assign");
      NodePtr output = select(fields.output_path, effective, path.variables, after, s, "OutputPath");
      for (Move& raise : after.moves) {
        raise.condition = smt_.and_(move.condition, raise.condition);
        raise.goals = move.goals;
        moves.push_back(std::move(raise));
      }
      move.condition = smt_.and_(move.condition, after.none);
      move.output = output;
      move.variables = std::move(variables);
      moves.push_back(std::move(move));
    };
    for (std::size_t i = 0; i < state.choices.size(); ++i) {
      Move move;
      move.kind = MoveKind::Next;
      move.target = &state.choices[i].next;
      move.condition = smt_.and_(raises.none, encoding.taken[i]);
      move.goals.push_back(rule_goals_[static_cast<std::size_t>(s)][i]);
      finish(std::move(move), i < fields.choice_assigns.size() ? fields.choice_assigns[i] : nullptr);
    }
    Move none;
    none.condition = smt_.and_(raises.none, encoding.none_matched);
    none.goals.push_back(none_goal_[static_cast<std::size_t>(s)]);
    if (state.default_target) {
      none.kind = MoveKind::Next;
      none.target = &*state.default_target;
      finish(std::move(none), nullptr);
    } else {
      none.kind = MoveKind::Fail;
      none.error = "States.NoChoiceMatched";
      moves.push_back(std::move(none));
    }
    return moves;
  }

  // The error name a mocked Throw uses to take Catch[index]: one no earlier catcher catches.
  std::optional<std::string> error_for_catcher(const State& state, std::size_t index) const {
    std::vector<std::string> candidates;
    for (const std::string& name : state.catch_[index].error_equals) {
      if (name != "States.ALL" && name != "States.TaskFailed" && name != "States.Runtime") candidates.push_back(name);
    }
    candidates.push_back("Sfncheck.MockedError");
    candidates.push_back("States.Timeout");
    for (const std::string& name : candidates) {
      if (!error_equals_catches(state.catch_[index].error_equals, name)) continue;
      bool earlier = false;
      for (std::size_t j = 0; j < index; ++j) earlier = earlier || error_equals_catches(state.catch_[j].error_equals, name);
      if (!earlier) return name;
    }
    return std::nullopt;
  }

  // How many times a Task is invoked when every attempt throws `error`: once plus the first
  // matching retrier's MaxAttempts (§6.2).
  int attempts_for(const State& state, const std::string& error) const {
    for (const Retrier& retrier : state.retry) {
      if (error_equals_catches(retrier.error_equals, error)) return 1 + static_cast<int>(std::max(0LL, retrier.max_attempts));
    }
    return 1;
  }

  // The catch moves of a state that failed with `error` (known name), from `raw_input`.
  // The error output a catcher sees: the Error name, and a Cause that the failing Task (or branch)
  // decides, so it is an unknown string that may be absent (never known data to the machine).
  NodePtr error_output(const std::string& error, int cause_slot) {
    auto output = std::make_shared<Node>();
    output->kind = Node::Kind::Object;
    output->members["Error"] = known_node(error);
    output->members["Cause"] = slot_node(cause_slot);
    return output;
  }

  int cause_slot(const State& state) {
    const int slot = slots_.root("the Cause of the error of '" + state.name + "'", false);
    slots_.at(slot).axioms.push_back(smt_.or_(slots_.type_is(slot, JsonType::Missing), slots_.type_is(slot, JsonType::String)));
    return slot;
  }

  std::vector<Move> catch_moves(const State& state, const CompiledState& fields, const std::string& error,
                                const NodePtr& raw_input, const Variables& variables, Term condition,
                                int cause = -1) {
    std::vector<Move> moves;
    const int s = static_cast<int>(&state - machine_.states.data());
    for (std::size_t i = 0; i < state.catch_.size(); ++i) {
      if (!error_equals_catches(state.catch_[i].error_equals, error)) continue;
      NodePtr caught = error_output(error, cause >= 0 ? cause : cause_slot(state));
      Raises raises{{}, condition};
      Variables assigned = variables;
      assign(i < fields.catcher_assigns.size() ? fields.catcher_assigns[i] : nullptr, caught, assigned, raises, s,
             "Catch.Assign");
      const PathField result_path = i < fields.catcher_result_paths.size() ? fields.catcher_result_paths[i] : PathField{};
      NodePtr placed = place(result_path, raw_input, caught, raises, s);
      for (Move& raise : raises.moves) {
        raise.goals.push_back(catch_goals_[static_cast<std::size_t>(s)][i]);
        moves.push_back(std::move(raise));
      }
      Move move;
      move.kind = MoveKind::Next;
      move.target = &state.catch_[i].next;
      move.condition = raises.none;
      move.output = placed;
      move.variables = std::move(assigned);
      move.goals.push_back(catch_goals_[static_cast<std::size_t>(s)][i]);
      move.caught = true;
      moves.push_back(std::move(move));
      return moves;  // the first matching catcher takes it
    }
    return moves;
  }

  std::vector<Move> transfer_task(PathState& path, const State& state, const CompiledState& fields, Raises& raises) {
    const int s = path.at;
    NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
    apply_template(fields.parameters, effective, path.variables, raises, s, "Parameters");
    std::vector<Move> moves = std::move(raises.moves);
    const Term prepared = raises.none;
    // Success: a fresh unknown result, then ResultSelector, ResultPath, OutputPath.
    const int result_slot = slots_.root("the result of '" + state.name + "'");
    NodePtr result = slot_node(result_slot);
    Raises after{{}, prepared};
    // TimeoutSecondsPath and HeartbeatSecondsPath are read once the task is invoked (its mock is
    // used): each must name a positive integer.
    const NodePtr parameters_input = effective;
    for (const std::optional<Path>* seconds : {&fields.timeout_seconds_path, &fields.heartbeat_seconds_path}) {
      if (!*seconds) continue;
      const char* field = seconds == &fields.timeout_seconds_path ? "TimeoutSecondsPath" : "HeartbeatSecondsPath";
      ReadResult read = docs_.read(parameters_input, **seconds, path.variables, context_);
      add_raise(after, s, field, (*seconds)->text, location_of(**seconds), read, smt_.not_(read.present));
      add_raise(after, s, std::string(field) + " value", (*seconds)->text, location_of(**seconds), read,
                smt_.and_(read.present, smt_.not_(positive_integer(docs_.typed(read.node)))));
    }
    Variables variables = path.variables;
    assign(fields.assign, result, variables, after, s, "Assign");
    NodePtr selected = apply_template(fields.result_selector, result, path.variables, after, s, "ResultSelector");
    NodePtr placed = place(fields.result_path, path.input, selected, after, s);
    NodePtr output = select(fields.output_path, placed, path.variables, after, s, "OutputPath");
    TaskCall success{state.name, result_slot, std::nullopt, 1};
    for (Move& raise : after.moves) {
      raise.calls.push_back(success);
      moves.push_back(std::move(raise));
    }
    Move done = continue_with(state, output, after.none);
    done.variables = std::move(variables);
    done.calls.push_back(success);
    moves.push_back(std::move(done));
    // Each catcher, with a mocked error only it (first) catches.
    for (std::size_t i = 0; i < state.catch_.size(); ++i) {
      std::optional<std::string> error = error_for_catcher(state, i);
      if (!error) continue;
      const int cause = cause_slot(state);
      TaskCall thrown{state.name, -1, *error, attempts_for(state, *error), cause};
      for (Move& move : catch_moves(state, fields, *error, path.input, path.variables, prepared, cause)) {
        if (std::find(move.goals.begin(), move.goals.end(), catch_goals_[static_cast<std::size_t>(s)][i]) ==
            move.goals.end()) {
          continue;
        }
        move.calls.push_back(thrown);
        moves.push_back(std::move(move));
      }
    }
    return moves;
  }

  std::vector<Move> transfer_nested(PathState& path, const State& state, const CompiledState& fields, Raises& raises) {
    const int s = path.at;
    NodePtr effective = select(fields.input_path, path.input, path.variables, raises, s, "InputPath");
    std::vector<Move> moves;
    if (state.child_scopes.empty()) return moves;
    Frame frame;
    frame.owner = s;
    frame.raw_input = path.input;
    frame.outer_variables = path.variables;
    if (state.type == StateType::Parallel) {
      frame.effective_input = apply_template(fields.parameters, effective, path.variables, raises, s, "Parameters");
      moves = std::move(raises.moves);
      Move enter;
      enter.condition = raises.none;
      enter.push_frame = frame;
      enter.push_frame->next = 1;
      enter.enter_scope = state.child_scopes[0];
      enter.output = frame.effective_input;
      moves.push_back(std::move(enter));
      return moves;
    }
    // Map: the items, then one run of the processor per item, in order.
    map_dynamic_fields(fields, effective, path.variables, raises, s);
    NodePtr items;
    std::vector<TaskCall> calls;
    if (fields.has_item_reader) {
      // The items come from a mock named after the Map state; a list (anything else would be a
      // States.ItemReaderFailed, not explored here).
      const int items_slot = slots_.root("the items read by '" + state.name + "'");
      slots_.at(items_slot).axioms.push_back(slots_.type_is(items_slot, JsonType::Array));
      if (const nlohmann::json* config = fields.item_reader_config; config && config->is_object()) {
        if (auto it = config->find("MaxItemsPath"); it != config->end() && it->is_string()) {
          if (std::optional<Path> max_items = parse_path(it->get<std::string>()).path) {
            // A missing path raises; a value that is not a positive integer is States.ItemReaderFailed
            // (runs taking that failure are not explored).
            ReadResult read = docs_.read(effective, *max_items, path.variables, context_);
            add_raise(raises, s, "MaxItemsPath", max_items->text, location_of(*max_items), read,
                      smt_.not_(read.present));
            raises.none = smt_.and_(raises.none, smt_.or_(smt_.not_(read.present), positive_integer(docs_.typed(read.node))));
          }
        }
      }
      items = slot_node(items_slot);
      calls.push_back(TaskCall{state.name, items_slot, std::nullopt, 1});
    } else {
      items = select(fields.items_path, effective, path.variables, raises, s, "ItemsPath");
    }
    frame.effective_input = effective;
    frame.items = items;
    const TypedValue typed = docs_.typed(items);
    const Term is_array = smt_.eq(typed.type, smt_.int_val(static_cast<int>(JsonType::Array)));
    if (!fields.has_item_reader) {
      add_raise(raises, s, "ItemsPath value", fields.items_path.path ? fields.items_path.path->text : "$", {},
                ReadResult{}, smt_.and_(docs_.presence(items), smt_.not_(is_array)));
    }
    moves = std::move(raises.moves);
    for (Move& move : moves) move.calls = calls;
    // How many items: a known list has its length; an unknown one gets one item, or none.
    std::vector<std::pair<std::size_t, Term>> counts;
    if (items && items->kind == Node::Kind::Known && items->known.is_array()) {
      counts.push_back({items->known.size(), smt_.bool_val(true)});
    } else if (items && items->kind == Node::Kind::Array) {
      counts.push_back({items->elements.size(), smt_.bool_val(true)});
    } else if (items && items->kind == Node::Kind::Slot) {
      const int first = slots_.element(items->slot, 0);
      const int second = slots_.element(items->slot, 1);
      counts.push_back({1, smt_.and_(docs_.presence(slot_node(first)), smt_.not_(docs_.presence(slot_node(second))))});
      counts.push_back({0, smt_.not_(docs_.presence(slot_node(first)))});
    } else {
      note_unsupported("Map items in '" + state.name + "'");
      return moves;
    }
    for (auto& [count, condition] : counts) {
      Move enter;
      enter.condition = smt_.and_(raises.none, condition);
      enter.calls = calls;
      enter.push_frame = frame;
      enter.push_frame->count = count;
      enter.map_item_count = count;
      if (count == 0) {
        enter.kind = MoveKind::FinishOwner;
      } else {
        enter.enter_scope = state.child_scopes[0];
      }
      moves.push_back(std::move(enter));
    }
    return moves;
  }

  // The input of Map item `index`: the element, shaped by ItemSelector (or Parameters) with
  // $$.Map.Item.Index and .Value.
  NodePtr map_item_input(const Frame& frame, std::size_t index, PathState& path) {
    const CompiledState& fields = compiled_[static_cast<std::size_t>(frame.owner)];
    ReadResult element;
    Path index_path;
    PathSegment segment;
    segment.kind = PathSegment::Kind::Index;
    segment.index = static_cast<std::int64_t>(index);
    index_path.segments.push_back(segment);
    element = docs_.read(frame.items, index_path, frame.outer_variables, context_);
    NodePtr value = element.node ? element.node : known_node(nullptr);
    if (fields.item_batcher) {
      // One batch holds the one item explored: {"Items": [item], "BatchInput": ...} (§5.4).
      auto batch = std::make_shared<Node>();
      batch->kind = Node::Kind::Object;
      auto list = std::make_shared<Node>();
      list->kind = Node::Kind::Array;
      list->elements.push_back(value);
      batch->members["Items"] = list;
      if (auto input = fields.item_batcher->find("BatchInput"); input != fields.item_batcher->end()) {
        Documents::TemplateResult evaluated =
            docs_.evaluate_template(*input, frame.effective_input, frame.outer_variables, context_, "BatchInput",
                                    machine_.states[static_cast<std::size_t>(frame.owner)].name);
        for (const RaiseSite& site : evaluated.raises) smt_.add(smt_.not_(site.condition));
        batch->members["BatchInput"] = evaluated.value;
      }
      value = batch;
    }
    if (!fields.parameters) return value;
    auto item = std::make_shared<Node>();
    item->kind = Node::Kind::Object;
    item->members["Index"] = known_node(index);
    item->members["Value"] = value;
    auto map = std::make_shared<Node>();
    map->kind = Node::Kind::Object;
    map->members["Item"] = item;
    auto context = std::make_shared<Node>();
    context->kind = Node::Kind::Object;
    context->members["Map"] = map;
    context->base = context_;
    Documents::TemplateResult shaped = docs_.evaluate_template(*fields.parameters, frame.effective_input,
                                                               frame.outer_variables, context, "ItemSelector",
                                                               machine_.states[static_cast<std::size_t>(frame.owner)].name);
    // Raises while shaping an item are not turned into witnesses; the run continues as if none.
    for (const RaiseSite& site : shaped.raises) smt_.add(smt_.not_(site.condition));
    (void)path;
    return shaped.value;
  }

  // After the last branch or item: the owner's ResultSelector, ResultPath and OutputPath.
  std::vector<Move> finish_owner(PathState& path) {
    Frame& frame = path.frames.back();
    const State& state = machine_.states[static_cast<std::size_t>(frame.owner)];
    const CompiledState& fields = compiled_[static_cast<std::size_t>(frame.owner)];
    auto outputs = std::make_shared<Node>();
    outputs->kind = Node::Kind::Array;
    outputs->elements = frame.outputs;
    if (fields.has_result_writer) {
      // With a ResultWriter the results go to S3; the state's result describes the Map Run.
      auto string_slot = [&](const std::string& what) {
        const int slot = slots_.root(what + " of '" + state.name + "'");
        slots_.at(slot).axioms.push_back(slots_.type_is(slot, JsonType::String));
        return slot_node(slot);
      };
      auto details = std::make_shared<Node>();
      details->kind = Node::Kind::Object;
      details->members["Bucket"] = string_slot("the result bucket");
      details->members["Key"] = string_slot("the result manifest key");
      outputs->kind = Node::Kind::Object;
      outputs->elements.clear();
      outputs->members["MapRunArn"] = string_slot("the Map Run ARN");
      outputs->members["ResultWriterDetails"] = details;
    }
    Raises raises{{}, smt_.bool_val(true)};
    const int s = frame.owner;
    Variables variables = frame.outer_variables;
    assign(fields.assign, outputs, variables, raises, s, "Assign");
    NodePtr selected = apply_template(fields.result_selector, outputs, frame.outer_variables, raises, s, "ResultSelector");
    NodePtr placed = place(fields.result_path, frame.raw_input, selected, raises, s);
    NodePtr output = select(fields.output_path, placed, frame.outer_variables, raises, s, "OutputPath");
    std::vector<Move> moves = std::move(raises.moves);
    moves.push_back(continue_with(state, output, raises.none));
    moves.back().variables = std::move(variables);
    return moves;
  }

  // ---- the search ---------------------------------------------------------------------------

  // Applies a move to a copy of the run. Returns false when the run ends (a test is recorded).
  bool apply(PathState& path, Move& move) {
    if (!move.caught && !move.raise && move.kind != MoveKind::Fail && path.at >= 0) path.completed.push_back(path.at);
    if (move.variables) path.variables = std::move(*move.variables);
    switch (move.kind) {
      case MoveKind::Next: {
        const int scope = current_scope(path);
        path.at = state_index(scope, *move.target);
        path.input = move.output;
        if (path.at < 0) return false;
        return true;
      }
      case MoveKind::FinishOwner:
      case MoveKind::ScopeEnd:
        if (path.frames.empty()) {
          finish(path, EndStatus::Succeeded, "", true, nullptr);
          return false;
        }
        return leave_scope(path, move.output);
      case MoveKind::Fail:
        if (move.raise) {
          RaiseWitness witness = *move.raise;
          ++raise_attempts_[raise_key(witness)];
          // Inside a distributed Map the raise only fails one child execution (§5.4).
          const bool in_child_execution = std::any_of(path.frames.begin(), path.frames.end(), [&](const Frame& frame) {
            return compiled_[static_cast<std::size_t>(frame.owner)].distributed_map;
          });
          if (!in_child_execution) {
            finish(path, EndStatus::Failed, move.error, true, &witness);
            return false;
          }
        }
        return propagate_error(path, move.error, move.error_known, move.runtime);
    }
    return false;
  }

  bool enter_nested(PathState& path, Move& move) {
    path.frames.push_back(*move.push_frame);
    const int scope = move.enter_scope;
    path.at = state_index(scope, machine_.scopes[static_cast<std::size_t>(scope)].start_at);
    Frame& frame = path.frames.back();
    if (machine_.states[static_cast<std::size_t>(frame.owner)].type == StateType::Map) {
      path.input = map_item_input(frame, 0, path);
      frame.next = 1;
      if (compiled_[static_cast<std::size_t>(frame.owner)].distributed_map) path.variables = Variables{};
    } else {
      path.input = frame.effective_input;
    }
    return path.at >= 0;
  }

  // A nested scope ended with `output`: the next branch or item, or finish the owner.
  bool leave_scope(PathState& path, const NodePtr& output) {
    Frame& frame = path.frames.back();
    frame.outputs.push_back(output);
    const State& owner = machine_.states[static_cast<std::size_t>(frame.owner)];
    path.variables = frame.outer_variables;
    const std::size_t total = owner.type == StateType::Parallel ? owner.child_scopes.size() : frame.count;
    if (frame.next < total) {
      const int scope = owner.type == StateType::Parallel ? owner.child_scopes[frame.next] : owner.child_scopes[0];
      path.at = state_index(scope, machine_.scopes[static_cast<std::size_t>(scope)].start_at);
      path.input = owner.type == StateType::Parallel ? frame.effective_input : map_item_input(frame, frame.next, path);
      ++frame.next;
      if (owner.type == StateType::Map && compiled_[static_cast<std::size_t>(frame.owner)].distributed_map) {
        path.variables = Variables{};
      }
      return path.at >= 0;
    }
    path.at = -1;  // finish the owner
    return true;
  }

  // An error raised in the current scope: the enclosing owners' catchers, or the end of the run.
  bool propagate_error(PathState& path, std::string error, bool known, bool runtime) {
    while (!path.frames.empty()) {
      Frame frame = path.frames.back();
      path.frames.pop_back();
      const State& owner = machine_.states[static_cast<std::size_t>(frame.owner)];
      const CompiledState& fields = compiled_[static_cast<std::size_t>(frame.owner)];
      std::string effective_error = error;
      if (owner.type == StateType::Map && fields.distributed_map) {
        // A child execution failed, whatever its error (§5.4): with the one item explored, a
        // tolerance of at least one item (or 100%) lets the Map go on; anything less fails it.
        const bool tolerated = (fields.tolerated_failure_count && *fields.tolerated_failure_count >= 1) ||
                               (fields.tolerated_failure_percentage && *fields.tolerated_failure_percentage >= 100);
        if (tolerated || fields.tolerated_failure_count_path || fields.tolerated_failure_percentage_path) {
          return false;  // tolerated failures: not modelled, the run is dropped
        }
        effective_error = "States.ExceedToleratedFailureThreshold";
        runtime = false;
        known = true;
      }
      if (runtime) continue;
      if (!known) {
        finish(path, EndStatus::Failed, "", false, nullptr);
        return false;
      }
      for (const Retrier& retrier : owner.retry) {
        if (error_equals_catches(retrier.error_equals, effective_error) && retrier.max_attempts > 0) {
          note_unsupported("a Retry of a Parallel or Map state");
          return false;  // the whole state would run again with new mocks: not modelled
        }
      }
      path.variables = frame.outer_variables;
      std::vector<Move> caught = catch_moves(owner, fields, effective_error, frame.raw_input, frame.outer_variables,
                                             smt_.bool_val(true));
      if (!caught.empty()) {
        // The catcher's own raises are rare here; take the plain move (the last one).
        Move move = std::move(caught.back());
        smt_.add(move.condition);
        path.at = frame.owner;  // so that the target resolves in the owner's scope
        for (int goal : move.goals) path.pending.push_back(goal);
        if (move.variables) path.variables = std::move(*move.variables);
        path.at = state_index(owner.scope, *move.target);
        path.input = move.output;
        return path.at >= 0;
      }
      // Not caught: the owner fails with that error in its own scope.
      error = effective_error;
    }
    finish(path, EndStatus::Failed, error, known, nullptr);
    return false;
  }

  void explore(PathState path) {
    while (true) {
      if (out_of_budget()) return;
      std::vector<Move> moves;
      if (path.at < 0) {
        moves = finish_owner(path);
      } else {
        if (!enter(path)) return;
        moves = transfer(path);
      }
      sync_axioms(path);
      if (path.at < 0) {
        // Finishing an owner: its moves continue in the owner's scope.
        const Frame frame = path.frames.back();
        path.frames.pop_back();
        path.at = frame.owner;
        path.input = frame.raw_input;
        path.variables = frame.outer_variables;
      }
      // One unconditional move: no branch.
      // One way on (other moves impossible, or raises already shown or given up): take it without
      // asking the solver; if it is infeasible after all, the next question on this run says so.
      std::vector<std::size_t> live;
      for (std::size_t i = 0; i < moves.size(); ++i) {
        if (smt_.is_false(moves[i].condition)) continue;
        if (moves[i].raise && !raise_open(*moves[i].raise)) continue;
        live.push_back(i);
      }
      if (live.empty()) return;
      if (live.size() == 1 && !moves[live[0]].raise) {
        Move& only = moves[live[0]];
        if (!smt_.is_true(only.condition)) smt_.add(only.condition);
        if (!advance(path, only)) return;
        continue;
      }
      branch(path, moves);
      return;
    }
  }

  // Enters path.at: counts, bounds, goals. False when the run is cut by a bound.
  bool enter(PathState& path) {
    const std::size_t s = static_cast<std::size_t>(path.at);
    if (++path.steps > options_.max_steps) return false;
    if (++path.visits[s] > max_visits_[s]) return false;
    const State& state = machine_.states[s];
    if (state.scope == 0) path.path.push_back(state.name);
    path.pending.push_back(state_goal_[s]);
    if (path.visits[s] == static_cast<int>(options_.loop_bound) + 1) {  // went round twice
      for (int goal : cycle_of_state_[s]) path.pending.push_back(goal);
    }
    return true;
  }

  // Takes one move on this run; false when the run ended or cannot go on.
  bool advance(PathState& path, Move& move) {
    for (int goal : move.goals) path.pending.push_back(goal);
    for (TaskCall& call : move.calls) {
      if (call.result_slot >= 0) path.roots.push_back(call.result_slot);
      if (call.cause_slot >= 0) path.roots.push_back(call.cause_slot);
      path.calls.push_back(std::move(call));
    }
    if (move.push_frame) {
      if (move.kind != MoveKind::FinishOwner) return enter_nested(path, move);
      path.frames.push_back(*move.push_frame);  // a Map over no items: straight to the owner's finish
      path.at = -1;
      return true;
    }
    return apply(path, move);
  }

  void branch(const PathState& path, std::vector<Move>& moves) {
    bool finished_one = false;
    std::vector<std::size_t> feasible_unexplored;
    // Each state explores its alternatives a bounded number of times; after that a run through it
    // only looks for a way to end. This keeps the search near-linear in the machine's size when
    // goals stay open (hard or out of bounds) and would otherwise be hunted on every path.
    const bool exhausted = path.at >= 0 && fruitless_[static_cast<std::size_t>(path.at)] >= kFruitlessPerState;
    for (std::size_t i = 0; i < moves.size() && !exhausted; ++i) {
      if (out_of_budget()) return;
      if (smt_.is_false(moves[i].condition)) continue;
      const bool worth = move_promising(moves[i], path);
      if (!worth) {
        feasible_unexplored.push_back(i);
        continue;
      }
      SmtScope scope(smt_);
      smt_.add(moves[i].condition);
      const Answer answer = smt_.check({}, moves[i].raise ? "witness-raise" : "witness-branch");
      if (answer.verdict != Verdict::Sat) {
        if (moves[i].raise) ++raise_attempts_[raise_key(*moves[i].raise)];
        continue;
      }
      const std::size_t mark = slots_.size();
      PathState next = path;
      const std::size_t tests_before = result_.tests.size();
      const std::size_t covered_before = covered_count_;
      if (advance(next, moves[i])) explore(std::move(next));
      if (result_.tests.size() > tests_before) finished_one = true;
      if (covered_count_ == covered_before && path.at >= 0) ++fruitless_[static_cast<std::size_t>(path.at)];
      slots_.truncate(mark);
    }
    // Goals met on this run are covered only when it ends: finish it along any feasible move.
    if (finished_one || !has_uncovered_pending(path)) return;
    if (exhausted) {
      for (std::size_t i = 0; i < moves.size(); ++i) {
        if (!smt_.is_false(moves[i].condition)) feasible_unexplored.push_back(i);
      }
    }
    for (std::size_t i : feasible_unexplored) {
      if (out_of_budget()) return;
      if (moves[i].raise) continue;
      SmtScope scope(smt_);
      smt_.add(moves[i].condition);
      if (smt_.check({}, "witness-finish").verdict != Verdict::Sat) continue;
      const std::size_t mark = slots_.size();
      PathState next = path;
      const std::size_t tests_before = result_.tests.size();
      if (advance(next, moves[i])) explore(std::move(next));
      slots_.truncate(mark);
      if (result_.tests.size() > tests_before) return;
    }
  }

  bool has_uncovered_pending(const PathState& path) const {
    for (int goal : path.pending) {
      if (!covered_[static_cast<std::size_t>(goal)]) return true;
    }
    return false;
  }

  // The run ended: a model gives its input and mocks; it becomes a test.
  void finish(PathState& path, EndStatus status, const std::string& error, bool error_known,
              const RaiseWitness* raise) {
    sync_axioms(path);
    // Prefer values people can read: whole numbers, and strings of printable ASCII (asked for only
    // where the first model has something else: the string theory makes that query costly).
    std::vector<Term> readable;
    std::vector<int> strings;
    for (int root : path.roots) collect_readable(root, readable, strings);

    Answer answer = smt_.check(readable, "witness-model");
    if (answer.verdict != Verdict::Sat) {
      readable.clear();
      answer = smt_.check({}, "witness-model-any");
    }
    if (answer.verdict != Verdict::Sat) return;
    std::vector<Term> plain = readable;
    for (int slot : strings) {
      if (smt_.model_int(slots_.at(slot).type) != static_cast<int>(JsonType::String)) continue;
      const std::string text = smt_.model_string(slots_.at(slot).string);
      if (std::any_of(text.begin(), text.end(), [](char c) { return c < 0x20 || c > 0x7E || c == '\\'; })) {
        plain.push_back(smt_.is_plain_ascii(slots_.at(slot).string));
      }
    }
    if (plain.size() > readable.size() && smt_.check(plain, "witness-model-ascii").verdict != Verdict::Sat) {
      smt_.check(readable, "witness-model");  // back to the first model
    }
    nlohmann::json test;
    test["name"] = "witness-" + std::to_string(result_.tests.size() + 1);
    nlohmann::json covers = nlohmann::json::array();
    std::set<int> seen;
    for (int goal : path.pending) {
      if (seen.insert(goal).second) covers.push_back(result_.goals[static_cast<std::size_t>(goal)].id);
    }
    test["covers"] = covers;
    test["input"] = slots_.model_value(input_slot_).value_or(nlohmann::json::object());
    nlohmann::json mocks = nlohmann::json::object();
    for (const TaskCall& call : path.calls) {
      nlohmann::json& list = mocks[call.state];
      if (!list.is_array()) list = nlohmann::json::array();
      for (int k = 0; k < call.times; ++k) {
        if (call.error) {
          nlohmann::json thrown = {{"Error", *call.error}};
          if (call.cause_slot >= 0) {
            if (std::optional<nlohmann::json> cause = slots_.model_value(call.cause_slot); cause && cause->is_string()) {
              thrown["Cause"] = *cause;
            }
          }
          list.push_back({{"Throw", thrown}});
        } else {
          list.push_back({{"Return", slots_.model_value(call.result_slot).value_or(nullptr)}});
        }
      }
    }
    test["mocks"] = mocks;
    nlohmann::json expect = {{"status", status == EndStatus::Succeeded ? "SUCCEEDED" : "FAILED"}, {"path", path.path}};
    if (status == EndStatus::Failed && error_known) expect["error"] = error;
    test["expect"] = expect;
    const std::size_t index = result_.tests.size();
    result_.tests.push_back(std::move(test));
    for (int goal : path.pending) {
      if (!covered_[static_cast<std::size_t>(goal)]) {
        covered_[static_cast<std::size_t>(goal)] = true;
        ++covered_count_;
        result_.goals[static_cast<std::size_t>(goal)].test = index;
      }
    }
    if (raise) {
      RaiseWitness witness = *raise;
      witness.test = index;
      witness.completed = path.completed;
      raises_found_.insert(raise_key(witness));
      result_.raises.push_back(std::move(witness));
    }
  }

  void collect_readable(int slot, std::vector<Term>& numbers, std::vector<int>& strings) {
    const Slot& value = slots_.at(slot);
    numbers.push_back(smt_.is_integer(value.number));
    strings.push_back(slot);
    std::vector<int> children;
    for (const auto& [key, member] : value.members) children.push_back(member);
    for (const auto& [index, element] : value.elements) children.push_back(element);
    for (int child : children) collect_readable(child, numbers, strings);
  }

  const StateMachine& machine_;
  const std::vector<CompiledState>& compiled_;
  const StateGraph& graph_;
  Smt& smt_;
  SlotTable slots_;
  Documents docs_;
  SearchOptions options_;
  Clock::time_point started_;
  SearchResult result_;
  NodePtr context_;
  int input_slot_ = -1;
  std::vector<std::vector<int>> own_goals_;
  std::vector<int> state_goal_, none_goal_;
  std::vector<std::vector<int>> rule_goals_, catch_goals_, cycle_of_state_;
  std::vector<std::vector<std::uint64_t>> reach_;
  std::vector<bool> covered_;
  std::vector<int> max_visits_;  // per state: how many times one run may enter it
  static constexpr int kFruitlessPerState = 6;
  std::vector<int> fruitless_ = std::vector<int>(machine_.states.size(), 0);  // explorations that covered nothing
  std::size_t covered_count_ = 0;
  int target_ = -1;  // the goal a targeted round looks for (-1: any open goal)
  static constexpr std::size_t kQueriesPerTarget = 60;
  std::size_t round_query_limit_ = 0;  // a targeted round stops at this many queries (0: no round)
  std::set<std::string> raises_found_;
  std::map<std::string, int> raise_attempts_;
};

}  // namespace

SearchResult search_witnesses(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                              const StateGraph& graph, Smt& smt, const SearchOptions& options) {
  Search search(machine, compiled, graph, smt, options);
  return search.run();
}

}  // namespace sfn::solver
