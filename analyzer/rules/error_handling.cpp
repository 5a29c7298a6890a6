// Retry and Catch: entry fields and bounds, and where States.ALL may stand.

#include <algorithm>
#include <array>
#include <limits>

#include "analyzer/rules/structure_checker.h"
#include "analyzer/source_document.h"

namespace sfn::rules {
namespace {

// Error names AWS itself raises or documents (asl-semantics.md §6.1).
bool is_predefined_error(std::string_view name) {
  // HTTP Tasks (arn:aws:states:::http:invoke) raise States.Http.StatusCode.<code>, e.g. ...404.
  if (name.rfind("States.Http.StatusCode.", 0) == 0) return true;
  static constexpr std::array<std::string_view, 17> names = {
      "States.ALL", "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
      "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.QueryEvaluationError",
      "States.BranchFailed", "States.NoChoiceMatched", "States.IntrinsicFailure",
      "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed", "States.ResultWriterFailed",
      "States.DataLimitExceeded", "States.Runtime",
      "States.Http.Socket"};
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void StructureChecker::check_error_equals(const nlohmann::json& entry, const std::string& pointer,
                                          std::size_t index, std::size_t count, std::string_view kind) {
  auto list = entry.find("ErrorEquals");
  if (list == entry.end()) {
    reporter_.report("missing-required-field", pointer, std::string("a ") + std::string(kind) + " needs 'ErrorEquals'");
    return;
  }
  const std::string list_pointer = append_pointer(pointer, "ErrorEquals");
  if (!values_.expect_array(*list, list_pointer, "ErrorEquals", true)) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& name = (*list)[i];
    const std::string name_pointer = append_pointer(list_pointer, i);
    if (!values_.expect_string(name, name_pointer, "ErrorEquals[" + std::to_string(i) + "]") || !name.is_string()) {
      continue;
    }
    const std::string& text = name.get_ref<const std::string&>();
    if (text == "States.ALL") {
      if (list->size() > 1) {
        reporter_.report("states-all-position", name_pointer,
                         "'States.ALL' must appear alone in its ErrorEquals");
      }
      if (index + 1 != count) {
        reporter_.report("states-all-position", name_pointer,
                         "'States.ALL' must be in the last " + std::string(kind) +
                             "; entries after it can never match");
      }
    } else if (text.rfind("States.", 0) == 0 && !is_predefined_error(text)) {
      reporter_.report("unknown-states-error", name_pointer,
                       quote_name(text) + " is not an error AWS raises; names starting with 'States.' are reserved");
    }
  }
}

void StructureChecker::check_retriers(const nlohmann::json& retry, const std::string& pointer) {
  for (std::size_t i = 0; i < retry.size(); ++i) {
    const nlohmann::json& entry = retry[i];
    const std::string entry_pointer = append_pointer(pointer, i);
    if (!values_.expect_object(entry, entry_pointer, "Retry[" + std::to_string(i) + "]")) continue;
    check_allowed_fields(entry, entry_pointer,
                         {"ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                          "JitterStrategy", "Comment"},
                         "a retrier");
    check_error_equals(entry, entry_pointer, i, retry.size(), "retrier");
    for (const auto& [key, value] : entry.items()) {
      const std::string field_pointer = append_pointer(entry_pointer, key);
      if (key == "IntervalSeconds") {
        values_.expect_integer(value, field_pointer, key, 1, 99999999);
      } else if (key == "MaxAttempts") {
        values_.expect_integer(value, field_pointer, key, 0, 99999999);
      } else if (key == "BackoffRate") {
        values_.expect_number(value, field_pointer, key, 1.0, std::numeric_limits<double>::infinity());
      } else if (key == "MaxDelaySeconds") {
        values_.expect_integer(value, field_pointer, key, 1, 31622400);
      } else if (key == "JitterStrategy") {
        values_.expect_enum(value, field_pointer, key, {"FULL", "NONE"});
      } else if (key == "Comment") {
        values_.expect_string(value, field_pointer, key);
      }
    }
  }
}

void StructureChecker::check_catchers(const nlohmann::json& catchers, const std::string& pointer,
                                      QueryLanguage language) {
  for (std::size_t i = 0; i < catchers.size(); ++i) {
    const nlohmann::json& entry = catchers[i];
    const std::string entry_pointer = append_pointer(pointer, i);
    if (!values_.expect_object(entry, entry_pointer, "Catch[" + std::to_string(i) + "]")) continue;
    check_allowed_fields(entry, entry_pointer, {"ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"},
                         "a catcher");
    check_error_equals(entry, entry_pointer, i, catchers.size(), "catcher");
    if (!entry.contains("Next")) {
      reporter_.report("missing-required-field", entry_pointer, "a catcher needs 'Next'");
    }
    for (const auto& [key, value] : entry.items()) {
      const std::string field_pointer = append_pointer(entry_pointer, key);
      if (key == "Next" || key == "Comment") {
        values_.expect_string(value, field_pointer, key);
      } else if (key == "ResultPath") {
        if (language == QueryLanguage::Jsonata) {
          check_mode(key, field_pointer, language);
        } else {
          values_.check_result_path(value, field_pointer, key);
        }
      } else if (key == "Output") {
        if (language == QueryLanguage::JsonPath) {
          check_mode(key, field_pointer, language);
        } else {
          values_.check_jsonata_strings(value, field_pointer);
        }
      } else if (key == "Assign") {
        values_.check_assign(value, field_pointer, language);
      }
    }
  }
}

}  // namespace sfn::rules
