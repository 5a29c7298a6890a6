#pragma once
// The structural rules that look at the definition's JSON directly (fields, types, values,
// Choice rules, Retry/Catch, Map configuration). Rules over the model and graph live in
// transitions.cpp.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "analyzer/rules/reporter.h"
#include "analyzer/rules/value_checks.h"

namespace sfn::rules {

// What kind of object holds a StartAt/States pair.
enum class ScopeKind { TopLevel, Branch, ItemProcessor, Iterator };

class StructureChecker {
 public:
  StructureChecker(Reporter& reporter) : reporter_(reporter), values_(reporter) {}
  void check_root(const nlohmann::json& root);

 private:
  struct StateContext {
    std::string name;
    std::string pointer;
    StateType type;
    QueryLanguage language;
    const nlohmann::json& definition;
  };

  void check_scope(const nlohmann::json& object, const std::string& pointer, ScopeKind kind, QueryLanguage language);
  void check_state(const std::string& name, const nlohmann::json& definition, const std::string& pointer,
                   QueryLanguage scope_language);
  void check_state_name(const std::string& name, const std::string& pointer);
  // One field of a state; the field is known to be allowed for the state type.
  void check_state_field(const StateContext& state, const std::string& field, const nlohmann::json& value,
                         const std::string& pointer);
  void check_field_groups(const StateContext& state);

  void check_choices(const StateContext& state, const nlohmann::json& choices, const std::string& pointer);
  void check_choice_rule(const nlohmann::json& rule, const std::string& pointer, bool top_level,
                         QueryLanguage language);
  void check_data_test(const nlohmann::json& rule, const std::string& pointer,
                       const std::vector<std::string>& operators);

  void check_retriers(const nlohmann::json& retry, const std::string& pointer);
  void check_catchers(const nlohmann::json& catchers, const std::string& pointer, QueryLanguage language);
  void check_error_equals(const nlohmann::json& entry, const std::string& pointer, std::size_t index,
                          std::size_t count, std::string_view kind);

  void check_credentials(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);
  void check_item_reader(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);
  void check_item_batcher(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);
  void check_reader_arguments(const nlohmann::json& object, const std::string& pointer, QueryLanguage language);
  void check_result_writer(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);
  void check_processor_config(const nlohmann::json& value, const std::string& pointer);
  void check_label(const nlohmann::json& value, const std::string& pointer);
  // A field that holds an integer literal, a "...Path" twin, or a JSONata expression.
  void check_integer_field(const StateContext& state, const std::string& field, const nlohmann::json& value,
                           std::int64_t minimum, std::int64_t maximum);

  // At most one of `fields` may be present in `object`; `required` means exactly one.
  void check_exclusive(const nlohmann::json& object, const std::string& pointer,
                       std::initializer_list<std::string_view> fields, bool required, std::string_view owner);
  // Reports fields of `object` that are not in `allowed`.
  void check_allowed_fields(const nlohmann::json& object, const std::string& pointer,
                            std::initializer_list<std::string_view> allowed, std::string_view owner);
  void check_mode(const std::string& field, const std::string& pointer, QueryLanguage language);

  Reporter& reporter_;
  ValueChecker values_;
  std::unordered_map<std::string, std::string> first_state_pointer_;  // name -> pointer, across the machine
  std::unordered_map<std::string, std::string> first_label_pointer_;
  QueryLanguage machine_language_ = QueryLanguage::JsonPath;  // the top-level QueryLanguage
};

bool is_jsonpath_only_field(std::string_view field);
bool is_jsonata_only_field(std::string_view field);

}  // namespace sfn::rules
