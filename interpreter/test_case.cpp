#include "interpreter/test_case.h"

#include "interpreter/java_text.h"

namespace sfn::interp {
TestCaseParseResult parse_test_case(const nlohmann::json& document) {
  TestCaseParseResult result;
  auto fail = [&](std::string message, std::string pointer) {
    result.error = MockFormatError{std::move(message), std::move(pointer)};
    return result;
  };
  if (!document.is_object()) return fail("a test file must be a JSON object", "");
  for (const auto& [key, value] : document.items()) {
    if (key != "name" && key != "covers" && key != "input" && key != "context" && key != "substitutions" &&
        key != "mocks" && key != "expect") {
      return fail("unknown field \"" + key + "\" in a test file", "/" + key);
    }
  }
  TestCase test;
  if (auto it = document.find("name"); it != document.end()) {
    if (!it->is_string()) return fail("\"name\" must be a string", "/name");
    test.name = it->get<std::string>();
  }
  if (auto it = document.find("covers"); it != document.end()) {
    if (!it->is_array()) return fail("\"covers\" must be an array of goal ids", "/covers");
    for (const auto& goal : *it) {
      if (!goal.is_string()) return fail("\"covers\" must be an array of goal ids", "/covers");
      test.covers.push_back(goal.get<std::string>());
    }
  }
  if (auto it = document.find("input"); it != document.end()) test.input = *it;
  if (auto it = document.find("context"); it != document.end()) {
    if (!it->is_object()) return fail("\"context\" must be an object (Context Object fields)", "/context");
    test.context = *it;
  }
  if (auto it = document.find("substitutions"); it != document.end()) {
    if (!it->is_object()) return fail("\"substitutions\" must map placeholder names to strings", "/substitutions");
    for (const auto& [name, value] : it->items()) {
      if (!value.is_string()) return fail("substitution \"" + name + "\" must be a string", "/substitutions/" + name);
      test.substitutions[name] = value.get<std::string>();
    }
  }
  if (auto it = document.find("mocks"); it != document.end()) {
    MockParseResult mocks = parse_native_mocks(*it);
    if (mocks.error) return fail(mocks.error->message, "/mocks" + mocks.error->pointer);
    test.mocks = std::move(*mocks.table);
  }
  if (auto it = document.find("expect"); it != document.end()) {
    const nlohmann::json& expect = *it;
    if (!expect.is_object()) return fail("\"expect\" must be an object", "/expect");
    Expectation expectation;
    auto status = expect.find("status");
    if (status == expect.end() || !status->is_string() ||
        (*status != "SUCCEEDED" && *status != "FAILED" && *status != "TIMED_OUT")) {
      return fail("\"expect.status\" must be SUCCEEDED, FAILED or TIMED_OUT", "/expect/status");
    }
    expectation.status = status->get<std::string>();
    if (auto path = expect.find("path"); path != expect.end()) {
      if (!path->is_array()) return fail("\"expect.path\" must be an array of state names", "/expect/path");
      for (const auto& name : *path) {
        if (!name.is_string()) return fail("\"expect.path\" must be an array of state names", "/expect/path");
        expectation.path.push_back(name.get<std::string>());
      }
    }
    for (const char* key : {"error", "cause"}) {
      if (auto field = expect.find(key); field != expect.end()) {
        if (!field->is_string()) return fail(std::string("\"expect.") + key + "\" must be a string", std::string("/expect/") + key);
        (std::string_view(key) == "error" ? expectation.error : expectation.cause) = field->get<std::string>();
      }
    }
    if (auto output = expect.find("output"); output != expect.end()) expectation.output = *output;
    test.expect = std::move(expectation);
  }
  result.test = std::move(test);
  return result;
}

std::vector<std::string> compare_with_expectation(const RunResult& result, const Expectation& expect) {
  std::vector<std::string> mismatches;
  const std::string status = run_status_name(result.status);
  if (status != expect.status) mismatches.push_back("status is " + status + ", expected " + expect.status);
  if (result.path != expect.path) {
    std::size_t common = 0;
    while (common < result.path.size() && common < expect.path.size() && result.path[common] == expect.path[common]) {
      ++common;
    }
    std::string where = common == 0 ? "at the start" : "after '" + result.path[common - 1] + "' (step " +
                                                           std::to_string(common) + ")";
    std::string observed = common < result.path.size() ? "'" + result.path[common] + "'" : "the end of the run";
    std::string predicted = common < expect.path.size() ? "'" + expect.path[common] + "'" : "the end of the run";
    mismatches.push_back("path left the prediction " + where + ": observed " + observed + ", predicted " + predicted);
  }
  if (expect.error && result.status != RunStatus::Succeeded && result.error != *expect.error) {
    mismatches.push_back("error is '" + result.error + "', expected '" + *expect.error + "'");
  }
  if (expect.cause && result.status != RunStatus::Succeeded && result.cause.value_or("") != *expect.cause) {
    mismatches.push_back("cause is '" + result.cause.value_or("") + "', expected '" + *expect.cause + "'");
  }
  if (expect.output && result.status == RunStatus::Succeeded && result.output != *expect.output) {
    mismatches.push_back("output is " + compact_json(result.output) + ", expected " + compact_json(*expect.output));
  }
  return mismatches;
}

}  // namespace sfn::interp
