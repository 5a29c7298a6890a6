// The README's two commands are a contract: CI runs the same test command, and the first command
// checks the canary sample with --fail-on error.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string read_file(const std::string& path) {
  std::ifstream stream(path);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// The bodies of the ```sh blocks, in order.
std::vector<std::string> shell_blocks(const std::string& markdown) {
  std::vector<std::string> blocks;
  std::size_t position = 0;
  while ((position = markdown.find("```sh\n", position)) != std::string::npos) {
    position += 6;
    std::size_t end = markdown.find("```", position);
    std::string body = markdown.substr(position, end - position);
    while (!body.empty() && body.back() == '\n') body.pop_back();
    blocks.push_back(body);
    position = end + 3;
  }
  return blocks;
}

TEST(ProjectFiles, ReadmeStartsWithTheBuildAndTestCommands) {
  const std::string readme = read_file(SFN_SOURCE_DIR "/README.md");
  std::vector<std::string> blocks = shell_blocks(readme);
  ASSERT_GE(blocks.size(), 2u);
  EXPECT_NE(blocks[0].find("apt-get install"), std::string::npos);
  EXPECT_NE(blocks[0].find("sfncheck check --fail-on error samples/canary-deployment.asl.json"), std::string::npos);
  EXPECT_NE(blocks[1].find("ctest"), std::string::npos);
  // Nothing but a title and a sentence before the first command.
  EXPECT_LT(readme.find("```sh"), 200u);
}

TEST(ProjectFiles, CiRunsTheReadmeTestCommand) {
  const std::string readme = read_file(SFN_SOURCE_DIR "/README.md");
  const std::string ci = read_file(SFN_SOURCE_DIR "/.ci/run");
  const std::string test_command = shell_blocks(readme).at(1);
  EXPECT_NE(ci.find("TEST_CMD='" + test_command + "'"), std::string::npos)
      << ".ci/run must run the README's test command: " << test_command;
  const std::string build_command = shell_blocks(readme).at(0);
  EXPECT_NE(ci.find("README_BUILD_CMD='" + build_command + "'"), std::string::npos)
      << ".ci/run must run the README's build command: " << build_command;
}

}  // namespace

namespace sfn::testing {
namespace {

// Dependencies point one way (style.md): analyzer at the bottom; interpreter and solver on analyzer
// only, never on each other; testgen on both; reports on analyzer; cli on all. And Z3 appears only
// inside solver/*.cpp.
TEST(ProjectFiles, LayersIncludeOnlyTheLayersBelowThem) {
  const std::map<std::string, std::set<std::string>> allowed = {
      {"analyzer", {"analyzer"}},
      {"interpreter", {"analyzer", "interpreter"}},
      {"solver", {"analyzer", "solver"}},
      {"testgen", {"analyzer", "interpreter", "solver", "testgen"}},
      {"reports", {"analyzer", "reports"}},
      {"cli", {"analyzer", "interpreter", "solver", "testgen", "reports", "cli"}},
  };
  const std::regex include_line(R"re(^\s*#\s*include\s*"([a-z]+)/)re");
  const std::regex z3_include(R"re(^\s*#\s*include\s*<z3)re");
  for (const auto& [layer, may_use] : allowed) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(std::filesystem::path(SFN_SOURCE_DIR) / layer)) {
      const std::string extension = entry.path().extension().string();
      if (extension != ".cpp" && extension != ".h") continue;
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) {
        std::smatch match;
        if (std::regex_search(line, match, include_line)) {
          EXPECT_TRUE(may_use.count(match[1].str())) << entry.path() << " includes " << line;
        }
        if (std::regex_search(line, z3_include)) {
          EXPECT_TRUE(layer == "solver" && extension == ".cpp") << entry.path() << " includes Z3: " << line;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sfn::testing
