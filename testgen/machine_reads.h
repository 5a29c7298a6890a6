#pragma once
// Internal to testgen/: what a machine reads and what it compares against, gathered once so that
// random inputs and Task results put values where the machine looks. Every path a state reads
// (Choice Variables and ...Path operands, InputPath, OutputPath, ItemsPath, ResultPath targets,
// `.$` paths and intrinsic arguments in templates, SecondsPath, TimestampPath, ...) becomes a
// location; the constants of Choice rules and their neighbours become hints for that location.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/compiled_state.h"
#include "analyzer/model.h"

namespace sfn::testgen {

// One step from a document into it: a member name or an array index.
struct LocationStep {
  bool is_index = false;
  std::string name;
  std::size_t index = 0;
  bool operator==(const LocationStep&) const = default;
};
using Location = std::vector<LocationStep>;

// A place some state reads, relative to the document its path starts from ($). Empty steps: the
// document itself.
struct ReadLocation {
  Location steps;                     // as far as the path is a reference path
  std::vector<nlohmann::json> hints;  // constants compared with it, and their neighbours
  bool wants_array = false;           // ItemsPath, a wildcard or filter below it, an array intrinsic
};

struct MachineReads {
  std::vector<ReadLocation> locations;    // every read, deduplicated by steps
  std::vector<nlohmann::json> constants;  // every hint, deduplicated
  // Per state: where its raw Task result is read, relative to that result (ResultSelector paths, or
  // the reads below its ResultPath with the ResultPath taken off). Empty steps: the whole result.
  std::vector<std::vector<ReadLocation>> result_reads;
  // Per state: the error names a Task there may usefully throw (its own and its enclosing
  // Parallel/Map states' Retry and Catch ErrorEquals, States.ALL left out).
  std::vector<std::vector<std::string>> error_names;
};

// Adds `value` to `hints` unless a value written the same way is there.
void add_hint(std::vector<nlohmann::json>& hints, const nlohmann::json& value);

MachineReads collect_machine_reads(const StateMachine& machine, const std::vector<CompiledState>& compiled);

// "YYYY-MM-DDTHH:MM:SS[.fffffffff]Z" for seconds since the epoch plus nanoseconds.
std::string format_timestamp(std::int64_t seconds, std::uint32_t nanos = 0);

}  // namespace sfn::testgen
