#include "analyzer/intrinsic_syntax.h"

#include <gtest/gtest.h>

namespace sfn {
namespace {

using ArgKind = IntrinsicArgument::Kind;

IntrinsicCall parsed(std::string_view text) {
  IntrinsicParseResult result = parse_intrinsic(text);
  EXPECT_FALSE(result.error) << text << ": " << (result.error ? result.error->message : "");
  return result.call.value_or(IntrinsicCall{});
}

IntrinsicProblem syntax_error(std::string_view text) {
  IntrinsicParseResult result = parse_intrinsic(text);
  EXPECT_FALSE(result.call) << text << " should not parse";
  return result.error.value_or(IntrinsicProblem{});
}

std::vector<IntrinsicProblem> problems(std::string_view text) {
  IntrinsicParseResult result = parse_intrinsic(text);
  EXPECT_TRUE(result.call) << text << ": " << (result.error ? result.error->message : "");
  if (!result.call) return {};
  return check_intrinsic(*result.call);
}

std::string joined(const std::vector<IntrinsicProblem>& found) {
  std::string out;
  for (const IntrinsicProblem& problem : found) out += problem.message + "\n";
  return out;
}

TEST(IntrinsicSyntax, LooksLikeIntrinsic) {
  EXPECT_TRUE(looks_like_intrinsic("States.Format('x')"));
  EXPECT_TRUE(looks_like_intrinsic("States.Nope()"));
  EXPECT_TRUE(looks_like_intrinsic("a.b.c("));
  EXPECT_FALSE(looks_like_intrinsic(" States.Format('x')"));
  EXPECT_FALSE(looks_like_intrinsic("States.Format ('x')"));
  EXPECT_FALSE(looks_like_intrinsic("Format('x')"));
  EXPECT_FALSE(looks_like_intrinsic("$.a"));
  EXPECT_FALSE(looks_like_intrinsic("States.Format"));
  EXPECT_FALSE(looks_like_intrinsic(""));
}

TEST(IntrinsicSyntax, ParsesEveryArgumentKind) {
  IntrinsicCall call = parsed(
      "States.Format('x {} \\'q\\' \\{\\} \\\\', $.a, 1, -2.5, true, false, null, $$.Execution.Id, $var.x, "
      "States.Array(1,2))");
  EXPECT_EQ(call.name, "States.Format");
  EXPECT_EQ(call.offset, 0u);
  ASSERT_EQ(call.arguments.size(), 10u);
  EXPECT_EQ(call.arguments[0].kind, ArgKind::String);
  EXPECT_EQ(call.arguments[0].string_value, "x {} 'q' {} \\");
  EXPECT_EQ(call.arguments[0].offset, 14u);
  EXPECT_EQ(call.arguments[1].kind, ArgKind::Path);
  EXPECT_EQ(call.arguments[1].text, "$.a");
  ASSERT_TRUE(call.arguments[1].path);
  EXPECT_EQ(call.arguments[1].path->segments.at(0).name, "a");
  EXPECT_EQ(call.arguments[2].kind, ArgKind::Number);
  EXPECT_EQ(call.arguments[2].number_value, 1);
  EXPECT_TRUE(call.arguments[2].is_integer);
  EXPECT_EQ(call.arguments[3].number_value, -2.5);
  EXPECT_FALSE(call.arguments[3].is_integer);
  EXPECT_EQ(call.arguments[4].kind, ArgKind::Boolean);
  EXPECT_TRUE(call.arguments[4].boolean_value);
  EXPECT_FALSE(call.arguments[5].boolean_value);
  EXPECT_EQ(call.arguments[6].kind, ArgKind::Null);
  EXPECT_EQ(call.arguments[7].path->root, PathRoot::Context);
  EXPECT_EQ(call.arguments[8].path->root, PathRoot::Variable);
  EXPECT_EQ(call.arguments[8].path->variable, "var");
  ASSERT_EQ(call.arguments[9].kind, ArgKind::Call);
  ASSERT_TRUE(call.arguments[9].call);
  EXPECT_EQ(call.arguments[9].call->name, "States.Array");
  EXPECT_EQ(call.arguments[9].call->arguments.size(), 2u);
  EXPECT_EQ(call.arguments[9].text, "States.Array(1,2)");
}

TEST(IntrinsicSyntax, WhitespaceAndEmptyArguments) {
  IntrinsicCall call = parsed("States.MathAdd(  $.a ,\t2 ) ");
  ASSERT_EQ(call.arguments.size(), 2u);
  EXPECT_EQ(call.arguments[0].text, "$.a");
  EXPECT_EQ(call.arguments[1].text, "2");
  EXPECT_TRUE(parsed("States.UUID()").arguments.empty());
  EXPECT_TRUE(parsed("States.Array( )").arguments.empty());
  EXPECT_EQ(parsed("States.Array(1e3)").arguments.at(0).number_value, 1000);
  EXPECT_FALSE(parsed("States.Array(1e3)").arguments.at(0).is_integer);
}

TEST(IntrinsicSyntax, PathArgumentsEndAtTopLevelCommaOrParen) {
  IntrinsicCall call = parsed("States.Array($['a,b'], $.c[0,1], $[?(@.x == 'y)')], $.d.length())");
  ASSERT_EQ(call.arguments.size(), 4u);
  EXPECT_EQ(call.arguments[0].text, "$['a,b']");
  EXPECT_EQ(call.arguments[0].path->segments.at(0).name, "a,b");
  EXPECT_EQ(call.arguments[1].text, "$.c[0,1]");
  EXPECT_EQ(call.arguments[2].text, "$[?(@.x == 'y)')]");
  EXPECT_EQ(call.arguments[3].text, "$.d.length()");
}

TEST(IntrinsicSyntax, SyntaxErrors) {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* fragment;
  };
  const Case cases[] = {
      {"", 0, "expected a function name"},
      {"States.Format", 13, "expected '('"},
      {"States.Format('x'", 13, "unterminated argument list"},
      {"States.Format('x", 14, "unterminated string argument"},
      {"States.Format('a\\nb')", 16, "invalid escape '\\n'"},
      {"States.Format('a\\')", 14, "unterminated string argument"},
      {"States.Format('x') extra", 19, "after the closing ')'"},
      {"States.Format('x'))", 18, "after the closing ')'"},
      {"States.Array(1,)", 15, "expected an argument after ','"},
      {"States.Array(,1)", 13, "expected an argument"},
      {"States.Array(1 2)", 15, "expected ',' or ')'"},
      {"States.Array(abc)", 13, "found 'abc'"},
      {"States.Array(\"x\")", 13, "found '\"'"},
      {"States.Array(-)", 14, "expected digits after '-'"},
      {"States.Array(1.)", 15, "expected digits after '.'"},
      {"States.Array(12abc)", 15, "after number"},
      {"States.Array($.a[)", 17, "invalid path argument '$.a[)'"},
      {"States.Array($.)", 15, "expected member name"},
      {"States.Array(1e999)", 13, "out of range"},
  };
  for (const Case& c : cases) {
    IntrinsicProblem error = syntax_error(c.text);
    EXPECT_EQ(error.kind, IntrinsicProblemKind::Syntax) << c.text;
    EXPECT_EQ(error.offset, c.offset) << c.text << ": " << error.message;
    EXPECT_NE(error.message.find(c.fragment), std::string::npos) << c.text << ": " << error.message;
  }
}

TEST(IntrinsicSyntax, NestingLimit) {
  auto nested = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "States.Array(";
    text += "1";
    for (int i = 0; i < depth; ++i) text += ")";
    return text;
  };
  EXPECT_TRUE(parse_intrinsic(nested(10)).call);
  IntrinsicProblem error = syntax_error(nested(11));
  EXPECT_EQ(error.kind, IntrinsicProblemKind::TooDeeplyNested);
  EXPECT_EQ(error.offset, 10u * 13u);
  // Deep input is refused without deep recursion.
  EXPECT_EQ(syntax_error(nested(100000)).kind, IntrinsicProblemKind::TooDeeplyNested);
}

TEST(IntrinsicCheck, EveryFunctionValidCall) {
  const char* valid[] = {
      "States.Format('a {} b {}', $.x, 3)",
      "States.Format('no slots')",
      "States.Format('escaped \\{\\} is not a slot {}', 1)",
      "States.Format($.template, $.a, $.b)",
      "States.StringToJson('{\"a\":1}')",
      "States.JsonToString($.x)",
      "States.Array()",
      "States.Array(1, 'a', null, true, $.x)",
      "States.ArrayPartition($.items, 2)",
      "States.ArrayPartition(States.Array(1,2,3), $.n)",
      "States.ArrayContains($.items, 'a')",
      "States.ArrayRange(0, 10, 2)",
      "States.ArrayRange(10, 0, -1)",
      "States.ArrayGetItem($.items, 0)",
      "States.ArrayLength(States.StringSplit($.s, ','))",
      "States.ArrayUnique($.items)",
      "States.Base64Encode('hi')",
      "States.Base64Decode(States.Base64Encode($.x))",
      "States.Hash($.data, 'SHA-256')",
      "States.Hash('x', $.algorithm)",
      "States.JsonMerge($.a, $.b, false)",
      "States.JsonMerge(States.StringToJson($.s), States.JsonMerge($.a, $.b, false), false)",
      "States.StringSplit('a,b', ',')",
      "States.MathRandom(1, 100)",
      "States.MathRandom(1, 100, 42)",
      "States.MathAdd(1.5, States.ArrayLength($.a))",
      "States.UUID()",
      "States.Format('{}', States.ArrayGetItem($.a, 0))",
  };
  for (const char* text : valid) EXPECT_TRUE(problems(text).empty()) << text << "\n" << joined(problems(text));
}

TEST(IntrinsicCheck, EveryFunctionInvalidCall) {
  struct Case {
    const char* text;
    IntrinsicProblemKind kind;
    const char* fragment;
  };
  using K = IntrinsicProblemKind;
  const Case cases[] = {
      {"States.Format()", K::Arity, "States.Format expects at least 1 argument, got 0"},
      {"States.Format('{} {}', 1)", K::Arity, "template has 2 '{}' placeholders but 1 value follows"},
      {"States.Format('x', 1)", K::Arity, "0 '{}' placeholders but 1 value follows"},
      {"States.Format(1)", K::ArgumentType, "States.Format argument 1 must be a string, got number 1"},
      {"States.StringToJson(1)", K::ArgumentType, "States.StringToJson argument 1 must be a string"},
      {"States.StringToJson()", K::Arity, "expects 1 argument, got 0"},
      {"States.JsonToString($.a, $.b)", K::Arity, "States.JsonToString expects 1 argument, got 2"},
      {"States.ArrayPartition($.a, 0)", K::ArgumentType, "argument 2 must be a positive integer, got number 0"},
      {"States.ArrayPartition($.a, 1.5)", K::ArgumentType, "must be a positive integer"},
      {"States.ArrayPartition('abc', 2)", K::ArgumentType, "argument 1 must be an array, got string 'abc'"},
      {"States.ArrayContains($.a)", K::Arity, "expects 2 arguments, got 1"},
      {"States.ArrayContains(1, 1)", K::ArgumentType, "must be an array"},
      {"States.ArrayRange(0, 10, 0)", K::ArgumentType, "argument 3 must be a non-zero integer"},
      {"States.ArrayRange(0.5, 10, 1)", K::ArgumentType, "argument 1 must be an integer"},
      {"States.ArrayRange(0, 10)", K::Arity, "expects 3 arguments, got 2"},
      {"States.ArrayGetItem($.a, -1)", K::ArgumentType, "argument 2 must be an integer >= 0"},
      {"States.ArrayGetItem($.a, 'x')", K::ArgumentType, "argument 2 must be an integer >= 0, got string 'x'"},
      {"States.ArrayLength('abc')", K::ArgumentType, "must be an array"},
      {"States.ArrayLength(States.Format('x'))", K::ArgumentType, "must be an array, got a string from States.Format"},
      {"States.ArrayUnique(null)", K::ArgumentType, "must be an array, got null"},
      {"States.Base64Encode(true)", K::ArgumentType, "must be a string, got boolean true"},
      {"States.Base64Decode(States.ArrayLength($.a))", K::ArgumentType, "got a number from States.ArrayLength"},
      {"States.Hash($.a, 'SHA256')", K::ArgumentType, "argument 2 must be one of 'MD5', 'SHA-1'"},
      {"States.Hash($.a)", K::Arity, "expects 2 arguments, got 1"},
      {"States.JsonMerge($.a, $.b, true)", K::ArgumentType, "argument 3 must be false (deep merge is not supported)"},
      {"States.JsonMerge($.a, $.b)", K::Arity, "expects 3 arguments"},
      {"States.JsonMerge('a', $.b, false)", K::ArgumentType, "argument 1 must be an object"},
      {"States.JsonMerge(States.Array(), $.b, false)", K::ArgumentType, "got an array from States.Array"},
      {"States.StringSplit($.a, 1)", K::ArgumentType, "argument 2 must be a string"},
      {"States.MathRandom(1)", K::Arity, "expects 2 or 3 arguments, got 1"},
      {"States.MathRandom(1, 2, 3, 4)", K::Arity, "expects 2 or 3 arguments, got 4"},
      {"States.MathRandom(1, 2, 'seed')", K::ArgumentType, "argument 3 must be a number"},
      {"States.MathAdd('a', 1)", K::ArgumentType, "States.MathAdd argument 1 must be a number, got string 'a'"},
      {"States.MathAdd(1, States.UUID())", K::ArgumentType,
       "argument 2 must be a number, got a string from States.UUID"},
      {"States.UUID(1)", K::Arity, "States.UUID expects no arguments, got 1"},
      {"States.Array(States.ArrayLength('x'))", K::ArgumentType, "States.ArrayLength argument 1"},
  };
  for (const Case& c : cases) {
    std::vector<IntrinsicProblem> found = problems(c.text);
    ASSERT_EQ(found.size(), 1u) << c.text << "\n" << joined(found);
    EXPECT_EQ(found[0].kind, c.kind) << c.text << ": " << found[0].message;
    EXPECT_NE(found[0].message.find(c.fragment), std::string::npos) << c.text << ": " << found[0].message;
  }
}

TEST(IntrinsicCheck, ProblemOffsetsPointAtTheArgument) {
  std::vector<IntrinsicProblem> found = problems("States.Array(1, States.MathAdd(1, 'x'))");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 34u);
  found = problems("States.Array(States.UUID(2))");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].offset, 13u);
}

TEST(IntrinsicCheck, UnknownFunctions) {
  std::vector<IntrinsicProblem> found = problems("States.format('x')");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, IntrinsicProblemKind::UnknownFunction);
  EXPECT_NE(found[0].message.find("unknown intrinsic function 'States.format'; did you mean 'States.Format'?"),
            std::string::npos)
      << found[0].message;

  found = problems("Foo.Bar(States.MathAdd('a', 1))");
  ASSERT_EQ(found.size(), 2u) << joined(found);
  EXPECT_EQ(found[0].kind, IntrinsicProblemKind::UnknownFunction);
  EXPECT_EQ(found[0].message, "unknown intrinsic function 'Foo.Bar'");
  EXPECT_EQ(found[1].kind, IntrinsicProblemKind::ArgumentType);

  // An unknown function's result type is unknown, so it is not an argument-type problem.
  found = problems("States.MathAdd(States.Nope(), 1)");
  ASSERT_EQ(found.size(), 1u) << joined(found);
  EXPECT_EQ(found[0].kind, IntrinsicProblemKind::UnknownFunction);
}

TEST(IntrinsicCheck, ReturnsString) {
  for (const char* text :
       {"States.Format('x')", "States.JsonToString($.a)", "States.Base64Encode('a')", "States.Base64Decode('YQ==')",
        "States.Hash('a', 'MD5')", "States.UUID()", "States.ArrayGetItem($.a, 0)"}) {
    EXPECT_TRUE(intrinsic_returns_string(parsed(text))) << text;
  }
  for (const char* text : {"States.Array(1)", "States.StringToJson('1')", "States.MathAdd(1, 2)",
                           "States.ArrayLength($.a)", "States.JsonMerge($.a, $.b, false)", "States.Nope()"}) {
    EXPECT_FALSE(intrinsic_returns_string(parsed(text))) << text;
  }
}

}  // namespace
}  // namespace sfn
