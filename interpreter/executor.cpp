// Scopes, transitions and the limits that apply to a whole execution (§12): the history event
// budget, the execution TimeoutSeconds, and the shared input/output processing of §3.

#include "interpreter/executor.h"

#include "interpreter/engine.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

constexpr std::uint64_t kHistoryEventLimit = 25000;
constexpr std::size_t kPayloadLimitBytes = 262144;

Instant start_instant(const std::string& text) {
  if (auto instant = parse_timestamp(text)) return *instant;
  return Instant{1704067200, 0};  // 2024-01-01T00:00:00Z
}

// Deep merge of user-supplied Context Object fields over the defaults.
void merge_into(nlohmann::json& base, const nlohmann::json& overrides) {
  if (!overrides.is_object()) return;
  for (const auto& [key, value] : overrides.items()) {
    if (value.is_object() && base.contains(key) && base[key].is_object()) {
      merge_into(base[key], value);
    } else {
      base[key] = value;
    }
  }
}

}  // namespace

const char* run_status_name(RunStatus status) {
  switch (status) {
    case RunStatus::Succeeded: return "SUCCEEDED";
    case RunStatus::Failed: return "FAILED";
    case RunStatus::TimedOut: return "TIMED_OUT";
  }
  return "FAILED";
}

Engine::Engine(const StateMachine& machine, const MockTable& mocks, const RunOptions& options, RunResult& result)
    : machine_(machine),
      mocks_(mocks),
      options_(options),
      result_(result),
      compiled_(compile_states(machine)),
      clock_(start_instant(options.start_time)),
      random_(options.seed) {}

std::optional<std::string> Engine::refusal() {
  // JSONata states run (jsonata_steps.cpp); one with an expression that does not parse or uses a
  // construct the runtime does not implement is refused before anything runs.
  for (const State& state : machine_.states) {
    if (state.query_language != QueryLanguage::Jsonata) continue;
    if (std::optional<std::string> problem = jsonata_refusal(state)) return problem;
  }
  if (machine_.scopes.empty() || !machine_.find(0, machine_.scopes[0].start_at)) {
    return "the machine's StartAt names no state; run `sfncheck check` first";
  }
  return std::nullopt;
}

void Engine::run(const nlohmann::json& input) {
  if (std::optional<std::string> problem = refusal()) {
    halt_unusable(*problem);
    return;
  }
  context_ = {
      {"Execution",
       {{"Id", "arn:aws:states:us-east-1:123456789012:execution:sfncheck:local"},
        {"Input", input},
        {"Name", "local"},
        {"RoleArn", "arn:aws:iam::123456789012:role/sfncheck"},
        {"StartTime", clock_.now_text()},
        {"RedriveCount", 0}}},
      {"State", {{"EnteredTime", clock_.now_text()}, {"Name", ""}, {"RetryCount", 0}}},
      {"StateMachine", {{"Id", "arn:aws:states:us-east-1:123456789012:stateMachine:sfncheck"}, {"Name", "sfncheck"}}},
  };
  merge_into(context_, options_.context);

  record_event("ExecutionStarted");
  if (check_payload_size(compiled_.front(), input)) {
    halt_with(RunStatus::Failed, Failure{"States.DataLimitExceeded",
                                         "The execution input exceeds the maximum number of bytes service limit."});
    return;
  }
  Variables variables;
  Outcome<nlohmann::json> outcome = run_scope(0, input, variables, std::nullopt);
  if (halted_) return;
  if (outcome.ok()) {
    record_event("ExecutionSucceeded");
  } else {
    record_failure_event("ExecutionFailed", outcome.failure());
  }
  if (halted_) return;
  result_.elapsed_seconds = clock_.elapsed();
  if (outcome.ok()) {
    result_.status = RunStatus::Succeeded;
    result_.output = outcome.value();
  } else {
    result_.status = RunStatus::Failed;
    result_.error = outcome.failure().error;
    result_.cause = outcome.failure().cause;
  }
}

Outcome<nlohmann::json> Engine::run_scope(int scope_index, nlohmann::json input, Variables& variables,
                                          std::optional<std::size_t> iteration) {
  const Scope& scope = machine_.scopes.at(scope_index);
  const State* current = machine_.find(scope_index, scope.start_at);
  const std::string scope_name = scope.parent_state >= 0 ? machine_.states[scope.parent_state].pointer : "";
  // The scope's states overwrite $$.State; the enclosing Parallel or Map gets its own back at the end.
  struct RestoreStateContext {
    nlohmann::json& context;
    nlohmann::json saved;
    ~RestoreStateContext() { context["State"] = std::move(saved); }
  } restore{context_, context_["State"]};
  while (current) {
    if (halted_) return Failure{"States.Runtime", "halted"};
    const CompiledState& compiled = compiled_[static_cast<std::size_t>(current - machine_.states.data())];
    // Without a trace, memory stays flat however long the run: the path is not kept either.
    if (scope_index == 0 && options_.keep_trace) result_.path.push_back(current->name);
    ++result_.transitions;
    nlohmann::json& state_context = context_["State"];
    state_context["Name"] = current->name;
    // Most states take no virtual time: only a changed instant is written (no allocation per state).
    nlohmann::json& entered = state_context["EnteredTime"];
    if (!entered.is_string() || entered.get_ref<const std::string&>() != clock_.now_text()) entered = clock_.now_text();
    state_context["RetryCount"] = 0;

    const std::uint64_t entered_event_id = result_.events + 1;
    record_state_event(*current, "StateEntered", nullptr);
    if (halted_) return Failure{"States.Runtime", "halted"};
    const State* outer_state = current_state_;
    const std::uint64_t outer_entered_event = current_entered_event_;
    current_state_ = current;
    current_entered_event_ = entered_event_id;
    StepResult step_result = step(compiled, input, variables, iteration);
    current_state_ = outer_state;
    current_entered_event_ = outer_entered_event;
    if (halted_) return Failure{"States.Runtime", "halted"};
    check_execution_timeout();
    if (halted_) return Failure{"States.Runtime", "halted"};
    if (step_result.failure && step_result.failure->raised_by_state) {
      // §6.1 [AWS✓]: the state and its StateEntered event id come before the detail.
      Failure& failure = *step_result.failure;
      failure.cause = "An error occurred while executing the state '" + current->name + "' (entered at the event id #" +
                      std::to_string(entered_event_id) + "). " + failure.cause.value_or("");
      failure.raised_by_state = false;
    }
    if (!step_result.failure) {
      record_state_event(*current, "StateExited", &step_result.assigned);
      if (halted_) return Failure{"States.Runtime", "halted"};
    }

    if (options_.keep_trace) {
      TraceEntry entry{current->name,
                       scope_name,
                       iteration,
                       input,
                       step_result.output_is_input ? input : step_result.output,
                       step_result.failure.has_value(),
                       std::move(step_result.retriers_used),
                       step_result.catcher,
                       step_result.choice_rule,
                       step_result.choice_default,
                       step_result.failure ? step_result.failure->error : std::string()};
      result_.trace.push_back(std::move(entry));
    }
    if (step_result.failure) return *step_result.failure;
    for (auto& [name, value] : step_result.assigned) variables[name] = std::move(value);
    if (step_result.output_is_input) step_result.output = std::move(input);
    if (!step_result.next) return std::move(step_result.output);
    auto found = scope.by_name.find(*step_result.next);
    const State* next = found == scope.by_name.end() ? nullptr : &machine_.states[found->second];
    if (!next) {
      return runtime_error("state '" + current->name + "' moves to '" + *step_result.next +
                           "', which is not a state of its scope");
    }
    input = std::move(step_result.output);
    current = next;
  }
  return runtime_error("the scope's StartAt names no state");
}

namespace {

// An event of an execution or a Task, with the error and cause when it is a failure.
HistoryEvent event_of(std::string type, const Failure* failure) {
  HistoryEvent event;
  event.type = std::move(type);
  if (failure) {
    event.error = failure->error;
    event.cause = failure->cause;
  }
  return event;
}

}  // namespace

void Engine::keep_event(HistoryEvent event) {
  event.id = result_.events + 1;
  result_.history.push_back(std::move(event));
}

void Engine::record_event(const char* type) {
  if (options_.keep_history) keep_event(event_of(type, nullptr));
  record_event_counted();
}

void Engine::record_state_event(const State& state, const char* suffix, const Variables* assigned) {
  if (options_.keep_history) {
    HistoryEvent event = event_of(std::string(state_type_name(state.type)) + suffix, nullptr);
    event.state = state.name;
    if (assigned) {
      // §8.5 [AWS✓]: ...StateExited carries the variables the state assigned, as JSON text.
      event.assigned_variables.emplace();
      for (const auto& [name, value] : *assigned) (*event.assigned_variables)[name] = compact_json(value);
    }
    keep_event(std::move(event));
  }
  record_event_counted();
}

void Engine::record_failure_event(const char* type, const Failure& failure) {
  if (options_.keep_history) keep_event(event_of(type, &failure));
  record_event_counted();
}

void Engine::record_task_event(const CompiledState& state, const char* suffix, const Failure* failure) {
  if (options_.keep_history) {
    const char* prefix = state.resource_kind == ResourceKind::LegacyLambda ? "LambdaFunction" : "Task";
    keep_event(event_of(std::string(prefix) + suffix, failure));
  }
  record_event_counted();
}

void Engine::record_event_counted() {
  ++result_.events;
  if (options_.enforce_history_limit && result_.events > kHistoryEventLimit && !halted_) {
    halt_with(RunStatus::Failed,
              Failure{"States.Runtime", "The execution reached the maximum number of history events (25000)."});
  }
}

void Engine::halt_with(RunStatus status, Failure failure) {
  if (halted_) return;
  halted_ = true;
  if (options_.keep_history) {
    keep_event(event_of(status == RunStatus::TimedOut ? "ExecutionTimedOut" : "ExecutionFailed", &failure));
  }
  result_.status = status;
  result_.error = std::move(failure.error);
  result_.cause = std::move(failure.cause);
  result_.elapsed_seconds = clock_.elapsed();
}

void Engine::halt_unusable(std::string reason) {
  if (halted_) return;
  halted_ = true;
  result_.status = RunStatus::Failed;
  result_.unusable = std::move(reason);
}

void Engine::check_execution_timeout() {
  if (!halted_ && machine_.timeout_seconds && clock_.elapsed() > static_cast<double>(*machine_.timeout_seconds)) {
    halt_with(RunStatus::TimedOut, Failure{"States.Timeout", std::nullopt});
    // The clock may have jumped past the deadline (a long Wait or task); the execution ended at it.
    result_.elapsed_seconds = static_cast<double>(*machine_.timeout_seconds);
  }
}

EvaluationContext Engine::evaluation_context(const nlohmann::json& input, const Variables& variables) {
  EvaluationContext context;
  context.roots = PathRoots{&input, &context_, &variables};
  context.random = &random_;
  context.semantics = &options_.semantics;
  context.syntax_cache = &syntax_cache_;
  return context;
}

Outcome<nlohmann::json> Engine::select_input(const CompiledState& state, const nlohmann::json& raw_input,
                                             const Variables& variables) {
  if (!state.input_path.present) return raw_input;
  if (state.input_path.is_null) return nlohmann::json::object();  // §3.1: null InputPath gives {}
  if (!state.input_path.path) return raw_input;
  PathLookup lookup = evaluate_path(*state.input_path.path, PathRoots{&raw_input, &context_, &variables});
  if (!lookup.value) return runtime_error("Invalid path '" + state.input_path.path->text + "' : " + lookup.missing);
  return std::move(*lookup.value);
}

Outcome<const nlohmann::json*> Engine::view_input(const CompiledState& state, const nlohmann::json& raw_input,
                                                 nlohmann::json& storage, const Variables& variables) {
  if (!state.input_path.present) return &raw_input;
  Outcome<nlohmann::json> selected = select_input(state, raw_input, variables);
  if (!selected.ok()) return selected.failure();
  storage = std::move(selected).value();
  return &storage;
}

Outcome<nlohmann::json> Engine::select_output(const CompiledState& state, nlohmann::json value,
                                              const Variables& variables) {
  if (!state.output_path.present) return value;
  if (state.output_path.is_null) return nlohmann::json::object();
  if (!state.output_path.path) return value;
  PathLookup lookup = evaluate_path(*state.output_path.path, PathRoots{&value, &context_, &variables});
  if (!lookup.value) return runtime_error("Invalid path '" + state.output_path.path->text + "' : " + lookup.missing);
  return std::move(*lookup.value);
}

Outcome<nlohmann::json> Engine::apply_parameters(const nlohmann::json* payload_template, const nlohmann::json& input,
                                                 const Variables& variables) {
  if (!payload_template) return input;
  return evaluate_payload_template(*payload_template, evaluation_context(input, variables));
}

Outcome<nlohmann::json> Engine::place_result(const PathField& result_path, const nlohmann::json& raw_input,
                                             nlohmann::json result) {
  if (!result_path.present) return result;
  if (result_path.is_null) return raw_input;
  if (!result_path.path) return result;
  return apply_result_path(raw_input, *result_path.path, std::move(result));
}

std::optional<Failure> Engine::evaluate_assign(const nlohmann::json* assign, const nlohmann::json& source,
                                               const Variables& variables, Variables& assigned) {
  if (!assign) return std::nullopt;
  Outcome<nlohmann::json> values = evaluate_payload_template(*assign, evaluation_context(source, variables));
  if (!values.ok()) return values.failure();
  if (values.value().is_object()) {
    for (const auto& [name, value] : values.value().items()) assigned[name] = value;
  }
  return std::nullopt;
}

namespace {

// An upper bound of the value's compact JSON size that stops counting once past `limit`, so the
// common small payload is cleared without serialising it.
bool serialized_size_may_exceed(const nlohmann::json& value, std::size_t limit) {
  std::size_t bound = 0;
  std::vector<const nlohmann::json*> pending{&value};
  while (!pending.empty()) {
    const nlohmann::json* node = pending.back();
    pending.pop_back();
    switch (node->type()) {
      case nlohmann::json::value_t::string:
        bound += node->get_ref<const std::string&>().size() * 6 + 3;  // every byte escaped as \uXXXX
        break;
      case nlohmann::json::value_t::object:
        bound += 2;
        for (const auto& [key, member] : node->items()) {
          bound += key.size() * 6 + 4;
          pending.push_back(&member);
        }
        break;
      case nlohmann::json::value_t::array:
        bound += 2;
        for (const auto& element : *node) {
          bound += 1;
          pending.push_back(&element);
        }
        break;
      default:
        bound += 32;  // null, booleans, numbers
        break;
    }
    if (bound > limit) return true;
  }
  return false;
}

}  // namespace

std::optional<Failure> Engine::check_payload_size(const CompiledState& state, const nlohmann::json& value) {
  if (!serialized_size_may_exceed(value, kPayloadLimitBytes)) return std::nullopt;
  if (compact_json(value).size() <= kPayloadLimitBytes) return std::nullopt;
  return Failure{"States.DataLimitExceeded", "The state/task '" + state.state->name +
                                                 "' returned a result with a size exceeding the maximum number of "
                                                 "bytes service limit."};
}

std::optional<std::string> refusal_reason(const StateMachine& machine, const RunOptions& options) {
  const MockTable no_mocks;
  RunResult unused;
  return Engine(machine, no_mocks, options, unused).refusal();
}

RunResult run_state_machine(const StateMachine& machine, const nlohmann::json& input, const MockTable& mocks,
                            const RunOptions& options) {
  RunResult result;
  Engine engine(machine, mocks, options, result);
  engine.run(input);
  return result;
}

}  // namespace sfn::interp
