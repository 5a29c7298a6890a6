#include "analyzer/intrinsic_syntax.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace sfn {

namespace {

// AWS documents "up to 10 intrinsic functions" nested in one field; the outermost call is level 1.
constexpr int kMaxNesting = 10;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_identifier_char(char c) { return is_identifier_start(c) || is_digit(c); }

std::string describe(char c) {
  auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte == 0x7f) return "a control character";
  return std::string("'") + c + "'";
}

// Length of the dotted identifier (States.Format, a.b.c) at the start of `text`, 0 when none.
std::size_t dotted_identifier_length(std::string_view text, bool& has_dot) {
  has_dot = false;
  std::size_t i = 0;
  while (true) {
    if (i >= text.size() || !is_identifier_start(text[i])) return 0;
    while (i < text.size() && is_identifier_char(text[i])) ++i;
    if (i + 1 < text.size() && text[i] == '.' && is_identifier_start(text[i + 1])) {
      has_dot = true;
      ++i;
      continue;
    }
    return i;
  }
}

class IntrinsicParser {
 public:
  explicit IntrinsicParser(std::string_view text) : text_(text) {}

  IntrinsicParseResult parse() {
    IntrinsicParseResult result;
    IntrinsicCall call;
    skip_spaces();
    if (parse_call(call, 1)) {
      skip_spaces();
      if (!at_end()) fail("unexpected " + describe(peek()) + " after the closing ')' of " + call.name, pos_);
    }
    if (error_) {
      result.error = std::move(error_);
    } else {
      result.call = std::move(call);
    }
    return result;
  }

 private:
  bool fail(std::string message, std::size_t offset, IntrinsicProblemKind kind = IntrinsicProblemKind::Syntax) {
    if (!error_) error_ = IntrinsicProblem{kind, std::move(message) + " at offset " + std::to_string(offset), offset};
    return false;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++pos_;
  }

  bool parse_call(IntrinsicCall& call, int depth) {
    call.offset = pos_;
    bool has_dot = false;
    std::size_t length = dotted_identifier_length(text_.substr(pos_), has_dot);
    if (length == 0) {
      if (at_end()) return fail("expected a function name such as States.Format", pos_);
      return fail("expected a function name such as States.Format, found " + describe(peek()), pos_);
    }
    call.name = std::string(text_.substr(pos_, length));
    pos_ += length;
    skip_spaces();
    if (at_end() || peek() != '(') return fail("expected '(' after " + call.name, pos_);
    std::size_t open = pos_++;
    skip_spaces();
    if (!at_end() && peek() == ')') {
      ++pos_;
      return true;
    }
    while (true) {
      IntrinsicArgument argument;
      if (!parse_argument(argument, depth)) return false;
      call.arguments.push_back(std::move(argument));
      skip_spaces();
      if (at_end()) return fail("unterminated argument list of " + call.name + " opened", open);
      char c = peek();
      ++pos_;
      if (c == ')') return true;
      if (c != ',')
        return fail("expected ',' or ')' after an argument of " + call.name + ", found " + describe(c), pos_ - 1);
      skip_spaces();
      if (!at_end() && peek() == ')') return fail("expected an argument after ','", pos_);
    }
  }

  bool parse_argument(IntrinsicArgument& argument, int depth) {
    skip_spaces();
    argument.offset = pos_;
    if (at_end()) return fail("expected an argument", pos_);
    char c = peek();
    bool ok = false;
    if (c == '\'') {
      ok = parse_string(argument);
    } else if (c == '-' || is_digit(c)) {
      ok = parse_number(argument);
    } else if (c == '$') {
      ok = parse_path_argument(argument);
    } else if (is_identifier_start(c)) {
      ok = parse_word(argument, depth);
    } else {
      return fail(
          "expected an argument (a 'string', number, true, false, null, path or function call), found " + describe(c),
          pos_);
    }
    if (ok) argument.text = std::string(text_.substr(argument.offset, pos_ - argument.offset));
    return ok;
  }

  bool parse_string(IntrinsicArgument& argument) {
    argument.kind = IntrinsicArgument::Kind::String;
    std::size_t start = pos_++;
    while (!at_end()) {
      char c = text_[pos_++];
      if (c == '\'') return true;
      if (c != '\\') {
        argument.string_value += c;
        continue;
      }
      if (at_end()) break;
      char e = peek();
      // The spec reserves exactly these four characters; any other escape is rejected.
      if (e != '\'' && e != '{' && e != '}' && e != '\\') {
        return fail("invalid escape '\\" + std::string(1, e) +
                        "' in a string argument (only \\', \\{, \\} and \\\\ are allowed)",
                    pos_ - 1);
      }
      argument.string_value += e;
      ++pos_;
    }
    return fail("unterminated string argument", start);
  }

  bool parse_number(IntrinsicArgument& argument) {
    argument.kind = IntrinsicArgument::Kind::Number;
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    std::size_t digits = pos_;
    while (!at_end() && is_digit(peek())) ++pos_;
    if (pos_ == digits) return fail("expected digits after '-'", pos_);
    argument.is_integer = true;
    if (!at_end() && peek() == '.') {
      ++pos_;
      std::size_t fraction = pos_;
      while (!at_end() && is_digit(peek())) ++pos_;
      if (pos_ == fraction) return fail("expected digits after '.'", pos_);
      argument.is_integer = false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      std::size_t exponent = pos_;
      while (!at_end() && is_digit(peek())) ++pos_;
      if (pos_ == exponent) return fail("expected digits in the exponent", pos_);
      argument.is_integer = false;
    }
    if (!at_end() && !is_space(peek()) && peek() != ',' && peek() != ')') {
      return fail("unexpected " + describe(peek()) + " after number", pos_);
    }
    auto [end, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, argument.number_value);
    if (ec != std::errc() || end != text_.data() + pos_) return fail("number out of range", start);
    return true;
  }

  // A path argument ends at the first ',' or ')' outside brackets, parentheses and quotes.
  bool parse_path_argument(IntrinsicArgument& argument) {
    argument.kind = IntrinsicArgument::Kind::Path;
    std::size_t start = pos_;
    int brackets = 0;
    int parens = 0;
    std::size_t i = pos_;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if ((brackets > 0 || parens > 0) && (c == '\'' || c == '"')) {
        std::size_t j = i + 1;
        while (j < text_.size() && text_[j] != c) j += (text_[j] == '\\') ? 2 : 1;
        if (j >= text_.size()) return fail("unterminated string in path argument", i);
        i = j;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        if (brackets > 0) --brackets;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')') {
        if (brackets == 0 && parens == 0) break;
        if (parens > 0) --parens;
      } else if (c == ',' && brackets == 0 && parens == 0) {
        break;
      }
    }
    std::size_t end = i;
    while (end > start && is_space(text_[end - 1])) --end;
    PathParseResult parsed = parse_path(text_.substr(start, end - start));
    if (parsed.error) {
      std::string message = parsed.error->message;
      std::string suffix = " at offset " + std::to_string(parsed.error->offset);
      if (message.ends_with(suffix)) message.resize(message.size() - suffix.size());
      return fail("invalid path argument '" + std::string(text_.substr(start, end - start)) + "': " + message,
                  start + parsed.error->offset);
    }
    argument.path = std::move(parsed.path);
    pos_ = end;
    return true;
  }

  bool parse_word(IntrinsicArgument& argument, int depth) {
    bool has_dot = false;
    std::size_t length = dotted_identifier_length(text_.substr(pos_), has_dot);
    std::string_view word = text_.substr(pos_, length);
    std::size_t after = pos_ + length;
    while (after < text_.size() && is_space(text_[after])) ++after;
    bool call_follows = after < text_.size() && text_[after] == '(';
    if (!call_follows) {
      if (word == "true" || word == "false") {
        argument.kind = IntrinsicArgument::Kind::Boolean;
        argument.boolean_value = word == "true";
      } else if (word == "null") {
        argument.kind = IntrinsicArgument::Kind::Null;
      } else {
        return fail("expected an argument (a 'string', number, true, false, null, path or function call), found '" +
                        std::string(word) + "'",
                    pos_);
      }
      pos_ += length;
      return true;
    }
    if (depth + 1 > kMaxNesting) {
      return fail("intrinsic functions are nested more than " + std::to_string(kMaxNesting) + " deep", pos_,
                  IntrinsicProblemKind::TooDeeplyNested);
    }
    argument.kind = IntrinsicArgument::Kind::Call;
    argument.call = std::make_shared<IntrinsicCall>();
    return parse_call(*argument.call, depth + 1);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<IntrinsicProblem> error_;
};

// ---- signature table ----

enum class ValueType { Unknown, String, Number, Boolean, Null, Array, Object };

enum class Param {
  Any,
  String,
  Number,
  Integer,
  PositiveInteger,
  NonNegativeInteger,
  NonZeroInteger,
  Array,
  Object,
  HashAlgorithm,
  MergeFlag,
};

struct Signature {
  std::string_view name;
  std::vector<Param> required;
  std::vector<Param> optional;
  bool variadic = false;  // any number of further Any arguments
  ValueType returns = ValueType::Unknown;
  bool returns_string_for_fail = false;  // accepted by Fail ErrorPath/CausePath (asl-semantics §4.3)
};

const std::vector<Signature>& signatures() {
  using P = Param;
  using T = ValueType;
  static const std::vector<Signature> table = {
      {"States.Format", {P::String}, {}, true, T::String, true},
      {"States.StringToJson", {P::String}, {}, false, T::Unknown, false},
      {"States.JsonToString", {P::Any}, {}, false, T::String, true},
      {"States.Array", {}, {}, true, T::Array, false},
      {"States.ArrayPartition", {P::Array, P::PositiveInteger}, {}, false, T::Array, false},
      {"States.ArrayContains", {P::Array, P::Any}, {}, false, T::Boolean, false},
      {"States.ArrayRange", {P::Integer, P::Integer, P::NonZeroInteger}, {}, false, T::Array, false},
      {"States.ArrayGetItem", {P::Array, P::NonNegativeInteger}, {}, false, T::Unknown, true},
      {"States.ArrayLength", {P::Array}, {}, false, T::Number, false},
      {"States.ArrayUnique", {P::Array}, {}, false, T::Array, false},
      {"States.Base64Encode", {P::String}, {}, false, T::String, true},
      {"States.Base64Decode", {P::String}, {}, false, T::String, true},
      {"States.Hash", {P::String, P::HashAlgorithm}, {}, false, T::String, true},
      {"States.JsonMerge", {P::Object, P::Object, P::MergeFlag}, {}, false, T::Object, false},
      {"States.StringSplit", {P::String, P::String}, {}, false, T::Array, false},
      {"States.MathRandom", {P::Number, P::Number}, {P::Number}, false, T::Number, false},
      {"States.MathAdd", {P::Number, P::Number}, {}, false, T::Number, false},
      {"States.UUID", {}, {}, false, T::String, true},
  };
  return table;
}

const Signature* find_signature(std::string_view name) {
  for (const Signature& signature : signatures()) {
    if (signature.name == name) return &signature;
  }
  return nullptr;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The closest known name, for "did you mean"; empty when nothing is close.
std::string_view suggestion(std::string_view name) {
  std::string lowered = lowercase(name);
  std::string_view best;
  std::size_t best_distance = 3;
  for (const Signature& signature : signatures()) {
    std::size_t distance = edit_distance(lowered, lowercase(signature.name));
    if (distance < best_distance) {
      best_distance = distance;
      best = signature.name;
    }
  }
  return best;
}

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::Unknown: return "a value";
    case ValueType::String: return "a string";
    case ValueType::Number: return "a number";
    case ValueType::Boolean: return "a boolean";
    case ValueType::Null: return "null";
    case ValueType::Array: return "an array";
    case ValueType::Object: return "an object";
  }
  return "a value";
}

ValueType argument_type(const IntrinsicArgument& argument) {
  switch (argument.kind) {
    case IntrinsicArgument::Kind::String: return ValueType::String;
    case IntrinsicArgument::Kind::Number: return ValueType::Number;
    case IntrinsicArgument::Kind::Boolean: return ValueType::Boolean;
    case IntrinsicArgument::Kind::Null: return ValueType::Null;
    case IntrinsicArgument::Kind::Path: return ValueType::Unknown;
    case IntrinsicArgument::Kind::Call: {
      const Signature* signature = argument.call ? find_signature(argument.call->name) : nullptr;
      return signature ? signature->returns : ValueType::Unknown;
    }
  }
  return ValueType::Unknown;
}

std::string describe_argument(const IntrinsicArgument& argument, ValueType type) {
  switch (argument.kind) {
    case IntrinsicArgument::Kind::String: return "string " + argument.text;
    case IntrinsicArgument::Kind::Number: return "number " + argument.text;
    case IntrinsicArgument::Kind::Boolean: return "boolean " + argument.text;
    case IntrinsicArgument::Kind::Null: return "null";
    case IntrinsicArgument::Kind::Path: return "path " + argument.text;
    case IntrinsicArgument::Kind::Call:
      return std::string(type_name(type)) + " from " + (argument.call ? argument.call->name : std::string("a call"));
  }
  return argument.text;
}

const char* expectation(Param param) {
  switch (param) {
    case Param::Any: return "any value";
    case Param::String: return "a string";
    case Param::Number: return "a number";
    case Param::Integer: return "an integer";
    case Param::PositiveInteger: return "a positive integer";
    case Param::NonNegativeInteger: return "an integer >= 0";
    case Param::NonZeroInteger: return "a non-zero integer";
    case Param::Array: return "an array";
    case Param::Object: return "an object";
    case Param::HashAlgorithm: return "one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'";
    case Param::MergeFlag: return "false (deep merge is not supported)";
  }
  return "a value";
}

ValueType required_type(Param param) {
  switch (param) {
    case Param::Any: return ValueType::Unknown;
    case Param::String:
    case Param::HashAlgorithm: return ValueType::String;
    case Param::Number:
    case Param::Integer:
    case Param::PositiveInteger:
    case Param::NonNegativeInteger:
    case Param::NonZeroInteger: return ValueType::Number;
    case Param::Array: return ValueType::Array;
    case Param::Object: return ValueType::Object;
    case Param::MergeFlag: return ValueType::Boolean;
  }
  return ValueType::Unknown;
}

// Whether a literal's value (its type already matches) satisfies the parameter's constraint.
bool literal_value_fits(Param param, const IntrinsicArgument& argument) {
  double value = argument.number_value;
  bool integral = std::isfinite(value) && std::floor(value) == value;
  switch (param) {
    case Param::Integer: return integral;
    case Param::PositiveInteger: return integral && value > 0;
    case Param::NonNegativeInteger: return integral && value >= 0;
    case Param::NonZeroInteger: return integral && value != 0;
    case Param::HashAlgorithm: {
      static constexpr std::array<std::string_view, 5> algorithms = {"MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"};
      return std::find(algorithms.begin(), algorithms.end(), argument.string_value) != algorithms.end();
    }
    case Param::MergeFlag: return !argument.boolean_value;
    default: return true;
  }
}

// The number of `{}` slots in a Format template, read from its source text so escaped braces do not count.
std::size_t count_format_slots(std::string_view quoted) {
  std::size_t slots = 0;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    if (quoted[i] == '\\') {
      ++i;
    } else if (quoted[i] == '{' && quoted[i + 1] == '}') {
      ++slots;
      ++i;
    }
  }
  return slots;
}

std::string arguments_word(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " argument" : " arguments");
}

void check_arity(const IntrinsicCall& call, const Signature& signature, std::vector<IntrinsicProblem>& problems) {
  std::size_t count = call.arguments.size();
  std::size_t minimum = signature.required.size();
  std::size_t maximum = minimum + signature.optional.size();
  if (count >= minimum && (signature.variadic || count <= maximum)) return;
  std::string expected;
  if (signature.variadic) {
    expected = "at least " + arguments_word(minimum);
  } else if (maximum == 0) {
    expected = "no arguments";
  } else if (minimum == maximum) {
    expected = arguments_word(minimum);
  } else {
    expected = std::to_string(minimum) + " or " + arguments_word(maximum);
  }
  problems.push_back({IntrinsicProblemKind::Arity,
                      call.name + " expects " + expected + ", got " + std::to_string(count), call.offset});
}

void check_argument(const IntrinsicCall& call, std::size_t position, Param param,
                    std::vector<IntrinsicProblem>& problems) {
  const IntrinsicArgument& argument = call.arguments[position];
  ValueType actual = argument_type(argument);
  ValueType wanted = required_type(param);
  if (wanted == ValueType::Unknown || actual == ValueType::Unknown) return;
  bool is_literal = argument.kind != IntrinsicArgument::Kind::Call;
  if (actual == wanted && (!is_literal || literal_value_fits(param, argument))) return;
  problems.push_back({IntrinsicProblemKind::ArgumentType,
                      call.name + " argument " + std::to_string(position + 1) + " must be " + expectation(param) +
                          ", got " + describe_argument(argument, actual),
                      argument.offset});
}

void check_format_slots(const IntrinsicCall& call, std::vector<IntrinsicProblem>& problems) {
  if (call.arguments.empty() || call.arguments.front().kind != IntrinsicArgument::Kind::String) return;
  std::size_t slots = count_format_slots(call.arguments.front().text);
  std::size_t values = call.arguments.size() - 1;
  if (slots == values) return;
  problems.push_back({IntrinsicProblemKind::Arity,
                      call.name + " template has " + std::to_string(slots) + " '{}' placeholder" +
                          (slots == 1 ? "" : "s") + " but " + std::to_string(values) +
                          (values == 1 ? " value follows" : " values follow"),
                      call.arguments.front().offset});
}

void check_call(const IntrinsicCall& call, std::vector<IntrinsicProblem>& problems) {
  const Signature* signature = find_signature(call.name);
  if (!signature) {
    std::string message = "unknown intrinsic function '" + call.name + "'";
    std::string_view close = suggestion(call.name);
    if (!close.empty()) message += "; did you mean '" + std::string(close) + "'?";
    problems.push_back({IntrinsicProblemKind::UnknownFunction, std::move(message), call.offset});
  } else {
    check_arity(call, *signature, problems);
    std::size_t typed = std::min(call.arguments.size(), signature->required.size() + signature->optional.size());
    for (std::size_t i = 0; i < typed; ++i) {
      Param param =
          i < signature->required.size() ? signature->required[i] : signature->optional[i - signature->required.size()];
      check_argument(call, i, param, problems);
    }
    if (signature->name == "States.Format") check_format_slots(call, problems);
  }
  for (const IntrinsicArgument& argument : call.arguments) {
    if (argument.kind == IntrinsicArgument::Kind::Call && argument.call) check_call(*argument.call, problems);
  }
}

}  // namespace

bool looks_like_intrinsic(std::string_view text) {
  bool has_dot = false;
  std::size_t length = dotted_identifier_length(text, has_dot);
  return length > 0 && has_dot && length < text.size() && text[length] == '(';
}

IntrinsicParseResult parse_intrinsic(std::string_view text) { return IntrinsicParser(text).parse(); }

std::vector<IntrinsicProblem> check_intrinsic(const IntrinsicCall& call) {
  std::vector<IntrinsicProblem> problems;
  check_call(call, problems);
  return problems;
}

bool intrinsic_returns_string(const IntrinsicCall& call) {
  const Signature* signature = find_signature(call.name);
  return signature && signature->returns_string_for_fail;
}

}  // namespace sfn
