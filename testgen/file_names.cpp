#include "testgen/file_names.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "analyzer/utf8.h"

namespace sfn::testgen {
namespace {

constexpr std::size_t kMinStemBytes = 8;     // room for "COM¹-" and "test"
constexpr std::size_t kMinSuffixRoom = 16;   // room for a stem and a "-k" suffix beside the extension

// The code point at `pos`, or nullopt (one byte consumed) for a byte that starts no well-formed
// sequence. next_code_point passes such bytes through as themselves and accepts overlong forms
// ("\xC0\xAF" is '/'), surrogates and values past U+10FFFF, so those are refused here.
std::optional<char32_t> decode(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  const char32_t code_point = next_code_point(text, pos);
  const std::size_t length = pos - start;
  const std::size_t shortest = code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
  const bool lead_is_ascii = static_cast<unsigned char>(text[start]) < 0x80;
  if ((length == 1 && !lead_is_ascii) || length != shortest || (code_point >= 0xD800 && code_point <= 0xDFFF) ||
      code_point > 0x10FFFF) {
    pos = start + 1;
    return std::nullopt;
  }
  return code_point;
}

bool keeps_ascii(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

bool in(char32_t c, char32_t first, char32_t last) { return c >= first && c <= last; }

// Non-ASCII characters a name may keep: not controls, not invisible or direction-changing format
// characters (they make two names look alike or a listing read backwards), not spaces (ASCII space
// becomes '-' too), not noncharacters, and not the look-alikes of '/', '\' and the characters
// Windows forbids (a listing should never seem to show a path).
bool keeps_non_ascii(char32_t c) {
  if (c < 0xA0 || c == 0xA0 || c == 0xAD) return false;  // C1 controls, no-break space, soft hyphen
  if (in(c, 0x600, 0x605) || c == 0x61C || c == 0x6DD || c == 0x70F || in(c, 0x890, 0x891) || c == 0x8E2 ||
      c == 0x180E || c == 0x1680)
    return false;
  if (in(c, 0x2000, 0x200F) || in(c, 0x2028, 0x202F) || in(c, 0x205F, 0x206F) || c == 0x3000 || c == 0xFEFF ||
      in(c, 0xFFF9, 0xFFFB))
    return false;
  if (in(c, 0xFDD0, 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return false;
  if (c == 0x110BD || c == 0x110CD || in(c, 0x13430, 0x1343F) || in(c, 0x1BCA0, 0x1BCA3) ||
      in(c, 0x1D173, 0x1D17A) || in(c, 0xE0000, 0xE007F))
    return false;
  switch (c) {
    case 0x2044: case 0x2215: case 0x29F5: case 0x29F8: case 0x29F9: case 0xFE68:   // slashes
    case 0xFF02: case 0xFF0A: case 0xFF0F: case 0xFF1A: case 0xFF1C: case 0xFF1E:   // fullwidth " * / : < >
    case 0xFF1F: case 0xFF3C: case 0xFF5C:                                          // fullwidth ? \ |
      return false;
    default:
      return true;
  }
}

void trim_dashes_and_dots(std::string& text) {
  const std::size_t first = text.find_first_not_of("-.");
  if (first == std::string::npos) {
    text.clear();
    return;
  }
  text.erase(text.find_last_not_of("-.") + 1);
  text.erase(0, first);
}

void trim_trailing_dashes_and_dots(std::string& text) {
  const std::size_t last = text.find_last_not_of("-.");
  text.erase(last == std::string::npos ? 0 : last + 1);
}

// Cuts well-formed UTF-8 to at most `max_bytes` at a code point boundary.
void cap_utf8(std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return;
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
}

// Windows opens a device for these names whatever follows the first '.' ("con.json" too).
bool is_windows_device_name(std::string_view base) {
  std::string lower(base);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (lower == "con" || lower == "prn" || lower == "aux" || lower == "nul") return true;
  if (lower.size() < 4 || (lower.compare(0, 3, "com") != 0 && lower.compare(0, 3, "lpt") != 0)) return false;
  const std::string_view number = std::string_view(lower).substr(3);
  return (number.size() == 1 && number[0] >= '0' && number[0] <= '9') || number == "\u00B9" || number == "\u00B2" ||
         number == "\u00B3";
}

void avoid_windows_device_name(std::string& stem, std::size_t max_bytes) {
  const std::size_t dot = std::min(stem.find('.'), stem.size());
  if (!is_windows_device_name(std::string_view(stem).substr(0, dot))) return;
  std::string rest = stem.substr(dot);
  cap_utf8(rest, max_bytes - dot - 1);
  trim_trailing_dashes_and_dots(rest);
  stem = stem.substr(0, dot) + "-" + rest;
}

// Latin-1 letters U+00C0..U+00FF by base letter ('*': no decomposition, only its case is folded).
constexpr std::string_view kLatin1Base = "aaaaaa*ceeeeiiii*nooooo**uuuuy**aaaaaa*ceeeeiiii*nooooo**uuuuy*y";

// Simple case folding of the scripts test names use most, and the Latin-1 accents taken off: a
// conservative stand-in for what case-insensitive, normalisation-insensitive file systems (macOS,
// Windows) treat as the same name. Folding too much only costs a "-2".
char32_t fold(char32_t c) {
  if (c < 0x80) return in(c, 'A', 'Z') ? c + 0x20 : c;
  if (in(c, 0xC0, 0xFF)) {
    const char base = kLatin1Base[c - 0xC0];
    if (base != '*') return static_cast<char32_t>(base);
    return in(c, 0xC0, 0xDE) && c != 0xD7 ? c + 0x20 : c;
  }
  if (c == 0x130) return 'i';
  if (c == 0x178) return 'y';
  if (c == 0x17F) return 's';
  if (in(c, 0x100, 0x12F) || in(c, 0x132, 0x137) || in(c, 0x14A, 0x177)) return c & ~char32_t{1};
  if (in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) return (c & 1) ? c + 1 : c;
  if (in(c, 0x391, 0x3A9) && c != 0x3A2) return c + 0x20;
  if (c == 0x386) return 0x3AC;
  if (in(c, 0x388, 0x38A)) return c + 0x25;
  if (c == 0x38C) return 0x3CC;
  if (in(c, 0x38E, 0x38F)) return c + 0x3F;
  if (c == 0x3C2) return 0x3C3;
  if (in(c, 0x400, 0x40F)) return c + 0x50;
  if (in(c, 0x410, 0x42F)) return c + 0x20;
  if (in(c, 0x460, 0x481) || in(c, 0x48A, 0x4BF) || in(c, 0x4D0, 0x52F)) return c | 1;
  if (in(c, 0x4C1, 0x4CE)) return (c & 1) ? c + 1 : c;
  if (in(c, 0x531, 0x556)) return c + 0x30;
  if (in(c, 0x1E00, 0x1E95) || in(c, 0x1EA0, 0x1EFF)) return c | 1;
  if (c == 0x1E9E) return 's';
  if (in(c, 0xFF21, 0xFF3A)) return c + 0x20;
  return c;
}

// What two names must differ in to be two files everywhere.
std::string name_key(std::string_view name) {
  std::string key;
  for (std::size_t pos = 0; pos < name.size();) {
    const std::size_t start = pos;
    const std::optional<char32_t> c = decode(name, pos);
    if (!c) {
      key += name[start];
    } else if (!in(*c, 0x300, 0x36F)) {  // combining accents: the NFD spelling of an accented letter
      append_utf8(key, fold(*c));
    }
  }
  return key;
}

std::string with_suffix(const std::string& base, std::size_t rank, std::size_t stem_budget) {
  const std::string suffix = "-" + std::to_string(rank);
  std::string stem = base;
  cap_utf8(stem, stem_budget - suffix.size());
  trim_trailing_dashes_and_dots(stem);
  if (stem.empty()) stem = "test";
  return stem + suffix;
}

}  // namespace

std::string file_stem_for(std::string_view text, std::size_t max_bytes) {
  max_bytes = std::max(max_bytes, kMinStemBytes);
  std::string stem;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const std::optional<char32_t> c = decode(text, pos);
    if (c && *c < 0x80 && keeps_ascii(*c)) {
      stem += static_cast<char>(*c);
    } else if (c && *c >= 0x80 && keeps_non_ascii(*c)) {
      stem.append(text.substr(start, pos - start));
    } else if (stem.empty() || stem.back() != '-') {
      stem += '-';
    }
  }
  trim_dashes_and_dots(stem);
  cap_utf8(stem, max_bytes);
  trim_trailing_dashes_and_dots(stem);
  if (stem.empty()) stem = "test";
  avoid_windows_device_name(stem, max_bytes);
  return stem;
}

std::vector<std::string> unique_file_names(const std::vector<std::string>& stems, std::string_view extension,
                                           std::size_t max_bytes, const std::vector<std::string>& reserved) {
  max_bytes = std::max(max_bytes, extension.size() + kMinSuffixRoom);
  const std::size_t stem_budget = max_bytes - extension.size();
  std::set<std::string> taken;
  for (const std::string& name : reserved) taken.insert(name_key(name));

  std::vector<std::string> bases;
  std::vector<std::size_t> ranks;  // 1 for the first stem of its kind, k for the k-th
  std::map<std::string, std::size_t> seen;
  for (const std::string& stem : stems) {
    bases.push_back(file_stem_for(stem, stem_budget));
    ranks.push_back(++seen[name_key(bases.back())]);
  }

  // First stems first, so that a stem keeps its plain name whatever the others are.
  std::vector<std::string> names(stems.size());
  for (std::size_t i = 0; i < stems.size(); ++i) {
    std::string name = bases[i] + std::string(extension);
    if (ranks[i] == 1 && taken.insert(name_key(name)).second) names[i] = std::move(name);
  }
  // The suffixed names end in "-k" after the last '-', so a larger k always gives a new name.
  for (std::size_t i = 0; i < stems.size(); ++i) {
    for (std::size_t rank = std::max<std::size_t>(ranks[i], 2); names[i].empty(); ++rank) {
      std::string name = with_suffix(bases[i], rank, stem_budget) + std::string(extension);
      if (taken.insert(name_key(name)).second) names[i] = std::move(name);
    }
  }
  return names;
}

}  // namespace sfn::testgen
