#pragma once
// File names for generated tests, derived from text users wrote (state names, goal descriptions):
// safe on Linux, macOS and Windows, readable, and the same for the same input. Pure functions; the
// writing itself is cli/output_folder.h.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sfn::testgen {

// A file name stem for `text` (e.g. "covers rule 'Is Healthy?' #0" -> "covers-rule-Is-Healthy-0").
// Keeps ASCII letters, digits, '-', '_', '.' and well-formed non-ASCII UTF-8 other than controls,
// format characters (bidi overrides, zero-width), spaces and look-alikes of path separators; every
// other character or invalid byte becomes '-', runs of '-' collapse, '-' and '.' are trimmed from
// both ends. Never empty ("test"), never "." or "..", never a Windows device name (CON, NUL,
// COM1, ... get a '-' after them), at most `max_bytes` bytes (at least 8) and never cut inside a
// UTF-8 sequence.
std::string file_stem_for(std::string_view text, std::size_t max_bytes = 200);

// One file name per stem: file_stem_for(stem) + `extension` (e.g. ".json"), each at most
// `max_bytes` bytes (at least extension + 16), distinct from one another and from `reserved` when
// compared as case-insensitive file systems do. The k-th stem equal to an earlier one (k >= 2)
// gets "-k" before the extension, so names depend only on the stem and its rank among equal stems
// and stay put when unrelated tests come and go; only when that name is already taken (a stem
// spelled like a suffixed one, a reserved name, two long stems equal once cut) is k raised until
// free, still deterministically.
std::vector<std::string> unique_file_names(const std::vector<std::string>& stems, std::string_view extension,
                                           std::size_t max_bytes = 200,
                                           const std::vector<std::string>& reserved = {});

}  // namespace sfn::testgen
