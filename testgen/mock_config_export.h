#pragma once
// `sfncheck testgen --emit mock-config`: native tests (interpreter/test_case.h) written as one AWS mock
// config file for Step Functions Local and LocalStack,
//   {"StateMachines": {NAME: {"TestCases": {CASE: {STATE: RESPONSE}}}},
//    "MockedResponses": {RESPONSE: {"0": {"Return": x}, "1-2": {"Throw": {"Error", "Cause"}}}}},
// that interp::parse_mock_config reads back into the same mocks, plus what a user needs beside it
// (each case's execution input and expectation). What the file cannot say is reported per case, never
// dropped silently.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"

namespace sfn::testgen {

// One native test and the test case name it gets in the config.
struct NamedTest {
  std::string test_case;
  nlohmann::json test;  // {"name"?, "covers"?, "input"?, "context"?, "substitutions"?, "mocks"?, "expect"?}
};

// What goes beside the config for one test case; the caller writes these as files.
struct ExportedTestCase {
  std::string test_case;  // as used in the config: the given name, with ".2", ".3"... when given twice
  nlohmann::json input;   // the execution input ({} when the test has none)
  // {"status", "path", "error"?, "cause"?, "output"?}, or null when the test has no expectation.
  nlohmann::json expectation;
  std::vector<std::string> limitations;  // plain sentences, one per thing the config cannot say
};

struct MockConfigExport {
  nlohmann::json config;
  std::vector<ExportedTestCase> cases;  // in the order given
};

// A test that is not a valid native test: which one, what is wrong, where (JSON Pointer into the test).
struct MockConfigExportError {
  std::string test_case;
  std::string message;
  std::string pointer;
};

struct MockConfigExportResult {
  std::optional<MockConfigExport> exported;
  std::optional<MockConfigExportError> error;
};

// Deterministic: the same arguments give a byte-identical config dump. `machine` says which Task
// states use a legacy Lambda ARN (their Return is wrapped as {"StatusCode": 200, "Payload": x}, the
// Lambda API response whose Payload the reader hands to the state) and which states run inside a Map.
MockConfigExportResult export_mock_config(const StateMachine& machine, std::string_view state_machine_name,
                                          const std::vector<NamedTest>& tests);

}  // namespace sfn::testgen
