#include "analyzer/model.h"

#include <array>

#include "analyzer/source_document.h"

namespace sfn {
namespace {

constexpr std::array<std::pair<std::string_view, StateType>, 8> kStateTypes = {{
    {"Task", StateType::Task}, {"Pass", StateType::Pass}, {"Choice", StateType::Choice},
    {"Wait", StateType::Wait}, {"Succeed", StateType::Succeed}, {"Fail", StateType::Fail},
    {"Parallel", StateType::Parallel}, {"Map", StateType::Map},
}};

const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = member(object, key);
  if (value && value->is_string()) return value->get<std::string>();
  return std::nullopt;
}

std::optional<QueryLanguage> query_language_of(const nlohmann::json& object) {
  auto text = string_member(object, "QueryLanguage");
  if (!text) return std::nullopt;
  if (*text == "JSONata") return QueryLanguage::Jsonata;
  if (*text == "JSONPath") return QueryLanguage::JsonPath;
  return std::nullopt;
}

std::vector<std::string> error_names(const nlohmann::json& entry) {
  std::vector<std::string> names;
  if (const nlohmann::json* list = member(entry, "ErrorEquals"); list && list->is_array()) {
    for (const auto& name : *list) {
      if (name.is_string()) names.push_back(name.get<std::string>());
    }
  }
  return names;
}

ChoiceRule build_choice_rule(const nlohmann::json& rule, const std::string& pointer) {
  ChoiceRule result;
  result.pointer = pointer;
  if (auto next = string_member(rule, "Next")) result.next = *next;
  if (!rule.is_object()) return result;
  if (const nlohmann::json* list = member(rule, "And"); list || (list = member(rule, "Or"))) {
    result.op = rule.contains("And") ? ChoiceOperator::And : ChoiceOperator::Or;
    const char* key = result.op == ChoiceOperator::And ? "And" : "Or";
    if (list->is_array()) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        result.children.push_back(build_choice_rule((*list)[i], append_pointer(append_pointer(pointer, key), i)));
      }
    }
    return result;
  }
  if (const nlohmann::json* inner = member(rule, "Not")) {
    result.op = ChoiceOperator::Not;
    result.children.push_back(build_choice_rule(*inner, append_pointer(pointer, "Not")));
    return result;
  }
  if (const nlohmann::json* condition = member(rule, "Condition")) {
    result.op = ChoiceOperator::Condition;
    result.operand = *condition;
    return result;
  }
  if (auto variable = string_member(rule, "Variable")) {
    result.variable = *variable;
    result.variable_path = parse_path(*variable).path;
  }
  for (const auto& [key, value] : rule.items()) {
    const ChoiceOperatorInfo* info = find_comparison_operator(key);
    if (!info) continue;
    result.op = info->op;
    result.operand = value;
    if (info->operand == OperandKind::Path && value.is_string()) {
      result.operand_path = parse_path(value.get<std::string>()).path;
    }
    break;
  }
  return result;
}

class ModelBuilder {
 public:
  StateMachine build(const nlohmann::json& root) {
    machine_.query_language = query_language_of(root).value_or(QueryLanguage::JsonPath);
    if (const nlohmann::json* timeout = member(root, "TimeoutSeconds"); timeout && timeout->is_number_integer()) {
      machine_.timeout_seconds = timeout->get<long long>();
    }
    add_scope(root, "", -1, machine_.query_language);
    return std::move(machine_);
  }

 private:
  int add_scope(const nlohmann::json& object, const std::string& pointer, int parent_state,
                QueryLanguage inherited) {
    int scope_index = static_cast<int>(machine_.scopes.size());
    machine_.scopes.emplace_back();
    {
      Scope& scope = machine_.scopes.back();
      scope.pointer = pointer;
      scope.parent_state = parent_state;
      scope.query_language = query_language_of(object).value_or(inherited);
      scope.start_at = string_member(object, "StartAt").value_or("");
    }
    const nlohmann::json* states = member(object, "States");
    if (!states || !states->is_object()) return scope_index;
    const std::string states_pointer = append_pointer(pointer, "States");
    for (const auto& [name, definition] : states->items()) {
      if (!definition.is_object()) continue;
      auto type_name = string_member(definition, "Type");
      auto type = type_name ? parse_state_type(*type_name) : std::nullopt;
      if (!type) continue;
      int state_index = static_cast<int>(machine_.states.size());
      State state;
      state.name = name;
      state.type = *type;
      state.scope = scope_index;
      state.pointer = append_pointer(states_pointer, name);
      state.definition = &definition;
      state.query_language = query_language_of(definition).value_or(machine_.scopes[scope_index].query_language);
      fill_state(state, definition);
      machine_.states.push_back(std::move(state));
      machine_.scopes[scope_index].states.push_back(state_index);
      machine_.scopes[scope_index].by_name.emplace(name, state_index);
      add_child_scopes(state_index, definition);
    }
    return scope_index;
  }

  void fill_state(State& state, const nlohmann::json& definition) {
    const std::string& base = state.pointer;
    if (const nlohmann::json* end = member(definition, "End"); end && end->is_boolean() && end->get<bool>()) {
      state.is_end = true;
    }
    if (state.type == StateType::Succeed || state.type == StateType::Fail) state.is_end = true;
    if (auto next = string_member(definition, "Next")) {
      state.transitions.push_back({TransitionKind::Next, *next, append_pointer(base, "Next"), -1});
    }
    if (const nlohmann::json* choices = member(definition, "Choices"); choices && choices->is_array()) {
      for (std::size_t i = 0; i < choices->size(); ++i) {
        std::string rule_pointer = append_pointer(append_pointer(base, "Choices"), i);
        state.choices.push_back(build_choice_rule((*choices)[i], rule_pointer));
        if (auto next = string_member((*choices)[i], "Next")) {
          state.transitions.push_back({TransitionKind::ChoiceRule, *next, append_pointer(rule_pointer, "Next"),
                                       static_cast<int>(i)});
        }
      }
    }
    if (auto target = string_member(definition, "Default")) {
      state.default_target = *target;
      state.transitions.push_back({TransitionKind::Default, *target, append_pointer(base, "Default"), -1});
    }
    if (const nlohmann::json* retry = member(definition, "Retry"); retry && retry->is_array()) {
      for (std::size_t i = 0; i < retry->size(); ++i) {
        const nlohmann::json& entry = (*retry)[i];
        Retrier retrier;
        retrier.pointer = append_pointer(append_pointer(base, "Retry"), i);
        retrier.error_equals = error_names(entry);
        if (auto* v = member(entry, "IntervalSeconds"); v && v->is_number()) retrier.interval_seconds = v->get<double>();
        if (auto* v = member(entry, "MaxAttempts"); v && v->is_number_integer()) retrier.max_attempts = v->get<long long>();
        if (auto* v = member(entry, "BackoffRate"); v && v->is_number()) retrier.backoff_rate = v->get<double>();
        if (auto* v = member(entry, "MaxDelaySeconds"); v && v->is_number_integer()) {
          retrier.max_delay_seconds = v->get<long long>();
        }
        retrier.full_jitter = string_member(entry, "JitterStrategy").value_or("NONE") == "FULL";
        state.retry.push_back(std::move(retrier));
      }
    }
    if (const nlohmann::json* catches = member(definition, "Catch"); catches && catches->is_array()) {
      for (std::size_t i = 0; i < catches->size(); ++i) {
        const nlohmann::json& entry = (*catches)[i];
        Catcher catcher;
        catcher.pointer = append_pointer(append_pointer(base, "Catch"), i);
        catcher.error_equals = error_names(entry);
        if (auto next = string_member(entry, "Next")) {
          catcher.next = *next;
          state.transitions.push_back({TransitionKind::Catch, *next, append_pointer(catcher.pointer, "Next"),
                                       static_cast<int>(i)});
        }
        state.catch_.push_back(std::move(catcher));
      }
    }
  }

  void add_child_scopes(int state_index, const nlohmann::json& definition) {
    const std::string base = machine_.states[state_index].pointer;
    const QueryLanguage language = machine_.states[state_index].query_language;
    if (machine_.states[state_index].type == StateType::Parallel) {
      if (const nlohmann::json* branches = member(definition, "Branches"); branches && branches->is_array()) {
        for (std::size_t i = 0; i < branches->size(); ++i) {
          if (!(*branches)[i].is_object()) continue;
          int child = add_scope((*branches)[i], append_pointer(append_pointer(base, "Branches"), i), state_index,
                                language);
          machine_.states[state_index].child_scopes.push_back(child);
        }
      }
    } else if (machine_.states[state_index].type == StateType::Map) {
      for (const char* key : {"ItemProcessor", "Iterator"}) {
        const nlohmann::json* processor = member(definition, key);
        if (!processor || !processor->is_object()) continue;
        int child = add_scope(*processor, append_pointer(base, key), state_index, language);
        machine_.states[state_index].child_scopes.push_back(child);
        break;
      }
    }
  }

  StateMachine machine_;
};

}  // namespace

std::optional<StateType> parse_state_type(std::string_view name) {
  for (const auto& [text, type] : kStateTypes) {
    if (text == name) return type;
  }
  return std::nullopt;
}

const char* state_type_name(StateType type) {
  for (const auto& [text, candidate] : kStateTypes) {
    if (candidate == type) return text.data();
  }
  return "?";
}

std::optional<ComparisonShape> comparison_shape(ChoiceOperator op) {
  using O = ChoiceOperator;
  using F = ComparisonFamily;
  using C = Comparison;
  switch (op) {
    case O::StringEquals: return ComparisonShape{F::String, C::Equals, false};
    case O::StringEqualsPath: return ComparisonShape{F::String, C::Equals, true};
    case O::StringLessThan: return ComparisonShape{F::String, C::LessThan, false};
    case O::StringLessThanPath: return ComparisonShape{F::String, C::LessThan, true};
    case O::StringGreaterThan: return ComparisonShape{F::String, C::GreaterThan, false};
    case O::StringGreaterThanPath: return ComparisonShape{F::String, C::GreaterThan, true};
    case O::StringLessThanEquals: return ComparisonShape{F::String, C::LessThanEquals, false};
    case O::StringLessThanEqualsPath: return ComparisonShape{F::String, C::LessThanEquals, true};
    case O::StringGreaterThanEquals: return ComparisonShape{F::String, C::GreaterThanEquals, false};
    case O::StringGreaterThanEqualsPath: return ComparisonShape{F::String, C::GreaterThanEquals, true};
    case O::NumericEquals: return ComparisonShape{F::Numeric, C::Equals, false};
    case O::NumericEqualsPath: return ComparisonShape{F::Numeric, C::Equals, true};
    case O::NumericLessThan: return ComparisonShape{F::Numeric, C::LessThan, false};
    case O::NumericLessThanPath: return ComparisonShape{F::Numeric, C::LessThan, true};
    case O::NumericGreaterThan: return ComparisonShape{F::Numeric, C::GreaterThan, false};
    case O::NumericGreaterThanPath: return ComparisonShape{F::Numeric, C::GreaterThan, true};
    case O::NumericLessThanEquals: return ComparisonShape{F::Numeric, C::LessThanEquals, false};
    case O::NumericLessThanEqualsPath: return ComparisonShape{F::Numeric, C::LessThanEquals, true};
    case O::NumericGreaterThanEquals: return ComparisonShape{F::Numeric, C::GreaterThanEquals, false};
    case O::NumericGreaterThanEqualsPath: return ComparisonShape{F::Numeric, C::GreaterThanEquals, true};
    case O::BooleanEquals: return ComparisonShape{F::Boolean, C::Equals, false};
    case O::BooleanEqualsPath: return ComparisonShape{F::Boolean, C::Equals, true};
    case O::TimestampEquals: return ComparisonShape{F::Timestamp, C::Equals, false};
    case O::TimestampEqualsPath: return ComparisonShape{F::Timestamp, C::Equals, true};
    case O::TimestampLessThan: return ComparisonShape{F::Timestamp, C::LessThan, false};
    case O::TimestampLessThanPath: return ComparisonShape{F::Timestamp, C::LessThan, true};
    case O::TimestampGreaterThan: return ComparisonShape{F::Timestamp, C::GreaterThan, false};
    case O::TimestampGreaterThanPath: return ComparisonShape{F::Timestamp, C::GreaterThan, true};
    case O::TimestampLessThanEquals: return ComparisonShape{F::Timestamp, C::LessThanEquals, false};
    case O::TimestampLessThanEqualsPath: return ComparisonShape{F::Timestamp, C::LessThanEquals, true};
    case O::TimestampGreaterThanEquals: return ComparisonShape{F::Timestamp, C::GreaterThanEquals, false};
    case O::TimestampGreaterThanEqualsPath: return ComparisonShape{F::Timestamp, C::GreaterThanEquals, true};
    default: return std::nullopt;
  }
}

const std::vector<ChoiceOperatorInfo>& comparison_operators() {
  using O = ChoiceOperator;
  using K = OperandKind;
  static const std::vector<ChoiceOperatorInfo> operators = {
      {O::StringEquals, "StringEquals", K::String},
      {O::StringEqualsPath, "StringEqualsPath", K::Path},
      {O::StringLessThan, "StringLessThan", K::String},
      {O::StringLessThanPath, "StringLessThanPath", K::Path},
      {O::StringGreaterThan, "StringGreaterThan", K::String},
      {O::StringGreaterThanPath, "StringGreaterThanPath", K::Path},
      {O::StringLessThanEquals, "StringLessThanEquals", K::String},
      {O::StringLessThanEqualsPath, "StringLessThanEqualsPath", K::Path},
      {O::StringGreaterThanEquals, "StringGreaterThanEquals", K::String},
      {O::StringGreaterThanEqualsPath, "StringGreaterThanEqualsPath", K::Path},
      {O::StringMatches, "StringMatches", K::Pattern},
      {O::NumericEquals, "NumericEquals", K::Number},
      {O::NumericEqualsPath, "NumericEqualsPath", K::Path},
      {O::NumericLessThan, "NumericLessThan", K::Number},
      {O::NumericLessThanPath, "NumericLessThanPath", K::Path},
      {O::NumericGreaterThan, "NumericGreaterThan", K::Number},
      {O::NumericGreaterThanPath, "NumericGreaterThanPath", K::Path},
      {O::NumericLessThanEquals, "NumericLessThanEquals", K::Number},
      {O::NumericLessThanEqualsPath, "NumericLessThanEqualsPath", K::Path},
      {O::NumericGreaterThanEquals, "NumericGreaterThanEquals", K::Number},
      {O::NumericGreaterThanEqualsPath, "NumericGreaterThanEqualsPath", K::Path},
      {O::BooleanEquals, "BooleanEquals", K::Boolean},
      {O::BooleanEqualsPath, "BooleanEqualsPath", K::Path},
      {O::TimestampEquals, "TimestampEquals", K::Timestamp},
      {O::TimestampEqualsPath, "TimestampEqualsPath", K::Path},
      {O::TimestampLessThan, "TimestampLessThan", K::Timestamp},
      {O::TimestampLessThanPath, "TimestampLessThanPath", K::Path},
      {O::TimestampGreaterThan, "TimestampGreaterThan", K::Timestamp},
      {O::TimestampGreaterThanPath, "TimestampGreaterThanPath", K::Path},
      {O::TimestampLessThanEquals, "TimestampLessThanEquals", K::Timestamp},
      {O::TimestampLessThanEqualsPath, "TimestampLessThanEqualsPath", K::Path},
      {O::TimestampGreaterThanEquals, "TimestampGreaterThanEquals", K::Timestamp},
      {O::TimestampGreaterThanEqualsPath, "TimestampGreaterThanEqualsPath", K::Path},
      {O::IsNull, "IsNull", K::TypeTest},
      {O::IsPresent, "IsPresent", K::TypeTest},
      {O::IsNumeric, "IsNumeric", K::TypeTest},
      {O::IsString, "IsString", K::TypeTest},
      {O::IsBoolean, "IsBoolean", K::TypeTest},
      {O::IsTimestamp, "IsTimestamp", K::TypeTest},
  };
  return operators;
}

const ChoiceOperatorInfo* find_comparison_operator(std::string_view name) {
  for (const ChoiceOperatorInfo& info : comparison_operators()) {
    if (info.name == name) return &info;
  }
  return nullptr;
}

const State* StateMachine::find(int scope, std::string_view name) const {
  if (scope < 0 || scope >= static_cast<int>(scopes.size())) return nullptr;
  auto it = scopes[scope].by_name.find(std::string(name));
  return it == scopes[scope].by_name.end() ? nullptr : &states[it->second];
}

StateMachine build_state_machine(const nlohmann::json& root) { return ModelBuilder().build(root); }

bool has_jsonata_state(const StateMachine& machine) {
  return std::any_of(machine.states.begin(), machine.states.end(),
                     [](const State& state) { return state.query_language == QueryLanguage::Jsonata; });
}

}  // namespace sfn
