#pragma once
// Syntax trees of JSONPath expressions as ASL uses them. Parsed once here; the interpreter evaluates
// these trees and the solver encodes them.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace sfn {

enum class PathRoot {
  Input,     // $  (state input / template input)
  Context,   // $$ (Context Object)
  Variable,  // $name (workflow variable)
};

struct PathSegment {
  enum class Kind {
    Member,            // .name or ['name']
    Index,             // [3] (negative allowed in JSONPath, not in reference paths)
    Wildcard,          // .* or [*]
    RecursiveDescent,  // ..name, ..*, ..[..] : `name` holds the member or is empty with wildcard=true
    Slice,             // [start:end:step]
    Union,             // [0,1] or ['a','b']
    Filter,            // [?(...)] : `filter` holds the raw expression text
    Function,          // .length() (Jayway), only as the last segment: `name` and raw `arguments`
  };
  // RecursiveDescent forms: `..name` sets `name`; `..*` (or `..[*]`) sets `wildcard`; `..[0]`,
  // `..[?(...)]` etc. leave both empty and the following segment applies at every depth.
  Kind kind = Kind::Member;
  std::string name;                      // Member, RecursiveDescent, Function
  bool wildcard = false;                 // RecursiveDescent `..*`
  std::int64_t index = 0;                // Index
  std::optional<std::int64_t> slice_start, slice_end, slice_step;  // Slice
  std::vector<std::string> union_names;  // Union of members
  std::vector<std::int64_t> union_indexes;  // Union of indexes
  std::string filter;                    // Filter: the text inside `?(` ... `)`
  std::string arguments;                 // Function: the raw text between the parentheses
  std::size_t offset = 0;                // byte offset of the segment in Path::text
};

struct Path {
  PathRoot root = PathRoot::Input;
  std::string variable;  // for PathRoot::Variable, the name without '$'
  std::vector<PathSegment> segments;
  std::string text;  // the source text

  // A Reference Path names at most one node: Member and Index (>= 0) segments only.
  bool is_reference_path() const;
};

struct PathSyntaxError {
  std::string message;      // e.g. "unexpected ']' after '$.a'"
  std::size_t offset = 0;   // byte offset into the parsed text
};

struct PathParseResult {
  std::optional<Path> path;
  std::optional<PathSyntaxError> error;
};

// Parses a JSONPath (Jayway-style, as AWS accepts) beginning with "$", "$$" or "$name".
PathParseResult parse_path(std::string_view text);
// Parses and additionally requires a Reference Path (error message says which segment is not allowed).
PathParseResult parse_reference_path(std::string_view text);

}  // namespace sfn
