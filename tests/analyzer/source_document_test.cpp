#include "analyzer/source_document.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace sfn {
namespace {

using Json = nlohmann::json;

// The one fatal problem a parse stopped on.
const ParseProblem& only_problem(const ParseResult& result) {
  EXPECT_EQ(result.problems.size(), 1u);
  return result.problems.front();
}

void expect_position(const SourcePosition* position, std::uint32_t line, std::uint32_t column) {
  ASSERT_NE(position, nullptr);
  EXPECT_EQ(position->line, line);
  EXPECT_EQ(position->column, column);
}

// ---------------------------------------------------------------------------------------------
// Pointers

TEST(JsonPointer, EscapesTildeAndSlash) {
  EXPECT_EQ(escape_pointer_token("a~b/c"), "a~0b~1c");
  EXPECT_EQ(escape_pointer_token("~1"), "~01");
  EXPECT_EQ(append_pointer("/States", "Deploy New Version/CFN"), "/States/Deploy New Version~1CFN");
  EXPECT_EQ(append_pointer("", ""), "/");
  EXPECT_EQ(append_pointer("/Branches", std::size_t{12}), "/Branches/12");
}

// ---------------------------------------------------------------------------------------------
// JSON: values and positions

TEST(ParseJson, BuildsValuesAndRecordsPositionsOfValuesAndKeys) {
  const ParseResult result = parse_json_document(
      "{\n"
      "  \"StartAt\": \"A\",\n"
      "  \"States\": {\n"
      "    \"A\": {\"Type\": \"Pass\", \"Next\": [1, true, null]}\n"
      "  }\n"
      "}\n");
  ASSERT_TRUE(result.ok);
  EXPECT_TRUE(result.problems.empty());
  const Json& root = result.document.root;
  EXPECT_EQ(root["StartAt"], "A");
  EXPECT_EQ(root["States"]["A"]["Next"], Json::array({1, true, nullptr}));

  const SourceDocument& document = result.document;
  expect_position(document.value_position(""), 1, 1);
  expect_position(document.value_position("/StartAt"), 2, 14);
  expect_position(document.key_position("/StartAt"), 2, 3);
  expect_position(document.value_position("/States/A"), 4, 10);
  expect_position(document.key_position("/States/A"), 4, 5);
  expect_position(document.value_position("/States/A/Type"), 4, 19);
  expect_position(document.key_position("/States/A/Next"), 4, 27);
  expect_position(document.value_position("/States/A/Next/2"), 4, 45);
  EXPECT_EQ(document.value_position("/States/B"), nullptr);
  EXPECT_EQ(document.value_position("/States/A/Next")->offset, 68u);
}

TEST(ParseJson, ColumnsCountCodePointsNotBytes) {
  // "é" is 2 bytes, "€" 3, "😀" 4: each is one column.
  const ParseResult result = parse_json_document("{\"é€😀\": \"x\", \"b\": 1}");
  ASSERT_TRUE(result.ok);
  expect_position(result.document.key_position("/é€😀"), 1, 2);
  expect_position(result.document.value_position("/é€😀"), 1, 9);
  expect_position(result.document.key_position("/b"), 1, 14);
  EXPECT_EQ(result.document.value_position("/é€😀")->offset, 14u);
}

TEST(ParseJson, TabCountsOneColumnAndCrLfIsOneBreak) {
  const ParseResult result = parse_json_document("{\r\n\t\"a\": 1,\r\n\t\"b\": 2\r}");
  ASSERT_TRUE(result.ok);
  expect_position(result.document.key_position("/a"), 2, 2);
  expect_position(result.document.value_position("/b"), 3, 7);
  expect_position(result.document.value_position(""), 1, 1);
}

TEST(ParseJson, PointersEscapeMemberNames) {
  const ParseResult result = parse_json_document(R"({"States": {"Deploy New Version/CFN": {"a~b": 1}}})");
  ASSERT_TRUE(result.ok);
  expect_position(result.document.value_position("/States/Deploy New Version~1CFN"), 1, 39);
  expect_position(result.document.value_position("/States/Deploy New Version~1CFN/a~0b"), 1, 47);
}

TEST(ParseJson, LineTextHasNoLineBreak) {
  const ParseResult result = parse_json_document("{\r\n  \"a\": 1\n}");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.line_text(1), "{");
  EXPECT_EQ(result.document.line_text(2), "  \"a\": 1");
  EXPECT_EQ(result.document.line_text(3), "}");
  EXPECT_EQ(result.document.line_text(4), "");
  EXPECT_EQ(result.document.line_text(0), "");
}

TEST(ParseJson, SkipsByteOrderMark) {
  const ParseResult result = parse_json_document("\xEF\xBB\xBF{\"a\": 1}");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.root["a"], 1);
  expect_position(result.document.value_position(""), 1, 1);
  expect_position(result.document.value_position("/a"), 1, 7);
  EXPECT_EQ(result.document.value_position("")->offset, 3u);
  EXPECT_EQ(result.document.line_text(1), "{\"a\": 1}");
}

TEST(ParseJson, DecodesEscapesAndSurrogatePairs) {
  const ParseResult result = parse_json_document(R"(["\"\\\/\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "\u0000"])");
  ASSERT_TRUE(result.ok);
  const Json& root = result.document.root;
  EXPECT_EQ(root[0], "\"\\/\b\f\n\r\t");
  EXPECT_EQ(root[1], "é€");
  EXPECT_EQ(root[2], "😀");
  EXPECT_EQ(root[3].get<std::string>(), std::string(1, '\0'));
}

TEST(ParseJson, TypesNumbers) {
  const ParseResult result = parse_json_document(
      "[9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551616, "
      "-0, -0.0, 1.5e3, 1E-2, 0, 1e-400]");
  ASSERT_TRUE(result.ok);
  const Json& root = result.document.root;
  EXPECT_TRUE(root[0].is_number_integer() && !root[0].is_number_unsigned());
  EXPECT_EQ(root[0].get<std::int64_t>(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(root[1].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  EXPECT_TRUE(root[2].is_number_unsigned());
  EXPECT_EQ(root[2].get<std::uint64_t>(), 9223372036854775808ull);
  EXPECT_TRUE(root[3].is_number_float());
  EXPECT_DOUBLE_EQ(root[3].get<double>(), 18446744073709551616.0);
  EXPECT_TRUE(root[4].is_number_integer());
  EXPECT_EQ(root[4].get<std::int64_t>(), 0);
  EXPECT_TRUE(root[5].is_number_float());
  EXPECT_TRUE(std::signbit(root[5].get<double>()));
  EXPECT_DOUBLE_EQ(root[6].get<double>(), 1500.0);
  EXPECT_DOUBLE_EQ(root[7].get<double>(), 0.01);
  EXPECT_TRUE(root[8].is_number_integer());
  EXPECT_EQ(root[9].get<double>(), 0.0);
}

TEST(ParseJson, RejectsNumbersOutsideTheGrammarOrRange) {
  for (const char* text : {"[01]", "[+1]", "[-]", "[1.]", "[.5]", "[1e]", "[NaN]", "[Infinity]", "[0x10]", "[1e400]"}) {
    const ParseResult result = parse_json_document(text);
    EXPECT_FALSE(result.ok) << text;
    ASSERT_FALSE(result.problems.empty()) << text;
    EXPECT_EQ(result.problems.front().rule, "invalid-json") << text;
  }
  EXPECT_EQ(parse_json_document("[01]").problems.front().message, "invalid number: leading zeros are not allowed");
  EXPECT_EQ(parse_json_document("[1e400]").problems.front().message, "number out of range: 1e400");
}

TEST(ParseJson, EmptyContainersAndScalarRoots) {
  EXPECT_EQ(parse_json_document("{}").document.root, Json::object());
  EXPECT_EQ(parse_json_document(" [ ] ").document.root, Json::array());
  EXPECT_EQ(parse_json_document("\"x\"").document.root, "x");
  EXPECT_EQ(parse_json_document("null").document.root, nullptr);
  const ParseResult result = parse_json_document(R"({"": {"": 1}})");
  ASSERT_TRUE(result.ok);
  expect_position(result.document.value_position("//"), 1, 11);
}

// ---------------------------------------------------------------------------------------------
// JSON: problems

TEST(ParseJson, DuplicateKeyIsReportedAndLastValueWins) {
  const ParseResult result = parse_json_document(
      "{\n"
      "  \"a\": 1,\n"
      "  \"a\": {\"x\": 2},\n"
      "  \"a\": 3\n"
      "}");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.root["a"], 3);
  ASSERT_EQ(result.problems.size(), 2u);
  for (const ParseProblem& problem : result.problems) {
    EXPECT_EQ(problem.rule, "duplicate-key");
    EXPECT_FALSE(problem.fatal);
    EXPECT_EQ(problem.pointer, "/a");
    EXPECT_EQ(problem.message, "duplicate key \"a\" (first at line 2)");
  }
  EXPECT_EQ(result.problems[0].position.line, 3u);
  EXPECT_EQ(result.problems[0].position.column, 3u);
  EXPECT_EQ(result.problems[1].position.line, 4u);
}

struct InvalidJsonCase {
  const char* text;
  const char* message;
  std::uint32_t line;
  std::uint32_t column;
};

TEST(ParseJson, SyntaxErrorsSayWhatWasExpectedAndWhere) {
  const InvalidJsonCase cases[] = {
      {"{\"a\": 1 x}", "expected ',' or '}' after object member, found 'x'", 1, 9},
      {"[1 2]", "expected ',' or ']' after array element, found '2'", 1, 4},
      {"{\"a\" 1}", "expected ':' after member name, found '1'", 1, 6},
      {"{\"a\": 1,}", "expected a member name (a string) after ',', found '}'", 1, 9},
      {"{a: 1}", "expected a member name (a string) or '}', found 'a'", 1, 2},
      {"[1,]", "expected a JSON value after ',', found ']'", 1, 4},
      {"{\"a\":\n  }", "expected a value after ':', found '}'", 2, 3},
      {"{\"a\": \"b", "unexpected end of input: unterminated string", 1, 7},
      {"{\"a\": 1", "unexpected end of input: expected ',' or '}' after object member", 1, 8},
      {"[", "unexpected end of input: expected a JSON value or ']'", 1, 2},
      {"{} {}", "trailing content after the JSON value", 1, 4},
      {"[tru]", "invalid literal: expected 'true'", 1, 2},
      {"[\"a\nb\"]", "control character U+000A must be escaped in a string", 1, 4},
      {"[\"\\x\"]", "invalid escape in string: '\\' followed by 'x'", 1, 3},
      {"[\"\\u12\"]", "invalid \\u escape: expected 4 hex digits", 1, 3},
      {"[\"ab\\ud83d\"]",
       "lone high surrogate \\ud83d in string (it must be followed by a low surrogate \\uDC00-\\uDFFF)", 1, 5},
      {"[\"\\ud83d\\u0041\"]",
       "lone high surrogate \\ud83d in string (it must be followed by a low surrogate \\uDC00-\\uDFFF)", 1, 3},
      {"[\"\\ude00\"]", "lone low surrogate \\ude00 in string (it must follow a high surrogate \\uD800-\\uDBFF)", 1, 3},
      {"[\u00a0]", "expected a JSON value or ']', found '\u00a0' (U+00A0)", 1, 2},
      {"é", "expected a JSON value, found 'é' (U+00E9)", 1, 1},
  };
  for (const InvalidJsonCase& test : cases) {
    const ParseResult result = parse_json_document(test.text);
    EXPECT_FALSE(result.ok) << test.text;
    ASSERT_EQ(result.problems.size(), 1u) << test.text;
    const ParseProblem& problem = result.problems.front();
    EXPECT_EQ(problem.rule, "invalid-json") << test.text;
    EXPECT_TRUE(problem.fatal);
    EXPECT_EQ(problem.message, test.message) << test.text;
    EXPECT_EQ(problem.position.line, test.line) << test.text;
    EXPECT_EQ(problem.position.column, test.column) << test.text;
  }
}

TEST(ParseJson, ErrorCarriesPointerOfEnclosingValue) {
  const ParseResult result = parse_json_document(R"({"States": {"A": {"Type": "Pass" "Next"}}})");
  EXPECT_EQ(only_problem(result).pointer, "/States/A");
  EXPECT_TRUE(result.document.root.is_null());
}

TEST(ParseJson, EmptyFile) {
  const ParseResult empty = parse_json_document("");
  EXPECT_FALSE(empty.ok);
  EXPECT_EQ(only_problem(empty).rule, "empty-file");
  EXPECT_EQ(only_problem(empty).message, "file is empty");
  const ParseResult blank = parse_json_document(" \n\t\r\n");
  EXPECT_EQ(only_problem(blank).rule, "empty-file");
  EXPECT_EQ(only_problem(blank).message, "file contains only whitespace");
  EXPECT_EQ(only_problem(parse_json_document("\xEF\xBB\xBF")).rule, "empty-file");
}

TEST(ParseJson, FileTooLargeIsRefusedBeforeScanning) {
  ParseLimits limits;
  limits.max_file_bytes = 10;
  const ParseResult result = parse_json_document("[\xff 1, 2, 3, 4, 5]", limits);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(only_problem(result).rule, "file-too-large");
  EXPECT_EQ(only_problem(result).message, "file is 17 bytes; the limit is 10 bytes");
}

TEST(ParseJson, InvalidUtf8AnywhereIsFatalWithItsPosition) {
  const struct {
    std::string text;
    std::string message;
    std::uint32_t line;
    std::uint32_t column;
  } cases[] = {
      {"{\"a\": \"\xff\"}", "invalid UTF-8 byte 0xff", 1, 8},
      {"{\n \"é\": 1 \xfe}", "invalid UTF-8 byte 0xfe", 2, 9},
      {"[\"\xc0\xaf\"]", "invalid UTF-8 byte 0xc0 (overlong encoding)", 1, 3},
      {"[\"\xe0\x80\xaf\"]", "invalid UTF-8 byte 0xe0 (overlong encoding)", 1, 3},
      {"[\"\xed\xa0\x80\"]", "invalid UTF-8 byte 0xed (UTF-16 surrogate encoded in UTF-8)", 1, 3},
      {"[\"\xf4\x90\x80\x80\"]", "invalid UTF-8 byte 0xf4 (code point above U+10FFFF)", 1, 3},
      {"[\"\xe2\x82\"]", "invalid UTF-8 byte 0xe2 (truncated multi-byte sequence)", 1, 3},
      {"[\"\x80\"]", "invalid UTF-8 byte 0x80 (unexpected continuation byte)", 1, 3},
      {"[1] \xc3", "invalid UTF-8 byte 0xc3 (truncated multi-byte sequence)", 1, 5},
  };
  for (const auto& test : cases) {
    const ParseResult result = parse_json_document(test.text);
    EXPECT_FALSE(result.ok) << test.message;
    ASSERT_EQ(result.problems.size(), 1u) << test.message;
    EXPECT_EQ(result.problems.front().rule, "invalid-utf8");
    EXPECT_EQ(result.problems.front().message, test.message);
    EXPECT_EQ(result.problems.front().position.line, test.line) << test.message;
    EXPECT_EQ(result.problems.front().position.column, test.column) << test.message;
  }
}

TEST(ParseJson, DepthLimitCountsArraysAndObjectsFromOne) {
  ParseLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(parse_json_document(R"({"a": [{}]})", limits).ok);
  const ParseResult result = parse_json_document(R"({"a": [{"b": []}]})", limits);
  EXPECT_FALSE(result.ok);
  const ParseProblem& problem = only_problem(result);
  EXPECT_EQ(problem.rule, "too-deeply-nested");
  EXPECT_EQ(problem.message, "nesting exceeds 3 levels");
  EXPECT_EQ(problem.pointer, "/a/0/b");
  EXPECT_EQ(problem.position.column, 14u);
}

TEST(ParseJson, HundredThousandLevelsStopAtTheLimitWithoutRecursing) {
  const std::string text = std::string(100'000, '[') + std::string(100'000, ']');
  const ParseResult result = parse_json_document(text);
  EXPECT_FALSE(result.ok);
  const ParseProblem& problem = only_problem(result);
  EXPECT_EQ(problem.rule, "too-deeply-nested");
  EXPECT_EQ(problem.message, "nesting exceeds 256 levels");
  EXPECT_EQ(problem.position.column, 257u);
  EXPECT_TRUE(parse_json_document(std::string(256, '[') + std::string(256, ']')).ok);
}

// A generated machine of 5,000 states (about 1.5 MB) parses and every state has a position.
TEST(ParseJson, LargeGeneratedDefinition) {
  std::string text = "{\"StartAt\": \"S0\", \"States\": {\n";
  constexpr int kStates = 5000;
  for (int i = 0; i < kStates; ++i) {
    const std::string name = "S" + std::to_string(i);
    const std::string next = i + 1 < kStates ? "\"Next\": \"S" + std::to_string(i + 1) + "\"" : "\"End\": true";
    text += "  \"" + name + "\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", " +
            "\"Parameters\": {\"FunctionName\": \"arn:aws:lambda:us-east-1:123456789012:function:f" +
            std::to_string(i) + "\", \"Payload.$\": \"$.input\", \"Tags\": [\"é\", 1, 2.5, null, false]}, " +
            "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 2, \"MaxAttempts\": 3}], " + next +
            "}" + (i + 1 < kStates ? "," : "") + "\n";
  }
  text += "}}\n";
  EXPECT_GT(text.size(), 1'500'000u);
  const ParseResult result = parse_json_document(text);
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.root["States"].size(), 5000u);
  expect_position(result.document.key_position("/States/S4999"), 5001, 3);
  // Column 214 in code points; the "é" before it makes it byte 215.
  expect_position(result.document.value_position("/States/S4999/Parameters/Tags/4"), 5001, 214);
}

// ---------------------------------------------------------------------------------------------
// YAML

TEST(ParseYaml, TypesPlainScalarsByTheCoreSchema) {
  const ParseResult result = parse_yaml_document(
      "nulls: [null, ~, Null, ]\n"
      "empty:\n"
      "bools: [true, True, TRUE, false, FALSE, yes, on]\n"
      "ints: [0, -12, +7, 0x1F, 0o17, 9223372036854775807, 18446744073709551615]\n"
      "floats: [1.5, -2e3, .5, .inf, -.Inf, .nan]\n"
      "strings: [\"1\", '2', abc, 1.2.3, 0x, \"true\"]\n"
      "block: |\n"
      "  42\n");
  ASSERT_TRUE(result.ok) << result.problems.front().message;
  const Json& root = result.document.root;
  EXPECT_TRUE(root["nulls"][0].is_null());
  EXPECT_TRUE(root["nulls"][1].is_null());
  EXPECT_TRUE(root["nulls"][2].is_null());
  EXPECT_TRUE(root["empty"].is_null());
  EXPECT_EQ(root["bools"], Json::parse(R"([true, true, true, false, false, "yes", "on"])"));
  EXPECT_TRUE(root["ints"][0].is_number_integer());
  EXPECT_EQ(root["ints"][1], -12);
  EXPECT_EQ(root["ints"][2], 7);
  EXPECT_EQ(root["ints"][3], 31);
  EXPECT_EQ(root["ints"][4], 15);
  EXPECT_EQ(root["ints"][5].get<std::int64_t>(), std::numeric_limits<std::int64_t>::max());
  EXPECT_TRUE(root["ints"][6].is_number_unsigned());
  EXPECT_DOUBLE_EQ(root["floats"][0].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(root["floats"][1].get<double>(), -2000.0);
  EXPECT_DOUBLE_EQ(root["floats"][2].get<double>(), 0.5);
  EXPECT_TRUE(std::isinf(root["floats"][3].get<double>()));
  EXPECT_LT(root["floats"][4].get<double>(), 0);
  EXPECT_TRUE(std::isnan(root["floats"][5].get<double>()));
  EXPECT_EQ(root["strings"], Json::parse(R"(["1", "2", "abc", "1.2.3", "0x", "true"])"));
  EXPECT_EQ(root["block"], "42\n");
}

TEST(ParseYaml, CloudFormationShortFormsBecomeLongForms) {
  const ParseResult result = parse_yaml_document(
      "a: !Ref Param\n"
      "b: !Sub \"arn:${AWS::Region}\"\n"
      "c: !GetAtt Fn.Arn.Sub\n"
      "d: !Join [\":\", [x, !Ref y]]\n"
      "e: !GetAtt [Fn, Arn]\n"
      "f: !If\n"
      "  - Cond\n"
      "  - 1\n"
      "g: !Condition IsProd\n"
      "h: !!str 12\n");
  ASSERT_TRUE(result.ok) << result.problems.front().message;
  const Json& root = result.document.root;
  EXPECT_EQ(root["a"], Json::parse(R"({"Ref": "Param"})"));
  EXPECT_EQ(root["b"], Json::parse(R"({"Fn::Sub": "arn:${AWS::Region}"})"));
  EXPECT_EQ(root["c"], Json::parse(R"({"Fn::GetAtt": ["Fn", "Arn.Sub"]})"));
  EXPECT_EQ(root["d"], Json::parse(R"({"Fn::Join": [":", ["x", {"Ref": "y"}]]})"));
  EXPECT_EQ(root["e"], Json::parse(R"({"Fn::GetAtt": ["Fn", "Arn"]})"));
  EXPECT_EQ(root["f"], Json::parse(R"({"Fn::If": ["Cond", 1]})"));
  EXPECT_EQ(root["g"], Json::parse(R"({"Condition": "IsProd"})"));
  EXPECT_EQ(root["h"], "12");
  expect_position(result.document.value_position("/d/Fn::Join/1/1/Ref"), 4, 20);
  expect_position(result.document.value_position("/c/Fn::GetAtt/1"), 3, 4);
}

TEST(ParseYaml, RecordsPositionsInCodePoints) {
  const ParseResult result = parse_yaml_document(
      "\xEF\xBB\xBF"
      "StartAt: A\r\n"
      "States:\n"
      "  \"Ünïcödé/A\":\n"
      "    Type: Pass\n"
      "    Comment: ééé  # x\n"
      "    Next: [é, b]\n"
      "  B:\n");
  ASSERT_TRUE(result.ok) << result.problems.front().message;
  const SourceDocument& document = result.document;
  expect_position(document.value_position(""), 1, 1);
  expect_position(document.value_position("/StartAt"), 1, 10);
  expect_position(document.key_position("/States/Ünïcödé~1A"), 3, 3);
  expect_position(document.value_position("/States/Ünïcödé~1A"), 4, 5);
  expect_position(document.value_position("/States/Ünïcödé~1A/Type"), 4, 11);
  expect_position(document.value_position("/States/Ünïcödé~1A/Next/1"), 6, 15);
  // An empty value has no mark of its own: it points at its key.
  expect_position(document.value_position("/States/B"), 7, 3);
  EXPECT_EQ(document.line_text(3), "  \"Ünïcödé/A\":");
  EXPECT_EQ(document.line_text(1), "StartAt: A");
}

TEST(ParseYaml, DuplicateKeysAreReportedAndLastValueWins) {
  const ParseResult result = parse_yaml_document("a: 1\nb: 2\na: 3\n");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.root["a"], 3);
  const ParseProblem& problem = only_problem(result);
  EXPECT_EQ(problem.rule, "duplicate-key");
  EXPECT_FALSE(problem.fatal);
  EXPECT_EQ(problem.message, "duplicate key \"a\" (first at line 1)");
  EXPECT_EQ(problem.pointer, "/a");
  EXPECT_EQ(problem.position.line, 3u);
  EXPECT_EQ(problem.position.column, 1u);
}

TEST(ParseYaml, AnchorsAndAliasesAreCopied) {
  const ParseResult result = parse_yaml_document("base: &b {x: 1}\ncopy: *b\nname: &n hi\nagain: *n\n");
  ASSERT_TRUE(result.ok);
  EXPECT_EQ(result.document.root["copy"], Json::parse(R"({"x": 1})"));
  EXPECT_EQ(result.document.root["again"], "hi");
  expect_position(result.document.value_position("/copy"), 2, 7);
}

TEST(ParseYaml, SyntaxErrorIsFatalWithPosition) {
  const ParseResult result = parse_yaml_document("a: 1\nb: [1, 2\n");
  EXPECT_FALSE(result.ok);
  const ParseProblem& problem = only_problem(result);
  EXPECT_EQ(problem.rule, "invalid-yaml");
  EXPECT_FALSE(problem.message.empty());
  EXPECT_GE(problem.position.line, 2u);
}

TEST(ParseYaml, RefusesWhatIsNotOneDefinition) {
  EXPECT_EQ(only_problem(parse_yaml_document("")).rule, "empty-file");
  EXPECT_EQ(only_problem(parse_yaml_document("  \n\n")).message, "file contains only whitespace");
  EXPECT_EQ(only_problem(parse_yaml_document("# only a comment\n")).rule, "empty-file");
  EXPECT_EQ(only_problem(parse_yaml_document("a: \xff\n")).rule, "invalid-utf8");
  EXPECT_EQ(only_problem(parse_yaml_document("a: 1\n---\nb: 2\n")).rule, "invalid-yaml");
  EXPECT_TRUE(parse_yaml_document("a: 1\n---\n").ok);
  EXPECT_EQ(only_problem(parse_yaml_document(std::string("a: 1\nb: \0", 10))).rule, "invalid-yaml");
  EXPECT_EQ(only_problem(parse_yaml_document("? [a]\n: 1\n")).message, "mapping keys must be scalars");
  EXPECT_EQ(only_problem(parse_yaml_document("&a [*a]")).rule, "invalid-yaml");
  // yaml-cpp 0.7 would return empty documents forever here.
  const ParseResult stray_comma = parse_yaml_document("\n,a: 1\n");
  EXPECT_EQ(only_problem(stray_comma).message, "unexpected ','");
  EXPECT_EQ(only_problem(stray_comma).position.line, 2u);
  ParseLimits limits;
  limits.max_file_bytes = 3;
  EXPECT_EQ(only_problem(parse_yaml_document("a: 1", limits)).rule, "file-too-large");
}

TEST(ParseYaml, DepthLimit) {
  ParseLimits limits;
  limits.max_depth = 2;
  EXPECT_TRUE(parse_yaml_document("a: [1]\n", limits).ok);
  const ParseResult result = parse_yaml_document("a:\n  b:\n    c: 1\n", limits);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(only_problem(result).rule, "too-deeply-nested");
  EXPECT_EQ(only_problem(result).message, "nesting exceeds 2 levels");
  EXPECT_EQ(only_problem(result).pointer, "/a/b");
  EXPECT_EQ(only_problem(result).position.line, 3u);
}

TEST(ParseYaml, HundredThousandLevelsStopAtTheLimit) {
  std::string dashes;
  std::string mappings;
  for (int i = 0; i < 100'000; ++i) {
    dashes += "- ";
    mappings += "{a: ";
  }
  const std::string texts[] = {
      std::string(100'000, '[') + std::string(100'000, ']'),
      std::string(100'000, '['),  // unterminated: yaml-cpp reads it as a complex key
      mappings,
      dashes + "x\n",
  };
  for (const std::string& text : texts) {
    const ParseResult result = parse_yaml_document(text);
    EXPECT_FALSE(result.ok);
    EXPECT_EQ(only_problem(result).rule, "too-deeply-nested");
    EXPECT_EQ(only_problem(result).message, "nesting exceeds 256 levels");
  }
}

TEST(ParseYaml, AliasExpansionIsBounded) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string previous = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += previous + (k < 9 ? ", " : "]\n");
  }
  const ParseResult result = parse_yaml_document(text);
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(only_problem(result).rule, "invalid-yaml");
}

}  // namespace
}  // namespace sfn
