#pragma once
// JSON values printed the way AWS's Java runtime prints them where that text reaches users:
// States.Format renders an object argument as a Java Map (`{Arg1=1, Arg2=[]}`, asl-semantics.md §7)
// and Jayway's error messages print the offending value.

#include <nlohmann/json.hpp>
#include <string>

namespace sfn::interp {

// Java's Double.toString for finite values: "1.1", "3.0", "1.0E20", "1.0E-5".
std::string java_double_text(double value);

// A number as Java prints its boxed value: integers in decimal, doubles by java_double_text.
std::string java_number_text(const nlohmann::json& number);

// Map/List toString: strings raw (no quotes, also inside containers), null as "null", objects as
// `{k=v, k2=v2}`, arrays as `[a, b]`. Members appear in nlohmann's (sorted) key order.
std::string java_text(const nlohmann::json& value);

// Length in Java chars (UTF-16 code units) of UTF-8 text: what String.length() and AWS's
// 10,000-character intrinsic limits count.
std::size_t java_length(const std::string& text);

// Compact JSON text that never throws (invalid UTF-8 is replaced), for causes and messages.
std::string compact_json(const nlohmann::json& value);

}  // namespace sfn::interp
