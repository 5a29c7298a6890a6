#pragma once
// Mocked Task results. Two formats are read: sfncheck's native one,
//   {"State Name": [{"Return": <json>, "Duration"?: s} | {"Throw": {"Error", "Cause"?}, "Duration"?: s}, ...]}
// one entry per invocation in order (a retry is an invocation; Map items share the list), and AWS's
// mock config file for Step Functions Local (StateMachines/TestCases + MockedResponses with "0",
// "1-2" keys), so tests written for Step Functions Local run here unchanged.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/outcome.h"

namespace sfn::interp {

// A mock's Return is the task's raw result, before ResultSelector and ResultPath (for
// arn:aws:states:::lambda:invoke the whole Invoke response with Payload inside).
struct MockResponse {
  std::optional<nlohmann::json> result;  // Return
  std::optional<Failure> error;          // Throw
  double duration_seconds = 0;           // for TimeoutSeconds / HeartbeatSeconds and the clock
  // From an AWS mock config file, where Return is the service API response: a legacy Lambda-ARN
  // Task then sees only Return.Payload (§10.1). Native mocks give the raw result directly.
  bool lambda_payload_wrapped = false;
};

class MockTable {
 public:
  // The response to invocation `invocation` (0-based, counted per state over the whole execution).
  // nullopt when the state has no mock or the list has run out.
  std::optional<MockResponse> response(std::string_view state, std::size_t invocation) const;
  bool has_state(std::string_view state) const;
  void set(std::string state, std::vector<MockResponse> responses);
  const std::map<std::string, std::vector<MockResponse>, std::less<>>& states() const { return responses_; }

 private:
  std::map<std::string, std::vector<MockResponse>, std::less<>> responses_;
};

// A problem with a mock file (exit code 2): what is wrong and where (a JSON Pointer).
struct MockFormatError {
  std::string message;
  std::string pointer;
};

// Either a table or the first problem found.
struct MockParseResult {
  std::optional<MockTable> table;
  std::optional<MockFormatError> error;
};

MockParseResult parse_native_mocks(const nlohmann::json& document);

// Picks test case `test_case` of state machine `state_machine` (or, when that is empty, of the only
// state machine that has such a test case) from an AWS mock config file.
MockParseResult parse_mock_config(const nlohmann::json& document, std::string_view test_case,
                                  std::string_view state_machine = {});

}  // namespace sfn::interp
