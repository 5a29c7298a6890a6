// Map (asl-semantics.md §5.4): items from ItemsPath or a mocked ItemReader, optional batching, each
// item shaped by ItemSelector (or legacy Parameters) and run through the processor in item order.

#include <cmath>

#include "interpreter/engine.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

std::optional<double> number_member(const nlohmann::json* object, const char* key) {
  if (!object || !object->is_object()) return std::nullopt;
  auto it = object->find(key);
  if (it == object->end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

// How AWS quotes a bad dynamic value in a message: a string as it is, anything else as JSON.
std::string quoted(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : compact_json(value);
}

}  // namespace

StepResult Engine::step_map(const CompiledState& state, const nlohmann::json& raw_input,
                            const Variables& variables) {
  Attempt attempt = [&](const nlohmann::json& effective) -> Outcome<nlohmann::json> {
    record_event("MapStateStarted");
    // §5.4 [AWS✓]: the dynamic MaxConcurrency and tolerance values are checked before any item runs.
    auto lookup_value = [&](const Path& path) -> Outcome<nlohmann::json> {
      PathLookup lookup = evaluate_path(path, PathRoots{&effective, &context_, &variables});
      if (!lookup.value) return runtime_error("Invalid path '" + path.text + "' : " + lookup.missing);
      return std::move(*lookup.value);
    };
    if (state.max_concurrency_path) {
      Outcome<nlohmann::json> value = lookup_value(*state.max_concurrency_path);
      if (!value.ok()) return value.failure();
      if (!value.value().is_number_integer()) {
        return runtime_error("The MaxConcurrencyPath field refers to value \"" + quoted(value.value()) +
                             "\" which is not a valid integer: " + state.max_concurrency_path->text);
      }
    }
    std::optional<double> tolerated_count = state.tolerated_failure_count;
    std::optional<double> tolerated_percentage = state.tolerated_failure_percentage;
    if (state.tolerated_failure_count_path) {
      Outcome<nlohmann::json> value = lookup_value(*state.tolerated_failure_count_path);
      if (!value.ok()) return value.failure();
      if (!value.value().is_number_integer()) {
        return runtime_error("The ToleratedFailureCountPath field refers to value \"" + quoted(value.value()) +
                             "\" which is not a valid integer: " + state.tolerated_failure_count_path->text);
      }
      if (value.value().get<double>() < 0) return runtime_error("ToleratedFailureCount cannot be negative.");
      tolerated_count = value.value().get<double>();
    }
    if (state.tolerated_failure_percentage_path) {
      Outcome<nlohmann::json> value = lookup_value(*state.tolerated_failure_percentage_path);
      if (!value.ok()) return value.failure();
      if (!value.value().is_number()) {
        return runtime_error("The ToleratedFailurePercentagePath field refers to value \"" + quoted(value.value()) +
                             "\" which is not a valid float: " + state.tolerated_failure_percentage_path->text);
      }
      const double percentage = value.value().get<double>();
      if (percentage < 0 || percentage > 100) {
        return runtime_error("ToleratedFailurePercentage must be between 0 and 100.");
      }
      tolerated_percentage = percentage;
    }

    MapRun run;
    run.tolerated_count = tolerated_count;
    run.tolerated_percentage = tolerated_percentage;
    if (state.has_item_reader) {
      // ReaderConfig.MaxItems(Path) caps the items read; it must be positive [AWS✓].
      std::optional<nlohmann::json> max_items;
      if (const nlohmann::json* config = state.item_reader_config; config && config->is_object()) {
        if (auto it = config->find("MaxItems"); it != config->end()) max_items = *it;
        if (auto it = config->find("MaxItemsPath"); it != config->end() && it->is_string()) {
          std::optional<Path> path = parse_path(it->get<std::string>()).path;
          if (path) {
            Outcome<nlohmann::json> value = lookup_value(*path);
            if (!value.ok()) return value.failure();
            max_items = value.value();
          }
        }
      }
      Outcome<nlohmann::json> read = read_map_items(state, max_items);
      if (!read.ok()) return read.failure();
      run.items = std::move(read).value();
    } else {
      const PathField& items_path = state.items_path;
      if (items_path.present && items_path.path) {
        PathLookup lookup = evaluate_path(*items_path.path, PathRoots{&effective, &context_, &variables});
        if (!lookup.value) return runtime_error("Invalid path '" + items_path.path->text + "' : " + lookup.missing);
        run.items = std::move(*lookup.value);
      } else {
        run.items = effective;
      }
      if (!run.items.is_array()) {
        return runtime_error("Unable to apply ItemsPath " +
                             (items_path.path ? items_path.path->text : std::string("$")) +
                             " : the value is not an array: " + compact_json(run.items));
      }
    }

    if (state.item_batcher) {
      run.batched = true;
      std::optional<double> per_batch = number_member(state.item_batcher, "MaxItemsPerBatch");
      run.batch_size = per_batch && *per_batch >= 1 ? static_cast<std::size_t>(*per_batch) : run.items.size();
      if (auto it = state.item_batcher->find("BatchInput"); it != state.item_batcher->end()) {
        Outcome<nlohmann::json> evaluated = apply_parameters(&*it, effective, variables);
        if (!evaluated.ok()) return evaluated.failure();
        run.batch_input = std::move(evaluated).value();
      }
    }
    const std::function<Outcome<nlohmann::json>()> shape = [&] {
      return apply_parameters(state.parameters, effective, variables);
    };
    return run_map_items(state, std::move(run), variables, state.parameters ? &shape : nullptr);
  };
  return run_with_error_handling(state, raw_input, variables, attempt);
}

Outcome<nlohmann::json> Engine::read_map_items(const CompiledState& state,
                                               const std::optional<nlohmann::json>& max_items) {
  const std::string& name = state.state->name;
  if (max_items && (!max_items->is_number_integer() || max_items->get<double>() <= 0)) {
    return Failure{"States.ItemReaderFailed", "field MaxItems must be positive", /*raised_by_state=*/true};
  }
  // ItemReader data comes from a mock named after the Map state: its Return is the item list.
  const std::size_t invocation = invocations_[name]++;
  std::optional<MockResponse> response = mocks_.response(name, invocation);
  if (!response) {
    halt_unusable("Map state '" + name + "' reads items with an ItemReader; give them as a mock for '" + name +
                  "' (invocation " + std::to_string(invocation) + ")");
    return Failure{"States.Runtime", "no mock"};
  }
  if (response->error) return *response->error;
  nlohmann::json items = response->result.value_or(nlohmann::json::array());
  if (!items.is_array()) {
    return Failure{"States.ItemReaderFailed", "Attempting to map over non-iterable node.", /*raised_by_state=*/true};
  }
  if (max_items && items.size() > max_items->get<std::size_t>()) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(max_items->get<std::size_t>()), items.end());
  }
  return items;
}

Outcome<nlohmann::json> Engine::run_map_items(const CompiledState& state, MapRun run, const Variables& variables,
                                              const std::function<Outcome<nlohmann::json>()>* shape_item) {
  const std::string& name = state.state->name;
  nlohmann::json& items = run.items;
  if (run.batched) {
    const std::size_t batch_size = std::max<std::size_t>(run.batch_size, 1);
    nlohmann::json batches = nlohmann::json::array();
    for (std::size_t start = 0; start < items.size(); start += batch_size) {
      nlohmann::json batch = {{"Items", nlohmann::json::array()}};
      for (std::size_t i = start; i < std::min(items.size(), start + batch_size); ++i) batch["Items"].push_back(items[i]);
      if (!run.batch_input.is_null()) batch["BatchInput"] = run.batch_input;
      batches.push_back(std::move(batch));
    }
    items = std::move(batches);
    run.item_keys.clear();
  }
  const std::optional<double>& tolerated_count = run.tolerated_count;
  const std::optional<double>& tolerated_percentage = run.tolerated_percentage;
  // §5.4: only distributed Maps tolerate failures (inline ones with the switch). The thresholds
  // given are each checked; a distributed Map without any has threshold 0 [DG].
  const bool tolerates = state.distributed_map || options_.semantics.inline_map_honours_tolerated_failures;
  const bool has_threshold = tolerated_count.has_value() || tolerated_percentage.has_value();
  const bool zero_threshold_error = state.distributed_map && !has_threshold &&
                                    options_.semantics.distributed_map_failure_is_threshold_error;
  if (state.distributed_map) record_event("MapRunStarted");
  // A distributed Map's children are separate executions with their own histories (§12.1):
  // each is numbered from its own ExecutionStarted and leaves nothing in this one.
  const std::uint64_t events_before_items = result_.events;
  const std::size_t history_before_items = result_.history.size();
  auto end_child_execution = [&] {
    if (!state.distributed_map) return;
    result_.events = events_before_items;
    result_.history.resize(history_before_items);
  };
  nlohmann::json results = nlohmann::json::array();
  std::size_t failures = 0;
  std::optional<Failure> first_failure;
  for (std::size_t index = 0; index < items.size(); ++index) {
    nlohmann::json item_input = items[index];
    if (shape_item) {
      // $$.Map.Item is visible only while the iteration input is built (§9).
      nlohmann::json item = {{"Index", index}, {"Value", items[index]}};
      if (index < run.item_keys.size()) item["Key"] = run.item_keys[index];
      context_["Map"] = {{"Item", std::move(item)}};
      Outcome<nlohmann::json> shaped = (*shape_item)();
      context_.erase("Map");
      if (!shaped.ok()) return shaped.failure();
      item_input = std::move(shaped).value();
    }
    if (state.distributed_map) {
      result_.events = 1;  // the child's ExecutionStarted
    } else {
      record_event("MapIterationStarted");
    }
    // A distributed Map's children are separate executions and cannot see outer variables.
    Variables item_variables = state.distributed_map ? Variables{} : variables;
    if (state.state->child_scopes.empty()) return runtime_error("Map state '" + name + "' has no ItemProcessor");
    Outcome<nlohmann::json> output =
        run_scope(state.state->child_scopes[0], std::move(item_input), item_variables, index);
    if (halted_) return Failure{"States.Runtime", "halted"};
    end_child_execution();
    if (!state.distributed_map) record_event(output.ok() ? "MapIterationSucceeded" : "MapIterationFailed");
    if (output.ok()) {
      results.push_back(std::move(output).value());
      continue;
    }
    ++failures;
    if (!first_failure) first_failure = output.failure();
    if (zero_threshold_error) {
      record_event("MapRunFailed");
      record_event("MapStateFailed");
      return Failure{"States.ExceedToleratedFailureThreshold",
                     "The specified tolerated failure threshold was exceeded"};
    }
    if (!tolerates || !has_threshold) {
      if (state.distributed_map) record_event("MapRunFailed");
      record_event("MapStateFailed");
      return output.failure();  // §5.4: the iteration's own error fails the Map
    }
    results.push_back({{"Error", output.failure().error}, {"Cause", output.failure().cause.value_or("")}});
  }
  if (failures > 0) {
    // [DG maprun-fail-threshold] "If you specify both values, the workflow fails when it exceeds
    // either value."
    const double percentage = items.empty() ? 0 : 100.0 * static_cast<double>(failures) / items.size();
    const bool count_exceeded = tolerated_count && static_cast<double>(failures) > *tolerated_count;
    const bool percentage_exceeded = tolerated_percentage && percentage > *tolerated_percentage;
    if (count_exceeded || percentage_exceeded) {
      if (state.distributed_map) record_event("MapRunFailed");
      record_event("MapStateFailed");
      return Failure{"States.ExceedToleratedFailureThreshold",
                     "The specified tolerated failure threshold was exceeded"};
    }
  }
  if (state.distributed_map) record_event("MapRunSucceeded");
  record_event("MapStateSucceeded");
  if (state.has_result_writer) {
    // With a ResultWriter the results go to S3 and the state's result describes the Map Run.
    return nlohmann::json{{"MapRunArn", "arn:aws:states:us-east-1:123456789012:mapRun:sfncheck/" + name + ":local"},
                          {"ResultWriterDetails", {{"Bucket", "results"}, {"Key", "manifest.json"}}}};
  }
  return results;
}

}  // namespace sfn::interp
