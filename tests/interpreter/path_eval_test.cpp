// evaluate_path: Jayway JSONPath semantics as AWS runs them (asl-semantics.md §3.3, §8.5, §9).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "interpreter/evaluation.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

// Goessner's bookstore, the document of Jayway's own examples.
const json& bookstore() {
  static const json document = json::parse(R"({
    "store": {
      "book": [
        {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
        {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
        {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3",
         "price": 8.99},
        {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings",
         "isbn": "0-395-19395-8", "price": 22.99}
      ],
      "bicycle": {"color": "red", "price": 19.95}
    },
    "expensive": 10
  })");
  return document;
}

PathLookup lookup(const std::string& text, const json& input, const json* context = nullptr,
                  const Variables* variables = nullptr) {
  PathParseResult parsed = parse_path(text);
  if (!parsed.path) {
    ADD_FAILURE() << "does not parse: " << text << ": " << parsed.error->message;
    return {};
  }
  return evaluate_path(*parsed.path, PathRoots{&input, context, variables});
}

json found(const std::string& text, const json& input = bookstore()) {
  PathLookup result = lookup(text, input);
  EXPECT_TRUE(result.value.has_value()) << text << ": " << result.missing;
  return result.value.value_or(json("<missing>"));
}

std::string missing(const std::string& text, const json& input = bookstore()) {
  PathLookup result = lookup(text, input);
  EXPECT_FALSE(result.value.has_value()) << text << " found " << result.value->dump();
  return result.missing;
}

json titles(const json& books) {
  json out = json::array();
  for (const json& book : books) out.push_back(book.at("title"));
  return out;
}

// ---- definite paths ----

TEST(PathEval, RootIsTheWholeInput) { EXPECT_EQ(found("$"), bookstore()); }

TEST(PathEval, DottedAndBracketedMembers) {
  EXPECT_EQ(found("$.store.bicycle.color"), "red");
  EXPECT_EQ(found("$['store']['bicycle']['color']"), "red");
  EXPECT_EQ(found("$.store['bicycle'].price"), 19.95);
}

TEST(PathEval, IndexYieldsTheElementItself) {
  // §3.3 [LS]: a path ending in a literal single index yields the element, not a one-element array.
  EXPECT_EQ(found("$.store.book[0].author"), "Nigel Rees");
  EXPECT_EQ(found("$.store.book[2]").at("title"), "Moby Dick");
}

TEST(PathEval, NegativeIndexCountsFromTheEndAndIsDefinite) {
  EXPECT_EQ(found("$.store.book[-1].title"), "The Lord of the Rings");
  EXPECT_EQ(found("$.store.book[-4].title"), "Sayings of the Century");
  EXPECT_EQ(missing("$.store.book[-5]"), "No results for path: $['store']['book'][-5]");
}

TEST(PathEval, NullValueIsFound) {
  json input = {{"a", nullptr}};
  EXPECT_EQ(found("$.a", input), json(nullptr));
}

// §3.3 [AWS✓]: InputPath not found -> "Invalid path '$.X' : No results for path: $['X']".
TEST(PathEval, MissingLastMemberIsNoResults) {
  EXPECT_EQ(missing("$.X"), "No results for path: $['X']");
  EXPECT_EQ(missing("$.store.bicycle.size"), "No results for path: $['store']['bicycle']['size']");
}

// §3.3 [AWS✓]: OutputPath not found -> "Invalid path '$.no.such' : Missing property in path $['no']".
TEST(PathEval, MissingInnerMemberIsMissingProperty) {
  EXPECT_EQ(missing("$.no.such"), "Missing property in path $['no']");
  EXPECT_EQ(missing("$.store.car.wheels"), "Missing property in path $['store']['car']");
  EXPECT_EQ(missing("$.no[0]"), "Missing property in path $['no']");
}

TEST(PathEval, IndexOutOfRangeIsNoResults) {
  EXPECT_EQ(missing("$.store.book[4]"), "No results for path: $['store']['book'][4]");
  EXPECT_EQ(missing("$.store.book[9].title"), "No results for path: $['store']['book'][9]['title']");
}

TEST(PathEval, MemberOfANonObjectIsMissing) {
  EXPECT_EQ(missing("$.store.bicycle.color.shade"),
            "Expected to find an object with property ['shade'] in path $['store']['bicycle']['color'] but found "
            "'java.lang.String'. This is not a json object according to the JsonProvider: "
            "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.");
  json input = {{"a", nullptr}};
  EXPECT_NE(missing("$.a.b", input).find("but found 'null'"), std::string::npos);
  EXPECT_NE(missing("$.store.book.title").find("'net.minidev.json.JSONArray'"), std::string::npos);
}

TEST(PathEval, IndexOfANonArrayIsMissing) {
  EXPECT_EQ(missing("$.expensive[0]"), "Filter: [0] can only be applied to arrays. Current context is: 10");
  EXPECT_EQ(
      missing("$.store.bicycle[0].color"),
      "Filter: [0]['color'] can only be applied to arrays. Current context is: {\"color\":\"red\",\"price\":19.95}");
  json input = {{"a", nullptr}};
  EXPECT_EQ(missing("$.a[0]", input), "The path $['a'] is null");
}

TEST(PathEval, MemberNamesWithQuotesPrintEscapedInNoResults) {
  EXPECT_EQ(missing("$['it\\'s']"), "No results for path: $['it\\'s']");
}

// ---- roots: $$ and $name ----

TEST(PathEval, ContextObjectRoot) {
  // §9: `$$` reads the Context Object.
  json context = {{"Execution", {{"Name", "run-1"}, {"Input", {{"k", 1}}}}}, {"State", {{"RetryCount", 0}}}};
  json input = json::object();
  PathLookup name = lookup("$$.Execution.Name", input, &context);
  ASSERT_TRUE(name.value);
  EXPECT_EQ(*name.value, "run-1");
  EXPECT_EQ(lookup("$$.Execution.Input.k", input, &context).value, json(1));
  // Messages print a `$$` path from `$`: it is evaluated on the Context Object as its root.
  EXPECT_EQ(lookup("$$.Task.Token", input, &context).missing, "Missing property in path $['Task']");
}

TEST(PathEval, VariablesRoot) {
  // §8.5 [AWS✓ test_assign_reference_variables]: variables are readable as $name and $name.field.
  Variables variables{{"config", json{{"mode", "fast"}, {"levels", {1, 2, 3}}}}, {"answer", 42}};
  json input = json::object();
  EXPECT_EQ(lookup("$answer", input, nullptr, &variables).value, json(42));
  EXPECT_EQ(lookup("$config.mode", input, nullptr, &variables).value, json("fast"));
  EXPECT_EQ(lookup("$config.levels[1]", input, nullptr, &variables).value, json(2));
  EXPECT_EQ(lookup("$config.levels[*]", input, nullptr, &variables).value, json({1, 2, 3}));
  PathLookup undefined = lookup("$nothing.x", input, nullptr, &variables);
  EXPECT_FALSE(undefined.value);
  EXPECT_EQ(undefined.missing, "The variable 'nothing' is not defined");
}

TEST(PathEval, UnavailableRootsAreMissing) {
  json input = json::object();
  EXPECT_FALSE(lookup("$$.Execution", input).value);
  EXPECT_FALSE(lookup("$v", input).value);
  PathParseResult parsed = parse_path("$.a");
  EXPECT_FALSE(evaluate_path(*parsed.path, PathRoots{}).value);
}

// ---- indefinite paths ----

TEST(PathEval, UnionOfIndexesCollectsAnArray) {
  // §3.3 [SPEC]: `$.a[0,1]` on {"a":[1,2,3]} -> [1,2].
  json input = {{"a", {1, 2, 3}}};
  EXPECT_EQ(found("$.a[0,1]", input), json({1, 2}));
  EXPECT_EQ(found("$.a[2,0,-1,7]", input), json({3, 1, 3}));
}

TEST(PathEval, WildcardOnArrayAndObject) {
  EXPECT_EQ(found("$.store.book[*].author"),
            json({"Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"}));
  // Object members come in nlohmann's (sorted) key order.
  json input = {{"o", {{"b", 2}, {"a", 1}}}};
  EXPECT_EQ(found("$.o.*", input), json({1, 2}));
  EXPECT_EQ(found("$.o[*]", input), json({1, 2}));
  EXPECT_EQ(found("$.store.bicycle.color[*]"), json::array());  // a wildcard on a scalar selects nothing
}

TEST(PathEval, WildcardThatMatchesNothingIsAnEmptyArray) {
  // §3.3 [LS]: a slice/wildcard that matches nothing returns [].
  json input = {{"items", json::array()}};
  EXPECT_EQ(found("$.items[*]", input), json::array());
  EXPECT_EQ(found("$.items[*].type", input), json::array());
  EXPECT_EQ(found("$[*].type", json::object()), json::array());
  EXPECT_EQ(found("$.items[0:2]", input), json::array());
}

TEST(PathEval, MissingMembersAfterAWildcardAreSkipped) {
  EXPECT_EQ(found("$.store.book[*].isbn"), json({"0-553-21311-3", "0-395-19395-8"}));
  EXPECT_EQ(found("$.store.book[*].isbn.x"), json::array());
}

TEST(PathEval, MissingMemberBeforeAWildcardIsStillMissing) {
  // Jayway: the member step is definite and so is everything before it. (LocalStack PR #12366
  // claims AWS returns [] here; unverified.)
  EXPECT_EQ(missing("$.items[*]", json::object()), "Missing property in path $['items']");
}

TEST(PathEval, Slices) {
  json input = {{"a", {0, 1, 2, 3, 4}}};
  EXPECT_EQ(found("$.a[1:3]", input), json({1, 2}));
  EXPECT_EQ(found("$.a[:2]", input), json({0, 1}));
  EXPECT_EQ(found("$.a[3:]", input), json({3, 4}));
  EXPECT_EQ(found("$.a[-2:]", input), json({3, 4}));
  EXPECT_EQ(found("$.a[:-2]", input), json({0, 1, 2}));
  EXPECT_EQ(found("$.a[-3:-1]", input), json({2, 3}));
  EXPECT_EQ(found("$.a[2:99]", input), json({2, 3, 4}));
  EXPECT_EQ(found("$.a[3:1]", input), json::array());
  EXPECT_EQ(found("$.a[9:]", input), json::array());
}

TEST(PathEval, SlicesFollowJaywayArithmetic) {
  json input = {{"a", {0, 1, 2, 3, 4}}};
  // Jayway's [from:to] clamps only `to`; negative positions on the way count from the end.
  EXPECT_EQ(found("$.a[-1:2]", input), json({4, 0, 1}));
  EXPECT_EQ(found("$.a[1:-1]", input), json::array());
  EXPECT_EQ(found("$.a[-99:1]", input), json({0, 1, 2, 3, 4, 0}));
  // Jayway reads only from and to: the step is ignored ...
  EXPECT_EQ(found("$.a[0:4:2]", input), json({0, 1, 2, 3}));
  // ... and a slice without bounds is not a slice.
  EXPECT_EQ(missing("$.a[::2]", input), "Failed to parse SliceOperation: ::2");
}

TEST(PathEval, UnionOfNamesAsLastStepMergesIntoAnObject) {
  // Jayway: `['a','b']` as the last step is definite and yields one object of the present members.
  json input = {{"a", 1}, {"b", 2}, {"c", 3}};
  EXPECT_EQ(found("$['a','b']", input), json({{"a", 1}, {"b", 2}}));
  EXPECT_EQ(found("$['a','zz']", input), json({{"a", 1}}));
  EXPECT_EQ(found("$.store.book[*]['author','price']")[1], json({{"author", "Evelyn Waugh"}, {"price", 12.99}}));
}

TEST(PathEval, UnionOfNamesBeforeAnotherStepCollects) {
  json input = {{"a", {{"v", 1}}}, {"b", {{"v", 2}}}, {"c", {{"w", 3}}}};
  EXPECT_EQ(found("$['a','c','b'].v", input), json({1, 2}));
}

TEST(PathEval, RecursiveDescent) {
  EXPECT_EQ(found("$..author"), json({"Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"}));
  EXPECT_EQ(found("$.store..price"), json({19.95, 8.95, 12.99, 8.99, 22.99}));
  EXPECT_EQ(titles(found("$..book[2]")), json({"Moby Dick"}));
  EXPECT_EQ(titles(found("$..book[-1:]")), json({"The Lord of the Rings"}));
  EXPECT_EQ(titles(found("$..book[0,1]")), json({"Sayings of the Century", "Sword of Honour"}));
  EXPECT_EQ(titles(found("$..book[:2]")), json({"Sayings of the Century", "Sword of Honour"}));
  EXPECT_EQ(found("$..*").size(), 28u);  // every node but the root
  EXPECT_EQ(found("$..nothing"), json::array());
  EXPECT_EQ(found("$..['color']"), json({"red"}));
}

TEST(PathEval, RecursiveDescentIncludesTheStartNode) {
  json input = {{"a", 1}, {"b", {{"a", 2}, {"c", {{"a", 3}}}}}};
  EXPECT_EQ(found("$..a", input), json({1, 2, 3}));
}

TEST(PathEval, RecursiveDescentBeforeANonLastIndexAppliesTheNextStepToEveryElement) {
  // Jayway's ScanPathToken.walkArray skips the index when more steps follow it.
  json input = {{"a", json::array({json{{"x", 1}}, json{{"x", 2}}})}};
  EXPECT_EQ(found("$..[0].x", input), json({1, 2}));
}

// ---- filters ----

TEST(PathEval, FilterComparesNumbers) {
  EXPECT_EQ(titles(found("$.store.book[?(@.price < 10)]")), json({"Sayings of the Century", "Moby Dick"}));
  EXPECT_EQ(titles(found("$.store.book[?(@.price > 10)]")), json({"Sword of Honour", "The Lord of the Rings"}));
  EXPECT_EQ(titles(found("$.store.book[?(@.price >= 22.99)]")), json({"The Lord of the Rings"}));
  EXPECT_EQ(titles(found("$.store.book[?(@.price <= 8.95)]")), json({"Sayings of the Century"}));
  EXPECT_EQ(titles(found("$..book[?(@.price <= $['expensive'])]")), json({"Sayings of the Century", "Moby Dick"}));
  EXPECT_EQ(titles(found("$..book[?(@.price <= $.expensive)]")), json({"Sayings of the Century", "Moby Dick"}));
}

TEST(PathEval, FilterExistence) {
  EXPECT_EQ(titles(found("$..book[?(@.isbn)]")), json({"Moby Dick", "The Lord of the Rings"}));
  EXPECT_EQ(titles(found("$..book[?(!@.isbn)]")), json({"Sayings of the Century", "Sword of Honour"}));
  json input = {{"items", json::array({json{{"a", nullptr}}, json{{"b", 1}}})}};
  EXPECT_EQ(found("$.items[?(@.a)]", input), json::array({json{{"a", nullptr}}}));  // null exists
}

TEST(PathEval, FilterComparesStrings) {
  EXPECT_EQ(titles(found("$.store.book[?(@.category == 'reference')]")), json({"Sayings of the Century"}));
  EXPECT_EQ(titles(found("$.store.book[?(@.category == \"reference\")]")), json({"Sayings of the Century"}));
  EXPECT_EQ(found("$.store.book[?(@.category != 'fiction')].author"), json({"Nigel Rees"}));
  EXPECT_EQ(found("$.store.book[?(@.author > 'J')].author"), json({"Nigel Rees", "J. R. R. Tolkien"}));
}

TEST(PathEval, FilterLogic) {
  EXPECT_EQ(titles(found("$.store.book[?(@.category == 'fiction' && @.price < 10)]")), json({"Moby Dick"}));
  EXPECT_EQ(titles(found("$.store.book[?(@.price < 9 || @.price > 20)]")),
            json({"Sayings of the Century", "Moby Dick", "The Lord of the Rings"}));
  // && binds tighter than ||.
  EXPECT_EQ(titles(found("$.store.book[?(@.price > 20 || @.category == 'fiction' && @.price < 9)]")),
            json({"Moby Dick", "The Lord of the Rings"}));
  EXPECT_EQ(titles(found("$.store.book[?((@.price > 20 || @.category == 'fiction') && @.price < 13)]")),
            json({"Sword of Honour", "Moby Dick"}));
  EXPECT_EQ(titles(found("$.store.book[?(!(@.category == 'fiction'))]")), json({"Sayings of the Century"}));
}

TEST(PathEval, FilterMissingFieldComparesUnequal) {
  // Jayway: != is the negation of ==, so items without the field pass `!=`.
  json input = {{"items", json::array({json{{"s", "201"}}, json{{"s", "200"}}, json{{"t", 1}}})}};
  EXPECT_EQ(found("$.items[?(@.s != '200')]", input), json::array({json{{"s", "201"}}, json{{"t", 1}}}));
  EXPECT_EQ(found("$.items[?(@.s < '3')]", input).size(), 2u);
}

TEST(PathEval, FilterEqualityAcrossNumbersAndText) {
  json input = {{"items", json::array({json{{"n", 10}}, json{{"n", "10"}}, json{{"n", 10.0}}, json{{"n", true}}})}};
  EXPECT_EQ(found("$.items[?(@.n == 10)]", input).size(), 3u);   // 10, "10" and 10.0
  EXPECT_EQ(found("$.items[?(@.n === 10)]", input).size(), 2u);  // numbers only
  EXPECT_EQ(found("$.items[?(@.n == true)]", input).size(), 1u);
}

TEST(PathEval, FilterRegexMatchesTheWholeText) {
  EXPECT_EQ(titles(found("$..book[?(@.author =~ /.*REES/i)]")), json({"Sayings of the Century"}));
  EXPECT_EQ(found("$..book[?(@.author =~ /Rees/)]"), json::array());  // not a full match
}

TEST(PathEval, FilterListOperators) {
  EXPECT_EQ(found("$..book[?(@.category in ['reference', 'poetry'])].author"), json({"Nigel Rees"}));
  EXPECT_EQ(found("$..book[?(@.category nin ['fiction'])].author"), json({"Nigel Rees"}));
  json input = {
      {"items", json::array({json{{"tags", {"a", "b"}}}, json{{"tags", json::array()}}, json{{"tags", {"c"}}}})}};
  EXPECT_EQ(found("$.items[?(@.tags contains 'b')]", input).size(), 1u);
  EXPECT_EQ(found("$.items[?(@.tags size 2)]", input).size(), 1u);
  EXPECT_EQ(found("$.items[?(@.tags empty true)]", input).size(), 1u);
  EXPECT_EQ(found("$.items[?(@.tags subsetof ['a', 'b', 'c'])]", input).size(), 3u);
  EXPECT_EQ(found("$.items[?(@.tags anyof ['c', 'z'])]", input).size(), 1u);
  EXPECT_EQ(found("$.items[?(@.tags noneof ['a'])]", input).size(), 2u);
}

TEST(PathEval, FilterOnAnObjectTestsTheObjectItself) {
  EXPECT_EQ(found("$.store.bicycle[?(@.color == 'red')]"), json::array({bookstore()["store"]["bicycle"]}));
  EXPECT_EQ(found("$.store.bicycle[?(@.color == 'blue')]"), json::array());
}

TEST(PathEval, FilterOnAScalarIsMissingWhenTheWayThereIsDefinite) {
  EXPECT_EQ(missing("$.expensive[?(@ > 1)]"), "Filter: [?] can not be applied to primitives. Current context is: 10");
}

TEST(PathEval, FilterOnScalarItemsUsesTheItem) {
  json input = {{"n", {1, 5, 10, 15}}};
  EXPECT_EQ(found("$.n[?(@ > 4)]", input), json({5, 10, 15}));
}

TEST(PathEval, UnsupportedFilterSyntaxMatchesNothing) {
  // Documented in path_filter.h: Jayway's `type`/`matches`/`all` and unparsable text.
  EXPECT_EQ(found("$..book[?(@.price type 'number')]"), json::array());
  EXPECT_EQ(found("$..book[?(@.price ++ 1)]"), json::array());
  EXPECT_EQ(found("$..book[?(@.price > )]"), json::array());
}

TEST(PathEval, OversizedFiltersAreUnsupportedNotFatal) {
  std::string chain = "$.n[?(@ > 0";
  for (int i = 0; i < 20000; ++i) chain += " && @ > 0";
  EXPECT_EQ(found(chain + ")]", json{{"n", {1, 2}}}), json::array());
  std::string nested = "$.n[?(" + std::string(5000, '(') + "@ > 0" + std::string(5000, ')') + ")]";
  EXPECT_EQ(found(nested, json{{"n", {1, 2}}}), json::array());
  EXPECT_EQ(found("$.n[?(((@ > 1)))]", json{{"n", {1, 2}}}), json({2}));
}

TEST(PathEval, NestedFilters) {
  json input = {{"groups", json::array({json{{"members", json::array({json{{"age", 30}}})}},
                                        json{{"members", json::array({json{{"age", 10}}})}}})}};
  EXPECT_EQ(found("$.groups[?(@.members[?(@.age > 18)])]", input).size(), 2u);  // [] exists too
  EXPECT_EQ(found("$.groups[*].members[?(@.age > 18)].age", input), json({30}));
}

// ---- functions ----

TEST(PathEval, LengthFunction) {
  EXPECT_EQ(found("$.store.book.length()"), 4);
  EXPECT_EQ(found("$.store.bicycle.length()"), 2);
  EXPECT_EQ(found("$.store.book[*].length()"), json({4, 4, 5, 5}));
  EXPECT_EQ(found("$..book.length()"), json({4}));
  // Jayway's Length returns null for anything but an array or object, strings included.
  EXPECT_EQ(found("$.store.bicycle.color.length()"), json(nullptr));
  EXPECT_EQ(missing("$.nothing.length()"), "Missing property in path $['nothing']");
}

TEST(PathEval, AggregateFunctions) {
  json input = {{"n", {1, 2, 3, 4}}, {"e", json::array()}};
  EXPECT_EQ(found("$.n.sum()", input), 10.0);
  EXPECT_EQ(found("$.n.min()", input), 1.0);
  EXPECT_EQ(found("$.n.max()", input), 4.0);
  EXPECT_EQ(found("$.n.avg()", input), 2.5);
  EXPECT_NEAR(found("$.n.stddev()", input).get<double>(), 1.118033988749895, 1e-12);
  EXPECT_EQ(found("$.n.first()", input), 1);
  EXPECT_EQ(found("$.n.last()", input), 4);
  EXPECT_EQ(found("$.keys()", input), json({"e", "n"}));
  EXPECT_EQ(missing("$.e.sum()", input), "Aggregation function attempted to calculate value using empty array");
  EXPECT_EQ(missing("$.n.nope()", input), "Function of name: nope cannot be created");
}

// ---- with ResultPath (apply_result_path, result_path.cpp) ----

// §3.4 [SPEC]: missing intermediate objects are created.
TEST(PathEval, ResultPathCreatesIntermediateObjects) {
  Outcome<json> output = apply_result_path(json{{"a", 1}}, *parse_reference_path("$.b.greeting").path, json("Hi!"));
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(output.value(), json::parse(R"j({"a": 1, "b": {"greeting": "Hi!"}})j"));
}

// §3.5: InputPath selects the task's input; ResultPath merges the result into the raw input.
TEST(PathEval, WorkedExampleOfSection3) {
  json raw = json::parse(R"j({"title": "t", "numbers": {"val1": 3, "val2": 4}})j");
  json effective = found("$.numbers", raw);
  json result = effective["val1"].get<int>() + effective["val2"].get<int>();  // the task returns 7
  Outcome<json> output = apply_result_path(raw, *parse_reference_path("$.sum").path, result);
  ASSERT_TRUE(output.ok());
  EXPECT_EQ(output.value(), json::parse(R"j({"title": "t", "numbers": {"val1": 3, "val2": 4}, "sum": 7})j"));
}

// ---- robustness ----

TEST(PathEval, DeepDocumentsAndLongPathsDoNotRecurse) {
  json deep = json::object();
  json* node = &deep;
  std::string path = "$";
  for (int i = 0; i < 256; ++i) {
    (*node)["a"] = json::object();
    node = &(*node)["a"];
    path += ".a";
  }
  (*node)["leaf"] = 7;
  EXPECT_EQ(found(path + ".leaf", deep), 7);
  EXPECT_EQ(found("$..leaf", deep), json({7}));
  EXPECT_EQ(found("$..*", deep).size(), 257u);
  std::string long_path = "$";
  for (int i = 0; i < 20000; ++i) long_path += "[*]";
  EXPECT_EQ(found(long_path, json::array({1})), json::array());
}

}  // namespace
}  // namespace sfn::interp
