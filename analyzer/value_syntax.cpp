#include "analyzer/value_syntax.h"

#include <vector>

namespace sfn {

// ---- timestamps ----

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads `count` digits at `pos`; false when any is not a digit.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!is_digit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool is_leap_year(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int days_in_month(int year, int month) {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

}  // namespace

std::optional<Instant> parse_timestamp(std::string_view text) {
  // Fixed layout: YYYY-MM-DDTHH:MM:SS at offsets 0..18.
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 20) return std::nullopt;
  if (!read_digits(text, 0, 4, year) || text[4] != '-' || !read_digits(text, 5, 2, month) || text[7] != '-' ||
      !read_digits(text, 8, 2, day) || text[10] != 'T' || !read_digits(text, 11, 2, hour) || text[13] != ':' ||
      !read_digits(text, 14, 2, minute) || text[16] != ':' || !read_digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  if (hour > 23 || minute > 59 || second > 59) return std::nullopt;

  std::size_t pos = 19;
  std::uint32_t nanos = 0;
  if (text[pos] == '.') {
    std::size_t start = ++pos;
    while (pos < text.size() && is_digit(text[pos])) ++pos;
    if (pos == start) return std::nullopt;
    // Digits beyond nanoseconds are truncated, not rounded, so an instant never moves into the next second.
    for (std::size_t i = 0; i < 9; ++i) {
      nanos = nanos * 10 + (start + i < pos ? static_cast<std::uint32_t>(text[start + i] - '0') : 0);
    }
  }
  if (pos >= text.size()) return std::nullopt;  // a zone designator is required
  std::int64_t offset_seconds = 0;
  if (text[pos] == 'Z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int offset_hours = 0, offset_minutes = 0;
    if (!read_digits(text, pos + 1, 2, offset_hours) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, offset_minutes)) {
      return std::nullopt;
    }
    if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  Instant instant;
  instant.seconds = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
                    hour * 3600 + minute * 60 + second - offset_seconds;
  instant.nanos = nanos;
  return instant;
}

// ---- StringMatches ----

namespace {

// One pattern element: a star, or one literal byte (escapes already resolved).
struct PatternToken {
  bool star = false;
  char literal = 0;
};

bool tokenize_pattern(std::string_view pattern, std::vector<PatternToken>& tokens) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*') {
      // Consecutive stars match the same as one and would only slow the matcher down.
      if (tokens.empty() || !tokens.back().star) tokens.push_back({true, 0});
    } else if (c == '\\') {
      if (i + 1 >= pattern.size() || (pattern[i + 1] != '*' && pattern[i + 1] != '\\')) return false;
      tokens.push_back({false, pattern[++i]});
    } else {
      tokens.push_back({false, c});
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> check_string_matches_pattern(std::string_view pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '\\') continue;
    if (i + 1 >= pattern.size()) {
      return "dangling '\\' at the end of the pattern (write '\\\\' for a literal backslash) at offset " +
             std::to_string(i);
    }
    char next = pattern[i + 1];
    if (next != '*' && next != '\\') {
      return "invalid escape '\\" + std::string(1, next) + "' (only '\\*' and '\\\\' are escapes) at offset " +
             std::to_string(i);
    }
    ++i;
  }
  return std::nullopt;
}

bool string_matches(std::string_view text, std::string_view pattern) {
  std::vector<PatternToken> tokens;
  if (!tokenize_pattern(pattern, tokens)) return false;
  // Greedy matching that, on a mismatch, only retries from the most recent star: with '*' as the
  // only wildcard this is exact and takes O(|text| * |pattern|) at worst, never exponential time.
  std::size_t t = 0, p = 0;
  std::size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < tokens.size() && tokens[p].star) {
      star = p++;
      star_text = t;
    } else if (p < tokens.size() && tokens[p].literal == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < tokens.size() && tokens[p].star) ++p;
  return p == tokens.size();
}

// ---- JSONata ----

bool is_jsonata_expression(std::string_view text) {
  return text.size() >= 4 && text.starts_with("{%") && text.ends_with("%}");
}

bool looks_like_broken_jsonata(std::string_view text) {
  if (is_jsonata_expression(text)) return false;
  return text.find("{%") != std::string_view::npos || text.find("%}") != std::string_view::npos;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// JSONata's tokenizer ends a name at whitespace or at any of its single-character operators.
bool is_operator_char(char c) {
  static constexpr std::string_view operators = ".[]{}(),@#;:?+-*/%|=<>^&!~";
  return operators.find(c) != std::string_view::npos;
}

bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

char closer_for(char opener) { return opener == '(' ? ')' : opener == '[' ? ']' : '}'; }

// A token-level checker, not a parser: it tracks brackets and whether an operand is due, and stays
// silent about anything it does not model (a false alarm on valid JSONata costs more than a miss).
class JsonataChecker {
 public:
  explicit JsonataChecker(std::string_view text) : text_(text), pos_(2), end_(text.size() - 2) {}

  std::optional<JsonataSyntaxError> check() {
    while (!error_ && pos_ < end_) step();
    if (error_) return error_;
    if (!saw_token_) return error("empty JSONata expression", 0);
    if (!stack_.empty()) return error("unclosed '" + std::string(1, stack_.back().bracket) + "'", stack_.back().offset);
    if (expecting_ && !pending_allows_end()) return missing_operand(end_);
    return std::nullopt;
  }

 private:
  // Why an operand is due: it tells which error to give when none comes.
  enum class Pending { Start, Opener, Operator, Prefix, Comma, Semicolon, Neutral };
  struct Open {
    char bracket;
    std::size_t offset;
    bool sort = false;             // ^( ... ): '<' and '>' are prefixes here
    bool function_params = false;  // function( ... ): a <signature> may follow
  };

  std::optional<JsonataSyntaxError> error(std::string message, std::size_t offset) {
    if (!error_) error_ = JsonataSyntaxError{std::move(message) + " at offset " + std::to_string(offset), offset};
    return error_;
  }

  bool pending_allows_end() const {
    return pending_ == Pending::Opener || pending_ == Pending::Semicolon || pending_ == Pending::Neutral;
  }

  std::optional<JsonataSyntaxError> missing_operand(std::size_t where) {
    switch (pending_) {
      case Pending::Operator: return error("operator '" + pending_text_ + "' has no right operand", pending_offset_);
      case Pending::Prefix: return error("'" + pending_text_ + "' has no operand", pending_offset_);
      case Pending::Comma: return error("expected an expression after ','", pending_offset_);
      default: return error("expected an expression", where);
    }
  }

  char at(std::size_t i) const { return i < end_ ? text_[i] : '\0'; }

  std::size_t next_non_space(std::size_t i) const {
    while (i < end_ && is_space(text_[i])) ++i;
    return i;
  }

  void operand() {
    saw_token_ = true;
    expecting_ = false;
    function_next_ = false;
    sort_next_ = false;
  }

  // Two operands in a row ("10 + * 2", "$a $b") never parse in JSONata: after an expression only an
  // operator, a bracket or the end may follow. Returns false (with the error set) in that case.
  bool operand_may_start(std::size_t start, std::string_view what) {
    if (!saw_token_ || expecting_) return true;
    std::string message = "expected an operator before ";
    message += what;
    error(std::move(message), start);
    return false;
  }

  // `function` and `^` only affect the token right after them.
  void expect(Pending why, std::string text, std::size_t offset) {
    saw_token_ = true;
    expecting_ = true;
    function_next_ = false;
    sort_next_ = false;
    pending_ = why;
    pending_text_ = std::move(text);
    pending_offset_ = offset;
  }

  void step() {
    char c = text_[pos_];
    if (is_space(c)) {
      ++pos_;
      return;
    }
    if (c == '/' && at(pos_ + 1) == '*') return comment();
    if (c == '"' || c == '\'') return string_literal();
    if (c == '`') return backtick_name();
    if (is_digit(c)) return number();
    if (c == '(' || c == '[' || c == '{') return open_bracket();
    if (c == ')' || c == ']' || c == '}') return close_bracket();
    if (c == ',') return comma();
    if (c == ';') return semicolon();
    if (is_operator_char(c)) return operator_token();
    name();
  }

  void comment() {
    std::size_t close = text_.substr(0, end_).find("*/", pos_ + 2);
    if (close == std::string_view::npos) {
      error("unterminated comment", pos_);
      return;
    }
    pos_ = close + 2;
  }

  void string_literal() {
    if (!operand_may_start(pos_, "a string")) return;
    char quote = text_[pos_];
    std::size_t start = pos_++;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        operand();
        return;
      }
      if (c == '\\') {
        char e = at(pos_ + 1);
        if (e == 'u') {
          for (std::size_t i = pos_ + 2; i < pos_ + 6; ++i) {
            if (!is_hex(at(i))) {
              error("'\\u' must be followed by four hex digits", pos_);
              return;
            }
          }
          pos_ += 6;
          continue;
        }
        // JSONata's own escape table (it has no \' escape, unlike JavaScript).
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          if (pos_ + 1 >= end_) break;
          error("unsupported escape sequence '\\" + std::string(1, e) + "' in a string literal", pos_);
          return;
        }
        pos_ += 2;
        continue;
      }
      ++pos_;
    }
    error("unterminated string literal", start);
  }

  void backtick_name() {
    if (!operand_may_start(pos_, "a name")) return;
    std::size_t close = text_.substr(0, end_).find('`', pos_ + 1);
    if (close == std::string_view::npos) {
      error("unterminated name in backticks", pos_);
      return;
    }
    pos_ = close + 1;
    operand();
  }

  void number() {
    if (!operand_may_start(pos_, "a number")) return;
    while (is_digit(at(pos_))) ++pos_;
    if (at(pos_) == '.' && is_digit(at(pos_ + 1))) {  // not "1..5", a range
      ++pos_;
      while (is_digit(at(pos_))) ++pos_;
    }
    if ((at(pos_) == 'e' || at(pos_) == 'E') &&
        (is_digit(at(pos_ + 1)) || ((at(pos_ + 1) == '+' || at(pos_ + 1) == '-') && is_digit(at(pos_ + 2))))) {
      pos_ += 2;
      while (is_digit(at(pos_))) ++pos_;
    }
    operand();
  }

  void name() {
    std::size_t start = pos_;
    while (pos_ < end_ && !is_space(text_[pos_]) && !is_operator_char(text_[pos_]) && text_[pos_] != '"' &&
           text_[pos_] != '\'' && text_[pos_] != '`') {
      ++pos_;
    }
    if (pos_ == start) {  // defensive: always make progress
      ++pos_;
      return;
    }
    std::string_view word = text_.substr(start, pos_ - start);
    // and/or/in are operators after an operand and plain names elsewhere (`$x.and`).
    if (!expecting_ && (word == "and" || word == "or" || word == "in")) {
      expect(Pending::Operator, std::string(word), start);
      return;
    }
    std::string quoted(1, '\'');
    quoted.append(word);
    quoted += '\'';
    if (!operand_may_start(start, quoted)) return;
    bool is_function_keyword = expecting_ && (word == "function" || word == "\xce\xbb");  // λ
    operand();
    function_next_ = is_function_keyword;
  }

  void open_bracket() {
    char c = text_[pos_];
    Open open{c, pos_};
    if (c == '(') {
      open.sort = sort_next_;
      open.function_params = function_next_;
    }
    sort_next_ = false;
    stack_.push_back(open);
    expect(Pending::Opener, std::string(1, c), pos_);
    ++pos_;
  }

  void close_bracket() {
    char c = text_[pos_];
    if (stack_.empty()) {
      error("unmatched '" + std::string(1, c) + "'", pos_);
      return;
    }
    Open open = stack_.back();
    if (closer_for(open.bracket) != c) {
      // Built by appending: GCC 12 gives a false -Wrestrict for "literal" + std::string(1, c).
      std::string message(1, '\'');
      message += c;
      message += "' does not close the '";
      message += open.bracket;
      message += "' opened at offset " + std::to_string(open.offset);
      error(std::move(message), pos_);
      return;
    }
    if (expecting_ && !pending_allows_end()) {
      missing_operand(pos_);
      return;
    }
    stack_.pop_back();
    ++pos_;
    operand();
    if (open.function_params) skip_signature();
  }

  // function($a, $b)<nn:n>{ ... }: the signature is its own little language; skip it whole.
  void skip_signature() {
    std::size_t i = next_non_space(pos_);
    if (at(i) != '<') return;
    int depth = 0;
    for (; i < end_; ++i) {
      if (text_[i] == '<') ++depth;
      if (text_[i] == '>' && --depth == 0) {
        pos_ = i + 1;
        return;
      }
    }
    error("unterminated function signature", next_non_space(pos_));
  }

  void comma() {
    if (expecting_ && pending_ != Pending::Neutral) {
      if (pending_ == Pending::Operator || pending_ == Pending::Prefix) {
        missing_operand(pos_);
      } else {
        error("expected an expression before ','", pos_);
      }
      return;
    }
    expect(Pending::Comma, ",", pos_);
    ++pos_;
  }

  void semicolon() {
    if (expecting_ && (pending_ == Pending::Operator || pending_ == Pending::Prefix || pending_ == Pending::Comma)) {
      missing_operand(pos_);
      return;
    }
    expect(Pending::Semicolon, ";", pos_);
    ++pos_;
  }

  void regex() {
    std::size_t start = pos_++;
    int depth = 0;
    while (pos_ < end_) {
      char c = text_[pos_];
      if (c == '\\') {
        pos_ += 2;
        continue;
      }
      if (c == '/' && depth == 0) {
        if (pos_ == start + 1) {
          error("empty regular expression", start);
          return;
        }
        ++pos_;
        while (pos_ < end_ && ((text_[pos_] >= 'a' && text_[pos_] <= 'z'))) ++pos_;  // flags
        operand();
        return;
      }
      if (c == '(' || c == '[' || c == '{') ++depth;
      if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
      ++pos_;
    }
    error("unterminated regular expression", start);
  }

  void operator_token() {
    static constexpr std::string_view two_char[] = {"..", ":=", "!=", "<=", ">=", "~>", "**", "?:", "??"};
    std::size_t start = pos_;
    std::string op(1, text_[pos_]);
    for (std::string_view candidate : two_char) {
      if (text_.substr(0, end_).substr(pos_).starts_with(candidate)) {
        op = std::string(candidate);
        break;
      }
    }
    const bool in_sort = !stack_.empty() && stack_.back().sort;
    if (expecting_) {
      // Operators that also have a prefix or operand meaning.
      if (op == "-") return prefix(op, start);
      if ((op == "<" || op == ">") && in_sort) return prefix(op, start);
      if (op == "*" || op == "**" || op == "%") {  // wildcard, descendants, parent
        pos_ += op.size();
        return operand();
      }
      if (op == "/") return regex();
      if (op == "?") {  // a placeholder in partial application: $f(?, 2)
        char next = at(next_non_space(pos_ + 1));
        if (next == ',' || next == ')') {
          ++pos_;
          return operand();
        }
      }
    }
    pos_ += op.size();
    if (op == "|" || op == "!" || op == "~") {
      // Transforms (| loc | update |) and stray characters are beyond this checker.
      expect(Pending::Neutral, op, start);
      return;
    }
    if (expecting_ && pending_ != Pending::Neutral) {
      error("operator '" + op + "' has no left operand", start);
      return;
    }
    expect(Pending::Operator, op, start);
    sort_next_ = op == "^";
  }

  void prefix(const std::string& op, std::size_t start) {
    pos_ += op.size();
    expect(Pending::Prefix, op, start);
  }

  std::string_view text_;
  std::size_t pos_;
  std::size_t end_;
  std::vector<Open> stack_;
  bool expecting_ = true;
  bool saw_token_ = false;
  bool sort_next_ = false;
  bool function_next_ = false;
  Pending pending_ = Pending::Start;
  std::string pending_text_;
  std::size_t pending_offset_ = 0;
  std::optional<JsonataSyntaxError> error_;
};

}  // namespace

std::optional<JsonataSyntaxError> check_jsonata_expression(std::string_view expression_with_delimiters) {
  if (!is_jsonata_expression(expression_with_delimiters)) {
    return JsonataSyntaxError{"a JSONata expression must be exactly '{% ... %}' at offset 0", 0};
  }
  return JsonataChecker(expression_with_delimiters).check();
}

// ---- placeholders ----

namespace {

// Length of the placeholder starting at `pos` ("${" ... "}"), 0 when there is none. "${!Name}" is
// CloudFormation's escape for the literal text "${Name}", so it is not a placeholder.
std::size_t placeholder_length(std::string_view text, std::size_t pos) {
  if (text.substr(pos, 2) != "${") return 0;
  std::size_t close = text.find('}', pos + 2);
  if (close == std::string_view::npos || close == pos + 2) return 0;
  std::string_view content = text.substr(pos + 2, close - pos - 2);
  if (content.front() == '!' || content.find('{') != std::string_view::npos) return 0;
  return close + 1 - pos;
}

}  // namespace

bool contains_placeholder(std::string_view text) {
  for (std::size_t pos = text.find("${"); pos != std::string_view::npos; pos = text.find("${", pos + 1)) {
    if (placeholder_length(text, pos) > 0) return true;
  }
  return false;
}

bool is_whole_placeholder(std::string_view text) { return !text.empty() && placeholder_length(text, 0) == text.size(); }

std::string replace_placeholders(std::string_view text, std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = placeholder_length(text, pos);
    if (length > 0) {
      out += replacement;
      pos += length;
    } else {
      out += text[pos++];
    }
  }
  return out;
}

}  // namespace sfn
