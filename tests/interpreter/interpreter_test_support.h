#pragma once
// Builds machines and mocks from inline JSON and runs them, for interpreter tests.

#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "interpreter/executor.h"
#include "interpreter/mocks.h"

namespace sfn::testing {

inline nlohmann::json parse_json(const std::string& text) {
  ParseResult parsed = parse_json_document(text);
  EXPECT_TRUE(parsed.ok) << text;
  return parsed.document.root;
}

inline std::string read_text(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

// Owns the definition, since the model points into it.
struct LoadedMachine {
  nlohmann::json definition;
  StateMachine machine;
  explicit LoadedMachine(const std::string& text) : definition(parse_json(text)) {
    machine = build_state_machine(definition);
  }
};

inline interp::MockTable mocks_from(const std::string& text) {
  interp::MockParseResult parsed = interp::parse_native_mocks(parse_json(text));
  EXPECT_FALSE(parsed.error) << (parsed.error ? parsed.error->message : "");
  return parsed.table ? *parsed.table : interp::MockTable{};
}

inline interp::RunResult run_machine(const std::string& definition, const std::string& input,
                                     const std::string& mocks = "{}", interp::RunOptions options = {}) {
  LoadedMachine loaded(definition);
  return interp::run_state_machine(loaded.machine, parse_json(input), mocks_from(mocks), options);
}

}  // namespace sfn::testing
