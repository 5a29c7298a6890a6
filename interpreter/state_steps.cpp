// What each state type does on one visit (asl-semantics.md §3-§6), with Retry and Catch.

#include <algorithm>
#include <cmath>

#include "interpreter/engine.h"
#include "interpreter/java_text.h"
#include "interpreter/error_matching.h"

namespace sfn::interp {
namespace {

std::string shown(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : compact_json(value);
}

}  // namespace

StepResult Engine::step(const CompiledState& state, const nlohmann::json& raw_input, Variables& variables,
                        std::optional<std::size_t> iteration) {
  (void)iteration;
  if (state.state->query_language == QueryLanguage::Jsonata) return step_jsonata(state, raw_input, variables);
  switch (state.state->type) {
    case StateType::Pass: return step_pass(state, raw_input, variables);
    case StateType::Task: return step_task(state, raw_input, variables);
    case StateType::Choice: return step_choice(state, raw_input, variables);
    case StateType::Wait: return step_wait(state, raw_input, variables);
    case StateType::Succeed: return step_succeed(state, raw_input, variables);
    case StateType::Fail: return step_fail(state, raw_input, variables);
    case StateType::Parallel: return step_parallel(state, raw_input, variables);
    case StateType::Map: return step_map(state, raw_input, variables);
  }
  return failed(runtime_error("unknown state type"));
}

StepResult Engine::step_pass(const CompiledState& state, const nlohmann::json& raw_input,
                             const Variables& variables) {
  nlohmann::json selected;
  Outcome<const nlohmann::json*> effective = view_input(state, raw_input, selected, variables);
  if (!effective.ok()) return failed(effective.failure());
  Outcome<nlohmann::json> parameters = apply_parameters(state.parameters, *effective.value(), variables);
  if (!parameters.ok()) return failed(parameters.failure());
  // §4.2: Result is used verbatim; its ".$" keys are not evaluated.
  const nlohmann::json& result = state.result ? *state.result : parameters.value();
  StepResult step;
  if (auto failure = evaluate_assign(state.assign, result, variables, step.assigned)) return failed(*failure);
  Outcome<nlohmann::json> placed =
      place_result(state.result_path, raw_input, state.result ? *state.result : std::move(parameters).value());
  if (!placed.ok()) return failed(placed.failure());
  Outcome<nlohmann::json> output = select_output(state, std::move(placed).value(), variables);
  if (!output.ok()) return failed(output.failure());
  if (auto failure = check_payload_size(state, output.value())) return failed(*failure);
  step.output = std::move(output).value();
  step.next = next_of(*state.state);
  return step;
}

std::optional<double> Engine::seconds_from(const std::optional<double>& literal, const std::optional<Path>& path,
                                           const nlohmann::json& input, const Variables& variables,
                                           std::optional<Failure>& failure, const char* field) {
  if (literal) return literal;
  if (!path) return std::nullopt;
  PathLookup lookup = evaluate_path(*path, PathRoots{&input, &context_, &variables});
  if (!lookup.value) {
    failure = runtime_error("Invalid path '" + path->text + "' : " + lookup.missing);
    return std::nullopt;
  }
  if (!lookup.value->is_number() || lookup.value->get<double>() <= 0 ||
      std::floor(lookup.value->get<double>()) != lookup.value->get<double>()) {
    failure = runtime_error(std::string("The ") + field + " parameter does not reference a positive integer: " +
                            path->text + " == " + shown(*lookup.value));
    return std::nullopt;
  }
  return lookup.value->get<double>();
}

StepResult Engine::step_task(const CompiledState& state, const nlohmann::json& raw_input,
                             const Variables& variables) {
  const std::string& name = state.state->name;
  const bool jsonata = state.state->query_language == QueryLanguage::Jsonata;
  Attempt attempt = [&](const nlohmann::json& effective) -> Outcome<nlohmann::json> {
    const std::size_t invocation = invocations_[name]++;
    std::optional<MockResponse> response = mocks_.response(name, invocation);
    if (!response) {
      halt_unusable(mocks_.has_state(name)
                        ? "the mocks for Task state '" + name + "' ran out at invocation " +
                              std::to_string(invocation) + " (0-based)"
                        : "Task state '" + name + "' has no mock (invocation " + std::to_string(invocation) + ")");
      return Failure{"States.Runtime", "no mock"};
    }
    record_task_event(state, "Scheduled", nullptr);
    record_task_event(state, "Started", nullptr);
    std::optional<double> timeout, heartbeat;
    if (jsonata) {
      // JSONata: a literal or "{% %}" over the state's input (§8.3).
      const JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
      Outcome<std::optional<double>> timeout_value =
          jsonata_number_field(*state.definition, "TimeoutSeconds", "TimeoutSeconds", scope, 1, 99999999, true);
      if (!timeout_value.ok()) return timeout_value.failure();
      Outcome<std::optional<double>> heartbeat_value =
          jsonata_number_field(*state.definition, "HeartbeatSeconds", "HeartbeatSeconds", scope, 1, 99999999, true);
      if (!heartbeat_value.ok()) return heartbeat_value.failure();
      timeout = timeout_value.value();
      heartbeat = heartbeat_value.value();
    } else {
      std::optional<Failure> bad_value;
      timeout = seconds_from(state.timeout_seconds, state.timeout_seconds_path, effective, variables, bad_value,
                             "TimeoutSecondsPath");
      if (bad_value) return *bad_value;
      heartbeat = seconds_from(state.heartbeat_seconds, state.heartbeat_seconds_path, effective, variables,
                               bad_value, "HeartbeatSecondsPath");
      if (bad_value) return *bad_value;
    }
    const double duration = response->duration_seconds;
    if (timeout && duration > *timeout) {
      clock_.advance(*timeout);
      Failure timed_out{"States.Timeout", std::nullopt};
      record_task_event(state, "TimedOut", &timed_out);
      return timed_out;
    }
    if (heartbeat && duration > *heartbeat) {
      clock_.advance(*heartbeat);
      Failure timed_out{options_.semantics.heartbeat_failure_is_heartbeat_timeout ? "States.HeartbeatTimeout"
                                                                                  : "States.Timeout",
                        std::nullopt};
      record_task_event(state, "TimedOut", &timed_out);
      return timed_out;
    }
    clock_.advance(duration);
    if (response->error) {
      record_task_event(state, "Failed", &*response->error);
      return *response->error;
    }
    record_task_event(state, "Succeeded", nullptr);
    nlohmann::json result = response->result.value_or(nlohmann::json());
    // An AWS mock config Return is the service API response; for a legacy Lambda ARN the state
    // sees only the function's payload (§10.1).
    if (response->lambda_payload_wrapped && state.resource_kind == ResourceKind::LegacyLambda &&
        result.is_object() && result.contains("Payload")) {
      result = result["Payload"];
    }
    if (auto failure = check_payload_size(state, result)) return *failure;
    return result;
  };
  StepResult step = jsonata ? run_jsonata_with_error_handling(state, raw_input, variables, attempt)
                            : run_with_error_handling(state, raw_input, variables, attempt);
  context_.erase("Task");
  return step;
}

Engine::RetryDecision Engine::retry_after(const std::vector<Retrier>& retriers, const Failure& failure,
                                         std::vector<long long>& attempts, std::vector<std::size_t>& retriers_used) {
  if (is_uncatchable(failure, options_.semantics)) return RetryDecision::Uncatchable;
  // §6.2: only the first retrier whose ErrorEquals matches is considered.
  auto retrier = std::find_if(retriers.begin(), retriers.end(), [&](const Retrier& candidate) {
    return error_equals_matches(candidate.error_equals, failure, options_.semantics);
  });
  if (retrier == retriers.end()) return RetryDecision::GiveUp;
  long long& used = attempts[static_cast<std::size_t>(retrier - retriers.begin())];
  if (used >= retrier->max_attempts) return RetryDecision::GiveUp;
  double delay = retrier->interval_seconds * std::pow(retrier->backoff_rate, static_cast<double>(used));
  if (retrier->max_delay_seconds) delay = std::min(delay, static_cast<double>(*retrier->max_delay_seconds));
  if (retrier->full_jitter) delay = random_.uniform(0, delay);
  ++used;
  retriers_used.push_back(static_cast<std::size_t>(retrier - retriers.begin()));
  clock_.advance(delay);
  check_execution_timeout();
  return halted_ ? RetryDecision::TimedOut : RetryDecision::Retry;
}

StepResult Engine::run_with_error_handling(const CompiledState& state, const nlohmann::json& raw_input,
                                           const Variables& variables, const Attempt& attempt) {
  Outcome<nlohmann::json> selected = select_input(state, raw_input, variables);
  if (!selected.ok()) return failed(selected.failure());
  const nlohmann::json effective = std::move(selected).value();
  // Nested scopes (branches, iterations) overwrite $$.State; each attempt and the steps after the
  // work see this state's own fields again.
  const nlohmann::json own_state_context = context_["State"];

  const std::vector<Retrier>& retriers = state.state->retry;
  std::vector<long long> attempts(retriers.size(), 0);  // per-retrier counters, for this visit only
  long long retries = 0;                                 // $$.State.RetryCount
  std::optional<Outcome<nlohmann::json>> outcome;
  std::vector<std::size_t> retriers_used;
  while (true) {
    context_["State"] = own_state_context;
    context_["State"]["RetryCount"] = retries;
    // §9: a .waitForTaskToken Task gets a fresh token per attempt, visible to its Parameters.
    if (state.wait_for_task_token) {
      context_["Task"] = {{"Token", "sfncheck-task-token-" + std::to_string(++task_token_counter_)}};
    }
    // Parameters are evaluated for every attempt, so they see $$.State.RetryCount and the token.
    // A Map's ItemSelector/Parameters shape each item instead.
    Outcome<nlohmann::json> parameters = state.state->type == StateType::Map
                                             ? Outcome<nlohmann::json>(effective)
                                             : apply_parameters(state.parameters, effective, variables);
    if (parameters.ok()) {
      outcome.emplace(attempt(parameters.value()));
    } else {
      outcome.emplace(parameters.failure());
    }
    context_["State"] = own_state_context;
    context_["State"]["RetryCount"] = retries;
    if (halted_ || outcome->ok()) break;
    const RetryDecision decision = retry_after(retriers, outcome->failure(), attempts, retriers_used);
    if (decision == RetryDecision::Uncatchable) return failed(outcome->failure());
    if (decision == RetryDecision::TimedOut) return failed(Failure{"States.Timeout", std::nullopt});
    if (decision == RetryDecision::GiveUp) break;
    ++retries;
  }
  if (halted_) return failed(Failure{"States.Runtime", "halted"});
  if (!outcome->ok()) {
    StepResult handled = handle_failure(state, raw_input, variables, outcome->failure());
    handled.retriers_used = std::move(retriers_used);
    return handled;
  }

  const nlohmann::json& raw_result = outcome->value();
  StepResult step;
  step.retriers_used = std::move(retriers_used);
  if (auto failure = evaluate_assign(state.assign, raw_result, variables, step.assigned)) return failed(*failure);
  Outcome<nlohmann::json> selected_result = apply_parameters(state.result_selector, raw_result, variables);
  if (!selected_result.ok()) return failed(selected_result.failure());
  Outcome<nlohmann::json> placed = place_result(state.result_path, raw_input, std::move(selected_result).value());
  if (!placed.ok()) return failed(placed.failure());
  Outcome<nlohmann::json> output = select_output(state, std::move(placed).value(), variables);
  if (!output.ok()) return failed(output.failure());
  if (auto failure = check_payload_size(state, output.value())) return failed(*failure);
  step.output = std::move(output).value();
  step.next = next_of(*state.state);
  return step;
}

StepResult Engine::handle_failure(const CompiledState& state, const nlohmann::json& raw_input,
                                  const Variables& variables, Failure failure) {
  const std::vector<Catcher>& catchers = state.state->catch_;
  for (std::size_t i = 0; i < catchers.size(); ++i) {
    if (!error_equals_matches(catchers[i].error_equals, failure, options_.semantics)) continue;
    // §6.3: the error output goes through the catcher's ResultPath into the raw input; the
    // state's own ResultSelector and OutputPath are not applied.
    nlohmann::json caught = error_output(failure);
    StepResult step;
    const nlohmann::json* assign = i < state.catcher_assigns.size() ? state.catcher_assigns[i] : nullptr;
    if (auto assign_failure = evaluate_assign(assign, caught, variables, step.assigned)) {
      return failed(*assign_failure);
    }
    PathField result_path = i < state.catcher_result_paths.size() ? state.catcher_result_paths[i] : PathField{};
    Outcome<nlohmann::json> placed = place_result(result_path, raw_input, std::move(caught));
    if (!placed.ok()) return failed(placed.failure());
    step.output = std::move(placed).value();
    step.next = &catchers[i].next;
    step.catcher = i;
    return step;
  }
  return failed(std::move(failure));
}

StepResult Engine::step_choice(const CompiledState& state, const nlohmann::json& raw_input,
                               const Variables& variables) {
  nlohmann::json selected;
  Outcome<const nlohmann::json*> effective = view_input(state, raw_input, selected, variables);
  if (!effective.ok()) return failed(effective.failure());
  StepResult step;
  const std::vector<ChoiceRule>& rules = state.state->choices;
  std::optional<std::size_t> taken;
  for (std::size_t i = 0; i < rules.size() && !taken; ++i) {
    Outcome<bool> matched = evaluate_choice_rule(rules[i], evaluation_context(*effective.value(), variables));
    if (!matched.ok()) return failed(matched.failure());
    if (matched.value()) taken = i;
  }
  step.choice_rule = taken;
  if (taken) {
    step.next = &rules[*taken].next;
  } else if (state.state->default_target) {
    step.next = &*state.state->default_target;
    step.choice_default = true;
  } else {
    return failed(Failure{"States.NoChoiceMatched", "No Matches!"});
  }
  // Assign (JSONPath) reads the effective input: the state-level block, then the taken rule's.
  if (auto failure = evaluate_assign(state.assign, *effective.value(), variables, step.assigned)) {
    return failed(*failure);
  }
  if (taken && *taken < state.choice_assigns.size()) {
    if (auto failure = evaluate_assign(state.choice_assigns[*taken], *effective.value(), variables, step.assigned)) {
      return failed(*failure);
    }
  }
  // Without InputPath and OutputPath a Choice passes its input on as it is: no copy.
  if (!state.input_path.present && !state.output_path.present) {
    step.output_is_input = true;
    return step;
  }
  Outcome<nlohmann::json> output = select_output(state, *effective.value(), variables);
  if (!output.ok()) return failed(output.failure());
  step.output = std::move(output).value();
  return step;
}

StepResult Engine::step_wait(const CompiledState& state, const nlohmann::json& raw_input,
                             const Variables& variables) {
  Outcome<nlohmann::json> effective = select_input(state, raw_input, variables);
  if (!effective.ok()) return failed(effective.failure());
  double delay = 0;
  if (state.wait_seconds) {
    delay = *state.wait_seconds;
  } else if (state.wait_seconds_path) {
    const Path& path = *state.wait_seconds_path;
    PathLookup lookup = evaluate_path(path, PathRoots{&effective.value(), &context_, &variables});
    if (!lookup.value) {
      return failed(runtime_error("The SecondsPath parameter does not reference an input value: " + path.text));
    }
    const nlohmann::json& value = *lookup.value;
    if (!value.is_number() || std::floor(value.get<double>()) != value.get<double>()) {
      return failed(runtime_error("The SecondsPath parameter cannot be parsed as a long value: " + path.text +
                                  " == " + shown(value)));
    }
    if (value.get<double>() < 0) {
      return failed(runtime_error("The SecondsPath parameter references a negative value: " + path.text + " == " +
                                  shown(value)));
    }
    delay = value.get<double>();
  } else {
    std::optional<Instant> target;
    if (state.wait_timestamp) {
      target = parse_timestamp(*state.wait_timestamp);
    } else if (state.wait_timestamp_path) {
      const Path& path = *state.wait_timestamp_path;
      PathLookup lookup = evaluate_path(path, PathRoots{&effective.value(), &context_, &variables});
      if (!lookup.value) {
        return failed(runtime_error("The TimestampPath parameter does not reference an input value: " + path.text));
      }
      if (lookup.value->is_string()) target = parse_timestamp(lookup.value->get<std::string>());
      if (!target) {
        return failed(runtime_error(
            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format "
            "string: " + path.text + " == " + shown(*lookup.value)));
      }
    }
    if (target) {
      const Instant now = clock_.now();
      const double difference = static_cast<double>(target->seconds - now.seconds) +
                                (static_cast<double>(target->nanos) - static_cast<double>(now.nanos)) / 1e9;
      delay = std::max(0.0, difference);  // a timestamp in the past proceeds at once
    }
  }
  if (delay > kMaxWaitSeconds) return failed(runtime_error("Wait state delay is too long."));
  clock_.advance(delay);
  StepResult step;
  if (auto failure = evaluate_assign(state.assign, effective.value(), variables, step.assigned)) {
    return failed(*failure);
  }
  Outcome<nlohmann::json> output = select_output(state, std::move(effective).value(), variables);
  if (!output.ok()) return failed(output.failure());
  step.output = std::move(output).value();
  step.next = next_of(*state.state);
  return step;
}

StepResult Engine::step_succeed(const CompiledState& state, const nlohmann::json& raw_input,
                                const Variables& variables) {
  Outcome<nlohmann::json> effective = select_input(state, raw_input, variables);
  if (!effective.ok()) return failed(effective.failure());
  Outcome<nlohmann::json> output = select_output(state, std::move(effective).value(), variables);
  if (!output.ok()) return failed(output.failure());
  StepResult step;
  step.output = std::move(output).value();
  return step;
}

StepResult Engine::step_fail(const CompiledState& state, const nlohmann::json& raw_input,
                             const Variables& variables) {
  auto resolve = [&](const std::optional<DynamicString>& source,
                     std::optional<Failure>& failure) -> std::optional<std::string> {
    if (!source) return std::nullopt;
    if (source->literal) return source->literal;
    if (source->call) {
      Outcome<nlohmann::json> value = evaluate_intrinsic(*source->call, evaluation_context(raw_input, variables));
      if (!value.ok()) {
        failure = value.failure();
        return std::nullopt;
      }
      return shown(value.value());
    }
    if (!source->path) return std::nullopt;
    PathLookup lookup = evaluate_path(*source->path, PathRoots{&raw_input, &context_, &variables});
    if (!lookup.value) {
      failure = runtime_error("The JSONPath '" + source->path->text + "' specified for the field '" + source->field +
                              "' could not be found in the input '" + compact_json(raw_input) + "'");
      return std::nullopt;
    }
    return shown(*lookup.value);
  };
  std::optional<Failure> failure;
  std::optional<std::string> error = resolve(state.fail_error, failure);
  if (failure) return failed(*failure);
  std::optional<std::string> cause = resolve(state.fail_cause, failure);
  if (failure) return failed(*failure);
  // §4.3: without Error the execution ends with an empty error name.
  return failed(Failure{error.value_or(""), cause});
}

StepResult Engine::step_parallel(const CompiledState& state, const nlohmann::json& raw_input,
                                 const Variables& variables) {
  Attempt attempt = [&](const nlohmann::json& effective) -> Outcome<nlohmann::json> {
    record_event("ParallelStateStarted");  // repeated by a retry
    nlohmann::json outputs = nlohmann::json::array();
    const std::vector<int>& branches = state.state->child_scopes;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      Variables branch_variables = variables;  // branches read outer variables; their writes stay inside
      Outcome<nlohmann::json> output = run_scope(branches[i], effective, branch_variables, i);
      // §1.4: a failing branch fails the Parallel with the branch's own error.
      if (!output.ok()) {
        record_event("ParallelStateFailed");
        return output.failure();
      }
      outputs.push_back(std::move(output).value());
    }
    record_event("ParallelStateSucceeded");
    return outputs;
  };
  if (state.state->query_language == QueryLanguage::Jsonata) {
    return run_jsonata_with_error_handling(state, raw_input, variables, attempt);
  }
  return run_with_error_handling(state, raw_input, variables, attempt);
}

}  // namespace sfn::interp
