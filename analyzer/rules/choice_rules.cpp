// Choice: each rule is either one data test (Variable + exactly one of the 39 operators) or one
// of And/Or/Not; top-level rules need Next and nested ones must not have it.

#include <algorithm>

#include "analyzer/rules/structure_checker.h"
#include "analyzer/source_document.h"
#include "analyzer/value_syntax.h"

namespace sfn::rules {

void StructureChecker::check_choices(const StateContext& state, const nlohmann::json& choices,
                                     const std::string& pointer) {
  for (std::size_t i = 0; i < choices.size(); ++i) {
    check_choice_rule(choices[i], append_pointer(pointer, i), true, state.language);
  }
}

void StructureChecker::check_choice_rule(const nlohmann::json& rule, const std::string& pointer, bool top_level,
                                         QueryLanguage language) {
  if (!rule.is_object()) {
    reporter_.report("invalid-field-type", pointer, "a Choice rule must be an object, found " + describe_value(rule));
    return;
  }
  std::vector<std::string> composites;
  std::vector<std::string> operators;
  for (const auto& [key, value] : rule.items()) {
    const std::string field_pointer = append_pointer(pointer, key);
    if (key == "And" || key == "Or" || key == "Not") {
      composites.push_back(key);
    } else if (find_comparison_operator(key)) {
      operators.push_back(key);
    } else if (key == "Variable") {
      // checked with the data test
    } else if (key == "Next") {
      if (top_level) {
        values_.expect_string(value, field_pointer, key);
      } else {
        reporter_.report("nested-rule-with-next", field_pointer,
                         "a rule inside And, Or or Not must not have 'Next'; only top-level Choices rules do",
                         Anchor::Key);
      }
    } else if (key == "Comment") {
      values_.expect_string(value, field_pointer, key);
    } else if (key == "Assign" && top_level) {
      values_.check_assign(value, field_pointer, language);
    } else if ((key == "Condition" || key == "Output") && top_level) {
      if (language == QueryLanguage::JsonPath) {
        check_mode(key, field_pointer, language);
      } else if (key == "Condition" && !value.is_boolean() &&
                 !(value.is_string() && is_jsonata_expression(value.get<std::string>()))) {
        reporter_.report("invalid-field-type", field_pointer,
                         "'Condition' must be a boolean or a JSONata expression, found " + describe_value(value));
      } else {
        values_.check_jsonata_strings(value, field_pointer);
      }
    } else {
      reporter_.report("field-not-allowed", field_pointer,
                       "field " + quote_name(key) + " is not supported in a " +
                           std::string(top_level ? "Choice rule" : "nested Choice rule"),
                       Anchor::Key);
    }
  }
  if (top_level && !rule.contains("Next")) {
    reporter_.report("missing-required-field", pointer, "a top-level Choice rule needs 'Next'");
  }
  if (language == QueryLanguage::Jsonata) {
    for (const std::string& key : composites) check_mode(key, append_pointer(pointer, key), language);
    for (const std::string& key : operators) check_mode(key, append_pointer(pointer, key), language);
    if (rule.contains("Variable")) check_mode("Variable", append_pointer(pointer, "Variable"), language);
    if (top_level && !rule.contains("Condition")) {
      reporter_.report("missing-required-field", pointer, "a JSONata Choice rule needs 'Condition'");
    }
    return;
  }
  if (composites.size() > 1 || (!composites.empty() && (!operators.empty() || rule.contains("Variable")))) {
    std::string found;
    for (const auto& key : composites) found += (found.empty() ? "" : ", ") + quote_name(key);
    for (const auto& key : operators) found += (found.empty() ? "" : ", ") + quote_name(key);
    if (rule.contains("Variable")) found += ", 'Variable'";
    reporter_.report("invalid-choice-rule", pointer,
                     "a Choice rule is either one data test or one of And, Or, Not; found " + found);
    return;
  }
  if (composites.empty()) {
    check_data_test(rule, pointer, operators);
    return;
  }
  const std::string& key = composites[0];
  const nlohmann::json& inner = rule.at(key);
  const std::string inner_pointer = append_pointer(pointer, key);
  if (key == "Not") {
    if (values_.expect_object(inner, inner_pointer, key)) check_choice_rule(inner, inner_pointer, false, language);
    return;
  }
  if (values_.expect_array(inner, inner_pointer, key, true)) {
    for (std::size_t i = 0; i < inner.size(); ++i) {
      check_choice_rule(inner[i], append_pointer(inner_pointer, i), false, language);
    }
  }
}

void StructureChecker::check_data_test(const nlohmann::json& rule, const std::string& pointer,
                                       const std::vector<std::string>& operators) {
  auto variable = rule.find("Variable");
  if (variable == rule.end()) {
    reporter_.report("missing-required-field", pointer,
                     operators.empty() ? "a Choice rule needs 'Variable' and a comparison operator, or And, Or, Not"
                                       : "a data-test rule needs 'Variable'");
  } else {
    values_.check_reference_path(*variable, append_pointer(pointer, "Variable"), "Variable", false);
  }
  if (operators.empty()) {
    if (variable != rule.end()) {
      reporter_.report("invalid-choice-rule", pointer,
                       "a data-test rule needs exactly one comparison operator (StringEquals, NumericLessThan, "
                       "IsPresent, ...), found none");
    }
    return;
  }
  if (operators.size() > 1) {
    std::string found;
    for (const auto& key : operators) found += (found.empty() ? "" : ", ") + quote_name(key);
    reporter_.report("invalid-choice-rule", append_pointer(pointer, operators[1]),
                     "a data-test rule may have only one comparison operator, found " + found, Anchor::Key);
  }
  for (const std::string& key : operators) {
    const ChoiceOperatorInfo* info = find_comparison_operator(key);
    const nlohmann::json& operand = rule.at(key);
    const std::string operand_pointer = append_pointer(pointer, key);
    auto wrong_type = [&](const char* expected) {
      reporter_.report("choice-operand-type", operand_pointer,
                       quote_name(key) + " needs " + expected + ", found " + describe_value(operand));
    };
    switch (info->operand) {
      case OperandKind::String:
        if (!operand.is_string()) wrong_type("a string");
        break;
      case OperandKind::Pattern:
        if (!operand.is_string()) {
          wrong_type("a string pattern");
        } else if (auto error = check_string_matches_pattern(operand.get<std::string>())) {
          reporter_.report("invalid-string-pattern", operand_pointer, "invalid StringMatches pattern: " + *error);
        }
        break;
      case OperandKind::Number:
        if (!operand.is_number()) wrong_type("a number");
        break;
      case OperandKind::Boolean:
      case OperandKind::TypeTest:
        if (!operand.is_boolean()) wrong_type("a boolean");
        break;
      case OperandKind::Timestamp:
        if (!operand.is_string()) {
          wrong_type("a timestamp string");
        } else {
          values_.check_timestamp(operand, operand_pointer, key);
        }
        break;
      case OperandKind::Path:
        values_.check_reference_path(operand, operand_pointer, key, false);
        break;
      case OperandKind::None: break;
    }
  }
}

}  // namespace sfn::rules
