// The JSONata runtime on expressions (asl-semantics.md §8): values, undefined vs null, sequences,
// operator typing, the function library and its errors, what the runtime reads ($states, variables,
// the clock and the seeded random source) and what it refuses while evaluating.

#include <gtest/gtest.h>

#include "analyzer/jsonata_syntax.h"
#include "interpreter/jsonata_eval.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

// "undefined", "error <CODE>: <message>", "unsupported: <construct>", or the value as compact JSON.
std::string evaluate(const std::string& expression, const JsonataBindings& bindings) {
  JsonataParseResult parsed = parse_jsonata(expression);
  if (!parsed.expression) {
    return parsed.error ? "parse error " + parsed.error->message : parsed.unsupported->message();
  }
  JsonataResult result = evaluate_jsonata(*parsed.expression, bindings);
  if (result.error) return "error " + *result.error;
  if (result.unsupported) return *result.unsupported;
  return result.value ? result.value->dump() : "undefined";
}

std::string evaluate_on(const std::string& expression, const json& input) {
  JsonataBindings bindings;
  bindings.input = &input;
  return evaluate(expression, bindings);
}

struct Case {
  const char* expression;
  const char* input;  // $states.input
  const char* expected;
};

// Every expectation here was cross-checked against the reference implementation (jsonata-js
// 2.2.2, which behaves as Step Functions' 2.0.6 on these), with $states bound the same way. Numbers
// are compared as JSON values, so 1 and 1.0 are alike; integers that stay integers print as such.
TEST(JsonataEval, AgreesWithTheReferenceImplementation) {
  const Case cases[] = {
      // Paths, filters and grouping: a path over an array maps and flattens, one item unwraps
    {R"j($states.input.a.b)j", R"j({"a":[{"b":1},{"b":[2,3]},{"c":4}]})j", R"j([1,2,3])j"},
    {R"j($states.input.a.b.c)j", R"j({"a":[{"b":{"c":1}},{"b":[{"c":2},{"c":[3]}]}]})j", R"j([1,2,3])j"},
    {R"j($states.input.a[0])j", R"j({"a":[1,2,3]})j", R"j(1)j"},
    {R"j($states.input.a[-1])j", R"j({"a":[1,2,3]})j", R"j(3)j"},
    {R"j($states.input.a[b>1].b)j", R"j({"a":[{"b":1},{"b":2},{"b":3}]})j", R"j([2,3])j"},
    {R"j($states.input.a[[0,2]])j", R"j({"a":[1,2,3]})j", R"j([1,3])j"},
    {R"j($states.input.a[0][0])j", R"j({"a":[[1,2],[3]]})j", R"j(1)j"},
    {R"j($states.input.a.b[0])j", R"j({"a":[{"b":[1,2]},{"b":[3,4]}]})j", R"j([1,3])j"},
    {R"j(($states.input.a.b)[0])j", R"j({"a":[{"b":[1,2]},{"b":[3,4]}]})j", R"j(1)j"},
    {R"j($states.input.a[])j", R"j({"a":1})j", R"j([1])j"},
    {R"j($states.input.a.b[])j", R"j({"a":[{"b":1}]})j", R"j([1])j"},
    {R"j($states.input.x)j", R"j({"a":1})j", R"j(undefined)j"},
    {R"j($states.input.a.*)j", R"j({"a":{"x":1,"y":[2,3]}})j", R"j([1,2,3])j"},
    {R"j($states.input.`a b`)j", R"j({"a b":5})j", R"j(5)j"},
    {R"j($states.input.items[price > 10].name)j", R"j({"items":[{"name":"a","price":5},{"name":"b","price":15},{"name":"c","price":25}]})j", R"j(["b","c"])j"},
    {R"j($states.input.items{name: price})j", R"j({"items":[{"name":"a","price":5},{"name":"b","price":15},{"name":"a","price":25}]})j", R"j({"a":[5,25],"b":15})j"},
    {R"j($states.input.items{"total": $sum(price)})j", R"j({"items":[{"name":"a","price":5},{"name":"b","price":15}]})j", R"j({"total":20})j"},
    {R"j($states.input.a.($ & "!"))j", R"j({"a":["x","y"]})j", R"j(["x!","y!"])j"},
    {R"j($states.input.a.$uppercase())j", R"j({"a":"x"})j", R"j("X")j"},
      // Array and object constructors, ranges
    {R"j([$states.input.a])j", R"j({"a":[1,2]})j", R"j([1,2])j"},
    {R"j([[1,2]])j", R"j({})j", R"j([[1,2]])j"},
    {R"j([1..3, 7, [8,9]])j", R"j({})j", R"j([1,2,3,7,[8,9]])j"},
    {R"j([3..1])j", R"j({})j", R"j([])j"},
    {R"j([1.5..3])j", R"j({})j", R"j(error T2003: The left side of the range operator (..) must evaluate to an integer)j"},
    {R"j({"a": 1, "b": [1,2], "c": $states.input.x})j", R"j({})j", R"j({"a":1,"b":[1,2]})j"},
    {R"j({"a": 1, "a": 2})j", R"j({})j", R"j(error D1009: Multiple key definitions evaluate to same key: "a")j"},
    {R"j({1: 2})j", R"j({})j", R"j(error T1003: Key in object structure must evaluate to a string; got: 1)j"},
      // Arithmetic only on numbers (T2001/T2002, D1002), & on anything
    {R"j(1+2)j", R"j({})j", R"j(3)j"},
    {R"j(1/3)j", R"j({})j", R"j(0.3333333333333333)j"},
    {R"j(-5 % 3)j", R"j({})j", R"j(-2)j"},
    {R"j("a" & 1.5 & true & null)j", R"j({})j", R"j("a1.5truenull")j"},
    {R"j(1 & [1,2] & {"a":1})j", R"j({})j", R"j("1[1,2]{\"a\":1}")j"},
    {R"j("a" + 1)j", R"j({})j", R"j(error T2001: The left side of the "+" operator must evaluate to a number)j"},
    {R"j(-"a")j", R"j({})j", R"j(error D1002: Cannot negate a non-numeric value: "a")j"},
    {R"j($states.input.x + 1)j", R"j({})j", R"j(undefined)j"},
      // = across types is false; < only on two numbers or two strings (T2009/T2010); and/or cast; in; ?:
    {R"j([1,2] = [1,2])j", R"j({})j", R"j(true)j"},
    {R"j({"a":1} = {"a":1})j", R"j({})j", R"j(true)j"},
    {R"j(1 = "1")j", R"j({})j", R"j(false)j"},
    {R"j($states.input.x = 1)j", R"j({})j", R"j(false)j"},
    {R"j(1 < "a")j", R"j({})j", R"j(error T2009: The values 1 and "a" either side of operator "<" must be of the same data type)j"},
    {R"j(null < 1)j", R"j({})j", R"j(error T2010: The expressions either side of operator "<" must evaluate to numeric or string values)j"},
    {R"j($states.input.x < 1)j", R"j({})j", R"j(undefined)j"},
    {R"j("B" < "a")j", R"j({})j", R"j(true)j"},
    {R"j(true and 1)j", R"j({})j", R"j(true)j"},
    {R"j(0 or "")j", R"j({})j", R"j(false)j"},
    {R"j(1 in [1,2])j", R"j({})j", R"j(true)j"},
    {R"j([1] in [[1]])j", R"j({})j", R"j(false)j"},
    {R"j($states.input.a ? "yes" : "no")j", R"j({"a":[]})j", R"j("no")j"},
    {R"j($states.input.a ? "yes")j", R"j({"a":0})j", R"j(undefined)j"},
      // Blocks, bindings, lambdas (recursion, tail calls keep a sequence)
    {R"j(($x := 5; $y := $x * 2; $x + $y))j", R"j({})j", R"j(15)j"},
    {R"j(($f := function($n){ $n <= 1 ? 1 : $n * $f($n - 1) }; $f(10)))j", R"j({})j", R"j(3628800)j"},
    {R"j($map([1,2], function($v){ $filter([$v], function($x){true}) }))j", R"j({})j", R"j([[1],[2]])j"},
      // The function library, its signatures (T0410/T0412) and errors
    {R"j($count(5))j", R"j({})j", R"j(1)j"},
    {R"j($sum([1,"a"]))j", R"j({})j", R"j(error T0412: Argument 1 of function "sum" must be an array of "numbers")j"},
    {R"j($sum(["a"]))j", R"j({})j", R"j(error T0412: Argument 1 of function "sum" must be an array of "numbers")j"},
    {R"j($max([1,5,3]))j", R"j({})j", R"j(5)j"},
    {R"j($average([1,2]))j", R"j({})j", R"j(1.5)j"},
    {R"j($string(1/3))j", R"j({})j", R"j("0.333333333333333")j"},
    {R"j($string({"a":1/3, "b":[1,2]}))j", R"j({})j", R"j("{\"a\":0.333333333333333,\"b\":[1,2]}")j"},
    {R"j($string(1e21))j", R"j({})j", R"j("1e+21")j"},
    {R"j($string(0.1+0.2))j", R"j({})j", R"j("0.3")j"},
    {R"j($length("héllo"))j", R"j({})j", R"j(5)j"},
    {R"j($substring("hello", -3, 2))j", R"j({})j", R"j("ll")j"},
    {R"j($substringBefore("a-b-c", "-"))j", R"j({})j", R"j("a")j"},
    {R"j($uppercase("abc"))j", R"j({})j", R"j("ABC")j"},
    {R"j($trim("  a   b \n c  "))j", R"j({})j", R"j("a b c")j"},
    {R"j($contains("hello", "ell"))j", R"j({})j", R"j(true)j"},
    {R"j($split("a,b,c", ",", 2))j", R"j({})j", R"j(["a","b"])j"},
    {R"j($join(["a","b"], "-"))j", R"j({})j", R"j("a-b")j"},
    {R"j($number("0x1F"))j", R"j({})j", R"j(31)j"},
    {R"j($number("abc"))j", R"j({})j", R"j(error D3030: Unable to cast value to a number: "abc")j"},
    {R"j($round(2.5))j", R"j({})j", R"j(2)j"},
    {R"j($round(-2.5))j", R"j({})j", R"j(-2)j"},
    {R"j($round(1.005, 2))j", R"j({})j", R"j(1)j"},
    {R"j($round(123.456, -1))j", R"j({})j", R"j(120)j"},
    {R"j($floor(-1.5))j", R"j({})j", R"j(-2)j"},
    {R"j($sqrt(-1))j", R"j({})j", R"j(error D3060: The sqrt function cannot be applied to a negative number: -1)j"},
    {R"j($power(10, 400))j", R"j({})j", R"j(error D3061: The power function has resulted in a value that cannot be represented as a JSON number: base=10, exponent=400)j"},
    {R"j($boolean([0, 1]))j", R"j({})j", R"j(true)j"},
    {R"j($not($states.input.x))j", R"j({})j", R"j(undefined)j"},
    {R"j($exists($states.input.a))j", R"j({"a":null})j", R"j(true)j"},
    {R"j($type(function(){1}))j", R"j({})j", R"j("function")j"},
    {R"j($keys({"b":1,"a":2,"10":3,"2":4}))j", R"j({})j", R"j(["2","10","b","a"])j"},
    {R"j($lookup([{"a":1},{"a":[2,3]}], "a"))j", R"j({})j", R"j([1,2,3])j"},
    {R"j($append(1, [2]))j", R"j({})j", R"j([1,2])j"},
    {R"j($spread({"a":1,"b":2}))j", R"j({})j", R"j([{"a":1},{"b":2}])j"},
    {R"j($merge([{"a":1},{"b":2},{"a":3}]))j", R"j({})j", R"j({"a":3,"b":2})j"},
    {R"j($reverse([1,2,3]))j", R"j({})j", R"j([3,2,1])j"},
    {R"j($each({"a":1,"b":2}, function($v, $k){$k & $v}))j", R"j({})j", R"j(["a1","b2"])j"},
    {R"j($map([1,2,3], function($v, $i){$v*$i}))j", R"j({})j", R"j([0,2,6])j"},
    {R"j($map([1,2], $string))j", R"j({})j", R"j(["1","2"])j"},
    {R"j($filter([1,2,3,4], function($v){$v%2=0}))j", R"j({})j", R"j([2,4])j"},
    {R"j($reduce([1,2,3,4], function($a,$b){$a+$b}, 10))j", R"j({})j", R"j(20)j"},
    {R"j($reduce([1,2], function($a){$a}))j", R"j({})j", R"j(error D3050: The second argument of reduce function must be a function with at least two arguments)j"},
    {R"j($sort(["b","a","C"]))j", R"j({})j", R"j(["C","a","b"])j"},
    {R"j($sort([3,"a"]))j", R"j({})j", R"j(error D3070: The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function)j"},
    {R"j($sort([{"a":3},{"a":1}], function($l,$r){$l.a > $r.a}))j", R"j({})j", R"j([{"a":1},{"a":3}])j"},
    {R"j($distinct([1,2,1,"a","a",[1],[1]]))j", R"j({})j", R"j([1,2,"a",[1]])j"},
    {R"j($zip([1,2,3],[4,5]))j", R"j({})j", R"j([[1,4],[2,5]])j"},
    {R"j($error("boom"))j", R"j({})j", R"j(error D3137: boom)j"},
    {R"j($assert(false, "nope"))j", R"j({})j", R"j(error D3141: nope)j"},
    {R"j($toMillis("2024-01-01T00:00:00.5+01:00"))j", R"j({})j", R"j(1704063600500)j"},
    {R"j($toMillis("nope"))j", R"j({})j", R"j(error D3110: The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given "nope")j"},
    {R"j($fromMillis(1704067200123))j", R"j({})j", R"j("2024-01-01T00:00:00.123Z")j"},
    {R"j($foo())j", R"j({})j", R"j(error T1006: Attempted to invoke a non-function)j"},
    {R"j($string(1, 2))j", R"j({})j", R"j(error T0410: Argument 2 of function "string" does not match function signature)j"},
    {R"j($join(["a", 1]))j", R"j({})j", R"j(error T0412: Argument 1 of function "join" must be an array of "strings")j"},
    {R"j($uppercase(1))j", R"j({})j", R"j(error T0410: Argument 1 of function "uppercase" does not match function signature)j"},
    {R"j($merge([1]))j", R"j({})j", R"j(error T0412: Argument 1 of function "merge" must be an array of "objects")j"},
    {R"j($states.input.a{b: c, "x": c})j", R"j({"a":[{"b":"x","c":1}]})j", R"j(error D1009: Multiple key definitions evaluate to same key: "x")j"},
  };
  for (const Case& c : cases) {
    const json input = json::parse(c.input);
    const std::string actual = evaluate_on(c.expression, input);
    const std::string expected = c.expected;
    if (expected.rfind("error ", 0) == 0 || expected == "undefined") {
      EXPECT_EQ(actual, expected) << c.expression;
    } else {
      EXPECT_EQ(json::parse(actual, nullptr, false), json::parse(expected)) << c.expression << " gave " << actual;
    }
  }
}

// $formatNumber with digit pictures (cross-checked against the reference implementation); the
// exponent, percent and per-mille forms and the options argument are refused.
TEST(JsonataEval, FormatNumberWithDigitPictures) {
  JsonataBindings bindings;
  const std::pair<const char*, const char*> cases[] = {
      {"$formatNumber(1234.5678, '#,##0.00')", "\"1,234.57\""},
      {"$formatNumber(-1234.5, '#,##0.00')", "\"-1,234.50\""},
      {"$formatNumber(0.125, '0.00')", "\"0.12\""},  // halves to even
      {"$formatNumber(12, '000')", "\"012\""},
      {"$formatNumber(1234567.891, '#,##0.0##')", "\"1,234,567.891\""},
      {"$formatNumber(5, '$#,##0.00 USD')", "\"$5.00 USD\""},
      {"$formatNumber(-5, '#;(#)')", "\"(5)\""},
      {"$formatNumber(1e6, '#,##,##0')", "\"10,00,000\""},
      {"$formatNumber(1, '#,,#')", "error D3089: The sub-picture must not contain two adjacent instances of the "
                                   "'grouping-separator' character"},
      {"$formatNumber(1, '#.#;#;#')", "error D3080: The picture string must only contain a maximum of two sub-pictures"},
  };
  for (const auto& [expression, expected] : cases) EXPECT_EQ(evaluate(expression, bindings), expected) << expression;
  EXPECT_EQ(evaluate("$formatNumber(0.5, '0%')", bindings).rfind("unsupported:", 0), 0u);
  EXPECT_EQ(evaluate("$formatNumber(1, '0.0', {})", bindings).rfind("unsupported:", 0), 0u);
  // Fewer digits than an irregular picture's separators: JSONata gives ",,12"; refused, never a crash.
  EXPECT_EQ(evaluate("$formatNumber(12, '#,##,##0')", bindings).rfind("unsupported:", 0), 0u);
  EXPECT_EQ(evaluate("$formatNumber(12345, '#,##,##0')", bindings), "\",12,345\"");
}

// Latin-1 letters whose capitals lie outside Latin-1 (found by tests/differential/jsonata.mjs).
TEST(JsonataEval, UppercaseOfMicroSignAndYDiaeresis) {
  JsonataBindings bindings;
  EXPECT_EQ(evaluate("$uppercase('aµb')", bindings), "\"A\u039cB\"");
  EXPECT_EQ(evaluate("$uppercase('ÿ')", bindings), "\"\u0178\"");
}

TEST(JsonataEval, UndefinedIsNotNull) {
  const json input = json::parse(R"({"a": null})");
  EXPECT_EQ(evaluate_on("$states.input.a", input), "null");
  EXPECT_EQ(evaluate_on("$states.input.b", input), "undefined");
  EXPECT_EQ(evaluate_on("$exists($states.input.a) & $exists($states.input.b)", input), "\"truefalse\"");
  EXPECT_EQ(evaluate_on("[$states.input.a, $states.input.b]", input), "[null]");  // undefined leaves arrays
  EXPECT_EQ(evaluate_on("{'a': $states.input.a, 'b': $states.input.b}", input), R"({"a":null})");
  EXPECT_EQ(evaluate_on("$states.input.b = $states.input.b", input), "false");  // = with undefined is false
}

TEST(JsonataEval, NumbersStayExactAndIntegersStayIntegers) {
  const json input = json::parse(R"({"big": 12345678901234567890, "f": 1.5})");
  EXPECT_EQ(evaluate_on("$states.input.big", input), "12345678901234567890");  // data passes through unchanged
  EXPECT_EQ(evaluate_on("2 * 3", input), "6");
  EXPECT_EQ(evaluate_on("$states.input.f * 2", input), "3");
  EXPECT_EQ(evaluate_on("7 / 2", input), "3.5");
  EXPECT_EQ(evaluate_on("-0", input), "0");
  // A result outside JSON's numbers (JavaScript's Infinity) is refused rather than guessed.
  EXPECT_EQ(evaluate_on("1 / 0", input).rfind("unsupported: a number out of JSON's range", 0), 0u);
}

TEST(JsonataEval, StatesHoldsOnlyWhatTheStateProvides) {  // §8.4
  const json input = json::parse(R"({"i": 1})");
  const json result = json::parse(R"({"r": 2})");
  const json error = json::parse(R"({"Error": "E", "Cause": "C"})");
  const json context = json::parse(R"({"State": {"Name": "S"}, "Execution": {"Input": {"i": 1}}})");
  JsonataBindings bindings;
  bindings.input = &input;
  bindings.context = &context;
  EXPECT_EQ(evaluate("$states.result", bindings), "undefined");
  EXPECT_EQ(evaluate("$states.errorOutput", bindings), "undefined");
  EXPECT_EQ(evaluate("$states.context.State.Name & $states.context.Execution.Input.i", bindings), "\"S1\"");
  bindings.result = &result;
  bindings.error_output = &error;
  EXPECT_EQ(evaluate("[$states.input.i, $states.result.r, $states.errorOutput.Error]", bindings), R"([1,2,"E"])");
}

TEST(JsonataEval, WorkflowVariablesAndLocalBindings) {
  const Variables variables = {{"price", 10}, {"count", json::parse("[1, 2]")}};
  JsonataBindings bindings;
  bindings.variables = &variables;
  EXPECT_EQ(evaluate("$price * 2", bindings), "20");
  EXPECT_EQ(evaluate("$never", bindings), "undefined");  // a never-assigned variable
  // A workflow variable named like a library function shadows it (as if bound around the expression).
  EXPECT_EQ(evaluate("$count", bindings), "[1,2]");
  EXPECT_EQ(evaluate("($price := 1; $price) + $price", bindings), "11");  // a block's binding stays inside
}

TEST(JsonataEval, UnknownFunctionAndNonFunctionCalls) {  // §8.1 [AWS✓]
  JsonataBindings bindings;
  EXPECT_EQ(evaluate("$randomSeeded(1)", bindings), "error T1006: Attempted to invoke a non-function");
  EXPECT_EQ(evaluate("($x := 1; $x())", bindings), "error T1006: Attempted to invoke a non-function");
}

TEST(JsonataEval, ClockAndRandomSourceComeFromTheInterpreter) {
  RandomSource random(42);
  JsonataBindings bindings;
  bindings.random = &random;
  bindings.now = Instant{1704067205, 250000000};
  EXPECT_EQ(evaluate("$now()", bindings), "\"2024-01-01T00:00:05.250Z\"");
  EXPECT_EQ(evaluate("$millis()", bindings), "1704067205250");
  EXPECT_EQ(evaluate("$now() = $now()", bindings), "true");  // one instant per evaluation
  const std::string first = evaluate("$uuid()", bindings);
  EXPECT_NE(evaluate("$uuid()", bindings), first);  // the source moves on
  RandomSource again(42);
  bindings.random = &again;
  EXPECT_EQ(evaluate("$uuid()", bindings), first);  // same seed, same values
  EXPECT_EQ(evaluate("$random(5) = $random(5)", bindings), "true");  // a seeded $random repeats
  EXPECT_EQ(evaluate("$random() < 1 and $random() >= 0", bindings), "true");
}

TEST(JsonataEval, StepFunctionsFunctions) {  // §8.1
  JsonataBindings bindings;
  EXPECT_EQ(evaluate("$partition([1,2,3,4,5], 2)", bindings), "[[1,2],[3,4],[5]]");
  EXPECT_EQ(evaluate("$partition([], 2)", bindings), "[]");
  EXPECT_EQ(evaluate("$range(0, 9, 3)", bindings), "[0,3,6,9]");   // as States.ArrayRange [AWS✓]
  EXPECT_EQ(evaluate("$range(0, 10, 3)", bindings), "[0,3,6,9]");
  EXPECT_EQ(evaluate("$range(1, 9, 9)", bindings), "[1]");
  EXPECT_EQ(evaluate("$range(10, 0, -5)", bindings), "[10,5,0]");
  EXPECT_EQ(evaluate("$hash('input data', 'SHA-1')", bindings), "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"");
  EXPECT_EQ(evaluate("$parse('{\"a\": [1, 2.5]}').a[1]", bindings), "2.5");
  // Their errors are not recorded for Step Functions: anything else is refused.
  EXPECT_EQ(evaluate("$parse('{')", bindings).rfind("unsupported: $parse of text that is not JSON", 0), 0u);
  EXPECT_EQ(evaluate("$range(1, 2, 0)", bindings).rfind("unsupported:", 0), 0u);
  EXPECT_EQ(evaluate("$hash('a', 'SHA-3')", bindings).rfind("unsupported:", 0), 0u);
}

TEST(JsonataEval, RefusesWhatItDoesNotImplementWhileEvaluating) {
  JsonataBindings bindings;
  EXPECT_EQ(evaluate("function($x){$x}", bindings), "unsupported: a function as part of a result (JSON has no functions)");
  EXPECT_EQ(evaluate("$lowercase('ΑΒΓ')", bindings), "unsupported: $lowercase of text outside ASCII and Latin-1");
  EXPECT_EQ(evaluate("$toMillis('2024-01-01', '[Y]')", bindings), "unsupported: $toMillis with a picture string");
  EXPECT_EQ(evaluate("$toMillis('2024-01-01T00:00:00')", bindings).rfind("unsupported:", 0), 0u);  // local time in JS
  EXPECT_EQ(evaluate("$fromMillis(0, '[Y]')", bindings).rfind("unsupported:", 0), 0u);
  EXPECT_EQ(evaluate("$map([1], $uuid)", bindings).rfind("unsupported:", 0), 0u);
  EXPECT_EQ(evaluate("$string()", bindings).rfind("unsupported:", 0), 0u);  // the missing argument is the root input
  EXPECT_EQ(evaluate("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(5000))", bindings).rfind("unsupported:", 0), 0u);
  // Tail calls run in a loop, as JSONata's do, so deep tail recursion works.
  EXPECT_EQ(evaluate("($f := function($n, $a){ $n = 0 ? $a : $f($n - 1, $a + 1) }; $f(5000, 0))", bindings), "5000");
}

}  // namespace
}  // namespace sfn::interp
