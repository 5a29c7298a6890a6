// JSONata states (asl-semantics.md §8.3, §8.4): Arguments, Output and Assign instead of the five
// JSONPath fields, `{% %}` expressions at any depth in a field, $states, Choice `Condition`, Map
// `Items`, and the numeric and string fields an expression may fill.
//
// Errors: an expression that fails, returns nothing or the wrong type raises
// States.QueryEvaluationError with AWS's causes [AWS✓]. Where AWS's cause for a field's bad value
// is not recorded, a value of the wrong JSON type gets the recorded "unexpected result type" form
// and a value of the right type but out of range makes the run unusable rather than guessing.

#include <algorithm>
#include <cmath>

#include "interpreter/engine.h"
#include "interpreter/error_matching.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string join_field(const std::string& field, const std::string& key) {
  return field.empty() ? key : field + "/" + key;
}

// The expression as AWS quotes it in causes: the text between the delimiters, trimmed.
std::string expression_text(std::string_view body) {
  const char* spaces = " \t\r\n";
  const std::size_t first = body.find_first_not_of(spaces);
  if (first == std::string_view::npos) return "";
  return std::string(body.substr(first, body.find_last_not_of(spaces) - first + 1));
}

std::string json_type(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return "boolean";
    case nlohmann::json::value_t::string: return "string";
    case nlohmann::json::value_t::array: return "array";
    case nlohmann::json::value_t::object: return "object";
    default: return "number";
  }
}

std::string prefix(const std::string& expression, const std::string& field) {
  return "The JSONata expression '" + expression + "' specified for the field '" + field + "'";
}

std::string unexpected_type(const std::string& expression, const std::string& field, const char* expected,
                            const nlohmann::json& value) {
  return prefix(expression, field) + " returned an unexpected result type. Expected '" + expected + "', but was '" +
         json_type(value) + "' for value: " + compact_json(value);
}

// Keys of a state (and of its Choice rules, catchers, reader and writer) that hold names, types or
// resources, or other states (checked on their own), rather than values an expression may fill.
bool skipped_key(const std::string& field, const std::string& key) {
  static constexpr std::string_view state_keys[] = {"Type", "Comment",  "QueryLanguage", "Next",          "Default",
                                                    "End",  "Resource", "Branches",      "ItemProcessor", "Iterator"};
  static constexpr std::string_view entry_keys[] = {"Next", "Comment", "ErrorEquals", "Resource"};
  if (field.empty()) return std::find(std::begin(state_keys), std::end(state_keys), key) != std::end(state_keys);
  const bool entry =
      field == "ItemReader" || field == "ResultWriter" ||
      ((field.rfind("Choices/", 0) == 0 || field.rfind("Catch/", 0) == 0 || field.rfind("Retry/", 0) == 0) &&
       field.find('/', field.find('/') + 1) == std::string::npos);
  return entry && std::find(std::begin(entry_keys), std::end(entry_keys), key) != std::end(entry_keys);
}

}  // namespace

std::optional<std::string> Engine::jsonata_refusal(const State& state) {
  const nlohmann::json& definition = *state.definition;
  const std::string where = "state '" + state.name + "'";
  if (state.type == StateType::Pass && member(definition, "Result") &&
      !options_.semantics.jsonata_pass_result_accepted) {
    return where +
           " is a JSONata Pass with 'Result', which AWS is documented to reject (asl-semantics.md §14; "
           "switch jsonata_pass_result_accepted)";
  }
  if (state.type == StateType::Choice) {
    if (const nlohmann::json* choices = member(definition, "Choices"); choices && choices->is_array()) {
      for (const nlohmann::json& rule : *choices) {
        const nlohmann::json* condition = member(rule, "Condition");
        if (!condition ||
            !(condition->is_boolean() || (condition->is_string() && jsonata_body(condition->get<std::string>())))) {
          return where + " has a Choice rule whose Condition is neither a boolean nor a JSONata expression";
        }
      }
    }
  }
  std::optional<std::string> problem;
  std::function<void(const nlohmann::json&, const std::string&)> scan = [&](const nlohmann::json& value,
                                                                            const std::string& field) {
    if (problem) return;
    if (value.is_object()) {
      for (const auto& [key, inner] : value.items()) {
        if (!skipped_key(field, key)) scan(inner, join_field(field, key));
      }
    } else if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) scan(value[i], join_field(field, std::to_string(i)));
    } else if (value.is_string()) {
      std::optional<std::string_view> body = jsonata_body(value.get_ref<const std::string&>());
      if (!body) return;
      const JsonataParseResult& parsed = syntax_cache_.jsonata(std::string(*body));
      if (parsed.error) {
        problem = where + ", field '" + field + "': invalid JSONata expression: " + parsed.error->message +
                  " at offset " + std::to_string(parsed.error->offset) + "; run `sfncheck check` first";
      } else if (parsed.unsupported) {
        problem = where + ", field '" + field + "' uses a JSONata construct sfncheck's interpreter does not run (" +
                  parsed.unsupported->message() + "); it is refused rather than run with wrong semantics";
      }
    }
  };
  scan(definition, "");
  return problem;
}

Failure Engine::query_evaluation_error(std::string cause) {
  Failure failure{"States.QueryEvaluationError", std::move(cause), /*raised_by_state=*/true};
  if (options_.keep_history) {
    // §12.1 [AWS✓]: an EvaluationFailed event, whose cause AWS already decorates (§6.1).
    HistoryEvent event;
    event.type = "EvaluationFailed";
    event.state = current_state_ ? current_state_->name : "";
    event.error = failure.error;
    event.cause = "An error occurred while executing the state '" + event.state + "' (entered at the event id #" +
                  std::to_string(current_entered_event_) + "). " + *failure.cause;
    keep_event(std::move(event));
  }
  record_event_counted();
  return failure;
}

Outcome<nlohmann::json> Engine::evaluate_jsonata_value(const nlohmann::json& value, const std::string& field,
                                                       const JsonataScope& scope) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, inner] : value.items()) {
      Outcome<nlohmann::json> evaluated = evaluate_jsonata_value(inner, join_field(field, key), scope);
      if (!evaluated.ok()) return evaluated;
      out[key] = std::move(evaluated).value();
    }
    return out;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < value.size(); ++i) {
      Outcome<nlohmann::json> evaluated = evaluate_jsonata_value(value[i], join_field(field, std::to_string(i)), scope);
      if (!evaluated.ok()) return evaluated;
      out.push_back(std::move(evaluated).value());
    }
    return out;
  }
  std::optional<std::string_view> body =
      value.is_string() ? jsonata_body(value.get_ref<const std::string&>()) : std::nullopt;
  if (!body) return value;
  const JsonataParseResult& parsed = syntax_cache_.jsonata(std::string(*body));
  if (!parsed.expression) {  // jsonata_refusal reports these before the run; this is only a guard
    halt_unusable("state '" + (current_state_ ? current_state_->name : std::string()) + "', field '" + field +
                  "': the JSONata expression cannot be run");
    return Failure{"States.Runtime", "halted"};
  }
  JsonataBindings bindings;
  bindings.input = scope.input;
  bindings.result = scope.result;
  bindings.error_output = scope.error_output;
  bindings.context = &context_;
  bindings.variables = scope.variables;
  bindings.random = &random_;
  bindings.now = clock_.now();
  JsonataResult result = evaluate_jsonata(*parsed.expression, bindings);
  const std::string expression = expression_text(*body);
  if (result.unsupported) {
    halt_unusable("state '" + (current_state_ ? current_state_->name : std::string()) + "', field '" + field +
                  "': the JSONata expression '" + expression +
                  "' needs something sfncheck's interpreter does not run (" + *result.unsupported +
                  "); the run is refused rather than run with wrong semantics");
    return Failure{"States.Runtime", "halted"};
  }
  if (result.error) {
    return query_evaluation_error(prefix(expression, field) + " threw an error during evaluation. " + *result.error);
  }
  if (!result.value) return query_evaluation_error(prefix(expression, field) + " returned nothing (undefined).");
  return std::move(*result.value);
}

Outcome<std::optional<double>> Engine::jsonata_number_field(const nlohmann::json& holder, const char* key,
                                                            const std::string& field, const JsonataScope& scope,
                                                            double minimum, double maximum, bool integer) {
  const nlohmann::json* source = member(holder, key);
  if (!source) return std::optional<double>();
  Outcome<nlohmann::json> value = evaluate_jsonata_value(*source, field, scope);
  if (!value.ok()) return value.failure();
  const nlohmann::json& number = value.value();
  const std::string expression = source->is_string()
                                     ? expression_text(jsonata_body(source->get<std::string>()).value_or(""))
                                     : compact_json(*source);
  if (!number.is_number()) {
    return query_evaluation_error(unexpected_type(expression, field, integer ? "integer" : "number", number));
  }
  const double x = number.get<double>();
  if ((integer && std::trunc(x) != x) || x < minimum || x > maximum) {
    halt_unusable("state '" + (current_state_ ? current_state_->name : std::string()) + "': the field '" + field +
                  "' is " + compact_json(number) + ", outside what it accepts; AWS's error for that is not recorded");
    return Failure{"States.Runtime", "halted"};
  }
  return std::optional<double>(x);
}

std::optional<Failure> Engine::jsonata_assign_and_output(const nlohmann::json& holder, const JsonataScope& scope,
                                                         const nlohmann::json* default_output, StepResult& step) {
  // Both from the values on state entry (§8.4): `variables` are not changed until the state is left.
  if (const nlohmann::json* assign = member(holder, "Assign")) {
    Outcome<nlohmann::json> values = evaluate_jsonata_value(*assign, "Assign", scope);
    if (!values.ok()) return values.failure();
    if (values.value().is_object()) {
      for (auto& [name, value] : values.value().items()) step.assigned[name] = value;
    }
  }
  if (const nlohmann::json* output = member(holder, "Output")) {
    Outcome<nlohmann::json> value = evaluate_jsonata_value(*output, "Output", scope);
    if (!value.ok()) return value.failure();
    step.output = std::move(value).value();
  } else if (default_output) {
    step.output = *default_output;
  } else {
    step.output_is_input = true;
  }
  return std::nullopt;
}

StepResult Engine::step_jsonata(const CompiledState& state, const nlohmann::json& raw_input,
                                const Variables& variables) {
  switch (state.state->type) {
    case StateType::Pass:
    case StateType::Succeed: return jsonata_pass(state, raw_input, variables);
    case StateType::Task: return step_task(state, raw_input, variables);
    case StateType::Choice: return jsonata_choice(state, raw_input, variables);
    case StateType::Wait: return jsonata_wait(state, raw_input, variables);
    case StateType::Fail: return jsonata_fail(state, raw_input, variables);
    case StateType::Parallel: return step_parallel(state, raw_input, variables);
    case StateType::Map: return jsonata_map(state, raw_input, variables);
  }
  return failed(runtime_error("unknown state type"));
}

StepResult Engine::jsonata_pass(const CompiledState& state, const nlohmann::json& raw_input,
                                const Variables& variables) {
  JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
  // `Result` only runs with jsonata_pass_result_accepted (LocalStack's reading: it is the result).
  const nlohmann::json* result = state.state->type == StateType::Pass ? member(*state.definition, "Result") : nullptr;
  if (result) scope.result = result;
  StepResult step;
  if (auto failure = jsonata_assign_and_output(*state.definition, scope, result, step)) return failed(*failure);
  if (!step.output_is_input) {
    if (auto failure = check_payload_size(state, step.output)) return failed(*failure);
  }
  step.next = next_of(*state.state);
  return step;
}

StepResult Engine::jsonata_choice(const CompiledState& state, const nlohmann::json& raw_input,
                                  const Variables& variables) {
  const JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
  const nlohmann::json* choices = member(*state.definition, "Choices");
  const std::vector<ChoiceRule>& rules = state.state->choices;
  std::optional<std::size_t> taken;
  for (std::size_t i = 0; choices && i < choices->size() && !taken; ++i) {
    const nlohmann::json& condition = (*choices)[i]["Condition"];
    Outcome<nlohmann::json> value = evaluate_jsonata_value(condition, "Condition", scope);
    if (!value.ok()) return failed(value.failure());
    if (!value.value().is_boolean()) {
      const std::string cause = unexpected_type(
          condition.is_string() ? expression_text(jsonata_body(condition.get<std::string>()).value_or("")) : "",
          "Condition", "boolean", value.value());
      // §14: the error name is presumed, one switch.
      if (options_.semantics.non_boolean_condition_is_query_evaluation_error)
        return failed(query_evaluation_error(cause));
      return failed(runtime_error(cause));
    }
    if (value.value().get<bool>()) taken = i;
  }
  StepResult step;
  step.choice_rule = taken;
  const nlohmann::json* holder = nullptr;
  if (taken && *taken < rules.size()) {
    step.next = &rules[*taken].next;
    holder = &(*choices)[*taken];
  } else if (state.state->default_target) {
    step.next = &*state.state->default_target;
    step.choice_default = true;
    holder = state.definition;  // the state-level Assign and Output go with the Default [TK]
  } else {
    return failed(Failure{"States.NoChoiceMatched", "No Matches!"});
  }
  if (auto failure = jsonata_assign_and_output(*holder, scope, nullptr, step)) return failed(*failure);
  if (!step.output_is_input) {
    if (auto failure = check_payload_size(state, step.output)) return failed(*failure);
  }
  return step;
}

StepResult Engine::jsonata_wait(const CompiledState& state, const nlohmann::json& raw_input,
                                const Variables& variables) {
  const JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
  double delay = 0;
  Outcome<std::optional<double>> seconds =
      jsonata_number_field(*state.definition, "Seconds", "Seconds", scope, 0, 1e15, true);
  if (!seconds.ok()) return failed(seconds.failure());
  if (seconds.value()) {
    delay = *seconds.value();
  } else if (const nlohmann::json* timestamp = member(*state.definition, "Timestamp")) {
    Outcome<nlohmann::json> value = evaluate_jsonata_value(*timestamp, "Timestamp", scope);
    if (!value.ok()) return failed(value.failure());
    std::optional<Instant> target;
    if (value.value().is_string()) target = parse_timestamp(value.value().get<std::string>());
    if (!target) {
      // §4.1 [AWS✓]: a JSONata Timestamp that is not a timestamp.
      const nlohmann::json& shown = value.value();
      return failed(query_evaluation_error(
          "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " +
          (shown.is_string() ? shown.get<std::string>() : compact_json(shown))));
    }
    const Instant now = clock_.now();
    const double difference = static_cast<double>(target->seconds - now.seconds) +
                              (static_cast<double>(target->nanos) - static_cast<double>(now.nanos)) / 1e9;
    delay = std::max(0.0, difference);  // a timestamp in the past proceeds at once
  }
  if (delay > kMaxWaitSeconds) return failed(runtime_error("Wait state delay is too long."));
  clock_.advance(delay);
  StepResult step;
  if (auto failure = jsonata_assign_and_output(*state.definition, scope, nullptr, step)) return failed(*failure);
  if (!step.output_is_input) {
    if (auto failure = check_payload_size(state, step.output)) return failed(*failure);
  }
  step.next = next_of(*state.state);
  return step;
}

StepResult Engine::jsonata_fail(const CompiledState& state, const nlohmann::json& raw_input,
                                const Variables& variables) {
  const JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
  std::optional<std::string> texts[2];
  const char* keys[2] = {"Error", "Cause"};
  for (int i = 0; i < 2; ++i) {
    const nlohmann::json* source = member(*state.definition, keys[i]);
    if (!source) continue;
    Outcome<nlohmann::json> value = evaluate_jsonata_value(*source, keys[i], scope);
    if (!value.ok()) return failed(value.failure());
    if (!value.value().is_string()) {
      halt_unusable("state '" + state.state->name + "': its " + keys[i] + " expression returned " +
                    compact_json(value.value()) + ", not a string; AWS's handling of that is not recorded");
      return failed(Failure{"States.Runtime", "halted"});
    }
    texts[i] = value.value().get<std::string>();
  }
  // §4.3: without Error the execution ends with an empty error name.
  return failed(Failure{texts[0].value_or(""), texts[1]});
}

StepResult Engine::run_jsonata_with_error_handling(const CompiledState& state, const nlohmann::json& raw_input,
                                                   const Variables& variables, const Attempt& attempt) {
  const JsonataScope input_scope{&raw_input, nullptr, nullptr, &variables};
  const nlohmann::json* arguments = member(*state.definition, "Arguments");
  const nlohmann::json own_state_context = context_["State"];
  const std::vector<Retrier>& retriers = state.state->retry;
  std::vector<long long> attempts(retriers.size(), 0);
  long long retries = 0;
  std::optional<Outcome<nlohmann::json>> outcome;
  std::vector<std::size_t> retriers_used;
  while (true) {
    context_["State"] = own_state_context;
    context_["State"]["RetryCount"] = retries;
    if (state.wait_for_task_token) {
      context_["Task"] = {{"Token", "sfncheck-task-token-" + std::to_string(++task_token_counter_)}};
    }
    // Arguments are evaluated for every attempt (they see $states.context's RetryCount and token).
    Outcome<nlohmann::json> effective =
        arguments ? evaluate_jsonata_value(*arguments, "Arguments", input_scope) : Outcome<nlohmann::json>(raw_input);
    if (halted_) return failed(Failure{"States.Runtime", "halted"});
    outcome.emplace(effective.ok() ? attempt(effective.value()) : Outcome<nlohmann::json>(effective.failure()));
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
    StepResult handled = handle_jsonata_failure(state, raw_input, variables, outcome->failure());
    handled.retriers_used = std::move(retriers_used);
    return handled;
  }
  const nlohmann::json& result = outcome->value();
  const JsonataScope result_scope{&raw_input, &result, nullptr, &variables};
  StepResult step;
  step.retriers_used = std::move(retriers_used);
  if (auto failure = jsonata_assign_and_output(*state.definition, result_scope, &result, step)) {
    if (halted_ || is_uncatchable(*failure, options_.semantics)) return failed(*failure);
    // §14 switch query_evaluation_error_catchable: an Output or Assign error goes to Catch (not Retry).
    StepResult handled = handle_jsonata_failure(state, raw_input, variables, *failure);
    handled.retriers_used = std::move(step.retriers_used);
    return handled;
  }
  if (auto failure = check_payload_size(state, step.output)) return failed(*failure);
  step.next = next_of(*state.state);
  return step;
}

StepResult Engine::handle_jsonata_failure(const CompiledState& state, const nlohmann::json& raw_input,
                                          const Variables& variables, Failure failure) {
  const std::vector<Catcher>& catchers = state.state->catch_;
  const nlohmann::json* catches = member(*state.definition, "Catch");
  for (std::size_t i = 0; i < catchers.size(); ++i) {
    if (!error_equals_matches(catchers[i].error_equals, failure, options_.semantics)) continue;
    // §8.4: the catcher's Assign and Output read $states.errorOutput; the output defaults to it,
    // and the state's own Assign and Output do not run.
    const nlohmann::json caught = error_output(failure);
    const JsonataScope scope{&raw_input, nullptr, &caught, &variables};
    StepResult step;
    const nlohmann::json no_fields = nlohmann::json::object();
    const nlohmann::json& catcher = catches && i < catches->size() ? (*catches)[i] : no_fields;
    if (auto catcher_failure = jsonata_assign_and_output(catcher, scope, &caught, step))
      return failed(*catcher_failure);
    step.next = &catchers[i].next;
    step.catcher = i;
    return step;
  }
  return failed(std::move(failure));
}

StepResult Engine::jsonata_map(const CompiledState& state, const nlohmann::json& raw_input,
                               const Variables& variables) {
  const nlohmann::json& definition = *state.definition;
  const JsonataScope scope{&raw_input, nullptr, nullptr, &variables};
  Attempt attempt = [&](const nlohmann::json&) -> Outcome<nlohmann::json> {
    record_event("MapStateStarted");
    Outcome<std::optional<double>> concurrency =
        jsonata_number_field(definition, "MaxConcurrency", "MaxConcurrency", scope, 0, 1e9, true);
    if (!concurrency.ok()) return concurrency.failure();
    Outcome<std::optional<double>> count =
        jsonata_number_field(definition, "ToleratedFailureCount", "ToleratedFailureCount", scope, 0, 1e12, true);
    if (!count.ok()) return count.failure();
    Outcome<std::optional<double>> percentage = jsonata_number_field(
        definition, "ToleratedFailurePercentage", "ToleratedFailurePercentage", scope, 0, 100, false);
    if (!percentage.ok()) return percentage.failure();
    MapRun run;
    run.tolerated_count = count.value();
    run.tolerated_percentage = percentage.value();

    const bool objects_iterate = options_.semantics.jsonata_map_items_object_iterates;
    auto take_items = [&](const nlohmann::json& value) {
      run.items = nlohmann::json::array();
      for (const auto& [key, item] : value.items()) {
        run.items.push_back(item);
        run.item_keys.push_back(key);
      }
    };
    if (const nlohmann::json* reader = member(definition, "ItemReader")) {
      if (const nlohmann::json* arguments = member(*reader, "Arguments")) {
        Outcome<nlohmann::json> evaluated = evaluate_jsonata_value(*arguments, "ItemReader/Arguments", scope);
        if (!evaluated.ok()) return evaluated.failure();
      }
      std::optional<nlohmann::json> max_items;
      if (const nlohmann::json* config = member(*reader, "ReaderConfig"); config && member(*config, "MaxItems")) {
        Outcome<nlohmann::json> value =
            evaluate_jsonata_value(*member(*config, "MaxItems"), "ItemReader/ReaderConfig/MaxItems", scope);
        if (!value.ok()) return value.failure();
        max_items = value.value();
      }
      Outcome<nlohmann::json> read = read_map_items(state, max_items);
      if (!read.ok()) return read.failure();
      run.items = std::move(read).value();
    } else if (const nlohmann::json* items = member(definition, "Items")) {
      Outcome<nlohmann::json> value = evaluate_jsonata_value(*items, "Items", scope);
      if (!value.ok()) return value.failure();
      if (value.value().is_object() && objects_iterate) {
        take_items(value.value());
      } else if (!value.value().is_array()) {
        // §5.4 [AWS✓] (switch jsonata_map_items_object_iterates for objects).
        const std::string expression = items->is_string()
                                           ? expression_text(jsonata_body(items->get<std::string>()).value_or(""))
                                           : compact_json(*items);
        return query_evaluation_error(unexpected_type(expression, "Items", "array", value.value()));
      } else {
        run.items = std::move(value).value();
      }
    } else if (raw_input.is_object() && objects_iterate) {
      take_items(raw_input);
    } else if (raw_input.is_array()) {
      run.items = raw_input;
    } else {
      // [AWS✓]
      return query_evaluation_error("Map state input must be an array but was: " + compact_json(raw_input));
    }

    if (const nlohmann::json* batcher = member(definition, "ItemBatcher")) {
      run.batched = true;
      Outcome<std::optional<double>> per_batch =
          jsonata_number_field(*batcher, "MaxItemsPerBatch", "ItemBatcher/MaxItemsPerBatch", scope, 1, 1e9, true);
      if (!per_batch.ok()) return per_batch.failure();
      run.batch_size = per_batch.value() ? static_cast<std::size_t>(*per_batch.value()) : run.items.size();
      if (const nlohmann::json* batch_input = member(*batcher, "BatchInput")) {
        Outcome<nlohmann::json> value = evaluate_jsonata_value(*batch_input, "ItemBatcher/BatchInput", scope);
        if (!value.ok()) return value.failure();
        run.batch_input = std::move(value).value();
      }
    }
    if (const nlohmann::json* writer = member(definition, "ResultWriter")) {
      if (const nlohmann::json* arguments = member(*writer, "Arguments")) {
        Outcome<nlohmann::json> evaluated = evaluate_jsonata_value(*arguments, "ResultWriter/Arguments", scope);
        if (!evaluated.ok()) return evaluated.failure();
      }
    }
    // ItemSelector sees the Map state's input and $states.context.Map.Item (§9).
    const nlohmann::json* selector = member(definition, "ItemSelector");
    const std::function<Outcome<nlohmann::json>()> shape = [&] {
      return evaluate_jsonata_value(*selector, "ItemSelector", scope);
    };
    return run_map_items(state, std::move(run), variables, selector ? &shape : nullptr);
  };
  return run_jsonata_with_error_handling(state, raw_input, variables, attempt);
}

}  // namespace sfn::interp
