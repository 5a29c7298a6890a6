#include "analyzer/path_syntax.h"

#include "analyzer/utf8.h"

#include <algorithm>
#include <charconv>
#include <utility>

namespace sfn {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || is_digit(c); }

// Jayway reads a dotted name up to '.', '[' or '(' and rejects blanks; we also stop at ']' and ')'
// so that "$.a]" is reported instead of silently naming a member "a]".
bool ends_dotted_name(char c) { return c == '.' || c == '[' || c == ']' || c == '(' || c == ')' || is_space(c); }

// Quotes a character for a message; control bytes would make the message unreadable.
std::string describe(char c) {
  static constexpr char hex[] = "0123456789abcdef";
  auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) return std::string("byte 0x") + hex[byte >> 4] + hex[byte & 15];
  return std::string("'") + c + "'";
}

class PathParser {
 public:
  explicit PathParser(std::string_view text) : text_(text) {}

  PathParseResult parse() {
    PathParseResult result;
    Path path;
    path.text = std::string(text_);
    if (parse_root(path)) {
      while (pos_ < text_.size() && parse_segment(path)) {
      }
    }
    if (error_) {
      result.error = std::move(error_);
    } else {
      result.path = std::move(path);
    }
    return result;
  }

 private:
  bool fail(std::string message, std::size_t offset) {
    if (!error_) error_ = PathSyntaxError{std::move(message) + " at offset " + std::to_string(offset), offset};
    return false;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++pos_;
  }
  // Built with append: GCC 12's -Wrestrict misfires on "'" + std::string(...) at -O2.
  std::string so_far(std::size_t end) const {
    std::string quoted = "'";
    quoted.append(text_.substr(0, std::min(end, text_.size())));
    quoted += '\'';
    return quoted;
  }

  bool parse_root(Path& path) {
    if (text_.empty()) return fail("empty path; a path starts with '$'", 0);
    if (text_[0] != '$') return fail("a path must start with '$', found " + describe(text_[0]), 0);
    pos_ = 1;
    if (!at_end() && peek() == '$') {
      path.root = PathRoot::Context;
      ++pos_;
    } else if (!at_end() && is_identifier_start(peek())) {
      path.root = PathRoot::Variable;
      std::size_t start = pos_;
      while (!at_end() && is_identifier_char(peek())) ++pos_;
      path.variable = std::string(text_.substr(start, pos_ - start));
    }
    return true;
  }

  bool parse_segment(Path& path) {
    std::size_t start = pos_;
    char c = peek();
    if (c == '.') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '.') return parse_recursive_descent(path);
      ++pos_;
      if (at_end()) return fail("expected member name after '.'", pos_);
      if (peek() == '*') {
        ++pos_;
        path.segments.push_back(make(PathSegment::Kind::Wildcard, start));
        return true;
      }
      if (peek() == '[') {
        // Jayway reads `$.['a']` and `$.[0]` as `$['a']` and `$[0]`.
        if (!parse_bracket(path, pos_)) return false;
        path.segments.back().offset = start;
        return true;
      }
      return parse_dotted_member(path, start);
    }
    if (c == '[') return parse_bracket(path, start);
    if (is_space(c)) {
      std::size_t after = pos_;
      while (after < text_.size() && is_space(text_[after])) ++after;
      if (after == text_.size()) return fail("trailing whitespace after " + so_far(pos_), pos_);
      return fail("whitespace after " + so_far(pos_) + " (use ['...'] for a member name with spaces)", pos_);
    }
    return fail("unexpected " + describe(c) + " after " + so_far(pos_) + "; expected '.' or '['", pos_);
  }

  static PathSegment make(PathSegment::Kind kind, std::size_t offset) {
    PathSegment segment;
    segment.kind = kind;
    segment.offset = offset;
    return segment;
  }

  // Reads a dotted member name at pos_; may turn out to be a function call such as length().
  bool parse_dotted_member(Path& path, std::size_t start) {
    std::size_t name_start = pos_;
    while (!at_end() && !ends_dotted_name(peek())) ++pos_;
    if (pos_ == name_start) return fail("expected member name after '.'", pos_);
    std::string name(text_.substr(name_start, pos_ - name_start));
    if (!at_end() && peek() == '(') return parse_function(path, start, std::move(name));
    PathSegment segment = make(PathSegment::Kind::Member, start);
    segment.name = std::move(name);
    path.segments.push_back(std::move(segment));
    return true;
  }

  bool parse_function(Path& path, std::size_t start, std::string name) {
    for (char c : name) {
      if (!is_identifier_char(c)) return fail("invalid function name '" + name + "'", start + 1);
    }
    std::size_t open = pos_;
    std::size_t close = 0;
    if (!find_closing_paren(open, close)) return false;
    PathSegment segment = make(PathSegment::Kind::Function, start);
    segment.name = std::move(name);
    segment.arguments = std::string(text_.substr(open + 1, close - open - 1));
    path.segments.push_back(std::move(segment));
    pos_ = close + 1;
    // Jayway applies a function to the result of the whole path, so nothing may follow it.
    if (!at_end())
      return fail("a function call must be the last segment of a path; unexpected " + describe(peek()), pos_);
    return true;
  }

  // Finds the ')' matching the '(' at `open`, skipping quoted strings.
  bool find_closing_paren(std::size_t open, std::size_t& close) {
    int depth = 0;
    for (std::size_t i = open; i < text_.size(); ++i) {
      char c = text_[i];
      if (c == '\'' || c == '"') {
        std::size_t j = i + 1;
        while (j < text_.size() && text_[j] != c) j += (text_[j] == '\\') ? 2 : 1;
        if (j >= text_.size()) return fail("unterminated string", i);
        i = j;
      } else if (c == '(') {
        ++depth;
      } else if (c == ')' && --depth == 0) {
        close = i;
        return true;
      }
    }
    return fail("unterminated '('", open);
  }

  bool parse_recursive_descent(Path& path) {
    std::size_t start = pos_;
    pos_ += 2;
    if (at_end()) return fail("expected member name, '*' or '[' after '..'", pos_);
    PathSegment segment = make(PathSegment::Kind::RecursiveDescent, start);
    char c = peek();
    if (c == '*') {
      ++pos_;
      segment.wildcard = true;
      path.segments.push_back(std::move(segment));
      return true;
    }
    if (c == '[') {
      // `..['a']` and `..[*]` are the bracket spellings of `..a` and `..*`; other brackets stay separate.
      Path rest;
      if (!parse_bracket(rest, pos_)) return false;
      PathSegment& next = rest.segments.back();
      if (next.kind == PathSegment::Kind::Member) {
        segment.name = std::move(next.name);
        path.segments.push_back(std::move(segment));
      } else if (next.kind == PathSegment::Kind::Wildcard) {
        segment.wildcard = true;
        path.segments.push_back(std::move(segment));
      } else {
        path.segments.push_back(std::move(segment));
        path.segments.push_back(std::move(next));
      }
      return true;
    }
    if (ends_dotted_name(c)) return fail("expected member name, '*' or '[' after '..'", pos_);
    std::size_t name_start = pos_;
    while (!at_end() && !ends_dotted_name(peek())) ++pos_;
    segment.name = std::string(text_.substr(name_start, pos_ - name_start));
    path.segments.push_back(std::move(segment));
    return true;
  }

  bool expect_close(std::size_t open) {
    skip_spaces();
    if (at_end()) return fail("unterminated '[' opened", open);
    if (peek() != ']')
      return fail("expected ']' to close '[' at offset " + std::to_string(open) + ", found " + describe(peek()), pos_);
    ++pos_;
    return true;
  }

  bool parse_bracket(Path& path, std::size_t open) {
    pos_ = open + 1;
    skip_spaces();
    if (at_end()) return fail("unterminated '[' opened", open);
    char c = peek();
    if (c == ']') return fail("empty '[]'", open);
    if (c == '*') {
      ++pos_;
      if (!expect_close(open)) return false;
      path.segments.push_back(make(PathSegment::Kind::Wildcard, open));
      return true;
    }
    if (c == '?') return parse_filter(path, open);
    if (c == '\'' || c == '"') return parse_names(path, open);
    if (c == '-' || c == ':' || is_digit(c)) return parse_numbers(path, open);
    return fail("unexpected " + describe(c) + " after '['; expected a quoted name, an index, '*' or '?('", pos_);
  }

  bool parse_filter(Path& path, std::size_t open) {
    ++pos_;  // '?'
    skip_spaces();
    if (at_end() || peek() != '(') return fail("expected '(' after '[?'", pos_);
    std::size_t paren = pos_;
    std::size_t close = 0;
    if (!find_closing_paren(paren, close)) return false;
    std::string_view body = text_.substr(paren + 1, close - paren - 1);
    bool blank = true;
    for (char b : body) blank = blank && is_space(b);
    if (blank) return fail("empty filter expression", paren + 1);
    pos_ = close + 1;
    if (!expect_close(open)) return false;
    PathSegment segment = make(PathSegment::Kind::Filter, open);
    segment.filter = std::string(body);
    path.segments.push_back(std::move(segment));
    return true;
  }

  // A quoted member name with Java-style escapes (as Jayway unescapes them).
  bool parse_quoted(std::string& out) {
    char quote = peek();
    std::size_t start = pos_++;
    while (!at_end()) {
      char c = text_[pos_++];
      if (c == quote) return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) break;
      char e = text_[pos_++];
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          std::uint32_t code = 0;
          if (!read_hex4(code)) return fail("expected four hex digits after '\\u'", pos_);
          if (code >= 0xd800 && code < 0xdc00 && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
              text_[pos_ + 1] == 'u') {
            std::size_t saved = pos_;
            pos_ += 2;
            std::uint32_t low = 0;
            if (read_hex4(low) && low >= 0xdc00 && low < 0xe000) {
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
            } else {
              pos_ = saved;
            }
          }
          append_utf8(out, code);
          break;
        }
        default: out += e; break;  // \\, \', \" and, like Jayway, any other escaped character as itself
      }
    }
    return fail("unterminated string", start);
  }

  bool read_hex4(std::uint32_t& code) {
    if (pos_ + 4 > text_.size()) return false;
    auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4) return false;
    pos_ += 4;
    return true;
  }

  bool parse_names(Path& path, std::size_t open) {
    std::vector<std::string> names;
    while (true) {
      skip_spaces();
      if (at_end()) return fail("unterminated '[' opened", open);
      if (peek() != '\'' && peek() != '"')
        return fail("expected a quoted member name, found " + describe(peek()), pos_);
      std::string name;
      if (!parse_quoted(name)) return false;
      names.push_back(std::move(name));
      skip_spaces();
      if (!at_end() && peek() == ',') {
        ++pos_;
        continue;
      }
      break;
    }
    if (!expect_close(open)) return false;
    if (names.size() == 1) {
      PathSegment segment = make(PathSegment::Kind::Member, open);
      segment.name = std::move(names.front());
      path.segments.push_back(std::move(segment));
    } else {
      PathSegment segment = make(PathSegment::Kind::Union, open);
      segment.union_names = std::move(names);
      path.segments.push_back(std::move(segment));
    }
    return true;
  }

  // An optional integer at pos_ (leading spaces allowed); `value` is empty when there is none.
  bool parse_integer(std::optional<std::int64_t>& value) {
    skip_spaces();
    std::size_t start = pos_;
    if (!at_end() && peek() == '-') ++pos_;
    std::size_t digits = pos_;
    while (!at_end() && is_digit(peek())) ++pos_;
    if (pos_ == digits) {
      if (pos_ != start) return fail("expected digits after '-'", pos_);
      value.reset();
      return true;
    }
    std::int64_t number = 0;
    auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, number);
    if (ec != std::errc() || end != text_.data() + pos_) return fail("index out of range", start);
    value = number;
    return true;
  }

  bool parse_numbers(Path& path, std::size_t open) {
    std::optional<std::int64_t> first;
    if (!parse_integer(first)) return false;
    skip_spaces();
    if (!at_end() && peek() == ':') {
      PathSegment segment = make(PathSegment::Kind::Slice, open);
      segment.slice_start = first;
      ++pos_;
      if (!parse_integer(segment.slice_end)) return false;
      skip_spaces();
      if (!at_end() && peek() == ':') {
        ++pos_;
        std::size_t step_at = pos_;
        if (!parse_integer(segment.slice_step)) return false;
        if (segment.slice_step && *segment.slice_step == 0) return fail("slice step cannot be 0", step_at);
      }
      if (!expect_close(open)) return false;
      path.segments.push_back(std::move(segment));
      return true;
    }
    if (!first)
      return fail("expected an index, found " + (at_end() ? std::string("end of path") : describe(peek())), pos_);
    std::vector<std::int64_t> indexes{*first};
    while (!at_end() && peek() == ',') {
      ++pos_;
      std::optional<std::int64_t> next;
      if (!parse_integer(next)) return false;
      if (!next) return fail("expected an index after ','", pos_);
      indexes.push_back(*next);
      skip_spaces();
    }
    if (!expect_close(open)) return false;
    if (indexes.size() == 1) {
      PathSegment segment = make(PathSegment::Kind::Index, open);
      segment.index = indexes.front();
      path.segments.push_back(std::move(segment));
    } else {
      PathSegment segment = make(PathSegment::Kind::Union, open);
      segment.union_indexes = std::move(indexes);
      path.segments.push_back(std::move(segment));
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<PathSyntaxError> error_;
};

bool is_reference_segment(const PathSegment& segment) {
  return segment.kind == PathSegment::Kind::Member || (segment.kind == PathSegment::Kind::Index && segment.index >= 0);
}

}  // namespace

bool Path::is_reference_path() const {
  for (const PathSegment& segment : segments) {
    if (!is_reference_segment(segment)) return false;
  }
  return true;
}

PathParseResult parse_path(std::string_view text) { return PathParser(text).parse(); }

PathParseResult parse_reference_path(std::string_view text) {
  PathParseResult result = parse_path(text);
  if (!result.path) return result;
  const Path& path = *result.path;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    const PathSegment& segment = path.segments[i];
    if (is_reference_segment(segment)) continue;
    std::size_t end = i + 1 < path.segments.size() ? path.segments[i + 1].offset : path.text.size();
    std::string spelled = path.text.substr(segment.offset, end - segment.offset);
    std::string what = "'" + spelled + "'";
    if (segment.kind == PathSegment::Kind::Index) what = "a negative index " + what;
    if (segment.kind == PathSegment::Kind::Function) what = "a function call " + what;
    if (segment.kind == PathSegment::Kind::Function && spelled.starts_with("."))
      what = "a function call '" + spelled.substr(1) + "'";
    PathParseResult rejected;
    rejected.error = PathSyntaxError{
        "a reference path cannot contain " + what + " at offset " + std::to_string(segment.offset), segment.offset};
    return rejected;
  }
  return result;
}

}  // namespace sfn
