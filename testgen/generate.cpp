#include "testgen/generate.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "interpreter/error_matching.h"
#include "interpreter/test_case.h"
#include "solver/analysis.h"
#include "testgen/random_runs.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxStatesForRandomRuns = 300;
constexpr std::size_t kMaxStatesForFuzzing = 300;  // runs keep a trace: cost grows with size squared
constexpr std::size_t kFuzzWork = 200000;             // mutated runs times states
constexpr std::size_t kMaxFuzzRuns = 4000;
constexpr std::size_t kMaxSimplifyRuns = 300;             // interpreter runs per test to simplify it
constexpr const char* kInjectedError = "Sfncheck.InjectedError";  // a name no ErrorEquals lists
constexpr std::size_t kMaxMutationsPerGoal = 40;
constexpr const char* kMockedCause = "mocked failure";

// A test tried in the interpreter, with what its run met.
struct Candidate {
  json test;
  interp::RunResult run;
  std::vector<std::string> goals;  // met on its own (no mcdc)
};

std::optional<interp::RunResult> run_test(const StateMachine& machine, const json& test) {
  interp::TestCaseParseResult parsed = interp::parse_test_case(test);
  if (!parsed.test) return std::nullopt;
  interp::RunOptions options;
  options.keep_trace = true;
  options.context = parsed.test->context;
  interp::RunResult result = interp::run_state_machine(machine, parsed.test->input, parsed.test->mocks, options);
  if (result.unusable) return std::nullopt;
  return result;
}

bool meets_all(const std::vector<std::string>& met, const std::set<std::string>& required) {
  return std::all_of(required.begin(), required.end(),
                     [&](const std::string& goal) { return std::binary_search(met.begin(), met.end(), goal); });
}

// The pointer of the state a finding is about: the longest state pointer that prefixes its location.
const State* state_at(const StateMachine& machine, const std::string& pointer) {
  const State* best = nullptr;
  for (const State& state : machine.states) {
    const std::string& own = state.pointer;
    const bool prefixes = pointer.compare(0, own.size(), own) == 0 && (pointer.size() == own.size() || pointer[own.size()] == '/');
    if (prefixes && (!best || own.size() > best->pointer.size())) best = &state;
  }
  return best;
}

std::string test_name_for(const CoverageGoal& goal, const StateMachine& machine) {
  const State* state = goal.pointer.empty() ? nullptr : state_at(machine, goal.pointer);
  auto index_after = [&](const std::string& field) {
    const std::size_t at = goal.pointer.rfind("/" + field + "/");
    return at == std::string::npos ? std::string() : goal.pointer.substr(at + field.size() + 2);
  };
  if (goal.kind == "state") return "reaches " + goal.state;
  if (goal.kind == "choice-rule" && state) {
    const std::string index = index_after("Choices");
    const std::size_t i = index.empty() ? 0 : std::stoul(index);
    return goal.state + " rule " + index + " to " + (i < state->choices.size() ? state->choices[i].next : "");
  }
  if (goal.kind == "default" && state) return goal.state + " Default to " + state->default_target.value_or("");
  if (goal.kind == "no-choice-matched") return goal.state + " matches no rule";
  if (goal.kind == "catch" && state) {
    const std::string index = index_after("Catch");
    const std::size_t i = index.empty() ? 0 : std::stoul(index);
    std::string errors;
    if (i < state->catch_.size()) {
      for (const std::string& error : state->catch_[i].error_equals) errors += (errors.empty() ? "" : " ") + error;
      return goal.state + " catches " + errors + " to " + state->catch_[i].next;
    }
  }
  if (goal.kind == "retry") return goal.state + " retries " + index_after("Retry");
  if (goal.kind == "raise") return goal.state + " raises States.Runtime";
  if (goal.kind == "uncaught") return goal.state + " fails uncaught";
  if (goal.kind == "mcdc") return goal.state + " MC-DC " + goal.pointer.substr(goal.pointer.find("/Choices/") + 1);
  if (goal.kind == "path") return "path " + goal.id.substr(5);
  return goal.id;
}

int naming_rank(const std::string& kind) {
  static const char* const kOrder[] = {"state", "path", "mcdc", "choice-rule", "default", "retry",
                                       "catch", "no-choice-matched", "uncaught", "raise"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i) {
    if (kind == kOrder[i]) return static_cast<int>(i);
  }
  return 0;
}

class Generator {
 public:
  Generator(const StateMachine& machine, const GenerateOptions& options)
      : machine_(machine), options_(options), tracker_(machine) {}

  GeneratedSuite run() {
    GeneratedSuite suite;
    // A machine the interpreter refuses (an unsupported JSONata construct) gives no test at all.
    suite.unsupported = interp::refusal_reason(machine_);
    if (suite.unsupported) {
      for (CoverageGoal& goal : coverage_goals(machine_, options_.level, options_.loop_bound, {}, options_.max_paths).goals) {
        suite.goals.push_back(GoalReport{std::move(goal), GoalVerdict::Unknown, {}, std::nullopt, *suite.unsupported});
      }
      return suite;
    }
    if (has_jsonata_state(machine_)) {
      suite.limits.push_back("JSONata states are not modelled by the solver yet: goals are decided by interpreter "
                             "runs alone, and none is proved impossible");
    } else {
      solver::SolverOptions solver_options;
      solver_options.loop_bound = options_.loop_bound;
      report_ = solver::analyze_machine(machine_, solver_options);
      suite.stats.solver_queries = report_.queries;
      suite.limits = report_.limits;
    }

    // 1. The solver's witnesses, each only if its run ends where the solver predicted.
    for (const json& witness : report_.tests) {
      ++suite.stats.solver_witnesses;
      interp::TestCaseParseResult parsed = interp::parse_test_case(witness);
      std::optional<interp::RunResult> run = run_test(machine_, witness);
      if (!run || !parsed.test || !parsed.test->expect ||
          !interp::compare_with_expectation(*run, *parsed.test->expect).empty()) {
        continue;
      }
      ++suite.stats.witnesses_replayed;
      add_candidate(witness, std::move(*run));
    }
    // Runtime failures `check` reports become goals: those a replayed witness shows.
    std::set<std::string> raise_states;
    for (const solver::SolverFinding& finding : report_.findings) {
      const std::string& rule = finding.diagnostic.rule;
      if (rule != "missing-path" && rule != "use-before-write" && rule != "no-choice-matched") continue;
      if (const State* state = state_at(machine_, finding.diagnostic.location.pointer)) raise_states.insert(state->pointer);
    }
    goal_list_ = coverage_goals(machine_, options_.level, options_.loop_bound, {}, options_.max_paths);
    target_ids_.clear();
    for (const CoverageGoal& goal : goal_list_.goals) target_ids_.insert(goal.id);

    // 2. Mutations: a Task that throws, for Retry, Catch and uncaught-failure goals.
    suite.stats.mutations += mutate_for_errors();
    // 3. Random runs for what is still open (small machines only: runs keep a trace).
    if (!open_goals().empty() && machine_.states.size() <= kMaxStatesForRandomRuns) {
      RandomRunOptions random_options;
      random_options.seed = options_.seed;
      random_options.runs = std::clamp<std::size_t>(30000 / std::max<std::size_t>(machine_.states.size(), 1), 20,
                                                    options_.max_random_runs);
      const bool keep_all = options_.level >= CoverageLevel::Mcdc;
      draw_runs(machine_, random_options, [&](const RandomRun& run) {
        ++suite.stats.random_runs;
        std::vector<std::string> goals = tracker_.goals_met(run.result);
        add_path_goal(run.result, goals);
        const bool adds = std::any_of(goals.begin(), goals.end(),
                                      [&](const std::string& goal) { return target_ids_.count(goal) && !met_.count(goal); });
        if (adds || keep_all) add_candidate(trim_unused_mocks(machine_, run.test), run.result);
        return !open_goals().empty();
      });
      suite.stats.mutations += mutate_for_errors();
    }
    if (options_.level >= CoverageLevel::Mcdc) suite.stats.mutations += mutate_for_mcdc();
    if (options_.level >= CoverageLevel::Paths) suite.stats.mutations += mutate_for_paths();
    // 4. Coverage-guided: tests that met something new, drawn again one response or input value at a
    // time, so runs get past the Choices that pure random draws rarely pass in a row.
    if (!open_goals().empty() && machine_.states.size() <= kMaxStatesForFuzzing) {
      suite.stats.mutations += fuzz();
      suite.stats.mutations += mutate_for_errors();
    }
    // Failures check reports that a candidate run shows.
    std::vector<std::string> raises;
    for (const std::string& pointer : raise_states) {
      if (met_.count("raise:" + pointer) || met_.count("no-choice-matched:" + pointer)) raises.push_back(pointer);
    }
    goal_list_ = coverage_goals(machine_, options_.level, options_.loop_bound, raises, options_.max_paths);
    target_ids_.clear();
    for (const CoverageGoal& goal : goal_list_.goals) target_ids_.insert(goal.id);
    suite.stats.candidates = candidates_.size();

    select_and_write(suite);
    return suite;
  }

 private:
  void add_path_goal(const interp::RunResult& result, std::vector<std::string>& goals) const {
    if (std::optional<std::string> path = path_goal(machine_, result)) {
      goals.push_back(std::move(*path));
      std::sort(goals.begin(), goals.end());
    }
  }

  void add_candidate(json test, interp::RunResult run) {
    const std::string key = test["input"].dump() + test["mocks"].dump() + test.value("context", json::object()).dump();
    if (!seen_tests_.insert(key).second) return;
    std::vector<std::string> goals = tracker_.goals_met(run);
    add_path_goal(run, goals);
    met_.insert(goals.begin(), goals.end());
    if (options_.level >= CoverageLevel::Mcdc) all_runs_.record(run);
    candidates_.push_back(Candidate{std::move(test), std::move(run), std::move(goals)});
  }

  // Goals no candidate meets yet; mcdc goals (pairs of runs) are looked at only every 25th call,
  // since finding pairs costs in proportion to the square of the runs.
  std::vector<std::string> open_goals() {
    std::vector<std::string> open;
    bool mcdc_open = false;
    for (const std::string& goal : target_ids_) {
      if (goal.rfind("mcdc:", 0) == 0) {
        mcdc_open = mcdc_open || !met_.count(goal);
      } else if (!met_.count(goal)) {
        open.push_back(goal);
      }
    }
    if (mcdc_open && ++open_calls_ % 25 == 1) {
      for (const std::string& goal : all_runs_.goals_met()) met_.insert(goal);
    }
    for (const std::string& goal : target_ids_) {
      if (goal.rfind("mcdc:", 0) == 0 && !met_.count(goal)) open.push_back(goal);
    }
    return open;
  }

  std::size_t fuzz() {
    RandomRunOptions mutation_options;
    mutation_options.seed = options_.seed;
    RunMutator mutator(machine_, mutation_options);
    const std::size_t budget =
        std::clamp<std::size_t>(kFuzzWork / std::max<std::size_t>(machine_.states.size(), 1), 50, kMaxFuzzRuns);
    std::size_t made = 0;
    for (std::size_t i = 0; i < budget && !candidates_.empty(); ++i) {
      // Mostly the newest finds (they reach furthest), now and then any.
      const std::size_t count = candidates_.size();
      const std::size_t pick = i % 3 == 2 ? (i * 2654435761u) % count : count - 1 - (i / 3) % std::min<std::size_t>(count, 8);
      const json base = candidates_[pick].test;
      std::optional<RandomRun> run = mutator.mutate(base, i);
      if (!run) continue;
      std::vector<std::string> goals = tracker_.goals_met(run->result);
      add_path_goal(run->result, goals);
      const bool adds = std::any_of(goals.begin(), goals.end(), [&](const std::string& goal) {
        return target_ids_.count(goal) && !met_.count(goal);
      });
      if (adds) {
        add_candidate(trim_unused_mocks(machine_, run->test), std::move(run->result));
        ++made;
      }
      if (i % 50 == 49 && open_goals().empty()) break;
    }
    return made;
  }

  // For each open retry, catch or uncaught goal: a candidate that enters the state, with a Task
  // (the state itself, or for a Parallel or Map one of the Tasks inside it) whose first call throws
  // an error that goal's entry takes, as often as the retries on the way need. The interpreter says
  // whether the goal was met; nothing is assumed.
  std::size_t mutate_for_errors() {
    std::size_t made = 0;
    const interp::SemanticsOptions semantics;
    for (const State& state : machine_.states) {
      if (state.type != StateType::Task && state.type != StateType::Parallel && state.type != StateType::Map) continue;
      struct Want {
        std::string goal;
        std::vector<std::string> errors;
        bool retry = false;
      };
      std::vector<Want> wants;
      for (const Retrier& retrier : state.retry) wants.push_back({"retry:" + retrier.pointer, retrier.error_equals, true});
      for (const Catcher& catcher : state.catch_) wants.push_back({"catch:" + catcher.pointer, catcher.error_equals});
      if (state.type == StateType::Task) wants.push_back({"uncaught:" + state.pointer, {}});
      const std::vector<const State*> throwers = tasks_within(state);
      for (Want& want : wants) {
        if (!target_ids_.count(want.goal) || met_.count(want.goal)) continue;
        std::vector<std::string> errors;
        for (const std::string& error : want.errors) {
          if (error != "States.ALL" && error != "States.TaskFailed") errors.push_back(error);
        }
        errors.push_back(kInjectedError);
        if (try_mutations(state, want.goal, want.retry, errors, throwers, semantics)) ++made;
      }
    }
    return made;
  }

  // With `only_base`, that candidate is the one base tried.
  bool try_mutations(const State& state, const std::string& goal, bool retry_goal,
                     const std::vector<std::string>& errors, const std::vector<const State*>& throwers,
                     const interp::SemanticsOptions& semantics, std::optional<std::size_t> only_base = {}) {
    std::size_t attempts = 0;
    const std::vector<std::size_t> bases = only_base ? std::vector<std::size_t>{*only_base} : bases_for(state);
    for (std::size_t base_index : bases) {
      const Candidate* base = &candidates_[base_index];
      for (const State* thrower : throwers) {
        if (!enters(*base, *thrower)) continue;
        for (const std::string& error : errors) {
          if (attempts++ >= kMaxMutationsPerGoal) return false;
          const interp::Failure failure{error, std::nullopt};
          if (interp::is_uncatchable(failure, semantics)) continue;
          // Calls of the thrower until the failure leaves it, then (for a catch or an uncaught
          // failure) until the state's own retries are spent.
          std::size_t throws = 1 + retries_for(*thrower, failure, semantics);
          if (thrower != &state && !retry_goal) throws *= 1 + retries_for(state, failure, semantics);
          if (thrower == &state && retry_goal) throws = 1;
          throws = std::min<std::size_t>(throws, 64);
          json test = base->test;
          json responses = json::array();
          for (std::size_t i = 0; i < throws; ++i) {
            responses.push_back({{"Throw", {{"Error", error}, {"Cause", kMockedCause}}}});
          }
          const json original = test["mocks"].value(thrower->name, json::array());
          for (const json& response : original) responses.push_back(response);
          for (const json& response : original) responses.push_back(response);  // later visits, shifted
          test["mocks"][thrower->name] = std::move(responses);
          // The failure may lead to Tasks the base run never called: they return {}.
          for (const State& task : machine_.states) {
            if (task.type == StateType::Task && !test["mocks"].contains(task.name)) {
              test["mocks"][task.name] = json::array({{{"Return", json::object()}}, {{"Return", json::object()}}});
            }
          }
          test = trim_unused_mocks(machine_, std::move(test));
          if (keep_if_it_meets(std::move(test), goal)) return true;
        }
      }
    }
    return false;
  }

  static std::size_t retries_for(const State& state, const interp::Failure& failure,
                                 const interp::SemanticsOptions& semantics) {
    for (const Retrier& retrier : state.retry) {
      if (!interp::error_equals_matches(retrier.error_equals, failure, semantics)) continue;
      return static_cast<std::size_t>(std::clamp<long long>(retrier.max_attempts, 0, 20));
    }
    return 0;
  }

  // The Task itself, or the Tasks inside a Parallel's branches or a Map's processor, in document order.
  std::vector<const State*> tasks_within(const State& state) const {
    if (state.type == StateType::Task) return {&state};
    std::vector<const State*> tasks;
    std::vector<int> scopes = state.child_scopes;
    for (std::size_t i = 0; i < scopes.size(); ++i) {
      for (int member : machine_.scopes[static_cast<std::size_t>(scopes[i])].states) {
        const State& inner = machine_.states[static_cast<std::size_t>(member)];
        if (inner.type == StateType::Task) tasks.push_back(&inner);
        scopes.insert(scopes.end(), inner.child_scopes.begin(), inner.child_scopes.end());
      }
    }
    return tasks;
  }

  static bool enters(const Candidate& candidate, const State& state) {
    return std::binary_search(candidate.goals.begin(), candidate.goals.end(), "state:" + state.pointer);
  }

  // Runs `test` and keeps it as a candidate when its run meets `goal`.
  bool keep_if_it_meets(json test, const std::string& goal) {
    std::optional<interp::RunResult> run = run_test(machine_, test);
    if (!run) return false;
    std::vector<std::string> goals = tracker_.goals_met(*run);
    add_path_goal(*run, goals);
    if (!std::binary_search(goals.begin(), goals.end(), goal)) return false;
    add_candidate(std::move(test), std::move(*run));
    return true;
  }

  // Up to four candidates that enter `state`: runs whose visit of it did not fail first (a visit
  // that fails before its Task is called never sees the mocked error), then shorter runs.
  // Indexes into candidates_, which adding a candidate may move.
  // With `evaluating_rule`, only runs where a visit of the Choice evaluated Choices[evaluating_rule].
  std::vector<std::size_t> bases_for(const State& state, std::optional<std::size_t> evaluating_rule = {}) const {
    std::vector<std::pair<std::pair<bool, std::size_t>, std::size_t>> ranked;
    for (std::size_t c = 0; c < candidates_.size(); ++c) {
      const Candidate& candidate = candidates_[c];
      if (!enters(candidate, state)) continue;
      bool failed = false, evaluated = false;
      for (const interp::TraceEntry& entry : candidate.run.trace) {
        if (entry.state != state.name) continue;
        if (entry.failed) failed = true;
        if (evaluating_rule) {
          evaluated = evaluated || entry.choice_default || (entry.choice_rule && *entry.choice_rule >= *evaluating_rule) ||
                      entry.error == "States.NoChoiceMatched";
        }
      }
      if (evaluating_rule && !evaluated) continue;
      ranked.push_back({{failed, candidate.run.trace.size()}, c});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& left, const auto& right) { return left.first < right.first; });
    std::vector<std::size_t> bases;
    for (std::size_t i = 0; i < ranked.size() && i < 4; ++i) bases.push_back(ranked[i].second);
    return bases;
  }

  // MC/DC goals random runs left open: runs that visit the Choice again with the condition's
  // Variable set, in the execution input and in each mocked result, to values around its operand.
  // Changing one location most often changes that condition alone, which is what a pair needs.
  std::size_t mutate_for_mcdc() {
    std::size_t made = 0;
    for (const std::string& goal : all_runs_.goals_met()) met_.insert(goal);
    for (const State& state : machine_.states) {
      for (std::size_t rule_index = 0; rule_index < state.choices.size(); ++rule_index) {
        const ChoiceRule& rule = state.choices[rule_index];
        const std::vector<const ChoiceRule*> leaves = atomic_conditions(rule);
        if (leaves.size() < 2 && rule.op != ChoiceOperator::Not) continue;
        for (const ChoiceRule* leaf : leaves) {
          const std::string goal = "mcdc:" + leaf->pointer;
          if (!target_ids_.count(goal) || met_.count(goal)) continue;
          if (!leaf->variable_path || leaf->variable_path->root != PathRoot::Input) continue;
          const std::vector<std::optional<json>> values = values_around(*leaf);
          std::size_t budget = kMaxMutationsPerGoal * 3;
          for (std::size_t base_index : bases_for(state, rule_index)) {
            const json base_test = candidates_[base_index].test;  // adding candidates may move it
            const std::vector<json::json_pointer> places = places_for(base_test, *leaf->variable_path);
            for (const json::json_pointer& place : places) {
              for (const std::optional<json>& value : values) {
                if (budget == 0) break;
                json test = base_test;
                try {
                  if (value) {
                    test[place] = *value;
                  } else if (test.contains(place)) {
                    test[place.parent_pointer()].erase(place.back());
                  } else {
                    continue;
                  }
                } catch (const json::exception&) {
                  continue;  // the place's container is not an object
                }
                --budget;
                std::optional<interp::RunResult> run = run_test(machine_, test);
                if (!run) continue;
                add_candidate(std::move(test), std::move(*run));
                ++made;
              }
            }
            if (budget == 0 || all_runs_.mcdc_pair(goal)) break;
          }
          if (all_runs_.mcdc_pair(goal)) met_.insert(goal);
        }
      }
    }
    return made;
  }

  // The operand, its neighbours, both booleans, a value of another type, and absence (nullopt).
  static std::vector<std::optional<json>> values_around(const ChoiceRule& leaf) {
    std::vector<std::optional<json>> values;
    const json& operand = leaf.operand;
    if (operand.is_number()) {
      const double number = operand.get<double>();
      values = {operand, json(number + 1), json(number - 1)};
    } else if (operand.is_string()) {
      values = {operand, json(operand.get<std::string>() + "x"), json("")};
    } else if (operand.is_boolean()) {
      values = {operand, json(!operand.get<bool>())};
    }
    values.push_back(json(true));
    values.push_back(json(false));
    values.push_back(json(0));
    values.push_back(json(nullptr));
    values.push_back(std::nullopt);
    return values;
  }

  // Path goals left open: the candidate whose path shares the longest beginning with the goal's,
  // changed where the two part: a Task (or a Task inside a Parallel or Map) made to throw what the
  // catcher leading on takes, or a Choice's condition values set around their operands.
  std::size_t mutate_for_paths() {
    std::size_t made = 0;
    const interp::SemanticsOptions semantics;
    for (const CoverageGoal& goal : goal_list_.goals) {
      if (goal.kind != "path" || met_.count(goal.id)) continue;
      const std::vector<std::string> names = split_path_goal(goal.id);
      std::size_t best = candidates_.size(), best_shared = 0;
      for (std::size_t c = 0; c < candidates_.size(); ++c) {
        const std::vector<std::string>& path = candidates_[c].run.path;
        std::size_t shared = 0;
        while (shared < path.size() && shared < names.size() && path[shared] == names[shared]) ++shared;
        if (shared > best_shared) {
          best = c;
          best_shared = shared;
        }
      }
      if (best == candidates_.size() || best_shared >= names.size()) continue;
      const State* parting = machine_.find(0, names[best_shared - 1]);
      if (!parting || std::count(names.begin(), names.begin() + static_cast<long>(best_shared), parting->name) != 1) {
        continue;  // only a first visit is changed
      }
      const std::string& wanted_next = names[best_shared];
      if (parting->type == StateType::Choice) {
        if (mutate_choice_inputs(*parting, wanted_next, best, goal.id)) ++made;
        continue;
      }
      for (const Catcher& catcher : parting->catch_) {
        if (catcher.next != wanted_next) continue;
        std::vector<std::string> errors;
        for (const std::string& error : catcher.error_equals) {
          if (error != "States.ALL" && error != "States.TaskFailed") errors.push_back(error);
        }
        errors.push_back(kInjectedError);
        if (try_mutations(*parting, goal.id, false, errors, tasks_within(*parting), semantics, best)) {
          ++made;
          break;
        }
      }
    }
    return made;
  }

  // The base run again, with the Variables of the rules leading to `wanted_next` set around their
  // operands in the execution input; kept when the run meets `goal`.
  bool mutate_choice_inputs(const State& choice, const std::string& wanted_next, std::size_t base_index,
                            const std::string& goal) {
    const json base_test = candidates_[base_index].test;
    std::size_t budget = kMaxMutationsPerGoal * 3;
    for (const ChoiceRule& rule : choice.choices) {
      if (rule.next != wanted_next) continue;
      const std::vector<const ChoiceRule*> leaves = atomic_conditions(rule);
      for (const ChoiceRule* leaf : leaves) {
        if (!leaf->variable_path || leaf->variable_path->root != PathRoot::Input) continue;
        for (const json::json_pointer& place : places_for(base_test, *leaf->variable_path))
        for (const std::optional<json>& value : values_around(*leaf)) {
          if (!value || budget == 0) continue;
          json test = base_test;
          try {
            test[place] = *value;
          } catch (const json::exception&) {
            continue;
          }
          --budget;
          if (keep_if_it_meets(std::move(test), goal)) return true;
        }
      }
    }
    return false;
  }

  // Where a Choice Variable's value may come from: the execution input at the same path, and each
  // mocked result at every tail of it (a ResultPath may have placed the result at any level).
  static std::vector<json::json_pointer> places_for(const json& test, const Path& variable) {
    std::vector<std::string> members;
    for (const PathSegment& segment : variable.segments) {
      if (segment.kind != PathSegment::Kind::Member) return {};
      members.push_back(segment.name);
    }
    std::vector<json::json_pointer> places;
    json::json_pointer input("/input");
    for (const std::string& member : members) input /= member;
    places.push_back(input);
    const json mocks = test.value("mocks", json::object());
    for (const auto& [name, list] : mocks.items()) {
      for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
        if (!list[i].contains("Return")) continue;
        for (std::size_t first = 0; first <= members.size(); ++first) {
          json::json_pointer place = json::json_pointer("/mocks") / name / i / "Return";
          for (std::size_t m = first; m < members.size(); ++m) place /= members[m];
          places.push_back(place);
        }
      }
    }
    return places;
  }

  static std::vector<std::string> split_path_goal(const std::string& id) {
    std::vector<std::string> names;
    const std::string text = id.substr(5);
    for (std::size_t start = 0;;) {
      const std::size_t end = text.find(" > ", start);
      names.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 3;
    }
    return names;
  }

  // Deletes members of the input and of mocked results while the test still meets `required`.
  json simplify(json test, const std::set<std::string>& required) const {
    std::size_t budget = kMaxSimplifyRuns;
    auto still_meets = [&](const json& attempt) {
      if (budget == 0) return false;
      --budget;
      std::optional<interp::RunResult> run = run_test(machine_, attempt);
      if (!run) return false;
      std::vector<std::string> goals = tracker_.goals_met(*run);
      add_path_goal(*run, goals);
      return meets_all(goals, required);
    };
    std::function<void(const json::json_pointer&)> prune = [&](const json::json_pointer& at) {
      if (!test.contains(at) || !test[at].is_object()) return;
      std::vector<std::string> keys;
      for (const auto& [key, value] : test[at].items()) keys.push_back(key);
      for (const std::string& key : keys) {
        json attempt = test;
        attempt[at].erase(key);
        if (still_meets(attempt)) {
          test = std::move(attempt);
        } else {
          prune(at / key);
        }
      }
    };
    prune(json::json_pointer("/input"));
    // Pruning replaces `test`: the responses to visit are listed first.
    std::vector<json::json_pointer> results;
    if (test.contains("mocks") && test["mocks"].is_object()) {
      for (const auto& [name, list] : test["mocks"].items()) {
        for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
          results.push_back(json::json_pointer("/mocks") / name / i / "Return");
        }
      }
    }
    // A service returns an object, not null or a bare value, and an error says what it is (a mock
    // config file needs a Cause): the more natural response is kept where it serves as well.
    for (const json::json_pointer& result : results) {
      if (!test.contains(result) || test[result].is_object()) continue;
      json attempt = test;
      attempt[result] = json::object();
      if (still_meets(attempt)) test = std::move(attempt);
    }
    for (const json::json_pointer& result : results) prune(result);
    // A Lambda function's null or empty Payload, read whole by a later path, is a gray area of AWS's
    // semantics (a path on a null or empty input may fail there): an object serves where it keeps the goals, so the tests run
    // the same on other runtimes.
    for (const json::json_pointer& result : results) {
      const json::json_pointer payload = result / "Payload";
      if (!test.contains(payload) || !(test[payload].is_null() || test[payload] == "")) continue;
      json attempt = test;
      attempt[payload] = json::object();
      if (still_meets(attempt)) test = std::move(attempt);
    }
    for (const json::json_pointer& result : results) {
      const json::json_pointer cause = result.parent_pointer() / "Throw" / "Cause";
      if (!test.contains(cause.parent_pointer()) || (test.contains(cause) && test[cause] != "")) continue;
      json attempt = test;
      attempt[cause] = kMockedCause;
      if (still_meets(attempt)) test = std::move(attempt);
    }
    return test;
  }

  void select_and_write(GeneratedSuite& suite) {
    std::set<std::string> uncovered;
    for (const CoverageGoal& goal : goal_list_.goals) {
      if (goal.kind != "mcdc" && met_.count(goal.id)) uncovered.insert(goal.id);
    }
    // Greedy set cover: the candidate that meets the most uncovered goals, then the shortest run.
    std::vector<std::size_t> chosen;
    std::vector<std::set<std::string>> assigned;
    std::vector<bool> taken(candidates_.size(), false);
    while (!uncovered.empty()) {
      std::size_t best = candidates_.size(), best_score = 0;
      for (std::size_t c = 0; c < candidates_.size(); ++c) {
        if (taken[c]) continue;
        std::size_t score = 0;
        for (const std::string& goal : candidates_[c].goals) score += uncovered.count(goal);
        if (score > best_score ||
            (score == best_score && score > 0 && candidates_[c].run.trace.size() < candidates_[best].run.trace.size())) {
          best = c;
          best_score = score;
        }
      }
      if (best == candidates_.size()) break;
      taken[best] = true;
      std::set<std::string> mine;
      for (const std::string& goal : candidates_[best].goals) {
        if (uncovered.erase(goal)) mine.insert(goal);
      }
      chosen.push_back(best);
      assigned.push_back(std::move(mine));
    }
    std::vector<bool> keep_values(chosen.size(), false);
    // MC/DC: a pair of candidates per goal, from all the runs recorded together.
    if (options_.level >= CoverageLevel::Mcdc) {
      for (const CoverageGoal& goal : goal_list_.goals) {
        if (goal.kind != "mcdc") continue;
        std::optional<std::pair<std::size_t, std::size_t>> pair = all_runs_.mcdc_pair(goal.id);
        if (!pair) continue;
        for (std::size_t member : {pair->first, pair->second}) {
          auto at = std::find(chosen.begin(), chosen.end(), member);
          if (at == chosen.end()) {
            chosen.push_back(member);
            assigned.push_back({goal.id});
            keep_values.push_back(true);
          } else {
            keep_values[static_cast<std::size_t>(at - chosen.begin())] = true;
          }
        }
      }
    }

    // The tests, simplified and run again for their expectations; coverage is read from these runs.
    CoverageRecorder final_coverage(machine_);
    std::vector<std::vector<std::string>> met_by_test;
    for (std::size_t t = 0; t < chosen.size(); ++t) {
      json test = candidates_[chosen[t]].test;
      if (!keep_values[t]) test = simplify(std::move(test), assigned[t]);
      std::optional<interp::RunResult> run = run_test(machine_, test);
      if (!run) continue;  // cannot happen: every candidate ran
      std::vector<std::string> goals = final_coverage.record(*run);
      std::vector<std::string> covers;
      for (const std::string& goal : goals) {
        if (target_ids_.count(goal)) covers.push_back(goal);
      }
      // Named for the most telling goal it was chosen for: a failure before a branch, a branch
      // before a state.
      std::string name = "test " + std::to_string(t + 1);
      int best_rank = -1;
      for (const CoverageGoal& goal : goal_list_.goals) {
        if (!assigned[t].count(goal.id)) continue;
        const int rank = naming_rank(goal.kind);
        if (rank > best_rank) {
          best_rank = rank;
          name = test_name_for(goal, machine_);
        }
      }
      json written = {{"name", name}, {"covers", covers}, {"input", test.value("input", json::object())}};
      if (test.contains("context")) written["context"] = test["context"];
      written["mocks"] = test.value("mocks", json::object());
      written["expect"] = expectation_of(*run);
      suite.tests.push_back(GeneratedTest{name, std::move(written)});
      met_by_test.push_back(std::move(goals));
    }
    // mcdc goals: named in the covers of both tests of their pair.
    for (const CoverageGoal& goal : goal_list_.goals) {
      if (goal.kind != "mcdc") continue;
      if (std::optional<std::pair<std::size_t, std::size_t>> pair = final_coverage.mcdc_pair(goal.id)) {
        for (std::size_t member : {pair->first, pair->second}) {
          suite.tests[member].test["covers"].push_back(goal.id);
          met_by_test[member].push_back(goal.id);
        }
      }
    }
    report_goals(suite, final_coverage.goals_met(), met_by_test);
  }

  void report_goals(GeneratedSuite& suite, const std::vector<std::string>& met,
                    const std::vector<std::vector<std::string>>& met_by_test) {
    std::map<std::string, const solver::Goal*> solver_goals;
    for (const solver::Goal& goal : report_.goals) solver_goals[goal.id] = &goal;
    std::map<std::string, const solver::SolverFinding*> dead_entries;
    for (const solver::SolverFinding& finding : report_.findings) {
      if (finding.diagnostic.rule == "dead-catcher") dead_entries[finding.diagnostic.location.pointer] = &finding;
    }
    auto impossible_state = [&](const std::string& pointer) -> const solver::Goal* {
      auto found = solver_goals.find("state:" + pointer);
      return found != solver_goals.end() && found->second->status == solver::GoalStatus::Impossible ? found->second
                                                                                                     : nullptr;
    };
    for (const CoverageGoal& goal : goal_list_.goals) {
      GoalReport entry;
      entry.goal = goal;
      if (std::binary_search(met.begin(), met.end(), goal.id)) {
        entry.verdict = GoalVerdict::Covered;
        for (std::size_t t = 0; t < met_by_test.size(); ++t) {
          if (std::find(met_by_test[t].begin(), met_by_test[t].end(), goal.id) != met_by_test[t].end()) {
            entry.tests.push_back(t);
          }
        }
        suite.goals.push_back(std::move(entry));
        continue;
      }
      auto solver_goal = solver_goals.find(goal.id);
      const State* state = goal.pointer.empty() ? nullptr : state_at(machine_, goal.pointer);
      if (solver_goal != solver_goals.end() && solver_goal->second->status == solver::GoalStatus::Impossible) {
        entry.verdict = GoalVerdict::Impossible;
        entry.proof = solver_goal->second->proof;
        entry.reason = "proved impossible";
      } else if (auto dead = dead_entries.find(goal.pointer);
                 dead != dead_entries.end() && (goal.kind == "retry" || goal.kind == "catch")) {
        entry.verdict = GoalVerdict::Impossible;
        entry.proof = dead->second->diagnostic.evidence;
        entry.reason = dead->second->diagnostic.message;
      } else if (const solver::Goal* never = state ? impossible_state(state->pointer) : nullptr;
                 never && goal.kind != "state") {
        entry.verdict = GoalVerdict::Impossible;
        entry.proof = never->proof;
        entry.reason = "'" + state->name + "' is never entered";
      } else if (goal.kind == "path") {
        entry.reason = impossible_path_reason(goal, solver_goals);
        entry.verdict = entry.reason.empty() ? GoalVerdict::Unknown : GoalVerdict::Impossible;
        if (entry.reason.empty()) {
          entry.reason = "no run found along this path (the solver's search and " +
                         std::to_string(options_.max_random_runs) +
                         " random runs at most), and its infeasibility is not proved";
        }
      } else {
        entry.reason = unknown_reason(goal, solver_goal == solver_goals.end() ? nullptr : solver_goal->second);
      }
      suite.goals.push_back(std::move(entry));
    }
    if (goal_list_.paths_truncated) {
      suite.limits.push_back("only the first " + std::to_string(options_.max_paths) + " paths are goals");
    }
  }

  // Why a path cannot run: it enters a state, or takes a Choice edge, the solver proved impossible.
  std::string impossible_path_reason(const CoverageGoal& goal,
                                     const std::map<std::string, const solver::Goal*>& solver_goals) const {
    auto is_impossible = [&](const std::string& id) {
      auto found = solver_goals.find(id);
      return found != solver_goals.end() && found->second->status == solver::GoalStatus::Impossible;
    };
    const std::vector<std::string> names = split_path_goal(goal.id);
    for (std::size_t i = 0; i < names.size(); ++i) {
      const State* state = machine_.find(0, names[i]);
      if (!state) continue;
      if (is_impossible("state:" + state->pointer)) return "'" + state->name + "' is never entered";
      if (state->type != StateType::Choice || i + 1 >= names.size()) continue;
      bool possible = false;
      for (std::size_t r = 0; r < state->choices.size(); ++r) {
        if (state->choices[r].next == names[i + 1] &&
            !is_impossible("rule:" + state->pointer + "/Choices/" + std::to_string(r))) {
          possible = true;
        }
      }
      if (state->default_target && *state->default_target == names[i + 1] &&
          !is_impossible("default:" + state->pointer)) {
        possible = true;
      }
      if (!possible) return "'" + state->name + "' never moves to '" + names[i + 1] + "'";
    }
    return {};
  }

  std::string unknown_reason(const CoverageGoal& goal, const solver::Goal* solver_goal) const {
    if (solver_goal && !solver_goal->reason.empty()) return solver_goal->reason;
    if (goal.kind == "mcdc") {
      return "no pair of runs found that differ in this condition alone and change the rule's outcome";
    }
    if (goal.kind == "uncaught") {
      if (const State* state = state_at(machine_, goal.pointer)) {
        for (const Catcher& catcher : state->catch_) {
          if (std::find(catcher.error_equals.begin(), catcher.error_equals.end(), "States.ALL") !=
              catcher.error_equals.end()) {
            return "every error the Task can throw is caught (" + catcher.pointer +
                   " lists States.ALL); only a States.Runtime failure of its own paths could escape, and no run "
                   "found one";
          }
        }
      }
      return "no run found in which the Task fails and no Catch handles the error";
    }
    return "no run found (the solver's search, mutations of its witnesses and random runs), and not proved impossible";
  }

  const StateMachine& machine_;
  const GenerateOptions& options_;
  GoalTracker tracker_;
  solver::SolverReport report_;
  GoalList goal_list_;
  std::set<std::string> target_ids_;
  std::set<std::string> met_;
  std::set<std::string> seen_tests_;
  std::vector<Candidate> candidates_;
  CoverageRecorder all_runs_{machine_};  // every candidate, in order (for mcdc pairs)
  std::size_t open_calls_ = 0;
};

}  // namespace

const char* goal_verdict_name(GoalVerdict verdict) {
  switch (verdict) {
    case GoalVerdict::Covered: return "covered";
    case GoalVerdict::Impossible: return "impossible";
    case GoalVerdict::Unknown: return "unknown";
  }
  return "unknown";
}

GeneratedSuite generate_tests(const StateMachine& machine, const GenerateOptions& options) {
  return Generator(machine, options).run();
}

}  // namespace sfn::testgen
