// A JSONata 2.0 parser in JSONata's own two phases: a Pratt parser over its tokens (same binding
// powers, same quirks) builds a raw tree, which the post-parse step turns into paths of steps with
// their filters, groups and flags (JsonataNode). Errors carry JSONata's codes.

#include "analyzer/jsonata_syntax.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "analyzer/utf8.h"

namespace sfn {
namespace {

constexpr int kMaxNesting = 200;  // deeper expressions are refused, keeping the recursion bounded

// ---- errors ----

struct SyntaxFailure {
  std::string message;
  std::size_t offset;
};
struct UnsupportedFailure {
  std::string construct;
  std::size_t offset;
};

[[noreturn]] void syntax_error(const std::string& code, const std::string& message, std::size_t offset) {
  throw SyntaxFailure{code + ": " + message, offset};
}
[[noreturn]] void unsupported(std::string construct, std::size_t offset) {
  throw UnsupportedFailure{std::move(construct), offset};
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// ---- tokens ----

enum class TokenType { End, Operator, Name, Variable, String, Number, Value };

struct Token {
  TokenType type = TokenType::End;
  std::string text;  // operator, name, variable name (without '$'), string value
  double number = 0;
  int value = 0;  // Value: 1 true, 0 false, -1 null
  std::size_t offset = 0;

  // The symbol JSONata's parser looks the token up by.
  std::string id() const {
    switch (type) {
      case TokenType::End: return "(end)";
      case TokenType::Operator: return text;
      case TokenType::Name:
      case TokenType::Variable: return "(name)";
      default: return "(literal)";
    }
  }
  // As JSONata's messages show a token (JSON.stringify of its value).
  std::string shown() const {
    if (type == TokenType::End) return "\"(end)\"";
    if (type == TokenType::Number) return text;
    if (type == TokenType::Value) return value > 0 ? "true" : value == 0 ? "false" : "null";
    return "\"" + text + "\"";
  }
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_single_operator(char c) {
  static constexpr std::string_view operators = ".[]{}(),@#;:?+-*/%|=<>^&!~";
  return operators.find(c) != std::string_view::npos;
}
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  // `operator_position`: an operand has just ended, so '/' divides rather than starts a regex.
  Token next(bool operator_position) {
    skip_space_and_comments();
    Token token;
    token.offset = pos_;
    if (pos_ >= text_.size()) return token;
    const char c = text_[pos_];
    if (!operator_position && c == '/') unsupported("a regular expression", pos_);
    static constexpr std::string_view two_char[] = {"..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"};
    for (std::string_view op : two_char) {
      if (text_.substr(pos_, 2) == op) {
        pos_ += 2;
        return operator_token(std::string(op), token.offset);
      }
    }
    if (is_single_operator(c)) {
      ++pos_;
      return operator_token(std::string(1, c), token.offset);
    }
    if (c == '"' || c == '\'') return string_literal(c, token.offset);
    if (is_digit(c)) return number_literal(token.offset);
    if (c == '`') {
      const std::size_t end = text_.find('`', pos_ + 1);
      if (end == std::string_view::npos) {
        syntax_error("S0105", "Quoted property name must be terminated with a backquote (`)", pos_);
      }
      token.type = TokenType::Name;
      token.text = std::string(text_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      return token;
    }
    std::size_t end = pos_;
    while (end < text_.size() && !is_space(text_[end]) && !is_single_operator(text_[end])) ++end;
    std::string word(text_.substr(pos_, end - pos_));
    pos_ = end;
    if (word[0] == '$') {
      token.type = TokenType::Variable;
      token.text = word.substr(1);
      return token;
    }
    if (word == "and" || word == "or" || word == "in") return operator_token(word, token.offset);
    if (word == "true" || word == "false" || word == "null") {
      token.type = TokenType::Value;
      token.value = word == "true" ? 1 : word == "false" ? 0 : -1;
      return token;
    }
    token.type = TokenType::Name;
    token.text = std::move(word);
    return token;
  }

 private:
  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      if (is_space(text_[pos_])) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        const std::size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) syntax_error("S0106", "Comment has no closing tag", pos_);
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  static Token operator_token(std::string text, std::size_t offset) {
    Token token;
    token.type = TokenType::Operator;
    token.text = std::move(text);
    token.offset = offset;
    return token;
  }

  // Four hex digits after "\u" at `at`, or -1.
  int code_unit_at(std::size_t at) const {
    if (at + 4 > text_.size()) return -1;
    int unit = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      const int digit = hex_value(text_[i]);
      if (digit < 0) return -1;
      unit = unit * 16 + digit;
    }
    return unit;
  }

  Token string_literal(char quote, std::size_t offset) {
    Token token;
    token.type = TokenType::String;
    token.offset = offset;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == quote) {
        ++pos_;
        return token;
      }
      if (c != '\\') {
        token.text += c;
        ++pos_;
        continue;
      }
      const char escaped = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
      switch (escaped) {
        case '"': token.text += '"'; break;
        case '\\': token.text += '\\'; break;
        case '/': token.text += '/'; break;
        case 'b': token.text += '\b'; break;
        case 'f': token.text += '\f'; break;
        case 'n': token.text += '\n'; break;
        case 'r': token.text += '\r'; break;
        case 't': token.text += '\t'; break;
        case 'u': {
          const int unit = code_unit_at(pos_ + 2);
          if (unit < 0) syntax_error("S0104", "The escape sequence \\u must be followed by 4 hex digits", pos_ + 1);
          char32_t code_point = static_cast<char32_t>(unit);
          if (unit >= 0xD800 && unit <= 0xDBFF && text_.substr(pos_ + 6, 2) == "\\u") {
            const int low = code_unit_at(pos_ + 8);
            if (low >= 0xDC00 && low <= 0xDFFF) {
              code_point =
                  0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) + (static_cast<char32_t>(low) - 0xDC00);
              pos_ += 6;
            }
          }
          if (code_point >= 0xD800 && code_point <= 0xDFFF)
            unsupported("a lone UTF-16 surrogate in '\\u' escapes", pos_);
          append_utf8(token.text, code_point);
          pos_ += 6;
          continue;
        }
        default:
          if (pos_ + 1 >= text_.size())
            syntax_error("S0101", "String literal must be terminated by a matching quote", pos_);
          syntax_error("S0103", "Unsupported escape sequence: \\" + quoted(std::string(1, escaped)), pos_ + 1);
      }
      pos_ += 2;
    }
    syntax_error("S0101", "String literal must be terminated by a matching quote", pos_);
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)? ('-' is always taken as an operator before this).
  Token number_literal(std::size_t offset) {
    std::size_t end = pos_;
    if (text_[end] == '0') {
      ++end;
    } else {
      while (end < text_.size() && is_digit(text_[end])) ++end;
    }
    if (end + 1 < text_.size() && text_[end] == '.' && is_digit(text_[end + 1])) {
      end += 2;
      while (end < text_.size() && is_digit(text_[end])) ++end;
    }
    if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
      std::size_t exponent = end + 1;
      if (exponent < text_.size() && (text_[exponent] == '+' || text_[exponent] == '-')) ++exponent;
      if (exponent < text_.size() && is_digit(text_[exponent])) {
        end = exponent;
        while (end < text_.size() && is_digit(text_[end])) ++end;
      }
    }
    Token token;
    token.type = TokenType::Number;
    token.offset = offset;
    token.text = std::string(text_.substr(pos_, end - pos_));
    token.number = std::strtod(token.text.c_str(), nullptr);
    if (!std::isfinite(token.number)) syntax_error("S0102", "Number out of range: " + quoted(token.text), pos_);
    pos_ = end;
    return token;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

// ---- phase 1: the raw tree of JSONata's Pratt parser ----

struct Raw {
  enum class Type { Literal, Name, Variable, Wildcard, Binary, Unary, Call, Lambda, Block, Condition, End };
  Type type = Type::Literal;
  Token token;                             // Literal, Name, Variable; the operator of Binary/Unary
  std::vector<Raw> children;               // Binary: lhs, rhs; Unary '-': operand; '[': items; Call: procedure, args;
                                           // Lambda: body; Block: expressions; Condition: condition, then[, else]
  std::vector<std::pair<Raw, Raw>> pairs;  // Unary '{' and Binary '{'
  std::vector<std::string> parameters;     // Lambda
  bool keep_array = false;
};

int binding_power(const Token& token) {
  if (token.type != TokenType::Operator) return 0;
  static const std::map<std::string, int, std::less<>> powers = {
      {".", 75},  {"[", 80},  {"{", 70},  {"(", 80},  {"@", 80},  {"#", 80},   {"?", 20},  {"+", 50},  {"-", 50},
      {"*", 60},  {"/", 60},  {"%", 60},  {"=", 40},  {"<", 40},  {">", 40},   {"^", 40},  {":=", 10}, {"!=", 40},
      {"<=", 40}, {">=", 40}, {"~>", 40}, {"?:", 40}, {"??", 40}, {"and", 30}, {"or", 25}, {"in", 40}, {"&", 50}};
  auto it = powers.find(token.text);
  return it == powers.end() ? 0 : it->second;
}

bool is_binary_operator(const std::string& op) {
  static const std::string_view ops[] = {"+",  "-",  "*",  "/", "%",   "=",  "<", ">",
                                         "!=", "<=", ">=", "&", "and", "or", "in"};
  for (std::string_view candidate : ops) {
    if (op == candidate) return true;
  }
  return false;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(text), length_(text.size()) {}

  Raw parse() {
    advance("", false);
    Raw expression = parse_expression(0);
    if (node_.type != TokenType::End) syntax_error("S0201", "Syntax error: " + node_.shown(), node_.offset);
    return expression;
  }

 private:
  // JSONata's advance(id, infix): checks the current token, then reads the next one.
  void advance(const std::string& expected, bool operator_position) {
    if (!expected.empty() && node_.id() != expected) {
      if (node_.type == TokenType::End) {
        syntax_error("S0203", "Expected " + quoted(expected) + " before end of expression", length_);
      }
      syntax_error("S0202", "Expected " + quoted(expected) + ", got " + node_.shown(), node_.offset);
    }
    node_ = tokens_.next(operator_position);
    if (node_.type == TokenType::End) node_.offset = length_;
    if (node_.type == TokenType::Operator) check_known_operator(node_);
  }

  static void check_known_operator(const Token& token) {
    static const std::string_view known[] = {".",  "[",  "]",  "{",  "}",  "(",  ")",  ",",  "@",   "#",  ";",  ":",
                                             "?",  "+",  "-",  "*",  "/",  "%",  "|",  "=",  "<",   ">",  "^",  "**",
                                             "..", ":=", "!=", "<=", ">=", "~>", "?:", "??", "and", "or", "in", "&"};
    for (std::string_view op : known) {
      if (token.text == op) return;
    }
    syntax_error("S0204", "Unknown operator: " + quoted(token.text), token.offset);
  }

  Raw parse_expression(int rbp) {
    if (++depth_ > kMaxNesting) unsupported("an expression nested more than 200 levels deep", node_.offset);
    Token t = node_;
    advance("", true);
    Raw left = nud(t);
    while (rbp < binding_power(node_)) {
      t = node_;
      advance("", false);
      left = led(t, std::move(left));
    }
    --depth_;
    return left;
  }

  Raw nud(const Token& t) {
    Raw raw;
    raw.token = t;
    switch (t.type) {
      case TokenType::End: raw.type = Raw::Type::End; return raw;  // JSONata reports it when processed
      case TokenType::Name: raw.type = Raw::Type::Name; return raw;
      case TokenType::Variable: raw.type = Raw::Type::Variable; return raw;
      case TokenType::String:
      case TokenType::Number:
      case TokenType::Value: raw.type = Raw::Type::Literal; return raw;
      case TokenType::Operator: break;
    }
    const std::string& op = t.text;
    if (op == "and" || op == "or" || op == "in") {  // keywords are field names in operand position
      raw.type = Raw::Type::Name;
      raw.token.type = TokenType::Name;
      return raw;
    }
    if (op == "-") {
      raw.type = Raw::Type::Unary;
      raw.children.push_back(parse_expression(70));
      return raw;
    }
    if (op == "*") {
      raw.type = Raw::Type::Wildcard;
      return raw;
    }
    if (op == "**") unsupported("the descendants operator '**'", t.offset);
    if (op == "%") unsupported("the parent operator '%'", t.offset);
    if (op == "|") unsupported("a transform expression '| ... |'", t.offset);
    if (op == "(") {
      raw.type = Raw::Type::Block;
      while (node_.id() != ")") {
        raw.children.push_back(parse_expression(0));
        if (node_.id() != ";") break;
        advance(";", false);
      }
      advance(")", true);
      return raw;
    }
    if (op == "[") {
      raw.type = Raw::Type::Unary;
      if (node_.id() != "]") {
        while (true) {
          Raw item = parse_expression(0);
          if (node_.id() == "..") {
            Raw range;
            range.type = Raw::Type::Binary;
            range.token = node_;
            advance("..", false);
            range.children.push_back(std::move(item));
            range.children.push_back(parse_expression(0));
            item = std::move(range);
          }
          raw.children.push_back(std::move(item));
          if (node_.id() != ",") break;
          advance(",", false);
        }
      }
      advance("]", true);
      return raw;
    }
    if (op == "{") {
      raw.type = Raw::Type::Unary;
      raw.pairs = object_pairs();
      return raw;
    }
    syntax_error("S0211", "The symbol " + quoted(op) + " cannot be used as a unary operator", t.offset);
  }

  std::vector<std::pair<Raw, Raw>> object_pairs() {
    std::vector<std::pair<Raw, Raw>> pairs;
    if (node_.id() != "}") {
      while (true) {
        Raw key = parse_expression(0);
        advance(":", false);
        Raw value = parse_expression(0);
        pairs.emplace_back(std::move(key), std::move(value));
        if (node_.id() != ",") break;
        advance(",", false);
      }
    }
    advance("}", true);
    return pairs;
  }

  Raw led(const Token& t, Raw left) {
    const std::string& op = t.text;
    Raw raw;
    raw.token = t;
    raw.type = Raw::Type::Binary;
    if (op == "(") return call(t, std::move(left));
    if (op == "[") {
      if (node_.id() == "]") {
        // `[]` keeps singleton arrays: it marks the innermost operand of a chain of filters.
        Raw* step = &left;
        while (step->type == Raw::Type::Binary && step->token.text == "[") step = &step->children[0];
        step->keep_array = true;
        advance("]", false);
        return left;
      }
      raw.children.push_back(std::move(left));
      raw.children.push_back(parse_expression(0));
      advance("]", true);
      return raw;
    }
    if (op == "{") {
      raw.children.push_back(std::move(left));
      raw.pairs = object_pairs();
      return raw;
    }
    if (op == ":=") {
      if (left.type != Raw::Type::Variable) {
        syntax_error("S0212", "The left side of := must be a variable name (start with $)", left.token.offset);
      }
      raw.children.push_back(std::move(left));
      raw.children.push_back(parse_expression(9));  // right associative
      return raw;
    }
    if (op == "?") {
      raw.type = Raw::Type::Condition;
      raw.children.push_back(std::move(left));
      raw.children.push_back(parse_expression(0));
      if (node_.id() == ":") {
        advance(":", false);
        raw.children.push_back(parse_expression(0));
      }
      return raw;
    }
    if (op == "~>") unsupported("the function application operator '~>'", t.offset);
    if (op == "^") unsupported("the order-by operator '^(...)'", t.offset);
    if (op == "@") unsupported("the context variable binding '@'", t.offset);
    if (op == "#") unsupported("the positional variable binding '#'", t.offset);
    if (op == "??") unsupported("the coalescing operator '?\?' (JSONata 2.1, not in Step Functions' 2.0.6)", t.offset);
    if (op == "?:") unsupported("the default operator '?:' (JSONata 2.1, not in Step Functions' 2.0.6)", t.offset);
    if (op == "." || is_binary_operator(op)) {
      raw.children.push_back(std::move(left));
      raw.children.push_back(parse_expression(binding_power(t)));
      return raw;
    }
    syntax_error("S0201", "Syntax error: " + quoted(op), t.offset);
  }

  Raw call(const Token& t, Raw procedure) {
    Raw raw;
    raw.type = Raw::Type::Call;
    raw.token = t;
    std::vector<Raw> arguments;
    if (node_.id() != ")") {
      while (true) {
        if (node_.type == TokenType::Operator && node_.text == "?") {
          unsupported("partial function application ('?' as an argument)", node_.offset);
        }
        arguments.push_back(parse_expression(0));
        if (node_.id() != ",") break;
        advance(",", false);
      }
    }
    advance(")", true);
    const bool is_lambda = procedure.type == Raw::Type::Name &&
                           (procedure.token.text == "function" || procedure.token.text == "\xce\xbb");  // λ
    if (!is_lambda) {
      raw.children.push_back(std::move(procedure));
      for (Raw& argument : arguments) raw.children.push_back(std::move(argument));
      return raw;
    }
    raw.type = Raw::Type::Lambda;
    for (std::size_t i = 0; i < arguments.size(); ++i) {
      if (arguments[i].type != Raw::Type::Variable) {
        syntax_error(
            "S0208",
            "Parameter " + std::to_string(i + 1) + " of function definition must be a variable name (start with $)",
            arguments[i].token.offset);
      }
      raw.parameters.push_back(arguments[i].token.text);
    }
    if (node_.id() == "<") unsupported("a function signature '<...>' on a lambda", node_.offset);
    advance("{", false);
    raw.children.push_back(parse_expression(0));
    advance("}", false);
    return raw;
  }

  Tokenizer tokens_;
  std::size_t length_;
  Token node_;
  int depth_ = 0;
};

// ---- phase 2: JSONata's post-parse step ----

JsonataOperator operator_of(const std::string& op) {
  static const std::map<std::string, JsonataOperator, std::less<>> operators = {
      {"+", JsonataOperator::Add},        {"-", JsonataOperator::Subtract},  {"*", JsonataOperator::Multiply},
      {"/", JsonataOperator::Divide},     {"%", JsonataOperator::Modulo},    {"&", JsonataOperator::Concat},
      {"=", JsonataOperator::Equal},      {"!=", JsonataOperator::NotEqual}, {"<", JsonataOperator::Less},
      {"<=", JsonataOperator::LessEqual}, {">", JsonataOperator::Greater},   {">=", JsonataOperator::GreaterEqual},
      {"and", JsonataOperator::And},      {"or", JsonataOperator::Or},       {"in", JsonataOperator::In},
      {"..", JsonataOperator::Range}};
  return operators.at(op);
}

using Node = JsonataNode;
using Kind = JsonataNode::Kind;

Node make(Kind kind, std::size_t offset) {
  Node node;
  node.kind = kind;
  node.offset = offset;
  return node;
}

Node process(const Raw& raw);

JsonataPairs process_pairs(const std::vector<std::pair<Raw, Raw>>& pairs) {
  JsonataPairs processed;
  for (const auto& [key, value] : pairs) processed.emplace_back(process(key), process(value));
  return processed;
}

std::string number_text(double number) {
  if (std::trunc(number) == number && std::fabs(number) < 1e15) return std::to_string(static_cast<long long>(number));
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", number);
  return text;
}

Node process_path(const Raw& raw) {
  Node left = process(raw.children[0]);
  Node path;
  if (left.kind == Kind::Path) {
    path = std::move(left);
  } else {
    path = make(Kind::Path, left.offset);
    path.operands.push_back(std::move(left));
  }
  Node rest = process(raw.children[1]);
  if (rest.kind == Kind::Path) {
    for (Node& step : rest.operands) path.operands.push_back(std::move(step));
  } else {
    if (!rest.predicates.empty()) {
      rest.stages = std::move(rest.predicates);
      rest.predicates.clear();
    }
    path.operands.push_back(std::move(rest));
  }
  for (Node& step : path.operands) {
    if (step.kind == Kind::Number || step.kind == Kind::Boolean || step.kind == Kind::Null) {
      const std::string value = step.kind == Kind::Number ? number_text(step.number)
                                : step.kind == Kind::Null ? "null"
                                : step.boolean            ? "true"
                                                          : "false";
      syntax_error("S0213", "The literal value " + value + " cannot be used as a step within a path expression",
                   step.offset);
    }
    if (step.kind == Kind::String) step.kind = Kind::Name;
    if (step.keep_array) path.keep_singleton = true;
  }
  if (path.operands.front().kind == Kind::Array) path.operands.front().cons_array = true;
  if (path.operands.back().kind == Kind::Array) path.operands.back().cons_array = true;
  return path;
}

Node process(const Raw& raw) {
  Node node;
  const Token& token = raw.token;
  switch (raw.type) {
    case Raw::Type::Literal:
      if (token.type == TokenType::String) {
        node = make(Kind::String, token.offset);
        node.text = token.text;
      } else if (token.type == TokenType::Number) {
        node = make(Kind::Number, token.offset);
        node.number = token.number;
      } else if (token.value < 0) {
        node = make(Kind::Null, token.offset);
      } else {
        node = make(Kind::Boolean, token.offset);
        node.boolean = token.value > 0;
      }
      break;
    case Raw::Type::Name: {
      Node name = make(Kind::Name, token.offset);
      name.text = token.text;
      name.keep_array = raw.keep_array;
      node = make(Kind::Path, token.offset);
      node.keep_singleton = raw.keep_array;
      node.operands.push_back(std::move(name));
      break;
    }
    case Raw::Type::Variable:
      if (token.text.empty()) {
        node = make(Kind::Context, token.offset);
      } else if (token.text == "$") {
        unsupported("'$$' (the root input: Step Functions gives JSONata none; use $states)", token.offset);
      } else {
        node = make(Kind::Variable, token.offset);
        node.text = token.text;
      }
      break;
    case Raw::Type::Wildcard: node = make(Kind::Wildcard, token.offset); break;
    case Raw::Type::Binary: {
      const std::string& op = token.text;
      if (op == ".") {
        node = process_path(raw);
      } else if (op == "[") {
        node = process(raw.children[0]);
        Node* step = node.kind == Kind::Path ? &node.operands.back() : &node;
        if (step->group)
          syntax_error("S0209", "A predicate cannot follow a grouping expression in a step", token.offset);
        Node predicate = process(raw.children[1]);
        (node.kind == Kind::Path ? step->stages : step->predicates).push_back(std::move(predicate));
      } else if (op == "{") {
        node = process(raw.children[0]);
        if (node.group) syntax_error("S0210", "Each step can only have one grouping expression", token.offset);
        node.group = std::make_shared<const JsonataPairs>(process_pairs(raw.pairs));
      } else if (op == ":=") {
        node = make(Kind::Bind, token.offset);
        node.text = raw.children[0].token.text;
        if (node.text.empty() || node.text == "$") unsupported("binding '$' or '$$' with ':='", token.offset);
        node.operands.push_back(process(raw.children[1]));
      } else {
        node = make(Kind::Binary, token.offset);
        node.op = operator_of(op);
        node.operands.push_back(process(raw.children[0]));
        node.operands.push_back(process(raw.children[1]));
      }
      break;
    }
    case Raw::Type::Unary:
      if (token.text == "-") {
        Node operand = process(raw.children[0]);
        if (operand.kind == Kind::Number) {
          node = std::move(operand);
          node.number = -node.number;
        } else {
          node = make(Kind::Negate, token.offset);
          node.operands.push_back(std::move(operand));
        }
      } else if (token.text == "[") {
        node = make(Kind::Array, token.offset);
        for (const Raw& item : raw.children) node.operands.push_back(process(item));
      } else {
        node = make(Kind::Object, token.offset);
        node.pairs = process_pairs(raw.pairs);
      }
      break;
    case Raw::Type::Call:
      if (raw.children[0].type == Raw::Type::Variable && jsonata_function_unsupported(raw.children[0].token.text)) {
        unsupported("the function $" + raw.children[0].token.text + " (not implemented by sfncheck's JSONata runtime)",
                    raw.children[0].token.offset);
      }
      node = make(Kind::Call, token.offset);
      for (const Raw& child : raw.children) node.operands.push_back(process(child));
      break;
    case Raw::Type::Lambda:
      node = make(Kind::Lambda, token.offset);
      node.parameters = raw.parameters;
      node.operands.push_back(process(raw.children[0]));
      break;
    case Raw::Type::Block:
      node = make(Kind::Block, token.offset);
      for (const Raw& child : raw.children) {
        Node part = process(child);
        if (part.cons_array || (part.kind == Kind::Path && part.operands.front().cons_array)) node.cons_array = true;
        node.operands.push_back(std::move(part));
      }
      break;
    case Raw::Type::Condition:
      node = make(Kind::Condition, token.offset);
      for (const Raw& child : raw.children) node.operands.push_back(process(child));
      break;
    case Raw::Type::End: syntax_error("S0207", "Unexpected end of expression", token.offset);
  }
  if (raw.keep_array) node.keep_array = true;
  return node;
}

// Step Functions evaluates expressions without an input document: `$`, a bare field name or `*`
// reading the root would see nothing. What AWS does then is not established (the AWS toolkit says
// they "cannot be used at the top level"), so such expressions are refused. `at_root`: the node's
// context is the root input rather than an item of a step, filter or group.
void check_root_context(const Node& node, bool at_root) {
  auto check_filters_and_group = [](const Node& filtered) {
    for (const Node& filter : filtered.stages) check_root_context(filter, false);
    for (const Node& filter : filtered.predicates) check_root_context(filter, false);
    if (filtered.group) {
      for (const auto& [key, value] : *filtered.group) {
        check_root_context(key, false);
        check_root_context(value, false);
      }
    }
  };
  switch (node.kind) {
    case Kind::Context:
      if (at_root)
        unsupported("'$' at the top level (Step Functions gives JSONata no input document; use $states.input)",
                    node.offset);
      break;
    case Kind::Name:
      if (at_root) {
        unsupported("the field name '" + node.text +
                        "' at the top level (Step Functions gives JSONata no input document; use $states.input." +
                        node.text + ")",
                    node.offset);
      }
      break;
    case Kind::Wildcard:
      if (at_root) unsupported("'*' at the top level (Step Functions gives JSONata no input document)", node.offset);
      break;
    case Kind::Path:
      for (std::size_t i = 0; i < node.operands.size(); ++i) check_root_context(node.operands[i], at_root && i == 0);
      break;
    case Kind::Object:
      // A standalone object constructor evaluates its pairs over its own context.
      for (const auto& [key, value] : node.pairs) {
        check_root_context(key, at_root);
        check_root_context(value, at_root);
      }
      break;
    default:
      for (const Node& operand : node.operands) check_root_context(operand, at_root);
      break;
  }
  check_filters_and_group(node);
}

}  // namespace

bool jsonata_function_unsupported(std::string_view name) {
  static constexpr std::string_view functions[] = {"eval",
                                                   "pad",
                                                   "match",
                                                   "replace",
                                                   "formatBase",
                                                   "formatInteger",
                                                   "parseInteger",
                                                   "base64encode",
                                                   "base64decode",
                                                   "encodeUrl",
                                                   "encodeUrlComponent",
                                                   "decodeUrl",
                                                   "decodeUrlComponent",
                                                   "shuffle",
                                                   "sift",
                                                   "single",
                                                   "clone"};
  for (std::string_view function : functions) {
    if (name == function) return true;
  }
  return false;
}

const char* jsonata_operator_text(JsonataOperator op) {
  switch (op) {
    case JsonataOperator::Add: return "+";
    case JsonataOperator::Subtract: return "-";
    case JsonataOperator::Multiply: return "*";
    case JsonataOperator::Divide: return "/";
    case JsonataOperator::Modulo: return "%";
    case JsonataOperator::Concat: return "&";
    case JsonataOperator::Equal: return "=";
    case JsonataOperator::NotEqual: return "!=";
    case JsonataOperator::Less: return "<";
    case JsonataOperator::LessEqual: return "<=";
    case JsonataOperator::Greater: return ">";
    case JsonataOperator::GreaterEqual: return ">=";
    case JsonataOperator::And: return "and";
    case JsonataOperator::Or: return "or";
    case JsonataOperator::In: return "in";
    case JsonataOperator::Range: return "..";
  }
  return "?";
}

JsonataParseResult parse_jsonata(std::string_view expression) {
  JsonataParseResult result;
  try {
    Raw raw = Parser(expression).parse();
    Node node = process(raw);
    check_root_context(node, true);
    result.expression = std::make_shared<const Node>(std::move(node));
  } catch (const SyntaxFailure& failure) {
    result.error = JsonataSyntaxError{failure.message, failure.offset};
  } catch (const UnsupportedFailure& failure) {
    result.unsupported = JsonataUnsupported{failure.construct, failure.offset};
  }
  return result;
}

std::optional<std::string_view> jsonata_body(std::string_view text) {
  if (!is_jsonata_expression(text)) return std::nullopt;
  return text.substr(2, text.size() - 4);
}

}  // namespace sfn
