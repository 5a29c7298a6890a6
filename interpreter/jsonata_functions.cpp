// The JSONata function library as Step Functions machines use it, with JSONata 2.0's signature
// checking, plus Step Functions' own functions (asl-semantics.md §8.1). What a function would do
// that is not established for Step Functions (date pictures, non-ASCII case mapping, bad
// arguments to Step Functions' own functions) is refused rather than guessed.

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <regex>

#include "analyzer/utf8.h"
#include "interpreter/hash_functions.h"
#include "interpreter/jsonata_runtime.h"
#include "interpreter/virtual_clock.h"

namespace sfn::interp::jsonata {
namespace {

using Arguments = std::vector<Value>;

std::string quoted(const std::string& text) { return js_stringify(Value::string(text), false); }

const Value& argument(const Arguments& arguments, std::size_t index) {
  static const Value undefined;
  return index < arguments.size() ? arguments[index] : undefined;
}

Value sequence_from(std::vector<Value> items) {
  Value sequence = Value::sequence();
  sequence.built_array()->items = std::move(items);
  return sequence;
}

Value plain_array(std::vector<Value> items) {
  auto data = std::make_shared<ArrayData>();
  data->items = std::move(items);
  return Value::array(std::move(data));
}

// JavaScript's truthiness, which $sort applies to its comparator's result.
bool js_truthy(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::Null: return false;
    case Value::Kind::Boolean: return value.as_boolean();
    case Value::Kind::Number: return value.as_number() != 0 && !std::isnan(value.as_number());
    case Value::Kind::String: return !value.as_string().empty();
    default: return true;
  }
}

// The arguments $map, $filter and $each pass: the value, then the index and the whole array
// only when the function declares that many parameters.
Arguments hof_arguments(const Value& function, Value first, Value second, Value third) {
  Arguments arguments{std::move(first)};
  const std::size_t arity = function.as_function().arity();
  if (arity >= 2) arguments.push_back(std::move(second));
  if (arity >= 3) arguments.push_back(std::move(third));
  return arguments;
}

std::vector<char32_t> code_points(const std::string& text) {
  std::vector<char32_t> points;
  for (std::size_t i = 0; i < text.size();) points.push_back(next_code_point(text, i));
  return points;
}

std::string from_code_points(const std::vector<char32_t>& points, std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t i = begin; i < end; ++i) append_utf8(text, points[i]);
  return text;
}

// Array.prototype.slice's treatment of a relative index.
std::size_t slice_index(double relative, std::size_t length) {
  if (std::isnan(relative)) relative = 0;
  relative = std::trunc(relative);
  const auto size = static_cast<double>(length);
  if (relative < 0) return static_cast<std::size_t>(std::max(size + relative, 0.0));
  return static_cast<std::size_t>(std::min(relative, size));
}

// ---- aggregation ----

Value fn_sum(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  double total = 0;
  for (std::size_t i = 0; i < a[0].size(); ++i) total += a[0].at(i).as_number();
  return Value::number(total);
}

Value fn_count(Evaluator&, const Arguments& a) {
  return Value::number(a[0].is_undefined() ? 0 : static_cast<double>(a[0].size()));
}

Value extreme(const Arguments& a, bool maximum) {
  if (a[0].is_undefined() || a[0].size() == 0) return Value();
  double best = a[0].at(0).as_number();
  for (std::size_t i = 1; i < a[0].size(); ++i) {
    const double value = a[0].at(i).as_number();
    best = maximum ? std::max(best, value) : std::min(best, value);
  }
  return Value::number(best);
}
Value fn_max(Evaluator&, const Arguments& a) { return extreme(a, true); }
Value fn_min(Evaluator&, const Arguments& a) { return extreme(a, false); }

Value fn_average(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_undefined() || a[0].size() == 0) return Value();
  return Value::number(fn_sum(evaluator, a).as_number() / static_cast<double>(a[0].size()));
}

// ---- strings ----

Value fn_string(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const bool pretty = argument(a, 1).is_boolean() && argument(a, 1).as_boolean();
  if (a[0].is_string()) return a[0];
  if (a[0].is_function()) return Value::string("");
  return Value::string(js_stringify(a[0], true, pretty));
}

Value fn_substring(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const std::vector<char32_t> points = code_points(a[0].as_string());
  const std::size_t length = points.size();
  double start = argument(a, 1).is_number() ? argument(a, 1).as_number() : std::nan("");
  if (static_cast<double>(length) + start < 0) start = 0;
  if (!argument(a, 2).is_undefined()) {
    const double count = argument(a, 2).as_number();
    if (count <= 0) return Value::string("");
    const double end = start >= 0 ? start + count : static_cast<double>(length) + start + count;
    const std::size_t from = slice_index(start, length);
    const std::size_t to = slice_index(end, length);
    return Value::string(from < to ? from_code_points(points, from, to) : "");
  }
  return Value::string(from_code_points(points, slice_index(start, length), length));
}

Value fn_substring_before(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!a[1].is_string()) refuse("$substringBefore without a string to search for");
  const std::string& text = a[0].as_string();
  const std::size_t at = text.find(a[1].as_string());
  return at == std::string::npos ? a[0] : Value::string(text.substr(0, at));
}

Value fn_substring_after(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!a[1].is_string()) refuse("$substringAfter without a string to search for");
  const std::string& text = a[0].as_string();
  const std::size_t at = text.find(a[1].as_string());
  return at == std::string::npos ? a[0] : Value::string(text.substr(at + a[1].as_string().size()));
}

// Case mapping of ASCII and Latin-1 letters; other scripts are refused rather than approximated.
Value change_case(const Value& text, bool upper, const char* function) {
  if (text.is_undefined()) return Value();
  std::string out;
  const std::string& in = text.as_string();
  for (std::size_t i = 0; i < in.size();) {
    char32_t c = next_code_point(in, i);
    if (upper && (c == 0xB5 || c == 0xFF)) {
      c = c == 0xB5 ? 0x39C : 0x178;  // µ and ÿ: their capitals lie outside Latin-1 (Μ, Ÿ)
    } else if (c >= 0x80) {
      const bool latin_upper = c >= 0xC0 && c <= 0xDE && c != 0xD7;
      const bool latin_lower = c >= 0xE0 && c <= 0xFE && c != 0xF7;
      if (upper && latin_lower) {
        c -= 0x20;
      } else if (!upper && latin_upper) {
        c += 0x20;
      } else if (!latin_upper && !latin_lower && !(c >= 0xA0 && c <= 0xBF) && c != 0xD7 && c != 0xF7) {
        refuse(std::string(function) + " of text outside ASCII and Latin-1");
      } else if (upper && c == 0xDF) {
        refuse(std::string(function) + " of 'ß'");
      }
    } else if (upper && c >= 'a' && c <= 'z') {
      c -= 0x20;
    } else if (!upper && c >= 'A' && c <= 'Z') {
      c += 0x20;
    }
    append_utf8(out, c);
  }
  return Value::string(std::move(out));
}
Value fn_uppercase(Evaluator&, const Arguments& a) { return change_case(a[0], true, "$uppercase"); }
Value fn_lowercase(Evaluator&, const Arguments& a) { return change_case(a[0], false, "$lowercase"); }

Value fn_length(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  return Value::number(static_cast<double>(code_points(a[0].as_string()).size()));
}

Value fn_trim(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  std::string out;
  bool in_space = false;
  for (char c : a[0].as_string()) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!in_space) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return Value::string(std::move(out));
}

Value fn_contains(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!a[1].is_string()) refuse("$contains with a pattern that is not a string");
  return Value::boolean(a[0].as_string().find(a[1].as_string()) != std::string::npos);
}

Value fn_split(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const Value& limit = argument(a, 2);
  if (limit.is_number() && limit.as_number() < 0) {
    raise("D3020", "Third argument of split function must evaluate to a positive number");
  }
  if (!a[1].is_string()) refuse("$split with a separator that is not a string");
  std::vector<Value> parts;
  // String.prototype.split's limit is ToUint32(limit).
  std::uint64_t max_parts = 4294967295ULL;
  if (limit.is_number()) max_parts = static_cast<std::uint64_t>(std::fmod(std::trunc(limit.as_number()), 4294967296.0));
  if (max_parts == 0) return plain_array({});
  const std::string& text = a[0].as_string();
  const std::string& separator = a[1].as_string();
  if (separator.empty()) {
    for (std::size_t i = 0; i < text.size() && parts.size() < max_parts;) {
      const std::size_t start = i;
      if (next_code_point(text, i) >= 0x10000) refuse("$split with an empty separator of text beyond the BMP");
      parts.push_back(Value::string(text.substr(start, i - start)));
    }
    return plain_array(std::move(parts));
  }
  std::size_t start = 0;
  while (parts.size() < max_parts) {
    const std::size_t at = text.find(separator, start);
    if (at == std::string::npos) {
      parts.push_back(Value::string(text.substr(start)));
      break;
    }
    parts.push_back(Value::string(text.substr(start, at - start)));
    start = at + separator.size();
  }
  return plain_array(std::move(parts));
}

Value fn_join(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const std::string separator = argument(a, 1).is_string() ? argument(a, 1).as_string() : "";
  std::string out;
  for (std::size_t i = 0; i < a[0].size(); ++i) {
    if (i > 0) out += separator;
    out += a[0].at(i).as_string();
  }
  return Value::string(std::move(out));
}

// ---- numbers ----

Value checked(double value) {
  if (!std::isfinite(value)) refuse("a number out of JSON's range (Infinity or NaN)");
  return Value::number(value);
}

Value fn_number(Evaluator&, const Arguments& a) {
  const Value& value = a[0];
  if (value.is_undefined()) return Value();
  if (value.is_number()) return value;
  if (value.is_boolean()) return Value::number(value.as_boolean() ? 1 : 0);
  if (value.is_string()) {
    static const std::regex decimal(R"(^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$)");
    static const std::regex prefixed(R"(^0[xX][0-9A-Fa-f]+$|^0[oO][0-7]+$|^0[bB][01]+$)");
    const std::string& text = value.as_string();
    if (std::regex_match(text, decimal)) {
      const double parsed = std::strtod(text.c_str(), nullptr);
      if (std::isfinite(parsed)) return Value::number(parsed);
    } else if (std::regex_match(text, prefixed)) {
      const int base = text[1] == 'x' || text[1] == 'X' ? 16 : text[1] == 'o' || text[1] == 'O' ? 8 : 2;
      double parsed = 0;
      for (std::size_t i = 2; i < text.size(); ++i) {
        const char c = text[i];
        const int digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        parsed = parsed * base + digit;
      }
      return checked(parsed);
    }
  }
  raise("D3030", "Unable to cast value to a number: " + js_stringify(value, false));
}

Value unary_math(const Arguments& a, double (*operation)(double)) {
  if (a[0].is_undefined()) return Value();
  return checked(operation(a[0].as_number()));
}
Value fn_abs(Evaluator&, const Arguments& a) {
  return unary_math(a, [](double x) { return std::fabs(x); });
}
Value fn_floor(Evaluator&, const Arguments& a) {
  return unary_math(a, [](double x) { return std::floor(x) + 0.0; });
}
Value fn_ceil(Evaluator&, const Arguments& a) {
  return unary_math(a, [](double x) { return std::ceil(x) + 0.0; });
}

Value fn_sqrt(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (a[0].as_number() < 0) {
    raise("D3060", "The sqrt function cannot be applied to a negative number: " + js_stringify(a[0], false));
  }
  return checked(std::sqrt(a[0].as_number()));
}

Value fn_power(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const double result = std::pow(a[0].as_number(), a[1].as_number());
  if (!std::isfinite(result)) {
    raise("D3061", "The power function has resulted in a value that cannot be represented as a JSON number: base=" +
                       js_stringify(a[0], false) + ", exponent=" + js_stringify(a[1], false));
  }
  return Value::number(result);
}

// `+(mantissa + "e" + (exponent + shift))` over JavaScript's text of `value`: a decimal shift
// without binary rounding errors, as $round does it.
double shift_decimal(double value, int shift) {
  const std::string text = js_number_text(value);
  const std::size_t e = text.find('e');
  const int exponent = e == std::string::npos ? 0 : std::atoi(text.c_str() + e + 1);
  const std::string shifted = text.substr(0, e) + "e" + std::to_string(exponent + shift);
  return std::strtod(shifted.c_str(), nullptr);
}

// JSONata's round: halves go to the even neighbour, after a decimal (not binary) shift by `precision`.
double round_half_even(double value, int precision) {
  if (precision != 0) value = shift_decimal(value, precision);
  // Math.round (halves toward +Infinity), then halves go to the even neighbour.
  double result = std::floor(value);
  if (value - result >= 0.5) result += 1;
  if (std::fabs(result - value) == 0.5 && std::fabs(std::fmod(result, 2)) == 1) result -= 1;
  if (precision != 0) result = shift_decimal(result, -precision);
  if (result == 0) result = 0;  // no -0
  return result;
}

Value fn_round(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const Value& precision_value = argument(a, 1);
  int precision = 0;
  if (precision_value.is_number() && precision_value.as_number() != 0) {
    if (std::trunc(precision_value.as_number()) != precision_value.as_number() ||
        std::fabs(precision_value.as_number()) > 300) {
      refuse("$round with a precision that is not a small integer");
    }
    precision = static_cast<int>(precision_value.as_number());
  }
  return checked(round_half_even(a[0].as_number(), precision));
}

// Number.prototype.toFixed of |value| < 1e21: `digits` decimals, exact halves rounded up.
std::string to_fixed(double value, int digits) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits + 30, std::fabs(value));
  std::string text(buffer);
  const std::size_t dot = text.find('.');
  std::string kept = text.substr(0, dot + 1 + static_cast<std::size_t>(digits));
  if (text[dot + 1 + static_cast<std::size_t>(digits)] >= '5') {
    int i = static_cast<int>(kept.size()) - 1;
    for (; i >= 0; --i) {
      char& c = kept[static_cast<std::size_t>(i)];
      if (c == '.') continue;
      if (c == '9') {
        c = '0';
      } else {
        ++c;
        break;
      }
    }
    if (i < 0) kept = "1" + kept;
  }
  if (digits == 0) kept.pop_back();  // no decimal point
  return kept;
}

// $formatNumber with the default decimal format (XPath F&O 4.7.5 as JSONata implements it): digit
// patterns with grouping, in one or two sub-pictures. Exponents, percent, per-mille and the options
// argument are refused.
Value fn_format_number(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!argument(a, 2).is_undefined()) refuse("$formatNumber with an options argument");
  const std::string& picture = a[1].as_string();
  for (char c : picture) {
    if (static_cast<unsigned char>(c) >= 0x80 || c == '%' || c == 'e') {
      refuse("$formatNumber with a picture using exponents, percent, per-mille or non-ASCII characters");
    }
  }
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_active = [&](char c) { return is_digit(c) || c == '.' || c == ',' || c == '#' || c == ';'; };
  auto count = [](const std::string& text, auto predicate) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), predicate));
  };
  std::vector<std::string> sub_pictures;
  for (std::size_t start = 0;;) {
    const std::size_t end = picture.find(';', start);
    sub_pictures.push_back(picture.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (sub_pictures.size() > 2) raise("D3080", "The picture string must only contain a maximum of two sub-pictures");
  struct Picture {
    std::string prefix, suffix, integer, fraction, whole;
    std::vector<int> integer_groups, fraction_groups;
    int regular = 0, min_integer = 0, min_fraction = 0, max_fraction = 0;
  };
  std::vector<Picture> pictures;
  for (const std::string& sub : sub_pictures) {
    Picture p;
    p.whole = sub;
    // Prefix and suffix: the passive characters around the active ones (none without active ones).
    std::size_t first = 0;
    while (first < sub.size() && !is_active(sub[first])) ++first;
    std::size_t last = sub.size();
    while (last > 0 && !is_active(sub[last - 1])) --last;
    if (first == sub.size()) first = 0, last = sub.size();
    p.prefix = sub.substr(0, first);
    p.suffix = sub.substr(last);
    const std::string active = sub.substr(first, last - first);
    const std::size_t decimal = active.find('.');
    if (decimal == std::string::npos) {
      p.integer = active;
      p.fraction = p.suffix;
    } else {
      p.integer = active.substr(0, decimal);
      p.fraction = active.substr(decimal + 1);
    }
    // validation
    const std::size_t decimal_in_sub = sub.find('.');
    std::string code;
    if (decimal_in_sub != sub.rfind('.')) code = "D3081";
    if (count(active, [&](char c) { return is_digit(c) || c == '#'; }) == 0) code = "D3085";
    if (count(active, [&](char c) { return !is_active(c); }) > 0) code = "D3086";
    if (decimal_in_sub != std::string::npos) {
      if ((decimal_in_sub > 0 && sub[decimal_in_sub - 1] == ',') ||
          (decimal_in_sub + 1 < sub.size() && sub[decimal_in_sub + 1] == ',')) {
        code = "D3087";
      }
    } else if (!p.integer.empty() && p.integer.back() == ',') {
      code = "D3088";
    }
    if (sub.find(",,") != std::string::npos) code = "D3089";
    if (const std::size_t optional = p.integer.find('#');
        optional != std::string::npos && count(p.integer.substr(0, optional), is_digit) > 0) {
      code = "D3090";
    }
    if (const std::size_t optional = p.fraction.rfind('#');
        optional != std::string::npos && count(p.fraction.substr(optional), is_digit) > 0) {
      code = "D3091";
    }
    static const std::map<std::string, std::string> messages = {
        {"D3081", "The sub-picture must not contain more than one instance of the 'decimal-separator' character"},
        {"D3085",
         "The mantissa part of a sub-picture must contain at least one character that is either an "
         "'optional digit character' or a member of the 'decimal digit family'"},
        {"D3086",
         "The sub-picture must not contain a passive character that is preceded by an active character "
         "and that is followed by another active character"},
        {"D3087",
         "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a "
         "'decimal-separator' character"},
        {"D3088", "The sub-picture must not contain a 'grouping-separator' at the end of the integer part"},
        {"D3089", "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character"},
        {"D3090",
         "The integer part of the sub-picture must not contain a member of the 'decimal digit family' "
         "that is followed by an instance of the 'optional digit character'"},
        {"D3091",
         "The fractional part of the sub-picture must not contain an instance of the 'optional digit "
         "character' that is followed by a member of the 'decimal digit family'"}};
    if (!code.empty()) raise(code, messages.at(code));
    // analysis
    auto digits_in = [&](const std::string& text) {
      return count(text, [&](char c) { return is_digit(c) || c == '#'; });
    };
    for (std::size_t at = p.integer.find(','); at != std::string::npos; at = p.integer.find(',', at + 1)) {
      p.integer_groups.push_back(digits_in(p.integer.substr(at)));
    }
    for (std::size_t at = p.fraction.find(','); at != std::string::npos; at = p.integer.find(',', at + 1)) {
      p.fraction_groups.push_back(digits_in(p.fraction.substr(0, at)));
    }
    if (!p.integer_groups.empty()) {
      int factor = p.integer_groups[0];
      for (int g : p.integer_groups) factor = std::gcd(factor, g);
      p.regular = factor;
      for (int index = 1; index <= static_cast<int>(p.integer_groups.size()); ++index) {
        if (std::find(p.integer_groups.begin(), p.integer_groups.end(), index * factor) == p.integer_groups.end()) {
          p.regular = 0;
        }
      }
    }
    p.min_integer = count(p.integer, is_digit);
    p.min_fraction = count(p.fraction, is_digit);
    p.max_fraction = digits_in(p.fraction);
    if (p.min_integer == 0 && p.max_fraction == 0) p.min_integer = 1;
    if (p.min_integer == 0 && p.min_fraction == 0) p.min_fraction = 1;
    pictures.push_back(std::move(p));
  }
  if (pictures.size() == 1) {
    pictures.push_back(pictures[0]);
    pictures[1].prefix = "-" + pictures[1].prefix;
  }
  const double value = a[0].as_number();
  const Picture& pic = value >= 0 ? pictures[0] : pictures[1];
  if (std::fabs(value) >= 1e21 || pic.max_fraction > 100) refuse("$formatNumber of a number beyond 1e21");
  const double rounded = round_half_even(value, pic.max_fraction);
  std::string text = to_fixed(rounded, pic.max_fraction);
  if (text.find('.') == std::string::npos) text += '.';
  while (!text.empty() && text.front() == '0') text.erase(0, 1);
  while (!text.empty() && text.back() == '0') text.pop_back();
  std::size_t decimal = text.find('.');
  const int pad_left = pic.min_integer - static_cast<int>(decimal);
  const int pad_right = pic.min_fraction - static_cast<int>(text.size() - decimal - 1);
  if (pad_left > 0) text = std::string(static_cast<std::size_t>(pad_left), '0') + text;
  if (pad_right > 0) text += std::string(static_cast<std::size_t>(pad_right), '0');
  decimal = text.find('.');
  if (pic.regular > 0) {
    const int groups = (static_cast<int>(decimal) - 1) / pic.regular;
    for (int group = 1; group <= groups; ++group) {
      text.insert(decimal - static_cast<std::size_t>(group * pic.regular), ",");
    }
  } else {
    for (int position : pic.integer_groups) {
      // JSONata counts such a separator from the other end (",,12" for 12 and "#,##,##0"): not copied.
      if (static_cast<std::size_t>(position) > decimal) refuse("$formatNumber with a grouping separator beyond the number's digits");
      text.insert(decimal - static_cast<std::size_t>(position), ",");
      ++decimal;
    }
  }
  decimal = text.find('.');
  for (int position : pic.fraction_groups) text.insert(static_cast<std::size_t>(position) + decimal + 1, ",");
  decimal = text.find('.');
  if (pic.whole.find('.') == std::string::npos || decimal == text.size() - 1) text.pop_back();
  return Value::string(pic.prefix + text + pic.suffix);
}

Value fn_random(Evaluator& evaluator, const Arguments& a) {
  // Step Functions' $random takes an optional seed (§8.1); its generator is not AWS's, so seeded
  // values are deterministic here but differ from AWS's.
  if (a.size() > 1) refuse("$random with more than one argument");
  if (!a.empty() && !a[0].is_undefined()) {
    if (!a[0].is_number()) refuse("$random with a seed that is not a number");
    RandomSource seeded(static_cast<std::uint64_t>(static_cast<std::int64_t>(a[0].as_number())));
    return Value::number(seeded.uniform(0, 1));
  }
  RandomSource fallback;
  RandomSource& random = evaluator.bindings().random ? *evaluator.bindings().random : fallback;
  return Value::number(random.uniform(0, 1));
}

// ---- booleans ----

Value fn_boolean(Evaluator&, const Arguments& a) {
  std::optional<bool> value = to_boolean(a[0]);
  return value ? Value::boolean(*value) : Value();
}

Value fn_not(Evaluator&, const Arguments& a) {
  std::optional<bool> value = to_boolean(a[0]);
  return value ? Value::boolean(!*value) : Value();
}

Value fn_exists(Evaluator&, const Arguments& a) { return Value::boolean(!a[0].is_undefined()); }

// ---- higher-order functions ----

Value fn_map(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  std::vector<Value> results;
  for (std::size_t i = 0; i < a[0].size(); ++i) {
    Value result = evaluator.apply(a[1], hof_arguments(a[1], a[0].at(i), Value::number(static_cast<double>(i)), a[0]),
                                   Value::null(), "");
    if (!result.is_undefined()) results.push_back(std::move(result));
  }
  return sequence_from(std::move(results));
}

Value fn_filter(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  std::vector<Value> results;
  for (std::size_t i = 0; i < a[0].size(); ++i) {
    Value item = a[0].at(i);
    Value keep = evaluator.apply(a[1], hof_arguments(a[1], item, Value::number(static_cast<double>(i)), a[0]),
                                 Value::null(), "");
    if (to_boolean(keep).value_or(false)) results.push_back(std::move(item));
  }
  return sequence_from(std::move(results));
}

Value fn_reduce(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  const std::size_t arity = a[1].as_function().arity();
  if (arity < 2)
    raise("D3050", "The second argument of reduce function must be a function with at least two arguments");
  const Value& init = argument(a, 2);
  std::size_t index = 0;
  Value result = init;
  if (init.is_undefined() && a[0].size() > 0) {
    result = a[0].at(0);
    index = 1;
  }
  for (; index < a[0].size(); ++index) {
    Arguments arguments{result, a[0].at(index)};
    if (arity >= 3) arguments.push_back(Value::number(static_cast<double>(index)));
    if (arity >= 4) arguments.push_back(a[0]);
    result = evaluator.apply(a[1], std::move(arguments), Value::null(), "");
  }
  return result;
}

Value fn_each(Evaluator& evaluator, const Arguments& a) {
  std::vector<Value> results;
  for (const std::string& key : a[0].keys()) {
    Value result =
        evaluator.apply(a[1], hof_arguments(a[1], a[0].member(key), Value::string(key), a[0]), Value::null(), "");
    if (!result.is_undefined()) results.push_back(std::move(result));
  }
  return sequence_from(std::move(results));
}

Value fn_sort(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (a[0].size() <= 1) return a[0];
  const Value& comparator = argument(a, 1);
  std::vector<Value> items = items_of(a[0]);
  std::function<bool(const Value&, const Value&)> swap;  // true: `right` goes first
  if (comparator.is_undefined()) {
    const bool numbers = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.is_number(); });
    const bool strings = std::all_of(items.begin(), items.end(), [](const Value& v) { return v.is_string(); });
    if (!numbers && !strings) {
      raise("D3070",
            "The single argument form of the sort function can only be applied to an array of strings or "
            "an array of numbers.  Use the second argument to specify a comparison function");
    }
    swap = [numbers](const Value& left, const Value& right) {
      return numbers ? left.as_number() > right.as_number() : js_compare(left.as_string(), right.as_string()) > 0;
    };
  } else {
    swap = [&](const Value& left, const Value& right) {
      return js_truthy(evaluator.apply(comparator, {left, right}, Value::null(), ""));
    };
  }
  // JSONata's merge sort: stable, and the comparator is asked in the same order.
  std::function<std::vector<Value>(std::vector<Value>)> sort = [&](std::vector<Value> list) {
    if (list.size() <= 1) return list;
    const std::size_t middle = list.size() / 2;
    std::vector<Value> left =
        sort(std::vector<Value>(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(middle)));
    std::vector<Value> right = sort(std::vector<Value>(list.begin() + static_cast<std::ptrdiff_t>(middle), list.end()));
    std::vector<Value> merged;
    std::size_t i = 0, j = 0;
    while (i < left.size() && j < right.size()) {
      if (swap(left[i], right[j])) {
        merged.push_back(right[j++]);
      } else {
        merged.push_back(left[i++]);
      }
    }
    while (i < left.size()) merged.push_back(left[i++]);
    while (j < right.size()) merged.push_back(right[j++]);
    return merged;
  };
  return plain_array(sort(std::move(items)));
}

// ---- arrays and objects ----

Value fn_zip(Evaluator&, const Arguments& a) {
  std::size_t length = SIZE_MAX;
  for (const Value& array : a) length = std::min(length, array.is_array() ? array.size() : 0);
  std::vector<Value> tuples;
  for (std::size_t i = 0; i < length; ++i) {
    std::vector<Value> tuple;
    for (const Value& array : a) tuple.push_back(array.at(i));
    tuples.push_back(plain_array(std::move(tuple)));
  }
  return plain_array(std::move(tuples));
}

void collect_keys(const Value& value, std::vector<std::string>& keys) {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) collect_keys(value.at(i), keys);
  } else if (value.is_object()) {
    for (std::string& key : value.keys()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
  }
}

Value fn_keys(Evaluator&, const Arguments& a) {
  std::vector<std::string> names;
  collect_keys(a[0], names);
  auto merged = std::make_shared<ObjectData>();
  for (const std::string& name : names) merged->set(name, Value::boolean(true));
  std::vector<Value> keys;
  for (const std::string& key : Value::object(merged).keys()) keys.push_back(Value::string(key));
  return sequence_from(std::move(keys));
}

Value lookup_in(const Value& input, const std::string& key) {
  if (input.is_array()) {
    std::vector<Value> results;
    for (std::size_t i = 0; i < input.size(); ++i) {
      Value found = lookup_in(input.at(i), key);
      if (found.is_undefined()) continue;
      for (Value& item : items_of(found)) results.push_back(std::move(item));
    }
    return sequence_from(std::move(results));
  }
  return input.is_object() ? input.member(key) : Value();
}

Value fn_lookup(Evaluator&, const Arguments& a) {
  if (!a[1].is_string()) refuse("$lookup without a key");  // JavaScript would look up "undefined"
  return lookup_in(a[0], a[1].as_string());
}

Value fn_append(Evaluator&, const Arguments& a) { return append(a[0], a[1]); }

Value fn_spread(Evaluator& evaluator, const Arguments& a) {
  if (a[0].is_array()) {
    Value result = Value::sequence();
    for (std::size_t i = 0; i < a[0].size(); ++i) result = append(result, fn_spread(evaluator, {a[0].at(i)}));
    return result;
  }
  if (!a[0].is_object()) return a[0];
  std::vector<Value> objects;
  for (const std::string& key : a[0].keys()) {
    auto single = std::make_shared<ObjectData>();
    single->set(key, a[0].member(key));
    objects.push_back(Value::object(std::move(single)));
  }
  return sequence_from(std::move(objects));
}

Value fn_merge(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  auto merged = std::make_shared<ObjectData>();
  for (std::size_t i = 0; i < a[0].size(); ++i) {
    const Value object = a[0].at(i);
    for (const std::string& key : object.keys()) merged->set(key, object.member(key));
  }
  return Value::object(std::move(merged));
}

Value fn_reverse(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (a[0].size() <= 1) return a[0];
  std::vector<Value> items = items_of(a[0]);
  std::reverse(items.begin(), items.end());
  return plain_array(std::move(items));
}

Value fn_distinct(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!a[0].is_array() || a[0].size() <= 1) return a[0];
  std::vector<Value> unique;
  for (std::size_t i = 0; i < a[0].size(); ++i) {
    Value item = a[0].at(i);
    if (std::none_of(unique.begin(), unique.end(), [&](const Value& seen) { return deep_equal(item, seen); })) {
      unique.push_back(std::move(item));
    }
  }
  return a[0].is_sequence() ? sequence_from(std::move(unique)) : plain_array(std::move(unique));
}

Value fn_type(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  return Value::string(type_name(a[0]));
}

Value fn_error(Evaluator&, const Arguments& a) {
  const Value& message = argument(a, 0);
  raise("D3137",
        message.is_string() && !message.as_string().empty() ? message.as_string() : "$error() function evaluated");
}

Value fn_assert(Evaluator&, const Arguments& a) {
  if (!(a[0].is_boolean() && a[0].as_boolean())) {
    const Value& message = argument(a, 1);
    raise("D3141",
          message.is_string() && !message.as_string().empty() ? message.as_string() : "$assert() statement failed");
  }
  return Value();
}

// ---- dates (ISO 8601 only; pictures are refused) ----

Value fn_to_millis(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!argument(a, 1).is_undefined()) refuse("$toMillis with a picture string");
  const std::string& text = a[0].as_string();
  static const std::regex iso8601(
      R"(^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$)");
  if (!std::regex_match(text, iso8601)) {
    raise("D3110",
          "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given " + quoted(text));
  }
  // Date.parse: a date alone is midnight UTC; a full date-time needs a zone here, since without
  // one JavaScript reads local time. Other partial forms are refused.
  std::string full = text;
  if (text.size() == 10) full += "T00:00:00Z";
  const std::size_t dot = full.find('.');
  if (dot != std::string::npos) {
    std::size_t digits = 0;
    while (dot + 1 + digits < full.size() && std::isdigit(static_cast<unsigned char>(full[dot + 1 + digits]))) ++digits;
    if (digits > 3) refuse("$toMillis of a timestamp with more than millisecond precision");
  }
  std::optional<Instant> instant = parse_timestamp(full);
  if (!instant) refuse("$toMillis of '" + text + "' (only full ISO 8601 date-times with a zone, or dates)");
  return Value::number(static_cast<double>(instant->seconds) * 1000 + std::floor(instant->nanos / 1e6));
}

std::string iso_text(double millis) {
  const double whole = std::trunc(millis);
  const std::int64_t ms = static_cast<std::int64_t>(whole);
  std::int64_t seconds = ms / 1000;
  std::int64_t rest = ms % 1000;
  if (rest < 0) {
    rest += 1000;
    --seconds;
  }
  // Years 0000-9999 print as JSONata prints them; beyond that its picture widens the year.
  if (seconds < -62167219200LL || seconds > 253402300799LL) refuse("a date outside the years 0000-9999");
  return VirtualClock::format_timestamp(Instant{seconds, static_cast<std::uint32_t>(rest * 1000000)});
}

Value fn_from_millis(Evaluator&, const Arguments& a) {
  if (a[0].is_undefined()) return Value();
  if (!argument(a, 1).is_undefined() || !argument(a, 2).is_undefined()) {
    refuse("$fromMillis with a picture string or time zone");
  }
  return Value::string(iso_text(a[0].as_number()));
}

double now_millis(const Evaluator& evaluator) {
  const Instant now = evaluator.bindings().now;
  return static_cast<double>(now.seconds) * 1000 + std::floor(now.nanos / 1e6);
}

Value fn_now(Evaluator& evaluator, const Arguments& a) {
  if (!argument(a, 0).is_undefined() || !argument(a, 1).is_undefined())
    refuse("$now with a picture string or time zone");
  return Value::string(iso_text(now_millis(evaluator)));
}

Value fn_millis(Evaluator& evaluator, const Arguments&) { return Value::number(now_millis(evaluator)); }

// ---- Step Functions' own functions (asl-semantics.md §8.1). Their errors are not recorded, so
// anything but the documented use is refused. ----

std::optional<std::int64_t> integer_argument(const Arguments& a, std::size_t index) {
  const Value& value = argument(a, index);
  if (!value.is_number() || std::trunc(value.as_number()) != value.as_number() || std::fabs(value.as_number()) > 9e15) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(value.as_number());
}

Value fn_partition(Evaluator&, const Arguments& a) {
  std::optional<std::int64_t> size = integer_argument(a, 1);
  if (a.size() != 2 || !a[0].is_array() || !size || *size <= 0)
    refuse("$partition other than (array, positive integer)");
  std::vector<Value> chunks;
  for (std::size_t start = 0; start < a[0].size(); start += static_cast<std::size_t>(*size)) {
    std::vector<Value> chunk;
    for (std::size_t i = start; i < std::min(a[0].size(), start + static_cast<std::size_t>(*size)); ++i) {
      chunk.push_back(a[0].at(i));
    }
    chunks.push_back(plain_array(std::move(chunk)));
  }
  return plain_array(std::move(chunks));
}

Value fn_range(Evaluator&, const Arguments& a) {
  // As States.ArrayRange: the end is included when a step lands on it.
  std::optional<std::int64_t> start = integer_argument(a, 0);
  std::optional<std::int64_t> end = integer_argument(a, 1);
  std::optional<std::int64_t> step = integer_argument(a, 2);
  if (a.size() != 3 || !start || !end || !step || *step == 0)
    refuse("$range other than (integer, integer, non-zero integer)");
  std::vector<Value> items;
  for (std::int64_t value = *start; *step > 0 ? value <= *end : value >= *end; value += *step) {
    if (items.size() >= 1000) refuse("$range of more than 1,000 items");
    items.push_back(Value::number(static_cast<double>(value)));
  }
  return plain_array(std::move(items));
}

Value fn_hash(Evaluator&, const Arguments& a) {
  if (a.size() != 2 || !a[0].is_string() || !a[1].is_string()) refuse("$hash other than (string, algorithm name)");
  std::optional<std::string> digest = hash_hex(a[1].as_string(), a[0].as_string());
  if (!digest) refuse("$hash with the algorithm '" + a[1].as_string() + "'");
  return Value::string(std::move(*digest));
}

Value fn_uuid(Evaluator& evaluator, const Arguments& a) {
  if (!a.empty()) refuse("$uuid with arguments");
  RandomSource fallback;
  return Value::string(random_uuid(evaluator.bindings().random ? *evaluator.bindings().random : fallback));
}

Value fn_parse(Evaluator&, const Arguments& a) {
  if (a.size() != 1 || !a[0].is_string()) refuse("$parse of something other than one string");
  auto parsed = std::make_shared<nlohmann::json>(nlohmann::json::parse(a[0].as_string(), nullptr, false));
  if (parsed->is_discarded())
    refuse("$parse of text that is not JSON (Step Functions' error for it is not established)");
  const nlohmann::json& root = *parsed;
  return Value::borrow(root, std::move(parsed));
}

const Builtin kBuiltins[] = {
    {"sum", "<a<n>:n>", 1, fn_sum},
    {"count", "<a:n>", 1, fn_count},
    {"max", "<a<n>:n>", 1, fn_max},
    {"min", "<a<n>:n>", 1, fn_min},
    {"average", "<a<n>:n>", 1, fn_average},
    {"string", "<x-b?:s>", 1, fn_string},
    {"substring", "<s-nn?:s>", 3, fn_substring},
    {"substringBefore", "<s-s:s>", 2, fn_substring_before},
    {"substringAfter", "<s-s:s>", 2, fn_substring_after},
    {"lowercase", "<s-:s>", 1, fn_lowercase},
    {"uppercase", "<s-:s>", 1, fn_uppercase},
    {"length", "<s-:n>", 1, fn_length},
    {"trim", "<s-:s>", 1, fn_trim},
    {"contains", "<s-(sf):b>", 2, fn_contains},
    {"split", "<s-(sf)n?:a<s>>", 3, fn_split},
    {"join", "<a<s>s?:s>", 2, fn_join},
    {"number", "<(nsb)-:n>", 1, fn_number},
    {"floor", "<n-:n>", 1, fn_floor},
    {"ceil", "<n-:n>", 1, fn_ceil},
    {"round", "<n-n?:n>", 2, fn_round},
    {"formatNumber", "<n-so?:s>", 3, fn_format_number},
    {"abs", "<n-:n>", 1, fn_abs},
    {"sqrt", "<n-:n>", 1, fn_sqrt},
    {"power", "<n-n:n>", 2, fn_power},
    {"boolean", "<x-:b>", 1, fn_boolean},
    {"not", "<x-:b>", 1, fn_not},
    {"map", "<af>", 2, fn_map},
    {"zip", "<a+>", 0, fn_zip},
    {"filter", "<af>", 2, fn_filter},
    {"reduce", "<afj?:j>", 3, fn_reduce},
    {"keys", "<x-:a<s>>", 1, fn_keys},
    {"lookup", "<x-s:x>", 2, fn_lookup},
    {"append", "<xx:a>", 2, fn_append},
    {"exists", "<x:b>", 1, fn_exists},
    {"spread", "<x-:a<o>>", 1, fn_spread},
    {"merge", "<a<o>:o>", 1, fn_merge},
    {"reverse", "<a:a>", 1, fn_reverse},
    {"each", "<o-f:a>", 2, fn_each},
    {"error", "<s?:x>", 1, fn_error},
    {"assert", "<bs?:x>", 2, fn_assert},
    {"type", "<x:s>", 1, fn_type},
    {"sort", "<af?:a>", 2, fn_sort},
    {"distinct", "<x:x>", 1, fn_distinct},
    {"toMillis", "<s-s?:n>", 2, fn_to_millis},
    {"fromMillis", "<n-s?s?:s>", 3, fn_from_millis},
    {"now", "<s?s?:s>", 2, fn_now},
    {"millis", "<:n>", 0, fn_millis},
    // Step Functions' additions: no JSONata signature (their checks are above).
    {"random", "", -1, fn_random},
    {"partition", "", -1, fn_partition},
    {"range", "", -1, fn_range},
    {"hash", "", -1, fn_hash},
    {"uuid", "", -1, fn_uuid},
    {"parse", "", -1, fn_parse},
};

// ---- signatures, as JSONata compiles them to a regular expression over argument symbols ----

struct Parameter {
  std::string regex;
  std::string type;
  std::string subtype;
  bool context = false;
  std::string context_regex;
};

struct Signature {
  std::vector<Parameter> parameters;
  std::regex whole;
};

Signature compile_signature(std::string_view text) {
  Signature signature;
  Parameter parameter;
  Parameter* previous = nullptr;
  auto next = [&] {
    signature.parameters.push_back(parameter);
    parameter = Parameter{};
    previous = &signature.parameters.back();
  };
  for (std::size_t position = 1; position < text.size(); ++position) {
    const char symbol = text[position];
    if (symbol == ':') break;
    switch (symbol) {
      case 's':
      case 'n':
      case 'b':
      case 'l':
      case 'o':
        parameter.regex = std::string("[") + symbol + "m]";
        parameter.type = std::string(1, symbol);
        next();
        break;
      case 'a':
        parameter.regex = "[asnblfom]";
        parameter.type = "a";
        next();
        break;
      case 'f':
        parameter.regex = "f";
        parameter.type = "f";
        next();
        break;
      case 'j':
        parameter.regex = "[asnblom]";
        parameter.type = "j";
        next();
        break;
      case 'x':
        parameter.regex = "[asnblfom]";
        parameter.type = "x";
        next();
        break;
      case '-':
        previous->context = true;
        previous->context_regex = previous->regex;
        previous->regex += "?";
        break;
      case '?':
      case '+': previous->regex += symbol; break;
      case '(': {
        const std::size_t close = text.find(')', position);
        const std::string choice(text.substr(position + 1, close - position - 1));
        parameter.regex = "[" + choice + "m]";
        parameter.type = "(" + choice + ")";
        position = close;
        next();
        break;
      }
      case '<': {
        int depth = 1;
        std::size_t close = position;
        while (depth > 0 && ++close < text.size()) {
          if (text[close] == '<') ++depth;
          if (text[close] == '>') --depth;
        }
        previous->subtype = std::string(text.substr(position + 1, close - position - 1));
        position = close;
        break;
      }
      default: break;
    }
  }
  std::string whole = "^";
  for (const Parameter& p : signature.parameters) whole += "(" + p.regex + ")";
  signature.whole = std::regex(whole + "$");
  return signature;
}

const Signature& signature_of(const Builtin& builtin) {
  static const std::map<std::string_view, Signature> signatures = [] {
    std::map<std::string_view, Signature> compiled;
    for (const Builtin& b : kBuiltins) {
      if (!b.signature.empty()) compiled.emplace(b.name, compile_signature(b.signature));
    }
    return compiled;
  }();
  return signatures.at(builtin.name);
}

char symbol_of(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::Function: return 'f';
    case Value::Kind::String: return 's';
    case Value::Kind::Number: return 'n';
    case Value::Kind::Boolean: return 'b';
    case Value::Kind::Null: return 'l';
    case Value::Kind::Array: return 'a';
    case Value::Kind::Object: return 'o';
    default: return 'm';
  }
}

std::string array_type_name(const std::string& subtype) {
  static const std::map<std::string, std::string> names = {{"a", "arrays"},  {"b", "booleans"}, {"f", "functions"},
                                                           {"n", "numbers"}, {"o", "objects"},  {"s", "strings"}};
  auto found = names.find(subtype);
  return found == names.end() ? subtype : found->second;
}

[[noreturn]] void signature_mismatch(const Signature& signature, const std::string& supplied,
                                     const std::string& token) {
  std::string partial = "^";
  std::size_t good_to = 0;
  for (const Parameter& parameter : signature.parameters) {
    partial += parameter.regex;
    std::smatch match;
    if (!std::regex_search(supplied, match, std::regex(partial))) break;
    good_to = static_cast<std::size_t>(match.length(0));
  }
  raise("T0410", "Argument " + std::to_string(good_to + 1) + " of function " + quoted(token) +
                     " does not match function signature");
}

}  // namespace

const Builtin* find_builtin(std::string_view name) {
  for (const Builtin& builtin : kBuiltins) {
    if (builtin.name == name) return &builtin;
  }
  return nullptr;
}

std::vector<Value> validate_arguments(const Builtin& builtin, const std::vector<Value>& arguments, const Value& context,
                                      const std::string& token_text) {
  if (builtin.signature.empty()) return arguments;
  const std::string token = token_text.empty() ? std::string(builtin.name) : token_text;
  const Signature& signature = signature_of(builtin);
  std::string supplied;
  for (const Value& value : arguments) supplied += symbol_of(value);
  std::smatch match;
  if (!std::regex_match(supplied, match, signature.whole)) signature_mismatch(signature, supplied, token);
  std::vector<Value> validated;
  std::size_t index = 0;
  for (std::size_t p = 0; p < signature.parameters.size(); ++p) {
    const Parameter& parameter = signature.parameters[p];
    const std::string matched = match[static_cast<int>(p) + 1].str();
    if (matched.empty()) {
      if (parameter.context) {
        if (context.is_root_input())
          refuse("a function argument taken from the root input (Step Functions gives JSONata none)");
        if (!std::regex_match(std::string(1, symbol_of(context)), std::regex(parameter.context_regex))) {
          raise("T0411", "Context value is not a compatible type with argument " + std::to_string(index + 1) +
                             " of function " + quoted(token));
        }
        validated.push_back(context);
      } else {
        validated.push_back(index < arguments.size() ? arguments[index] : Value());
        ++index;
      }
      continue;
    }
    for (char single : matched) {
      Value value = index < arguments.size() ? arguments[index] : Value();
      if (parameter.type == "a") {
        if (single == 'm') {
          value = Value();
        } else {
          bool array_ok = true;
          if (!parameter.subtype.empty()) {
            if (single != 'a' && matched != parameter.subtype) {
              array_ok = false;
            } else if (single == 'a' && value.size() > 0) {
              const char item_type = symbol_of(value.at(0));
              array_ok = item_type == parameter.subtype[0];
              for (std::size_t i = 0; array_ok && i < value.size(); ++i) array_ok = symbol_of(value.at(i)) == item_type;
            }
          }
          if (!array_ok) {
            raise("T0412", "Argument " + std::to_string(index + 1) + " of function " + quoted(token) +
                               " must be an array of " + quoted(array_type_name(parameter.subtype)));
          }
          if (single != 'a') value = plain_array({value});
        }
      }
      validated.push_back(std::move(value));
      ++index;
    }
  }
  return validated;
}

std::string string_of(const Value& value) {
  if (value.is_string()) return value.as_string();
  if (value.is_function()) return "";
  return js_stringify(value, true);
}

}  // namespace sfn::interp::jsonata
