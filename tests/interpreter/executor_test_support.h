#pragma once
// Helpers shared by the executor tests (data_flow, wait_fail, retry_catch, map_parallel, executor):
// readable failure messages and runs with an AWS mock config file instead of native mocks.

#include <algorithm>
#include <string>

#include "tests/interpreter/interpreter_test_support.h"

namespace sfn::testing {

// "FAILED States.Runtime: <cause>" or "SUCCEEDED {...}": what a failed expectation prints.
inline std::string describe(const interp::RunResult& result) {
  std::string text = interp::run_status_name(result.status);
  if (result.unusable) return text + " (unusable: " + *result.unusable + ")";
  if (result.status == interp::RunStatus::Succeeded) return text + " " + result.output.dump();
  text += " " + result.error;
  if (result.cause) text += ": " + *result.cause;
  return text;
}

// The cause without AWS's prefix for errors raised while executing a state (§6.1), "An error
// occurred while executing the state 'S' (entered at the event id #N). ": the detail the tests of
// each rule compare. Other causes are returned as they are.
inline std::string cause_detail(const interp::RunResult& result) {
  const std::string cause = result.cause.value_or("");
  const std::string head = "An error occurred while executing the state '";
  const std::string tail = "). ";
  if (cause.rfind(head, 0) != 0) return cause;
  const std::size_t marker = cause.find("' (entered at the event id #");
  const std::size_t end = marker == std::string::npos ? marker : cause.find(tail, marker);
  return end == std::string::npos ? cause : cause.substr(end + tail.size());
}

// Runs with an AWS mock config file (StateMachines/TestCases + MockedResponses), test case `test_case`.
inline interp::RunResult run_with_mock_config(const std::string& definition, const std::string& input,
                                              const std::string& mock_config, const std::string& test_case,
                                              interp::RunOptions options = {}) {
  LoadedMachine loaded(definition);
  interp::MockParseResult parsed = interp::parse_mock_config(parse_json(mock_config), test_case);
  EXPECT_FALSE(parsed.error) << (parsed.error ? parsed.error->message + " at " + parsed.error->pointer : "");
  const interp::MockTable mocks = parsed.table ? *parsed.table : interp::MockTable{};
  return interp::run_state_machine(loaded.machine, parse_json(input), mocks, options);
}

// How many times state `name` was entered (nested states included).
inline std::size_t visits(const interp::RunResult& result, const std::string& name) {
  return static_cast<std::size_t>(std::count_if(result.trace.begin(), result.trace.end(),
                                                [&](const interp::TraceEntry& entry) { return entry.state == name; }));
}

// The output of the last visit of state `name` (null when it never finished).
inline nlohmann::json output_of(const interp::RunResult& result, const std::string& name) {
  for (auto it = result.trace.rbegin(); it != result.trace.rend(); ++it) {
    if (it->state == name) return it->output;
  }
  return nullptr;
}

}  // namespace sfn::testing
