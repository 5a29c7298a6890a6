#include "interpreter/mocks.h"

#include "analyzer/source_document.h"

#include <charconv>

namespace sfn::interp {
namespace {

// One response object: {"Return": x} or {"Throw": {"Error", "Cause"?}}, with "Duration"? in seconds.
std::optional<MockFormatError> parse_response(const nlohmann::json& entry, const std::string& pointer,
                                              bool cause_required, MockResponse& response) {
  if (!entry.is_object()) return MockFormatError{"a mocked response must be an object", pointer};
  const bool returns = entry.contains("Return");
  const bool throws = entry.contains("Throw");
  if (returns == throws) {
    return MockFormatError{"a mocked response needs exactly one of \"Return\" and \"Throw\"", pointer};
  }
  for (const auto& [key, value] : entry.items()) {
    if (key != "Return" && key != "Throw" && key != "Duration") {
      return MockFormatError{"unknown field \"" + key + "\" in a mocked response", pointer + "/" + escape_pointer_token(key)};
    }
  }
  if (auto duration = entry.find("Duration"); duration != entry.end()) {
    if (!duration->is_number() || duration->get<double>() < 0) {
      return MockFormatError{"\"Duration\" must be a non-negative number of seconds", pointer + "/Duration"};
    }
    response.duration_seconds = duration->get<double>();
  }
  if (returns) {
    response.result = entry["Return"];
    return std::nullopt;
  }
  const nlohmann::json& thrown = entry["Throw"];
  if (!thrown.is_object() || !thrown.contains("Error") || !thrown["Error"].is_string()) {
    return MockFormatError{"\"Throw\" must be an object with a string \"Error\"", pointer + "/Throw"};
  }
  Failure failure{thrown["Error"].get<std::string>(), std::nullopt};
  if (auto cause = thrown.find("Cause"); cause != thrown.end()) {
    if (!cause->is_string()) return MockFormatError{"\"Cause\" must be a string", pointer + "/Throw/Cause"};
    failure.cause = cause->get<std::string>();
  } else if (cause_required) {
    return MockFormatError{"\"Throw\" needs \"Cause\" in a mock config file", pointer + "/Throw"};
  }
  response.error = std::move(failure);
  return std::nullopt;
}

std::optional<std::size_t> parse_index(std::string_view text) {
  std::size_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<MockResponse> MockTable::response(std::string_view state, std::size_t invocation) const {
  auto it = responses_.find(state);
  if (it == responses_.end() || invocation >= it->second.size()) return std::nullopt;
  return it->second[invocation];
}

bool MockTable::has_state(std::string_view state) const { return responses_.find(state) != responses_.end(); }

void MockTable::set(std::string state, std::vector<MockResponse> responses) {
  responses_[std::move(state)] = std::move(responses);
}

MockParseResult parse_native_mocks(const nlohmann::json& document) {
  MockParseResult result;
  if (!document.is_object()) {
    result.error = MockFormatError{"mocks must be an object mapping state names to lists of responses", ""};
    return result;
  }
  MockTable table;
  for (const auto& [state, list] : document.items()) {
    const std::string pointer = "/" + escape_pointer_token(state);
    if (!list.is_array()) {
      result.error = MockFormatError{"the mocks of \"" + state + "\" must be a list, one entry per invocation", pointer};
      return result;
    }
    std::vector<MockResponse> responses;
    for (std::size_t i = 0; i < list.size(); ++i) {
      MockResponse response;
      if (auto error = parse_response(list[i], pointer + "/" + std::to_string(i), false, response)) {
        result.error = error;
        return result;
      }
      responses.push_back(std::move(response));
    }
    table.set(state, std::move(responses));
  }
  result.table = std::move(table);
  return result;
}

MockParseResult parse_mock_config(const nlohmann::json& document, std::string_view test_case,
                                  std::string_view state_machine) {
  MockParseResult result;
  auto fail = [&](std::string message, std::string pointer) {
    result.error = MockFormatError{std::move(message), std::move(pointer)};
    return result;
  };
  if (!document.is_object() || !document.contains("StateMachines") || !document["StateMachines"].is_object()) {
    return fail("a mock config file needs a \"StateMachines\" object", "");
  }
  if (!document.contains("MockedResponses") || !document["MockedResponses"].is_object()) {
    return fail("a mock config file needs a \"MockedResponses\" object", "");
  }
  const nlohmann::json* cases = nullptr;
  std::string cases_pointer;
  for (const auto& [name, machine] : document["StateMachines"].items()) {
    if (!state_machine.empty() && name != state_machine) continue;
    if (!machine.is_object() || !machine.contains("TestCases") || !machine["TestCases"].is_object()) continue;
    if (!machine["TestCases"].contains(std::string(test_case))) continue;
    if (cases) {
      return fail("test case \"" + std::string(test_case) +
                      "\" exists for several state machines; name one with --state-machine",
                  "/StateMachines");
    }
    cases = &machine["TestCases"][std::string(test_case)];
    cases_pointer = "/StateMachines/" + escape_pointer_token(name) + "/TestCases/" + escape_pointer_token(test_case);
  }
  if (!cases) {
    return fail("no state machine in the mock config file has a test case \"" + std::string(test_case) + "\"",
                "/StateMachines");
  }
  if (!cases->is_object()) return fail("a test case must map state names to mocked-response names", cases_pointer);
  MockTable table;
  const nlohmann::json& responses = document["MockedResponses"];
  for (const auto& [state, response_name] : cases->items()) {
    const std::string pointer = cases_pointer + "/" + escape_pointer_token(state);
    if (!response_name.is_string()) return fail("a test case entry must name a mocked response", pointer);
    const std::string name = response_name.get<std::string>();
    if (!responses.contains(name) || !responses[name].is_object()) {
      return fail("mocked response \"" + name + "\" is not defined in MockedResponses", pointer);
    }
    // Keys are "n" or inclusive ranges "a-b", consecutive from "0" without gaps or overlaps (§10.1).
    std::vector<std::optional<MockResponse>> by_invocation;
    const std::string responses_pointer = "/MockedResponses/" + escape_pointer_token(name);
    for (const auto& [key, entry] : responses[name].items()) {
      const std::size_t dash = key.find('-');
      std::optional<std::size_t> first = parse_index(std::string_view(key).substr(0, dash));
      std::optional<std::size_t> last =
          dash == std::string::npos ? first : parse_index(std::string_view(key).substr(dash + 1));
      const std::string entry_pointer = responses_pointer + "/" + escape_pointer_token(key);
      if (!first || !last || *last < *first || *last > 100000) {
        return fail("invocation key \"" + key + "\" must be a number or a range like \"1-2\"", entry_pointer);
      }
      MockResponse response;
      response.lambda_payload_wrapped = true;
      if (auto error = parse_response(entry, entry_pointer, true, response)) {
        result.error = error;
        return result;
      }
      if (by_invocation.size() <= *last) by_invocation.resize(*last + 1);
      for (std::size_t i = *first; i <= *last; ++i) {
        if (by_invocation[i]) return fail("invocation " + std::to_string(i) + " is mocked twice", entry_pointer);
        by_invocation[i] = response;
      }
    }
    std::vector<MockResponse> ordered;
    for (std::size_t i = 0; i < by_invocation.size(); ++i) {
      if (!by_invocation[i]) {
        return fail("invocation " + std::to_string(i) + " of \"" + name + "\" is missing; keys must start at \"0\"",
                    responses_pointer);
      }
      ordered.push_back(*by_invocation[i]);
    }
    table.set(state, std::move(ordered));
  }
  result.table = std::move(table);
  return result;
}

}  // namespace sfn::interp
