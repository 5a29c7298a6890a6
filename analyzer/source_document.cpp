#include "analyzer/source_document.h"

#include "analyzer/utf8.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace sfn {

namespace {

using Json = nlohmann::json;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

std::size_t bom_length(std::string_view text) { return text.starts_with(kUtf8Bom) ? kUtf8Bom.size() : 0; }

std::string hex_byte(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02x", static_cast<unsigned>(byte));
  return buffer;
}

std::string code_point_name(std::uint32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(code_point));
  return buffer;
}


// ---------------------------------------------------------------------------------------------
// UTF-8 validation. Done once over the whole text before parsing, so the scanners can count
// columns by skipping continuation bytes and never meet a malformed sequence.

struct InvalidUtf8 {
  std::size_t offset;
  std::string message;
};

InvalidUtf8 invalid_utf8_at(std::size_t offset, unsigned char byte, std::string_view reason) {
  std::string message = "invalid UTF-8 byte " + hex_byte(byte);
  if (!reason.empty()) {
    message += " (";
    message += reason;
    message += ')';
  }
  return {offset, std::move(message)};
}

std::optional<InvalidUtf8> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Definitions are almost all ASCII: test eight bytes at a time.
    if (i + 8 <= size) {
      std::uint64_t chunk;
      std::memcpy(&chunk, bytes + i, sizeof chunk);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    std::string_view second_problem = "overlong encoding";
    if (lead < 0xC0) return invalid_utf8_at(i, lead, "unexpected continuation byte");
    if (lead < 0xC2) return invalid_utf8_at(i, lead, "overlong encoding");
    if (lead < 0xE0) {
      length = 2;
    } else if (lead < 0xF0) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;
      if (lead == 0xED) {
        second_max = 0x9F;
        second_problem = "UTF-16 surrogate encoded in UTF-8";
      }
    } else if (lead < 0xF5) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;
      if (lead == 0xF4) {
        second_max = 0x8F;
        second_problem = "code point above U+10FFFF";
      }
    } else if (lead < 0xF8) {
      return invalid_utf8_at(i, lead, "code point above U+10FFFF");
    } else {
      return invalid_utf8_at(i, lead, "");
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k >= size || (bytes[i + k] & 0xC0) != 0x80)
        return invalid_utf8_at(i, lead, "truncated multi-byte sequence");
    }
    if (bytes[i + 1] < second_min || bytes[i + 1] > second_max) return invalid_utf8_at(i, lead, second_problem);
    i += length;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Positions. Lines break at \n, \r\n and a lone \r; columns count code points.

std::vector<std::uint64_t> compute_line_starts(std::string_view text) {
  std::vector<std::uint64_t> starts{bom_length(text)};
  for (std::size_t i = starts.front(); i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) starts.push_back(i + 1);
  }
  return starts;
}

// Turns byte offsets into line/column. Callers ask in (nearly) increasing order, so it walks
// forward from the last answer; that keeps a 1.5 MB single-line file linear, not quadratic.
class PositionTracker {
 public:
  explicit PositionTracker(std::string_view text) : text_(text), first_(bom_length(text)), cursor_(first_) {}

  SourcePosition at(std::uint64_t offset) {
    offset = std::min<std::uint64_t>(offset, text_.size());
    if (offset < first_) return {1, 1, offset};
    if (offset < cursor_) rewind_to_line_of(offset);
    for (; cursor_ < offset; ++cursor_) {
      const auto byte = static_cast<unsigned char>(text_[cursor_]);
      if (byte == '\n') {
        if (cursor_ == 0 || text_[cursor_ - 1] != '\r') ++line_;
        column_ = 1;
      } else if (byte == '\r') {
        ++line_;
        column_ = 1;
      } else if ((byte & 0xC0) != 0x80) {
        ++column_;
      }
    }
    return {line_, column_, offset};
  }

 private:
  void rewind_to_line_of(std::uint64_t offset) {
    if (line_starts_.empty()) line_starts_ = compute_line_starts(text_);
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const auto line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
    cursor_ = line_starts_[line_index];
    line_ = static_cast<std::uint32_t>(line_index + 1);
    column_ = 1;
  }

  std::string_view text_;
  std::size_t first_;
  std::uint64_t cursor_;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
  std::vector<std::uint64_t> line_starts_;  // only for going backwards (YAML empty values)
};

// ---------------------------------------------------------------------------------------------
// Shared by both formats.

ParseProblem fatal_problem(std::string rule, std::string message, std::string pointer, SourcePosition position) {
  return ParseProblem{std::move(rule), std::move(message), std::move(pointer), position, true};
}

// Inserts members into objects, reporting duplicate keys; the last value wins.
class MemberInserter {
 public:
  MemberInserter(SourceDocument& document, std::vector<ParseProblem>& problems, bool record = true)
      : document_(document), problems_(problems), record_(record) {}

  // Set in the fast pass (record = false) when a key repeats: the caller re-parses with positions.
  bool duplicate_seen() const { return duplicate_seen_; }

  Json& insert(Json& object, std::string key, const std::string& member_pointer, SourcePosition key_position) {
    auto& members = object.get_ref<Json::object_t&>();
    auto [member, inserted] = members.try_emplace(std::move(key));
    if (!inserted && !record_) {
      duplicate_seen_ = true;
      member->second = nullptr;
      return member->second;
    }
    if (!inserted) {
      // Remember the first occurrence: with three copies, the third still names the first.
      const SourcePosition* earlier = document_.key_position(member_pointer);
      const auto [first, unused] =
          first_key_positions_.try_emplace(member_pointer, earlier ? *earlier : SourcePosition{});
      problems_.push_back(ParseProblem{"duplicate-key",
                                       "duplicate key " +
                                           Json(member->first).dump(-1, ' ', false, Json::error_handler_t::replace) +
                                           " (first at line " + std::to_string(first->second.line) + ")",
                                       member_pointer, key_position, false});
      member->second = nullptr;
    }
    if (record_) document_.record_key(member_pointer, key_position);
    return member->second;
  }

 private:
  SourceDocument& document_;
  std::vector<ParseProblem>& problems_;
  bool record_;
  bool duplicate_seen_ = false;
  std::unordered_map<std::string, SourcePosition> first_key_positions_;
};

// The checks every format shares before any parsing: size, then encoding.
bool check_size_and_encoding(ParseResult& result, const ParseLimits& limits) {
  const std::string& text = result.document.text;
  if (text.size() > limits.max_file_bytes) {
    result.problems.push_back(fatal_problem("file-too-large",
                                            "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                                                std::to_string(limits.max_file_bytes) + " bytes",
                                            "", {}));
    return false;
  }
  if (auto invalid = find_invalid_utf8(text)) {
    PositionTracker positions(text);
    result.problems.push_back(
        fatal_problem("invalid-utf8", std::move(invalid->message), "", positions.at(invalid->offset)));
    return false;
  }
  return true;
}

// For messages: the character at `offset` of valid UTF-8 text, with its code point when it is
// not ASCII, since many (no-break space, zero-width space, a stray BOM) are invisible.
std::string describe_character(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "end of input";
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x20 || lead == 0x7F) return "control character " + code_point_name(lead);
  if (lead < 0x80) return std::string("'") + static_cast<char>(lead) + "'";
  const std::size_t length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  std::uint32_t code_point = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length && offset + k < text.size(); ++k) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[offset + k]) & 0x3F);
  }
  return "'" + std::string(text.substr(offset, length)) + "' (" + code_point_name(code_point) + ")";
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n", bom_length(text)) == std::string_view::npos;
}

ParseProblem empty_file_problem(std::string_view text) {
  return fatal_problem("empty-file", text.empty() ? "file is empty" : "file contains only whitespace", "", {1, 1, 0});
}

// A literal that from_chars found out of range: true when it is tiny (rounds to zero) rather
// than huge, judged from the decimal exponent of its first significant digit.
bool underflows(std::string_view literal) {
  std::size_t i = (!literal.empty() && (literal[0] == '-' || literal[0] == '+')) ? 1 : 0;
  long long integer_digits = 0;
  long long digit_index = 0;
  long long first_nonzero = -1;  // index among all mantissa digits
  bool in_fraction = false;
  for (; i < literal.size() && literal[i] != 'e' && literal[i] != 'E'; ++i) {
    if (literal[i] == '.') {
      in_fraction = true;
      continue;
    }
    if (!in_fraction) ++integer_digits;
    if (literal[i] != '0' && first_nonzero < 0) first_nonzero = digit_index;
    ++digit_index;
  }
  if (first_nonzero < 0) return true;
  long long exponent = 0;
  if (i < literal.size()) {
    ++i;
    bool negative = false;
    if (i < literal.size() && (literal[i] == '-' || literal[i] == '+')) negative = literal[i++] == '-';
    for (; i < literal.size(); ++i) exponent = std::min(exponent * 10 + (literal[i] - '0'), 1'000'000'000'000LL);
    if (negative) exponent = -exponent;
  }
  // The first significant digit stands for 10^(integer_digits - first_nonzero - 1).
  return integer_digits - first_nonzero - 1 + exponent < 0;
}

// ---------------------------------------------------------------------------------------------
// JSON: an iterative scanner. Open arrays and objects live on an explicit stack, so nesting
// depth costs heap, not call stack, and the depth limit is checked before a level is built.

class JsonScanner {
 public:
  // With record = false the scanner builds only the value: no pointers, no positions, and a
  // repeated key just sets duplicate_seen(). Callers then re-scan with record = true when they
  // need positions (a finding to place, a problem to report).
  JsonScanner(SourceDocument& document, std::vector<ParseProblem>& problems, const ParseLimits& limits,
              bool record = true)
      : document_(document),
        problems_(problems),
        limits_(limits),
        text_(document.text),
        pos_(bom_length(text_)),
        positions_(text_),
        members_(document, problems, record),
        record_(record) {}

  bool scan();
  bool duplicate_seen() const { return members_.duplicate_seen(); }

 private:
  // What came before a value, for error messages that say what was expected.
  enum class ValueContext { Root, AfterColon, FirstElement, AfterComma };

  struct OpenContainer {
    Json* value;
    std::string pointer;
    std::size_t next_index;  // arrays only
    bool is_object;
  };

  static const char* value_expectation(ValueContext context) {
    switch (context) {
      case ValueContext::AfterColon:
        return "expected a value after ':'";
      case ValueContext::FirstElement:
        return "expected a JSON value or ']'";
      case ValueContext::AfterComma:
        return "expected a JSON value after ','";
      case ValueContext::Root:
        break;
    }
    return "expected a JSON value";
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_whitespace() {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++pos_;
    }
  }

  bool fail(std::string message, std::size_t offset, std::string pointer) {
    problems_.push_back(fatal_problem("invalid-json", std::move(message), std::move(pointer), positions_.at(offset)));
    return false;
  }

  // "expected X, found Y", or "unexpected end of input: expected X".
  bool fail_expected(std::string_view expectation, std::string pointer) {
    std::string message = at_end() ? "unexpected end of input: " + std::string(expectation)
                                   : std::string(expectation) + ", found " + describe_at(pos_);
    return fail(std::move(message), pos_, std::move(pointer));
  }

  std::string describe_at(std::size_t offset) const { return describe_character(text_, offset); }
  bool begin_member(bool after_comma, Json*& target, std::string& pointer);
  void begin_element(Json*& target, std::string& pointer);
  bool scan_scalar(Json& out, const std::string& pointer, ValueContext context);
  bool scan_string(std::string& out, const std::string& pointer);
  bool scan_unicode_escape(std::string& out, std::size_t escape_start, const std::string& pointer);
  bool read_hex4(std::uint32_t& unit);
  bool scan_number(Json& out, const std::string& pointer);
  bool scan_literal(std::string_view word, Json value, Json& out, const std::string& pointer);

  SourceDocument& document_;
  std::vector<ParseProblem>& problems_;
  const ParseLimits& limits_;
  std::string_view text_;
  std::size_t pos_;
  PositionTracker positions_;
  MemberInserter members_;
  bool record_;
  std::vector<OpenContainer> open_;
};

bool JsonScanner::scan() {
  skip_whitespace();
  if (at_end()) {
    problems_.push_back(empty_file_problem(text_));
    return false;
  }

  Json* target = &document_.root;
  std::string pointer;
  ValueContext context = ValueContext::Root;
  bool value_pending = true;
  for (;;) {
    if (value_pending) {
      if (at_end()) return fail_expected(value_expectation(context), pointer);
      const char c = peek();
      const SourcePosition position = record_ ? positions_.at(pos_) : SourcePosition{};
      if (c == '{' || c == '[') {
        if (record_) document_.record_value(pointer, position);
        if (open_.size() >= limits_.max_depth) {
          problems_.push_back(fatal_problem("too-deeply-nested",
                                            "nesting exceeds " + std::to_string(limits_.max_depth) + " levels", pointer,
                                            position));
          return false;
        }
        const bool is_object = c == '{';
        *target = is_object ? Json::object() : Json::array();
        open_.push_back(OpenContainer{target, std::move(pointer), 0, is_object});
        ++pos_;
        skip_whitespace();
        if (!at_end() && peek() == (is_object ? '}' : ']')) {
          ++pos_;
          open_.pop_back();
          value_pending = false;
        } else if (is_object) {
          if (!begin_member(false, target, pointer)) return false;
          context = ValueContext::AfterColon;
        } else {
          begin_element(target, pointer);
          context = ValueContext::FirstElement;
        }
        continue;
      }
      if (!scan_scalar(*target, pointer, context)) return false;
      if (record_) document_.record_value(std::move(pointer), position);
      value_pending = false;
      continue;
    }

    skip_whitespace();
    if (open_.empty()) {
      if (!at_end()) return fail("trailing content after the JSON value", pos_, "");
      return true;
    }
    OpenContainer& container = open_.back();
    const bool comma = !at_end() && peek() == ',';
    const bool close = !at_end() && peek() == (container.is_object ? '}' : ']');
    if (comma) {
      ++pos_;
      skip_whitespace();
      value_pending = true;
      if (container.is_object) {
        if (!begin_member(true, target, pointer)) return false;
        context = ValueContext::AfterColon;
      } else {
        begin_element(target, pointer);
        context = ValueContext::AfterComma;
      }
    } else if (close) {
      ++pos_;
      open_.pop_back();
    } else {
      return fail_expected(
          container.is_object ? "expected ',' or '}' after object member" : "expected ',' or ']' after array element",
          container.pointer);
    }
  }
}

// At the first byte after '{' or ',' (whitespace skipped): reads `"name" :` and points target
// at the new member's value.
bool JsonScanner::begin_member(bool after_comma, Json*& target, std::string& pointer) {
  OpenContainer& container = open_.back();
  if (at_end() || peek() != '"') {
    return fail_expected(
        after_comma ? "expected a member name (a string) after ','" : "expected a member name (a string) or '}'",
        container.pointer);
  }
  const std::size_t key_offset = pos_;
  std::string key;
  if (!scan_string(key, container.pointer)) return false;
  skip_whitespace();
  if (at_end() || peek() != ':')
    return fail_expected("expected ':' after member name", append_pointer(container.pointer, key));
  ++pos_;
  skip_whitespace();
  if (record_) {
    pointer = append_pointer(container.pointer, key);
    target = &members_.insert(*container.value, std::move(key), pointer, positions_.at(key_offset));
  } else {
    target = &members_.insert(*container.value, std::move(key), pointer, SourcePosition{});
  }
  return true;
}

void JsonScanner::begin_element(Json*& target, std::string& pointer) {
  OpenContainer& container = open_.back();
  // The element's address stays valid: its array grows again only after this element is done.
  auto& elements = container.value->get_ref<Json::array_t&>();
  target = &elements.emplace_back();
  if (record_) pointer = append_pointer(container.pointer, container.next_index);
  ++container.next_index;
}

bool JsonScanner::scan_scalar(Json& out, const std::string& pointer, ValueContext context) {
  switch (peek()) {
    case '"': {
      std::string value;
      if (!scan_string(value, pointer)) return false;
      out = std::move(value);
      return true;
    }
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return scan_number(out, pointer);
    case 't':
      return scan_literal("true", true, out, pointer);
    case 'f':
      return scan_literal("false", false, out, pointer);
    case 'n':
      return scan_literal("null", nullptr, out, pointer);
    default:
      return fail_expected(value_expectation(context), pointer);
  }
}

bool JsonScanner::scan_literal(std::string_view word, Json value, Json& out, const std::string& pointer) {
  if (text_.substr(pos_, word.size()) != word) {
    return fail("invalid literal: expected '" + std::string(word) + "'", pos_, pointer);
  }
  pos_ += word.size();
  out = std::move(value);
  return true;
}

bool JsonScanner::scan_string(std::string& out, const std::string& pointer) {
  const std::size_t open_quote = pos_;
  ++pos_;
  for (;;) {
    const std::size_t run_start = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      ++pos_;
    }
    out.append(text_.data() + run_start, pos_ - run_start);
    if (at_end()) return fail("unexpected end of input: unterminated string", open_quote, pointer);
    const auto c = static_cast<unsigned char>(peek());
    if (c == '"') {
      ++pos_;
      return true;
    }
    if (c < 0x20) {
      return fail("control character " + code_point_name(c) + " must be escaped in a string", pos_, pointer);
    }
    const std::size_t escape_start = pos_;
    ++pos_;
    if (at_end()) return fail("unexpected end of input: unterminated string", open_quote, pointer);
    switch (text_[pos_++]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u':
        if (!scan_unicode_escape(out, escape_start, pointer)) return false;
        break;
      default:
        return fail("invalid escape in string: '\\' followed by " + describe_at(pos_ - 1), escape_start, pointer);
    }
  }
}

bool JsonScanner::read_hex4(std::uint32_t& unit) {
  if (text_.size() - pos_ < 4) return false;
  const char* first = text_.data() + pos_;
  for (int k = 0; k < 4; ++k) {
    if (!std::isxdigit(static_cast<unsigned char>(first[k]))) return false;
  }
  std::from_chars(first, first + 4, unit, 16);
  pos_ += 4;
  return true;
}

// After `\u`: reads the hex digits, and for a high surrogate the `\uDC00`-`\uDFFF` that must follow.
bool JsonScanner::scan_unicode_escape(std::string& out, std::size_t escape_start, const std::string& pointer) {
  std::uint32_t unit = 0;
  if (!read_hex4(unit)) return fail("invalid \\u escape: expected 4 hex digits", escape_start, pointer);
  const std::string written(text_.substr(escape_start, 6));
  if (unit >= 0xDC00 && unit <= 0xDFFF) {
    return fail("lone low surrogate " + written + " in string (it must follow a high surrogate \\uD800-\\uDBFF)",
                escape_start, pointer);
  }
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    std::uint32_t low = 0;
    const bool has_escape = text_.substr(pos_, 2) == "\\u";
    if (has_escape) pos_ += 2;
    if (!has_escape || !read_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
      return fail(
          "lone high surrogate " + written + " in string (it must be followed by a low surrogate \\uDC00-\\uDFFF)",
          escape_start, pointer);
    }
    unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }
  append_utf8(out, unit);
  return true;
}

bool JsonScanner::scan_number(Json& out, const std::string& pointer) {
  const std::size_t start = pos_;
  auto is_digit = [this] { return !at_end() && peek() >= '0' && peek() <= '9'; };
  auto skip_digits = [&] {
    while (is_digit()) ++pos_;
  };
  if (peek() == '-') ++pos_;
  if (!is_digit()) return fail_expected("invalid number: expected a digit after '-'", pointer);
  if (peek() == '0') {
    ++pos_;
    if (is_digit()) return fail("invalid number: leading zeros are not allowed", start, pointer);
  } else {
    skip_digits();
  }
  bool is_integer = true;
  if (!at_end() && peek() == '.') {
    ++pos_;
    if (!is_digit()) return fail_expected("invalid number: expected a digit after '.'", pointer);
    skip_digits();
    is_integer = false;
  }
  if (!at_end() && (peek() == 'e' || peek() == 'E')) {
    ++pos_;
    if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
    if (!is_digit()) return fail_expected("invalid number: expected a digit in the exponent", pointer);
    skip_digits();
    is_integer = false;
  }

  const std::string_view literal = text_.substr(start, pos_ - start);
  const char* first = literal.data();
  const char* last = first + literal.size();
  if (is_integer) {
    std::int64_t signed_value = 0;
    if (std::from_chars(first, last, signed_value).ec == std::errc{}) {
      out = signed_value;
      return true;
    }
    std::uint64_t unsigned_value = 0;
    if (literal[0] != '-' && std::from_chars(first, last, unsigned_value).ec == std::errc{}) {
      out = unsigned_value;
      return true;
    }
  }
  double value = 0;
  if (std::from_chars(first, last, value).ec == std::errc::result_out_of_range) {
    // Tiny values round to zero as every JSON reader does; huge ones would become infinity,
    // which JSON cannot represent and nothing downstream expects.
    if (!underflows(literal)) return fail("number out of range: " + std::string(literal), start, pointer);
    value = literal[0] == '-' ? -0.0 : 0.0;
  }
  out = value;
  return true;
}

// ---------------------------------------------------------------------------------------------
// YAML: yaml-cpp's event parser feeds a builder that keeps its own stack, checks the depth
// limit at each collection start, and stops the parse by throwing out of the callback, so
// yaml-cpp never recurses past our limit.

// Thrown from the event builder after it has recorded a fatal problem.
struct StopParsing {};

bool is_null_word(std::string_view value) {
  return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

std::optional<Json> parse_yaml_integer(std::string_view value) {
  std::string_view digits = value;
  int base = 10;
  if (value.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (value.starts_with("0o")) {
    base = 8;
    digits.remove_prefix(2);
  } else if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    digits.remove_prefix(1);
  }
  if (digits.empty()) return std::nullopt;
  for (const char c : digits) {
    const bool ok =
        base == 16 ? std::isxdigit(static_cast<unsigned char>(c)) != 0 : (c >= '0' && c <= (base == 8 ? '7' : '9'));
    if (!ok) return std::nullopt;
  }
  if (base == 10) {
    // from_chars takes a '-' but not a '+'.
    const std::string_view signed_digits = value[0] == '+' ? value.substr(1) : value;
    std::int64_t signed_value = 0;
    if (std::from_chars(signed_digits.data(), signed_digits.data() + signed_digits.size(), signed_value).ec ==
        std::errc{}) {
      return Json(signed_value);
    }
    std::uint64_t unsigned_value = 0;
    if (value[0] != '-' &&
        std::from_chars(digits.data(), digits.data() + digits.size(), unsigned_value).ec == std::errc{}) {
      return Json(unsigned_value);
    }
    return std::nullopt;  // too large for 64 bits: read as a float below
  }
  std::uint64_t unsigned_value = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), unsigned_value, base).ec != std::errc{}) {
    return std::nullopt;
  }
  if (unsigned_value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return Json(static_cast<std::int64_t>(unsigned_value));
  }
  return Json(unsigned_value);
}

// YAML 1.2 core schema float: [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool is_core_float(std::string_view value) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t begin = i;
    while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
    return i - begin;
  };
  if (i < value.size() && (value[i] == '+' || value[i] == '-')) ++i;
  std::size_t mantissa_digits = digits();
  if (i < value.size() && value[i] == '.') {
    ++i;
    mantissa_digits += digits();
  }
  if (mantissa_digits == 0) return false;
  if (i < value.size() && (value[i] == 'e' || value[i] == 'E')) {
    ++i;
    if (i < value.size() && (value[i] == '+' || value[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == value.size();
}

Json resolve_plain_scalar(const std::string& value) {
  if (is_null_word(value)) return nullptr;
  if (value == "true" || value == "True" || value == "TRUE") return true;
  if (value == "false" || value == "False" || value == "FALSE") return false;
  if (auto integer = parse_yaml_integer(value)) return *std::move(integer);
  std::string_view unsigned_part = value;
  const bool negative = value.starts_with('-');
  if (negative || value.starts_with('+')) unsigned_part.remove_prefix(1);
  if (unsigned_part == ".inf" || unsigned_part == ".Inf" || unsigned_part == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (value == ".nan" || value == ".NaN" || value == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  if (is_core_float(value)) {
    double number = 0;
    const auto [end, error] =
        std::from_chars(unsigned_part.data(), unsigned_part.data() + unsigned_part.size(), number);
    if (error == std::errc::result_out_of_range) {
      number = underflows(unsigned_part) ? 0.0 : std::numeric_limits<double>::infinity();
    }
    if (end == unsigned_part.data() + unsigned_part.size()) return negative ? -number : number;
  }
  return value;
}

constexpr std::string_view kYamlCoreTagPrefix = "tag:yaml.org,2002:";

// Non-plain scalars are always strings; explicit core tags ask for a type by name.
Json resolve_scalar(const std::string& tag, const std::string& value) {
  if (tag == "?") return resolve_plain_scalar(value);
  if (tag.starts_with(kYamlCoreTagPrefix)) {
    const std::string_view type = std::string_view(tag).substr(kYamlCoreTagPrefix.size());
    if (type == "null" || type == "bool" || type == "int" || type == "float") return resolve_plain_scalar(value);
  }
  return value;
}

// `!Ref`, `!Sub`, `!GetAtt`... are CloudFormation's short forms of `Ref`, `Fn::Sub`, ...
std::optional<std::string> cloudformation_function(const std::string& tag) {
  if (tag.size() < 2 || tag[0] != '!' || tag[1] == '!') return std::nullopt;
  const std::string name = tag.substr(1);
  if (name == "Ref" || name == "Condition") return name;
  return "Fn::" + name;
}

class YamlTreeBuilder final : public YAML::EventHandler {
 public:
  YamlTreeBuilder(SourceDocument& document, std::vector<ParseProblem>& problems, const ParseLimits& limits,
                  std::size_t offset_shift)
      : document_(document),
        problems_(problems),
        limits_(limits),
        positions_(document.text),
        members_(document, problems),
        offset_shift_(offset_shift),
        value_budget_(2 * document.text.size() + 100'000) {}

  SourcePosition position_of(const YAML::Mark& mark) {
    if (mark.is_null() || mark.pos < 0) return {};
    return positions_.at(static_cast<std::uint64_t>(mark.pos) + offset_shift_);
  }

  int document_start() const { return document_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = mark.pos; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipped_key_levels_ > 0) return;
    // yaml-cpp reports an empty node at the next token; only a written null owns its mark.
    const bool written = mark.pos >= 0 && starts_with_null_word(static_cast<std::size_t>(mark.pos) + offset_shift_);
    if (expecting_key()) {
      begin_key(written ? null_word_at(static_cast<std::size_t>(mark.pos) + offset_shift_) : std::string(),
                position_of(mark));
      return;
    }
    const Slot slot = next_slot();
    *slot.value = nullptr;
    const SourcePosition position = written ? position_of(mark) : slot.fallback_position;
    document_.record_value(slot.pointer, position);
    finish_value(anchor, *slot.value, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (skipped_key_levels_ > 0) return;
    const auto anchored = anchors_.find(anchor);
    if (anchored == anchors_.end()) {
      stop("invalid-yaml", "alias refers to a node that contains it", "", position_of(mark));
    }
    if (expecting_key()) {
      const Json& key = anchored->second.value;
      if (key.is_structured()) stop("invalid-yaml", "mapping keys must be scalars", "", position_of(mark));
      begin_key(key.is_string() ? key.get<std::string>() : key.dump(), position_of(mark));
      return;
    }
    const Slot slot = next_slot();
    *slot.value = anchored->second.value;
    document_.record_value(slot.pointer, position_of(mark));
    finish_value(YAML::NullAnchor, *slot.value, anchored->second.value_count);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    if (skipped_key_levels_ > 0) return;
    const SourcePosition position = position_of(mark);
    if (expecting_key()) {
      begin_key(value, position);
      return;
    }
    const Slot slot = next_slot();
    document_.record_value(slot.pointer, position);
    if (auto function = cloudformation_function(tag)) {
      check_depth(slot.depth + 1, slot.pointer, position);
      const std::string inner_pointer = append_pointer(slot.pointer, *function);
      Json argument = value;
      const std::size_t dot = value.find('.');
      // `!GetAtt Resource.Attribute` is the scalar spelling of ["Resource", "Attribute"].
      if (*function == "Fn::GetAtt" && dot != std::string::npos) {
        check_depth(slot.depth + 2, inner_pointer, position);
        argument = Json::array({value.substr(0, dot), value.substr(dot + 1)});
        document_.record_value(append_pointer(inner_pointer, std::size_t{0}), position);
        document_.record_value(append_pointer(inner_pointer, std::size_t{1}), position);
      }
      *slot.value = Json::object({{*function, std::move(argument)}});
      document_.record_value(inner_pointer, position);
      document_.record_key(inner_pointer, position);
      finish_value(anchor, *slot.value, 2);
      return;
    }
    *slot.value = resolve_scalar(tag, value);
    finish_value(anchor, *slot.value, 1);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_collection(mark, tag, anchor, false);
  }
  void OnSequenceEnd() override { close_collection(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_collection(mark, tag, anchor, true);
  }
  void OnMapEnd() override { close_collection(); }

 private:
  // Where the next value goes.
  struct Slot {
    Json* value;
    std::string pointer;
    std::uint32_t depth;               // of the enclosing collection; the root's is 0
    SourcePosition fallback_position;  // for empty values, which have no mark of their own
  };

  struct OpenCollection {
    Json* value;
    Json* anchored_value;  // differs from value when a CloudFormation tag wrapped the collection
    std::string pointer;
    std::uint32_t depth;
    bool is_map;
    YAML::anchor_t anchor;
    std::size_t values_before;
    SourcePosition position;
    std::size_t next_index = 0;  // sequences
    bool has_key = false;        // maps: a key was read and its value is awaited
    Json* member_value = nullptr;
    std::string member_pointer{};
    SourcePosition key_position{};
  };

  struct AnchoredValue {
    Json value;
    std::size_t value_count;
  };

  [[noreturn]] void stop(std::string rule, std::string message, std::string pointer, SourcePosition position) {
    problems_.push_back(fatal_problem(std::move(rule), std::move(message), std::move(pointer), position));
    throw StopParsing{};
  }

  void check_depth(std::uint32_t depth, const std::string& pointer, SourcePosition position) {
    if (depth > limits_.max_depth) {
      stop("too-deeply-nested", "nesting exceeds " + std::to_string(limits_.max_depth) + " levels", pointer, position);
    }
  }

  bool starts_with_null_word(std::size_t offset) const { return !null_word_at(offset).empty(); }

  std::string null_word_at(std::size_t offset) const {
    const std::string_view rest = std::string_view(document_.text).substr(std::min(offset, document_.text.size()));
    for (const std::string_view word : {"null", "Null", "NULL", "~"}) {
      if (rest.starts_with(word)) return std::string(word);
    }
    return {};
  }

  bool expecting_key() const { return !open_.empty() && open_.back().is_map && !open_.back().has_key; }

  void begin_key(std::string key, SourcePosition position) {
    OpenCollection& map = open_.back();
    map.member_pointer = append_pointer(map.pointer, key);
    map.member_value = &members_.insert(*map.value, std::move(key), map.member_pointer, position);
    map.key_position = position;
    map.has_key = true;
  }

  Slot next_slot() {
    if (open_.empty()) {
      if (root_taken_) stop("invalid-yaml", "unexpected second root node", "", {});
      root_taken_ = true;
      return {&document_.root, "", 0, {1, 1, 0}};
    }
    OpenCollection& parent = open_.back();
    if (parent.is_map) return {parent.member_value, parent.member_pointer, parent.depth, parent.key_position};
    // The element's address stays valid: its array grows again only after this element is done.
    Json* element = &parent.value->get_ref<Json::array_t&>().emplace_back();
    return {element, append_pointer(parent.pointer, parent.next_index++), parent.depth, parent.position};
  }

  void count_values(std::size_t count, SourcePosition position) {
    values_built_ += count;
    // Aliases can expand exponentially ("billion laughs"); refuse past a budget tied to the text size.
    if (values_built_ > value_budget_) {
      stop("invalid-yaml", "aliases expand to more than " + std::to_string(value_budget_) + " values", "", position);
    }
  }

  void finish_value(YAML::anchor_t anchor, const Json& value, std::size_t value_count) {
    count_values(value_count, {});
    if (anchor != YAML::NullAnchor) anchors_[anchor] = AnchoredValue{value, value_count};
    if (!open_.empty() && open_.back().is_map) open_.back().has_key = false;
  }

  void open_collection(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool is_map) {
    const SourcePosition position = position_of(mark);
    if (skipped_key_levels_ > 0 || expecting_key()) {
      // A collection as a key: read past it (still bounded by the depth limit) and refuse it
      // once it is complete, so that a deeper or syntax problem inside it is reported first.
      if (skipped_key_levels_++ == 0) skipped_key_position_ = position;
      check_depth(open_.back().depth + skipped_key_levels_, open_.back().pointer, position);
      return;
    }
    Slot slot = next_slot();
    document_.record_value(slot.pointer, position);
    std::uint32_t depth = slot.depth + 1;
    check_depth(depth, slot.pointer, position);
    Json* anchored_value = slot.value;
    Json* value = slot.value;
    std::string pointer = std::move(slot.pointer);
    if (auto function = cloudformation_function(tag)) {
      *anchored_value = Json::object();
      pointer = append_pointer(pointer, *function);
      value = &(*anchored_value)[*function];
      document_.record_value(pointer, position);
      document_.record_key(pointer, position);
      check_depth(++depth, pointer, position);
    }
    *value = is_map ? Json::object() : Json::array();
    count_values(1, position);
    open_.push_back(
        OpenCollection{value, anchored_value, std::move(pointer), depth, is_map, anchor, values_built_, position});
  }

  void close_collection() {
    if (skipped_key_levels_ > 0) {
      if (--skipped_key_levels_ == 0) {
        stop("invalid-yaml", "mapping keys must be scalars", open_.back().pointer, skipped_key_position_);
      }
      return;
    }
    OpenCollection closed = std::move(open_.back());
    open_.pop_back();
    const std::size_t count = values_built_ - closed.values_before + 1;
    if (closed.anchor != YAML::NullAnchor) anchors_[closed.anchor] = AnchoredValue{*closed.anchored_value, count};
    if (!open_.empty() && open_.back().is_map) open_.back().has_key = false;
  }

  SourceDocument& document_;
  std::vector<ParseProblem>& problems_;
  const ParseLimits& limits_;
  PositionTracker positions_;
  MemberInserter members_;
  std::size_t offset_shift_;  // yaml-cpp's marks do not count the BOM we strip
  std::size_t value_budget_;
  std::size_t values_built_ = 0;
  bool root_taken_ = false;
  int document_start_ = -1;
  std::uint32_t skipped_key_levels_ = 0;  // open collections inside a non-scalar key
  SourcePosition skipped_key_position_;
  std::vector<OpenCollection> open_;
  std::unordered_map<YAML::anchor_t, AnchoredValue> anchors_;
};

// Reads the documents after the first. One definition per file, so any content there is a
// problem; so is a document that starts where the previous one did, which is how yaml-cpp 0.7
// loops forever on a stray ',' at the top level.
class FollowingDocumentsProbe final : public YAML::EventHandler {
 public:
  explicit FollowingDocumentsProbe(int first_document_start) : previous_start_(first_document_start) {}

  std::optional<YAML::Mark> content;  // first node of a second document
  std::optional<YAML::Mark> stalled;  // where yaml-cpp stopped making progress

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (mark.pos <= previous_start_) {
      stalled = mark;
      throw StopParsing{};
    }
    previous_start_ = mark.pos;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { found(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    found(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    found(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    found(mark);
  }
  void OnMapEnd() override {}

 private:
  [[noreturn]] void found(const YAML::Mark& mark) {
    content = mark;
    throw StopParsing{};
  }

  int previous_start_;
};

}  // namespace

// -----------------------------------------------------------------------------------------------
// SourceDocument

const SourcePosition* SourceDocument::value_position(std::string_view pointer) const {
  if (!index_built_) build_index();
  const auto found = value_positions_.find(std::string(pointer));
  return found == value_positions_.end() ? nullptr : &found->second;
}

const SourcePosition* SourceDocument::key_position(std::string_view pointer) const {
  if (!index_built_) build_index();
  const auto found = key_positions_.find(std::string(pointer));
  return found == key_positions_.end() ? value_position(pointer) : &found->second;
}

void SourceDocument::build_index() const {
  index_built_ = true;
  SourceDocument scratch;
  scratch.text = text;
  std::vector<ParseProblem> problems;
  JsonScanner(scratch, problems, ParseLimits{}).scan();
  value_positions_ = std::move(scratch.value_positions_);
  key_positions_ = std::move(scratch.key_positions_);
}

std::string_view SourceDocument::line_text(std::uint32_t line) const {
  // Not thread-safe on first use: documents are read by one thread at a time.
  if (line_starts_.empty()) line_starts_ = compute_line_starts(text);
  if (line == 0 || line > line_starts_.size()) return {};
  const std::string_view all = text;
  const std::size_t start = line_starts_[line - 1];
  const std::size_t end = std::min(all.find_first_of("\r\n", start), all.size());
  return all.substr(start, end - start);
}

// Reserving from the text size spares the rehashes of a large definition: about one value
// per 16 bytes and one member name per 24 in typical machines.
void SourceDocument::record_value(std::string pointer, SourcePosition position) {
  if (value_positions_.empty()) value_positions_.reserve(text.size() / 16);
  value_positions_.insert_or_assign(std::move(pointer), position);
}

void SourceDocument::record_key(std::string pointer, SourcePosition position) {
  if (key_positions_.empty()) key_positions_.reserve(text.size() / 24);
  key_positions_.insert_or_assign(std::move(pointer), position);
}

// -----------------------------------------------------------------------------------------------
// Parsers

ParseResult parse_json_document(std::string text, const ParseLimits& limits) {
  ParseResult result;
  result.document.format = SourceFormat::Json;
  result.document.text = std::move(text);
  if (!check_size_and_encoding(result, limits)) return result;
  // Most definitions are clean: build the value alone first, and the position index only when a
  // finding asks for a position (SourceDocument::build_index). Problems need positions at once.
  {
    std::vector<ParseProblem> fast_problems;
    JsonScanner fast(result.document, fast_problems, limits, /*record=*/false);
    if (fast.scan() && !fast.duplicate_seen()) {
      result.ok = true;
      result.document.index_built_ = false;
      return result;
    }
  }
  result.document.root = nullptr;
  JsonScanner scanner(result.document, result.problems, limits);
  result.ok = scanner.scan();
  // A half-built tree is not a document; positions stay for whoever reports the problem.
  if (!result.ok) result.document.root = nullptr;
  return result;
}

ParseResult parse_yaml_document(std::string text, const ParseLimits& limits) {
  ParseResult result;
  result.document.format = SourceFormat::Yaml;
  result.document.text = std::move(text);
  if (!check_size_and_encoding(result, limits)) return result;
  const std::string_view all = result.document.text;
  if (is_blank(all)) {
    result.problems.push_back(empty_file_problem(all));
    return result;
  }
  // yaml-cpp would take NUL bytes as a hint of UTF-16/32 and misplace every mark.
  if (const std::size_t nul = all.find('\0'); nul != std::string_view::npos) {
    PositionTracker positions(all);
    result.problems.push_back(
        fatal_problem("invalid-yaml", "NUL character (U+0000) is not allowed in YAML", "", positions.at(nul)));
    return result;
  }

  const std::size_t bom = bom_length(all);
  std::istringstream input{std::string(all.substr(bom))};
  YamlTreeBuilder builder(result.document, result.problems, limits, bom);
  try {
    YAML::Parser parser(input);
    if (!parser.HandleNextDocument(builder)) {
      result.problems.push_back(fatal_problem("empty-file", "file contains no YAML document", "", {1, 1, 0}));
      return result;
    }
    FollowingDocumentsProbe probe(builder.document_start());
    try {
      while (parser.HandleNextDocument(probe)) {
      }
    } catch (const StopParsing&) {
      if (probe.content) {
        result.problems.push_back(fatal_problem("invalid-yaml", "file contains more than one YAML document", "",
                                                builder.position_of(*probe.content)));
      } else {
        const SourcePosition position = builder.position_of(*probe.stalled);
        result.problems.push_back(
            fatal_problem("invalid-yaml", "unexpected " + describe_character(all, position.offset), "", position));
      }
      result.document.root = nullptr;
      return result;
    }
    result.ok = true;
  } catch (const StopParsing&) {
    // The builder recorded the problem.
  } catch (const YAML::DeepRecursion& error) {
    result.problems.push_back(
        fatal_problem("too-deeply-nested",
                      "nesting exceeds " + std::to_string(error.depth() - 1) + " levels (the YAML reader's own limit)",
                      "", builder.position_of(error.mark)));
  } catch (const YAML::Exception& error) {
    result.problems.push_back(fatal_problem("invalid-yaml", error.msg, "", builder.position_of(error.mark)));
  } catch (const std::exception& error) {
    result.problems.push_back(fatal_problem("invalid-yaml", error.what(), "", {}));
  }
  if (!result.ok) result.document.root = nullptr;
  return result;
}

// -----------------------------------------------------------------------------------------------
// RFC 6901

std::string escape_pointer_token(std::string_view token) {
  std::string escaped;
  escaped.reserve(token.size());
  for (const char c : token) {
    if (c == '~') {
      escaped += "~0";
    } else if (c == '/') {
      escaped += "~1";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string result;
  result.reserve(pointer.size() + 1 + token.size());
  result.append(pointer);
  result += '/';
  if (token.find_first_of("~/") == std::string_view::npos) {
    result.append(token);
  } else {
    result += escape_pointer_token(token);
  }
  return result;
}

std::string append_pointer(std::string_view pointer, std::size_t index) {
  std::string result;
  result.reserve(pointer.size() + 21);
  result.append(pointer);
  result += '/';
  result += std::to_string(index);
  return result;
}

}  // namespace sfn
