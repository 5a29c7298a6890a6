#pragma once
// The executor's machinery, shared by executor.cpp (scopes, transitions, limits) and
// state_steps.cpp (what each state type does). Internal to interpreter/.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/compiled_state.h"
#include "interpreter/evaluation.h"
#include "interpreter/executor.h"
#include "interpreter/jsonata_eval.h"
#include "interpreter/virtual_clock.h"

namespace sfn::interp {

// What one visit of a state produced: a transition, the end of its scope, or an error.
struct StepResult {
  const std::string* next = nullptr;  // when moving on: a name owned by the model
  nlohmann::json output;            // the state's output (when not failed)
  bool output_is_input = false;     // the output is the state's input unchanged: `output` is left empty
  std::optional<Failure> failure;
  Variables assigned;               // Assign results, applied when the state is left
  std::vector<std::size_t> retriers_used;  // Retry index of each retry, in order
  std::optional<std::size_t> catcher;      // Catch index of the catcher that handled the failure
  std::optional<std::size_t> choice_rule;  // Choice: the Choices index taken
  bool choice_default = false;             // Choice: the Default taken
};

constexpr double kMaxWaitSeconds = 24855.0 * 86400.0;  // AWS: 24,855 days is fine, 24,856 too long

inline StepResult failed(Failure failure) {
  StepResult result;
  result.failure = std::move(failure);
  return result;
}

// The state's Next, or nullptr (End, or a terminal state).
inline const std::string* next_of(const State& state) {
  for (const Transition& transition : state.transitions) {
    if (transition.kind == TransitionKind::Next) return &transition.target;
  }
  return nullptr;
}

// A caught error as the catcher sees it: {"Error": ..., "Cause": ...} (§6.3).
inline nlohmann::json error_output(const Failure& failure) {
  nlohmann::json output = {{"Error", failure.error}};
  if (failure.cause) output["Cause"] = *failure.cause;
  return output;
}

// What a JSONata field of the current state reads besides the Context Object and the variables
// (§8.4): `$states.input`, and `$states.result` / `$states.errorOutput` where they exist.
struct JsonataScope {
  const nlohmann::json* input = nullptr;
  const nlohmann::json* result = nullptr;
  const nlohmann::json* error_output = nullptr;
  const Variables* variables = nullptr;
};

// The items of one Map attempt and how they are batched and tolerated, whichever query language
// produced them (map_step.cpp runs them).
struct MapRun {
  nlohmann::json items = nlohmann::json::array();
  std::vector<std::string> item_keys;  // a JSONata Map over an object (a §14 switch): each item's key
  std::optional<double> tolerated_count, tolerated_percentage;
  bool batched = false;
  std::size_t batch_size = 0;
  nlohmann::json batch_input;  // null: none
};

class Engine {
 public:
  Engine(const StateMachine& machine, const MockTable& mocks, const RunOptions& options, RunResult& result);
  void run(const nlohmann::json& input);
  // Why the machine cannot run at all (checked before its first state), or nullopt.
  std::optional<std::string> refusal();

  // Runs a scope from its StartAt with `input`; the scope's output, or the error that ended it.
  // `variables` are the scope's own (a copy of the outer ones for branches and iterations).
  Outcome<nlohmann::json> run_scope(int scope, nlohmann::json input, Variables& variables,
                                    std::optional<std::size_t> iteration);

  // state_steps.cpp
  StepResult step(const CompiledState& state, const nlohmann::json& raw_input, Variables& variables,
                  std::optional<std::size_t> iteration);

  bool halted() const { return halted_; }

 private:
  // One attempt of a Task, Parallel or Map's work on its effective input: the raw result or an error.
  using Attempt = std::function<Outcome<nlohmann::json>(const nlohmann::json& effective_input)>;

  StepResult step_pass(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_task(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_choice(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_wait(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_succeed(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_fail(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_parallel(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult step_map(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);

  // map_step.cpp: the ItemReader's items (a mock named after the Map state), capped at MaxItems;
  // then the iterations of one attempt. `shape_item` builds an iteration's input while
  // $$.Map.Item is set (null: the item itself).
  Outcome<nlohmann::json> read_map_items(const CompiledState& state, const std::optional<nlohmann::json>& max_items);
  Outcome<nlohmann::json> run_map_items(const CompiledState& state, MapRun run, const Variables& variables,
                                        const std::function<Outcome<nlohmann::json>()>* shape_item);

  // jsonata_steps.cpp: JSONata states (asl-semantics.md §8.3, §8.4).
  StepResult step_jsonata(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult jsonata_pass(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult jsonata_choice(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult jsonata_wait(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult jsonata_fail(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  StepResult jsonata_map(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables);
  // Arguments, the work with Retry, then Assign and Output from $states.result, or Catch.
  StepResult run_jsonata_with_error_handling(const CompiledState& state, const nlohmann::json& raw_input,
                                             const Variables& variables, const Attempt& attempt);
  StepResult handle_jsonata_failure(const CompiledState& state, const nlohmann::json& raw_input,
                                    const Variables& variables, Failure failure);
  // Assign, then Output (or `default_output`, nullptr meaning the input unchanged) of `holder`: a
  // state, a Choice rule or a catcher. Both read the variables as they were on entry.
  std::optional<Failure> jsonata_assign_and_output(const nlohmann::json& holder, const JsonataScope& scope,
                                                   const nlohmann::json* default_output, StepResult& step);
  // A field's value with every "{% %}" string in it evaluated, at any depth. `field` names it in
  // causes ("Output", "Arguments/FunctionName"). A construct the runtime does not implement makes
  // the run unusable.
  Outcome<nlohmann::json> evaluate_jsonata_value(const nlohmann::json& value, const std::string& field,
                                                 const JsonataScope& scope);
  // A numeric JSONata field (TimeoutSeconds, Seconds, MaxConcurrency, ...): a literal or an
  // expression; nullopt when absent. `minimum`/`integer` are what the field accepts.
  Outcome<std::optional<double>> jsonata_number_field(const nlohmann::json& holder, const char* key,
                                                      const std::string& field, const JsonataScope& scope,
                                                      double minimum, double maximum, bool integer);
  Failure query_evaluation_error(std::string cause);
  // Why a JSONata state cannot be run (an invalid or unsupported expression, ...), or nullopt.
  std::optional<std::string> jsonata_refusal(const State& state);

  // InputPath, Parameters, the work with Retry, then ResultSelector, ResultPath, OutputPath, or Catch.
  StepResult run_with_error_handling(const CompiledState& state, const nlohmann::json& raw_input,
                                     const Variables& variables, const Attempt& attempt);
  StepResult handle_failure(const CompiledState& state, const nlohmann::json& raw_input, const Variables& variables,
                            Failure failure);

  Outcome<nlohmann::json> select_input(const CompiledState& state, const nlohmann::json& raw_input,
                                       const Variables& variables);
  // The effective input after InputPath without a copy when there is no InputPath: a view of
  // `raw_input`, else the selected value kept in `storage`.
  Outcome<const nlohmann::json*> view_input(const CompiledState& state, const nlohmann::json& raw_input,
                                            nlohmann::json& storage, const Variables& variables);
  // Takes the value by value: without an OutputPath it is passed on without a copy.
  Outcome<nlohmann::json> select_output(const CompiledState& state, nlohmann::json value, const Variables& variables);
  Outcome<nlohmann::json> apply_parameters(const nlohmann::json* payload_template, const nlohmann::json& input,
                                           const Variables& variables);
  Outcome<nlohmann::json> place_result(const PathField& result_path, const nlohmann::json& raw_input,
                                       nlohmann::json result);
  // Assign (JSONPath): evaluated from `source` with the variables as they were on entry.
  std::optional<Failure> evaluate_assign(const nlohmann::json* assign, const nlohmann::json& source,
                                         const Variables& variables, Variables& assigned);
  std::optional<Failure> check_payload_size(const CompiledState& state, const nlohmann::json& value);

  EvaluationContext evaluation_context(const nlohmann::json& input, const Variables& variables);
  std::optional<double> seconds_from(const std::optional<double>& literal, const std::optional<Path>& path,
                                     const nlohmann::json& input, const Variables& variables,
                                     std::optional<Failure>& failure, const char* field);

  // Counts one history event (and keeps it, with RunOptions::keep_history); past the limit the
  // execution fails (when the limit is enforced).
  void record_event(const char* type);
  // `suffix` is "StateEntered" or "StateExited"; `assigned` the Exited event's variables.
  void record_state_event(const State& state, const char* suffix, const Variables* assigned);
  void record_failure_event(const char* type, const Failure& failure);
  void record_event_counted();
  void keep_event(HistoryEvent event);  // numbered as the next event (with RunOptions::keep_history)
  // A Task's TaskScheduled/Started/Succeeded/Failed/TimedOut (LambdaFunction... for a Lambda ARN).
  void record_task_event(const CompiledState& state, const char* suffix, const Failure* failure);
  void halt_with(RunStatus status, Failure failure);
  // After a failed attempt, whether a retrier takes it (§6.2): the first retrier whose ErrorEquals
  // matches, while it has attempts left; its delay passes on the clock.
  enum class RetryDecision { Retry, GiveUp, Uncatchable, TimedOut };
  RetryDecision retry_after(const std::vector<Retrier>& retriers, const Failure& failure,
                            std::vector<long long>& attempts, std::vector<std::size_t>& retriers_used);
  void halt_unusable(std::string reason);
  void check_execution_timeout();

  const StateMachine& machine_;
  const MockTable& mocks_;
  const RunOptions& options_;
  RunResult& result_;
  std::vector<CompiledState> compiled_;
  VirtualClock clock_;
  RandomSource random_;
  SyntaxCache syntax_cache_;
  nlohmann::json context_;  // the Context Object, updated in place as states are entered
  std::map<std::string, std::size_t, std::less<>> invocations_;  // per Task state name
  bool halted_ = false;
  int task_token_counter_ = 0;
  // The state being executed and its StateEntered event id, for EvaluationFailed events.
  const State* current_state_ = nullptr;
  std::uint64_t current_entered_event_ = 0;
};

}  // namespace sfn::interp
