// The solver's rules end to end: each machine in tests/solver/machines/ carries its expectation in
// <name>.expect.json beside it: {"findings": [{"rule", "severity", "pointer"}], "absent"?: [rules]}.
// Every expected finding must be reported; nothing else at warning or above may be; no rule named
// in "absent" may appear at any severity. Machines named *-near-miss are the cases that must not fire.
// Also the canary sample's contract: exactly unbounded-loop and use-before-write at warning or above.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

const std::filesystem::path kMachines = std::filesystem::path(SFN_SOURCE_DIR) / "tests/solver/machines";

std::vector<std::string> machine_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kMachines)) {
    const std::string name = entry.path().filename().string();
    const std::string suffix = ".asl.json";
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      names.push_back(name.substr(0, name.size() - suffix.size()));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

nlohmann::json read_json(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::stringstream text;
  text << stream.rdbuf();
  return nlohmann::json::parse(text.str());
}

class SolverMachine : public ::testing::TestWithParam<std::string> {};

TEST_P(SolverMachine, ReportsExactlyItsExpectedFindings) {
  const std::filesystem::path machine = kMachines / (GetParam() + ".asl.json");
  const std::filesystem::path expectation_file = kMachines / (GetParam() + ".expect.json");
  ASSERT_TRUE(std::filesystem::exists(expectation_file)) << expectation_file << " is missing";
  const nlohmann::json expectation = read_json(expectation_file);
  CliRun run = run_sfncheck({"check", "--format", "json", "--fail-on", "never", machine.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);

  std::set<std::string> expected, reported;
  for (const nlohmann::json& finding : expectation["findings"]) {
    expected.insert(finding["rule"].get<std::string>() + " " + finding["severity"].get<std::string>() + " " +
                    finding["pointer"].get<std::string>());
  }
  const std::set<std::string> absent = expectation.value("absent", std::set<std::string>{});
  for (const nlohmann::json& finding : report["findings"]) {
    const std::string key = finding["rule"].get<std::string>() + " " + finding["severity"].get<std::string>() + " " +
                            finding["pointer"].get<std::string>();
    EXPECT_FALSE(absent.count(finding["rule"].get<std::string>())) << "unexpected " << key << ": " << finding["message"];
    if (finding["severity"] != "note" || expected.count(key)) reported.insert(key);
  }
  for (const std::string& key : expected) EXPECT_TRUE(reported.count(key)) << "missing " << key << "\n" << run.out;
  for (const std::string& key : reported) EXPECT_TRUE(expected.count(key)) << "unexpected " << key << "\n" << run.out;
}

INSTANTIATE_TEST_SUITE_P(Machines, SolverMachine, ::testing::ValuesIn(machine_names()), [](const auto& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
});

TEST(SolverCanary, ReportsTheLoopAndTheMissingHealthCheckAndNothingElse) {
  std::filesystem::current_path(SFN_SOURCE_DIR);
  CliRun run = run_sfncheck({"check", "--format", "json", "samples/canary-deployment.asl.json"});
  EXPECT_EQ(run.exit_code, 1) << "warnings fail the check by default";
  const nlohmann::json report = nlohmann::json::parse(run.out);
  std::vector<nlohmann::json> serious;
  for (const nlohmann::json& finding : report["findings"]) {
    if (finding["severity"] != "note") serious.push_back(finding);
  }
  ASSERT_EQ(serious.size(), 2u) << run.out;
  const nlohmann::json& loop = serious[0]["rule"] == "unbounded-loop" ? serious[0] : serious[1];
  const nlohmann::json& read = serious[0]["rule"] == "unbounded-loop" ? serious[1] : serious[0];
  EXPECT_EQ(loop["rule"], "unbounded-loop");
  EXPECT_EQ(loop["severity"], "warning");
  EXPECT_EQ(loop["state"], "Canary & Switch traffic");
  std::set<std::string> loop_states{loop["state"].get<std::string>()};
  for (const nlohmann::json& related : loop["related"]) loop_states.insert(related["state"].get<std::string>());
  EXPECT_EQ(loop_states, (std::set<std::string>{"Canary & Switch traffic", "Traffic Totally Switched?", "Wait",
                                                 "Gather Healthcheck Status", "Is Healthy?"}));
  const std::string message = loop["message"];
  EXPECT_NE(message.find("$.deployment.new_version is not 1"), std::string::npos) << message;
  EXPECT_NE(message.find("$.canary_results.new_vn_weight is below 100 (or not a number)"), std::string::npos) << message;
  EXPECT_NE(message.find("$.deployment.is_healthy is true"), std::string::npos) << message;
  EXPECT_EQ(loop["evidence"]["kind"], "recurrence");

  EXPECT_EQ(read["rule"], "use-before-write");
  EXPECT_EQ(read["state"], "Deployment Succeeded?");
  EXPECT_NE(read["message"].get<std::string>().find("$.deployment.is_healthy"), std::string::npos);
  ASSERT_EQ(read["evidence"]["kind"], "witness");
  // The witness: a second deployment whose canary reports exactly 100 in its first round reads the
  // health check before 'Gather Healthcheck Status' ran, and fails with States.Runtime.
  const nlohmann::json& test = read["evidence"]["test"];
  EXPECT_EQ(test["expect"]["status"], "FAILED");
  EXPECT_EQ(test["expect"]["error"], "States.Runtime");
  EXPECT_EQ(test["expect"]["path"].back(), "Deployment Succeeded?");
  EXPECT_EQ(test["mocks"]["Canary & Switch traffic"][0]["Return"]["new_vn_weight"], 100);
  EXPECT_NE(test["mocks"]["Check Deployment Version"][0]["Return"].value("new_version", nlohmann::json(1)), 1);
  ScratchDir dir;
  CliRun replay = run_sfncheck({"run", "samples/canary-deployment.asl.json", "--test", dir.write("t.json", test.dump())});
  EXPECT_EQ(replay.exit_code, 0) << replay.out << replay.err;

  EXPECT_EQ(run_sfncheck({"check", "--fail-on", "error", "samples/canary-deployment.asl.json"}).exit_code, 0);
  CliRun structural = run_sfncheck({"check", "--no-solver", "--format", "json", "samples/canary-deployment.asl.json"});
  EXPECT_EQ(structural.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(structural.out)["summary"]["warnings"], 0);
  EXPECT_EQ(nlohmann::json::parse(structural.out)["summary"]["errors"], 0);
}

TEST(SolverCanary, ExplainPrintsTheEvidence) {
  std::filesystem::current_path(SFN_SOURCE_DIR);
  CliRun run = run_sfncheck({"check", "--explain", "samples/canary-deployment.asl.json"});
  EXPECT_NE(run.out.find("goes round again while:"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("witness (replayed"), std::string::npos) << run.out;
}

TEST(SolverCanary, SameInputSameOutput) {
  std::filesystem::current_path(SFN_SOURCE_DIR);
  CliRun first = run_sfncheck({"check", "--format", "json", "samples/canary-deployment.asl.json"});
  CliRun second = run_sfncheck({"check", "--format", "json", "samples/canary-deployment.asl.json"});
  EXPECT_EQ(first.out, second.out);
}

}  // namespace
}  // namespace sfn::testing
