// The examples of docs/rules.md that only the solver triggers (those of the solver's rules, and blocks
// fenced `json solver`) are real machines: `sfncheck check` reports their rule on them, with the
// severity and the kind of evidence the page documents, and `--no-solver` does not.
// tests/analyzer/rule_catalog_test.cpp checks the page's other examples and its structure.

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analyzer/rule_catalog.h"
#include "tests/analyzer/rule_docs_page.h"
#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

struct SolverExample {
  const RuleInfo* rule;
  int section_line;  // where its `## name` heading is in docs/rules.md
  std::string text;
};

std::vector<SolverExample> solver_examples() {
  const std::string page = read_rules_page();
  EXPECT_FALSE(page.empty()) << "cannot read docs/rules.md";
  std::vector<SolverExample> examples;
  for (const RuleSection& section : parse_rule_sections(page)) {
    const RuleInfo* rule = find_rule(section.name);
    if (!rule) continue;  // rule_catalog_test reports sections that name no rule
    for (const RuleExample& example : section.examples) {
      if (example.language != "json") continue;
      if (example.solver || rule->from_solver) examples.push_back({rule, section.line, example.text});
    }
  }
  return examples;
}

// The evidence each rule's section promises (docs/rules.md, "Solver findings"); rules with none are absent.
const std::map<std::string, std::string>& documented_evidence() {
  static const std::map<std::string, std::string> kinds = {
      {"dead-choice-rule", "proof"},   {"dead-default", "proof"},  {"dead-catcher", "proof"},
      {"infinite-loop", "proof"},      {"unreachable-state", "proof"},
      {"no-choice-matched", "witness"}, {"missing-path", "witness"}, {"use-before-write", "witness"},
      {"unbounded-loop", "recurrence"},
  };
  return kinds;
}

// The findings of `sfncheck check --format json`, or a failure naming what went wrong.
std::vector<nlohmann::json> check_json(const std::vector<std::string>& arguments) {
  std::vector<std::string> command = {"check", "--format", "json", "--fail-on", "never"};
  command.insert(command.end(), arguments.begin(), arguments.end());
  const CliRun run = run_sfncheck(command);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const nlohmann::json output = nlohmann::json::parse(run.out, nullptr, false);
  if (output.is_discarded() || !output.contains("findings")) {
    ADD_FAILURE() << "not the JSON report:\n" << run.out << run.err;
    return {};
  }
  return output["findings"].get<std::vector<nlohmann::json>>();
}

std::string rules_of(const std::vector<nlohmann::json>& findings) {
  std::string text;
  for (const nlohmann::json& finding : findings) {
    text += " " + finding.value("rule", "?") + " (" + finding.value("severity", "?") + ")";
  }
  return text.empty() ? " nothing" : text;
}

TEST(SolverRuleDocs, EverySolverRuleHasAJsonExample) {
  const std::vector<SolverExample> examples = solver_examples();
  for (const RuleInfo& rule : rule_catalog()) {
    if (!rule.from_solver) continue;
    bool found = false;
    for (const SolverExample& example : examples) found = found || example.rule == &rule;
    EXPECT_TRUE(found) << "'## " << rule.name << "' in docs/rules.md has no ```json example";
  }
}

TEST(SolverRuleDocs, ExamplesTriggerTheirRule) {
  ScratchDir dir;
  const std::vector<SolverExample> examples = solver_examples();
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const SolverExample& example = examples[i];
    const std::string rule(example.rule->name);
    SCOPED_TRACE("docs/rules.md:" + std::to_string(example.section_line) + " " + rule + ":\n" + example.text);
    const std::string file = dir.write("example-" + std::to_string(i) + ".asl.json", example.text);

    const std::vector<nlohmann::json> findings = check_json({file});
    const nlohmann::json* reported = nullptr;
    for (const nlohmann::json& finding : findings) {
      if (finding.value("rule", "") == rule && !reported) reported = &finding;
    }
    if (!reported) {
      ADD_FAILURE() << "the example does not trigger it; found:" << rules_of(findings);
      continue;
    }
    // A structural rule that the solver also reports (unreachable-state) does so as a warning: AWS
    // accepts the definition.
    const Severity severity = example.rule->from_solver ? example.rule->severity : Severity::Warning;
    EXPECT_EQ(reported->value("severity", ""), severity_name(severity)) << reported->dump(2);
    EXPECT_FALSE(reported->value("message", "").empty());
    auto kind = documented_evidence().find(rule);
    if (kind != documented_evidence().end()) {
      ASSERT_TRUE(reported->contains("evidence")) << reported->dump(2);
      EXPECT_EQ((*reported)["evidence"].value("kind", ""), kind->second) << reported->dump(2);
    }

    const std::vector<nlohmann::json> structural = check_json({"--no-solver", file});
    for (const nlohmann::json& finding : structural) {
      EXPECT_NE(finding.value("rule", ""), rule) << "reported without the solver:\n" << finding.dump(2);
    }
  }
  EXPECT_GE(examples.size(), 12u) << "every solver rule, and unreachable-state, should have a checked example";
}

}  // namespace
}  // namespace sfn::testing
