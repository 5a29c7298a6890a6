// Keeps tests/conformance/SEMANTICS.md true: every row of ../shared/asl-semantics.md that carries
// an [AWS✓ or [FLOE✓ tag has an entry there, every entry names a tagged row that still exists, and
// every test an entry names exists in the sources under tests/. Reports itself skipped (77) when
// ../shared is absent, as in a user's clone.
//
// Tagged rows, precisely: after the first line starting with "## " (the tag legend above it is not
// a row), outside ``` fences, every line containing "[AWS✓" or "[FLOE✓" — a table row, a bullet,
// a heading, or one line of a paragraph. Its key is "§<section> <text>", where <section> is the
// number of the nearest heading at or above it (## 3. -> 3, ### 3.3 -> 3.3) and <text> is the first
// 40 characters (code points) of the line with leading markers (#, the heading number, |, -, *,
// "1.") removed, * and ` deleted, | replaced by /, and white space collapsed.
//
// Usage: semantics_map_test [--list]   (--list prints every key, to write new entries)

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kSkipped = 77;
constexpr std::size_t kKeyTextLength = 40;

struct TaggedRow {
  std::string key;
  int line = 0;
  std::string text;
};

std::string trim(const std::string& text) {
  const char* spaces = " \t\r\n";
  const std::size_t first = text.find_first_not_of(spaces);
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The first `count` UTF-8 code points of `text`.
std::string first_code_points(const std::string& text, std::size_t count) {
  std::size_t bytes = 0;
  for (std::size_t points = 0; bytes < text.size() && points < count; ++points) {
    ++bytes;
    while (bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) ++bytes;
  }
  return text.substr(0, bytes);
}

// "## 3. Input" -> "3", "### 3.3 Paths" -> "3.3"; empty when the heading has no number.
std::string heading_number(const std::string& line) {
  static const std::regex number(R"(^#+\s+(\d+(?:\.\d+)*)\.?\s)");
  std::smatch match;
  return std::regex_search(line, match, number) ? match[1].str() : "";
}

std::string normalized_text(std::string line) {
  line = trim(line);
  static const std::regex heading(R"(^#+\s+(\d+(\.\d+)*\.?\s+)?)");
  static const std::regex marker(R"(^(\|\s*|[-*]\s+|\d+\.\s+))");
  line = std::regex_replace(line, heading, "", std::regex_constants::format_first_only);
  line = std::regex_replace(line, marker, "", std::regex_constants::format_first_only);
  std::string cleaned;
  for (char c : line) {
    if (c == '*' || c == '`') continue;
    cleaned += c == '|' ? '/' : c;
  }
  static const std::regex spaces(R"(\s+)");
  cleaned = trim(std::regex_replace(cleaned, spaces, " "));
  return trim(first_code_points(cleaned, kKeyTextLength));
}

std::vector<TaggedRow> tagged_rows(const std::filesystem::path& path) {
  std::vector<TaggedRow> rows;
  std::ifstream stream(path);
  std::string line;
  std::string section;
  bool started = false;
  bool in_fence = false;
  for (int number = 1; std::getline(stream, line); ++number) {
    if (starts_with(trim(line), "```")) {
      in_fence = !in_fence;
      continue;
    }
    if (in_fence) continue;
    if (starts_with(line, "## ")) started = true;
    if (!started) continue;
    if (starts_with(line, "#")) {
      std::string heading = heading_number(line);
      if (!heading.empty()) section = heading;
    }
    if (line.find("[AWS\xE2\x9C\x93") == std::string::npos && line.find("[FLOE\xE2\x9C\x93") == std::string::npos) {
      continue;
    }
    rows.push_back(TaggedRow{"\xC2\xA7" + section + " " + normalized_text(line), number, trim(line)});
  }
  return rows;
}

struct MapEntry {
  std::string key;
  std::vector<std::string> tests;  // Suite.Name
  bool not_implemented = false;
  int line = 0;
};

// The rows of SEMANTICS.md's `| row | tests |` table(s).
std::vector<MapEntry> map_entries(const std::filesystem::path& path) {
  std::vector<MapEntry> entries;
  std::ifstream stream(path);
  std::string line;
  static const std::regex backticked("`([^`]+)`");
  static const std::regex test_name(R"(^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$)");
  for (int number = 1; std::getline(stream, line); ++number) {
    const std::string row = trim(line);
    if (!starts_with(row, "|")) continue;
    const std::size_t separator = row.find('|', 1);
    if (separator == std::string::npos) continue;
    std::string key = trim(row.substr(1, separator - 1));
    std::string tests = row.substr(separator + 1);
    if (!tests.empty() && tests.back() == '|') tests.pop_back();
    tests = trim(tests);
    if (key == "row" || starts_with(key, "---") || key.empty()) continue;  // header and separator rows
    if (key.size() >= 2 && key.front() == '`' && key.back() == '`') key = key.substr(1, key.size() - 2);
    MapEntry entry{key, {}, starts_with(tests, "not implemented:"), number};
    for (std::sregex_iterator it(tests.begin(), tests.end(), backticked), end; it != end; ++it) {
      const std::string name = (*it)[1].str();
      if (std::regex_match(name, test_name)) entry.tests.push_back(name);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Suite.Name of every TEST, TEST_F and TEST_P in the C++ sources under `root`.
std::set<std::string> defined_tests(const std::filesystem::path& root) {
  std::set<std::string> names;
  static const std::regex definition(R"(\bTEST(?:_F|_P)?\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*([A-Za-z_][A-Za-z0-9_]*)\s*\))");
  std::filesystem::recursive_directory_iterator it(root), end;
  for (; it != end; ++it) {
    if (it->is_directory() && it->path().filename() == "node_modules") {
      it.disable_recursion_pending();
      continue;
    }
    const std::string extension = it->path().extension().string();
    if (!it->is_regular_file() || (extension != ".cpp" && extension != ".cc" && extension != ".h")) continue;
    std::ifstream stream(it->path());
    std::stringstream text;
    text << stream.rdbuf();
    const std::string source = text.str();
    for (std::sregex_iterator match(source.begin(), source.end(), definition), done; match != done; ++match) {
      names.insert((*match)[1].str() + "." + (*match)[2].str());
    }
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path source = SFN_SOURCE_DIR;
  const std::filesystem::path semantics = source / ".." / "shared" / "asl-semantics.md";
  const std::filesystem::path map = source / "tests" / "conformance" / "SEMANTICS.md";
  if (!std::filesystem::exists(semantics)) {
    std::cout << "skipped: " << semantics.string()
              << " is absent (the shared semantics reference is not part of this checkout)\n";
    return kSkipped;
  }
  const std::vector<TaggedRow> rows = tagged_rows(semantics);
  if (argc > 1 && std::string(argv[1]) == "--list") {
    for (const TaggedRow& row : rows) std::cout << row.key << "\n";
    return 0;
  }

  std::vector<std::string> problems;
  std::map<std::string, const TaggedRow*> by_key;
  for (const TaggedRow& row : rows) {
    auto [it, inserted] = by_key.emplace(row.key, &row);
    if (!inserted) {
      problems.push_back("asl-semantics.md lines " + std::to_string(it->second->line) + " and " +
                         std::to_string(row.line) + " have the same key \"" + row.key +
                         "\"; reword one of them (or lengthen kKeyTextLength)");
    }
  }
  if (!std::filesystem::exists(map)) {
    std::cout << "FAIL: " << map.string() << " is missing\n";
    return 1;
  }
  const std::vector<MapEntry> entries = map_entries(map);
  const std::set<std::string> tests = defined_tests(source / "tests");

  std::set<std::string> mapped;
  for (const MapEntry& entry : entries) {
    const std::string where = "SEMANTICS.md:" + std::to_string(entry.line) + ": ";
    if (!by_key.count(entry.key)) {
      problems.push_back(where + "\"" + entry.key + "\" is not the key of any tagged row of asl-semantics.md");
    }
    if (!mapped.insert(entry.key).second) problems.push_back(where + "\"" + entry.key + "\" is listed twice");
    if (!entry.not_implemented && entry.tests.empty()) {
      problems.push_back(where + "\"" + entry.key + "\" names no test (`Suite.Name`) and is not \"not implemented:\"");
    }
    for (const std::string& test : entry.tests) {
      if (!tests.count(test)) problems.push_back(where + "test " + test + " does not exist under tests/");
    }
  }
  for (const TaggedRow& row : rows) {
    if (!mapped.count(row.key)) {
      problems.push_back("asl-semantics.md:" + std::to_string(row.line) + ": tagged row has no entry in SEMANTICS.md: `" +
                         row.key + "`  (" + row.text.substr(0, 120) + ")");
    }
  }

  for (const std::string& problem : problems) std::cout << "FAIL: " << problem << "\n";
  std::cout << rows.size() << " tagged rows, " << entries.size() << " entries, " << tests.size()
            << " tests in the sources, " << problems.size() << " problem(s)\n";
  return problems.empty() ? 0 : 1;
}
