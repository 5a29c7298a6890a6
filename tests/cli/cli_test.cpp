// The check command end to end, in-process: exit codes, --fail-on, --format, folder search, and
// bad input that must give one clear line and exit code 2.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

const char* kClean = R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}})";
// One error (missing-transition-target) and nothing else.
const std::string kError =
    R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, )"
    R"("Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Nowhere"}]}}})";
const std::size_t kErrorColumn = kError.find("\"Nowhere\"") + 1;
// One warning (no-dollar) and nothing else.
const char* kWarning =
    R"({"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"x": "$.y"}, "End": true}}})";
// One note (cfn-intrinsic-value) and nothing else.
const char* kNote =
    R"({"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": {"Fn::GetAtt": ["F", "Arn"]}, "End": true}}})";

TEST(CheckCommand, CleanFileExitsZero) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"check", dir.write("ok.asl.json", kClean)});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("0 errors, 0 warnings, 0 notes in 1 file"), std::string::npos) << run.out;
}

TEST(CheckCommand, ErrorExitsOneWithCompilerStyleLine) {
  ScratchDir dir;
  std::string file = dir.write("bad.asl.json", kError);
  CliRun run = run_sfncheck({"check", file});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find(file + ":1:" + std::to_string(kErrorColumn) + ": error: "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[missing-transition-target]"), std::string::npos) << run.out;
  // The source line and a caret under the column.
  EXPECT_NE(run.out.find("\n  " + kError + "\n  " + std::string(kErrorColumn - 1, ' ') + "^\n"), std::string::npos)
      << run.out;
}

struct FailOnCase {
  const char* fail_on;
  int error, warning, note, clean;
};

class FailOnTest : public ::testing::TestWithParam<FailOnCase> {};

TEST_P(FailOnTest, ThresholdDecidesExitCode) {
  ScratchDir dir;
  const FailOnCase& expected = GetParam();
  auto exit_code = [&](const std::string& text) {
    std::vector<std::string> arguments = {"check", dir.write("m.asl.json", text)};
    if (std::string(expected.fail_on) != "default") {
      arguments.push_back("--fail-on");
      arguments.push_back(expected.fail_on);
    }
    return run_sfncheck(arguments).exit_code;
  };
  EXPECT_EQ(exit_code(kError), expected.error);
  EXPECT_EQ(exit_code(kWarning), expected.warning);
  EXPECT_EQ(exit_code(kNote), expected.note);
  EXPECT_EQ(exit_code(kClean), expected.clean);
}

INSTANTIATE_TEST_SUITE_P(AllValues, FailOnTest,
                         ::testing::Values(FailOnCase{"default", 1, 1, 0, 0}, FailOnCase{"error", 1, 0, 0, 0},
                                           FailOnCase{"warning", 1, 1, 0, 0}, FailOnCase{"note", 1, 1, 1, 0},
                                           FailOnCase{"never", 0, 0, 0, 0}),
                         [](const auto& info) { return std::string(info.param.fail_on); });

TEST(CheckCommand, JsonOutputIsOneDocumentWithTheContractFields) {
  ScratchDir dir;
  std::string file = dir.write("bad.asl.json", kError);
  CliRun run = run_sfncheck({"check", "--format", "json", file});
  EXPECT_EQ(run.exit_code, 1);
  nlohmann::json document = nlohmann::json::parse(run.out);
  ASSERT_EQ(document["findings"].size(), 1u);
  const nlohmann::json& finding = document["findings"][0];
  EXPECT_EQ(finding["file"], file);
  EXPECT_EQ(finding["rule"], "missing-transition-target");
  EXPECT_EQ(finding["severity"], "error");
  EXPECT_EQ(finding["pointer"], "/States/A/Catch/0/Next");
  EXPECT_EQ(finding["state"], "A");
  EXPECT_EQ(finding["line"], 1);
  EXPECT_EQ(finding["column"], kErrorColumn);
  EXPECT_TRUE(finding["message"].is_string());
  EXPECT_EQ(document["summary"], (nlohmann::json{{"files", 1}, {"errors", 1}, {"warnings", 0}, {"notes", 0}}));
}

TEST(CheckCommand, JsonFindingsAreSortedByFileLineColumnRule) {
  ScratchDir dir;
  std::string second = dir.write("b.asl.json", "{\n\"StartAt\": \"X\",\n\"States\": {}\n}");
  std::string first = dir.write("a.asl.json", kError);
  CliRun run = run_sfncheck({"check", "--format", "json", second, first});
  nlohmann::json findings = nlohmann::json::parse(run.out)["findings"];
  ASSERT_GE(findings.size(), 2u);
  for (std::size_t i = 1; i < findings.size(); ++i) {
    const auto& a = findings[i - 1];
    const auto& b = findings[i];
    auto key = [](const nlohmann::json& f) {
      return std::make_tuple(f["file"].get<std::string>(), f["line"].get<int>(), f["column"].get<int>(),
                             f["rule"].get<std::string>());
    };
    EXPECT_LE(key(a), key(b));
  }
  EXPECT_EQ(findings[0]["file"], first);
}

TEST(CheckCommand, FolderSearchFindsAslFilesRecursively) {
  ScratchDir dir;
  dir.write("top.asl.json", kClean);
  dir.write("nested/deeper/machine.json", kClean);               // *.json whose root has StartAt and States
  dir.write("nested/package.json", R"({"name": "not-asl"})");    // not a state machine: skipped
  dir.write("nested/broken.json", "{not json");                  // not ASL: skipped
  dir.write("nested/flow.asl.yaml", "StartAt: A\nStates:\n  A:\n    Type: Succeed\n");
  dir.write("node_modules/dep/x.asl.json", kError);              // dependencies are not searched
  dir.write(".hidden/x.asl.json", kError);                       // nor hidden folders
  CliRun run = run_sfncheck({"check", "--format", "json", dir.path()});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(nlohmann::json::parse(run.out)["summary"]["files"], 3);
}

TEST(CheckCommand, ExplicitlyNamedBrokenAslFileInFolderIsReported) {
  ScratchDir dir;
  dir.write("broken.asl.json", "{");
  CliRun run = run_sfncheck({"check", dir.path()});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("[invalid-json]"), std::string::npos);
}

TEST(CheckCommand, WorstExitCodeWinsOverSeveralFiles) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"check", dir.write("a.asl.json", kError), dir.write("b.asl.json", kClean),
                             dir.write("c.asl.json", "[")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.out.find("[missing-transition-target]"), std::string::npos);
  EXPECT_NE(run.out.find("[invalid-json]"), std::string::npos);
}

TEST(CheckCommand, UsageErrorsExitTwo) {
  EXPECT_EQ(run_sfncheck({}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"check"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"check", "--format", "xml", "x.json"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"check", "--fail-on", "sometimes", "x.json"}).exit_code, 2);
  EXPECT_EQ(run_sfncheck({"frobnicate"}).exit_code, 2);
  CliRun run = run_sfncheck({"check", "--no-such-flag", "x.json"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--no-such-flag"), std::string::npos) << run.err;
}

TEST(CheckCommand, HelpAndVersionExitZero) {
  CliRun help = run_sfncheck({"check", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--fail-on"), std::string::npos) << help.out;
  EXPECT_EQ(run_sfncheck({"--version"}).exit_code, 0);
}

// Bad input: one line naming the file (with line:col where there is one), exit code 2, no crash.
void expect_one_line_error(const CliRun& run, const std::string& location_prefix, const std::string& rule) {
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  std::string first_line = run.out.substr(0, run.out.find('\n'));
  EXPECT_EQ(first_line.rfind(location_prefix, 0), 0u) << first_line;
  EXPECT_NE(first_line.find("[" + rule + "]"), std::string::npos) << first_line;
  // The error line and then only the summary line.
  EXPECT_EQ(count_lines(run.out), 2u) << run.out;
}

TEST(BadInput, MalformedJson) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {\n}");
  expect_one_line_error(run_sfncheck({"check", file}), file + ":4:2: error: ", "invalid-json");
}

TEST(BadInput, EmptyFile) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", "");
  expect_one_line_error(run_sfncheck({"check", file}), file + ":", "empty-file");
}

TEST(BadInput, NonObjectRoot) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", "[1, 2, 3]");
  expect_one_line_error(run_sfncheck({"check", file}), file + ":1:1: error: ", "not-a-state-machine");
}

TEST(BadInput, NestedOneHundredThousandDeep) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", std::string(100000, '[') + std::string(100000, ']'));
  expect_one_line_error(run_sfncheck({"check", file}), file + ":1:257: error: ", "too-deeply-nested");
}

TEST(BadInput, FiftyMegabyteFileIsRefusedBeforeParsing) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", std::string(50u * 1024 * 1024, ' '));
  expect_one_line_error(run_sfncheck({"check", file}), file + ": error: ", "file-too-large");
}

TEST(BadInput, InvalidUtf8) {
  ScratchDir dir;
  std::string file = dir.write("m.asl.json", "{\"StartAt\": \"A\xff\", \"States\": {}}");
  expect_one_line_error(run_sfncheck({"check", file}), file + ":1:15: error: ", "invalid-utf8");
}

TEST(BadInput, MissingFile) {
  ScratchDir dir;
  std::string file = dir.path() + "/does-not-exist.asl.json";
  expect_one_line_error(run_sfncheck({"check", file}), file + ": error: ", "io-error");
}

TEST(BadInput, FolderWithNoAsl) {
  ScratchDir dir;
  dir.write("README.md", "nothing here");
  dir.write("package.json", R"({"name": "x"})");
  expect_one_line_error(run_sfncheck({"check", dir.path()}), dir.path() + ": error: ", "no-asl-files");
}

TEST(BadInput, JsonFormatStillPrintsOneDocument) {
  ScratchDir dir;
  CliRun run = run_sfncheck({"check", "--format", "json", dir.write("m.asl.json", "{")});
  EXPECT_EQ(run.exit_code, 2);
  nlohmann::json document = nlohmann::json::parse(run.out);
  EXPECT_EQ(document["findings"][0]["rule"], "invalid-json");
  EXPECT_EQ(document["summary"]["errors"], 1);
}

}  // namespace
}  // namespace sfn::testing
