// The JSONata parser (analyzer/jsonata_syntax.h): trees in JSONata's post-parse shape, literals and
// escapes, precedence, syntax errors with JSONata's codes and offsets, and the constructs it refuses
// as unsupported.

#include <gtest/gtest.h>

#include "analyzer/jsonata_syntax.h"

namespace sfn {
namespace {

using Kind = JsonataNode::Kind;

const JsonataNode& parsed(const std::string& text) {
  static std::vector<std::shared_ptr<const JsonataNode>> kept;  // the trees outlive the call
  JsonataParseResult result = parse_jsonata(text);
  EXPECT_TRUE(result.expression) << text << ": "
                                 << (result.error ? result.error->message
                                                  : result.unsupported ? result.unsupported->message() : "");
  if (!result.expression) {
    static const JsonataNode empty;
    return empty;
  }
  kept.push_back(result.expression);
  return *kept.back();
}

// A compact rendering of a tree, to compare shapes: kinds, names, operators, filters.
std::string shape(const JsonataNode& node) {
  std::string text;
  switch (node.kind) {
    case Kind::Number: {
      std::string number = std::to_string(node.number);
      number.erase(number.find_last_not_of('0') + 1);
      if (number.back() == '.') number.pop_back();
      text = number;
      break;
    }
    case Kind::String: text = "'" + node.text + "'"; break;
    case Kind::Boolean: text = node.boolean ? "true" : "false"; break;
    case Kind::Null: text = "null"; break;
    case Kind::Name: text = node.text; break;
    case Kind::Wildcard: text = "*"; break;
    case Kind::Context: text = "$"; break;
    case Kind::Variable: text = "$" + node.text; break;
    case Kind::Path:
      text = "path(";
      for (std::size_t i = 0; i < node.operands.size(); ++i) text += (i ? " . " : "") + shape(node.operands[i]);
      text += ")";
      break;
    case Kind::Binary:
      text = "(" + shape(node.operands[0]) + " " + jsonata_operator_text(node.op) + " " + shape(node.operands[1]) + ")";
      break;
    case Kind::Negate: text = "-" + shape(node.operands[0]); break;
    case Kind::Condition:
      text = "(" + shape(node.operands[0]) + " ? " + shape(node.operands[1]) +
             (node.operands.size() > 2 ? " : " + shape(node.operands[2]) : "") + ")";
      break;
    case Kind::Block:
      text = "block(";
      for (std::size_t i = 0; i < node.operands.size(); ++i) text += (i ? "; " : "") + shape(node.operands[i]);
      text += ")";
      break;
    case Kind::Bind: text = "$" + node.text + " := " + shape(node.operands[0]); break;
    case Kind::Array:
      text = "[";
      for (std::size_t i = 0; i < node.operands.size(); ++i) text += (i ? ", " : "") + shape(node.operands[i]);
      text += "]";
      break;
    case Kind::Object:
      text = "{";
      for (std::size_t i = 0; i < node.pairs.size(); ++i) {
        text += (i ? ", " : "") + shape(node.pairs[i].first) + ": " + shape(node.pairs[i].second);
      }
      text += "}";
      break;
    case Kind::Call:
      text = shape(node.operands[0]) + "(";
      for (std::size_t i = 1; i < node.operands.size(); ++i) text += (i > 1 ? ", " : "") + shape(node.operands[i]);
      text += ")";
      break;
    case Kind::Lambda: {
      text = "function(";
      for (std::size_t i = 0; i < node.parameters.size(); ++i) text += (i ? ", $" : "$") + node.parameters[i];
      text += "){" + shape(node.operands[0]) + "}";
      break;
    }
  }
  for (const JsonataNode& stage : node.stages) text += "[stage " + shape(stage) + "]";
  for (const JsonataNode& predicate : node.predicates) text += "[predicate " + shape(predicate) + "]";
  if (node.group) {
    text += "{group";
    for (const auto& [key, value] : *node.group) text += " " + shape(key) + ": " + shape(value);
    text += "}";
  }
  if (node.keep_array) text += "[]";
  if (node.keep_singleton) text += "<keep>";
  if (node.cons_array) text += "<cons>";
  return text;
}

std::string shape_of(const std::string& text) { return shape(parsed(text)); }

TEST(JsonataSyntax, Literals) {
  EXPECT_EQ(shape_of("42"), "42");
  EXPECT_EQ(shape_of("1.5e3"), "1500");
  EXPECT_EQ(shape_of("-7"), "-7");  // a negated number literal is a literal
  EXPECT_EQ(shape_of("'single'"), "'single'");
  EXPECT_EQ(shape_of("\"double\""), "'double'");
  EXPECT_EQ(parsed(R"("tab\tquote\"slash\/u\u00e9")").text, "tab\tquote\"slash/u\xc3\xa9");
  EXPECT_EQ(parsed(R"("\ud83d\ude00")").text, "\xf0\x9f\x98\x80");  // a surrogate pair is one character
  EXPECT_EQ(shape_of("true"), "true");
  EXPECT_EQ(shape_of("null"), "null");
  EXPECT_EQ(shape_of("/* a comment */ 1"), "1");
}

TEST(JsonataSyntax, PathsAreStepsWithTheirFilters) {
  EXPECT_EQ(shape_of("$states.input.items"), "path($states . input . items)");
  EXPECT_EQ(shape_of("$states.input.`a b`.'c d'"), "path($states . input . a b . c d)");  // strings become names
  EXPECT_EQ(shape_of("$states.input.a[0].b"), "path($states . input . a[stage 0] . b)");
  EXPECT_EQ(shape_of("$states.input.a[price > 10][0]"), "path($states . input . a[stage (path(price) > 10)][stage 0])");
  EXPECT_EQ(shape_of("$x[0]"), "$x[predicate 0]");  // not a path: a predicate on the whole value
  EXPECT_EQ(shape_of("$x[0].a"), "path($x[predicate 0] . a)");
  EXPECT_EQ(shape_of("($states.input.a)[0]"), "block(path($states . input . a))[predicate 0]");
  EXPECT_EQ(shape_of("$states.input.a[]"), "path($states . input . a[])<keep>");
  EXPECT_EQ(shape_of("($states.input.a)[]"), "block(path($states . input . a))[]");
  EXPECT_EQ(shape_of("$states.input.a[].b"), "path($states . input . a[] . b)<keep>");
  EXPECT_EQ(shape_of("$states.input.*"), "path($states . input . *)");
  EXPECT_EQ(shape_of("[1, 2].($ * 2)"), "path([1, 2]<cons> . block(($ * 2)))");
  EXPECT_EQ(shape_of("$states.input.[a, b]"), "path($states . input . [path(a), path(b)]<cons>)");
}

TEST(JsonataSyntax, GroupingAndObjectConstructors) {
  EXPECT_EQ(shape_of("{'a': 1, 'b': [2]}"), "{'a': 1, 'b': [2]}");
  EXPECT_EQ(shape_of("$states.input.items{name: price}"),
            "path($states . input . items){group path(name): path(price)}");
  EXPECT_EQ(shape_of("$states.input.items.{'n': name}"), "path($states . input . items . {'n': path(name)})");
  EXPECT_EQ(shape_of("$x{'k': $}"), "$x{group 'k': $}");
}

TEST(JsonataSyntax, OperatorsBindAsJsonataBindsThem) {
  EXPECT_EQ(shape_of("1 + 2 * 3"), "(1 + (2 * 3))");
  EXPECT_EQ(shape_of("1 - 2 - 3"), "((1 - 2) - 3)");
  EXPECT_EQ(shape_of("'a' & 'b' = 'ab'"), "(('a' & 'b') = 'ab')");
  EXPECT_EQ(shape_of("1 < 2 and 3 > 2 or false"), "(((1 < 2) and (3 > 2)) or false)");
  EXPECT_EQ(shape_of("1 in [1] and true"), "((1 in [1]) and true)");
  EXPECT_EQ(shape_of("-$x.a"), "-path($x . a)");
  EXPECT_EQ(shape_of("$a ? 1 : $b ? 2 : 3"), "($a ? 1 : ($b ? 2 : 3))");
  EXPECT_EQ(shape_of("$a ? 1"), "($a ? 1)");
  EXPECT_EQ(shape_of("$x.and"), "path($x . and)");  // keywords are names in operand position
  EXPECT_EQ(shape_of("1 != 2 <= 3"), "((1 != 2) <= 3)");
  EXPECT_EQ(shape_of("[1..3, 5]"), "[(1 .. 3), 5]");
  EXPECT_EQ(shape_of("10 % 3 / 2"), "((10 % 3) / 2)");
}

TEST(JsonataSyntax, BlocksBindingsCallsAndLambdas) {
  EXPECT_EQ(shape_of("($x := 1; $y := $x + 1; $y)"), "block($x := 1; $y := ($x + 1); $y)");
  EXPECT_EQ(shape_of("$a := $b := 2"), "$a := $b := 2");  // right associative
  EXPECT_EQ(shape_of("$sum($states.input.a, 1)"), "$sum(path($states . input . a), 1)");
  EXPECT_EQ(shape_of("$map($l, function($v, $i) { $v * $i })"), "$map($l, function($v, $i){($v * $i)})");
  EXPECT_EQ(shape_of("\xce\xbb($v){$v}"), "function($v){$v}");  // λ is function
  EXPECT_EQ(shape_of("$f()"), "$f()");
  EXPECT_EQ(shape_of("()"), "block()");
  EXPECT_EQ(shape_of("$states.input.a.$uppercase()"), "path($states . input . a . $uppercase())");
}

struct ErrorCase {
  const char* text;
  const char* message;
  std::size_t offset;
};

TEST(JsonataSyntax, SyntaxErrorsCarryJsonataCodesAndOffsets) {
  const ErrorCase cases[] = {
      {"(1", "S0203: Expected \")\" before end of expression", 2},
      {"[1, 2", "S0203: Expected \"]\" before end of expression", 5},
      {"\"abc", "S0101: String literal must be terminated by a matching quote", 4},
      {"1 +", "S0207: Unexpected end of expression", 3},
      {"{'a' 1}", "S0202: Expected \":\", got 1", 5},
      {"`open", "S0105: Quoted property name must be terminated with a backquote (`)", 0},
      {"1 2", "S0201: Syntax error: 2", 2},
      {"'a\\qb'", "S0103: Unsupported escape sequence: \\\"q\"", 3},
      {"'\\u12'", "S0104: The escape sequence \\u must be followed by 4 hex digits", 2},
      {"1e999", "S0102: Number out of range: \"1e999\"", 0},
      {"$a.1", "S0213: The literal value 1 cannot be used as a step within a path expression", 3},
      {"1 := 2", "S0212: The left side of := must be a variable name (start with $)", 0},
      {"function(a){1}", "S0208: Parameter 1 of function definition must be a variable name (start with $)", 9},
      {"$a{'x': 1}{'y': 2}", "S0210: Each step can only have one grouping expression", 10},
      {"/* open", "S0106: Comment has no closing tag", 0},
      {"1 ! 2", "S0204: Unknown operator: \"!\"", 2},
      {"'a\\'b'", "S0103: Unsupported escape sequence: \\\"'\"", 3},
  };
  for (const ErrorCase& c : cases) {
    JsonataParseResult result = parse_jsonata(c.text);
    ASSERT_TRUE(result.error) << c.text;
    EXPECT_EQ(result.error->message, c.message) << c.text;
    EXPECT_EQ(result.error->offset, c.offset) << c.text;
  }
}

TEST(JsonataSyntax, UnimplementedConstructsAreUnsupportedNotMisread) {
  const std::pair<const char*, const char*> cases[] = {
      {"$states.input.a ~> $count()", "unsupported: the function application operator '~>'"},
      {"$match($states.input.s, /a+/)", "unsupported: a regular expression"},
      {"$states.input.a@$x", "unsupported: the context variable binding '@'"},
      {"$states.input.a#$i", "unsupported: the positional variable binding '#'"},
      {"$states.input.a^(b)", "unsupported: the order-by operator '^(...)'"},
      {"|$states.input|{'a': 1}|", "unsupported: a transform expression '| ... |'"},
      {"$states.input.**", "unsupported: the descendants operator '**'"},
      {"$states.input.a.%", "unsupported: the parent operator '%'"},
      {"$f(?, 1)", "unsupported: partial function application ('?' as an argument)"},
      {"function($a)<n:n>{$a}", "unsupported: a function signature '<...>' on a lambda"},
      {"$eval('1')", "unsupported: the function $eval (not implemented by sfncheck's JSONata runtime)"},
      {"$pad('a', 3)", "unsupported: the function $pad (not implemented by sfncheck's JSONata runtime)"},
      {"$$.a", "unsupported: '$$' (the root input: Step Functions gives JSONata none; use $states)"},
      {"$", "unsupported: '$' at the top level (Step Functions gives JSONata no input document; use $states.input)"},
      {"states.input",
       "unsupported: the field name 'states' at the top level (Step Functions gives JSONata no input document; use "
       "$states.input.states)"},
      {"{'k': v}",
       "unsupported: the field name 'v' at the top level (Step Functions gives JSONata no input document; use "
       "$states.input.v)"},
      {"*", "unsupported: '*' at the top level (Step Functions gives JSONata no input document)"},
  };
  for (const auto& [text, message] : cases) {
    JsonataParseResult result = parse_jsonata(text);
    ASSERT_TRUE(result.unsupported) << text << (result.error ? ": " + result.error->message : std::string());
    EXPECT_EQ(result.unsupported->message(), message) << text;
  }
  // `$`, names and `*` inside a step, a filter, a group or a lambda over items read those items.
  for (const char* fine : {"$states.input.a[$ > 1]", "$states.input.a.(b & $)", "$states.input.a{k: v}",
                           "$map($states.input.a, function($v){$v.b})", "$states.input.a[b = 'x'].*"}) {
    EXPECT_TRUE(parse_jsonata(fine).expression) << fine;
  }
}

TEST(JsonataSyntax, ExpressionBodies) {
  EXPECT_EQ(jsonata_body("{% $x %}"), " $x ");
  EXPECT_EQ(jsonata_body("{%%}"), "");
  EXPECT_FALSE(jsonata_body(" {% $x %}"));  // exactly "{% ... %}" (§8.2)
  EXPECT_FALSE(jsonata_body("{% $x %} "));
  EXPECT_FALSE(jsonata_body("$x"));
}

}  // namespace
}  // namespace sfn
