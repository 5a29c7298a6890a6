// Golden tests: the text and JSON output of `sfncheck check` on every sample, compared byte for
// byte with tests/golden/. Set SFN_UPDATE_GOLDEN=1 to rewrite the files, then review the diff.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/cli/cli_test_support.h"

namespace sfn::testing {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

std::vector<std::string> sample_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(SFN_SOURCE_DIR "/samples")) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Witness tests hold values the solver chose; goldens keep their shape only (the CLI reports a
// witness only after it replayed, and the solver tests replay them again).
std::string without_witness_values(const std::string& json_text) {
  nlohmann::json document = nlohmann::json::parse(json_text);
  for (nlohmann::json& finding : document["findings"]) {
    if (finding.contains("evidence") && finding["evidence"].contains("test")) {
      finding["evidence"]["test"] = "(a witness test, replayed)";
    }
  }
  return document.dump(2) + "\n";
}

class GoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Paths in the output are relative to the project root, as a user would run it there.
  void SetUp() override { std::filesystem::current_path(SFN_SOURCE_DIR); }

  void compare(const std::string& format, const std::string& extension) {
    const std::string sample = "samples/" + GetParam();
    CliRun run = run_sfncheck({"check", "--format", format, sample});
    ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 1) << run.out << run.err;
    if (format == "json") run.out = without_witness_values(run.out);
    const std::filesystem::path golden =
        std::filesystem::path(SFN_SOURCE_DIR) / "tests/golden" / (GetParam() + extension);
    if (std::getenv("SFN_UPDATE_GOLDEN")) {
      std::ofstream(golden, std::ios::binary) << run.out;
      return;
    }
    ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run with SFN_UPDATE_GOLDEN=1";
    EXPECT_EQ(run.out, read_file(golden)) << "output of " << sample << " differs from " << golden;
  }
};

TEST_P(GoldenTest, Text) { compare("text", ".txt"); }
TEST_P(GoldenTest, Json) { compare("json", ".json"); }

INSTANTIATE_TEST_SUITE_P(Samples, GoldenTest, ::testing::ValuesIn(sample_names()), [](const auto& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
});

TEST(Samples, CanaryHasNothingAtErrorSeverity) {
  std::filesystem::current_path(SFN_SOURCE_DIR);
  EXPECT_EQ(run_sfncheck({"check", "--fail-on", "error", "samples/canary-deployment.asl.json"}).exit_code, 0);
}

TEST(Samples, EveryGoldenFileBelongsToASample) {
  std::vector<std::string> samples = sample_names();
  for (const auto& entry : std::filesystem::directory_iterator(SFN_SOURCE_DIR "/tests/golden")) {
    std::string name = entry.path().stem().string();  // "x.asl.json.txt" -> "x.asl.json"
    EXPECT_NE(std::find(samples.begin(), samples.end(), name), samples.end()) << entry.path() << " has no sample";
  }
}

}  // namespace
}  // namespace sfn::testing
