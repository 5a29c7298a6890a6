#pragma once
// A parsed definition together with where every value came from.
// nlohmann 3.11 records no positions, so our own iterative scanner builds the JSON value and,
// in the same pass, an index from JSON Pointer to line/column.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace sfn {

struct SourcePosition {
  std::uint32_t line = 0;    // 1-based; 0 = unknown
  std::uint32_t column = 0;  // 1-based, in code points
  std::uint64_t offset = 0;  // byte offset into the text
};

// Limits that protect the process; AWS's own 1 MiB definition limit is a rule, not a limit here.
struct ParseLimits {
  std::uint32_t max_depth = 256;                       // deeper nesting stops parsing: too-deeply-nested
  std::uint64_t max_file_bytes = 16ull * 1024 * 1024;  // larger files are refused before parsing
};

enum class SourceFormat { Json, Yaml };

struct ParseResult;

// A problem found while reading. Fatal problems mean there is no usable document (exit 2);
// the others (duplicate-key) are findings on a document that was still built.
struct ParseProblem {
  std::string rule;  // invalid-json, invalid-yaml, invalid-utf8, too-deeply-nested, file-too-large, empty-file, duplicate-key
  std::string message;
  std::string pointer;  // where it was found, when known
  SourcePosition position;
  bool fatal = true;
};

class SourceDocument {
 public:
  SourceFormat format = SourceFormat::Json;
  std::string text;     // the bytes as read
  nlohmann::json root;  // for duplicate keys, the last one wins (as nlohmann and Jackson do)

  // Position of the value at `pointer` ("" is the root). nullptr when unknown.
  const SourcePosition* value_position(std::string_view pointer) const;
  // Position of the member name whose value is at `pointer`; falls back to the value position.
  const SourcePosition* key_position(std::string_view pointer) const;
  // The source line (without its line break) for carets in text output.
  std::string_view line_text(std::uint32_t line) const;

  void record_value(std::string pointer, SourcePosition position);
  void record_key(std::string pointer, SourcePosition position);

 private:
  friend ParseResult parse_json_document(std::string text, const ParseLimits& limits);  // sets index_built_
  // Builds the position index from `text` on first use (JSON parsed by the fast path has none).
  // Not thread-safe on first use, like line_text: a document is read by one thread at a time.
  void build_index() const;

  mutable bool index_built_ = true;
  mutable std::unordered_map<std::string, SourcePosition> value_positions_;
  mutable std::unordered_map<std::string, SourcePosition> key_positions_;
  mutable std::vector<std::uint64_t> line_starts_;  // built on first use of line_text
};

struct ParseResult {
  bool ok = false;  // false when a fatal problem stopped parsing
  SourceDocument document;
  std::vector<ParseProblem> problems;
};

// Parses JSON text (RFC 8259). Never throws; never recurses (depth is bounded by limits.max_depth
// before any value is built deeper). Invalid UTF-8 anywhere is fatal: invalid-utf8.
ParseResult parse_json_document(std::string text, const ParseLimits& limits = {});

// Parses YAML (block or flow) into the same JSON model with positions from yaml-cpp's marks.
// Scalars are typed as YAML 1.2 core schema would (null, booleans, numbers, else strings).
ParseResult parse_yaml_document(std::string text, const ParseLimits& limits = {});

// RFC 6901 helpers.
std::string escape_pointer_token(std::string_view token);
std::string append_pointer(std::string_view pointer, std::string_view token);
std::string append_pointer(std::string_view pointer, std::size_t index);

}  // namespace sfn
