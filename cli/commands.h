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

struct ReplaySettings {
  std::string definition;
  std::vector<std::string> tests;    // test files, and folders whose *.json files are tests
  std::optional<std::string> junit;  // --junit: JUnit XML written here
  std::string format = "text";
};
int run_replay_command(const ReplaySettings& settings, std::ostream& out, std::ostream& err);

struct TestgenSettings {
  std::string definition;
  std::string output;                   // -o: a new or empty folder
  std::string coverage = "branches";    // states, branches, errors, mcdc, paths
  unsigned loop_bound = 2;
  std::string emit = "native";          // native, or mock-config (native tests plus the AWS mock config)
  std::string state_machine = "StateMachine";  // its name in the mock config
  bool fail_on_unknown = false;
};
int run_testgen_command(const TestgenSettings& settings, std::ostream& out, std::ostream& err);

}  // namespace sfn::cli
