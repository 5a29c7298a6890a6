// The string-processing intrinsic functions (asl-semantics.md §7): Format, StringToJson,
// JsonToString, StringSplit, Base64Encode/Decode and Hash.

#include <algorithm>
#include <string_view>

#include "interpreter/hash_functions.h"
#include "interpreter/intrinsic_support.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

// Hash and Base64 inputs (asl-semantics.md §12; taken from the emulators).
constexpr std::size_t kMaxEncodedInput = 10000;
// Parsed JSON may not nest deeper than the documents the interpreter accepts elsewhere.
constexpr int kMaxJsonDepth = 256;

constexpr std::string_view kBase64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::size_t utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

// Bytes as Java's new String(bytes, UTF_8) reads them: each ill-formed sequence becomes U+FFFD.
std::string utf8_with_replacements(const std::string& bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;  // allowed range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) low = 0xa0;
      if (lead == 0xed) high = 0x9f;  // no surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) low = 0x90;
      if (lead == 0xf4) high = 0x8f;
    }
    std::size_t valid = length == 0 ? 0 : 1;
    while (valid > 0 && valid < length && i + valid < bytes.size()) {
      const auto next = static_cast<unsigned char>(bytes[i + valid]);
      const unsigned char min = valid == 1 ? low : 0x80;
      const unsigned char max = valid == 1 ? high : 0xbf;
      if (next < min || next > max) break;
      ++valid;
    }
    if (length > 0 && valid == length) {
      out.append(bytes, i, length);
      i += length;
    } else {
      out += kReplacement;
      i += valid > 0 ? valid : 1;
    }
  }
  return out;
}

Outcome<const std::string*> bounded_string(const Invocation& invocation, std::size_t index) {
  Outcome<const std::string*> text = invocation.string_argument(index);
  if (!text.ok()) return text;
  if (java_length(*text.value()) > kMaxEncodedInput) {
    return invocation.failure(invocation.call.name + " argument " + std::to_string(index + 1) +
                              " is longer than 10,000 characters");
  }
  return text;
}

}  // namespace

// `{}` is a slot; `\{`, `\}`, `\'` and `\\` stand for the character itself, so the template is read
// from its source text, where the escapes are still visible (the parser has already unescaped
// string_value). A template that comes from a path is read with the same rules.
Outcome<json> intrinsic_format(const Invocation& invocation) {
  Outcome<const std::string*> value = invocation.string_argument(0);
  if (!value.ok()) return value.failure();
  const IntrinsicArgument& first = invocation.call.arguments.front();
  std::string_view source = *value.value();
  if (first.kind == IntrinsicArgument::Kind::String && first.text.size() >= 2) {
    source = std::string_view(first.text).substr(1, first.text.size() - 2);
  }
  const std::size_t values = invocation.arguments.size() - 1;
  std::string out;
  std::size_t slot = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\\' && i + 1 < source.size()) {
      out += source[++i];
    } else if (c == '{' && i + 1 < source.size() && source[i + 1] == '}') {
      ++i;
      if (++slot > values) break;
      const json& argument = invocation.arguments[slot];
      out += argument.is_string() ? argument.get_ref<const std::string&>() : java_text(argument);
    } else {
      out += c;
    }
  }
  if (slot != values) {
    return invocation.failure("the number of arguments (" + std::to_string(values) +
                              ") does not match the number of '{}' placeholders in the template");
  }
  return json(std::move(out));
}

// AWS recorded "" and " " -> null and "-0" -> 0 (asl-semantics.md §7).
Outcome<json> intrinsic_string_to_json(const Invocation& invocation) {
  Outcome<const std::string*> text = invocation.string_argument(0);
  if (!text.ok()) return text.failure();
  const std::string& source = *text.value();
  if (source.find_first_not_of(" \t\r\n") == std::string::npos) return json(nullptr);
  bool too_deep = false;
  json::parser_callback_t keep_shallow = [&](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  json parsed = json::parse(source, keep_shallow, false);
  if (too_deep) return invocation.failure("States.StringToJson argument 1 nests deeper than 256 levels");
  if (parsed.is_discarded()) return invocation.failure("States.StringToJson argument 1 is not valid JSON");
  return parsed;
}

Outcome<json> intrinsic_json_to_string(const Invocation& invocation) {
  return json(compact_json(invocation.arguments.front()));
}

// Every character of the second argument separates pieces; empty pieces are dropped, as Java's
// StringTokenizer does (asl-semantics.md §7).
Outcome<json> intrinsic_string_split(const Invocation& invocation) {
  Outcome<const std::string*> text = invocation.string_argument(0);
  if (!text.ok()) return text.failure();
  Outcome<const std::string*> delimiters = invocation.string_argument(1);
  if (!delimiters.ok()) return delimiters.failure();
  std::vector<std::string_view> separators;
  const std::string_view all(*delimiters.value());
  for (std::size_t i = 0; i < all.size();) {
    std::size_t length = std::min(utf8_sequence_length(static_cast<unsigned char>(all[i])), all.size() - i);
    separators.push_back(all.substr(i, length));
    i += length;
  }
  json pieces = json::array();
  const std::string_view source(*text.value());
  std::size_t piece_start = 0;
  for (std::size_t i = 0; i < source.size();) {
    std::size_t length = std::min(utf8_sequence_length(static_cast<unsigned char>(source[i])), source.size() - i);
    std::string_view character = source.substr(i, length);
    bool separates = std::find(separators.begin(), separators.end(), character) != separators.end();
    if (separates) {
      if (i > piece_start) pieces.push_back(std::string(source.substr(piece_start, i - piece_start)));
      piece_start = i + length;
    }
    i += length;
  }
  if (source.size() > piece_start) pieces.push_back(std::string(source.substr(piece_start)));
  return pieces;
}

Outcome<json> intrinsic_base64_encode(const Invocation& invocation) {
  Outcome<const std::string*> text = bounded_string(invocation, 0);
  if (!text.ok()) return text.failure();
  const std::string& bytes = *text.value();
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::uint32_t group = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) group |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Alphabet[(group >> 18) & 63];
    out += kBase64Alphabet[(group >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64Alphabet[(group >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64Alphabet[group & 63] : '=';
  }
  return json(std::move(out));
}

// Java's basic Base64 decoder: the standard alphabet only, padding optional but well-formed when
// present, nothing after it; a final unit of one character is an error.
Outcome<json> intrinsic_base64_decode(const Invocation& invocation) {
  Outcome<const std::string*> text = bounded_string(invocation, 0);
  if (!text.ok()) return text.failure();
  const std::string& encoded = *text.value();
  auto invalid = [&](const std::string& why) {
    return invocation.failure("States.Base64Decode argument 1 is not valid base64: " + why);
  };
  std::vector<std::uint8_t> sextets;
  std::size_t i = 0;
  for (; i < encoded.size() && encoded[i] != '='; ++i) {
    std::size_t position = kBase64Alphabet.find(encoded[i]);
    if (position == std::string_view::npos) return invalid("illegal character at position " + std::to_string(i));
    sextets.push_back(static_cast<std::uint8_t>(position));
  }
  if (i < encoded.size()) {  // padding
    std::string_view padding = std::string_view(encoded).substr(i);
    std::size_t remainder = sextets.size() % 4;
    if (!((remainder == 2 && padding == "==") || (remainder == 3 && padding == "="))) {
      return invalid("wrong padding at the end");
    }
  }
  if (sextets.size() % 4 == 1) return invalid("the last unit does not have enough valid bits");
  std::string bytes;
  for (std::size_t unit = 0; unit < sextets.size(); unit += 4) {
    const std::size_t count = std::min<std::size_t>(4, sextets.size() - unit);
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) group = (group << 6) | (k < count ? sextets[unit + k] : 0);
    bytes += static_cast<char>((group >> 16) & 0xff);
    if (count > 2) bytes += static_cast<char>((group >> 8) & 0xff);
    if (count > 3) bytes += static_cast<char>(group & 0xff);
  }
  return json(utf8_with_replacements(bytes));
}

Outcome<json> intrinsic_hash(const Invocation& invocation) {
  Outcome<const std::string*> text = bounded_string(invocation, 0);
  if (!text.ok()) return text.failure();
  Outcome<const std::string*> algorithm = invocation.string_argument(1);
  if (!algorithm.ok()) return algorithm.failure();
  std::optional<std::string> digest = hash_hex(*algorithm.value(), *text.value());
  if (!digest) return invocation.argument_failure(1, "one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'");
  return json(std::move(*digest));
}

}  // namespace sfn::interp
