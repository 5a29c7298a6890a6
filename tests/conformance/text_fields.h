#pragma once
// Splitting and trimming the fields of the conformance tests' tables (TSV rows, Markdown cells), and
// the file list of ../shared/corpus/MANIFEST.tsv.

#include <algorithm>
#include <filesystem>
#include <fstream>
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

// The `file` column of the corpus's MANIFEST.tsv, in order.
inline std::vector<std::string> corpus_files(const std::filesystem::path& corpus) {
  std::ifstream manifest(corpus / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  const std::vector<std::string> header = split(line, '\t');
  const std::size_t file_column =
      static_cast<std::size_t>(std::find(header.begin(), header.end(), "file") - header.begin());
  std::vector<std::string> files;
  while (std::getline(manifest, line)) {
    std::vector<std::string> fields = split(line, '\t');
    if (file_column < fields.size() && !fields[file_column].empty()) files.push_back(fields[file_column]);
  }
  return files;
}

}  // namespace sfn::testing
