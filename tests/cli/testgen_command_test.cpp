// `sfncheck testgen`: the canary contract, safe and deterministic output, exit codes, and the mock
// config export round-tripping through `sfncheck run --mock-config`.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn {
namespace {

using nlohmann::json;
using testing::run_sfncheck;
using testing::ScratchDir;

const std::string kCanary = std::string(SFN_SOURCE_DIR) + "/samples/canary-deployment.asl.json";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::map<std::string, std::string> folder_contents(const std::filesystem::path& folder) {
  std::map<std::string, std::string> contents;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    contents[entry.path().filename().string()] = read_file(entry.path());
  }
  return contents;
}

// The generated tests of a folder, by file name (coverage.json and mock config files left out).
std::map<std::string, json> tests_in(const std::filesystem::path& folder) {
  std::map<std::string, json> tests;
  for (const auto& [name, text] : folder_contents(folder)) {
    if (name == "coverage.json" || name == "MockConfigFile.json" || name.find(".input.json") != std::string::npos ||
        name.find(".expect.json") != std::string::npos) {
      continue;
    }
    tests[name] = json::parse(text);
  }
  return tests;
}

TEST(TestgenCanary, CoversEveryBranchCatchAndTheRuntimeFailureInAtMostTwelveReplayingTests) {
  ScratchDir scratch;
  const std::string out = scratch.path() + "/tests";
  const testing::CliRun run = run_sfncheck({"testgen", kCanary, "-o", out});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  const json coverage = json::parse(read_file(out + "/coverage.json"));
  std::map<std::string, std::string> status;
  for (const json& goal : coverage["goals"]) status[goal["id"]] = goal["status"];
  for (const auto& [id, verdict] : status) EXPECT_EQ(verdict, "covered") << id;
  // Every Choice rule and Default, every Catch, and the use-before-write failure.
  for (const char* id : {"rule:/States/Traffic Totally Switched?/Choices/0",
                         "rule:/States/Traffic Totally Switched?/Choices/1", "default:/States/Traffic Totally Switched?",
                         "rule:/States/Is Healthy?/Choices/0", "rule:/States/Is Healthy?/Choices/1",
                         "default:/States/Is Healthy?", "rule:/States/Deployment Succeeded?/Choices/0",
                         "default:/States/Deployment Succeeded?", "rule:/States/Was first Deployment?/Choices/0",
                         "default:/States/Was first Deployment?", "catch:/States/Deploy New Version~1CFN/Catch/0",
                         "catch:/States/Canary & Switch traffic/Catch/0", "catch:/States/Remove Old Version/Catch/0",
                         "raise:/States/Deployment Succeeded?"}) {
    EXPECT_EQ(status[id], "covered") << id;
  }
  const std::map<std::string, json> tests = tests_in(out);
  EXPECT_LE(tests.size(), 12u);
  bool timeout_thrown = false, unknown_caught_into_cleanup = false, rollback = false, runtime = false;
  for (const auto& [name, test] : tests) {
    const json& path = test["expect"]["path"];
    const auto visits = [&](const std::string& state) { return std::find(path.begin(), path.end(), state) != path.end(); };
    for (const json& response : test["mocks"].value("Deploy New Version/CFN", json::array())) {
      timeout_thrown |= response.contains("Throw") && response["Throw"]["Error"] == "States.Timeout";
    }
    for (const json& response : test["mocks"].value("Remove Old Version", json::array())) {
      unknown_caught_into_cleanup |= response.contains("Throw") && response["Throw"]["Error"] == "Lambda.Unknown" &&
                                     visits("Cleanup of Previous Deployment components Failed");
    }
    rollback |= visits("Is Healthy?") && visits("Rollback");
    // A second deployment (new_version not 1) that switches fully in its first round.
    runtime |= test["expect"].value("error", "") == "States.Runtime" && path.back() == "Deployment Succeeded?" &&
               !visits("Gather Healthcheck Status");
  }
  EXPECT_TRUE(timeout_thrown);
  EXPECT_TRUE(unknown_caught_into_cleanup);
  EXPECT_TRUE(rollback);
  EXPECT_TRUE(runtime);

  const testing::CliRun replay = run_sfncheck({"replay", kCanary, out});
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;
}

TEST(TestgenOutput, TwoRunsGiveByteIdenticalFolders) {
  ScratchDir scratch;
  ASSERT_EQ(run_sfncheck({"testgen", kCanary, "-o", scratch.path() + "/a", "--emit", "mock-config"}).exit_code, 0);
  ASSERT_EQ(run_sfncheck({"testgen", kCanary, "-o", scratch.path() + "/b", "--emit", "mock-config"}).exit_code, 0);
  EXPECT_EQ(folder_contents(scratch.path() + "/a"), folder_contents(scratch.path() + "/b"));
}

TEST(TestgenOutput, HostileStateNamesMakeSafeFileNamesInsideTheFolder) {
  ScratchDir scratch;
  const json machine = {
      {"StartAt", "../../escape"},
      {"States",
       {{"../../escape", {{"Type", "Choice"},
                          {"Choices", {{{"Variable", "$.x"}, {"NumericEquals", 1}, {"Next", "/etc/passwd"}},
                                       {{"Variable", "$.x"}, {"NumericEquals", 2}, {"Next", "CON"}}}},
                          {"Default", "名前 with spaces \xF0\x9F\x9A\x80"}}},
        {"/etc/passwd", {{"Type", "Succeed"}}},
        {"CON", {{"Type", "Succeed"}}},
        {"名前 with spaces \xF0\x9F\x9A\x80", {{"Type", "Succeed"}}}}}};
  const std::string definition = scratch.write("hostile.asl.json", machine.dump());
  const std::string out = scratch.path() + "/out";
  const testing::CliRun run = run_sfncheck({"testgen", definition, "-o", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Nothing outside the folder: the scratch dir holds only the definition and the folder.
  std::set<std::string> top;
  for (const auto& entry : std::filesystem::directory_iterator(scratch.path())) top.insert(entry.path().filename());
  EXPECT_EQ(top, (std::set<std::string>{"hostile.asl.json", "out"}));
  const std::map<std::string, json> tests = tests_in(out);
  EXPECT_EQ(tests.size(), 3u);
  for (const auto& entry : std::filesystem::directory_iterator(out)) {
    EXPECT_TRUE(entry.is_regular_file()) << entry.path();
    const std::string name = entry.path().filename().string();
    EXPECT_EQ(name.find('/'), std::string::npos);
    EXPECT_NE(name.front(), '.');
    EXPECT_LE(name.size(), 200u);
  }
  EXPECT_EQ(run_sfncheck({"replay", definition, out}).exit_code, 0);
}

TEST(TestgenOutput, RefusesANonEmptyFolderOrALinkAndWritesNothing) {
  ScratchDir scratch;
  const std::string taken = scratch.path() + "/taken";
  scratch.write("taken/keep.txt", "mine");
  testing::CliRun run = run_sfncheck({"testgen", kCanary, "-o", taken});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("not empty"), std::string::npos) << run.err;
  EXPECT_EQ(folder_contents(taken).size(), 1u);

  std::filesystem::create_directory(scratch.path() + "/target");
  std::filesystem::create_directory_symlink(scratch.path() + "/target", scratch.path() + "/link");
  run = run_sfncheck({"testgen", kCanary, "-o", scratch.path() + "/link"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(std::filesystem::is_empty(scratch.path() + "/target"));
}

TEST(TestgenOutput, BadDefinitionIsExitTwoWithAPosition) {
  ScratchDir scratch;
  const std::string definition = scratch.write("bad.asl.json", "{\"StartAt\": \"A\", \"States\": {\n  \"A\": }\n}");
  const testing::CliRun run = run_sfncheck({"testgen", definition, "-o", scratch.path() + "/out"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.asl.json:2:"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() + "/out"));
}

TEST(TestgenOutput, AMachineTheInterpreterRefusesIsExitTwoAndNothingIsWritten) {
  ScratchDir scratch;
  // JSONata's function application operator is not implemented: the interpreter refuses the machine.
  const std::string definition = scratch.write(
      "refused.asl.json",
      R"({"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass",
          "Output": "{% $states.input.name ~> $uppercase() %}", "End": true}}})");
  const testing::CliRun run = run_sfncheck({"testgen", definition, "-o", scratch.path() + "/out"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("cannot generate tests"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() + "/out"));
}

TEST(TestgenOutput, AJsonataMachineGetsTestsFromInterpreterRuns) {
  ScratchDir scratch;
  const std::string sample = std::string(SFN_SOURCE_DIR) + "/samples/approval-jsonata.asl.json";
  const std::string out = scratch.path() + "/out";
  const testing::CliRun run = run_sfncheck({"testgen", sample, "-o", out});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  const json coverage = json::parse(read_file(out + "/coverage.json"));
  EXPECT_GT(coverage["summary"]["covered"].get<int>(), 0);
  EXPECT_EQ(coverage["summary"]["impossible"], 0);  // nothing is proved for JSONata yet
  EXPECT_EQ(run_sfncheck({"replay", sample, out}).exit_code, 0);
}

TEST(TestgenOutput, FailOnUnknownExitsOneWhenAGoalIsUndecided) {
  ScratchDir scratch;
  // Taking the rule needs an input whose SHA-1 is a given digest: no search inverts that, and nothing
  // proves it impossible, so the goal stays unknown.
  const json machine = {
      {"StartAt", "Digest"},
      {"States",
       {{"Digest", {{"Type", "Pass"}, {"Parameters", {{"h.$", "States.Hash($.secret, 'SHA-1')"}}}, {"Next", "Match?"}}},
        {"Match?", {{"Type", "Choice"},
                    {"Choices", {{{"Variable", "$.h"},
                                  {"StringEquals", "9b08a574714a2b696fa9b178e5c31374cc66e668"},
                                  {"Next", "Open"}}}},
                    {"Default", "Closed"}}},
        {"Open", {{"Type", "Succeed"}}},
        {"Closed", {{"Type", "Succeed"}}}}}};
  const std::string text = machine.dump();
  const std::string definition = scratch.write("m.asl.json", text);
  testing::CliRun run = run_sfncheck({"testgen", definition, "-o", scratch.path() + "/a", "--fail-on-unknown"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("unknown: rule:/States/Match?/Choices/0"), std::string::npos) << run.out;
  const json coverage = json::parse(read_file(scratch.path() + "/a/coverage.json"));
  EXPECT_EQ(coverage["summary"]["unknown"], 2);  // the rule and the state it leads to
  // Without the flag the same outcome is exit 0.
  EXPECT_EQ(run_sfncheck({"testgen", definition, "-o", scratch.path() + "/b"}).exit_code, 0);
}

TEST(TestgenOutput, ErrorsLevelCoversATasksUncaughtFailureWithAMockedThrow) {
  ScratchDir scratch;
  const json machine = {{"StartAt", "Work"},
                        {"States",
                         {{"Work", {{"Type", "Task"}, {"Resource", "arn:aws:lambda:us-east-1:1:function:f"}, {"End", true}}}}}};
  const std::string definition = scratch.write("m.asl.json", machine.dump());
  testing::CliRun run = run_sfncheck({"testgen", definition, "-o", scratch.path() + "/a", "--coverage", "errors",
                                      "--fail-on-unknown"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  const json coverage = json::parse(read_file(scratch.path() + "/a/coverage.json"));
  EXPECT_EQ(coverage["summary"]["unknown"], 0);
  EXPECT_EQ(coverage["summary"]["covered"], 2);  // the state and its uncaught failure
}

TEST(TestgenMockConfig, ExportRoundTripsThroughRunWithTheSameResults) {
  ScratchDir scratch;
  const std::string out = scratch.path() + "/tests";
  ASSERT_EQ(run_sfncheck({"testgen", kCanary, "-o", out, "--emit", "mock-config", "--state-machine", "Canary"})
                .exit_code,
            0);
  const std::map<std::string, json> tests = tests_in(out);
  ASSERT_FALSE(tests.empty());
  for (const auto& [file, test] : tests) {
    const std::string test_case = file.substr(0, file.size() - 5);
    const testing::CliRun native = run_sfncheck({"run", kCanary, "--test", out + "/" + file, "--format", "json"});
    const testing::CliRun exported =
        run_sfncheck({"run", kCanary, "--mock-config", out + "/MockConfigFile.json", "--test-case", test_case,
                      "--state-machine", "Canary", "--input", "@" + out + "/" + test_case + ".input.json",
                      "--format", "json"});
    ASSERT_NE(exported.exit_code, 2) << exported.err;
    json native_result = json::parse(native.out), exported_result = json::parse(exported.out);
    native_result.erase("expectation");
    EXPECT_EQ(native_result, exported_result) << test_case;
    const json expectation = json::parse(read_file(out + "/" + test_case + ".expect.json"));
    EXPECT_EQ(expectation["status"], exported_result["status"]) << test_case;
    EXPECT_EQ(expectation["path"], exported_result["path"]) << test_case;
  }
}

}  // namespace
}  // namespace sfn
