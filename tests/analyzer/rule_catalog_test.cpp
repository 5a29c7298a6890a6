// The rule registry and its documentation, docs/rules.md, stay in step: every rule has a `## name`
// section, every such section names a rule, in catalogue order, and each example written as a json or
// yaml block triggers the rule it documents. The solver's examples need the CLI, which runs the solver:
// tests/cli/solver_rule_docs_test.cpp checks those.

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/rule_catalog.h"
#include "tests/analyzer/rule_docs_page.h"

namespace sfn {
namespace {

using testing::parse_rule_sections;
using testing::RuleExample;
using testing::RuleSection;

std::string read_rules_page() {
  const std::string page = testing::read_rules_page();
  EXPECT_FALSE(page.empty()) << "cannot read docs/rules.md";
  return page;
}

bool is_kebab_case(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  char previous = 0;
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return name.front() >= 'a' && name.front() <= 'z';
}

TEST(RuleCatalog, NamesAreUniqueKebabCase) {
  std::set<std::string_view> seen;
  for (const RuleInfo& rule : rule_catalog()) {
    EXPECT_TRUE(is_kebab_case(rule.name)) << "'" << rule.name << "' is not kebab-case";
    EXPECT_TRUE(seen.insert(rule.name).second) << "'" << rule.name << "' is registered twice";
    EXPECT_FALSE(rule.summary.empty()) << rule.name;
    EXPECT_EQ(find_rule(rule.name), &rule);
  }
  EXPECT_EQ(find_rule("no-such-rule"), nullptr);
  EXPECT_FALSE(is_kebab_case("Missing-Field"));
  EXPECT_FALSE(is_kebab_case("missing_field"));
  EXPECT_FALSE(is_kebab_case("missing--field"));
  EXPECT_FALSE(is_kebab_case("-missing"));
  EXPECT_TRUE(is_kebab_case("invalid-utf8"));
}

TEST(RuleCatalog, EveryRuleHasASectionAndEverySectionNamesARule) {
  const std::vector<RuleSection> sections = parse_rule_sections(read_rules_page());
  std::set<std::string> documented;
  for (const RuleSection& section : sections) {
    EXPECT_NE(find_rule(section.name), nullptr)
        << "docs/rules.md:" << section.line << ": section '## " << section.name << "' names no catalogue rule";
    EXPECT_TRUE(documented.insert(section.name).second)
        << "docs/rules.md:" << section.line << ": '" << section.name << "' is documented twice";
  }
  for (const RuleInfo& rule : rule_catalog()) {
    EXPECT_TRUE(documented.count(std::string(rule.name))) << "rule '" << rule.name << "' has no '## "
                                                          << rule.name << "' section in docs/rules.md";
  }
}

TEST(RuleCatalog, SectionsFollowCatalogueOrder) {
  std::vector<std::string> documented;
  for (const RuleSection& section : parse_rule_sections(read_rules_page())) {
    if (find_rule(section.name)) documented.push_back(section.name);
  }
  std::vector<std::string> registered;
  for (const RuleInfo& rule : rule_catalog()) {
    if (std::find(documented.begin(), documented.end(), rule.name) != documented.end()) {
      registered.emplace_back(rule.name);
    }
  }
  EXPECT_EQ(documented, registered);
}

TEST(RuleCatalog, EverySectionStatesSeverityExampleAndPeers) {
  const std::string page = read_rules_page();
  for (const RuleSection& section : parse_rule_sections(page)) {
    const RuleInfo* rule = find_rule(section.name);
    if (!rule) continue;
    SCOPED_TRACE("docs/rules.md:" + std::to_string(section.line) + " " + section.name);
    const std::size_t start = page.find("\n## " + section.name + "\n");
    ASSERT_NE(start, std::string::npos);
    const std::size_t end = page.find("\n#", start + 1);
    const std::string body = page.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_NE(body.find(std::string("**Severity:** ") + severity_name(rule->severity)), std::string::npos);
    EXPECT_NE(body.find("Peer checks:"), std::string::npos);
    EXPECT_FALSE(section.examples.empty()) << "no example";
  }
}

// Examples in json or yaml blocks are real machines: loading and checking them reports the rule. Those
// of solver rules, and those fenced `json solver`, only the solver triggers.
TEST(RuleCatalog, ExamplesTriggerTheirRule) {
  std::size_t verified = 0;
  for (const RuleSection& section : parse_rule_sections(read_rules_page())) {
    const RuleInfo* rule = find_rule(section.name);
    for (const RuleExample& example : section.examples) {
      if (example.language != "json" && example.language != "yaml") continue;
      if (example.solver || (rule && rule->from_solver)) continue;
      SCOPED_TRACE(section.name + ":\n" + example.text);
      LoadedDefinition loaded = load_definition_text(
          example.text, example.language == "yaml" ? SourceFormat::Yaml : SourceFormat::Json);
      Diagnostics findings = loaded.diagnostics;
      if (loaded.usable) {
        Diagnostics checked = check_definition(*loaded.document);
        findings.insert(findings.end(), checked.begin(), checked.end());
      }
      bool found = false;
      std::string seen;
      for (const Diagnostic& finding : findings) {
        found = found || finding.rule == section.name;
        seen += " " + finding.rule;
      }
      EXPECT_TRUE(found) << "the example does not trigger it; found:" << (seen.empty() ? " nothing" : seen);
      ++verified;
    }
  }
  EXPECT_GE(verified, 40u) << "most rules should have a checked example";
}

}  // namespace
}  // namespace sfn
