#pragma once
// Splitting and trimming the fields of the conformance tests' tables (TSV rows, Markdown cells).

#include <sstream>
#include <string>
#include <vector>

namespace sfn::testing {

// The fields of `line` between separators; a trailing separator ends with an empty field.
inline std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, separator)) fields.push_back(field);
  if (!line.empty() && line.back() == separator) fields.emplace_back();
  return fields;
}

// `text` without the given characters at either end.
inline std::string trim(std::string text, const char* characters = " \t\r\n") {
  text.erase(0, text.find_first_not_of(characters));
  text.erase(text.find_last_not_of(characters) + 1);
  return text;
}

}  // namespace sfn::testing
