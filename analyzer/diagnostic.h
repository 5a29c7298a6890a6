#pragma once
// A finding is plain data: a stable rule name, a severity, a location and a message.
// Every layer appends these to a sink; only reports/ turns them into text.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sfn {

enum class Severity { Note = 0, Warning = 1, Error = 2 };

const char* severity_name(Severity severity);

// Where a finding points: an RFC 6901 JSON Pointer into the definition plus a 1-based
// line and column (columns count code points) for people. Line 0 means "no position".
struct Location {
  std::string pointer;
  std::string state;  // name of the enclosing state, empty at machine level
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct Diagnostic {
  std::string rule;  // kebab-case, stable: users' CI scripts depend on it
  Severity severity = Severity::Error;
  std::string message;
  Location location;
  std::vector<Location> related;
  std::optional<nlohmann::json> evidence;
};

using Diagnostics = std::vector<Diagnostic>;

// An error about a whole file or folder (unreadable, nothing found): no pointer, no position.
Diagnostic file_error(std::string rule, std::string message);

}  // namespace sfn
