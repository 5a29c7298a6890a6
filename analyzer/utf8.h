#pragma once
// UTF-8 code points, for the few places that walk text by character (positions, Z3 literals).

#include <cstddef>
#include <string>
#include <string_view>

namespace sfn {

// Appends the UTF-8 encoding of one code point.
void append_utf8(std::string& out, char32_t code_point);

// Decodes the code point at `pos` and moves `pos` past it; a byte that starts no well-formed
// sequence is returned as itself (one byte consumed).
char32_t next_code_point(std::string_view text, std::size_t& pos);

}  // namespace sfn
