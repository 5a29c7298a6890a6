// Parsing and evaluating Jayway filter expressions. Comparison rules follow Jayway's evaluators
// (EvaluatorFactory): == compares numbers by value and a number with numeric text as equal, != is
// the negation of == (so a missing field is "!= 1"), ordering compares two numbers or two strings
// and is otherwise false, =~ matches the whole text of a string, number or boolean ("" otherwise).

#include "interpreter/path_filter.h"

#include <charconv>
#include <optional>
#include <regex>

#include "analyzer/path_syntax.h"
#include "interpreter/java_text.h"
#include "interpreter/path_engine.h"

namespace sfn::interp {

namespace {

using nlohmann::json;

// Nesting of parentheses, `!` and list literals, and the size of the tree (a chain of `&&` nests
// as deep as it is long); larger expressions are unsupported, so evaluation recursion stays bounded.
constexpr int kMaxExpressionDepth = 32;
constexpr std::size_t kMaxExpressionNodes = 256;
// std::regex backtracks recursively; longer inputs or patterns do not match rather than risk the stack.
constexpr std::size_t kMaxRegexInput = 1024;
constexpr std::size_t kMaxRegexPattern = 256;

enum class Operator {
  Eq,
  Ne,
  StrictEq,
  StrictNe,
  Lt,
  Le,
  Gt,
  Ge,
  Regex,
  In,
  Nin,
  Contains,
  Size,
  Empty,
  SubsetOf,
  AnyOf,
  NoneOf
};

struct Operand {
  enum class Kind { Path, Literal, Regex };
  Kind kind = Kind::Literal;
  std::shared_ptr<const Path> path;         // Path
  bool relative = true;                     // Path: from `@` (true) or `$`
  json literal;                             // Literal
  std::shared_ptr<const std::regex> regex;  // Regex (null when the pattern does not compile)
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

struct FilterExpression::Node {
  enum class Kind { Or, And, Not, Compare, Exists, Constant };
  Kind kind = Kind::Constant;
  int left = -1;   // Or, And, Not
  int right = -1;  // Or, And
  Operator op = Operator::Eq;
  Operand first, second;  // Compare (both), Exists (first)
  bool constant = false;
};

namespace {

using Node = FilterExpression::Node;

class FilterParser {
 public:
  FilterParser(std::string_view text, std::vector<Node>& nodes) : text_(text), nodes_(nodes) {}

  bool parse() {
    int root = parse_or(0);
    skip_spaces();
    return root >= 0 && at_end() && root == static_cast<int>(nodes_.size()) - 1;
  }

 private:
  bool at_end() const { return pos_ >= text_.size(); }
  void skip_spaces() {
    while (!at_end() && is_space(text_[pos_])) ++pos_;
  }
  bool consume(std::string_view token) {
    skip_spaces();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }

  int add(Node node) {
    if (nodes_.size() >= kMaxExpressionNodes) return -1;
    nodes_.push_back(std::move(node));
    return static_cast<int>(nodes_.size()) - 1;
  }

  // Children are added before their parent, so the last node is the root.
  int parse_or(int depth) {
    int left = parse_and(depth);
    while (left >= 0 && consume("||")) {
      int right = parse_and(depth);
      if (right < 0) return -1;
      Node node;
      node.kind = Node::Kind::Or;
      node.left = left;
      node.right = right;
      left = add(std::move(node));
    }
    return left;
  }

  int parse_and(int depth) {
    int left = parse_unary(depth);
    while (left >= 0 && consume("&&")) {
      int right = parse_unary(depth);
      if (right < 0) return -1;
      Node node;
      node.kind = Node::Kind::And;
      node.left = left;
      node.right = right;
      left = add(std::move(node));
    }
    return left;
  }

  int parse_unary(int depth) {
    if (depth > kMaxExpressionDepth) return -1;
    skip_spaces();
    if (at_end()) return -1;
    if (text_[pos_] == '!' && text_.substr(pos_, 2) != "!=") {
      ++pos_;
      int operand = parse_unary(depth + 1);
      if (operand < 0) return -1;
      Node node;
      node.kind = Node::Kind::Not;
      node.left = operand;
      return add(std::move(node));
    }
    if (text_[pos_] == '(') {
      ++pos_;
      int inner = parse_or(depth + 1);
      if (inner < 0 || !consume(")")) return -1;
      return inner;
    }
    return parse_comparison(depth);
  }

  int parse_comparison(int depth) {
    Node node;
    if (!parse_operand(node.first, depth)) return -1;
    skip_spaces();
    if (at_end() || text_[pos_] == ')' || text_.substr(pos_, 2) == "&&" || text_.substr(pos_, 2) == "||") {
      if (node.first.kind == Operand::Kind::Path) {
        node.kind = Node::Kind::Exists;
      } else if (node.first.literal.is_boolean()) {
        node.kind = Node::Kind::Constant;
        node.constant = node.first.literal.get<bool>();
      } else {
        return -1;
      }
      return add(std::move(node));
    }
    std::optional<Operator> op = parse_operator();
    if (!op) return -1;
    node.kind = Node::Kind::Compare;
    node.op = *op;
    if (!parse_operand(node.second, depth)) return -1;
    return add(std::move(node));
  }

  std::optional<Operator> parse_operator() {
    skip_spaces();
    static constexpr std::pair<std::string_view, Operator> symbols[] = {
        {"===", Operator::StrictEq}, {"!==", Operator::StrictNe}, {"==", Operator::Eq},
        {"!=", Operator::Ne},        {"<=", Operator::Le},        {">=", Operator::Ge},
        {"=~", Operator::Regex},     {"<", Operator::Lt},         {">", Operator::Gt},
    };
    for (const auto& [symbol, op] : symbols) {
      if (text_.substr(pos_, symbol.size()) == symbol) {
        pos_ += symbol.size();
        return op;
      }
    }
    static constexpr std::pair<std::string_view, Operator> words[] = {
        {"nin", Operator::Nin},     {"in", Operator::In},         {"contains", Operator::Contains},
        {"size", Operator::Size},   {"empty", Operator::Empty},   {"subsetof", Operator::SubsetOf},
        {"anyof", Operator::AnyOf}, {"noneof", Operator::NoneOf},
    };
    std::size_t end = pos_;
    while (end < text_.size() && is_word_char(text_[end])) ++end;
    std::string_view word = text_.substr(pos_, end - pos_);
    for (const auto& [name, op] : words) {
      if (word == name) {
        pos_ = end;
        return op;
      }
    }
    return std::nullopt;  // including Jayway's all, type, matches: unsupported
  }

  bool parse_operand(Operand& operand, int depth) {
    skip_spaces();
    if (at_end()) return false;
    char c = text_[pos_];
    if (c == '@' || c == '$') return parse_path_operand(operand);
    if (c == '/') return parse_regex(operand);
    operand.kind = Operand::Kind::Literal;
    return parse_literal(operand.literal, depth);
  }

  // A path runs to the first blank or operator character outside brackets, quotes and parentheses.
  bool parse_path_operand(Operand& operand) {
    std::size_t start = pos_;
    int brackets = 0;
    int parens = 0;
    std::size_t i = pos_;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if ((brackets > 0 || parens > 0) && (c == '\'' || c == '"')) {
        std::size_t j = i + 1;
        while (j < text_.size() && text_[j] != c) j += text_[j] == '\\' ? 2 : 1;
        if (j >= text_.size()) return false;
        i = j;
      } else if (c == '[') {
        ++brackets;
      } else if (c == ']') {
        if (--brackets < 0) return false;
      } else if (c == '(') {
        ++parens;
      } else if (c == ')' && parens > 0) {
        --parens;
      } else if (brackets == 0 && parens == 0 &&
                 (is_space(c) || c == ')' || c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|')) {
        break;
      }
    }
    std::string text(text_.substr(start, i - start));
    operand.relative = text[0] == '@';
    text[0] = '$';
    PathParseResult parsed = parse_path(text);
    // `$$` and `$name` have no meaning inside a filter.
    if (!parsed.path || parsed.path->root != PathRoot::Input) return false;
    operand.kind = Operand::Kind::Path;
    operand.path = std::make_shared<const Path>(std::move(*parsed.path));
    pos_ = i;
    return true;
  }

  bool parse_regex(Operand& operand) {
    std::size_t i = pos_ + 1;
    std::string pattern;
    while (i < text_.size() && text_[i] != '/') {
      if (text_[i] == '\\' && i + 1 < text_.size()) {
        if (text_[i + 1] != '/') pattern += '\\';  // `\/` is a slash; other escapes belong to the regex
        pattern += text_[i + 1];
        i += 2;
        continue;
      }
      pattern += text_[i++];
    }
    if (i >= text_.size()) return false;
    ++i;
    auto flags = std::regex::ECMAScript;
    while (i < text_.size() && is_word_char(text_[i])) {
      if (text_[i] == 'i') flags |= std::regex::icase;
      ++i;
    }
    pos_ = i;
    operand.kind = Operand::Kind::Regex;
    if (pattern.size() <= kMaxRegexPattern) {
      try {
        operand.regex = std::make_shared<const std::regex>(pattern, flags);
      } catch (const std::regex_error&) {
        operand.regex = nullptr;  // a pattern std::regex rejects never matches
      }
    }
    return true;
  }

  bool parse_literal(json& value, int depth) {
    if (depth > kMaxExpressionDepth) return false;
    skip_spaces();
    if (at_end()) return false;
    char c = text_[pos_];
    if (c == '\'' || c == '"') return parse_string(value);
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(value);
    if (c == '[') return parse_list(value, depth);
    if (c == '{') return parse_object(value);
    std::size_t end = pos_;
    while (end < text_.size() && is_word_char(text_[end])) ++end;
    std::string_view word = text_.substr(pos_, end - pos_);
    if (word == "true" || word == "false") {
      value = word == "true";
    } else if (word == "null") {
      value = nullptr;
    } else {
      return false;
    }
    pos_ = end;
    return true;
  }

  bool parse_string(json& value) {
    char quote = text_[pos_++];
    std::string out;
    while (!at_end()) {
      char c = text_[pos_++];
      if (c == quote) {
        value = std::move(out);
        return true;
      }
      if (c == '\\' && !at_end()) {
        char e = text_[pos_++];
        switch (e) {
          case 'n':
            out += '\n';
            break;
          case 't':
            out += '\t';
            break;
          case 'r':
            out += '\r';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          default:
            out += e;
            break;
        }
        continue;
      }
      out += c;
    }
    return false;
  }

  bool parse_number(json& value) {
    std::size_t start = pos_;
    std::size_t i = pos_;
    if (text_[i] == '-') ++i;
    bool integral = true;
    while (i < text_.size() &&
           ((text_[i] >= '0' && text_[i] <= '9') || text_[i] == '.' || text_[i] == 'e' || text_[i] == 'E' ||
            ((text_[i] == '+' || text_[i] == '-') && (text_[i - 1] == 'e' || text_[i - 1] == 'E')))) {
      if (text_[i] == '.' || text_[i] == 'e' || text_[i] == 'E') integral = false;
      ++i;
    }
    const char* first = text_.data() + start;
    const char* last = text_.data() + i;
    if (integral) {
      std::int64_t number = 0;
      auto [end, ec] = std::from_chars(first, last, number);
      if (ec == std::errc() && end == last) {
        value = number;
        pos_ = i;
        return true;
      }
    }
    double number = 0;
    auto [end, ec] = std::from_chars(first, last, number);
    if (ec != std::errc() || end != last) return false;
    value = number;
    pos_ = i;
    return true;
  }

  bool parse_list(json& value, int depth) {
    ++pos_;  // '['
    value = json::array();
    skip_spaces();
    if (!at_end() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      json element;
      if (!parse_literal(element, depth + 1)) return false;
      value.push_back(std::move(element));
      skip_spaces();
      if (at_end()) return false;
      char c = text_[pos_++];
      if (c == ']') return true;
      if (c != ',') return false;
    }
  }

  // A JSON object literal (double-quoted JSON only), found by its matching brace.
  bool parse_object(json& value) {
    int depth = 0;
    std::size_t i = pos_;
    for (; i < text_.size(); ++i) {
      char c = text_[i];
      if (c == '"' || c == '\'') {
        std::size_t j = i + 1;
        while (j < text_.size() && text_[j] != c) j += text_[j] == '\\' ? 2 : 1;
        if (j >= text_.size()) return false;
        i = j;
      } else if (c == '{' || c == '[') {
        if (++depth > kMaxExpressionDepth) return false;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        break;
      }
    }
    if (i >= text_.size()) return false;
    value = json::parse(text_.substr(pos_, i + 1 - pos_), nullptr, false);
    if (value.is_discarded()) return false;
    pos_ = i + 1;
    return true;
  }

  std::string_view text_;
  std::vector<Node>& nodes_;
  std::size_t pos_ = 0;
};

// ---- evaluation ----

struct Value {
  std::optional<json> value;  // nullopt: the path selected nothing (Jayway's UNDEFINED)
  const std::regex* regex = nullptr;
  bool is_regex = false;
};

std::optional<double> number_from_text(const std::string& text) {
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return number;
}

bool loosely_equal(const Value& a, const Value& b) {
  if (!a.value || !b.value) return false;
  const json& x = *a.value;
  const json& y = *b.value;
  if (x.is_number() && y.is_number()) return x == y;
  if (x.is_number() && y.is_string()) {
    std::optional<double> number = number_from_text(y.get_ref<const std::string&>());
    return number && x.get<double>() == *number;
  }
  if (x.is_string() && y.is_number()) return x.get_ref<const std::string&>() == java_number_text(y);
  if (x.type() != y.type()) return false;
  return x == y;
}

bool strictly_equal(const Value& a, const Value& b) {
  if (!a.value || !b.value) return false;
  if (a.value->is_number() != b.value->is_number()) return false;
  if (!a.value->is_number() && a.value->type() != b.value->type()) return false;
  return *a.value == *b.value;
}

// -1, 0, 1 for two numbers or two strings; nullopt when Jayway would not order them.
std::optional<int> order(const Value& a, const Value& b) {
  if (!a.value || !b.value) return std::nullopt;
  const json& x = *a.value;
  const json& y = *b.value;
  if ((x.is_number() && y.is_number()) || (x.is_string() && y.is_string())) {
    if (x < y) return -1;
    if (y < x) return 1;
    return 0;
  }
  return std::nullopt;
}

bool list_contains(const json& list, const Value& needle) {
  for (const json& element : list) {
    if (loosely_equal(Value{element}, needle)) return true;
  }
  return false;
}

bool regex_matches(const Value& subject, const std::regex* regex) {
  if (!regex) return false;
  std::string input;
  if (subject.value) {
    if (subject.value->is_string()) {
      input = subject.value->get<std::string>();
    } else if (subject.value->is_number()) {
      input = java_number_text(*subject.value);
    } else if (subject.value->is_boolean()) {
      input = subject.value->get<bool>() ? "true" : "false";
    }
  }
  if (input.size() > kMaxRegexInput) return false;
  try {
    return std::regex_match(input, *regex);
  } catch (const std::regex_error&) {
    return false;  // std::regex gives up on complex matches by throwing
  }
}

bool compare(Operator op, const Value& a, const Value& b) {
  switch (op) {
    case Operator::Eq:
      return loosely_equal(a, b);
    case Operator::Ne:
      return !loosely_equal(a, b);
    case Operator::StrictEq:
      return strictly_equal(a, b);
    case Operator::StrictNe:
      return !strictly_equal(a, b);
    case Operator::Lt:
      return order(a, b) == -1;
    case Operator::Le: {
      std::optional<int> o = order(a, b);
      return o && *o <= 0;
    }
    case Operator::Gt:
      return order(a, b) == 1;
    case Operator::Ge: {
      std::optional<int> o = order(a, b);
      return o && *o >= 0;
    }
    case Operator::Regex:
      if (a.is_regex == b.is_regex) return false;  // exactly one side must be a pattern
      return a.is_regex ? regex_matches(b, a.regex) : regex_matches(a, b.regex);
    case Operator::In:
      return b.value && b.value->is_array() && list_contains(*b.value, a);
    case Operator::Nin:
      return !(b.value && b.value->is_array() && list_contains(*b.value, a));
    case Operator::Contains:
      if (!a.value || !b.value) return false;
      if (a.value->is_string() && b.value->is_string()) {
        return a.value->get_ref<const std::string&>().find(b.value->get_ref<const std::string&>()) != std::string::npos;
      }
      return a.value->is_array() && list_contains(*a.value, b);
    case Operator::Size: {
      if (!a.value || !b.value || !b.value->is_number_integer()) return false;
      std::int64_t expected = b.value->get<std::int64_t>();
      if (a.value->is_array()) return static_cast<std::int64_t>(a.value->size()) == expected;
      if (a.value->is_string()) return static_cast<std::int64_t>(java_length(a.value->get<std::string>())) == expected;
      return false;
    }
    case Operator::Empty: {
      if (!a.value || !b.value || !b.value->is_boolean()) return false;
      bool empty = false;
      if (a.value->is_array()) {
        empty = a.value->empty();
      } else if (a.value->is_string()) {
        empty = a.value->get_ref<const std::string&>().empty();
      } else {
        return false;
      }
      return empty == b.value->get<bool>();
    }
    case Operator::SubsetOf:
    case Operator::AnyOf:
    case Operator::NoneOf: {
      if (!a.value || !b.value || !a.value->is_array() || !b.value->is_array()) return false;
      std::size_t found = 0;
      for (const json& element : *a.value) {
        if (list_contains(*b.value, Value{element})) ++found;
      }
      if (op == Operator::SubsetOf) return found == a.value->size();
      if (op == Operator::AnyOf) return found > 0;
      return found == 0;
    }
  }
  return false;
}

Value evaluate_operand(const Operand& operand, const json& item, const json& root, int nesting) {
  Value value;
  switch (operand.kind) {
    case Operand::Kind::Literal:
      value.value = operand.literal;
      break;
    case Operand::Kind::Regex:
      value.is_regex = true;
      value.regex = operand.regex.get();
      break;
    case Operand::Kind::Path:
      value.value = evaluate_path_at(*operand.path, operand.relative ? item : root, root, nesting + 1).value;
      break;
  }
  return value;
}

bool evaluate(const std::vector<Node>& nodes, int index, const json& item, const json& root, int nesting) {
  const Node& node = nodes[static_cast<std::size_t>(index)];
  switch (node.kind) {
    case Node::Kind::Or:
      return evaluate(nodes, node.left, item, root, nesting) || evaluate(nodes, node.right, item, root, nesting);
    case Node::Kind::And:
      return evaluate(nodes, node.left, item, root, nesting) && evaluate(nodes, node.right, item, root, nesting);
    case Node::Kind::Not:
      return !evaluate(nodes, node.left, item, root, nesting);
    case Node::Kind::Exists:
      return evaluate_operand(node.first, item, root, nesting).value.has_value();
    case Node::Kind::Constant:
      return node.constant;
    case Node::Kind::Compare:
      return compare(node.op, evaluate_operand(node.first, item, root, nesting),
                     evaluate_operand(node.second, item, root, nesting));
  }
  return false;
}

}  // namespace

FilterExpression::FilterExpression(std::string_view text) {
  supported_ = FilterParser(text, nodes_).parse();
  if (!supported_) nodes_.clear();
}

FilterExpression::~FilterExpression() = default;
FilterExpression::FilterExpression(FilterExpression&&) noexcept = default;
FilterExpression& FilterExpression::operator=(FilterExpression&&) noexcept = default;

bool FilterExpression::matches(const json& item, const json& root, int nesting) const {
  if (!supported_ || nesting >= kMaxFilterNesting) return false;
  return evaluate(nodes_, static_cast<int>(nodes_.size()) - 1, item, root, nesting);
}

}  // namespace sfn::interp
