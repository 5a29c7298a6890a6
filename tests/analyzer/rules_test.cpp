// The structural rules, each triggered by a small inline machine and each paired with a near miss
// (a valid variant that must come out clean). Expectations follow asl-semantics.md.

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/rule_catalog.h"

namespace sfn {
namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

// Loads the text as the CLI would and, when it is usable, runs the structural rules: the
// loader's findings (parse problems, duplicate keys) come first.
Diagnostics lint(std::string text, SourceFormat format = SourceFormat::Json) {
  LoadedDefinition loaded = load_definition_text(std::move(text), format);
  Diagnostics findings = std::move(loaded.diagnostics);
  if (loaded.usable) {
    Diagnostics checked = check_definition(*loaded.document);
    findings.insert(findings.end(), checked.begin(), checked.end());
  }
  return findings;
}

// {"StartAt": <start_at>, <extra> "States": {<states>}}
std::string machine(std::string_view states, std::string_view start_at = "A", std::string_view extra = "") {
  std::string text = "{\"StartAt\": \"";
  text += start_at;
  text += "\", ";
  text += extra;
  text += "\"States\": {";
  text += states;
  text += "}}";
  return text;
}

// A machine of one state named A.
std::string one_state(std::string_view state) { return machine("\"A\": " + std::string(state)); }

// The same in a JSONata machine.
std::string one_jsonata_state(std::string_view state) {
  return machine("\"A\": " + std::string(state), "A", "\"QueryLanguage\": \"JSONata\", ");
}

constexpr std::string_view kLambda = "arn:aws:lambda:us-east-1:123456789012:function:f";

std::string task(std::string_view fields) {
  return R"({"Type": "Task", "Resource": ")" + std::string(kLambda) + "\", " + std::string(fields) + "}";
}

std::string describe(const Diagnostics& findings) {
  std::ostringstream out;
  if (findings.empty()) out << "  (no findings)\n";
  for (const Diagnostic& finding : findings) {
    out << "  " << finding.location.line << ":" << finding.location.column << " " << severity_name(finding.severity)
        << " [" << finding.rule << "] at '" << finding.location.pointer << "': " << finding.message << "\n";
  }
  return out.str();
}

const Diagnostic* find_finding(const Diagnostics& findings, std::string_view rule, std::string_view pointer) {
  for (const Diagnostic& finding : findings) {
    if (finding.rule == rule && finding.location.pointer == pointer) return &finding;
  }
  return nullptr;
}

bool has_rule(const Diagnostics& findings, std::string_view rule, std::string_view pointer) {
  return find_finding(findings, rule, pointer) != nullptr;
}

bool has_rule(const Diagnostics& findings, std::string_view rule) {
  for (const Diagnostic& finding : findings) {
    if (finding.rule == rule) return true;
  }
  return false;
}

std::size_t count_rule(const Diagnostics& findings, std::string_view rule) {
  std::size_t count = 0;
  for (const Diagnostic& finding : findings) count += finding.rule == rule;
  return count;
}

// The rule fired at the pointer with the severity the catalogue gives it.
::testing::AssertionResult Reports(const Diagnostics& findings, std::string_view rule, std::string_view pointer) {
  const Diagnostic* finding = find_finding(findings, rule, pointer);
  if (!finding) {
    return ::testing::AssertionFailure() << "expected [" << rule << "] at '" << pointer << "', got:\n"
                                         << describe(findings);
  }
  const RuleInfo* info = find_rule(rule);
  if (!info) return ::testing::AssertionFailure() << "rule '" << rule << "' is not in the catalogue";
  if (finding->severity != info->severity) {
    return ::testing::AssertionFailure() << "[" << rule << "] reported as " << severity_name(finding->severity)
                                         << ", catalogue says " << severity_name(info->severity);
  }
  if (finding->message.empty()) return ::testing::AssertionFailure() << "[" << rule << "] has no message";
  return ::testing::AssertionSuccess();
}

// Only this one finding, and nothing else.
::testing::AssertionResult ReportsOnly(const Diagnostics& findings, std::string_view rule, std::string_view pointer) {
  ::testing::AssertionResult reported = Reports(findings, rule, pointer);
  if (!reported) return reported;
  if (findings.size() != 1) return ::testing::AssertionFailure() << "expected only [" << rule << "], got:\n"
                                                                 << describe(findings);
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult Lacks(const Diagnostics& findings, std::string_view rule) {
  if (!has_rule(findings, rule)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "did not expect [" << rule << "], got:\n" << describe(findings);
}

::testing::AssertionResult IsClean(const Diagnostics& findings) {
  if (findings.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected no findings, got:\n" << describe(findings);
}

void expect_position(const Diagnostics& findings, std::string_view rule, std::string_view pointer,
                     std::uint32_t line, std::uint32_t column) {
  const Diagnostic* finding = find_finding(findings, rule, pointer);
  ASSERT_NE(finding, nullptr) << describe(findings);
  EXPECT_EQ(finding->location.line, line) << describe(findings);
  EXPECT_EQ(finding->location.column, column) << describe(findings);
}

// ---------------------------------------------------------------------------------------------
// One example per rule: a machine that triggers it and a near miss that is clean.

struct RuleExample {
  std::string_view rule;
  std::string pointer;  // where the finding must point
  std::string trigger;
  std::string near_miss;     // a valid variant: no findings at all
  SourceFormat format = SourceFormat::Json;
};

// Rules that only the CLI produces (covered by tests/cli), and those whose example needs a file or
// a generated text (tested further below).
const std::set<std::string_view>& rules_tested_elsewhere() {
  static const std::set<std::string_view> rules = {"io-error", "no-asl-files", "internal-error", "file-too-large",
                                                   "too-deeply-nested", "definition-too-large"};
  return rules;
}

const std::vector<RuleExample>& rule_examples() {
  const std::string valid = one_state(R"({"Type": "Succeed"})");
  const std::string choice_head = R"("C": {"Type": "Choice", "Default": "D", "Choices": [)";
  const std::string choice_tail = R"(]}, "D": {"Type": "Succeed"})";
  auto choice = [&](std::string_view rule) { return machine(choice_head + std::string(rule) + choice_tail, "C"); };
  auto parameters = [](std::string_view members) {
    return one_state(R"({"Type": "Pass", "End": true, "Parameters": {)" + std::string(members) + "}}");
  };
  static const std::vector<RuleExample> examples = {
      // Reading the file.
      {"empty-file", "", "", valid},
      {"invalid-utf8", "", "{\"StartAt\": \"A\xff\", \"States\": {\"A\xff\": {\"Type\": \"Succeed\"}}}",
       "{\"StartAt\": \"A\xc3\xa9\", \"States\": {\"A\xc3\xa9\": {\"Type\": \"Succeed\"}}}"},
      {"invalid-json", "", R"({"StartAt": "A", "States": {"A": {"Type": "Succeed"}},})", valid},
      {"invalid-yaml", "", "StartAt: A\nStates:\n  A: {Type: Succeed\n",
       "StartAt: A\nStates:\n  A: {Type: Succeed}\n", SourceFormat::Yaml},
      {"not-a-state-machine", "", R"([{"StartAt": "A"}])", valid},
      {"duplicate-key", "/StartAt", R"({"StartAt": "A", "StartAt": "A", "States": {"A": {"Type": "Succeed"}}})",
       valid},
      // Shape of the definition.
      {"missing-required-field", "/States/A", one_state(R"({"Type": "Task", "End": true})"),
       one_state(task(R"("End": true)"))},
      {"field-not-allowed", "/States/A/ResultPath",
       one_state(R"({"Type": "Wait", "Seconds": 1, "ResultPath": "$.x", "End": true})"),
       one_state(R"({"Type": "Wait", "Seconds": 1, "OutputPath": "$.x", "End": true})")},
      {"invalid-field-type", "/States/A/End", one_state(R"({"Type": "Pass", "End": "true"})"),
       one_state(R"({"Type": "Pass", "End": true})")},
      {"invalid-enum-value", "/States/A/Type", one_state(R"({"Type": "Sleep", "End": true})"),
       one_state(R"({"Type": "Pass", "End": true})")},
      {"value-out-of-range", "/States/A/TimeoutSeconds", one_state(task(R"("TimeoutSeconds": 0, "End": true)")),
       one_state(task(R"("TimeoutSeconds": 1, "End": true)"))},
      {"empty-array", "/States/A/Branches", one_state(R"({"Type": "Parallel", "Branches": [], "End": true})"),
       one_state(R"({"Type": "Parallel", "End": true, "Branches": [
           {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]})")},
      {"mutually-exclusive-fields", "/States/A/End",
       machine(R"("A": {"Type": "Pass", "Next": "B", "End": true}, "B": {"Type": "Succeed"})"),
       machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"})")},
      {"heartbeat-not-below-timeout", "/States/A/HeartbeatSeconds",
       one_state(task(R"("TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true)")),
       one_state(task(R"("TimeoutSeconds": 60, "HeartbeatSeconds": 59, "End": true)"))},
      {"invalid-resource", "/States/A/Resource",
       one_state(R"({"Type": "Task", "Resource": "not a uri", "End": true})"),
       one_state(R"({"Type": "Task", "End": true,
           "Resource": "arn:${AWS::Partition}:lambda:us-east-1:123456789012:function:f"})")},
      {"invalid-arn", "/States/A/Credentials/RoleArn",
       one_state(task(R"("Credentials": {"RoleArn": "role/Cross"}, "End": true)")),
       one_state(task(R"("Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/Cross"}, "End": true)"))},
      {"cfn-intrinsic-value", "/States/A/Resource",
       one_state(R"({"Type": "Task", "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}, "End": true})"),
       one_state(R"({"Type": "Task", "Resource": "${Fn}", "End": true})")},
      // Names and transitions.
      {"invalid-state-name", "/States/" + std::string(81, 'n'),
       machine("\"" + std::string(81, 'n') + R"(": {"Type": "Succeed"})", std::string(81, 'n')),
       machine("\"" + std::string(80, 'n') + R"(": {"Type": "Succeed"})", std::string(80, 'n'))},
      {"duplicate-state-name", "/States/P/Branches/1/States/B",
       machine(R"("P": {"Type": "Parallel", "End": true, "Branches": [
           {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
           {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}]})", "P"),
       one_state(R"({"Type": "Parallel", "End": true, "Branches": [
           {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}},
           {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}]})")},
      {"missing-transition-target", "/States/A/Next", one_state(R"({"Type": "Pass", "Next": "Nowhere"})"),
       machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"})")},
      {"transition-out-of-scope", "/States/A/Branches/0/States/B/Next",
       machine(R"("A": {"Type": "Parallel", "Next": "Done", "Branches": [
           {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Done"}}}]},
           "Done": {"Type": "Succeed"})"),
       machine(R"("A": {"Type": "Parallel", "Next": "Done", "Branches": [
           {"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "Inner"}, "Inner": {"Type": "Succeed"}}}]},
           "Done": {"Type": "Succeed"})")},
      {"unreachable-state", "/States/B", machine(R"("A": {"Type": "Succeed"}, "B": {"Type": "Succeed"})"),
       machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"})")},
      {"no-terminal-state", "/States",
       machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"})"),
       machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true})")},
      {"invalid-label", "/States/A/Label",
       one_state(R"({"Type": "Map", "Label": "my label", "End": true,
           "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})"),
       one_state(R"({"Type": "Map", "Label": "my-label", "End": true,
           "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})")},
      {"duplicate-label", "/States/M2/Label",
       machine(R"("M1": {"Type": "Map", "Label": "Items", "Next": "M2",
           "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}},
           "M2": {"Type": "Map", "Label": "Items", "End": true,
           "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}})", "M1"),
       machine(R"("M1": {"Type": "Map", "Label": "Items", "Next": "M2",
           "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}},
           "M2": {"Type": "Map", "Label": "Others", "End": true,
           "ItemProcessor": {"StartAt": "C", "States": {"C": {"Type": "Succeed"}}}})", "M1")},
      // Retry and Catch.
      {"states-all-position", "/States/A/Retry/0/ErrorEquals/0",
       one_state(task(R"("End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"]}])")),
       one_state(task(R"("End": true, "Retry": [{"ErrorEquals": ["E"]}, {"ErrorEquals": ["States.ALL"]}])"))},
      {"unknown-states-error", "/States/A/Retry/0/ErrorEquals/0",
       one_state(task(R"("End": true, "Retry": [{"ErrorEquals": ["States.Timeuot"]}])")),
       one_state(task(R"("End": true, "Retry": [{"ErrorEquals": ["States.Timeout"]}])"))},
      // Paths, templates, intrinsics.
      {"invalid-path", "/States/A/InputPath", one_state(R"({"Type": "Pass", "InputPath": "$.a[", "End": true})"),
       one_state(R"({"Type": "Pass", "InputPath": "$.a[0]", "End": true})")},
      {"invalid-reference-path", "/States/A/ResultPath",
       one_state(R"({"Type": "Pass", "ResultPath": "$.a[*]", "End": true})"),
       one_state(R"({"Type": "Pass", "ResultPath": "$.a[0]", "End": true})")},
      {"invalid-payload-template", "/States/A/Parameters/x.$", parameters(R"("x.$": "hello")"),
       parameters(R"("x": "hello")")},
      {"duplicate-template-key", "/States/A/Parameters/x.$", parameters(R"("x": 1, "x.$": "$.x")"),
       parameters(R"("x": 1, "y.$": "$.x")")},
      {"invalid-intrinsic", "/States/A/Parameters/x.$", parameters(R"json("x.$": "States.Format('{}', $.a")json"),
       parameters(R"json("x.$": "States.Format('{}', $.a)")json")},
      {"unknown-intrinsic", "/States/A/Parameters/x.$", parameters(R"json("x.$": "States.Fromat('{}', $.a)")json"),
       parameters(R"json("x.$": "States.Format('{}', $.a)")json")},
      {"intrinsic-arity", "/States/A/Parameters/x.$", parameters(R"json("x.$": "States.ArrayLength($.a, $.b)")json"),
       parameters(R"json("x.$": "States.ArrayLength($.a)")json")},
      {"intrinsic-argument-type", "/States/A/Parameters/x.$",
       parameters(R"json("x.$": "States.MathAdd('one', 1)")json"), parameters(R"json("x.$": "States.MathAdd($.one, 1)")json")},
      {"no-dollar", "/States/A/Parameters/x", parameters(R"("x": "$.input.id")"), parameters(R"("x.$": "$.input.id")")},
      {"pass-result-is-static", "/States/A/Result",
       one_state(R"({"Type": "Pass", "Result": {"id.$": "$.id"}, "End": true})"),
       one_state(R"({"Type": "Pass", "Parameters": {"id.$": "$.id"}, "End": true})")},
      // Choice.
      {"invalid-choice-rule", "/States/C/Choices/0",
       choice(R"({"Variable": "$.x", "Next": "D"})"),
       choice(R"({"Variable": "$.x", "IsPresent": true, "Next": "D"})")},
      {"choice-operand-type", "/States/C/Choices/0/NumericEquals",
       choice(R"({"Variable": "$.x", "NumericEquals": "1", "Next": "D"})"),
       choice(R"({"Variable": "$.x", "NumericEquals": 1, "Next": "D"})")},
      {"nested-rule-with-next", "/States/C/Choices/0/Not/Next",
       choice(R"({"Not": {"Variable": "$.x", "IsNull": true, "Next": "D"}, "Next": "D"})"),
       choice(R"({"Not": {"Variable": "$.x", "IsNull": true}, "Next": "D"})")},
      {"invalid-timestamp", "/States/C/Choices/0/TimestampLessThan",
       choice(R"({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00", "Next": "D"})"),
       choice(R"({"Variable": "$.t", "TimestampLessThan": "2016-03-14T01:59:00Z", "Next": "D"})")},
      {"invalid-string-pattern", "/States/C/Choices/0/StringMatches",
       choice(R"({"Variable": "$.f", "StringMatches": "log-*.txt\\", "Next": "D"})"),
       choice(R"({"Variable": "$.f", "StringMatches": "log-\\*.txt", "Next": "D"})")},
      // Query languages and variables.
      {"jsonata-only-field", "/States/A/Output", one_state(R"({"Type": "Pass", "Output": {"a": 1}, "End": true})"),
       one_jsonata_state(R"({"Type": "Pass", "Output": {"a": 1}, "End": true})")},
      {"jsonpath-only-field", "/States/A/InputPath",
       one_jsonata_state(R"({"Type": "Pass", "InputPath": "$.a", "End": true})"),
       one_state(R"({"Type": "Pass", "InputPath": "$.a", "End": true})")},
      {"query-language-downgrade", "/States/A/QueryLanguage",
       one_jsonata_state(R"({"Type": "Pass", "QueryLanguage": "JSONPath", "End": true})"),
       one_state(R"({"Type": "Pass", "QueryLanguage": "JSONata", "End": true})")},
      {"invalid-jsonata", "/States/A/Output",
       one_jsonata_state(R"({"Type": "Pass", "Output": "{% ($states.input.a %}", "End": true})"),
       one_jsonata_state(R"({"Type": "Pass", "Output": "{% ($states.input.a) %}", "End": true})")},
      {"jsonata-like-literal", "/States/A/Output",
       one_jsonata_state(R"({"Type": "Pass", "Output": "{% $states.input.a %} ", "End": true})"),
       one_jsonata_state(R"({"Type": "Pass", "Output": "{% $states.input.a %}", "End": true})")},
      {"dollar-key-in-jsonata", "/States/A/Output/a.$",
       one_jsonata_state(R"({"Type": "Pass", "Output": {"a.$": "$.a"}, "End": true})"),
       one_jsonata_state(R"({"Type": "Pass", "Output": {"a": "{% $states.input.a %}"}, "End": true})")},
      {"invalid-variable-name", "/States/A/Assign/1st",
       one_state(R"({"Type": "Pass", "Assign": {"1st": 1}, "End": true})"),
       one_state(R"({"Type": "Pass", "Assign": {"first": 1}, "End": true})")},
  };
  return examples;
}

TEST(RuleExamples, EachTriggersItsRuleWithTheCatalogueSeverity) {
  for (const RuleExample& example : rule_examples()) {
    SCOPED_TRACE(std::string(example.rule));
    EXPECT_TRUE(Reports(lint(example.trigger, example.format), example.rule, example.pointer)) << example.trigger;
  }
}

TEST(RuleExamples, EachNearMissIsClean) {
  for (const RuleExample& example : rule_examples()) {
    SCOPED_TRACE(std::string(example.rule));
    EXPECT_TRUE(IsClean(lint(example.near_miss, example.format))) << example.near_miss;
  }
}

TEST(RuleExamples, CoverEveryRuleTheAnalyzerProduces) {
  std::set<std::string_view> covered = rules_tested_elsewhere();
  for (const RuleExample& example : rule_examples()) covered.insert(example.rule);
  for (const RuleInfo& rule : rule_catalog()) {
    if (rule.from_solver) continue;  // tests/cli/solver_rule_docs_test.cpp and tests/solver/
    EXPECT_TRUE(covered.count(rule.name)) << "no example triggers '" << rule.name << "'";
  }
  for (std::string_view rule : covered) EXPECT_NE(find_rule(rule), nullptr) << rule;
}

// ---------------------------------------------------------------------------------------------
// Reading: the rules that need a file or a generated text.

TEST(ReadingRules, FileTooLargeIsRefusedBeforeParsing) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "sfncheck_file_too_large.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << one_state(R"({"Type": "Succeed"})");
  }
  ParseLimits limits;
  limits.max_file_bytes = 16;
  LoadedDefinition refused = load_definition_file(path, limits);
  EXPECT_FALSE(refused.usable);
  EXPECT_TRUE(ReportsOnly(refused.diagnostics, "file-too-large", ""));

  LoadedDefinition accepted = load_definition_file(path);
  EXPECT_TRUE(accepted.usable);
  EXPECT_TRUE(IsClean(accepted.diagnostics));
  std::filesystem::remove(path);
}

TEST(ReadingRules, TooDeeplyNested) {
  auto nested = [](std::size_t depth) {
    // The Result sits at depth 4 (root, States, A, Result); the arrays add the rest.
    return one_state(R"({"Type": "Pass", "End": true, "Result": )" + std::string(depth, '[') +
                     std::string(depth, ']') + "}");
  };
  Diagnostics deep = lint(nested(300));
  EXPECT_TRUE(Reports(deep, "too-deeply-nested", deep.empty() ? "" : deep.front().location.pointer));
  EXPECT_EQ(deep.size(), 1u) << describe(deep);
  EXPECT_FALSE(load_definition_text(nested(300), SourceFormat::Json).usable);
  EXPECT_TRUE(IsClean(lint(nested(200))));
}

TEST(ReadingRules, DefinitionTooLargeIsReportedButTheMachineIsStillChecked) {
  const std::string comment(1024 * 1024, 'c');
  Diagnostics findings = lint(one_state(R"({"Type": "Pass", "Next": "Nowhere", "Comment": ")" + comment + "\"}"));
  EXPECT_TRUE(Reports(findings, "definition-too-large", ""));
  EXPECT_TRUE(Reports(findings, "missing-transition-target", "/States/A/Next"));

  const std::string smaller(1024 * 1024 - 200, 'c');
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Pass", "End": true, "Comment": ")" + smaller + "\"}"))));
}

TEST(ReadingRules, DuplicateKeyKeepsTheDocumentUsable) {
  const std::string text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true,"
                           " \"Type\": \"Succeed\"}\n  }\n}";
  LoadedDefinition loaded = load_definition_text(text, SourceFormat::Json);
  EXPECT_TRUE(loaded.usable);
  Diagnostics findings = lint(text);
  EXPECT_TRUE(Reports(findings, "duplicate-key", "/States/A/Type"));
  expect_position(findings, "duplicate-key", "/States/A/Type", 4, 40);
  // The last value wins (Succeed), so End is then not allowed.
  EXPECT_TRUE(Reports(findings, "field-not-allowed", "/States/A/End"));
  // Keys that differ only in '.$' are two keys to JSON; that is duplicate-template-key's business.
  EXPECT_TRUE(Lacks(lint(one_state(R"({"Type": "Pass", "End": true, "Parameters": {"a": 1, "a.$": "$.a"}})")),
                    "duplicate-key"));
}

TEST(ReadingRules, NotAStateMachine) {
  EXPECT_TRUE(ReportsOnly(lint("\"StartAt\""), "not-a-state-machine", ""));
  EXPECT_TRUE(ReportsOnly(lint("42"), "not-a-state-machine", ""));
  // An object without StartAt/States is a state machine with missing fields.
  Diagnostics findings = lint("{}");
  EXPECT_TRUE(Reports(findings, "missing-required-field", ""));
  EXPECT_TRUE(Lacks(findings, "not-a-state-machine"));
}

// ---------------------------------------------------------------------------------------------
// Positions

TEST(Positions, FindingsCarryLineAndColumnOfTheKeyOrValue) {
  const std::string text = R"({
  "StartAt": "A",
  "States": {
    "A": {
      "Type": "Wait",
      "Seconds": -1,
      "ResultPath": "$.x",
      "Next": "Gone"
    },
    "Orphan": {"Type": "Succeed"}
  }
})";
  Diagnostics findings = lint(text);
  // A field that should not be there points at its key; a bad value at the value.
  expect_position(findings, "field-not-allowed", "/States/A/ResultPath", 7, 7);
  expect_position(findings, "value-out-of-range", "/States/A/Seconds", 6, 18);
  expect_position(findings, "missing-transition-target", "/States/A/Next", 8, 15);
  expect_position(findings, "unreachable-state", "/States/Orphan", 10, 5);
  EXPECT_EQ(findings.size(), 4u) << describe(findings);
  const Diagnostic* unreachable = find_finding(findings, "unreachable-state", "/States/Orphan");
  ASSERT_NE(unreachable, nullptr);
  EXPECT_EQ(unreachable->location.state, "Orphan");
}

TEST(Positions, ColumnsCountCodePoints) {
  const std::string text = "{\"StartAt\": \"\xc3\xa9t\xc3\xa9\", \"States\": {\"\xc3\xa9t\xc3\xa9\": "
                           "{\"Type\": \"Pass\", \"End\": 1}}}";
  // {"StartAt": "été", "States": {"été": {"Type": "Pass", "End": 1}}}: the 1 is the 62nd character.
  expect_position(lint(text), "invalid-field-type", "/States/\xc3\xa9t\xc3\xa9/End", 1, 62);
}

TEST(Positions, AMissingFieldPointsAtItsOwner) {
  const std::string text = "{\"StartAt\": \"A\",\n \"States\": {\n  \"A\": {\"Type\": \"Task\", \"End\": true}}}";
  expect_position(lint(text), "missing-required-field", "/States/A", 3, 3);
}

// ---------------------------------------------------------------------------------------------
// Fields per state type (asl-semantics.md §1.3)

struct FieldSample {
  std::string_view field;
  std::string_view value;
};

// A plausible value for each common field.
const std::vector<FieldSample>& common_fields() {
  static const std::vector<FieldSample> fields = {
      {"Next", "\"Z\""},         {"End", "true"},           {"InputPath", "\"$\""}, {"OutputPath", "\"$\""},
      {"Parameters", "{}"},      {"ResultSelector", "{}"},  {"ResultPath", "\"$.r\""},
      {"Retry", "[]"},           {"Catch", "[]"},           {"Assign", "{}"},
  };
  return fields;
}

struct TypeFields {
  std::string_view type;
  std::string base;                     // the type's required fields, without Next/End
  std::set<std::string_view> allowed;   // which of common_fields() the type accepts
};

const std::vector<TypeFields>& type_fields() {
  static const std::vector<TypeFields> types = {
      {"Task", R"("Resource": ")" + std::string(kLambda) + "\"",
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "Assign"}},
      {"Pass", "", {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultPath", "Assign"}},
      {"Choice", R"("Choices": [{"Variable": "$.x", "IsNull": true, "Next": "Z"}])",
       {"InputPath", "OutputPath", "Assign"}},
      {"Wait", R"("Seconds": 1)", {"Next", "End", "InputPath", "OutputPath", "Assign"}},
      {"Succeed", "", {"InputPath", "OutputPath"}},
      {"Fail", "", {}},
      {"Parallel", R"("Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}])",
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "Assign"}},
      {"Map", R"("ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}})",
       {"Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "Assign"}},
  };
  return types;
}

std::string state_with(const TypeFields& type, std::string_view field, std::string_view value) {
  std::string state = R"({"Type": ")" + std::string(type.type) + "\"";
  if (!type.base.empty()) state += ", " + type.base;
  state += ", \"" + std::string(field) + "\": " + std::string(value) + "}";
  return machine("\"A\": " + state + R"(, "Z": {"Type": "Succeed"})");
}

TEST(StateFields, EachTypeAcceptsOrRejectsTheCommonFieldsAsTheSpecSays) {
  for (const TypeFields& type : type_fields()) {
    for (const FieldSample& sample : common_fields()) {
      SCOPED_TRACE(std::string(type.type) + "." + std::string(sample.field));
      Diagnostics findings = lint(state_with(type, sample.field, sample.value));
      const std::string pointer = "/States/A/" + std::string(sample.field);
      if (type.allowed.count(sample.field)) {
        EXPECT_FALSE(has_rule(findings, "field-not-allowed", pointer)) << describe(findings);
      } else {
        EXPECT_TRUE(Reports(findings, "field-not-allowed", pointer));
      }
    }
  }
}

TEST(StateFields, ForbiddenFieldsNamedInTheBrief) {
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Seconds": 1, "ResultPath": "$.x", "End": true})")),
                      "field-not-allowed", "/States/A/ResultPath"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Choice", "Parameters": {},
      "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "B"}], "Default": "B"}, "B": {"Type": "Succeed"})")),
                      "field-not-allowed", "/States/A/Parameters"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Succeed", "Next": "B"}, "B": {"Type": "Succeed"})")),
                      "field-not-allowed", "/States/A/Next"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "End": true})")), "field-not-allowed", "/States/A/End"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "InputPath": "$", "OutputPath": "$"})")),
                      "field-not-allowed", "/States/A/OutputPath"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Pass", "Resource": "arn:aws:states:::x", "End": true})")),
                      "field-not-allowed", "/States/A/Resource"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Result": 1, "End": true)"))), "field-not-allowed",
                      "/States/A/Result"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Timeout": 1, "End": true)"))), "field-not-allowed",
                      "/States/A/Timeout"));
  // Machine-level and scope-level fields.
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Succeed"})", "A", R"("Version": "1.0", "Extra": 1, )")),
                      "field-not-allowed", "/Extra"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "TimeoutSeconds": 5, "States": {"B": {"Type": "Succeed"}}}]})")),
                      "field-not-allowed", "/States/A/Branches/0/TimeoutSeconds"));
}

TEST(StateFields, EveryStateTypeWithAllItsFieldsIsClean) {
  const std::string text = machine(R"json(
    "T": {"Type": "Task", "Comment": "c", "QueryLanguage": "JSONPath", "Resource": "arn:aws:states:::lambda:invoke",
          "InputPath": "$.in", "Parameters": {"FunctionName": "f", "Payload.$": "$"}, "ResultSelector": {"p.$": "$.Payload"},
          "ResultPath": "$.out", "OutputPath": "$", "TimeoutSecondsPath": "$.timeout", "HeartbeatSeconds": 30,
          "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/R"}, "Assign": {"count": 1, "id.$": "$.Payload.id"},
          "Retry": [{"ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1,
                     "MaxDelaySeconds": 10, "JitterStrategy": "FULL", "Comment": "r"},
                    {"ErrorEquals": ["States.ALL"]}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "F", "Comment": "c"}],
          "Next": "P"},
    "P": {"Type": "Pass", "Result": {"a": 1}, "ResultPath": "$.r", "Next": "W"},
    "W": {"Type": "Wait", "TimestampPath": "$.when", "Next": "C"},
    "C": {"Type": "Choice", "InputPath": "$", "OutputPath": "$", "Assign": {"seen": true},
          "Choices": [{"Variable": "$.r.a", "NumericGreaterThanEqualsPath": "$.min", "Next": "Par", "Comment": "c",
                       "Assign": {"branch": "par"}},
                      {"And": [{"Variable": "$.s", "IsPresent": true}, {"Variable": "$.s", "StringMatches": "a*"}],
                       "Next": "M"}],
          "Default": "S"},
    "Par": {"Type": "Parallel", "Branches": [{"StartAt": "B1", "Comment": "b", "States": {"B1": {"Type": "Succeed"}}},
                                               {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "End": true}}}],
            "Parameters": {"x.$": "$.x"}, "ResultSelector": {"first.$": "$[0]"}, "ResultPath": "$.branches",
            "Retry": [{"ErrorEquals": ["States.BranchFailed"]}], "Catch": [{"ErrorEquals": ["E"], "Next": "F"}],
            "Next": "M"},
    "M": {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"item.$": "$$.Map.Item.Value"},
          "MaxConcurrency": 4, "ToleratedFailurePercentage": 5, "Label": "Items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "I",
                            "States": {"I": {"Type": "Pass", "End": true}}},
          "ResultPath": null, "End": true},
    "S": {"Type": "Succeed", "InputPath": "$", "OutputPath": "$"},
    "F": {"Type": "Fail", "ErrorPath": "$.error.Error", "CausePath": "States.Format('failed: {}', $.error.Cause)"}
  )json", "T");
  EXPECT_TRUE(IsClean(lint(text)));
}

TEST(StateFields, MissingTypeAndUnknownType) {
  EXPECT_TRUE(Reports(lint(one_state(R"({"End": true})")), "missing-required-field", "/States/A"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "pass", "End": true})")), "invalid-enum-value", "/States/A/Type"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": 3})")), "invalid-field-type", "/States/A/Type"));
  EXPECT_TRUE(Reports(lint(one_state("[]")), "invalid-field-type", "/States/A"));
}

TEST(StateFields, RequiredFieldsOfEachType) {
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Task", "End": true})")), "missing-required-field", "/States/A"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Choice", "Default": "A"})")), "missing-required-field",
                      "/States/A"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Parallel", "End": true})")), "missing-required-field",
                      "/States/A"));
  EXPECT_TRUE(Reports(lint(R"({"States": {"A": {"Type": "Succeed"}}})"), "missing-required-field", ""));
  EXPECT_TRUE(Reports(lint(R"({"StartAt": "A"})"), "missing-required-field", ""));
  EXPECT_TRUE(Reports(lint(R"({"StartAt": "A", "States": {}})"), "missing-required-field", "/States"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B"}]})")),
                      "missing-required-field", "/States/A/Branches/0"));
}

TEST(StateFields, TypesOfValues) {
  EXPECT_TRUE(Reports(lint(R"({"StartAt": "A", "States": []})"), "invalid-field-type", "/States"));
  EXPECT_TRUE(Reports(lint(R"({"StartAt": 1, "States": {"A": {"Type": "Succeed"}}})"), "invalid-field-type",
                      "/StartAt"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Succeed", "Comment": 5})")), "invalid-field-type",
                      "/States/A/Comment"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Pass", "Next": 5})")), "invalid-field-type", "/States/A/Next"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Parallel", "Branches": {}, "End": true})")),
                      "invalid-field-type", "/States/A/Branches"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Credentials": "arn:aws:iam::123456789012:role/R", "End": true)"))),
                      "invalid-field-type", "/States/A/Credentials"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Pass", "ResultSelector": [], "End": true})")),
                      "field-not-allowed", "/States/A/ResultSelector"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("ResultSelector": [], "End": true)"))), "invalid-field-type",
                      "/States/A/ResultSelector"));
}

TEST(StateFields, ParametersMayBeAnyJsonResultSelectorIsAnObject) {
  // The spec calls Parameters an object, but deployed workflows use an array of templates and AWS's own
  // toolkit schema was relaxed to match the service (aws-toolkit-vscode#2459); '.$' keys inside are checked.
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Pass", "Parameters": [{"id.$": "$$.Execution.Id"}], "End": true})"))));
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Pass", "Parameters": [{"id.$": "nope"}], "End": true})")),
                          "invalid-payload-template", "/States/A/Parameters/0/id.$"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(task(R"("ResultSelector": "$.x", "End": true)"))), "invalid-field-type",
                          "/States/A/ResultSelector"));
}

TEST(StateFields, ABrokenStateIsReportedOnceNotAsAMissingTarget) {
  // B exists but its Type is wrong: A's Next is not a missing target, and the scope's reachability
  // and terminal states wait until B is fixed.
  for (std::string_view broken : {R"({"Type": "Sleep", "End": true})", R"({"End": true})", "[]"}) {
    SCOPED_TRACE(std::string(broken));
    Diagnostics findings = lint(machine(R"("A": {"Type": "Pass", "Next": "B"}, "B": )" + std::string(broken)));
    EXPECT_EQ(findings.size(), 1u) << describe(findings);
    EXPECT_TRUE(Lacks(findings, "missing-transition-target"));
    EXPECT_TRUE(Lacks(findings, "no-terminal-state"));
  }
  Diagnostics start = lint(machine(R"("B": {"Type": "Sleep"})", "B"));
  EXPECT_TRUE(ReportsOnly(start, "invalid-enum-value", "/States/B/Type"));
  // A name that is written nowhere is still a missing target.
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Pass", "Next": "C"}, "B": {"Type": "Sleep"})")),
                      "missing-transition-target", "/States/A/Next"));
}

TEST(StateFields, TopLevelValues) {
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Succeed"})", "A", R"("TimeoutSeconds": 0, )")),
                      "value-out-of-range", "/TimeoutSeconds"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Succeed"})", "A", R"("TimeoutSeconds": 100000000, )")),
                      "value-out-of-range", "/TimeoutSeconds"));
  EXPECT_TRUE(IsClean(lint(machine(R"("A": {"Type": "Succeed"})", "A", R"("TimeoutSeconds": 99999999, )"))));
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Succeed"})", "A", R"("QueryLanguage": "JSONPath5", )")),
                      "invalid-enum-value", "/QueryLanguage"));
}

// ---------------------------------------------------------------------------------------------
// Next xor End, and the exclusive groups

TEST(NextOrEnd, ExactlyOneOfNextAndEnd) {
  const std::string tail = R"(, "B": {"Type": "Succeed"})";
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Pass", "Next": "B", "End": true})" + tail)),
                      "mutually-exclusive-fields", "/States/A/End"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Pass"})")), "missing-required-field", "/States/A"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Seconds": 1, "End": false})")), "missing-required-field",
                      "/States/A"));
  EXPECT_TRUE(IsClean(lint(machine(R"("A": {"Type": "Pass", "Next": "B", "End": false})" + tail))));
  for (std::string_view type : {"Task", "Pass", "Wait", "Parallel", "Map"}) {
    for (const TypeFields& fields : type_fields()) {
      if (fields.type != type) continue;
      SCOPED_TRACE(std::string(type));
      std::string state = R"({"Type": ")" + std::string(type) + "\"";
      if (!fields.base.empty()) state += ", " + fields.base;
      EXPECT_TRUE(Reports(lint(one_state(state + "}")), "missing-required-field", "/States/A"));
      EXPECT_TRUE(IsClean(lint(one_state(state + R"(, "End": true})"))));
    }
  }
}

TEST(WaitState, ExactlyOneOfSecondsSecondsPathTimestampTimestampPath) {
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "End": true})")), "missing-required-field", "/States/A"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Seconds": 5, "SecondsPath": "$.s", "End": true})")),
                      "mutually-exclusive-fields", "/States/A/SecondsPath"));
  EXPECT_TRUE(Reports(
      lint(one_state(R"({"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "TimestampPath": "$.t", "End": true})")),
      "mutually-exclusive-fields", "/States/A/TimestampPath"));
  for (std::string_view field : {R"("Seconds": 0)", R"("SecondsPath": "$.s")", R"("Timestamp": "2016-03-14T01:59:00Z")",
                                 R"("TimestampPath": "$.t")", R"("Seconds": "${WaitSeconds}")"}) {
    EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Wait", "End": true, )" + std::string(field) + "}"))));
  }
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Seconds": -1, "End": true})")), "value-out-of-range",
                      "/States/A/Seconds"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Seconds": 1.5, "End": true})")), "invalid-field-type",
                      "/States/A/Seconds"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "Timestamp": "2016-13-14T01:59:00Z", "End": true})")),
                      "invalid-timestamp", "/States/A/Timestamp"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Wait", "SecondsPath": "$.s[*]", "End": true})")),
                      "invalid-reference-path", "/States/A/SecondsPath"));
}

TEST(FailState, AtMostOneOfEachErrorAndCausePair) {
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "Error": "E", "ErrorPath": "$.e"})")),
                      "mutually-exclusive-fields", "/States/A/ErrorPath"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "Cause": "C", "CausePath": "$.c"})")),
                      "mutually-exclusive-fields", "/States/A/CausePath"));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Fail", "Error": "E", "CausePath": "$.c"})"))));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Fail", "ErrorPath": "$.e", "Cause": "C"})"))));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Fail"})"))));
  // ErrorPath/CausePath take a reference path or a string-returning intrinsic.
  EXPECT_TRUE(IsClean(lint(one_state(R"json({"Type": "Fail", "ErrorPath": "States.Format('E{}', $.n)"})json"))));
  EXPECT_TRUE(Reports(lint(one_state(R"json({"Type": "Fail", "CausePath": "States.ArrayLength($.a)"})json")),
                      "intrinsic-argument-type", "/States/A/CausePath"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "CausePath": "$.a[*]"})")), "invalid-reference-path",
                      "/States/A/CausePath"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Fail", "Error": 5})")), "invalid-field-type", "/States/A/Error"));
}

TEST(TaskState, TimeoutAndHeartbeatPairs) {
  EXPECT_TRUE(Reports(lint(one_state(task(R"("TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true)"))),
                      "mutually-exclusive-fields", "/States/A/TimeoutSecondsPath"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("HeartbeatSeconds": 5, "HeartbeatSecondsPath": "$.h", "End": true)"))),
                      "mutually-exclusive-fields", "/States/A/HeartbeatSecondsPath"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("TimeoutSeconds": 10, "HeartbeatSeconds": 11, "End": true)"))),
                      "heartbeat-not-below-timeout", "/States/A/HeartbeatSeconds"));
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("TimeoutSeconds": 10, "HeartbeatSecondsPath": "$.h", "End": true)")))));
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("TimeoutSecondsPath": "$.t", "HeartbeatSeconds": 99, "End": true)")))));
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("TimeoutSeconds": 99999999, "End": true)")))));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("TimeoutSeconds": 100000000, "End": true)"))), "value-out-of-range",
                      "/States/A/TimeoutSeconds"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("HeartbeatSeconds": 0, "End": true)"))), "value-out-of-range",
                      "/States/A/HeartbeatSeconds"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("TimeoutSeconds": "60", "End": true)"))), "invalid-field-type",
                      "/States/A/TimeoutSeconds"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("TimeoutSecondsPath": "$..t", "End": true)"))),
                      "invalid-reference-path", "/States/A/TimeoutSecondsPath"));
}

TEST(TaskState, Credentials) {
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("Credentials": {"RoleArn.$": "$.role"}, "End": true)")))));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Credentials": {}, "End": true)"))), "missing-required-field",
                      "/States/A/Credentials"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Credentials": {"Role": "x"}, "End": true)"))), "field-not-allowed",
                      "/States/A/Credentials/Role"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("Credentials": {"RoleArn.$": "role"}, "End": true)"))),
                      "invalid-payload-template", "/States/A/Credentials/RoleArn.$"));
}

TEST(MapState, ItemProcessorOrIterator) {
  const std::string processor = R"({"StartAt": "B", "States": {"B": {"Type": "Succeed"}}})";
  const std::string iterator = R"({"StartAt": "C", "States": {"C": {"Type": "Succeed"}}})";
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Map", "End": true, "ItemProcessor": )" + processor +
                                     R"(, "Iterator": )" + iterator + "}")),
                      "mutually-exclusive-fields", "/States/A/Iterator"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Map", "End": true})")), "missing-required-field", "/States/A"));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Map", "End": true, "Iterator": )" + iterator + "}"))));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Map", "End": true, "ItemProcessor": )" + processor + "}"))));
  // The legacy Iterator takes no Version/TimeoutSeconds; ProcessorConfig is checked.
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Map", "End": true, "ItemProcessor": {"ProcessorConfig": {"Mode": "LOCAL"},
      "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})")),
                      "invalid-enum-value", "/States/A/ItemProcessor/ProcessorConfig/Mode"));
}

TEST(MapState, ItemSelectorOrParametersAndItemsPath) {
  const std::string head = R"({"Type": "Map", "End": true,
      "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, )";
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemSelector": {"a.$": "$.a"}, "Parameters": {"a.$": "$.a"}})")),
                      "mutually-exclusive-fields", "/States/A/Parameters"));
  EXPECT_TRUE(IsClean(lint(one_state(head + R"("Parameters": {"a.$": "$$.Map.Item.Value"}})"))));
  EXPECT_TRUE(IsClean(lint(one_state(head + R"("ItemSelector": {"a.$": "$$.Map.Item.Value"}})"))));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemsPath": null})")), "invalid-field-type",
                      "/States/A/ItemsPath"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemsPath": "$.items[*]"})")), "invalid-reference-path",
                      "/States/A/ItemsPath"));
  EXPECT_TRUE(IsClean(lint(one_state(head + R"("ItemsPath": "$.items"})"))));
  EXPECT_TRUE(IsClean(lint(one_state(head + R"("ItemsPath": "$items"})"))));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("MaxConcurrency": 1, "MaxConcurrencyPath": "$.m"})")),
                      "mutually-exclusive-fields", "/States/A/MaxConcurrencyPath"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("MaxConcurrency": -1})")), "value-out-of-range",
                      "/States/A/MaxConcurrency"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ToleratedFailurePercentage": 101})")), "value-out-of-range",
                      "/States/A/ToleratedFailurePercentage"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.n"})")),
                      "mutually-exclusive-fields", "/States/A/ToleratedFailureCountPath"));
}

TEST(MapState, DistributedConfiguration) {
  const std::string head = R"({"Type": "Map", "End": true,
      "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                        "StartAt": "B", "States": {"B": {"Type": "Succeed"}}}, )";
  EXPECT_TRUE(IsClean(lint(one_state(head + R"(
      "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                     "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItems": 10},
                     "Parameters": {"Bucket": "b", "Key.$": "$.key"}},
      "ItemBatcher": {"MaxItemsPerBatch": 10, "BatchInput": {"run.$": "$$.Execution.Id"}},
      "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "out"}}})"))));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
      "ReaderConfig": {"MaxItems": 1, "MaxItemsPath": "$.n"}}})")),
                      "mutually-exclusive-fields", "/States/A/ItemReader/ReaderConfig/MaxItemsPath"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemReader": {"ReaderConfig": {}}})")), "missing-required-field",
                      "/States/A/ItemReader"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemBatcher": {"MaxItemsPerBatch": 0}})")), "value-out-of-range",
                      "/States/A/ItemBatcher/MaxItemsPerBatch"));
  EXPECT_TRUE(Reports(lint(one_state(head + R"("ItemBatcher": {"MaxItemsPerBatch": 1, "MaxItemsPerBatchPath": "$.n"}})")),
                      "mutually-exclusive-fields", "/States/A/ItemBatcher/MaxItemsPerBatchPath"));
}

// ---------------------------------------------------------------------------------------------
// Retry and Catch

std::string with_retrier(std::string_view retrier) {
  return one_state(task(R"("End": true, "Retry": [)" + std::string(retrier) + "]"));
}

TEST(Retry, Bounds) {
  struct Case {
    std::string_view retrier;
    std::string_view rule;  // empty: clean
    std::string_view field;
  };
  const Case cases[] = {
      {R"({"ErrorEquals": ["E"], "IntervalSeconds": 0})", "value-out-of-range", "IntervalSeconds"},
      {R"({"ErrorEquals": ["E"], "IntervalSeconds": 1})", "", ""},
      {R"({"ErrorEquals": ["E"], "IntervalSeconds": 99999999})", "", ""},
      {R"({"ErrorEquals": ["E"], "IntervalSeconds": 100000000})", "value-out-of-range", "IntervalSeconds"},
      {R"({"ErrorEquals": ["E"], "IntervalSeconds": 1.5})", "invalid-field-type", "IntervalSeconds"},
      {R"({"ErrorEquals": ["E"], "MaxAttempts": -1})", "value-out-of-range", "MaxAttempts"},
      {R"({"ErrorEquals": ["E"], "MaxAttempts": 0})", "", ""},
      {R"({"ErrorEquals": ["E"], "MaxAttempts": "3"})", "invalid-field-type", "MaxAttempts"},
      {R"({"ErrorEquals": ["E"], "BackoffRate": 0.5})", "value-out-of-range", "BackoffRate"},
      {R"({"ErrorEquals": ["E"], "BackoffRate": 0.999})", "value-out-of-range", "BackoffRate"},
      {R"({"ErrorEquals": ["E"], "BackoffRate": 1})", "", ""},
      {R"({"ErrorEquals": ["E"], "BackoffRate": 1.5})", "", ""},
      {R"({"ErrorEquals": ["E"], "MaxDelaySeconds": 0})", "value-out-of-range", "MaxDelaySeconds"},
      {R"({"ErrorEquals": ["E"], "MaxDelaySeconds": 1})", "", ""},
      {R"({"ErrorEquals": ["E"], "MaxDelaySeconds": 31622400})", "", ""},
      {R"({"ErrorEquals": ["E"], "MaxDelaySeconds": 31622401})", "value-out-of-range", "MaxDelaySeconds"},
      {R"({"ErrorEquals": ["E"], "JitterStrategy": "FULL"})", "", ""},
      {R"({"ErrorEquals": ["E"], "JitterStrategy": "NONE"})", "", ""},
      {R"({"ErrorEquals": ["E"], "JitterStrategy": "PARTIAL"})", "invalid-enum-value", "JitterStrategy"},
      {R"({"ErrorEquals": ["E"], "JitterStrategy": "full"})", "invalid-enum-value", "JitterStrategy"},
      {R"({"ErrorEquals": []})", "empty-array", "ErrorEquals"},
      {R"({"ErrorEquals": "E"})", "invalid-field-type", "ErrorEquals"},
      {R"({"ErrorEquals": ["E"], "Next": "A"})", "field-not-allowed", "Next"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.retrier));
    Diagnostics findings = lint(with_retrier(c.retrier));
    if (c.rule.empty()) {
      EXPECT_TRUE(IsClean(findings));
    } else {
      EXPECT_TRUE(Reports(findings, c.rule, "/States/A/Retry/0/" + std::string(c.field)));
    }
  }
  EXPECT_TRUE(Reports(lint(with_retrier(R"({"MaxAttempts": 1})")), "missing-required-field", "/States/A/Retry/0"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("End": true, "Retry": {})"))), "invalid-field-type", "/States/A/Retry"));
}

TEST(Catch, EntriesNeedErrorEqualsAndNext) {
  const std::string tail = R"(, "R": {"Type": "Succeed"})";
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" + task(R"("End": true, "Catch": [{"ErrorEquals": ["E"]}])") + tail)),
                      "missing-required-field", "/States/A/Catch/0"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" + task(R"("End": true, "Catch": [{"Next": "R"}])") + tail)),
                      "missing-required-field", "/States/A/Catch/0"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" +
                                   task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R", "ResultPath": "$$.x"}])") +
                                   tail)),
                      "invalid-reference-path", "/States/A/Catch/0/ResultPath"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" +
                                   task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R", "MaxAttempts": 1}])") +
                                   tail)),
                      "field-not-allowed", "/States/A/Catch/0/MaxAttempts"));
  EXPECT_TRUE(IsClean(lint(machine(R"("A": )" +
                                   task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R", "ResultPath": null}])") +
                                   tail))));
}

TEST(StatesAll, AloneAndLastInRetry) {
  Diagnostics not_alone = lint(with_retrier(R"({"ErrorEquals": ["E", "States.ALL"]})"));
  EXPECT_TRUE(ReportsOnly(not_alone, "states-all-position", "/States/A/Retry/0/ErrorEquals/1"));
  Diagnostics not_last = lint(with_retrier(R"({"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["E"]})"));
  EXPECT_TRUE(ReportsOnly(not_last, "states-all-position", "/States/A/Retry/0/ErrorEquals/0"));
  EXPECT_TRUE(IsClean(lint(with_retrier(R"({"ErrorEquals": ["E"]}, {"ErrorEquals": ["States.ALL"]})"))));
  EXPECT_TRUE(IsClean(lint(with_retrier(R"({"ErrorEquals": ["States.ALL"]})"))));
  // Both at once: two findings.
  EXPECT_EQ(count_rule(lint(with_retrier(R"({"ErrorEquals": ["States.ALL", "E"]}, {"ErrorEquals": ["F"]})")),
                       "states-all-position"),
            2u);
}

TEST(StatesAll, AloneAndLastInCatch) {
  auto catching = [](std::string_view catchers) {
    return machine(R"("A": )" + task(R"("End": true, "Catch": [)" + std::string(catchers) + "]") +
                   R"(, "R": {"Type": "Succeed"})");
  };
  EXPECT_TRUE(ReportsOnly(lint(catching(R"({"ErrorEquals": ["States.ALL", "E"], "Next": "R"})")),
                          "states-all-position", "/States/A/Catch/0/ErrorEquals/0"));
  EXPECT_TRUE(ReportsOnly(
      lint(catching(R"({"ErrorEquals": ["States.ALL"], "Next": "R"}, {"ErrorEquals": ["E"], "Next": "R"})")),
      "states-all-position", "/States/A/Catch/0/ErrorEquals/0"));
  EXPECT_TRUE(IsClean(
      lint(catching(R"({"ErrorEquals": ["E"], "Next": "R"}, {"ErrorEquals": ["States.ALL"], "Next": "R"})"))));
  // A Retry with States.ALL does not constrain the Catch list, and vice versa.
  EXPECT_TRUE(IsClean(lint(machine(R"("A": )" +
                                   task(R"("End": true, "Retry": [{"ErrorEquals": ["States.ALL"]}],
                                           "Catch": [{"ErrorEquals": ["E"], "Next": "R"},
                                                     {"ErrorEquals": ["States.ALL"], "Next": "R"}])") +
                                   R"(, "R": {"Type": "Succeed"})"))));
}

TEST(StatesErrors, UnknownNamesInTheStatesNamespaceWarn) {
  EXPECT_TRUE(ReportsOnly(lint(with_retrier(R"({"ErrorEquals": ["States.Timout"]})")), "unknown-states-error",
                          "/States/A/Retry/0/ErrorEquals/0"));
  for (std::string_view name : {"States.Timeout", "States.TaskFailed", "States.Permissions", "States.HeartbeatTimeout",
                                "States.DataLimitExceeded", "States.Runtime", "States.BranchFailed",
                                "States.NoChoiceMatched", "States.IntrinsicFailure", "States.QueryEvaluationError",
                                "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed",
                                "States.ResultWriterFailed", "States.ParameterPathFailure",
                                "States.ResultPathMatchFailure", "Lambda.ServiceException", "MyError"}) {
    SCOPED_TRACE(std::string(name));
    EXPECT_TRUE(IsClean(lint(with_retrier(R"({"ErrorEquals": [")" + std::string(name) + "\"]}"))));
  }
}

// ---------------------------------------------------------------------------------------------
// Names, transitions, reachability

TEST(StateNames, EightyCharactersCountingCodePoints) {
  auto named = [](const std::string& name) { return machine("\"" + name + R"(": {"Type": "Succeed"})", name); };
  const std::string e_acute = "\xc3\xa9";  // é, two bytes
  std::string eighty_multibyte;
  for (int i = 0; i < 80; ++i) eighty_multibyte += e_acute;
  EXPECT_TRUE(IsClean(lint(named(std::string(80, 'a')))));
  EXPECT_TRUE(IsClean(lint(named(eighty_multibyte))));  // 160 bytes, 80 characters
  EXPECT_TRUE(ReportsOnly(lint(named(std::string(81, 'a'))), "invalid-state-name", "/States/" + std::string(81, 'a')));
  EXPECT_TRUE(ReportsOnly(lint(named(eighty_multibyte + "a")), "invalid-state-name",
                          "/States/" + eighty_multibyte + "a"));
  const std::string cjk = "\xe6\x97\xa5";  // 日, three bytes
  std::string eighty_cjk;
  for (int i = 0; i < 80; ++i) eighty_cjk += cjk;
  EXPECT_TRUE(IsClean(lint(named(eighty_cjk))));
  EXPECT_TRUE(IsClean(lint(named("Hello World"))));  // spaces are fine in state names
}

TEST(StateNames, EmptyAndControlCharacters) {
  EXPECT_TRUE(Reports(lint(machine(R"("": {"Type": "Succeed"})", "")), "invalid-state-name", "/States/"));
  EXPECT_TRUE(Reports(lint(machine(R"("a\u0001b": {"Type": "Succeed"})", "a\\u0001b")), "invalid-state-name",
                      "/States/a\x01" "b"));
}

TEST(StateNames, DuplicatesAcrossBranchesAndProcessors) {
  Diagnostics across_branches = lint(machine(R"(
    "P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "Work", "States": {"Work": {"Type": "Succeed"}}},
      {"StartAt": "Work", "States": {"Work": {"Type": "Succeed"}}}]})", "P"));
  EXPECT_TRUE(ReportsOnly(across_branches, "duplicate-state-name", "/States/P/Branches/1/States/Work"));
  const Diagnostic* finding =
      find_finding(across_branches, "duplicate-state-name", "/States/P/Branches/1/States/Work");
  ASSERT_NE(finding, nullptr);
  ASSERT_EQ(finding->related.size(), 1u);
  EXPECT_EQ(finding->related[0].pointer, "/States/P/Branches/0/States/Work");

  Diagnostics with_top_level = lint(machine(R"(
    "M": {"Type": "Map", "Next": "Done", "ItemProcessor": {"StartAt": "Done",
      "States": {"Done": {"Type": "Succeed"}}}},
    "Done": {"Type": "Succeed"})", "M"));
  EXPECT_TRUE(Reports(with_top_level, "duplicate-state-name", "/States/M/ItemProcessor/States/Done"));
  // A duplicate is not also a jump into another scope.
  EXPECT_TRUE(Lacks(with_top_level, "transition-out-of-scope"));
}

TEST(Transitions, MissingTargets) {
  EXPECT_TRUE(ReportsOnly(lint(machine(R"("A": {"Type": "Succeed"})", "Start")), "missing-transition-target",
                          "/StartAt"));
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true,
      "Next": "Nope"}], "Default": "D"}, "D": {"Type": "Succeed"})", "C")),
                      "missing-transition-target", "/States/C/Choices/0/Next"));
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true,
      "Next": "D"}], "Default": "Nope"}, "D": {"Type": "Succeed"})", "C")),
                      "missing-transition-target", "/States/C/Default"));
  EXPECT_TRUE(Reports(lint(one_state(task(R"("End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nope"}])"))),
                      "missing-transition-target", "/States/A/Catch/0/Next"));
  // Names are case-sensitive.
  EXPECT_TRUE(Reports(lint(machine(R"("A": {"Type": "Pass", "Next": "b"}, "B": {"Type": "Succeed"})")),
                      "missing-transition-target", "/States/A/Next"));
  // A branch's StartAt must name a state of that branch.
  EXPECT_TRUE(Reports(lint(machine(R"("P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "Nope", "States": {"B": {"Type": "Succeed"}}}]})", "P")),
                      "missing-transition-target", "/States/P/Branches/0/StartAt"));
}

TEST(Transitions, OutOfScope) {
  const std::string parallel = R"(
    "P": {"Type": "Parallel", "Next": "Done", "Branches": [
      {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "%s"}, "B1End": {"Type": "Succeed"}}},
      {"StartAt": "B2", "States": {"B2": {"Type": "Succeed"}}}]},
    "Done": {"Type": "Succeed"})";
  auto branch_to = [&](std::string_view target) {
    std::string text = parallel;
    text.replace(text.find("%s"), 2, target);
    return machine(text, "P");
  };
  // Out of a branch to the top level, and to a sibling branch.
  EXPECT_TRUE(Reports(lint(branch_to("Done")), "transition-out-of-scope", "/States/P/Branches/0/States/B1/Next"));
  EXPECT_TRUE(Reports(lint(branch_to("B2")), "transition-out-of-scope", "/States/P/Branches/0/States/B1/Next"));
  EXPECT_TRUE(Lacks(lint(branch_to("Done")), "missing-transition-target"));
  EXPECT_TRUE(IsClean(lint(branch_to("B1End"))));
  // Into a branch from the top level.
  Diagnostics into = lint(machine(R"(
    "A": {"Type": "Pass", "Next": "B1"},
    "P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B1", "States": {"B1": {"Type": "Succeed"}}}]})"));
  EXPECT_TRUE(Reports(into, "transition-out-of-scope", "/States/A/Next"));
  // Out of a Map processor, through a Catch.
  Diagnostics out_of_map = lint(machine(R"(
    "M": {"Type": "Map", "Next": "Done", "ItemProcessor": {"StartAt": "Work", "States": {
      "Work": )" + task(R"("End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}])") + R"(}}},
    "Done": {"Type": "Succeed"})", "M"));
  EXPECT_TRUE(ReportsOnly(out_of_map, "transition-out-of-scope", "/States/M/ItemProcessor/States/Work/Catch/0/Next"));
  // Out of a legacy Iterator.
  EXPECT_TRUE(Reports(lint(machine(R"(
    "M": {"Type": "Map", "Next": "Done", "Iterator": {"StartAt": "Work", "States": {
      "Work": {"Type": "Pass", "Next": "Done"}}}},
    "Done": {"Type": "Succeed"})", "M")),
                      "transition-out-of-scope", "/States/M/Iterator/States/Work/Next"));
}

TEST(Reachability, ACycleNothingEntersIsUnreachable) {
  Diagnostics findings = lint(machine(R"(
    "A": {"Type": "Pass", "Next": "D"},
    "D": {"Type": "Succeed"},
    "X": {"Type": "Pass", "Next": "Y"},
    "Y": {"Type": "Pass", "Next": "X"})"));
  EXPECT_TRUE(Reports(findings, "unreachable-state", "/States/X"));
  EXPECT_TRUE(Reports(findings, "unreachable-state", "/States/Y"));
  EXPECT_EQ(findings.size(), 2u) << describe(findings);
}

TEST(Reachability, AKeyNamedNextInsideParametersDoesNotReach) {
  Diagnostics findings = lint(machine(R"(
    "A": {"Type": "Pass", "Parameters": {"Next": "Hidden", "Nested": {"Next": "Hidden", "Default": "Hidden"}},
          "Result": {"Next": "Hidden"}, "Comment": "Next: Hidden", "Next": "Done"},
    "Done": {"Type": "Succeed"},
    "Hidden": {"Type": "Succeed"})"));
  EXPECT_TRUE(ReportsOnly(findings, "unreachable-state", "/States/Hidden"));
}

TEST(Reachability, EveryKindOfTransitionReaches) {
  const std::string text = machine(R"(
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "ByRule"}], "Default": "ByDefault"},
    "ByRule": )" + task(R"("Next": "ByNext", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "ByCatch"}])") + R"(,
    "ByNext": {"Type": "Succeed"},
    "ByCatch": {"Type": "Fail", "Error": "E"},
    "ByDefault": {"Type": "Pass", "Next": "ByDefault2"},
    "ByDefault2": {"Type": "Wait", "Seconds": 1, "Next": "C"})", "C");
  EXPECT_TRUE(IsClean(lint(text)));
}

TEST(Reachability, InsideBranchesAndOnlyOnceUnderAnUnreachableOwner) {
  Diagnostics in_branch = lint(machine(R"(
    "P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Succeed"}, "Lost": {"Type": "Succeed"}}}]})", "P"));
  EXPECT_TRUE(ReportsOnly(in_branch, "unreachable-state", "/States/P/Branches/0/States/Lost"));

  Diagnostics owner_unreachable = lint(machine(R"(
    "A": {"Type": "Succeed"},
    "P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Succeed"}, "Lost": {"Type": "Succeed"}}}]})"));
  EXPECT_TRUE(ReportsOnly(owner_unreachable, "unreachable-state", "/States/P"));
}

TEST(TerminalStates, EachScopeNeedsAWayToEnd) {
  EXPECT_TRUE(ReportsOnly(lint(machine(R"("A": {"Type": "Pass", "Next": "A"})")), "no-terminal-state", "/States"));
  EXPECT_TRUE(Reports(lint(machine(R"(
    "P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Wait", "Seconds": 1, "Next": "B"}}}]})", "P")),
                      "no-terminal-state", "/States/P/Branches/0/States"));
  // Fail and Succeed are terminal; a Choice loop with a Default out is fine.
  EXPECT_TRUE(IsClean(lint(machine(R"(
    "C": {"Type": "Choice", "Choices": [{"Variable": "$.again", "BooleanEquals": true, "Next": "C"}], "Default": "F"},
    "F": {"Type": "Fail"})", "C"))));
}

TEST(Labels, InvalidAndDuplicateMapLabels) {
  auto map_with_label = [](std::string_view label) {
    return one_state(R"({"Type": "Map", "End": true, "Label": ")" + std::string(label) +
                     R"(", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})");
  };
  EXPECT_TRUE(IsClean(lint(map_with_label(std::string(40, 'L')))));
  EXPECT_TRUE(Reports(lint(map_with_label(std::string(41, 'L'))), "invalid-label", "/States/A/Label"));
  EXPECT_TRUE(Reports(lint(map_with_label("")), "invalid-label", "/States/A/Label"));
  for (std::string_view bad : {"a:b", "a/b", "a*", "a{b}", "a$"}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_TRUE(Reports(lint(map_with_label(bad)), "invalid-label", "/States/A/Label"));
  }
  EXPECT_TRUE(IsClean(lint(map_with_label("${MapLabel}"))));
}

// ---------------------------------------------------------------------------------------------
// Query languages

TEST(QueryLanguages, JsonataOnlyFieldsInJsonPathStates) {
  EXPECT_TRUE(ReportsOnly(lint(one_state(task(R"("Arguments": {"a": 1}, "End": true)"))), "jsonata-only-field",
                          "/States/A/Arguments"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Succeed", "Output": "{% $states.input %}"})")),
                          "jsonata-only-field", "/States/A/Output"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Map", "End": true, "Items": [1, 2],
      "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})")),
                      "jsonata-only-field", "/States/A/Items"));
  Diagnostics condition = lint(machine(R"("C": {"Type": "Choice", "Default": "D",
      "Choices": [{"Condition": "{% true %}", "Next": "D"}]}, "D": {"Type": "Succeed"})", "C"));
  EXPECT_TRUE(Reports(condition, "jsonata-only-field", "/States/C/Choices/0/Condition"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" + task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R",
      "Output": {"a": 1}}])") + R"(, "R": {"Type": "Succeed"})")),
                      "jsonata-only-field", "/States/A/Catch/0/Output"));
}

TEST(QueryLanguages, JsonPathOnlyFieldsInJsonataStates) {
  for (std::string_view field : {R"("InputPath": "$")", R"("OutputPath": "$")", R"("Parameters": {})",
                                 R"("ResultSelector": {})", R"("ResultPath": "$.r")", R"("TimeoutSecondsPath": "$.t")",
                                 R"("HeartbeatSecondsPath": "$.h")"}) {
    SCOPED_TRACE(std::string(field));
    const std::string name(field.substr(1, field.find('"', 1) - 1));
    EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(task(std::string(field) + R"(, "End": true)"))),
                            "jsonpath-only-field", "/States/A/" + name));
  }
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Wait", "SecondsPath": "$.s", "End": true})")),
                      "jsonpath-only-field", "/States/A/SecondsPath"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Fail", "ErrorPath": "$.e"})")), "jsonpath-only-field",
                      "/States/A/ErrorPath"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Map", "End": true, "ItemsPath": "$.items",
      "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})")),
                      "jsonpath-only-field", "/States/A/ItemsPath"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(task(R"("Credentials": {"RoleArn.$": "$.r"}, "End": true)"))),
                      "jsonpath-only-field", "/States/A/Credentials/RoleArn.$"));
  Diagnostics choice = lint(machine(R"("C": {"Type": "Choice", "Default": "D",
      "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "D"}]}, "D": {"Type": "Succeed"})", "C",
                                    R"("QueryLanguage": "JSONata", )"));
  EXPECT_TRUE(Reports(choice, "jsonpath-only-field", "/States/C/Choices/0/Variable"));
  EXPECT_TRUE(Reports(choice, "jsonpath-only-field", "/States/C/Choices/0/IsNull"));
  EXPECT_TRUE(Reports(choice, "missing-required-field", "/States/C/Choices/0"));
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" + task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R",
      "ResultPath": "$.e"}])") + R"(, "R": {"Type": "Succeed"})", "A", R"("QueryLanguage": "JSONata", )")),
                      "jsonpath-only-field", "/States/A/Catch/0/ResultPath"));
}

TEST(QueryLanguages, DollarKeysAreNotEvaluatedInJsonata) {
  // A warning, not an error: AWS ran a JSONata Pass whose Output held "constant_jp_input.$": "$" and output it
  // unchanged (LocalStack aws.validated outputdecl test_base_cases[BASE_LITERALS]).
  EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(task(R"("Arguments": {"Payload": {"id.$": "$.id"}}, "End": true)"))),
                          "dollar-key-in-jsonata", "/States/A/Arguments/Payload/id.$"));
  EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(R"({"Type": "Pass", "Output": {"id.$": "$.id"}, "End": true})")),
                          "dollar-key-in-jsonata", "/States/A/Output/id.$"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Map", "End": true, "ItemSelector": {"v.$": "$$.Map.Item.Value"},
      "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}})")),
                      "dollar-key-in-jsonata", "/States/A/ItemSelector/v.$"));
  EXPECT_TRUE(IsClean(lint(one_jsonata_state(task(R"("Arguments": {"Payload": {"id": "{% $states.input.id %}"}}, "End": true)")))));
}

TEST(QueryLanguages, JsonataStatesAreCleanWithTheirOwnFields) {
  const std::string text = machine(R"(
    "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
          "Arguments": {"FunctionName": "f", "Payload": {"id": "{% $states.input.id %}"}},
          "Assign": {"price": "{% $states.result.Payload.price %}"}, "Output": "{% $states.result.Payload %}",
          "TimeoutSeconds": "{% $timeout %}",
          "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err": "{% $states.errorOutput %}"},
                     "Output": "{% $states.input %}", "Next": "Failed"}], "Next": "Route"},
    "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $price > 100 %}", "Next": "M",
                                              "Output": {"big": true}}, {"Condition": false, "Next": "W"}],
              "Default": "W"},
    "M": {"Type": "Map", "Items": "{% $states.input.items %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
          "MaxConcurrency": "{% $n %}", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}},
          "Next": "W"},
    "W": {"Type": "Wait", "Seconds": "{% $states.input.delay %}", "Next": "Done"},
    "Done": {"Type": "Succeed", "Output": {"ok": true}},
    "Failed": {"Type": "Fail", "Error": "E", "Cause": "{% $err.Cause %}"})",
                                   "T", R"("QueryLanguage": "JSONata", )");
  EXPECT_TRUE(IsClean(lint(text)));
}

TEST(QueryLanguages, DowngradeFromJsonataIsRejectedUpgradeIsFine) {
  EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(R"({"Type": "Pass", "QueryLanguage": "JSONPath", "End": true})")),
                          "query-language-downgrade", "/States/A/QueryLanguage"));
  // In a JSONata machine no branch or nested state may go back to JSONPath.
  const std::string jsonata = R"("QueryLanguage": "JSONata", )";
  EXPECT_TRUE(ReportsOnly(lint(machine(R"("P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "QueryLanguage": "JSONPath", "States": {"B": {"Type": "Succeed"}}}]})", "P", jsonata)),
                          "query-language-downgrade", "/States/P/Branches/0/QueryLanguage"));
  EXPECT_TRUE(ReportsOnly(lint(machine(R"("P": {"Type": "Parallel", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}}}]})", "P", jsonata)),
                          "query-language-downgrade", "/States/P/Branches/0/States/B/QueryLanguage"));
  // Only the machine's QueryLanguage forbids JSONPath below it: AWS's message says "for whole state
  // machine", and an AWS-validated LocalStack template has a JSONPath state inside a JSONata Map of a
  // JSONPath machine (asl-semantics.md §8.1 also names the enclosing scope; the evidence says otherwise).
  EXPECT_TRUE(IsClean(lint(machine(R"("P": {"Type": "Parallel", "QueryLanguage": "JSONata", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "QueryLanguage": "JSONPath", "InputPath": "$", "End": true}}}]})",
                                   "P"))));
  // JSONPath machine with JSONata states (incremental migration), and the JSONata state's fields.
  EXPECT_TRUE(IsClean(lint(machine(R"(
    "A": {"Type": "Pass", "Parameters": {"x.$": "$.x"}, "Next": "B"},
    "B": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.x %}", "End": true})"))));
  // Setting JSONata again inside JSONata is not a downgrade.
  EXPECT_TRUE(IsClean(lint(one_jsonata_state(R"({"Type": "Pass", "QueryLanguage": "JSONata", "End": true})"))));
  // A JSONPath state inside a JSONata state's branch would inherit JSONata fields.
  EXPECT_TRUE(Reports(lint(machine(R"("P": {"Type": "Parallel", "QueryLanguage": "JSONata", "End": true, "Branches": [
      {"StartAt": "B", "States": {"B": {"Type": "Pass", "InputPath": "$", "End": true}}}]})", "P")),
                      "jsonpath-only-field", "/States/P/Branches/0/States/B/InputPath"));
}

TEST(QueryLanguages, JsonataExpressions) {
  // Not exactly "{% ... %}": a literal string, which is probably not what was meant.
  EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(R"({"Type": "Pass", "Output": {"a": " {% 1 %}"}, "End": true})")),
                          "jsonata-like-literal", "/States/A/Output/a"));
  EXPECT_TRUE(ReportsOnly(lint(one_jsonata_state(R"({"Type": "Pass", "Output": {"a": "{% 1 %} and more"}, "End": true})")),
                          "jsonata-like-literal", "/States/A/Output/a"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Pass", "Output": {"a": "{% [1, 2 %}"}, "End": true})")),
                      "invalid-jsonata", "/States/A/Output/a"));
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Wait", "Seconds": "{% $x + %}", "End": true})")),
                      "invalid-jsonata", "/States/A/Seconds"));
  // Outside {% %} a string is a literal, even if it starts with '$'.
  EXPECT_TRUE(IsClean(lint(one_jsonata_state(R"({"Type": "Pass", "Output": {"a": "$customerName"}, "End": true})"))));
  EXPECT_TRUE(IsClean(lint(one_jsonata_state(
      R"({"Type": "Pass", "Output": "{% $states.input.items[price > 10].{'n': name} /* ok */ %}", "End": true})"))));
}

// ---------------------------------------------------------------------------------------------
// Deploy-time placeholders and CloudFormation intrinsics

TEST(Placeholders, SubstitutionsAreAccepted) {
  for (std::string_view resource : {"arn:${AWS::Partition}:lambda:us-east-1:123456789012:function:f", "${Fn}",
                                    "arn:aws:states:::lambda:invoke", "arn:aws:states:::aws-sdk:s3:getObject",
                                    "arn:aws:states:::http:invoke",
                                    "arn:aws:states:us-east-1:123456789012:activity:work",
                                    "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}"}) {
    SCOPED_TRACE(std::string(resource));
    EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Task", "End": true, "Resource": ")" + std::string(resource) +
                                       "\"}"))));
  }
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("TimeoutSeconds": "${Timeout}", "End": true)")))));
  EXPECT_TRUE(IsClean(lint(one_state(task(R"("Credentials": {"RoleArn": "${RoleArn}"}, "End": true)")))));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Pass", "InputPath": "${InputPath}", "End": true})"))));
}

TEST(Placeholders, BadResources) {
  for (std::string_view resource : {"not a uri", "lambda", "", ":x", "arn:aws", "arn:aws:lambda"}) {
    SCOPED_TRACE(std::string(resource));
    EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Task", "End": true, "Resource": ")" +
                                           std::string(resource) + "\"}")),
                            "invalid-resource", "/States/A/Resource"));
  }
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Task", "End": true, "Resource": 5})")), "invalid-field-type",
                      "/States/A/Resource"));
}

TEST(Resources, LambdaFunctionArnsFollowLambdasPatterns) {
  auto with_resource = [](std::string_view resource) {
    return one_state(R"({"Type": "Task", "End": true, "Resource": ")" + std::string(resource) + "\"}");
  };
  for (std::string_view good : {"arn:aws:lambda:us-east-1:123456789012:function:my-fn_1",
                                "arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST",
                                "arn:aws:lambda:us-east-1:123456789012:function:f:7",
                                "arn:aws:lambda:us-east-1:123456789012:function:f:live",
                                "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}:${Alias}"}) {
    SCOPED_TRACE(std::string(good));
    EXPECT_TRUE(IsClean(lint(with_resource(good))));
  }
  // An empty or malformed qualifier, a bad function name, one part too many.
  for (std::string_view bad : {"arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:",
                               "arn:aws:lambda:region-1:1234567890:function:FUNCTION_NAME:$*#$7485",
                               "arn:aws:lambda:us-east-1:123456789012:function:my.fn",
                               "arn:aws:lambda:us-east-1:123456789012:function:f:live:extra"}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_TRUE(ReportsOnly(lint(with_resource(bad)), "invalid-resource", "/States/A/Resource"));
  }
}

TEST(Placeholders, CloudFormationIntrinsicsAreOnlyANote) {
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Task", "End": true, "Resource": {"Fn::GetAtt": ["Fn", "Arn"]}})")),
                          "cfn-intrinsic-value", "/States/A/Resource"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Task", "End": true, "Resource": {"Ref": "Fn"}})")),
                          "cfn-intrinsic-value", "/States/A/Resource"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(task(R"("End": true, "Credentials": {"RoleArn": {"Fn::Sub": "arn:${R}"}})"))),
                          "cfn-intrinsic-value", "/States/A/Credentials/RoleArn"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(task(R"("End": true, "Parameters": {"Table.$": {"Ref": "T"}})"))),
                          "cfn-intrinsic-value", "/States/A/Parameters/Table.$"));
  const Diagnostics findings = lint(one_state(R"({"Type": "Task", "End": true, "Resource": {"Ref": "Fn"}})"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::Note);
  // An object that is not a single Ref/Fn:: key is just the wrong type.
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Task", "End": true, "Resource": {"Ref": "A", "Other": 1}})")),
                      "invalid-field-type", "/States/A/Resource"));
}

// ---------------------------------------------------------------------------------------------
// Intrinsic functions (asl-semantics.md §7)

std::string with_parameter(std::string_view value) {
  return one_state(R"({"Type": "Pass", "End": true, "Parameters": {"x.$": )" + std::string(value) + "}}");
}

TEST(Intrinsics, ValidCallsAreClean) {
  for (std::string_view call :
       {R"js("States.Format('Hello {}, you are {}', $.name, $.age)")js", R"js("States.Format('no slots')")js",
        R"js("States.Format('escaped \\{\\} and {}', $.a)")js", R"js("States.StringToJson($.text)")js",
        R"js("States.JsonToString($)")js", R"js("States.Array()")js", R"js("States.Array(1, 'a', true, null, $.x)")js",
        R"js("States.ArrayPartition($.a, 2)")js", R"js("States.ArrayContains($.a, 3)")js", R"js("States.ArrayRange(1, 9, 2)")js",
        R"js("States.ArrayGetItem($.a, 0)")js", R"js("States.ArrayLength($.a)")js", R"js("States.ArrayUnique($.a)")js",
        R"js("States.Base64Encode($.s)")js", R"js("States.Base64Decode($.s)")js", R"js("States.Hash($.s, 'SHA-256')")js",
        R"js("States.JsonMerge($.a, $.b, false)")js", R"js("States.StringSplit($.s, ',')")js",
        R"js("States.MathRandom(1, 10)")js", R"js("States.MathRandom(1, 10, $.seed)")js", R"js("States.MathAdd($.n, -1)")js",
        R"js("States.UUID()")js", R"js("States.ArrayLength(States.StringSplit($.s, ','))")js",
        R"js("States.Format('{}', $$.Execution.Id)")js", R"js("States.Format('{}', $myVariable)")js"}) {
    SCOPED_TRACE(std::string(call));
    EXPECT_TRUE(IsClean(lint(with_parameter(call))));
  }
}

TEST(Intrinsics, Syntax) {
  for (std::string_view call : {R"js("States.Format('a'")js", R"js("States.Format('a)")js", R"js("States.Format('a',)")js",
                                R"js("States.Format('a' $.b)")js", R"js("States.Format('a') trailing")js"}) {
    SCOPED_TRACE(std::string(call));
    EXPECT_TRUE(Reports(lint(with_parameter(call)), "invalid-intrinsic", "/States/A/Parameters/x.$"));
  }
}

TEST(Intrinsics, UnknownName) {
  for (std::string_view call : {R"js("States.Fromat('a')")js", R"js("States.format('a')")js", R"js("States.Concat('a', 'b')")js"}) {
    SCOPED_TRACE(std::string(call));
    EXPECT_TRUE(ReportsOnly(lint(with_parameter(call)), "unknown-intrinsic", "/States/A/Parameters/x.$"));
  }
}

TEST(Intrinsics, Arity) {
  for (std::string_view call : {R"js("States.ArrayLength()")js", R"js("States.ArrayLength($.a, $.b)")js", R"js("States.UUID(1)")js",
                                R"js("States.Format()")js", R"js("States.Format('{} {}', $.a)")js",
                                R"js("States.Format('{}', $.a, $.b)")js", R"js("States.MathRandom(1)")js",
                                R"js("States.MathRandom(1, 2, 3, 4)")js", R"js("States.JsonMerge($.a, $.b)")js"}) {
    SCOPED_TRACE(std::string(call));
    EXPECT_TRUE(ReportsOnly(lint(with_parameter(call)), "intrinsic-arity", "/States/A/Parameters/x.$"));
  }
}

TEST(Intrinsics, ArgumentTypes) {
  for (std::string_view call :
       {R"js("States.MathAdd('1', 2)")js", R"js("States.Hash($.s, 'MD4')")js", R"js("States.ArrayPartition($.a, 0)")js",
        R"js("States.ArrayRange(1, 2.5, 1)")js", R"js("States.ArrayGetItem($.a, -1)")js", R"js("States.JsonMerge($.a, $.b, true)")js",
        R"js("States.ArrayLength('abc')")js", R"js("States.StringToJson(5)")js",
        R"js("States.ArrayLength(States.Format('{}', $.a))")js", R"js("States.Base64Encode(States.ArrayLength($.a))")js"}) {
    SCOPED_TRACE(std::string(call));
    EXPECT_TRUE(ReportsOnly(lint(with_parameter(call)), "intrinsic-argument-type", "/States/A/Parameters/x.$"));
  }
}

TEST(Intrinsics, OnlyInPayloadTemplatesNotInPathFields) {
  EXPECT_TRUE(Reports(lint(one_state(R"json({"Type": "Pass", "InputPath": "States.Format('{}', $.a)", "End": true})json")),
                      "invalid-path", "/States/A/InputPath"));
  // Assign and ResultSelector are templates too.
  EXPECT_TRUE(IsClean(lint(one_state(task(R"json("End": true, "ResultSelector": {"n.$": "States.ArrayLength($.list)"},
      "Assign": {"id.$": "States.UUID()"})json")))));
  EXPECT_TRUE(Reports(lint(one_state(task(R"json("End": true, "ResultSelector": {"n.$": "States.Nope()"})json"))),
                      "unknown-intrinsic", "/States/A/ResultSelector/n.$"));
  EXPECT_TRUE(Reports(lint(one_state(R"json({"Type": "Pass", "End": true, "Assign": {"n.$": "States.ArrayLength()"}})json")),
                      "intrinsic-arity", "/States/A/Assign/n.$"));
}

// ---------------------------------------------------------------------------------------------
// Payload templates (asl-semantics.md §3.2)

TEST(PayloadTemplates, DollarKeysHoldPathsOrCalls) {
  EXPECT_TRUE(IsClean(lint(with_parameter(R"("$")"))));
  EXPECT_TRUE(IsClean(lint(with_parameter(R"("$.a.b[0]")"))));
  EXPECT_TRUE(IsClean(lint(with_parameter(R"("$.items[*].id")"))));  // a full path, not only a reference path
  EXPECT_TRUE(IsClean(lint(with_parameter(R"("$$.Execution.Input")"))));
  EXPECT_TRUE(IsClean(lint(with_parameter(R"("$counter")"))));
  EXPECT_TRUE(Reports(lint(with_parameter(R"("literal")")), "invalid-payload-template", "/States/A/Parameters/x.$"));
  EXPECT_TRUE(Reports(lint(with_parameter("5")), "invalid-payload-template", "/States/A/Parameters/x.$"));
  EXPECT_TRUE(Reports(lint(with_parameter("{\"a\": 1}")), "invalid-payload-template", "/States/A/Parameters/x.$"));
  EXPECT_TRUE(Reports(lint(with_parameter(R"("$.a[")")), "invalid-path", "/States/A/Parameters/x.$"));
}

TEST(PayloadTemplates, NestedObjectsAndArraysAreTemplatesToo) {
  const std::string text = one_state(R"({"Type": "Pass", "End": true, "Parameters": {
      "outer": {"inner.$": 5, "list": [{"deep.$": "nope"}, {"ok.$": "$.ok"}]}}})");
  Diagnostics findings = lint(text);
  EXPECT_TRUE(Reports(findings, "invalid-payload-template", "/States/A/Parameters/outer/inner.$"));
  EXPECT_TRUE(Reports(findings, "invalid-payload-template", "/States/A/Parameters/outer/list/0/deep.$"));
  EXPECT_EQ(findings.size(), 2u) << describe(findings);
}

TEST(PayloadTemplates, DuplicateAfterStrippingDollar) {
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Pass", "End": true, "Parameters": {"a": {"b": 1, "b.$": "$.b"}}})")),
                          "duplicate-template-key", "/States/A/Parameters/a/b.$"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(task(R"("End": true, "ResultSelector": {"b": 1, "b.$": "$.b"})"))),
                          "duplicate-template-key", "/States/A/ResultSelector/b.$"));
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Pass", "End": true, "Assign": {"v": 1, "v.$": "$.b"}})")),
                          "duplicate-template-key", "/States/A/Assign/v.$"));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Pass", "End": true, "Parameters": {"b": 1, "c.$": "$.b",
      "nested": {"b.$": "$.b"}}})"))));
}

TEST(PayloadTemplates, NoDollarWarnsOnPathLookingLiterals) {
  const std::string text = one_state(R"({"Type": "Pass", "End": true, "Parameters": {
      "a": "$.a", "b": "$$.Execution.Id", "c": "$", "nested": {"d": "$[0]"}, "e": "$5 off", "f": "cost: $.50"}})");
  Diagnostics findings = lint(text);
  EXPECT_TRUE(Reports(findings, "no-dollar", "/States/A/Parameters/a"));
  EXPECT_TRUE(Reports(findings, "no-dollar", "/States/A/Parameters/b"));
  EXPECT_TRUE(Reports(findings, "no-dollar", "/States/A/Parameters/c"));
  EXPECT_TRUE(Reports(findings, "no-dollar", "/States/A/Parameters/nested/d"));
  EXPECT_EQ(findings.size(), 4u) << describe(findings);
}

TEST(PayloadTemplates, PassResultIsStatic) {
  EXPECT_TRUE(ReportsOnly(lint(one_state(R"({"Type": "Pass", "End": true, "Result": {"outer": {"id.$": "$.id"}}})")),
                          "pass-result-is-static", "/States/A/Result"));
  EXPECT_TRUE(IsClean(lint(one_state(R"({"Type": "Pass", "End": true, "Result": {"price": "$5"}})"))));
}

// ---------------------------------------------------------------------------------------------
// Choice rules (asl-semantics.md §2)

std::string with_choice(std::string_view rule) {
  return machine(R"("C": {"Type": "Choice", "Default": "D", "Choices": [)" + std::string(rule) +
                     R"(]}, "D": {"Type": "Succeed"})",
                 "C");
}

TEST(ChoiceRules, AllOperatorsWithTheRightOperandAreClean) {
  for (std::string_view test :
       {R"("StringEquals": "a")", R"("StringLessThan": "a")", R"("StringGreaterThanEquals": "")",
        R"("StringEqualsPath": "$.b")", R"("StringMatches": "log-*.txt")", R"("NumericEquals": 1)",
        R"("NumericLessThan": -1.5)", R"("NumericGreaterThanEqualsPath": "$$.Execution.Input.n")",
        R"("BooleanEquals": false)", R"("BooleanEqualsPath": "$var")",
        R"("TimestampEquals": "2016-03-14T01:59:00Z")", R"("TimestampLessThan": "2016-03-14T01:59:00.123+01:00")",
        R"("TimestampGreaterThanPath": "$.t")", R"("IsNull": true)", R"("IsPresent": false)",
        R"("IsNumeric": true)", R"("IsString": true)", R"("IsBoolean": true)", R"("IsTimestamp": false)"}) {
    SCOPED_TRACE(std::string(test));
    EXPECT_TRUE(IsClean(lint(with_choice(R"({"Variable": "$.x", "Next": "D", )" + std::string(test) + "}"))));
  }
}

TEST(ChoiceRules, OperatorCount) {
  EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.x", "Next": "D"})")), "invalid-choice-rule",
                          "/States/C/Choices/0"));
  EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.x", "IsNull": true, "IsPresent": true, "Next": "D"})")),
                          "invalid-choice-rule", "/States/C/Choices/0/IsPresent"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"And": [{"Variable": "$.x", "IsNull": true}], "Variable": "$.x",
                                           "IsNull": true, "Next": "D"})")),
                      "invalid-choice-rule", "/States/C/Choices/0"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"And": [{"Variable": "$.x", "IsNull": true}],
                                           "Or": [{"Variable": "$.x", "IsNull": true}], "Next": "D"})")),
                      "invalid-choice-rule", "/States/C/Choices/0"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"IsNull": true, "Next": "D"})")), "missing-required-field",
                      "/States/C/Choices/0"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Next": "D"})")), "missing-required-field", "/States/C/Choices/0"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Variable": "$.x", "StringEqual": "a", "Next": "D"})")),
                      "field-not-allowed", "/States/C/Choices/0/StringEqual"));
}

TEST(ChoiceRules, CompositeShapes) {
  EXPECT_TRUE(IsClean(lint(with_choice(R"({"And": [{"Variable": "$.a", "IsPresent": true},
      {"Or": [{"Variable": "$.a", "NumericEquals": 1}, {"Not": {"Variable": "$.a", "NumericEquals": 2}}]}],
      "Next": "D"})"))));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"And": [], "Next": "D"})")), "empty-array", "/States/C/Choices/0/And"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Or": {"Variable": "$.a", "IsNull": true}, "Next": "D"})")),
                      "invalid-field-type", "/States/C/Choices/0/Or"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Not": [{"Variable": "$.a", "IsNull": true}], "Next": "D"})")),
                      "invalid-field-type", "/States/C/Choices/0/Not"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"And": [{"Variable": "$.a"}], "Next": "D"})")), "invalid-choice-rule",
                      "/States/C/Choices/0/And/0"));
  EXPECT_TRUE(Reports(lint(with_choice("5")), "invalid-field-type", "/States/C/Choices/0"));
}

TEST(ChoiceRules, OperandTypes) {
  struct Case {
    std::string_view test;
    std::string_view rule;
    std::string_view field;
  };
  const Case cases[] = {
      {R"("StringEquals": 5)", "choice-operand-type", "StringEquals"},
      {R"("StringMatches": 5)", "choice-operand-type", "StringMatches"},
      {R"("NumericEquals": "1")", "choice-operand-type", "NumericEquals"},
      {R"("NumericLessThan": null)", "choice-operand-type", "NumericLessThan"},
      {R"("BooleanEquals": "true")", "choice-operand-type", "BooleanEquals"},
      {R"("IsPresent": "yes")", "choice-operand-type", "IsPresent"},
      {R"("IsNull": 1)", "choice-operand-type", "IsNull"},
      {R"("TimestampEquals": 1457920740)", "choice-operand-type", "TimestampEquals"},
      {R"("StringEqualsPath": "b")", "invalid-reference-path", "StringEqualsPath"},
      {R"("NumericEqualsPath": "$.a[*]")", "invalid-reference-path", "NumericEqualsPath"},
      {R"("BooleanEqualsPath": true)", "invalid-field-type", "BooleanEqualsPath"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.test));
    EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.x", "Next": "D", )" + std::string(c.test) + "}")),
                            c.rule, "/States/C/Choices/0/" + std::string(c.field)));
  }
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Variable": "x", "IsNull": true, "Next": "D"})")), "invalid-reference-path",
                      "/States/C/Choices/0/Variable"));
}

TEST(ChoiceRules, Timestamps) {
  for (std::string_view bad : {"2016-03-14T01:59:00", "2016-03-14 01:59:00Z", "2016-13-14T01:59:00Z",
                               "2016-03-14T25:00:00Z", "14-03-2016T01:59:00Z", "2016-03-14t01:59:00z", "now"}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.t", "Next": "D", "TimestampGreaterThan": ")" +
                                             std::string(bad) + "\"}")),
                            "invalid-timestamp", "/States/C/Choices/0/TimestampGreaterThan"));
  }
  for (std::string_view good : {"2016-03-14T01:59:00Z", "2016-03-14T01:59:00.000000Z", "2016-03-14T01:59:00-05:30"}) {
    SCOPED_TRACE(std::string(good));
    EXPECT_TRUE(IsClean(lint(with_choice(R"({"Variable": "$.t", "Next": "D", "TimestampGreaterThan": ")" +
                                         std::string(good) + "\"}"))));
  }
}

TEST(ChoiceRules, StringMatchesEscapes) {
  // In JSON source "\\*" is the pattern \* (a literal star) and "\\\\" the pattern \\ (a backslash).
  for (std::string_view good : {R"(log-\\*.txt)", R"(a\\\\b)", "*", "", "**", "foo*.*"}) {
    SCOPED_TRACE(std::string(good));
    EXPECT_TRUE(IsClean(lint(with_choice(R"({"Variable": "$.s", "Next": "D", "StringMatches": ")" +
                                         std::string(good) + "\"}"))));
  }
  for (std::string_view bad : {R"(trailing\\)", R"(a\\b)", R"(\\?)"}) {
    SCOPED_TRACE(std::string(bad));
    EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.s", "Next": "D", "StringMatches": ")" +
                                             std::string(bad) + "\"}")),
                            "invalid-string-pattern", "/States/C/Choices/0/StringMatches"));
  }
}

TEST(ChoiceRules, NextOnlyOnTopLevelRules) {
  EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"And": [{"Variable": "$.a", "IsNull": true, "Next": "D"}], "Next": "D"})")),
                          "nested-rule-with-next", "/States/C/Choices/0/And/0/Next"));
  EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Not": {"Not": {"Variable": "$.a", "IsNull": true, "Next": "D"}}, "Next": "D"})")),
                          "nested-rule-with-next", "/States/C/Choices/0/Not/Not/Next"));
  EXPECT_TRUE(ReportsOnly(lint(with_choice(R"({"Variable": "$.a", "IsNull": true})")), "missing-required-field",
                          "/States/C/Choices/0"));
  // A nested Next names no transition: the state it names stays unreachable.
  Diagnostics findings = lint(machine(R"("C": {"Type": "Choice", "Default": "D", "Choices": [
      {"Not": {"Variable": "$.a", "IsNull": true, "Next": "E"}, "Next": "D"}]},
      "D": {"Type": "Succeed"}, "E": {"Type": "Succeed"})", "C"));
  EXPECT_TRUE(Reports(findings, "unreachable-state", "/States/E"));
}

TEST(ChoiceRules, ChoiceStateShape) {
  EXPECT_TRUE(Reports(lint(with_choice("")), "empty-array", "/States/C/Choices"));
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true,
      "Next": "D"}], "Default": "D", "End": true}, "D": {"Type": "Succeed"})", "C")),
                      "field-not-allowed", "/States/C/End"));
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true,
      "Next": "D"}], "Next": "D"}, "D": {"Type": "Succeed"})", "C")),
                      "field-not-allowed", "/States/C/Next"));
  // No Default is allowed (States.NoChoiceMatched at run time).
  EXPECT_TRUE(IsClean(lint(machine(R"("C": {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsNull": true,
      "Next": "D"}]}, "D": {"Type": "Succeed"})", "C"))));
}

TEST(ChoiceRules, ConditionIsJsonataOnly) {
  Diagnostics findings = lint(with_choice(R"({"Condition": "{% $states.input.a %}", "Next": "D"})"));
  EXPECT_TRUE(Reports(findings, "jsonata-only-field", "/States/C/Choices/0/Condition"));
  // In a JSONata Choice, Condition must be a boolean or an expression.
  const std::string jsonata = R"("QueryLanguage": "JSONata", )";
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Default": "D", "Choices": [{"Condition": "yes",
      "Next": "D"}]}, "D": {"Type": "Succeed"})", "C", jsonata)),
                      "invalid-field-type", "/States/C/Choices/0/Condition"));
  EXPECT_TRUE(Reports(lint(machine(R"("C": {"Type": "Choice", "Default": "D", "Choices": [{"Condition": "{% ) %}",
      "Next": "D"}]}, "D": {"Type": "Succeed"})", "C", jsonata)),
                      "invalid-jsonata", "/States/C/Choices/0/Condition"));
  EXPECT_TRUE(IsClean(lint(machine(R"("C": {"Type": "Choice", "Default": "D", "Choices": [{"Condition": true,
      "Next": "D", "Assign": {"x": "{% 1 %}"}}]}, "D": {"Type": "Succeed"})", "C", jsonata))));
}

// ---------------------------------------------------------------------------------------------
// Assign and variables (asl-semantics.md §8.5)

TEST(Variables, AssignKeysAreVariableNames) {
  auto assigning = [](std::string_view members) {
    return one_state(R"({"Type": "Pass", "End": true, "Assign": {)" + std::string(members) + "}}");
  };
  EXPECT_TRUE(IsClean(lint(assigning(R"("a": 1, "_b2": "x", "c.$": "$.c", "D.$": "$$.Execution.Id", "e": {"k.$": "$.k"})"))));
  EXPECT_TRUE(IsClean(lint(assigning("\"" + std::string(80, 'v') + "\": 1"))));
  for (std::string_view bad : {"1st", "a.b", "x[2]", "a-b", "states", "a b", ""}) {
    SCOPED_TRACE(std::string(bad));
    const std::string key(bad);
    EXPECT_TRUE(ReportsOnly(lint(assigning("\"" + key + "\": 1")), "invalid-variable-name",
                            "/States/A/Assign/" + key));
  }
  EXPECT_TRUE(ReportsOnly(lint(assigning("\"" + std::string(81, 'v') + "\": 1")), "invalid-variable-name",
                          "/States/A/Assign/" + std::string(81, 'v')));
  EXPECT_TRUE(ReportsOnly(lint(assigning(R"("1st.$": "$.a")")), "invalid-variable-name", "/States/A/Assign/1st.$"));
  // In JSONata there is no '.$' form: the suffix is part of the (invalid) name.
  EXPECT_TRUE(Reports(lint(one_jsonata_state(R"({"Type": "Pass", "End": true, "Assign": {"a.$": "$.a"}})")),
                      "invalid-variable-name", "/States/A/Assign/a.$"));
  // Catchers and Choice rules assign too.
  EXPECT_TRUE(Reports(lint(machine(R"("A": )" + task(R"("End": true, "Catch": [{"ErrorEquals": ["E"], "Next": "R",
      "Assign": {"bad-name": 1}}])") + R"(, "R": {"Type": "Succeed"})")),
                      "invalid-variable-name", "/States/A/Catch/0/Assign/bad-name"));
  EXPECT_TRUE(Reports(lint(with_choice(R"({"Variable": "$.x", "IsNull": true, "Next": "D", "Assign": {"9": 1}})")),
                      "invalid-variable-name", "/States/C/Choices/0/Assign/9"));
  EXPECT_TRUE(Reports(lint(one_state(R"({"Type": "Pass", "End": true, "Assign": []})")), "invalid-field-type",
                      "/States/A/Assign"));
}

}  // namespace
}  // namespace sfn
