#include "analyzer/rules/structure_checker.h"

#include <algorithm>
#include <array>

#include "analyzer/source_document.h"
#include "analyzer/value_syntax.h"

namespace sfn::rules {
namespace {

constexpr std::int64_t kMaxSeconds = 99999999;

struct StateFields {
  StateType type;
  std::vector<std::string_view> fields;  // beyond Type, Comment, QueryLanguage
};

const std::vector<StateFields>& state_fields() {
  static const std::vector<StateFields> table = {
      {StateType::Task,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "Assign", "Arguments", "Output", "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
        "HeartbeatSecondsPath", "Credentials"}},
      {StateType::Pass, {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Assign", "Output",
                         "Result"}},
      {StateType::Choice, {"InputPath", "OutputPath", "Assign", "Output", "Choices", "Default"}},
      {StateType::Wait, {"Next", "End", "InputPath", "OutputPath", "Assign", "Output", "Seconds", "SecondsPath",
                         "Timestamp", "TimestampPath"}},
      {StateType::Succeed, {"InputPath", "OutputPath", "Output"}},
      {StateType::Fail, {"Error", "ErrorPath", "Cause", "CausePath"}},
      {StateType::Parallel, {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath",
                             "Retry", "Catch", "Assign", "Arguments", "Output", "Branches"}},
      {StateType::Map,
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "Assign", "Output", "ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "MaxConcurrency",
        "MaxConcurrencyPath", "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount",
        "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label"}},
  };
  return table;
}

bool allows(StateType type, std::string_view field) {
  if (field == "Type" || field == "Comment" || field == "QueryLanguage") return true;
  for (const StateFields& entry : state_fields()) {
    if (entry.type == type) return std::find(entry.fields.begin(), entry.fields.end(), field) != entry.fields.end();
  }
  return false;
}

// Whether some other state type accepts the field, to tell "misplaced" from "unknown" in messages.
bool is_known_state_field(std::string_view field) {
  for (const StateFields& entry : state_fields()) {
    if (std::find(entry.fields.begin(), entry.fields.end(), field) != entry.fields.end()) return true;
  }
  return false;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace

bool is_jsonpath_only_field(std::string_view field) {
  static constexpr std::array<std::string_view, 15> fields = {
      "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath",
      "HeartbeatSecondsPath", "SecondsPath", "TimestampPath", "ItemsPath", "MaxConcurrencyPath",
      "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "ErrorPath", "CausePath"};
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

bool is_jsonata_only_field(std::string_view field) {
  return field == "Arguments" || field == "Output" || field == "Items" || field == "Condition";
}

void StructureChecker::check_root(const nlohmann::json& root) {
  QueryLanguage language = QueryLanguage::JsonPath;
  if (auto it = root.find("QueryLanguage"); it != root.end()) {
    if (values_.expect_enum(*it, "/QueryLanguage", "QueryLanguage", {"JSONPath", "JSONata"}) && it->is_string() &&
        it->get<std::string>() == "JSONata") {
      language = QueryLanguage::Jsonata;
    }
  }
  machine_language_ = language;
  check_scope(root, "", ScopeKind::TopLevel, language);
}

void StructureChecker::check_scope(const nlohmann::json& object, const std::string& pointer, ScopeKind kind,
                                   QueryLanguage language) {
  std::string owner;
  switch (kind) {
    case ScopeKind::TopLevel:
      owner = "the state machine";
      check_allowed_fields(object, pointer, {"StartAt", "States", "Comment", "Version", "TimeoutSeconds",
                                             "QueryLanguage"}, owner);
      break;
    case ScopeKind::Branch:
      owner = "a Parallel branch";
      check_allowed_fields(object, pointer, {"StartAt", "States", "Comment", "QueryLanguage"}, owner);
      break;
    case ScopeKind::ItemProcessor:
      owner = "ItemProcessor";
      check_allowed_fields(object, pointer, {"StartAt", "States", "Comment", "QueryLanguage", "ProcessorConfig"},
                           owner);
      break;
    case ScopeKind::Iterator:
      owner = "Iterator";
      check_allowed_fields(object, pointer, {"StartAt", "States", "Comment", "QueryLanguage", "ProcessorConfig"},
                           owner);
      break;
  }
  for (const auto& [key, value] : object.items()) {
    const std::string field_pointer = append_pointer(pointer, key);
    if (key == "StartAt") {
      values_.expect_string(value, field_pointer, key);
    } else if (key == "Comment" || key == "Version") {
      values_.expect_string(value, field_pointer, key);
    } else if (key == "TimeoutSeconds") {
      values_.expect_integer(value, field_pointer, key, 1, kMaxSeconds);
    } else if (key == "QueryLanguage" && kind != ScopeKind::TopLevel) {
      if (values_.expect_enum(value, field_pointer, key, {"JSONPath", "JSONata"}) && value.is_string()) {
        // Only the machine's own QueryLanguage forbids JSONPath below it: AWS says "... if set to 'JSONata'
        // for whole state machine", and LocalStack's validation template valid_query_language_pass has a
        // JSONPath state inside a JSONata Map of a JSONPath machine.
        if (value.get<std::string>() == "JSONPath" && machine_language_ == QueryLanguage::Jsonata) {
          reporter_.report("query-language-downgrade", field_pointer,
                           "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for the whole state machine");
        }
        language = value.get<std::string>() == "JSONata" ? QueryLanguage::Jsonata : QueryLanguage::JsonPath;
      }
    } else if (key == "ProcessorConfig") {
      check_processor_config(value, field_pointer);
    }
  }
  if (!object.contains("StartAt")) {
    reporter_.report("missing-required-field", pointer, owner + " needs 'StartAt'");
  }
  auto states = object.find("States");
  if (states == object.end()) {
    reporter_.report("missing-required-field", pointer, owner + " needs 'States'");
    return;
  }
  const std::string states_pointer = append_pointer(pointer, "States");
  if (!values_.expect_object(*states, states_pointer, "States")) return;
  if (states->empty()) {
    reporter_.report("missing-required-field", states_pointer, "'States' must hold at least one state");
  }
  for (const auto& [name, definition] : states->items()) {
    check_state(name, definition, append_pointer(states_pointer, name), language);
  }
}

void StructureChecker::check_state_name(const std::string& name, const std::string& pointer) {
  std::size_t length = count_code_points(name);
  if (name.empty()) {
    reporter_.report("invalid-state-name", pointer, "a state name must not be empty", Anchor::Key);
  } else if (length > 80) {
    reporter_.report("invalid-state-name", pointer,
                     "state name is " + std::to_string(length) + " characters long; AWS allows at most 80",
                     Anchor::Key);
  } else if (std::any_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    reporter_.report("invalid-state-name", pointer, "a state name must not contain control characters",
                     Anchor::Key);
  }
  auto [it, inserted] = first_state_pointer_.emplace(name, pointer);
  if (!inserted) {
    Diagnostic& diagnostic = reporter_.report(
        "duplicate-state-name", pointer,
        "state name " + quote_name(name) + " is already used; names must be unique across the whole machine",
        Anchor::Key);
    diagnostic.related.push_back(reporter_.locate(it->second, name, Anchor::Key));
  }
}

void StructureChecker::check_state(const std::string& name, const nlohmann::json& definition,
                                   const std::string& pointer, QueryLanguage scope_language) {
  const std::string saved_state = reporter_.current_state();
  reporter_.set_current_state(name);
  check_state_name(name, pointer);
  if (!definition.is_object()) {
    reporter_.report("invalid-field-type", pointer,
                     "state " + quote_name(name) + " must be an object, found " + describe_value(definition));
    reporter_.set_current_state(saved_state);
    return;
  }
  auto type_field = definition.find("Type");
  std::optional<StateType> type;
  if (type_field == definition.end()) {
    reporter_.report("missing-required-field", pointer, "state " + quote_name(name) + " needs 'Type'", Anchor::Key);
  } else if (values_.expect_enum(*type_field, append_pointer(pointer, "Type"), "Type",
                                 {"Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"}) &&
             type_field->is_string()) {
    type = parse_state_type(type_field->get<std::string>());
  }
  QueryLanguage language = scope_language;
  if (auto it = definition.find("QueryLanguage"); it != definition.end()) {
    const std::string field_pointer = append_pointer(pointer, "QueryLanguage");
    if (values_.expect_enum(*it, field_pointer, "QueryLanguage", {"JSONPath", "JSONata"}) && it->is_string()) {
      // The declared language is the one the state's fields are checked in, so a refused downgrade is
      // reported once, not again for each JSONPath field (see check_scope for why only the machine counts).
      if (it->get<std::string>() == "JSONata") {
        language = QueryLanguage::Jsonata;
      } else {
        language = QueryLanguage::JsonPath;
        if (machine_language_ == QueryLanguage::Jsonata) {
          reporter_.report("query-language-downgrade", field_pointer,
                           "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for the whole state machine");
        }
      }
    }
  }
  if (!type) {
    reporter_.set_current_state(saved_state);
    return;
  }
  StateContext state{name, pointer, *type, language, definition};
  for (const auto& [field, value] : definition.items()) {
    const std::string field_pointer = append_pointer(pointer, field);
    if (!allows(*type, field)) {
      std::string message = "field " + quote_name(field) + " is not supported by " +
                            std::string(state_type_name(*type)) + " states";
      if (!is_known_state_field(field)) message = "unknown field " + quote_name(field) + " in a " +
                                                   std::string(state_type_name(*type)) + " state";
      reporter_.report("field-not-allowed", field_pointer, message, Anchor::Key);
      continue;
    }
    if (is_jsonpath_only_field(field) && language == QueryLanguage::Jsonata) {
      check_mode(field, field_pointer, language);
      continue;
    }
    if (is_jsonata_only_field(field) && language == QueryLanguage::JsonPath) {
      check_mode(field, field_pointer, language);
      continue;
    }
    check_state_field(state, field, value, field_pointer);
  }
  check_field_groups(state);
  reporter_.set_current_state(saved_state);
}

void StructureChecker::check_mode(const std::string& field, const std::string& pointer, QueryLanguage language) {
  if (language == QueryLanguage::Jsonata) {
    reporter_.report("jsonpath-only-field", pointer,
                     "the QueryLanguage is 'JSONata', but field " + quote_name(field) +
                         " is only supported for the 'JSONPath' QueryLanguage",
                     Anchor::Key);
  } else {
    reporter_.report("jsonata-only-field", pointer,
                     "the QueryLanguage is 'JSONPath', but field " + quote_name(field) +
                         " is only supported for the 'JSONata' QueryLanguage",
                     Anchor::Key);
  }
}

void StructureChecker::check_state_field(const StateContext& state, const std::string& field,
                                         const nlohmann::json& value, const std::string& pointer) {
  const QueryLanguage language = state.language;
  if (field == "Type" || field == "QueryLanguage") return;  // checked in check_state
  if (field == "Comment" || field == "Next" || field == "Default") {
    values_.expect_string(value, pointer, field);
  } else if (field == "End") {
    values_.expect_boolean(value, pointer, field);
  } else if (field == "InputPath" || field == "OutputPath") {
    values_.check_path(value, pointer, field, true);
  } else if (field == "Parameters") {
    // Not required to be an object: a deployed workflow (serverless-patterns eventbridge-pipes-sqs-to-lambda-
    // with-stepfunction-enrichment) has an array of templates, and the statelint fixtures pass-with-parameters
    // and map-with-parameters (a string), which all three statelint ports and asl-validator accept, are
    // labelled valid in the corpus. '.$' keys inside are still checked.
    values_.check_payload_template(value, pointer, field);
  } else if (field == "ResultSelector") {
    if (values_.expect_object(value, pointer, field)) values_.check_payload_template(value, pointer, field);
  } else if (field == "ResultPath") {
    values_.check_result_path(value, pointer, field);
  } else if (field == "Retry") {
    if (values_.expect_array(value, pointer, field, false)) check_retriers(value, pointer);
  } else if (field == "Catch") {
    if (values_.expect_array(value, pointer, field, false)) check_catchers(value, pointer, language);
  } else if (field == "Assign") {
    values_.check_assign(value, pointer, language);
  } else if (field == "Arguments") {
    if (!value.is_object() && !(value.is_string() && is_jsonata_expression(value.get<std::string>()))) {
      reporter_.report("invalid-field-type", pointer,
                       "'Arguments' must be an object or a JSONata expression, found " + describe_value(value));
    }
    values_.check_jsonata_strings(value, pointer);
  } else if (field == "Output") {
    values_.check_jsonata_strings(value, pointer);
  } else if (field == "Resource") {
    values_.check_resource(value, pointer);
  } else if (field == "TimeoutSeconds" || field == "HeartbeatSeconds") {
    check_integer_field(state, field, value, 1, kMaxSeconds);
  } else if (field == "TimeoutSecondsPath" || field == "HeartbeatSecondsPath" || field == "SecondsPath" ||
             field == "TimestampPath" || field == "MaxConcurrencyPath" || field == "ToleratedFailureCountPath" ||
             field == "ToleratedFailurePercentagePath") {
    values_.check_reference_path(value, pointer, field, false);
  } else if (field == "Credentials") {
    check_credentials(value, pointer, language);
  } else if (field == "Result") {
    if (language == QueryLanguage::Jsonata) values_.check_jsonata_strings(value, pointer);
    if (value.is_object() || value.is_array()) {
      std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      if (text.find(".$\"") != std::string::npos) {
        reporter_.report("pass-result-is-static", pointer,
                         "keys ending in '.$' inside 'Result' are not evaluated; use 'Parameters' to build the "
                         "result from the input");
      }
    }
  } else if (field == "Choices") {
    if (values_.expect_array(value, pointer, field, true)) check_choices(state, value, pointer);
  } else if (field == "Seconds") {
    check_integer_field(state, field, value, 0, kMaxSeconds);
  } else if (field == "Timestamp") {
    if (!values_.is_checked_jsonata(value, pointer, language)) values_.check_timestamp(value, pointer, field);
  } else if (field == "Error" || field == "Cause") {
    if (!values_.is_checked_jsonata(value, pointer, language)) values_.expect_string(value, pointer, field);
  } else if (field == "ErrorPath" || field == "CausePath") {
    values_.check_path_or_string_intrinsic(value, pointer, field);
  } else if (field == "Branches") {
    if (values_.expect_array(value, pointer, field, true)) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string branch_pointer = append_pointer(pointer, i);
        if (values_.expect_object(value[i], branch_pointer, "Branches[" + std::to_string(i) + "]")) {
          check_scope(value[i], branch_pointer, ScopeKind::Branch, language);
        }
      }
    }
  } else if (field == "ItemProcessor" || field == "Iterator") {
    if (values_.expect_object(value, pointer, field)) {
      check_scope(value, pointer, field == "Iterator" ? ScopeKind::Iterator : ScopeKind::ItemProcessor, language);
    }
  } else if (field == "ItemsPath") {
    values_.check_reference_path(value, pointer, field, false);
  } else if (field == "Items") {
    if (!value.is_array() && !(value.is_string() && is_jsonata_expression(value.get<std::string>()))) {
      reporter_.report("invalid-field-type", pointer,
                       "'Items' must be an array or a JSONata expression, found " + describe_value(value));
    }
    values_.check_jsonata_strings(value, pointer);
  } else if (field == "ItemSelector") {
    if (language == QueryLanguage::Jsonata) {
      values_.check_jsonata_strings(value, pointer);
    } else if (values_.expect_object(value, pointer, field)) {
      values_.check_payload_template(value, pointer, field);
    }
  } else if (field == "MaxConcurrency" || field == "ToleratedFailureCount") {
    check_integer_field(state, field, value, 0, 2147483647);
  } else if (field == "ToleratedFailurePercentage") {
    if (!values_.is_checked_jsonata(value, pointer, language)) values_.expect_number(value, pointer, field, 0, 100);
  } else if (field == "ItemReader") {
    check_item_reader(value, pointer, language);
  } else if (field == "ItemBatcher") {
    check_item_batcher(value, pointer, language);
  } else if (field == "ResultWriter") {
    check_result_writer(value, pointer, language);
  } else if (field == "Label") {
    check_label(value, pointer);
  }
}

void StructureChecker::check_integer_field(const StateContext& state, const std::string& field,
                                           const nlohmann::json& value, std::int64_t minimum, std::int64_t maximum) {
  const std::string pointer = append_pointer(state.pointer, field);
  if (values_.is_checked_jsonata(value, pointer, state.language)) return;
  if (value.is_string() && is_whole_placeholder(value.get<std::string>())) return;
  values_.expect_integer(value, pointer, field, minimum, maximum);
}

void StructureChecker::check_field_groups(const StateContext& state) {
  const nlohmann::json& definition = state.definition;
  const std::string type_name = state_type_name(state.type);
  const std::string owner = type_name + " state " + quote_name(state.name);
  switch (state.type) {
    case StateType::Task:
    case StateType::Pass:
    case StateType::Wait:
    case StateType::Parallel:
    case StateType::Map: {
      const bool has_next = definition.contains("Next");
      auto end = definition.find("End");
      const bool ends = end != definition.end() && end->is_boolean() && end->get<bool>();
      if (has_next && ends) {
        reporter_.report("mutually-exclusive-fields", append_pointer(state.pointer, "End"),
                         owner + " has both 'Next' and \"End\": true; a state either moves on or ends", Anchor::Key);
      } else if (!has_next && !ends) {
        reporter_.report("missing-required-field", state.pointer,
                         owner + " needs 'Next' or \"End\": true", Anchor::Key);
      }
      break;
    }
    default: break;
  }
  switch (state.type) {
    case StateType::Task:
      if (!definition.contains("Resource")) {
        reporter_.report("missing-required-field", state.pointer, owner + " needs 'Resource'", Anchor::Key);
      }
      check_exclusive(definition, state.pointer, {"TimeoutSeconds", "TimeoutSecondsPath"}, false, owner);
      check_exclusive(definition, state.pointer, {"HeartbeatSeconds", "HeartbeatSecondsPath"}, false, owner);
      if (auto timeout = definition.find("TimeoutSeconds"), heartbeat = definition.find("HeartbeatSeconds");
          timeout != definition.end() && heartbeat != definition.end() && timeout->is_number() &&
          heartbeat->is_number() && heartbeat->get<double>() >= timeout->get<double>()) {
        reporter_.report("heartbeat-not-below-timeout", append_pointer(state.pointer, "HeartbeatSeconds"),
                         "'HeartbeatSeconds' (" + heartbeat->dump() + ") must be smaller than 'TimeoutSeconds' (" +
                             timeout->dump() + ")");
      }
      break;
    case StateType::Choice:
      if (!definition.contains("Choices")) {
        reporter_.report("missing-required-field", state.pointer, owner + " needs 'Choices'", Anchor::Key);
      }
      break;
    case StateType::Wait:
      check_exclusive(definition, state.pointer, {"Seconds", "SecondsPath", "Timestamp", "TimestampPath"}, true,
                      owner);
      break;
    case StateType::Fail:
      check_exclusive(definition, state.pointer, {"Error", "ErrorPath"}, false, owner);
      check_exclusive(definition, state.pointer, {"Cause", "CausePath"}, false, owner);
      break;
    case StateType::Parallel:
      if (!definition.contains("Branches")) {
        reporter_.report("missing-required-field", state.pointer, owner + " needs 'Branches'", Anchor::Key);
      }
      break;
    case StateType::Map:
      check_exclusive(definition, state.pointer, {"ItemProcessor", "Iterator"}, true, owner);
      check_exclusive(definition, state.pointer, {"ItemSelector", "Parameters"}, false, owner);
      check_exclusive(definition, state.pointer, {"MaxConcurrency", "MaxConcurrencyPath"}, false, owner);
      check_exclusive(definition, state.pointer, {"ToleratedFailureCount", "ToleratedFailureCountPath"}, false,
                      owner);
      check_exclusive(definition, state.pointer, {"ToleratedFailurePercentage", "ToleratedFailurePercentagePath"},
                      false, owner);
      check_exclusive(definition, state.pointer, {"ItemsPath", "Items"}, false, owner);
      break;
    default: break;
  }
}

void StructureChecker::check_exclusive(const nlohmann::json& object, const std::string& pointer,
                                       std::initializer_list<std::string_view> fields, bool required,
                                       std::string_view owner) {
  std::vector<std::string_view> present;
  for (std::string_view field : fields) {
    if (object.contains(field)) present.push_back(field);
  }
  std::string list;
  for (std::string_view field : fields) {
    if (!list.empty()) list += ", ";
    list += quote_name(field);
  }
  if (present.size() > 1) {
    std::string found;
    for (std::string_view field : present) {
      if (!found.empty()) found += " and ";
      found += quote_name(field);
    }
    reporter_.report("mutually-exclusive-fields", append_pointer(pointer, present[1]),
                     std::string(owner) + " may have only one of " + list + ", found " + found, Anchor::Key);
  } else if (required && present.empty()) {
    reporter_.report("missing-required-field", pointer, std::string(owner) + " needs exactly one of " + list,
                     Anchor::Key);
  }
}

void StructureChecker::check_allowed_fields(const nlohmann::json& object, const std::string& pointer,
                                            std::initializer_list<std::string_view> allowed,
                                            std::string_view owner) {
  for (const auto& [key, value] : object.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      reporter_.report("field-not-allowed", append_pointer(pointer, key),
                       "field " + quote_name(key) + " is not supported in " + std::string(owner), Anchor::Key);
    }
  }
}

void StructureChecker::check_label(const nlohmann::json& value, const std::string& pointer) {
  if (!values_.expect_string(value, pointer, "Label") || !value.is_string()) return;
  const std::string& label = value.get_ref<const std::string&>();
  if (is_whole_placeholder(label)) return;
  constexpr std::string_view forbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";
  bool bad_character = std::any_of(label.begin(), label.end(), [&](unsigned char c) {
    return c < 0x20 || c == 0x7f || forbidden.find(static_cast<char>(c)) != std::string_view::npos;
  });
  if (label.empty() || count_code_points(label) > 40 || bad_character) {
    reporter_.report("invalid-label", pointer,
                     "'Label' must be 1 to 40 characters without whitespace, brackets, wildcards or any of "
                     "\"#%\\^|~`$&,;:/, found " + describe_value(value));
    return;
  }
  auto [it, inserted] = first_label_pointer_.emplace(label, pointer);
  if (!inserted) {
    Diagnostic& diagnostic = reporter_.report("duplicate-label", pointer,
                                              "Map Label " + quote_name(label) + " is already used by another Map state");
    diagnostic.related.push_back(reporter_.locate(it->second, ""));
  }
}

void StructureChecker::check_processor_config(const nlohmann::json& value, const std::string& pointer) {
  if (!values_.expect_object(value, pointer, "ProcessorConfig")) return;
  check_allowed_fields(value, pointer, {"Mode", "ExecutionType"}, "ProcessorConfig");
  if (auto it = value.find("Mode"); it != value.end()) {
    values_.expect_enum(*it, append_pointer(pointer, "Mode"), "Mode", {"INLINE", "DISTRIBUTED"});
  }
  if (auto it = value.find("ExecutionType"); it != value.end()) {
    values_.expect_enum(*it, append_pointer(pointer, "ExecutionType"), "ExecutionType", {"STANDARD", "EXPRESS"});
  }
}

void StructureChecker::check_credentials(const nlohmann::json& value, const std::string& pointer,
                                         QueryLanguage language) {
  if (!values_.expect_object(value, pointer, "Credentials")) return;
  check_allowed_fields(value, pointer, {"RoleArn", "RoleArn.$"}, "Credentials");
  check_exclusive(value, pointer, {"RoleArn", "RoleArn.$"}, true, "'Credentials'");
  if (auto it = value.find("RoleArn"); it != value.end()) {
    if (!values_.is_checked_jsonata(*it, append_pointer(pointer, "RoleArn"), language)) {
      values_.check_arn(*it, append_pointer(pointer, "RoleArn"), "RoleArn");
    }
  }
  if (auto it = value.find("RoleArn.$"); it != value.end()) {
    if (language == QueryLanguage::Jsonata) {
      reporter_.report("jsonpath-only-field", append_pointer(pointer, "RoleArn.$"),
                       "'RoleArn.$' is only supported for the 'JSONPath' QueryLanguage", Anchor::Key);
    } else {
      values_.check_dynamic_value(*it, append_pointer(pointer, "RoleArn.$"), "RoleArn.$");
    }
  }
}

}  // namespace sfn::rules
