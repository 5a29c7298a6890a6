#pragma once
// docs/rules.md as data, for the tests that keep it in step with the rule catalogue: its `## name`
// sections and the fenced examples inside each.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sfn::testing {

struct RuleExample {
  std::string language;  // the fence's info string up to the first space: json, yaml, text
  bool solver = false;   // fenced `json solver`: only the solver's analysis triggers it
  std::string text;
};

struct RuleSection {
  std::string name;
  int line = 0;
  std::vector<RuleExample> examples;
};

// The page's text; empty when it cannot be read (the caller's expectations then fail).
inline std::string read_rules_page() {
  std::ifstream in(std::string(SFN_SOURCE_DIR) + "/docs/rules.md", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline RuleExample example_from_fence(const std::string& info) {
  RuleExample example;
  std::istringstream words(info);
  words >> example.language;
  for (std::string word; words >> word;) example.solver = example.solver || word == "solver";
  return example;
}

// The `## name` sections with the fenced code blocks inside each.
inline std::vector<RuleSection> parse_rule_sections(const std::string& page) {
  std::vector<RuleSection> sections;
  std::istringstream in(page);
  std::string line;
  int number = 0;
  bool in_fence = false;
  for (; std::getline(in, line); ++number) {
    if (in_fence) {
      if (line.rfind("```", 0) == 0) {
        in_fence = false;
      } else if (!sections.empty()) {
        sections.back().examples.back().text += line + "\n";
      }
      continue;
    }
    if (line.rfind("```", 0) == 0) {
      in_fence = true;
      // A fence before the first rule section belongs to the introduction; keep a scratch section for it.
      if (sections.empty()) sections.push_back({"", 0, {}});
      sections.back().examples.push_back(example_from_fence(line.substr(3)));
      continue;
    }
    if (line.rfind("## ", 0) == 0) sections.push_back({line.substr(3), number + 1, {}});
  }
  if (!sections.empty() && sections.front().line == 0) sections.erase(sections.begin());
  return sections;
}

}  // namespace sfn::testing
