#pragma once
// Internal to interpreter/: JSONPath evaluation from an explicit start node. Filter expressions
// need it: inside `[?(...)]`, `@` starts at the current item and `$` at the document root.

#include "interpreter/evaluation.h"

namespace sfn::interp {

// A filter holds paths that may hold filters again; past this depth a filter matches nothing, so
// evaluation stays bounded whatever the path text.
constexpr int kMaxFilterNesting = 8;

// Evaluates `path` (its root kind is ignored) starting at `start`; `root` is what `$` means inside
// filters. `filter_nesting` counts the filters this evaluation is inside of.
PathLookup evaluate_path_at(const Path& path, const nlohmann::json& start, const nlohmann::json& root,
                            int filter_nesting);

}  // namespace sfn::interp
