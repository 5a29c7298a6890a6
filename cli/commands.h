#pragma once
// The subcommands, as functions of plain settings; driver.cpp maps the command line onto them.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace sfn::cli {

struct CheckSettings {
  std::string format = "text";
  std::string fail_on = "warning";
  std::vector<std::string> paths;
  bool solver = true;       // --no-solver: structural rules only
  bool explain = false;     // --explain: print each finding's evidence
  unsigned loop_bound = 2;  // --loop-bound: loop rounds explored for witnesses
};
int run_check_command(const CheckSettings& settings, std::ostream& out, std::ostream& err);

struct RunSettings {
  std::string definition;
  std::optional<std::string> input;          // JSON text, or @file
  std::optional<std::string> mocks;          // native mock file
  std::optional<std::string> mock_config;    // AWS mock config file ...
  std::optional<std::string> test_case;      // ... and its test case
  std::optional<std::string> state_machine;  // ... of this state machine
  std::optional<std::string> test;           // a test file (input, mocks, expectation)
  std::optional<std::string> context;        // Context Object fields (JSON file)
  std::optional<std::string> substitutions;  // ${...} values (JSON file)
  std::uint64_t seed = 0;
  std::string format = "json";
  bool history_limit = true;
  bool trace = true;
  bool history = false;  // add the history events to the JSON output
};
int run_run_command(const RunSettings& settings, std::ostream& out, std::ostream& err);

}  // namespace sfn::cli
