#pragma once
// Per-state facts the interpreter and the solver need on every visit, parsed once: a loop of
// 100,000 transitions must not re-parse paths 100,000 times.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/model.h"
#include "analyzer/path_syntax.h"

namespace sfn {

// InputPath, OutputPath, ResultPath: absent means "$", null means "discard" (§3.1).
struct PathField {
  bool present = false;
  bool is_null = false;
  std::optional<Path> path;  // when present and not null
};

// A Fail Error/Cause source: a literal, a reference path, or an intrinsic call.
struct DynamicString {
  std::optional<std::string> literal;
  std::optional<Path> path;
  std::optional<IntrinsicCall> call;
  std::string field;  // "ErrorPath", "CausePath" for messages
};

enum class ResourceKind { LegacyLambda, LambdaInvoke, Other };

struct CompiledState {
  const State* state = nullptr;
  const nlohmann::json* definition = nullptr;
  PathField input_path, output_path, result_path, items_path;
  const nlohmann::json* parameters = nullptr;       // Parameters, or ItemSelector for Map
  const nlohmann::json* result_selector = nullptr;
  const nlohmann::json* result = nullptr;           // Pass Result
  const nlohmann::json* assign = nullptr;
  ResourceKind resource_kind = ResourceKind::Other;
  bool wait_for_task_token = false;
  std::optional<double> timeout_seconds, heartbeat_seconds;
  std::optional<Path> timeout_seconds_path, heartbeat_seconds_path;
  std::optional<double> wait_seconds;
  std::optional<Path> wait_seconds_path, wait_timestamp_path;
  std::optional<std::string> wait_timestamp;
  std::optional<DynamicString> fail_error, fail_cause;
  std::vector<PathField> catcher_result_paths;       // per Catch entry
  std::vector<const nlohmann::json*> catcher_assigns;
  std::vector<const nlohmann::json*> choice_assigns;  // per Choices entry
  bool distributed_map = false;
  std::optional<double> tolerated_failure_count, tolerated_failure_percentage;
  std::optional<Path> tolerated_failure_count_path, tolerated_failure_percentage_path, max_concurrency_path;
  const nlohmann::json* item_reader_config = nullptr;  // ItemReader.ReaderConfig (MaxItems, MaxItemsPath)
  const nlohmann::json* item_batcher = nullptr;
  bool has_item_reader = false;
  bool has_result_writer = false;
};

std::vector<CompiledState> compile_states(const StateMachine& machine);

}  // namespace sfn
