#include "cli/solver_check.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <optional>

#include "analyzer/model.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"
#include "solver/analysis.h"
#include "solver/catcher_order.h"
#include "testgen/coverage.h"
#include "testgen/random_runs.h"

namespace sfn::cli {
namespace {

constexpr std::size_t kMaxStatesForRandomRuns = 300;

void locate(const SourceDocument& document, Location& location) {
  if (const SourcePosition* position = document.value_position(location.pointer)) {
    location.line = position->line;
    location.column = position->column;
  }
}

// Replays witness tests in the interpreter, each once.
class Replayer {
 public:
  Replayer(const StateMachine& machine, const std::vector<nlohmann::json>& tests) : machine_(machine), tests_(tests) {}

  // Empty when the test ends exactly as predicted; otherwise what differed.
  const std::string& mismatch(std::size_t index) {
    auto found = results_.find(index);
    if (found != results_.end()) return found->second;
    std::string problem;
    interp::TestCaseParseResult parsed = interp::parse_test_case(tests_.at(index));
    if (!parsed.test || !parsed.test->expect) {
      problem = "the witness is not a valid test" + (parsed.error ? ": " + parsed.error->message : std::string());
    } else {
      interp::RunOptions options;
      const interp::RunResult result =
          interp::run_state_machine(machine_, parsed.test->input, parsed.test->mocks, options);
      if (result.unusable) {
        problem = *result.unusable;
      } else {
        for (const std::string& difference : interp::compare_with_expectation(result, *parsed.test->expect)) {
          problem += (problem.empty() ? "" : "; ") + difference;
        }
      }
    }
    return results_.emplace(index, std::move(problem)).first->second;
  }

 private:
  const StateMachine& machine_;
  const std::vector<nlohmann::json>& tests_;
  std::map<std::size_t, std::string> results_;
};

Diagnostic note(std::string rule, std::string message, std::string pointer, std::string state) {
  Diagnostic diagnostic;
  diagnostic.rule = std::move(rule);
  diagnostic.severity = Severity::Note;
  diagnostic.message = std::move(message);
  diagnostic.location.pointer = std::move(pointer);
  diagnostic.location.state = std::move(state);
  return diagnostic;
}

// The goals the solver would list, all open, for machines it does not analyse: testgen's branch
// goals, with NoChoiceMatched for every Choice without a Default and no Retry goals.
std::vector<solver::Goal> goals_without_solver(const StateMachine& machine, const std::string& reason) {
  std::vector<std::string> choices_without_default;
  for (const State& state : machine.states) {
    if (state.type == StateType::Choice && !state.default_target) choices_without_default.push_back(state.pointer);
  }
  std::vector<solver::Goal> goals;
  for (testgen::CoverageGoal& coverage_goal :
       testgen::coverage_goals(machine, testgen::CoverageLevel::Branches, 0, choices_without_default).goals) {
    if (coverage_goal.kind == "retry") continue;
    solver::Goal goal;
    goal.id = std::move(coverage_goal.id);
    goal.kind = std::move(coverage_goal.kind);
    goal.pointer = std::move(coverage_goal.pointer);
    goal.state = std::move(coverage_goal.state);
    goal.reason = reason;
    goals.push_back(std::move(goal));
  }
  return goals;
}

}  // namespace

SolverCheckResult run_solver_check(const SourceDocument& document, const SolverCheckOptions& options) {
  SolverCheckResult result;
  const auto started = std::chrono::steady_clock::now();
  const StateMachine machine = build_state_machine(document.root);
  for (const State& state : machine.states) {
    if (state.type == StateType::Choice) result.summary.choice_rules += state.choices.size();
  }
  solver::SolverReport report;
  if (has_jsonata_state(machine)) {
    // The solver does not model JSONata yet: nothing is proved, and goals are decided by interpreter
    // runs alone. Retry and Catch lists need neither Z3 nor the data flow.
    result.diagnostics.push_back(note("solver-limit",
                                      "JSONata states are not modelled by the solver yet: nothing is proved "
                                      "impossible, and goals are decided only by interpreter runs drawn from the "
                                      "values the expressions compare with",
                                      "", ""));
    for (Diagnostic& diagnostic : solver::find_catcher_findings(machine)) result.diagnostics.push_back(diagnostic);
    // A machine the interpreter refuses gets no run at all.
    const std::optional<std::string> refused = interp::refusal_reason(machine);
    report.goals = goals_without_solver(
        machine, refused ? "the solver does not model JSONata, and the interpreter refuses the machine: " + *refused
                         : "the solver does not model JSONata, and no interpreter run met it");
  } else {
    solver::SolverOptions solver_options;
    solver_options.loop_bound = options.loop_bound;
    report = solver::analyze_machine(machine, solver_options);
    result.summary.analysed = true;
    result.summary.queries = report.queries;
    result.summary.witnesses = report.tests.size();
  }
  Replayer replayer(machine, report.tests);

  for (const solver::SolverFinding& finding : report.findings) {
    Diagnostic diagnostic = finding.diagnostic;
    if (finding.witness) {
      const std::string& problem = replayer.mismatch(*finding.witness);
      if (!problem.empty()) {
        // Not shown: the finding stays a question, never a claim.
        ++result.summary.replay_failures;
        result.diagnostics.push_back(note("solver-undecided",
                                          "possible " + diagnostic.rule + " not confirmed: its witness did not replay (" +
                                              problem + ")",
                                          diagnostic.location.pointer, diagnostic.location.state));
        continue;
      }
    }
    result.diagnostics.push_back(std::move(diagnostic));
  }

  // Goals the search left open (or whose witness did not replay): random runs of the interpreter,
  // drawn from the constants the machine compares against, may meet them. A run is its own witness.
  std::map<std::string, nlohmann::json> met_by_run;
  std::set<std::string> open;
  for (const solver::Goal& goal : report.goals) {
    if (goal.status == solver::GoalStatus::Unknown ||
        (goal.status == solver::GoalStatus::Covered && !replayer.mismatch(*goal.test).empty())) {
      open.insert(goal.id);
    }
  }
  // Runs keep a trace with every state's input, which costs in proportion to the machine's size
  // squared: large machines (over 300 states) rely on the search alone.
  if (!open.empty() && machine.states.size() <= kMaxStatesForRandomRuns) {
    testgen::RandomRunOptions run_options;
    run_options.seed = 1;
    run_options.runs = std::clamp<std::size_t>(30000 / std::max<std::size_t>(machine.states.size(), 1), 20, 300);
    testgen::GoalTracker tracker(machine);
    std::size_t still_open = open.size();
    testgen::draw_runs(machine, run_options, [&](const testgen::RandomRun& run) {
      for (const std::string& id : tracker.goals_met(run.result)) {
        if (!open.count(id) || met_by_run.count(id)) continue;
        met_by_run[id] = testgen::trim_unused_mocks(machine, run.test);
        --still_open;
      }
      return still_open > 0;
    });
  }

  for (const solver::Goal& goal : report.goals) {
    ++result.summary.goals;
    solver::GoalStatus status = goal.status;
    std::string reason = goal.reason;
    if (status == solver::GoalStatus::Covered) {
      const std::string& problem = replayer.mismatch(*goal.test);
      if (!problem.empty()) {
        ++result.summary.replay_failures;
        status = solver::GoalStatus::Unknown;
        reason = "its witness did not replay (" + problem + ")";
      }
    }
    if (status == solver::GoalStatus::Unknown && met_by_run.count(goal.id)) {
      status = solver::GoalStatus::Covered;
      ++result.summary.random_witnesses;
      if (goal.kind == "no-choice-matched") {
        Diagnostic diagnostic;
        diagnostic.rule = "no-choice-matched";
        diagnostic.severity = Severity::Warning;
        diagnostic.location.pointer = goal.pointer;
        diagnostic.location.state = goal.state;
        diagnostic.message = "'" + goal.state +
                             "' has no Default, and a reachable input matches none of its rules: the run fails "
                             "with States.NoChoiceMatched (add a Default, or a rule for it)";
        diagnostic.evidence = nlohmann::json{{"kind", "witness"}, {"test", met_by_run[goal.id]}};
        result.diagnostics.push_back(std::move(diagnostic));
      }
    }
    if (status == solver::GoalStatus::Covered) ++result.summary.covered;
    if (status == solver::GoalStatus::Impossible) ++result.summary.impossible;
    if (status != solver::GoalStatus::Unknown) continue;
    ++result.summary.unknown;
    if (goal.kind == "choice-rule") ++result.summary.undecided_choice_rules;
    if (goal.kind == "choice-rule" || goal.kind == "default") {
      const std::string what = goal.kind == "default" ? "the Default" : "this Choice rule";
      result.diagnostics.push_back(note("solver-undecided",
                                        "whether " + what + " of '" + goal.state + "' can be taken is undecided: " +
                                            reason,
                                        goal.pointer, goal.state));
    }
  }
  if (!report.limits.empty()) {
    std::string text;
    for (const std::string& limit : report.limits) text += (text.empty() ? "" : "; ") + limit;
    result.diagnostics.push_back(note("solver-limit", "parts of the machine were not analysed exactly: " + text, "", ""));
  }
  for (Diagnostic& diagnostic : result.diagnostics) {
    locate(document, diagnostic.location);
    for (Location& related : diagnostic.related) locate(document, related);
  }
  result.summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace sfn::cli
