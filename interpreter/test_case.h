#pragma once
// The test file, the one format that `run`, `testgen` and `replay` share:
//   {"name", "covers"?: [goal ids], "input", "context"?, "substitutions"?, "mocks",
//    "expect": {"status", "path", "error"?, "cause"?, "output"?}}
// `path` lists the top-level states in order, the failing one included; outputs compare as JSON values.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/substitution.h"
#include "interpreter/executor.h"
#include "interpreter/mocks.h"

namespace sfn::interp {

struct Expectation {
  std::string status;  // SUCCEEDED, FAILED, TIMED_OUT
  std::vector<std::string> path;
  std::optional<std::string> error;
  std::optional<std::string> cause;
  std::optional<nlohmann::json> output;
};

struct TestCase {
  std::string name;
  std::vector<std::string> covers;
  nlohmann::json input = nlohmann::json::object();
  nlohmann::json context = nlohmann::json::object();
  Substitutions substitutions;
  MockTable mocks;
  std::optional<Expectation> expect;
};

struct TestCaseParseResult {
  std::optional<TestCase> test;
  std::optional<MockFormatError> error;  // message and JSON Pointer into the test file
};

TestCaseParseResult parse_test_case(const nlohmann::json& document);

// What differs between the expectation and the run, in words; empty when the expectation held.
// A path mismatch says where the observed path left the predicted one.
std::vector<std::string> compare_with_expectation(const RunResult& result, const Expectation& expect);

}  // namespace sfn::interp
