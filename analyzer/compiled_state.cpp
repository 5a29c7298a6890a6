#include "analyzer/compiled_state.h"

namespace sfn {
namespace {

const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

PathField path_field(const nlohmann::json& object, const char* key) {
  PathField field;
  const nlohmann::json* value = member(object, key);
  if (!value) return field;
  field.present = true;
  if (value->is_null()) {
    field.is_null = true;
  } else if (value->is_string()) {
    field.path = parse_path(value->get<std::string>()).path;
  }
  return field;
}

std::optional<Path> optional_path(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = member(object, key);
  if (!value || !value->is_string()) return std::nullopt;
  return parse_path(value->get<std::string>()).path;
}

std::optional<double> optional_number(const nlohmann::json& object, const char* key) {
  const nlohmann::json* value = member(object, key);
  if (!value || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

std::optional<DynamicString> dynamic_string(const nlohmann::json& object, const char* literal_key,
                                            const char* path_key) {
  DynamicString result;
  result.field = path_key;
  if (const nlohmann::json* literal = member(object, literal_key); literal && literal->is_string()) {
    result.literal = literal->get<std::string>();
    return result;
  }
  const nlohmann::json* dynamic = member(object, path_key);
  if (!dynamic || !dynamic->is_string()) return std::nullopt;
  const std::string text = dynamic->get<std::string>();
  if (looks_like_intrinsic(text)) {
    result.call = parse_intrinsic(text).call;
  } else {
    result.path = parse_path(text).path;
  }
  return result;
}

ResourceKind resource_kind(const std::string& resource) {
  if (resource.rfind("arn:aws:states:::lambda:invoke", 0) == 0) return ResourceKind::LambdaInvoke;
  if (resource.rfind("arn:", 0) == 0 && resource.find(":lambda:") != std::string::npos &&
      resource.find(":function:") != std::string::npos) {
    return ResourceKind::LegacyLambda;
  }
  return ResourceKind::Other;
}

}  // namespace

std::vector<CompiledState> compile_states(const StateMachine& machine) {
  std::vector<CompiledState> compiled(machine.states.size());
  for (std::size_t i = 0; i < machine.states.size(); ++i) {
    const State& state = machine.states[i];
    const nlohmann::json& definition = *state.definition;
    CompiledState& out = compiled[i];
    out.state = &state;
    out.definition = &definition;
    out.input_path = path_field(definition, "InputPath");
    out.output_path = path_field(definition, "OutputPath");
    out.result_path = path_field(definition, "ResultPath");
    out.items_path = path_field(definition, "ItemsPath");
    out.parameters = member(definition, state.type == StateType::Map && member(definition, "ItemSelector")
                                            ? "ItemSelector"
                                            : "Parameters");
    out.result_selector = member(definition, "ResultSelector");
    out.result = member(definition, "Result");
    out.assign = member(definition, "Assign");
    if (const nlohmann::json* resource = member(definition, "Resource"); resource && resource->is_string()) {
      const std::string text = resource->get<std::string>();
      out.resource_kind = resource_kind(text);
      out.wait_for_task_token = text.find(".waitForTaskToken") != std::string::npos;
    }
    out.timeout_seconds = optional_number(definition, "TimeoutSeconds");
    out.heartbeat_seconds = optional_number(definition, "HeartbeatSeconds");
    out.timeout_seconds_path = optional_path(definition, "TimeoutSecondsPath");
    out.heartbeat_seconds_path = optional_path(definition, "HeartbeatSecondsPath");
    out.wait_seconds = optional_number(definition, "Seconds");
    out.wait_seconds_path = optional_path(definition, "SecondsPath");
    out.wait_timestamp_path = optional_path(definition, "TimestampPath");
    if (const nlohmann::json* timestamp = member(definition, "Timestamp"); timestamp && timestamp->is_string()) {
      out.wait_timestamp = timestamp->get<std::string>();
    }
    if (state.type == StateType::Fail) {
      out.fail_error = dynamic_string(definition, "Error", "ErrorPath");
      out.fail_cause = dynamic_string(definition, "Cause", "CausePath");
    }
    if (const nlohmann::json* catches = member(definition, "Catch"); catches && catches->is_array()) {
      for (const nlohmann::json& catcher : *catches) {
        out.catcher_result_paths.push_back(path_field(catcher, "ResultPath"));
        out.catcher_assigns.push_back(member(catcher, "Assign"));
      }
    }
    if (const nlohmann::json* choices = member(definition, "Choices"); choices && choices->is_array()) {
      for (const nlohmann::json& rule : *choices) out.choice_assigns.push_back(member(rule, "Assign"));
    }
    for (const char* key : {"ItemProcessor", "Iterator"}) {
      const nlohmann::json* processor = member(definition, key);
      if (!processor) continue;
      if (const nlohmann::json* config = member(*processor, "ProcessorConfig")) {
        if (const nlohmann::json* mode = member(*config, "Mode"); mode && *mode == "DISTRIBUTED") {
          out.distributed_map = true;
        }
      }
    }
    out.tolerated_failure_count = optional_number(definition, "ToleratedFailureCount");
    out.tolerated_failure_percentage = optional_number(definition, "ToleratedFailurePercentage");
    out.item_batcher = member(definition, "ItemBatcher");
    out.tolerated_failure_count_path = optional_path(definition, "ToleratedFailureCountPath");
    out.tolerated_failure_percentage_path = optional_path(definition, "ToleratedFailurePercentagePath");
    out.max_concurrency_path = optional_path(definition, "MaxConcurrencyPath");
    out.has_item_reader = member(definition, "ItemReader") != nullptr;
    if (out.has_item_reader && member(definition, "ItemReader")->is_object()) {
      out.item_reader_config = member(*member(definition, "ItemReader"), "ReaderConfig");
    }
    out.has_result_writer = member(definition, "ResultWriter") != nullptr;
  }
  return compiled;
}

}  // namespace sfn
