// `sfncheck replay` end to end, in-process: verdicts, folders of tests, bad input, JUnit, JSON, and
// coverage claims checked against the runs' own traces.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

const char* kMachine = R"({
  "StartAt": "Get",
  "States": {
    "Get": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "OutputPath": "$.Payload",
            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Failed"}],
            "Next": "Route"},
    "Route": {"Type": "Choice",
              "Choices": [{"And": [{"Variable": "$.ok", "BooleanEquals": true},
                                   {"Variable": "$.size", "NumericLessThan": 10}],
                           "Next": "Done"}],
              "Default": "Failed"},
    "Done": {"Type": "Succeed"},
    "Failed": {"Type": "Fail", "Error": "Rejected", "Cause": "not ok"}
  }
})";

// A test whose Task returns `payload`; `expect` is the expectation's JSON text.
std::string test_text(const std::string& name, const std::string& payload, const std::string& expect,
                      const std::string& covers = "[]") {
  return R"({"name": ")" + name + R"(", "covers": )" + covers + R"(, "input": {},
  "mocks": {"Get": [{"Return": {"Payload": )" + payload + R"(}}]},
  "expect": )" + expect + "}";
}

const std::string kOkPayload = R"({"ok": true, "size": 1})";
const std::string kOkExpect =
    R"({"status": "SUCCEEDED", "path": ["Get", "Route", "Done"], "output": {"ok": true, "size": 1}})";
const std::string kRejectPayload = R"({"ok": false, "size": 1})";
const std::string kRejectExpect =
    R"({"status": "FAILED", "path": ["Get", "Route", "Failed"], "error": "Rejected", "cause": "not ok"})";

std::string read_file(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ReplayCommand, PassingTestExitsZero) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test =
      dir.write("ok.json", test_text("approve", kOkPayload, kOkExpect, R"(["state:/States/Done"])"));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.substr(0, run.out.find('\n')), "PASS approve (" + test + ")") << run.out;
  EXPECT_TRUE(has(run.out, "\n1 test: 1 passed, 0 failed\n")) << run.out;
  EXPECT_TRUE(has(run.out, "\ncoverage: ")) << run.out;
  EXPECT_EQ(run.err, "");
}

TEST(ReplayCommand, FailingTestSaysWhereThePathLeftThePrediction) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  // Predicts the rejection, but the Task says ok.
  const std::string test = dir.write("wrong.json", test_text("reject", kOkPayload, kRejectExpect));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "FAIL reject (" + test + ")\n  status is SUCCEEDED, expected FAILED\n")) << run.out;
  EXPECT_TRUE(
      has(run.out, "\n  path left the prediction after 'Route' (step 2): observed 'Done', predicted 'Failed'\n"))
      << run.out;
  EXPECT_TRUE(has(run.out, "\n1 test: 0 passed, 1 failed\n")) << run.out;
}

TEST(ReplayCommand, ControlCharactersFromTestFilesReachTheTerminalVisibly) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test = dir.write("t.json", test_text(R"(\u001b[2Jname)", kOkPayload, kOkExpect));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "PASS \\u001B[2Jname (")) << run.out;
}

TEST(ReplayCommand, FolderRunsItsTestsInNameOrderAndSkipsWhatTestgenWritesBeside) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/b.json", test_text("second", kRejectPayload, kRejectExpect));
  dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  dir.write("tests/MockConfigFile.json", "not a test");
  dir.write("tests/a.input.json", "not a test");
  dir.write("tests/a.expect.json", "not a test");
  dir.write("tests/notes.txt", "not a test");
  dir.write("tests/nested/c.json", "not a test either: folders are not searched");
  std::filesystem::create_directory_symlink(dir.path() + "/tests/nested", dir.path() + "/tests/link.json");
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string folder = (std::filesystem::path(dir.path()) / "tests").string();
  EXPECT_EQ(run.out.substr(0, run.out.find("\n2 tests")),
            "PASS first (" + folder + "/a.json)\nPASS second (" + folder + "/b.json)")
      << run.out;
  EXPECT_TRUE(has(run.out, "\n2 tests: 2 passed, 0 failed\n")) << run.out;
}

TEST(ReplayCommand, ASymbolicLinkToAFolderIsNotFollowed) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  std::filesystem::create_directory_symlink(dir.path() + "/tests", dir.path() + "/link");
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/link"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, "symbolic link")) << run.err;
}

TEST(ReplayCommand, EmptyFolderOrMissingPathIsBadInput) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  std::filesystem::create_directory(dir.path() + "/empty");
  EXPECT_EQ(run_sfncheck({"replay", machine, dir.path() + "/empty"}).exit_code, 2);
  CliRun missing = run_sfncheck({"replay", machine, dir.path() + "/nope.json"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "nope.json: error: no such file or folder")) << missing.err;
}

TEST(ReplayCommand, InvalidJsonTestFileIsBadInputWithLineAndColumn) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string good = dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  const std::string bad = dir.write("tests/b.json", "{\"name\": \"x\",\n  \"input\": {,}\n}");
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_EQ(run.out, "") << "bad input stops before anything runs";
  EXPECT_TRUE(has(run.err, "b.json:2:13: error: ")) << run.err;
}

TEST(ReplayCommand, InvalidTestIsBadInputAtTheOffendingMember) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test =
      dir.write("t.json", "{\"name\": \"x\",\n  \"expect\": {\"status\": \"DONE\", \"path\": []}}");
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, test + ":2:14: error: \"expect.status\" must be SUCCEEDED, FAILED or TIMED_OUT")) << run.err;
}

TEST(ReplayCommand, TestWithoutExpectIsBadInput) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test = dir.write("t.json", R"({"name": "x", "input": {}})");
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, test + ":1:1: error: a test to replay needs \"expect\"")) << run.err;
}

TEST(ReplayCommand, DefinitionWithErrorsIsBadInput) {
  ScratchDir dir;
  const std::string machine =
      dir.write("m.asl.json", R"({"StartAt": "Nowhere", "States": {"A": {"Type": "Succeed"}}})");
  const std::string test = dir.write("t.json", test_text("first", kOkPayload, kOkExpect));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, "cannot run a definition with errors")) << run.err;
}

TEST(ReplayCommand, JunitReportHasACaseForEachTestAndTheDifferences) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/a.json", test_text("first <ok>", kOkPayload, kOkExpect));
  dir.write("tests/b.json", test_text("second", kOkPayload, kRejectExpect));
  const std::string junit = dir.path() + "/report.xml";
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests", "--junit", junit});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string xml = read_file(junit);
  EXPECT_TRUE(has(xml, "<testsuite name=\"sfncheck replay\" tests=\"2\" failures=\"1\"")) << xml;
  EXPECT_TRUE(has(xml, "<testcase name=\"first &lt;ok&gt;\" classname=\"m.asl.json\"/>")) << xml;
  EXPECT_TRUE(has(xml, "<testcase name=\"second\" classname=\"m.asl.json\">\n"
                       "      <failure message=\"status is SUCCEEDED, expected FAILED (and 1 more)\" type=\"failure\">"
                       "status is SUCCEEDED, expected FAILED\npath left the prediction after &apos;Route&apos;"))
      << xml;
  // No temporary file is left beside it.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) files += entry.is_regular_file();
  EXPECT_EQ(files, 2u);  // m.asl.json and report.xml
}

TEST(ReplayCommand, JunitRefusesASymbolicLink) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test = dir.write("t.json", test_text("first", kOkPayload, kOkExpect));
  const std::string target = dir.write("elsewhere.xml", "keep me");
  std::filesystem::create_symlink(target, dir.path() + "/report.xml");
  CliRun run = run_sfncheck({"replay", machine, test, "--junit", dir.path() + "/report.xml"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, "symbolic link")) << run.err;
  EXPECT_EQ(read_file(target), "keep me");
}

TEST(ReplayCommand, JsonFormatHasTheDocumentedFields) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  dir.write("tests/b.json", test_text("second", kOkPayload, kRejectExpect));
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests", "--format", "json"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const nlohmann::json document = nlohmann::json::parse(run.out);
  ASSERT_EQ(document["tests"].size(), 2u) << document.dump(2);
  const nlohmann::json& first = document["tests"][0];
  EXPECT_EQ(first["name"], "first");
  EXPECT_TRUE(has(first["file"].get<std::string>(), "a.json"));
  EXPECT_EQ(first["status"], "pass");
  EXPECT_EQ(first["differences"], nlohmann::json::array());
  EXPECT_NE(std::find(first["goals_met"].begin(), first["goals_met"].end(), "state:/States/Done"),
            first["goals_met"].end())
      << first.dump();
  const nlohmann::json& second = document["tests"][1];
  EXPECT_EQ(second["status"], "fail");
  EXPECT_EQ(second["differences"][0], "status is SUCCEEDED, expected FAILED");
  EXPECT_EQ(document["summary"], (nlohmann::json{{"tests", 2}, {"passed", 1}, {"failed", 1}}));
  EXPECT_TRUE(document["coverage"]["goals_met"].is_array());
  EXPECT_EQ(document["coverage"]["claims_not_met"], nlohmann::json::array());
}

TEST(ReplayCommand, CoverageJsonClaimNoRunMeetsFailsTheReplay) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  dir.write("tests/coverage.json", R"({"goals": [
    {"id": "state:/States/Done", "kind": "state", "pointer": "/States/Done", "status": "covered", "tests": ["first"]},
    {"id": "state:/States/Failed", "kind": "state", "pointer": "/States/Failed", "status": "covered",
     "tests": ["first"]},
    {"id": "default:/States/Route", "kind": "default", "pointer": "/States/Route", "status": "unknown", "tests": []}
  ], "summary": {}})");
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "PASS first")) << run.out;
  EXPECT_TRUE(has(run.out, "coverage.json claims state:/States/Failed covered, but no run meets it\n")) << run.out;
  EXPECT_FALSE(has(run.out, "claims state:/States/Done")) << run.out;
  EXPECT_FALSE(has(run.out, "default:/States/Route")) << run.out;  // not claimed covered

  // With a test that reaches Failed the claim holds.
  dir.write("tests/b.json", test_text("second", kRejectPayload, kRejectExpect));
  CliRun fixed = run_sfncheck({"replay", machine, dir.path() + "/tests", "--format", "json"});
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
}

TEST(ReplayCommand, MalformedCoverageJsonIsBadInput) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  dir.write("tests/a.json", test_text("first", kOkPayload, kOkExpect));
  dir.write("tests/coverage.json", "{\"goals\": [\n  {\"id\": \"state:/States/Done\", \"status\": \"done\"}]}");
  CliRun run = run_sfncheck({"replay", machine, dir.path() + "/tests"});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_TRUE(has(run.err, "coverage.json:2:32: error: a goal's \"status\" must be")) << run.err;
}

TEST(ReplayCommand, CoversClaimItsRunDoesNotMeetFailsThatTest) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string test = dir.write(
      "t.json", test_text("first", kOkPayload, kOkExpect, R"(["state:/States/Done", "state:/States/Failed"])"));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(has(run.out,
                  "FAIL first (" + test + ")\n  claims to cover state:/States/Failed, which its run does not meet\n"))
      << run.out;
}

TEST(ReplayCommand, McdcClaimsAreCheckedOverTheWholeSet) {
  ScratchDir dir;
  const std::string machine = dir.write("m.asl.json", kMachine);
  const std::string condition = "mcdc:/States/Route/Choices/0/And/1";
  const std::string covers = "[\"" + condition + "\"]";
  // One run alone never shows a condition's independence: not the test's failure, but the set's.
  const std::string alone = dir.write("tests/a.json", test_text("ok", kOkPayload, kOkExpect, covers));
  CliRun run = run_sfncheck({"replay", machine, alone});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "PASS ok")) << run.out;
  EXPECT_TRUE(has(run.out, alone + " claims " + condition + " covered, but no run meets it\n")) << run.out;

  // The pair: size alone flips the outcome.
  dir.write("tests/b.json", test_text("too big", R"({"ok": true, "size": 50})",
                                      R"({"status": "FAILED", "path": ["Get", "Route", "Failed"]})", covers));
  CliRun pair = run_sfncheck({"replay", machine, dir.path() + "/tests"});
  EXPECT_EQ(pair.exit_code, 0) << pair.out << pair.err;
}

TEST(ReplayCommand, SampleMachineWithSubstitutions) {
  ScratchDir dir;
  const std::string machine = std::string(SFN_SOURCE_DIR) + "/samples/canary-deployment.asl.json";
  // The deployment times out; the catcher goes straight to the Fail state.
  const std::string test = dir.write("t.json", nlohmann::json{
      {"name", "deploy times out"},
      {"substitutions", {{"CheckDeploymentVersionFunctionArn", "arn:aws:lambda:us-east-1:1:function:check"}}},
      {"input", nlohmann::json::object()},
      {"mocks", {{"Check Deployment Version", {{{"Return", {{"new_version", 2}}}}}},
                 {"Deploy New Version/CFN", {{{"Throw", {{"Error", "States.Timeout"}, {"Cause", "slow"}}}}}}}},
      {"covers", {"state:/States/Deploy New Version~1CFN", "state:/States/Deployment Failed & Rolled-back"}},
      {"expect", {{"status", "FAILED"},
                  {"path", {"Check Deployment Version", "Deploy New Version/CFN", "Deployment Failed & Rolled-back"}}}}}
                                                    .dump(2));
  CliRun run = run_sfncheck({"replay", machine, test});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(has(run.out, "PASS deploy times out (" + test + ")\n")) << run.out;
}

}  // namespace
}  // namespace sfn::testing
