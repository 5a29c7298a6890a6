#include "analyzer/rules/value_checks.h"

#include <cmath>
#include <vector>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/path_syntax.h"
#include "analyzer/source_document.h"
#include "analyzer/value_syntax.h"

namespace sfn::rules {
namespace {

bool is_cfn_intrinsic(const nlohmann::json& value) {
  if (!value.is_object() || value.size() != 1) return false;
  const std::string& key = value.begin().key();
  return key == "Ref" || key.rfind("Fn::", 0) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string field_label(std::string_view field) { return quote_name(field); }

const char* intrinsic_rule(IntrinsicProblemKind kind) {
  switch (kind) {
    case IntrinsicProblemKind::Syntax:
    case IntrinsicProblemKind::TooDeeplyNested: return "invalid-intrinsic";
    case IntrinsicProblemKind::UnknownFunction: return "unknown-intrinsic";
    case IntrinsicProblemKind::Arity: return "intrinsic-arity";
    case IntrinsicProblemKind::ArgumentType: return "intrinsic-argument-type";
  }
  return "invalid-intrinsic";
}

bool looks_like_path(std::string_view text) {
  return text == "$" || text.rfind("$.", 0) == 0 || text.rfind("$[", 0) == 0 || text.rfind("$$.", 0) == 0;
}

bool is_variable_name(std::string_view name) {
  if (name.empty() || name.size() > 80) return false;
  auto is_start = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto is_rest = [&](char c) { return is_start(c) || (c >= '0' && c <= '9'); };
  if (!is_start(name[0])) return false;
  for (char c : name.substr(1)) {
    if (!is_rest(c)) return false;
  }
  return true;
}

// scheme ":" rest, with no whitespace (RFC 3986 in the loose form AWS accepts, e.g. "foo:bar").
bool is_uri(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == 0 || colon == std::string_view::npos || colon + 1 == text.size()) return false;
  auto is_alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!is_alpha(text[0])) return false;
  for (char c : text.substr(0, colon)) {
    if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') return false;
  }
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  return true;
}

// arn:partition:service:region:account-id:resource; region and account may be empty.
bool is_arn(std::string_view text) {
  if (text.rfind("arn:", 0) != 0) return false;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (parts.size() < 5) {
    std::size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts.push_back(text.substr(start, colon - start));
    start = colon + 1;
  }
  auto is_token = [](std::string_view part) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
  };
  return is_token(parts[1]) && is_token(parts[2]) && start < text.size();
}

// A Lambda function ARN, arn:partition:lambda:region:account:function:NAME[:QUALIFIER], whose name or
// qualifier breaks Lambda's own patterns (name [A-Za-z0-9_-]+; qualifier $LATEST, a version or an alias,
// [A-Za-z0-9_-]+). Other ARNs are not judged here.
bool is_malformed_lambda_function_arn(std::string_view arn) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t colon = arn.find(':', start);
    parts.push_back(arn.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 7 || parts[2] != "lambda" || parts[5] != "function") return false;
  auto is_name = [](std::string_view part) {
    if (part.empty()) return false;
    for (char c : part) {
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  };
  if (parts.size() > 8 || !is_name(parts[6])) return true;
  return parts.size() == 8 && parts[7] != "$LATEST" && !is_name(parts[7]);
}

}  // namespace

StringForm classify_string(const nlohmann::json& value) {
  if (value.is_string()) {
    return is_whole_placeholder(value.get_ref<const std::string&>()) ? StringForm::Placeholder : StringForm::Literal;
  }
  if (is_cfn_intrinsic(value)) return StringForm::CfnIntrinsic;
  return StringForm::NotString;
}

bool ValueChecker::expect_string(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  switch (classify_string(value)) {
    case StringForm::Literal:
    case StringForm::Placeholder: return true;
    case StringForm::CfnIntrinsic:
      reporter_.report("cfn-intrinsic-value", pointer,
                       field_label(field) + " is the CloudFormation intrinsic '" + value.begin().key() +
                           "'; its value is known only after deployment, so it is not checked");
      return false;
    case StringForm::NotString: break;
  }
  reporter_.report("invalid-field-type", pointer,
                   field_label(field) + " must be a string, found " + describe_value(value));
  return false;
}

bool ValueChecker::expect_boolean(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  if (value.is_boolean()) return true;
  reporter_.report("invalid-field-type", pointer,
                   field_label(field) + " must be a boolean, found " + describe_value(value));
  return false;
}

bool ValueChecker::expect_object(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  if (value.is_object()) return true;
  reporter_.report("invalid-field-type", pointer,
                   field_label(field) + " must be an object, found " + describe_value(value));
  return false;
}

bool ValueChecker::expect_array(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                                bool non_empty) {
  if (!value.is_array()) {
    reporter_.report("invalid-field-type", pointer,
                     field_label(field) + " must be an array, found " + describe_value(value));
    return false;
  }
  if (non_empty && value.empty()) {
    reporter_.report("empty-array", pointer, field_label(field) + " must not be empty");
    return false;
  }
  return true;
}

bool ValueChecker::expect_integer(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                                  std::int64_t minimum, std::int64_t maximum) {
  bool integral = value.is_number_integer() ||
                  (value.is_number_float() && std::isfinite(value.get<double>()) &&
                   std::floor(value.get<double>()) == value.get<double>());
  if (!integral) {
    reporter_.report("invalid-field-type", pointer,
                     field_label(field) + " must be an integer, found " + describe_value(value));
    return false;
  }
  double number = value.get<double>();
  if (value.is_number_unsigned() || number < static_cast<double>(minimum) || number > static_cast<double>(maximum)) {
    reporter_.report("value-out-of-range", pointer,
                     field_label(field) + " must be between " + std::to_string(minimum) + " and " +
                         std::to_string(maximum) + ", found " + value.dump());
    return false;
  }
  return true;
}

bool ValueChecker::expect_number(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                                 double minimum, double maximum) {
  if (!value.is_number()) {
    reporter_.report("invalid-field-type", pointer,
                     field_label(field) + " must be a number, found " + describe_value(value));
    return false;
  }
  double number = value.get<double>();
  if (number < minimum || number > maximum) {
    auto format = [](double bound) { return nlohmann::json(bound).dump(); };
    std::string bounds = std::isinf(maximum) ? "at least " + format(minimum)
                                             : "between " + format(minimum) + " and " + format(maximum);
    reporter_.report("value-out-of-range", pointer, field_label(field) + " must be " + bounds + ", found " + value.dump());
    return false;
  }
  return true;
}

bool ValueChecker::expect_enum(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                               std::initializer_list<std::string_view> allowed) {
  if (!expect_string(value, pointer, field)) return false;
  if (classify_string(value) == StringForm::Placeholder) return true;
  const std::string& text = value.get_ref<const std::string&>();
  std::string choices;
  for (std::string_view option : allowed) {
    if (option == text) return true;
    if (!choices.empty()) choices += ", ";
    choices += option;
  }
  reporter_.report("invalid-enum-value", pointer,
                   field_label(field) + " must be one of " + choices + ", found " + describe_value(value));
  return false;
}

void ValueChecker::check_path(const nlohmann::json& value, const std::string& pointer, std::string_view field,
                              bool nullable) {
  if (nullable && value.is_null()) return;
  if (!expect_string(value, pointer, field)) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  if (looks_like_intrinsic(text)) {
    reporter_.report("invalid-path", pointer,
                     field_label(field) + " must be a JSONPath; intrinsic functions are only allowed in payload "
                                          "templates, found " + describe_value(value));
    return;
  }
  PathParseResult parsed = parse_path(text);
  if (parsed.error) {
    reporter_.report("invalid-path", pointer,
                     field_label(field) + " is not a valid JSONPath: " + parsed.error->message);
  }
}

std::optional<Path> ValueChecker::check_reference_path(const nlohmann::json& value, const std::string& pointer,
                                                       std::string_view field, bool nullable) {
  if (nullable && value.is_null()) return std::nullopt;
  if (!nullable && value.is_null()) {
    reporter_.report("invalid-field-type", pointer, field_label(field) + " must be a reference path, found null");
    return std::nullopt;
  }
  if (!expect_string(value, pointer, field)) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return std::nullopt;
  PathParseResult parsed = parse_reference_path(text);
  if (parsed.error) {
    reporter_.report("invalid-reference-path", pointer,
                     field_label(field) + " must be a reference path: " + parsed.error->message);
  }
  return std::move(parsed.path);
}

void ValueChecker::check_result_path(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  std::optional<Path> path = check_reference_path(value, pointer, field, true);
  if (path && path->root != PathRoot::Input) {
    reporter_.report("invalid-reference-path", pointer,
                     field_label(field) + " writes into the state's input, so it must start with '$' (not '$$' or "
                                          "a variable), found " + describe_value(value));
  }
}

void ValueChecker::check_path_or_string_intrinsic(const nlohmann::json& value, const std::string& pointer,
                                                  std::string_view field) {
  if (!expect_string(value, pointer, field)) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  if (looks_like_intrinsic(text)) {
    IntrinsicParseResult parsed = parse_intrinsic(text);
    if (!check_intrinsic_text(text, pointer)) return;
    if (parsed.call && !intrinsic_returns_string(*parsed.call)) {
      reporter_.report("intrinsic-argument-type", pointer,
                       field_label(field) + " needs a string; " + parsed.call->name + " does not return one");
    }
    return;
  }
  check_reference_path(value, pointer, field, false);
}

bool ValueChecker::check_intrinsic_text(std::string_view text, const std::string& pointer) {
  IntrinsicParseResult parsed = parse_intrinsic(text);
  if (parsed.error) {
    reporter_.report(intrinsic_rule(parsed.error->kind), pointer,
                     "invalid intrinsic function call: " + parsed.error->message);
    return false;
  }
  bool clean = true;
  for (const IntrinsicProblem& problem : check_intrinsic(*parsed.call)) {
    reporter_.report(intrinsic_rule(problem.kind), pointer, problem.message);
    clean = false;
  }
  return clean;
}

void ValueChecker::check_dynamic_value(const nlohmann::json& value, const std::string& pointer, std::string_view key) {
  if (!value.is_string()) {
    if (classify_string(value) == StringForm::CfnIntrinsic) {
      expect_string(value, pointer, key);
      return;
    }
    reporter_.report("invalid-payload-template", pointer,
                     "the value of " + field_label(key) + " must be a path or an intrinsic function call, found " +
                         describe_value(value));
    return;
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  if (!text.empty() && text[0] == '$') {
    PathParseResult parsed = parse_path(text);
    if (parsed.error) {
      reporter_.report("invalid-path", pointer,
                       "the value of " + field_label(key) + " is not a valid JSONPath: " + parsed.error->message);
    }
    return;
  }
  if (looks_like_intrinsic(text)) {
    check_intrinsic_text(text, pointer);
    return;
  }
  reporter_.report("invalid-payload-template", pointer,
                   "the value of " + field_label(key) + " must be a path or an intrinsic function call, found " +
                       describe_value(value));
}

void ValueChecker::check_payload_template(const nlohmann::json& value, const std::string& pointer,
                                          std::string_view field) {
  (void)field;
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_payload_template(value[i], append_pointer(pointer, i), field);
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [key, member] : value.items()) {
    const std::string member_pointer = append_pointer(pointer, key);
    if (ends_with(key, ".$")) {
      const std::string plain = key.substr(0, key.size() - 2);
      if (value.contains(plain)) {
        reporter_.report("duplicate-template-key", member_pointer,
                         "keys " + quote_name(key) + " and " + quote_name(plain) +
                             " name the same field once '.$' is stripped",
                         Anchor::Key);
      }
      check_dynamic_value(member, member_pointer, key);
      continue;
    }
    if (member.is_string() && looks_like_path(member.get_ref<const std::string&>())) {
      reporter_.report("no-dollar", member_pointer,
                       "the value of " + quote_name(key) + " looks like a path but is used literally; name the key " +
                           quote_name(key + ".$") + " to evaluate it");
    }
    check_payload_template(member, member_pointer, field);
  }
}

void ValueChecker::check_jsonata_strings(const nlohmann::json& value, const std::string& pointer) {
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (is_jsonata_expression(text)) {
      if (auto error = check_jsonata_expression(text)) {
        reporter_.report("invalid-jsonata", pointer, "invalid JSONata expression: " + error->message);
      }
    } else if (looks_like_broken_jsonata(text)) {
      // Not an error: only the exact form is evaluated, anything else is a literal string (asl-semantics.md
      // §8.2); AWS accepted " {% states.input %} " as a constant (LocalStack's aws.validated outputdecl test).
      reporter_.report("jsonata-like-literal", pointer,
                       "this string is used literally: a JSONata expression must be the whole string, exactly "
                       "'{% ... %}', found " + describe_value(value));
    }
    return;
  }
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_jsonata_strings(value[i], append_pointer(pointer, i));
  } else if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      const std::string member_pointer = append_pointer(pointer, key);
      // JSONata has no '.$' keys: the key and its value are kept literally. A warning, not an error: AWS ran
      // a JSONata Pass whose Output held "constant_jp_input.$": "$" and output it unchanged (LocalStack's
      // aws.validated outputdecl test_base_cases[BASE_LITERALS], recorded 2024-11-04).
      if (ends_with(key, ".$")) {
        reporter_.report("dollar-key-in-jsonata", member_pointer,
                         "keys ending in '.$' are not evaluated in JSONata, so " + quote_name(key) +
                             " is kept as it is; name the key " + quote_name(key.substr(0, key.size() - 2)) +
                             " and write its value as a '{% ... %}' expression",
                         Anchor::Key);
      }
      check_jsonata_strings(member, member_pointer);
    }
  }
}

bool ValueChecker::is_checked_jsonata(const nlohmann::json& value, const std::string& pointer,
                                      QueryLanguage language) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  if (!is_jsonata_expression(text) && !looks_like_broken_jsonata(text)) return false;
  if (language != QueryLanguage::Jsonata) return false;
  check_jsonata_strings(value, pointer);
  // A string that only looks like an expression is a literal, so the field's own checks still apply.
  return is_jsonata_expression(text);
}

void ValueChecker::check_resource(const nlohmann::json& value, const std::string& pointer) {
  if (!expect_string(value, pointer, "Resource")) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  const std::string resolved = replace_placeholders(text, "x");
  if (!is_uri(resolved)) {
    reporter_.report("invalid-resource", pointer,
                     "'Resource' must be an ARN or URI (scheme:rest), found " + describe_value(value));
    return;
  }
  if (resolved.rfind("arn:", 0) != 0) return;
  check_arn(value, pointer, "Resource");
  if (is_arn(resolved) && is_malformed_lambda_function_arn(resolved)) {
    reporter_.report("invalid-resource", pointer,
                     "'Resource' is not a valid Lambda function ARN (function name [A-Za-z0-9_-], then optionally ':' "
                     "and $LATEST, a version or an alias), found " + describe_value(value));
  }
}

void ValueChecker::check_arn(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  if (!expect_string(value, pointer, field)) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  const std::string resolved = replace_placeholders(text, "x");
  // arn:partition:service:region:account-id:resource — region and account may be empty.
  if (!is_arn(resolved)) {
    const char* rule = field == "Resource" ? "invalid-resource" : "invalid-arn";
    reporter_.report(rule, pointer,
                     field_label(field) + " must be an ARN (arn:partition:service:region:account:resource), found " +
                         describe_value(value));
  }
}

void ValueChecker::check_timestamp(const nlohmann::json& value, const std::string& pointer, std::string_view field) {
  if (!expect_string(value, pointer, field)) return;
  const std::string& text = value.get_ref<const std::string&>();
  if (is_whole_placeholder(text)) return;
  if (!parse_timestamp(text)) {
    reporter_.report("invalid-timestamp", pointer,
                     field_label(field) + " must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, found " +
                         describe_value(value));
  }
}

void ValueChecker::check_assign(const nlohmann::json& value, const std::string& pointer, QueryLanguage language) {
  if (!expect_object(value, pointer, "Assign")) return;
  for (const auto& [key, member] : value.items()) {
    const std::string member_pointer = append_pointer(pointer, key);
    std::string_view name = key;
    bool dynamic = false;
    if (language == QueryLanguage::JsonPath && ends_with(name, ".$")) {
      name.remove_suffix(2);
      dynamic = true;
    }
    if (!is_variable_name(name) || name == "states") {
      reporter_.report("invalid-variable-name", member_pointer,
                       quote_name(key) + " is not a valid variable name (letters, digits and '_', not starting with a "
                                     "digit, at most 80 characters, not 'states')",
                       Anchor::Key);
    }
    if (language == QueryLanguage::Jsonata) {
      check_jsonata_strings(member, member_pointer);
    } else if (dynamic) {
      if (value.contains(std::string(name))) {
        reporter_.report("duplicate-template-key", member_pointer,
                         "keys " + quote_name(key) + " and " + quote_name(name) + " assign the same variable", Anchor::Key);
      }
      check_dynamic_value(member, member_pointer, key);
    } else {
      check_payload_template(member, member_pointer, "Assign");
    }
  }
}

}  // namespace sfn::rules
