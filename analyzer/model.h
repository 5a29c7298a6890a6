#pragma once
// The ASL model: a machine as scopes of states with their transitions, Choice rules as trees,
// Retry and Catch. Built leniently from a definition (malformed parts are left out; the
// structural rules report them), so every later layer works from the same picture.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/path_syntax.h"

namespace sfn {

enum class StateType { Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map };
enum class QueryLanguage { JsonPath, Jsonata };

std::optional<StateType> parse_state_type(std::string_view name);
const char* state_type_name(StateType type);

enum class TransitionKind { Next, ChoiceRule, Default, Catch };

struct Transition {
  TransitionKind kind = TransitionKind::Next;
  std::string target;
  std::string pointer;  // of the field naming the target
  int index = -1;       // Choices[index] or Catch[index]
};

// The 39 comparison operators plus the composite forms.
enum class ChoiceOperator {
  And, Or, Not, Condition,  // composite, or a JSONata Condition
  StringEquals, StringEqualsPath, StringLessThan, StringLessThanPath, StringGreaterThan, StringGreaterThanPath,
  StringLessThanEquals, StringLessThanEqualsPath, StringGreaterThanEquals, StringGreaterThanEqualsPath,
  StringMatches,
  NumericEquals, NumericEqualsPath, NumericLessThan, NumericLessThanPath, NumericGreaterThan, NumericGreaterThanPath,
  NumericLessThanEquals, NumericLessThanEqualsPath, NumericGreaterThanEquals, NumericGreaterThanEqualsPath,
  BooleanEquals, BooleanEqualsPath,
  TimestampEquals, TimestampEqualsPath, TimestampLessThan, TimestampLessThanPath, TimestampGreaterThan,
  TimestampGreaterThanPath, TimestampLessThanEquals, TimestampLessThanEqualsPath, TimestampGreaterThanEquals,
  TimestampGreaterThanEqualsPath,
  IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp,
};

// Operand kinds of the data-test operators, for type checks and later encodings.
enum class OperandKind { None, String, Pattern, Number, Boolean, Timestamp, Path, TypeTest };

struct ChoiceOperatorInfo {
  ChoiceOperator op;
  std::string_view name;
  OperandKind operand;
};

// What one of the 33 comparison operators compares (the 39 minus StringMatches and the 6 type
// tests): the interpreter evaluates and the solver encodes from this one table.
enum class ComparisonFamily { String, Numeric, Boolean, Timestamp };
enum class Comparison { Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals };
struct ComparisonShape {
  ComparisonFamily family;
  Comparison comparison;
  bool operand_is_path;
};
std::optional<ComparisonShape> comparison_shape(ChoiceOperator op);

// All 39 data-test operators, in the order of asl-semantics.md §2.2.
const std::vector<ChoiceOperatorInfo>& comparison_operators();
const ChoiceOperatorInfo* find_comparison_operator(std::string_view name);

struct ChoiceRule {
  ChoiceOperator op = ChoiceOperator::And;
  std::vector<ChoiceRule> children;  // And/Or: the list; Not: exactly one
  std::string variable;              // data test: the Variable text
  std::optional<Path> variable_path;
  nlohmann::json operand;            // the literal operand, the *Path text, or the Condition
  std::optional<Path> operand_path;  // for *Path operators
  std::string next;                  // top-level rules only
  std::string pointer;
};

struct Retrier {
  std::vector<std::string> error_equals;
  double interval_seconds = 1;
  long long max_attempts = 3;
  double backoff_rate = 2.0;
  std::optional<long long> max_delay_seconds;
  bool full_jitter = false;
  std::string pointer;
};

struct Catcher {
  std::vector<std::string> error_equals;
  std::string next;
  std::string pointer;
};

struct State {
  std::string name;
  StateType type = StateType::Pass;
  QueryLanguage query_language = QueryLanguage::JsonPath;
  std::string pointer;  // "/States/<name>" (escaped), nested ones under Branches/ItemProcessor
  const nlohmann::json* definition = nullptr;  // the state's object in the document
  int scope = 0;                               // index into StateMachine::scopes
  bool is_end = false;                         // "End": true, or Succeed/Fail
  std::vector<Transition> transitions;         // Next, Choices[i].Next, Default, Catch[i].Next
  std::vector<ChoiceRule> choices;
  std::optional<std::string> default_target;
  std::vector<Retrier> retry;
  std::vector<Catcher> catch_;
  std::vector<int> child_scopes;  // Parallel branches in order, or the Map processor
};

// One States object: the top level, a Parallel branch or a Map processor.
struct Scope {
  std::string pointer;       // of the object holding StartAt and States ("" at top level)
  int parent_state = -1;     // the Parallel or Map state that owns it; -1 at top level
  std::string start_at;
  std::vector<int> states;   // indexes into StateMachine::states, in document order
  std::unordered_map<std::string, int> by_name;
  QueryLanguage query_language = QueryLanguage::JsonPath;
};

struct StateMachine {
  std::vector<Scope> scopes;  // scopes[0] is the top level
  std::vector<State> states;
  QueryLanguage query_language = QueryLanguage::JsonPath;
  std::optional<long long> timeout_seconds;

  // The state of that name in the given scope, or nullptr.
  const State* find(int scope, std::string_view name) const;
};

// Builds the model from a definition's root object. Never fails: what cannot be understood is
// left out, since the structural rules report it.
StateMachine build_state_machine(const nlohmann::json& root);

// Whether any state, at any depth, uses QueryLanguage JSONata.
bool has_jsonata_state(const StateMachine& machine);

}  // namespace sfn
