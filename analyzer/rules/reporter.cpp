#include "analyzer/rules/reporter.h"

#include "analyzer/rule_catalog.h"

namespace sfn::rules {

Diagnostic& Reporter::report(std::string_view rule, std::string_view pointer, std::string message, Anchor anchor) {
  const RuleInfo* info = find_rule(rule);
  return report(rule, info ? info->severity : Severity::Error, pointer, std::move(message), anchor);
}

Diagnostic& Reporter::report(std::string_view rule, Severity severity, std::string_view pointer, std::string message,
                             Anchor anchor) {
  Diagnostic diagnostic;
  diagnostic.rule = std::string(rule);
  diagnostic.severity = severity;
  diagnostic.message = std::move(message);
  diagnostic.location = locate(pointer, current_state_, anchor);
  out_.push_back(std::move(diagnostic));
  return out_.back();
}

Location Reporter::locate(std::string_view pointer, std::string_view state, Anchor anchor) const {
  Location location;
  location.pointer = std::string(pointer);
  location.state = std::string(state);
  const SourcePosition* position =
      anchor == Anchor::Key ? document_.key_position(pointer) : document_.value_position(pointer);
  // A pointer to something absent (a missing field) falls back to its closest present ancestor.
  std::string_view parent = pointer;
  while (!position && !parent.empty()) {
    const std::size_t slash = parent.rfind('/');
    parent = slash == std::string_view::npos ? std::string_view() : parent.substr(0, slash);
    position = document_.value_position(parent);
  }
  if (position) {
    location.line = position->line;
    location.column = position->column;
  }
  return location;
}

std::string quote_name(std::string_view text) {
  std::string result = "'";
  result += text;
  result += "'";
  return result;
}

std::string describe_value(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::string: {
      std::string text = value.get<std::string>();
      if (text.size() > 60) text = text.substr(0, 57) + "...";
      return "string " + nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return "number " + value.dump();
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    default: return "a value";
  }
}

}  // namespace sfn::rules
