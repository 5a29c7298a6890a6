// evaluate_intrinsic: the 18 intrinsic functions of asl-semantics.md §7, with AWS's recorded results,
// and the digests behind States.Hash.

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "interpreter/evaluation.h"
#include "interpreter/hash_functions.h"
#include "interpreter/intrinsic_support.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

struct Fixture {
  json input = json::object();
  json context =
      json{{"Execution", {{"Name", "exec-1"}, {"Input", {{"input_field", {{"k", "v"}}}}}}},
           {"StateMachine",
            {{"Id", "arn:aws:states:us-east-1:111111111111:stateMachine:sm-name-x"}, {"Name", "sm-name-x"}}}};
  Variables variables;
  RandomSource random{2024};
  SemanticsOptions semantics;

  Outcome<json> run(const std::string& text) {
    IntrinsicParseResult parsed = parse_intrinsic(text);
    if (!parsed.call) {
      ADD_FAILURE() << "does not parse: " << text << ": " << parsed.error->message;
      return Failure{"parse", std::nullopt};
    }
    return evaluate_intrinsic(*parsed.call,
                              EvaluationContext{PathRoots{&input, &context, &variables}, &random, &semantics});
  }
  json value(const std::string& text) {
    Outcome<json> result = run(text);
    EXPECT_TRUE(result.ok()) << text << ": " << (result.ok() ? "" : result.failure().cause.value_or(""));
    return result.ok() ? result.value() : json("<failed>");
  }
  Failure failure(const std::string& text) {
    Outcome<json> result = run(text);
    EXPECT_FALSE(result.ok()) << text << " returned " << (result.ok() ? result.value().dump() : "");
    return result.ok() ? Failure{"<none>", std::nullopt} : result.failure();
  }
};

// ---- States.Format ----

// §7 Format [AWS✓ test_format_1]: strings raw, null -> null, numbers as they are.
TEST(IntrinsicFormat, AwsRecordedSingleArgument) {
  Fixture f;
  const std::pair<json, std::string> cases[] = {
      {"", "Formatting argument ."},
      {" ", "Formatting argument  ."},
      {"HelloWorld", "Formatting argument HelloWorld."},
      {nullptr, "Formatting argument null."},
      {1, "Formatting argument 1."},
      {1.1, "Formatting argument 1.1."},
      {"{\"Arg1\": 1, \"Arg2\": []}", "Formatting argument {\"Arg1\": 1, \"Arg2\": []}."},
  };
  for (const auto& [argument, expected] : cases) {
    f.input = {{"FunctionInput", argument}};
    EXPECT_EQ(f.value("States.Format('Formatting argument {}.', $.FunctionInput)"), expected) << argument;
  }
}

// §7 Format [AWS✓ test_format_2]: an object renders Java-map style.
TEST(IntrinsicFormat, AwsRecordedObjectArgument) {
  Fixture f;
  f.input = json::parse(R"j({"FunctionInput": {"fst": {"Arg1": 1, "Arg2": []}, "snd": {"Arg1": 1, "Arg2": []}}})j");
  EXPECT_EQ(
      f.value("States.Format('Formatting arguments fst={} and snd={}.', $.FunctionInput.fst, $.FunctionInput.snd)"),
      "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.");
}

// §7 Format [AWS✓ test_context_json_path]: `$$` arguments, an object from the Context Object.
TEST(IntrinsicFormat, AwsRecordedContextArguments) {
  Fixture f;
  EXPECT_EQ(f.value("States.Format('Formatting arguments fst={} and snd={}.', $$.Execution.Name, $$.StateMachine)"),
            "Formatting arguments fst=exec-1 and snd={Id=arn:aws:states:us-east-1:111111111111:stateMachine:sm-name-x, "
            "Name=sm-name-x}.");
}

TEST(IntrinsicFormat, OtherValueKinds) {
  Fixture f;
  f.input = json::parse(R"j({"list": [1, "a", null, [true]], "nested": {"m": {"n": null}}, "big": 1e20,
                             "whole": 3.0, "small": 0.00001, "flag": false})j");
  EXPECT_EQ(f.value("States.Format('{} {} {}', $.list, $.nested, $.flag)"), "[1, a, null, [true]] {m={n=null}} false");
  // Doubles print as Java's Double.toString does.
  EXPECT_EQ(f.value("States.Format('{} {} {}', $.big, $.whole, $.small)"), "1.0E20 3.0 1.0E-5");
  EXPECT_EQ(f.value("States.Format('{}{}', 'a', 2)"), "a2");
  EXPECT_EQ(f.value("States.Format('no slots')"), "no slots");
}

// §7 [SPEC]: `\{` `\}` `\'` `\\` are the characters themselves; an escaped brace pair is no slot.
TEST(IntrinsicFormat, EscapedBracesAreNotSlots) {
  Fixture f;
  EXPECT_EQ(f.value("States.Format('\\{\\} is {} and it\\'s \\\\ fine', 'x')"), "{} is x and it's \\ fine");
  EXPECT_EQ(f.value("States.Format('\\{}{}', 1)"), "{}1");  // `\{}` is a brace and a brace
}

TEST(IntrinsicFormat, TemplateFromAPath) {
  Fixture f;
  f.input = {{"template", "Hi {}, {}"}, {"a", "x"}};
  EXPECT_EQ(f.value("States.Format($.template, $.a, 2)"), "Hi x, 2");
}

// §7: the number of arguments must equal the number of slots.
TEST(IntrinsicFormat, SlotCountMismatchFails) {
  Fixture f;
  EXPECT_EQ(f.failure("States.Format('{} {}', 1)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.Format('{}', 1, 2)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.Format(1)").error, "States.Runtime");
}

// ---- JSON ----

// §7 StringToJson [AWS✓]: "" and " " -> null; "-0" -> 0.
TEST(IntrinsicJson, StringToJsonAwsRecorded) {
  Fixture f;
  EXPECT_EQ(f.value("States.StringToJson('')"), json(nullptr));
  EXPECT_EQ(f.value("States.StringToJson(' ')"), json(nullptr));
  json zero = f.value("States.StringToJson('-0')");
  EXPECT_EQ(zero, json(0));
  EXPECT_EQ(zero.dump(), "0");
}

TEST(IntrinsicJson, StringToJsonParses) {
  Fixture f;
  f.input = {{"text", "{\"a\": [1, 2.5, \"x\", null, true]}"}};
  EXPECT_EQ(f.value("States.StringToJson($.text)"), json::parse(R"j({"a": [1, 2.5, "x", null, true]})j"));
  EXPECT_EQ(f.value("States.StringToJson('\"text\"')"), json("text"));
  EXPECT_EQ(f.value("States.StringToJson(' 42 ')"), json(42));
  Failure bad = f.failure("States.StringToJson('{nope')");
  EXPECT_EQ(bad.error, "States.Runtime");
  EXPECT_NE(bad.cause->find("States.StringToJson"), std::string::npos);
  std::string deep(300, '[');
  deep += std::string(300, ']');
  f.input = {{"deep", deep}};
  EXPECT_EQ(f.failure("States.StringToJson($.deep)").error, "States.Runtime");
}

// §7 JsonToString [AWS✓]: compact JSON text.
TEST(IntrinsicJson, JsonToStringAwsRecorded) {
  Fixture f;
  f.input = json::parse(R"j({"FunctionInput": {"Arg1": 1, "Arg2": []}})j");
  EXPECT_EQ(f.value("States.JsonToString($.FunctionInput)"), "{\"Arg1\":1,\"Arg2\":[]}");
  f.input = {{"s", "x"}, {"n", nullptr}};
  EXPECT_EQ(f.value("States.JsonToString($.s)"), "\"x\"");
  EXPECT_EQ(f.value("States.JsonToString($.n)"), "null");
}

// §7 JsonMerge [AWS✓]: shallow, the second object wins; nested objects are replaced.
TEST(IntrinsicJson, JsonMergeIsShallow) {
  Fixture f;
  f.input =
      json::parse(R"j({"json1": {"a": {"a1": 1, "a2": 2}, "b": 2}, "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}})j");
  EXPECT_EQ(f.value("States.JsonMerge($.json1, $.json2, false)"),
            json::parse(R"j({"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3})j"));
}

// §7 JsonMerge [AWS✓ json_merge_escaped_argument]: a literal parsed by a nested call, merged with $$ input.
TEST(IntrinsicJson, JsonMergeWithNestedStringToJson) {
  Fixture f;
  EXPECT_EQ(f.value("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), "
                    "$$.Execution.Input.input_field, false)"),
            json::parse(R"j({"constant_in_literal": "false", "k": "v"})j"));
}

// §7 JsonMerge: deep merging (true) is not supported -> error.
TEST(IntrinsicJson, JsonMergeDeepFails) {
  Fixture f;
  f.input = {{"a", {{"x", 1}}}, {"b", {{"y", 2}}}};
  Failure failure = f.failure("States.JsonMerge($.a, $.b, true)");
  EXPECT_EQ(failure.error, "States.Runtime");
  EXPECT_NE(failure.cause->find("deep"), std::string::npos);
  EXPECT_EQ(f.failure("States.JsonMerge($.a, 'x', false)").error, "States.Runtime");
}

// ---- arrays ----

// §7 Array [AWS✓]: any arguments; States.Array() -> [].
TEST(IntrinsicArray, Array) {
  Fixture f;
  f.input = {{"x", {{"k", 1}}}};
  EXPECT_EQ(f.value("States.Array()"), json::array());
  EXPECT_EQ(f.value("States.Array(1, 'a', null, true, 2.5, $.x)"),
            json::parse(R"j([1, "a", null, true, 2.5, {"k": 1}])j"));
  EXPECT_EQ(f.value("States.Array(States.Array(1), 2)"), json::parse("[[1], 2]"));
}

// §7 ArrayPartition [AWS✓]: chunks of n, the last one shorter; [] -> [].
TEST(IntrinsicArray, ArrayPartition) {
  Fixture f;
  f.input = {{"a", {1, 2, 3, 4, 5, 6, 7}}, {"empty", json::array()}};
  EXPECT_EQ(f.value("States.ArrayPartition($.a, 3)"), json::parse("[[1,2,3],[4,5,6],[7]]"));
  EXPECT_EQ(f.value("States.ArrayPartition($.a, 7)"), json::parse("[[1,2,3,4,5,6,7]]"));
  EXPECT_EQ(f.value("States.ArrayPartition($.a, 10)"), json::parse("[[1,2,3,4,5,6,7]]"));
  EXPECT_EQ(f.value("States.ArrayPartition($.empty, 2)"), json::array());
  EXPECT_EQ(f.failure("States.ArrayPartition($.a, 0)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.ArrayPartition($.a, 1.5)").error, "States.Runtime");
}

// §7 ArrayContains [AWS✓]: deep equality, e.g. [[1,2,3],2] contains [1,2,3].
TEST(IntrinsicArray, ArrayContainsUsesDeepEquality) {
  Fixture f;
  f.input = json::parse(R"j({"a": [[1, 2, 3], 2], "v": [1, 2, 3], "o": [{"k": [1]}], "w": {"k": [1.0]}})j");
  EXPECT_EQ(f.value("States.ArrayContains($.a, $.v)"), true);
  EXPECT_EQ(f.value("States.ArrayContains($.a, 2)"), true);
  EXPECT_EQ(f.value("States.ArrayContains($.a, 3)"), false);
  EXPECT_EQ(f.value("States.ArrayContains($.a, 2.0)"), true);  // 1 equals 1.0
  EXPECT_EQ(f.value("States.ArrayContains($.o, $.w)"), true);
  EXPECT_EQ(f.value("States.ArrayContains($.a, '2')"), false);
}

// §7 ArrayRange [AWS✓]: end included when reached; at most 1000 elements.
TEST(IntrinsicArray, ArrayRangeAwsRecorded) {
  Fixture f;
  EXPECT_EQ(f.value("States.ArrayRange(0, 9, 3)"), json({0, 3, 6, 9}));
  EXPECT_EQ(f.value("States.ArrayRange(0, 10, 3)"), json({0, 3, 6, 9}));
  EXPECT_EQ(f.value("States.ArrayRange(1, 9, 9)"), json({1}));
}

TEST(IntrinsicArray, ArrayRangeBoundsAndSteps) {
  Fixture f;
  EXPECT_EQ(f.value("States.ArrayRange(10, 0, -5)"), json({10, 5, 0}));
  EXPECT_EQ(f.value("States.ArrayRange(0, 5, -1)"), json::array());
  EXPECT_EQ(f.value("States.ArrayRange(5, 5, 1)"), json({5}));
  EXPECT_EQ(f.value("States.ArrayRange(1, 1000, 1)").size(), 1000u);
  EXPECT_EQ(f.failure("States.ArrayRange(0, 1000, 1)").error, "States.Runtime");  // 1001 elements
  EXPECT_EQ(f.failure("States.ArrayRange(-9223372036854775807, 9223372036854775807, 1)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.ArrayRange(0, 5, 0)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.ArrayRange(0.5, 5, 1)").error, "States.Runtime");
  EXPECT_EQ(f.value("States.ArrayRange(0, 4.0, 2)"), json({0, 2, 4}));  // integral doubles are integers
  f.input = {{"lo", -9223372036854775807LL}, {"hi", 9223372036854775807LL}};
  EXPECT_EQ(f.value("States.ArrayRange($.lo, $.hi, $.hi)"), json({-9223372036854775807LL, 0, 9223372036854775807LL}));
}

// §7 ArrayGetItem [AWS✓]: zero-based; past the end per SemanticsOptions (§14).
TEST(IntrinsicArray, ArrayGetItem) {
  Fixture f;
  f.input = {{"a", {"x", "y", "z"}}};
  EXPECT_EQ(f.value("States.ArrayGetItem($.a, 1)"), "y");
  Failure past_end = f.failure("States.ArrayGetItem($.a, 3)");
  EXPECT_EQ(past_end.error, "States.Runtime");
  EXPECT_NE(past_end.cause->find("out of range"), std::string::npos);
  f.semantics.array_get_item_out_of_range_raises = false;
  EXPECT_EQ(f.value("States.ArrayGetItem($.a, 3)"), json(nullptr));
  EXPECT_EQ(f.failure("States.ArrayGetItem($.a, -1)").error, "States.Runtime");
}

// §7 [AWS✓ nested_calls_1, nested_calls_2]: the last part of the state machine's name.
TEST(IntrinsicArray, AwsRecordedNestedCalls) {
  Fixture f;
  EXPECT_EQ(f.value("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)"), "sm");
  EXPECT_EQ(f.value("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), "
                    "States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))"),
            "x");
}

// §7 ArrayLength [AWS✓].
TEST(IntrinsicArray, ArrayLength) {
  Fixture f;
  f.input = {{"a", {1, 2, 3}}, {"e", json::array()}};
  EXPECT_EQ(f.value("States.ArrayLength($.a)"), 3);
  EXPECT_EQ(f.value("States.ArrayLength($.e)"), 0);
}

// §7 ArrayUnique [DG/ALS]: deep equality, first occurrences in order.
TEST(IntrinsicArray, ArrayUnique) {
  Fixture f;
  f.input = json::parse(R"j({"a": [1, 2, 2, 3, 1, 1.0, "1", {"k": [1]}, {"k": [1]}, null, null, [2], [2.0]]})j");
  EXPECT_EQ(f.value("States.ArrayUnique($.a)"), json::parse(R"j([1, 2, 3, "1", {"k": [1]}, null, [2]])j"));
}

// ---- encoding and hashing ----

// §7 Base64Encode/Decode [AWS✓]: standard alphabet with padding; "" -> "".
TEST(IntrinsicEncoding, Base64RoundTrip) {
  Fixture f;
  EXPECT_EQ(f.value("States.Base64Encode('Data to encode')"), "RGF0YSB0byBlbmNvZGU=");
  EXPECT_EQ(f.value("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')"), "Data to encode");
  EXPECT_EQ(f.value("States.Base64Encode('')"), "");
  EXPECT_EQ(f.value("States.Base64Decode('')"), "");
  f.input = {{"s", "héllo → 😀"}};
  EXPECT_EQ(f.value("States.Base64Encode($.s)"), "aMOpbGxvIOKGkiDwn5iA");
  EXPECT_EQ(f.value("States.Base64Decode('aMOpbGxvIOKGkiDwn5iA')"), "héllo → 😀");
  EXPECT_EQ(f.value("States.Base64Encode('ab')"), "YWI=");
  EXPECT_EQ(f.value("States.Base64Encode('a')"), "YQ==");
}

TEST(IntrinsicEncoding, Base64DecodeLikeJava) {
  Fixture f;
  EXPECT_EQ(f.value("States.Base64Decode('RGF0YQ')"), "Data");        // padding is optional
  EXPECT_EQ(f.value("States.Base64Decode('/w==')"), "\xEF\xBF\xBD");  // invalid UTF-8 becomes U+FFFD
  for (const char* bad : {"States.Base64Decode('@@@@')", "States.Base64Decode('RGF0Y')", "States.Base64Decode('RG=0')",
                          "States.Base64Decode('RGF0YQ=')", "States.Base64Decode('RGF0YQ==AA')"}) {
    Failure failure = f.failure(bad);
    EXPECT_EQ(failure.error, "States.Runtime") << bad;
    EXPECT_NE(failure.cause->find("not valid base64"), std::string::npos) << bad;
  }
}

// §7/§12: Base64 and Hash inputs are at most 10,000 characters.
TEST(IntrinsicEncoding, InputsAreLimitedTo10000Characters) {
  Fixture f;
  f.input = {{"ok", std::string(10000, 'a')}, {"long", std::string(10001, 'a')}};
  EXPECT_EQ(f.value("States.Base64Encode($.ok)").get<std::string>().size(), 13336u);
  EXPECT_EQ(f.value("States.Hash($.ok, 'MD5')"), "0d0c9c4db6953fee9e03f528cafd7d3e");
  EXPECT_EQ(f.failure("States.Base64Encode($.long)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.Base64Decode($.long)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.Hash($.long, 'MD5')").error, "States.Runtime");
}

// §7 Hash [AWS✓]: ("input data", MD5) -> 812f45842bc6d66ee14572ce20db8e86; lowercase hex.
TEST(IntrinsicEncoding, HashAwsRecorded) {
  Fixture f;
  EXPECT_EQ(f.value("States.Hash('input data', 'MD5')"), "812f45842bc6d66ee14572ce20db8e86");
  EXPECT_EQ(f.value("States.Hash('input data', 'SHA-1')"), "aaff4a450a104cd177d28d18d74485e8cae074b7");  // DG example
  f.variables["inputString"] = "abc";
  EXPECT_EQ(f.value("States.Hash($inputString, 'SHA-256')"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(f.failure("States.Hash('x', 'SHA-3')").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.Hash('x', 'md5')").error, "States.Runtime");
}

struct DigestVector {
  std::string message;
  const char* md5;
  const char* sha1;
  const char* sha256;
  const char* sha384;
  const char* sha512;
};

// RFC 1321 and FIPS 180-2 appendix vectors (one block, empty, two blocks), plus a long and a
// non-ASCII message checked against Python's hashlib.
TEST(HashFunctions, StandardVectors) {
  const DigestVector vectors[] = {
      {"abc", "900150983cd24fb0d6963f7d28e17f72", "a9993e364706816aba3e25717850c26c9cd0d89d",
       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
       "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80"
       "e2a9ac94fa54ca49f"},
      {"", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
       "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a8"
       "1a538327af927da3e"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "8215ef0796a20bcaaae116d3876c664a",
       "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
       "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6b0455a8520bc4e6f5fe95b1fe3c8452b",
       "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70"
       "354ec631238ca3445"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrst"
       "u",
       "03dd8807a93175fb062dfb55dc7d359c", "a49b2446a02c645bf419f995b67091253a04a259",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
       "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd265"
       "45e96e55b874be909"},
      {std::string(10000, 'a'), "0d0c9c4db6953fee9e03f528cafd7d3e", "a080cbda64850abb7b7f67ee875ba068074ff6fe",
       "27dd1f61b867b6a0f6e9d8a41c43231de52107e53ae424de8f847b821db4b711",
       "2bca3b131bb7e922bcd1de98c44786d32e6b6b2993e69c4987edf9dd49711eb501f0e98ad248d839f6bf9e116e25a97c",
       "0593036f4f479d2eb8078ca26b1d59321a86bdfcb04cb40043694f1eb0301b8acd20b936db3c916ebcc1b609400ffcf3fa8d569d7e39293"
       "855668645094baf0e"},
      {"héllo → 😀", "fae31f7690e948f22d3b66db8e6a82d1", "9611b88823822d1acfba9a6e21e667a9407ab539",
       "f33e8b2ab69ada0e3e6be201ece5f1c23db659da1cd6e0e85773b18466962d9e",
       "5982a32a056d1ef76293bfaa8ec819765baf3f741952a6b9a5e3b2ee4a4c51eb0926aaebd81f94de896d8a9b03a4dc94",
       "7e5061de86c2d86f802608530e6c762a647d101c8ac6be1a043f096a2354e5db895c862d026d1cd6ee9d1203a96ef4b4e4719b5628d8167"
       "cf395839ab47e2d09"},
  };
  for (const DigestVector& vector : vectors) {
    SCOPED_TRACE(vector.message.substr(0, 20));
    EXPECT_EQ(md5_hex(vector.message), vector.md5);
    EXPECT_EQ(sha1_hex(vector.message), vector.sha1);
    EXPECT_EQ(sha256_hex(vector.message), vector.sha256);
    EXPECT_EQ(sha384_hex(vector.message), vector.sha384);
    EXPECT_EQ(sha512_hex(vector.message), vector.sha512);
  }
  EXPECT_EQ(hash_hex("SHA-512", "abc"), sha512_hex("abc"));
  EXPECT_EQ(hash_hex("SHA-3", "abc"), std::nullopt);
}

TEST(HashFunctions, EveryPaddingBoundary) {
  // Lengths around the 56/64 (MD5, SHA-1, SHA-256) and 112/128 (SHA-384/512) byte boundaries:
  // the digests of neighbouring lengths must differ and stay well-formed.
  std::set<std::string> seen;
  for (std::size_t length = 50; length <= 135; ++length) {
    std::string message(length, 'x');
    EXPECT_EQ(md5_hex(message).size(), 32u);
    EXPECT_TRUE(seen.insert(sha512_hex(message)).second);
    EXPECT_TRUE(seen.insert(sha256_hex(message)).second);
  }
}

// ---- strings ----

// §7 StringSplit [AWS✓]: every character of the delimiter string separates; empty pieces dropped.
TEST(IntrinsicString, StringSplitAwsRecorded) {
  Fixture f;
  EXPECT_EQ(f.value("States.StringSplit(',,,,', ',')"), json::array());
  EXPECT_EQ(f.value("States.StringSplit('This.is+a,test=string', '.+,=')"),
            json({"This", "is", "a", "test", "string"}));
  EXPECT_EQ(f.value("States.StringSplit('1,2,3,4,5', ',')"), json({"1", "2", "3", "4", "5"}));
  // [AWS✓ test_escape_sequence]: a newline in the definition text splits on newlines.
  EXPECT_EQ(f.value("States.StringSplit('Hello\nWorld', '\n')"), json({"Hello", "World"}));
}

TEST(IntrinsicString, StringSplitEdgeCases) {
  Fixture f;
  EXPECT_EQ(f.value("States.StringSplit('a→b→→c', '→')"), json({"a", "b", "c"}));
  EXPECT_EQ(f.value("States.StringSplit('abc', '')"), json({"abc"}));
  EXPECT_EQ(f.value("States.StringSplit('', ',')"), json::array());
  EXPECT_EQ(f.value("States.StringSplit(' a  b ', ' ')"), json({"a", "b"}));
  f.context["Execution"]["Input"]["FunctionInput"] = "1,2";
  EXPECT_EQ(f.value("States.StringSplit($$.Execution.Input.FunctionInput, ',')"), json({"1", "2"}));
}

// ---- math and randomness ----

// §7 MathAdd [AWS✓]: each operand rounded as Java's Math.round, then added. Rows marked (rule)
// follow from that rule; the others are AWS's recorded results.
TEST(IntrinsicMath, MathAddRoundsLikeJava) {
  Fixture f;
  struct Case {
    double a, b;
    std::int64_t sum;
  };
  const Case cases[] = {
      {1.49, 1.5, 3},     // AWS✓
      {-1.5, 0, -1},      // AWS✓
      {-2.5, 0, -2},      // AWS✓
      {0.5, 0, 1},        // AWS✓
      {-1.51, 0, -2},     // AWS✓
      {-9, 3, -6},        // (rule)
      {1.5, 1.51, 4},     // (rule)
      {-1.49, -1.5, -2},  // (rule)
      {-1.5, -1.51, -3},  // (rule)
      {1.49, -1.49, 0},   // (rule)
      {2.5, 0, 3},        // (rule)
      {3.5, 0, 4},        // (rule)
      {-0.5, 0.5, 1},     // (rule)
      {-0.5, 0, 0},       // (rule)
      {-3.5, 0, -3},      // (rule)
  };
  for (const Case& c : cases) {
    f.input = {{"a", c.a}, {"b", c.b}};
    json sum = f.value("States.MathAdd($.a, $.b)");
    EXPECT_EQ(sum, c.sum) << c.a << " + " << c.b;
    EXPECT_TRUE(sum.is_number_integer());
  }
  EXPECT_EQ(f.value("States.MathAdd(111, -1)"), 110);
  EXPECT_EQ(f.failure("States.MathAdd('1', 2)").error, "States.Runtime");
}

TEST(IntrinsicMath, JavaRound) {
  EXPECT_EQ(java_round(-1.5), -1);
  EXPECT_EQ(java_round(-2.5), -2);
  EXPECT_EQ(java_round(2.5), 3);
  EXPECT_EQ(java_round(-0.4), 0);
  EXPECT_EQ(java_round(1e30), std::numeric_limits<std::int64_t>::max());
}

// §7 MathRandom [AWS✓ test_math_random]: an integer in range; end exclusive by default (§14).
TEST(IntrinsicMath, MathRandomStaysInRange) {
  Fixture f;
  std::set<std::int64_t> seen;
  for (int i = 0; i < 400; ++i) {
    json value = f.value("States.MathRandom(1, 5)");
    ASSERT_TRUE(value.is_number_integer());
    seen.insert(value.get<std::int64_t>());
  }
  EXPECT_EQ(seen, (std::set<std::int64_t>{1, 2, 3, 4}));
  f.semantics.math_random_end_inclusive = true;
  seen.clear();
  for (int i = 0; i < 400; ++i) seen.insert(f.value("States.MathRandom(1, 5)").get<std::int64_t>());
  EXPECT_EQ(seen, (std::set<std::int64_t>{1, 2, 3, 4, 5}));
}

TEST(IntrinsicMath, MathRandomRoundsItsBounds) {
  // The AWS test's (12.50, 44.51): bounds round to 13 and 45.
  Fixture f;
  f.input = {{"fst", 12.50}, {"snd", 44.51}};
  for (int i = 0; i < 200; ++i) {
    std::int64_t value = f.value("States.MathRandom($.fst, $.snd)").get<std::int64_t>();
    EXPECT_GE(value, 13);
    EXPECT_LT(value, 45);
  }
  f.input = {{"fst", -99999}, {"snd", -9999}};
  std::int64_t negative = f.value("States.MathRandom($.fst, $.snd)").get<std::int64_t>();
  EXPECT_GE(negative, -99999);
  EXPECT_LT(negative, -9999);
  EXPECT_EQ(f.failure("States.MathRandom(5, 5)").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.MathRandom(5, 1)").error, "States.Runtime");
}

// §7 MathRandom [AWS✓ test_math_random_seeded]: a seed makes the value reproducible.
TEST(IntrinsicMath, MathRandomWithSeedIsReproducible) {
  Fixture first;
  Fixture second;
  second.random = RandomSource(99);  // the execution's source does not matter once seeded
  json a = first.value("States.MathRandom(0, 999, 3)");
  json b = second.value("States.MathRandom(0, 999, 3)");
  EXPECT_EQ(a, b);
  EXPECT_GE(a.get<std::int64_t>(), 0);
  EXPECT_LT(a.get<std::int64_t>(), 999);
}

TEST(IntrinsicMath, RandomnessComesFromTheContext) {
  Fixture first;
  Fixture second;
  EXPECT_EQ(first.value("States.MathRandom(0, 1000000)"), second.value("States.MathRandom(0, 1000000)"));
  EXPECT_EQ(first.value("States.UUID()"), second.value("States.UUID()"));
}

// §7 UUID [AWS✓ test_unique_id_generation]: a random version 4 UUID.
TEST(IntrinsicMath, UuidIsVersion4) {
  Fixture f;
  const std::regex v4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string uuid = f.value("States.UUID()").get<std::string>();
    EXPECT_TRUE(std::regex_match(uuid, v4)) << uuid;
    seen.insert(uuid);
  }
  EXPECT_EQ(seen.size(), 50u);
}

// ---- arguments and failures ----

TEST(IntrinsicArguments, MissingPathIsStatesRuntime) {
  Fixture f;
  f.input = {{"toDate", "2024"}};
  f.semantics.intrinsic_failure_is_runtime = false;  // a missing path is never an intrinsic failure
  Failure failure = f.failure("States.Format('Run for period {} to {}', $.fromDate, $.toDate)");
  EXPECT_EQ(failure.error, "States.Runtime");
  EXPECT_EQ(failure.cause,
            "The function 'States.Format('Run for period {} to {}', $.fromDate, $.toDate)' had the "
            "following error: The JsonPath argument for the field '$.fromDate' could not be found in "
            "the input '{\"toDate\":\"2024\"}'");
}

// §14: the error name of argument failures is a SemanticsOptions switch.
TEST(IntrinsicArguments, TypeErrorsNameTheFunctionAndArgument) {
  Fixture f;
  f.input = {{"s", "abc"}, {"n", 3}};
  Failure failure = f.failure("States.ArrayLength($.s)");
  EXPECT_EQ(failure.error, "States.Runtime");
  EXPECT_EQ(failure.cause,
            "The function 'States.ArrayLength($.s)' had the following error: States.ArrayLength "
            "argument 1 must be an array, got the string \"abc\"");
  f.semantics.intrinsic_failure_is_runtime = false;
  EXPECT_EQ(f.failure("States.ArrayLength($.s)").error, "States.IntrinsicFailure");
  EXPECT_EQ(f.failure("States.Base64Encode($.n)").error, "States.IntrinsicFailure");
  EXPECT_EQ(f.failure("States.StringSplit($.s, $.n)").error, "States.IntrinsicFailure");
}

TEST(IntrinsicArguments, VariablesAndContextAsArguments) {
  Fixture f;
  f.variables = {{"rawString", "Hello"}, {"json1", {{"a", 1}}}, {"json2", {{"b", 2}}},
                 {"value1", 2},          {"value2", 3},         {"name", "Ada"},
                 {"place", "sfncheck"},  {"jsonString", "[1]"}, {"jsonObject", {{"k", true}}}};
  // §8.5 [AWS✓ base_reference_in_intrinsic_function]: variables in every argument position.
  EXPECT_EQ(f.value("States.Base64Encode($rawString)"), "SGVsbG8=");
  EXPECT_EQ(f.value("States.JsonMerge($json1, $json2, false)"), json({{"a", 1}, {"b", 2}}));
  EXPECT_EQ(f.value("States.StringToJson($jsonString)"), json({1}));
  EXPECT_EQ(f.value("States.JsonToString($jsonObject)"), "{\"k\":true}");
  EXPECT_EQ(f.value("States.MathAdd($value1, $value2)"), 5);
  EXPECT_EQ(f.value("States.Format('Hello {}, welcome to {}!', $name, $place)"), "Hello Ada, welcome to sfncheck!");
  EXPECT_EQ(f.failure("States.ArrayLength($nothing)").error, "States.Runtime");
}

TEST(IntrinsicArguments, IndefinitePathArgumentsAreArrays) {
  Fixture f;
  f.input = {{"items", json::array({json{{"id", 1}}, json{{"id", 2}}})}};
  EXPECT_EQ(f.value("States.ArrayLength($.items[*].id)"), 2);
  EXPECT_EQ(f.value("States.ArrayContains($.items[?(@.id > 1)].id, 2)"), true);
}

TEST(IntrinsicArguments, ArityAndUnknownNamesFailAtRunTime) {
  // The analyzer rejects these; hand-built calls still fail cleanly.
  Fixture f;
  EXPECT_EQ(f.failure("States.ArrayLength()").error, "States.Runtime");
  EXPECT_EQ(f.failure("States.UUID(1)").error, "States.Runtime");
  EXPECT_NE(f.failure("States.Nope(1)").cause->find("unknown intrinsic function"), std::string::npos);
}

TEST(IntrinsicArguments, NullSemanticsUsesDefaults) {
  IntrinsicParseResult parsed = parse_intrinsic("States.ArrayGetItem(States.Array(1), 5)");
  json input = json::object();
  Outcome<json> result = evaluate_intrinsic(*parsed.call, EvaluationContext{PathRoots{&input, nullptr, nullptr}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.failure().error, "States.Runtime");
  parsed = parse_intrinsic("States.UUID()");
  EXPECT_TRUE(evaluate_intrinsic(*parsed.call, EvaluationContext{PathRoots{&input, nullptr, nullptr}}).ok());
}

// ---- Java text ----

TEST(JavaText, DoublesPrintLikeJava) {
  EXPECT_EQ(java_double_text(1.1), "1.1");
  EXPECT_EQ(java_double_text(3.0), "3.0");
  EXPECT_EQ(java_double_text(-0.0), "-0.0");
  EXPECT_EQ(java_double_text(100.0), "100.0");
  EXPECT_EQ(java_double_text(1234567.5), "1234567.5");
  EXPECT_EQ(java_double_text(1e7), "1.0E7");
  EXPECT_EQ(java_double_text(12345678.9), "1.23456789E7");
  EXPECT_EQ(java_double_text(0.001), "0.001");
  EXPECT_EQ(java_double_text(0.0001), "1.0E-4");
  EXPECT_EQ(java_double_text(-2.5e-10), "-2.5E-10");
  EXPECT_EQ(java_text(json::parse(R"j({"a": "x", "b": [1, {"c": null}]})j")), "{a=x, b=[1, {c=null}]}");
}

}  // namespace
}  // namespace sfn::interp
