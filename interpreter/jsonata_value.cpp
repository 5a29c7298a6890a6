#include "interpreter/jsonata_value.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "analyzer/utf8.h"

namespace sfn::interp::jsonata {

// ---- ObjectData ----

const Value* ObjectData::find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

void ObjectData::set(const std::string& key, Value value) {
  for (auto& [name, existing] : members) {
    if (name == key) {
      existing = std::move(value);
      return;
    }
  }
  members.emplace_back(key, std::move(value));
}

// ---- Value ----

Value Value::null() {
  Value value;
  value.kind_ = Kind::Null;
  return value;
}

Value Value::boolean(bool flag) {
  Value value;
  value.kind_ = Kind::Boolean;
  value.boolean_ = flag;
  return value;
}

Value Value::number(double number) {
  Value value;
  value.kind_ = Kind::Number;
  value.number_ = number;
  return value;
}

Value Value::string(std::string text) {
  Value value;
  value.kind_ = Kind::String;
  value.string_ = std::make_shared<const std::string>(std::move(text));
  return value;
}

Value Value::borrow(const nlohmann::json& json, std::shared_ptr<const nlohmann::json> owner) {
  Value value;
  value.owner_ = std::move(owner);
  switch (json.type()) {
    case nlohmann::json::value_t::null: value.kind_ = Kind::Null; return value;
    case nlohmann::json::value_t::boolean:
      value.kind_ = Kind::Boolean;
      value.boolean_ = json.get<bool>();
      return value;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      value.kind_ = Kind::Number;
      value.number_ = json.get<double>();
      break;
    case nlohmann::json::value_t::string: value.kind_ = Kind::String; break;
    case nlohmann::json::value_t::array: value.kind_ = Kind::Array; break;
    case nlohmann::json::value_t::object: value.kind_ = Kind::Object; break;
    default: value.kind_ = Kind::Null; return value;  // binary and discarded values do not occur
  }
  value.json_ = &json;
  return value;
}

Value Value::array(std::shared_ptr<ArrayData> data) {
  Value value;
  value.kind_ = Kind::Array;
  value.array_ = std::move(data);
  return value;
}

Value Value::sequence() {
  auto data = std::make_shared<ArrayData>();
  data->sequence = true;
  return array(std::move(data));
}

Value Value::sequence_of(Value item) {
  Value value = sequence();
  value.array_->items.push_back(std::move(item));
  return value;
}

Value Value::object(std::shared_ptr<ObjectData> data) {
  Value value;
  value.kind_ = Kind::Object;
  value.object_ = std::move(data);
  return value;
}

Value Value::function(std::shared_ptr<const Function> function) {
  Value value;
  value.kind_ = Kind::Function;
  value.function_ = std::move(function);
  return value;
}

Value Value::root_input() {
  Value value;
  value.root_input_ = true;
  return value;
}

const std::string& Value::as_string() const {
  if (json_) return json_->get_ref<const std::string&>();
  return *string_;
}

std::size_t Value::size() const {
  if (kind_ != Kind::Array) return 0;
  return array_ ? array_->items.size() : json_->size();
}

Value Value::at(std::size_t index) const {
  if (array_) return array_->items[index];
  return borrow((*json_)[index], owner_);
}

Value Value::member(std::string_view key) const {
  if (kind_ != Kind::Object) return Value();
  if (object_) {
    const Value* found = object_->find(key);
    return found ? *found : Value();
  }
  auto it = json_->find(key);
  return it == json_->end() ? Value() : borrow(*it, owner_);
}

namespace {

// An array index as JavaScript orders object keys: "0", "17", not "017" or "-1".
std::optional<std::uint32_t> array_index_key(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key[0] == '0')) return std::nullopt;
  std::uint64_t number = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (number >= 4294967295ULL) return std::nullopt;
  return static_cast<std::uint32_t>(number);
}

}  // namespace

std::vector<std::string> Value::keys() const {
  std::vector<std::string> keys;
  if (kind_ != Kind::Object) return keys;
  if (object_) {
    for (const auto& member : object_->members) keys.push_back(member.first);
  } else {
    for (const auto& item : json_->items()) keys.push_back(item.key());
  }
  std::stable_partition(keys.begin(), keys.end(),
                        [](const std::string& key) { return array_index_key(key).has_value(); });
  auto integers_end =
      std::find_if(keys.begin(), keys.end(), [](const std::string& key) { return !array_index_key(key); });
  std::sort(keys.begin(), integers_end,
            [](const std::string& a, const std::string& b) { return *array_index_key(a) < *array_index_key(b); });
  return keys;
}

bool Value::same_reference(const Value& other) const {
  if (kind_ != other.kind_) return false;
  if (json_ || other.json_) return json_ == other.json_;
  if (array_ || other.array_) return array_ == other.array_;
  if (object_ || other.object_) return object_ == other.object_;
  return function_ && function_ == other.function_;
}

std::optional<nlohmann::json> Value::to_json() const {
  switch (kind_) {
    case Kind::Undefined: return std::nullopt;
    case Kind::Null: return nlohmann::json(nullptr);
    case Kind::Boolean: return nlohmann::json(boolean_);
    case Kind::Number:
      if (json_) return *json_;
      // Integers stay integers: a whole double within int64 becomes a JSON integer (-0 becomes 0).
      if (std::trunc(number_) == number_ && std::fabs(number_) < 9.2e18) {
        return nlohmann::json(static_cast<std::int64_t>(number_));
      }
      return nlohmann::json(number_);
    case Kind::String: return nlohmann::json(as_string());
    case Kind::Array: {
      if (json_) return *json_;
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : array_->items) {
        std::optional<nlohmann::json> converted = item.to_json();
        out.push_back(converted ? std::move(*converted) : nlohmann::json(nullptr));  // JSON.stringify: null
      }
      return out;
    }
    case Kind::Object: {
      if (json_) return *json_;
      nlohmann::json out = nlohmann::json::object();
      for (const auto& [key, value] : object_->members) {
        if (std::optional<nlohmann::json> converted = value.to_json()) out[key] = std::move(*converted);
      }
      return out;
    }
    case Kind::Function: refuse("a function as part of a result (JSON has no functions)");
  }
  return std::nullopt;
}

// ---- errors ----

void raise(std::string code, std::string message) { throw EvaluationError{std::move(code), std::move(message)}; }
void refuse(std::string construct) { throw Unsupported{std::move(construct)}; }

// ---- sequences ----

Value append(const Value& first, const Value& second) {
  if (first.is_undefined()) return second;
  if (second.is_undefined()) return first;
  auto data = std::make_shared<ArrayData>();
  for (const Value& item : items_of(first)) data->items.push_back(item);
  for (const Value& item : items_of(second)) data->items.push_back(item);
  return Value::array(std::move(data));
}

std::vector<Value> items_of(const Value& value) {
  std::vector<Value> items;
  if (value.is_array()) {
    items.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) items.push_back(value.at(i));
  } else {
    items.push_back(value);
  }
  return items;
}

// ---- casts and comparisons ----

std::optional<bool> to_boolean(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Undefined: return std::nullopt;
    case Value::Kind::Null: return false;
    case Value::Kind::Boolean: return value.as_boolean();
    case Value::Kind::Number: return value.as_number() != 0;
    case Value::Kind::String: return !value.as_string().empty();
    case Value::Kind::Object: return !value.keys().empty();
    case Value::Kind::Function: return false;
    case Value::Kind::Array:
      if (value.size() == 1) return to_boolean(value.at(0));
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (to_boolean(value.at(i)).value_or(false)) return true;
      }
      return false;
  }
  return false;
}

bool deep_equal(const Value& left, const Value& right) {
  if (left.kind() != right.kind()) return false;
  switch (left.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::Null: return true;
    case Value::Kind::Boolean: return left.as_boolean() == right.as_boolean();
    case Value::Kind::Number: return left.as_number() == right.as_number();
    case Value::Kind::String: return left.as_string() == right.as_string();
    case Value::Kind::Function: return left.same_reference(right);
    case Value::Kind::Array:
      if (left.size() != right.size()) return false;
      for (std::size_t i = 0; i < left.size(); ++i) {
        if (!deep_equal(left.at(i), right.at(i))) return false;
      }
      return true;
    case Value::Kind::Object: {
      std::vector<std::string> left_keys = left.keys();
      std::vector<std::string> right_keys = right.keys();
      if (left_keys.size() != right_keys.size()) return false;
      std::sort(left_keys.begin(), left_keys.end());
      std::sort(right_keys.begin(), right_keys.end());
      if (left_keys != right_keys) return false;
      for (const std::string& key : left_keys) {
        if (!deep_equal(left.member(key), right.member(key))) return false;
      }
      return true;
    }
  }
  return false;
}

std::string type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Undefined: return "";
    case Value::Kind::Null: return "null";
    case Value::Kind::Boolean: return "boolean";
    case Value::Kind::Number: return "number";
    case Value::Kind::String: return "string";
    case Value::Kind::Array: return "array";
    case Value::Kind::Object: return "object";
    case Value::Kind::Function: return "function";
  }
  return "";
}

int js_compare(std::string_view left, std::string_view right) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left.size() && j < right.size()) {
    const char32_t a = next_code_point(left, i);
    const char32_t b = next_code_point(right, j);
    if (a == b) continue;
    // UTF-16 order: a supplementary character sorts by its high surrogate (0xD800-0xDBFF).
    auto unit = [](char32_t c) -> std::uint32_t { return c >= 0x10000 ? 0xD800 + ((c - 0x10000) >> 10) : c; };
    if (unit(a) != unit(b)) return unit(a) < unit(b) ? -1 : 1;
    return a < b ? -1 : 1;  // same high surrogate: the low ones order as the code points do
  }
  if (i < left.size()) return 1;
  if (j < right.size()) return -1;
  return 0;
}

// ---- JavaScript number and JSON text ----

namespace {

// The shortest round-trip decimal digits of |value| > 0 and the exponent n such that
// value = 0.d1d2... × 10^n (ECMAScript's k digits and n).
void shortest_digits(double value, std::string& digits, int& n) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  (void)error;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));
  const std::size_t e = text.find('e');
  digits.clear();
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  n = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
}

}  // namespace

std::string js_number_text(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return "0";
  if (value < 0) return "-" + js_number_text(-value);
  std::string digits;
  int n = 0;
  shortest_digits(value, digits, n);
  const int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) return digits + std::string(static_cast<std::size_t>(n - k), '0');
  if (0 < n && n <= 21)
    return digits.substr(0, static_cast<std::size_t>(n)) + "." + digits.substr(static_cast<std::size_t>(n));
  if (-6 < n && n <= 0) return "0." + std::string(static_cast<std::size_t>(-n), '0') + digits;
  const int exponent = n - 1;
  std::string text = digits.substr(0, 1);
  if (k > 1) text += "." + digits.substr(1);
  return text + "e" + (exponent < 0 ? "-" : "+") + std::to_string(std::abs(exponent));
}

namespace {

// Number(value.toPrecision(15)): 15 significant digits, ties away from zero.
double to_precision_15(double value) {
  if (value == 0 || !std::isfinite(value)) return value;
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%.40e", std::fabs(value));
  std::string text(buffer);
  const std::size_t e = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  int exponent = std::atoi(text.c_str() + e + 1);
  std::string kept = digits.substr(0, 15);
  if (digits[15] >= '5') {
    int i = 14;
    while (i >= 0 && kept[static_cast<std::size_t>(i)] == '9') kept[static_cast<std::size_t>(i--)] = '0';
    if (i < 0) {
      kept = "1" + kept.substr(0, 14);
      ++exponent;
    } else {
      ++kept[static_cast<std::size_t>(i)];
    }
  }
  const std::string rounded = kept.substr(0, 1) + "." + kept.substr(1) + "e" + std::to_string(exponent);
  const double result = std::strtod(rounded.c_str(), nullptr);
  return value < 0 ? -result : result;
}

void append_quoted(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escape;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void stringify(std::string& out, const Value& value, bool jsonata_numbers, bool pretty, int depth) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out += '\n';
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (value.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::Function:
    case Value::Kind::Null: out += "null"; return;
    case Value::Kind::Boolean: out += value.as_boolean() ? "true" : "false"; return;
    case Value::Kind::Number: {
      double number = value.as_number();
      if (!std::isfinite(number)) {
        out += "null";
        return;
      }
      if (jsonata_numbers && std::trunc(number) != number) number = to_precision_15(number);
      out += js_number_text(number);
      return;
    }
    case Value::Kind::String: append_quoted(out, value.as_string()); return;
    case Value::Kind::Array: {
      if (value.size() == 0) {
        out += "[]";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (i > 0) out += ',';
        newline(depth + 1);
        stringify(out, value.at(i), jsonata_numbers, pretty, depth + 1);
      }
      newline(depth);
      out += ']';
      return;
    }
    case Value::Kind::Object: {
      bool first = true;
      out += '{';
      for (const std::string& key : value.keys()) {
        const Value member = value.member(key);
        if (member.is_undefined() || member.is_function()) continue;  // JSON.stringify leaves them out
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        append_quoted(out, key);
        out += pretty ? ": " : ":";
        stringify(out, member, jsonata_numbers, pretty, depth + 1);
      }
      if (!first) newline(depth);
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string js_stringify(const Value& value, bool jsonata_numbers, bool pretty) {
  std::string out;
  stringify(out, value, jsonata_numbers, pretty, 0);
  return out;
}

}  // namespace sfn::interp::jsonata
