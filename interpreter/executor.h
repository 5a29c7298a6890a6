#pragma once
// Runs a machine with mocked tasks on a virtual clock (nothing sleeps), deterministically.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/model.h"
#include "interpreter/mocks.h"
#include "interpreter/semantics_options.h"

namespace sfn::interp {

struct RunOptions {
  SemanticsOptions semantics;
  std::uint64_t seed = 0;              // jitter, States.UUID, States.MathRandom
  bool enforce_history_limit = true;   // 25,000 events (Standard workflows), §12
  bool keep_trace = true;              // off for long benchmark runs: no trace and no path, memory stays flat
  bool keep_history = false;           // record every history event, numbered as AWS numbers them
  nlohmann::json context = nlohmann::json::object();  // merged over the default Context Object
  std::string start_time = "2024-01-01T00:00:00Z";    // virtual clock at start ($$.Execution.StartTime)
};

struct TraceEntry {
  std::string state;
  std::string scope;                    // JSON Pointer of the States object's owner ("" at top level)
  std::optional<std::size_t> iteration; // Map item index, or Parallel branch index
  nlohmann::json input;                 // raw state input
  nlohmann::json output;                // state output (absent when the state failed)
  bool failed = false;
  std::vector<std::size_t> retriers_used;  // Retry index of each retry this visit made, in order
  std::optional<std::size_t> catcher;      // Catch index of the catcher that handled its failure
  std::optional<std::size_t> choice_rule;  // Choice: the Choices index taken
  bool choice_default = false;             // Choice: the Default taken
  std::string error;                       // when failed: the error name
};

// One event of the execution history (§12.1), in AWS's order and numbering: ExecutionStarted is
// id 1. A distributed Map's children are separate executions and leave no events here.
struct HistoryEvent {
  std::uint64_t id = 0;
  std::string type;                    // "ExecutionStarted", "PassStateEntered", "TaskScheduled", ...
  std::string state;                   // the state's name, for ...StateEntered and ...StateExited
  std::optional<std::map<std::string, std::string>> assigned_variables;  // ...StateExited: name -> JSON text
  std::string error;                   // failure events
  std::optional<std::string> cause;
};

enum class RunStatus { Succeeded, Failed, TimedOut };
const char* run_status_name(RunStatus status);

struct RunResult {
  RunStatus status = RunStatus::Succeeded;
  std::vector<std::string> path;  // top-level states in order, the failing one included
  std::vector<TraceEntry> trace;  // every state entered, nested ones included
  nlohmann::json output;          // when Succeeded
  std::string error;              // when Failed or TimedOut
  std::optional<std::string> cause;
  double elapsed_seconds = 0;     // virtual time
  std::uint64_t events = 0;       // history events, for the 25,000 limit
  std::vector<HistoryEvent> history;  // with RunOptions::keep_history
  std::uint64_t transitions = 0;  // states entered
  // Set when the run cannot go on for a reason outside ASL semantics: a Task with no mock, or its
  // mock list ran out (exit code 2), or a JSONata construct the runtime does not implement (named,
  // with the state and field), found before the run or while evaluating.
  std::optional<std::string> unusable;
};

// Why `run_state_machine` would refuse the machine before its first state (a JSONata construct the
// runtime does not implement, a missing StartAt), or nullopt: the reason it gives as `unusable`.
std::optional<std::string> refusal_reason(const StateMachine& machine, const RunOptions& options = {});

RunResult run_state_machine(const StateMachine& machine, const nlohmann::json& input, const MockTable& mocks,
                            const RunOptions& options = {});

}  // namespace sfn::interp
