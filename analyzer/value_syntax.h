#pragma once
// Small syntaxes that ASL values carry: RFC 3339 timestamps, StringMatches patterns, JSONata
// expression strings ("{% ... %}") and `${...}` placeholders.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sfn {

// An instant in time: seconds since the Unix epoch (UTC) plus nanoseconds.
struct Instant {
  std::int64_t seconds = 0;
  std::uint32_t nanos = 0;
  auto operator<=>(const Instant&) const = default;
};

// AWS's timestamp profile (asl-semantics.md §2.5): YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM),
// uppercase T and Z, valid calendar values. nullopt when not a timestamp.
std::optional<Instant> parse_timestamp(std::string_view text);

// StringMatches: only '*' is special; "\\*" is a literal star and "\\\\" a literal backslash.
// Returns an error message for a dangling or unknown escape, nullopt when the pattern is valid.
std::optional<std::string> check_string_matches_pattern(std::string_view pattern);
bool string_matches(std::string_view text, std::string_view pattern);

// JSONata: a string is an expression only when it is exactly "{% ... %}".
bool is_jsonata_expression(std::string_view text);
// Looks like an attempt at one ("{%" or "%}" present) but is not exactly that form.
bool looks_like_broken_jsonata(std::string_view text);
// Lexical and bracket-level check of the expression body (strings, comments, balanced
// ()[]{}, operators with operands). Returns an error message with the offset, nullopt when fine.
struct JsonataSyntaxError {
  std::string message;
  std::size_t offset = 0;
};
std::optional<JsonataSyntaxError> check_jsonata_expression(std::string_view expression_with_delimiters);

// SAM / CloudFormation placeholders: "${Name}" or "${AWS::Partition}" anywhere in a string.
bool contains_placeholder(std::string_view text);
bool is_whole_placeholder(std::string_view text);  // the whole string is one ${...}
// The text with each ${...} replaced by `replacement`, so the rest can still be checked
// ("arn:${AWS::Partition}:lambda:..." -> "arn:x:lambda:...").
std::string replace_placeholders(std::string_view text, std::string_view replacement);

}  // namespace sfn
