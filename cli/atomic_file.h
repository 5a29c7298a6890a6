#pragma once
// Writing report files so that a reader (a CI step) never sees half a file, and never through a
// symbolic link someone left where the report goes.

#include <optional>
#include <string>

namespace sfn::cli {

// Why `file` cannot be written (a symbolic link, a folder, a parent folder that does not exist), or
// nothing: checked before work whose result goes there, so a bad path costs nothing.
std::optional<std::string> unwritable_reason(const std::string& file);

// Writes `text` to a new file beside `file` and renames it over `file`. Returns why it failed.
std::optional<std::string> write_file_atomically(const std::string& file, const std::string& text);

}  // namespace sfn::cli
