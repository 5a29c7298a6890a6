#pragma once
// Checks of single field values: JSON types, bounds, enums, paths, payload templates,
// intrinsic calls, JSONata strings, ARNs. Each appends findings and says whether the value was usable.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "analyzer/path_syntax.h"
#include "analyzer/rules/reporter.h"

namespace sfn::rules {

// How a value in a string position is to be read.
enum class StringForm {
  Literal,       // an ordinary string
  Placeholder,   // the whole string is ${...}: substituted at deploy time, so unknown here
  CfnIntrinsic,  // {"Ref": ...} or {"Fn::...": ...}: resolved by CloudFormation
  NotString,
};
StringForm classify_string(const nlohmann::json& value);

class ValueChecker {
 public:
  explicit ValueChecker(Reporter& reporter) : reporter_(reporter) {}

  // A string (a ${...} placeholder or CloudFormation intrinsic is accepted). False when not usable.
  bool expect_string(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  bool expect_boolean(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  bool expect_object(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  bool expect_array(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                    bool non_empty);
  // An integer in [minimum, maximum].
  bool expect_integer(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                      std::int64_t minimum, std::int64_t maximum);
  // A number in [minimum, maximum].
  bool expect_number(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                     double minimum, double maximum);
  bool expect_enum(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                   std::initializer_list<std::string_view> allowed);

  // JSONPath positions. `nullable` accepts null (InputPath, OutputPath, ResultPath).
  void check_path(const nlohmann::json& value, const std::string& pointer, std::string_view field, bool nullable);
  // Returns the parsed path when the value is a valid Reference Path (not for null or a placeholder).
  std::optional<Path> check_reference_path(const nlohmann::json& value, const std::string& pointer,
                                           std::string_view field, bool nullable);
  // ResultPath: a nullable Reference Path that writes into the state's input, so not `$$` or a variable.
  void check_result_path(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  // A reference path or an intrinsic call that yields a string (Fail ErrorPath, CausePath).
  void check_path_or_string_intrinsic(const nlohmann::json& value, const std::string& pointer, std::string_view field);

  // A JSONPath payload template: evaluates keys ending in ".$" and checks their values.
  void check_payload_template(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  // The value of a ".$" key: a path or an intrinsic call.
  void check_dynamic_value(const nlohmann::json& value, const std::string& pointer, std::string_view key);
  // An intrinsic call in text; reports syntax, name, arity and argument types.
  bool check_intrinsic_text(std::string_view text, const std::string& pointer);

  // JSONata mode: every "{% %}" string anywhere in the value parses; broken delimiters are reported.
  void check_jsonata_strings(const nlohmann::json& value, const std::string& pointer);
  // A field that takes a literal of some type in JSONPath mode, or a "{% %}" string in JSONata mode.
  // Returns true when the value is a JSONata expression (already checked).
  bool is_checked_jsonata(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);

  void check_resource(const nlohmann::json& value, const std::string& pointer);
  void check_arn(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  void check_timestamp(const nlohmann::json& value, const std::string& pointer, std::string_view field);
  // Assign: keys are variable names (with ".$" in JSONPath mode); values are templates or JSONata.
  void check_assign(const nlohmann::json& value, const std::string& pointer, QueryLanguage language);

  Reporter& reporter() { return reporter_; }

 private:
  Reporter& reporter_;
};

}  // namespace sfn::rules
