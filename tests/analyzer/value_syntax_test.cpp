#include "analyzer/value_syntax.h"

#include <gtest/gtest.h>

#include <chrono>

namespace sfn {
namespace {

std::int64_t seconds_of(std::string_view text) {
  std::optional<Instant> instant = parse_timestamp(text);
  EXPECT_TRUE(instant) << text;
  return instant ? instant->seconds : 0;
}

TEST(Timestamp, AcceptedForms) {
  EXPECT_EQ(seconds_of("2016-03-14T01:59:00Z"), 1457920740);
  EXPECT_EQ(seconds_of("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(seconds_of("1969-12-31T23:59:59Z"), -1);
  EXPECT_EQ(seconds_of("0000-01-01T00:00:00Z"), -62167219200);
  EXPECT_EQ(seconds_of("9999-12-31T23:59:59Z"), 253402300799);
  EXPECT_EQ(seconds_of("2020-02-29T12:00:00Z"), 1582977600);
  EXPECT_TRUE(parse_timestamp("2000-02-29T00:00:00Z"));

  // Fractions of any length (asl-semantics §2.5: ":55Z", ":55.00Z", ":55.000000Z").
  for (const char* text : {"2023-01-01T00:00:55Z", "2023-01-01T00:00:55.00Z", "2023-01-01T00:00:55.000000Z"}) {
    std::optional<Instant> instant = parse_timestamp(text);
    ASSERT_TRUE(instant) << text;
    EXPECT_EQ(instant->nanos, 0u) << text;
  }
  EXPECT_EQ(parse_timestamp("2023-01-01T00:00:00.5Z")->nanos, 500000000u);
  EXPECT_EQ(parse_timestamp("2023-01-01T00:00:00.123456789Z")->nanos, 123456789u);
  EXPECT_EQ(parse_timestamp("2023-01-01T00:00:00.1234567899Z")->nanos, 123456789u);  // truncated

  // Offsets name the same instant.
  EXPECT_EQ(parse_timestamp("2016-03-14T01:59:00+01:00"), parse_timestamp("2016-03-14T00:59:00Z"));
  EXPECT_EQ(parse_timestamp("2016-03-14T01:59:00-05:30"), parse_timestamp("2016-03-14T07:29:00Z"));
  EXPECT_EQ(parse_timestamp("2016-03-14T01:59:00-00:00"), parse_timestamp("2016-03-14T01:59:00Z"));
  EXPECT_TRUE(parse_timestamp("2016-03-14T01:59:00+23:59"));

  // Ordering is by instant.
  EXPECT_LT(*parse_timestamp("2016-03-14T01:59:00.1Z"), *parse_timestamp("2016-03-14T01:59:00.2Z"));
  EXPECT_LT(*parse_timestamp("2016-03-14T02:00:00+01:00"), *parse_timestamp("2016-03-14T01:59:00Z"));
}

TEST(Timestamp, RejectedForms) {
  const char* rejected[] = {
      "",
      "2016-03-14T01:59:00",         // no zone
      "2023-01-01T00:00:55.000000",  // no zone after a fraction
      "2016-03-14t01:59:00Z",        // lowercase t
      "2016-03-14T01:59:00z",        // lowercase z
      "2016-13-14T01:59:00Z",        // month 13
      "2016-00-14T01:59:00Z",        // month 0
      "2016-03-14T25:59:00Z",        // hour 25
      "2016-03-14T24:00:00Z",        // hour 24
      "2016-03-14T01:60:00Z",        // minute 60
      "2016-03-14T01:59:60Z",        // no leap seconds
      "2016-03-14 01:59:00Z",        // space instead of T
      "14-03-2016T01:59:00Z",        // DD-MM-YYYY
      "2016-03-32T01:59:00Z",        // day 32
      "2016-04-31T01:59:00Z",        // April has 30 days
      "2019-02-29T00:00:00Z",        // not a leap year
      "1900-02-29T00:00:00Z",        // century, not a leap year
      "2016-03-00T01:59:00Z",        // day 0
      "2016-03-14T01:59:00.Z",       // empty fraction
      "2016-03-14T01:59:00+24:00",   // offset hour 24
      "2016-03-14T01:59:00+01:60",   // offset minute 60
      "2016-03-14T01:59:00+0100",    // offset without colon
      "2016-03-14T01:59:00+01",      // short offset
      "2016-03-14T01:59:00Z ",       // trailing text
      " 2016-03-14T01:59:00Z",       // leading space
      "2016-3-14T01:59:00Z",         // one-digit month
      "2016-03-14T1:59:00Z",         // one-digit hour
      "+2016-03-14T01:59:00Z",       // signed year
      "20160-03-14T01:59:00Z",       // five-digit year
      "2016-03-14T01:59Z",           // no seconds
      "2016-03-14",                  // date only
  };
  for (const char* text : rejected) EXPECT_FALSE(parse_timestamp(text)) << '"' << text << '"';
}

TEST(StringMatches, SpecExamples) {
  EXPECT_TRUE(string_matches("foo23.log", "foo*.log"));
  EXPECT_TRUE(string_matches("zebra.log", "*.log"));
  EXPECT_TRUE(string_matches("foobar.zebra", "foo*.*"));
}

TEST(StringMatches, WholeStringAndCase) {
  EXPECT_TRUE(string_matches("abc", "abc"));
  EXPECT_FALSE(string_matches("abcd", "abc"));
  EXPECT_FALSE(string_matches("xabc", "abc"));
  EXPECT_FALSE(string_matches("ABC", "abc"));
  EXPECT_TRUE(string_matches("", ""));
  EXPECT_TRUE(string_matches("", "*"));
  EXPECT_TRUE(string_matches("", "**"));
  EXPECT_FALSE(string_matches("a", ""));
  EXPECT_TRUE(string_matches("anything", "*"));
  EXPECT_TRUE(string_matches("abcabc", "*abc"));
  EXPECT_TRUE(string_matches("abXbc", "a*bc"));
  EXPECT_FALSE(string_matches("abXbd", "a*bc"));
  EXPECT_TRUE(string_matches("mississippi", "m*iss*ppi"));
  EXPECT_TRUE(string_matches("a?b[c]", "a?b[c]"));  // no other wildcards
  EXPECT_FALSE(string_matches("axb", "a?b"));
  EXPECT_TRUE(string_matches("caf\xc3\xa9.txt", "caf*.txt"));
}

TEST(StringMatches, Escapes) {
  EXPECT_TRUE(string_matches("a*b", "a\\*b"));
  EXPECT_FALSE(string_matches("axb", "a\\*b"));
  EXPECT_TRUE(string_matches("a\\b", "a\\\\b"));
  EXPECT_TRUE(string_matches("x\\y*z", "*\\\\*\\*z"));
  EXPECT_TRUE(string_matches("a\\", "a\\\\"));

  EXPECT_FALSE(check_string_matches_pattern("a\\*b\\\\c*"));
  EXPECT_FALSE(check_string_matches_pattern(""));
  std::optional<std::string> dangling = check_string_matches_pattern("abc\\");
  ASSERT_TRUE(dangling);
  EXPECT_NE(dangling->find("dangling"), std::string::npos) << *dangling;
  EXPECT_NE(dangling->find("offset 3"), std::string::npos) << *dangling;
  std::optional<std::string> unknown = check_string_matches_pattern("a\\nb");
  ASSERT_TRUE(unknown);
  EXPECT_NE(unknown->find("invalid escape '\\n'"), std::string::npos) << *unknown;
  EXPECT_NE(unknown->find("offset 1"), std::string::npos) << *unknown;

  // An invalid pattern matches nothing (at run time it is an error, not a match).
  EXPECT_FALSE(string_matches("abc\\", "abc\\"));
  EXPECT_FALSE(string_matches("a\\nb", "a\\nb"));
}

TEST(StringMatches, PathologicalPatternIsFast) {
  std::string text(200000, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(string_matches(text, "*a*a*a*a*a*b"));
  EXPECT_TRUE(string_matches(text + "b", "*a*a*a*a*a*b"));
  EXPECT_FALSE(string_matches(text, "a*a*a*a*a*a*a*a*a*a*a*ab*"));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST(Jsonata, ExactForm) {
  EXPECT_TRUE(is_jsonata_expression("{% $x %}"));
  EXPECT_TRUE(is_jsonata_expression("{%$x%}"));
  EXPECT_TRUE(is_jsonata_expression("{%%}"));
  EXPECT_FALSE(is_jsonata_expression("{%}"));
  EXPECT_FALSE(is_jsonata_expression(" {% $x %}"));
  EXPECT_FALSE(is_jsonata_expression("{% $x %} "));
  EXPECT_FALSE(is_jsonata_expression("$customerName"));
  EXPECT_FALSE(is_jsonata_expression(""));

  for (const char* text : {" {% $x %}", "{% $x", "$x %}", "{% $x %}{% $y", "x {% y"}) {
    EXPECT_TRUE(looks_like_broken_jsonata(text)) << text;
  }
  for (const char* text : {"{% $x %}", "plain", "100%", "{ % }", ""})
    EXPECT_FALSE(looks_like_broken_jsonata(text)) << text;
}

TEST(Jsonata, ValidExpressions) {
  const char* valid[] = {
      "{% $states.input.x %}",
      "{% $count($states.input.items) > 0 ? 'a' : 'b' %}",
      "{% $x.y[0].z %}",
      "{% {'a': 1, 'b': [1,2]} %}",
      "{% function($v){ $v * 2 }(3) %}",
      "{% $states.input.items[price > 10].name %}",
      "{% $x ~> $uppercase() %}",
      "{% $a := 1; $b := 2; $a + $b %}",
      "{%$x%}",
      "{% -1 %}",
      "{% 1 + -2 - -(3) %}",
      "{% [1..5] %}",
      "{% 1e3 + 2.5E-2 %}",
      "{% \"a\\\"b\\\\c\\/d\\n\\u00e9\" %}",
      "{% 'single' & \"double\" %}",
      "{% /* comment */ $x /* another */ %}",
      "{% $match($s, /^a(b|c)\\/d$/i) %}",
      "{% $split($s, /,/) %}",
      "{% $x / 2 %}",
      "{% Account.Order.Product.% %}",
      "{% Account.*.Price %}",
      "{% $.** %}",
      "{% $ %}",
      "{% $$ %}",
      "{% $sort(items, function($a, $b){ $a.price > $b.price }) %}",
      "{% function($x)<n:n>{ $x + 1 }(2) %}",
      "{% function($x, $y)<a<n>n?:n>{ $x }([1], 2) %}",
      "{% \xce\xbb($x){ $x }(1) %}",
      "{% items^(>price, <name) %}",
      "{% items^($count(tags)) %}",
      "{% $f := $substring(?, 0, 3); $f('hello') %}",
      "{% ($a := 1; $a) %}",
      "{% (1; 2;) %}",
      "{% () %}",
      "{% $x ?: 'default' %}",
      "{% $x ?? 'default' %}",
      "{% `field name`.x %}",
      "{% a and b or c %}",
      "{% 'x' in ['x', 'y'] %}",
      "{% $x[] %}",
      "{% {} %}",
      "{% [] %}",
      "{% $f() %}",
      "{% Account.Order@$o.Product#$i %}",
      "{% $ ~> |Account|{'x': 1}| %}",
      "{% $ ~> |Account|{}, ['a']| %}",
      "{% $x != 1 and $y <= 2 and $z >= 3 and $w = 4 and $v < 5 and $u > 6 %}",
      "{% Account.Order{ OrderID: Price } %}",
      "{% $x ? 'a' %}",
      "{% $a.and.or.in %}",
      "{% $x %  2 %}",
      "{% {'a %}': 1} %}",
      "{% \n  $states.input\n %}",
      "{% $states.input.items[-1] %}",
      "{% $map($x, function($v, $i) { $v + $i }) %}",
      "{% $x.(a + b) %}",
      "{% true and false or null %}",
      "{% $x.function.(a) < 3 and $y > 1 %}",
      "{% $x^(a) < 3 and b > 1 %}",
  };
  for (const char* text : valid) {
    std::optional<JsonataSyntaxError> error = check_jsonata_expression(text);
    EXPECT_FALSE(error) << text << ": " << (error ? error->message : "");
  }
}

TEST(Jsonata, InvalidExpressions) {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* fragment;
  };
  const Case cases[] = {
      {"{% ($x + 1 %}", 3, "unclosed '('"},
      {"{% $x + %}", 6, "operator '+' has no right operand"},
      {"{% %}", 0, "empty JSONata expression"},
      {"{%%}", 0, "empty JSONata expression"},
      {"{% /* only */ %}", 0, "empty JSONata expression"},
      {"{% $states.input.a[0 %}", 18, "unclosed '['"},
      {"{% 1 + %}", 5, "operator '+' has no right operand"},
      {"{% + 1 * %}", 3, "operator '+' has no left operand"},
      {"{% $x) %}", 5, "unmatched ')'"},
      {"{% ($x] %}", 6, "']' does not close the '(' opened at offset 3"},
      {"{% {'a': 1) %}", 10, "')' does not close the '{'"},
      {"{% 'abc %}", 3, "unterminated string literal"},
      {"{% \"a\\q\" %}", 5, "unsupported escape sequence '\\q'"},
      {"{% 'it\\'s' %}", 6, "unsupported escape sequence"},
      {"{% \"\\u00g0\" %}", 4, "four hex digits"},
      {"{% /* x %}", 3, "unterminated comment"},
      {"{% `abc %}", 3, "unterminated name in backticks"},
      {"{% $match($s, /abc) %}", 14, "unterminated regular expression"},
      {"{% $split($s, //) %}", 14, "empty regular expression"},
      {"{% [1,] %}", 5, "expected an expression after ','"},
      {"{% [,1] %}", 4, "expected an expression before ','"},
      {"{% $f(1,,2) %}", 8, "expected an expression before ','"},
      {"{% $x = %}", 6, "operator '=' has no right operand"},
      {"{% - %}", 3, "'-' has no operand"},
      {"{% $a := %}", 6, "operator ':=' has no right operand"},
      {"{% .a %}", 3, "operator '.' has no left operand"},
      {"{% $x ~> %}", 6, "operator '~>' has no right operand"},
      {"{% $x and %}", 6, "operator 'and' has no right operand"},
      {"{% $x + ) %}", 8, "unmatched ')'"},
      {"{% ($x + ) %}", 7, "operator '+' has no right operand"},
      {"{% [1, 2 + ] %}", 9, "operator '+' has no right operand"},
      {"{% $x + + 1 %}", 8, "operator '+' has no left operand"},
      {"{% = 1 %}", 3, "operator '=' has no left operand"},
      {"{% $x; 1 + %}", 9, "operator '+' has no right operand"},
      // Two operands with no operator between them.
      {"{% 10 + * 2 %}", 10, "expected an operator before a number"},
      {"{% $a $b %}", 6, "expected an operator before '$b'"},
      {"{% 'a' 'b' %}", 7, "expected an operator before a string"},
      {"{% ($x) `y` %}", 8, "expected an operator before a name"},
  };
  for (const Case& c : cases) {
    std::optional<JsonataSyntaxError> error = check_jsonata_expression(c.text);
    ASSERT_TRUE(error) << c.text;
    EXPECT_EQ(error->offset, c.offset) << c.text << ": " << error->message;
    EXPECT_NE(error->message.find(c.fragment), std::string::npos) << c.text << ": " << error->message;
  }
  std::optional<JsonataSyntaxError> not_expression = check_jsonata_expression("$x");
  ASSERT_TRUE(not_expression);
  EXPECT_NE(not_expression->message.find("exactly '{% ... %}'"), std::string::npos);
}

TEST(Placeholders, Detection) {
  EXPECT_TRUE(contains_placeholder("arn:${AWS::Partition}:lambda"));
  EXPECT_TRUE(contains_placeholder("${Name}"));
  EXPECT_TRUE(contains_placeholder("a ${!x} b ${y}"));
  EXPECT_TRUE(contains_placeholder("${MyFunction.Arn}"));
  EXPECT_FALSE(contains_placeholder("${!Literal}"));
  EXPECT_FALSE(contains_placeholder("${}"));
  EXPECT_FALSE(contains_placeholder("$Name"));
  EXPECT_FALSE(contains_placeholder("${unterminated"));
  EXPECT_FALSE(contains_placeholder("{% $x %}"));
  EXPECT_FALSE(contains_placeholder(""));

  EXPECT_TRUE(is_whole_placeholder("${Name}"));
  EXPECT_TRUE(is_whole_placeholder("${AWS::Region}"));
  EXPECT_FALSE(is_whole_placeholder("x${Name}"));
  EXPECT_FALSE(is_whole_placeholder("${Name}x"));
  EXPECT_FALSE(is_whole_placeholder("${A}${B}"));
  EXPECT_FALSE(is_whole_placeholder("${!A}"));
  EXPECT_FALSE(is_whole_placeholder(""));
}

TEST(Placeholders, Replacement) {
  EXPECT_EQ(replace_placeholders("arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f", "x"),
            "arn:x:lambda:x:x:function:f");
  EXPECT_EQ(replace_placeholders("${!Literal} ${A}", "x"), "${!Literal} x");
  EXPECT_EQ(replace_placeholders("no placeholders $ { }", "x"), "no placeholders $ { }");
  EXPECT_EQ(replace_placeholders("${A}${B}", "1"), "11");
  EXPECT_EQ(replace_placeholders("${open", "x"), "${open");
}

}  // namespace
}  // namespace sfn
