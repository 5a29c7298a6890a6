// ResultPath writes (asl-semantics.md §3.4).

#include "interpreter/evaluation.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
Outcome<nlohmann::json> apply_result_path(nlohmann::json raw_input, const Path& result_path, nlohmann::json result) {
  if (result_path.segments.empty()) return result;  // "$": the result replaces the input
  auto cannot_apply = [&] {
    return runtime_error("Unable to apply ReferencePath " + result_path.text + " to input " + compact_json(raw_input));
  };
  if (!raw_input.is_object()) return cannot_apply();
  nlohmann::json* node = &raw_input;
  for (std::size_t i = 0; i < result_path.segments.size(); ++i) {
    const PathSegment& segment = result_path.segments[i];
    const bool last = i + 1 == result_path.segments.size();
    if (segment.kind == PathSegment::Kind::Member) {
      if (node->is_null()) *node = nlohmann::json::object();  // created on the way down
      if (!node->is_object()) return cannot_apply();
      nlohmann::json& child = (*node)[segment.name];
      if (last) {
        child = std::move(result);
        return raw_input;
      }
      node = &child;
    } else if (segment.kind == PathSegment::Kind::Index) {
      // An index writes into an existing array element only; nothing creates arrays.
      if (!node->is_array() || segment.index < 0 || static_cast<std::size_t>(segment.index) >= node->size()) {
        return cannot_apply();
      }
      nlohmann::json& child = (*node)[static_cast<std::size_t>(segment.index)];
      if (last) {
        child = std::move(result);
        return raw_input;
      }
      node = &child;
    } else {
      return cannot_apply();  // not a Reference Path; the analyzer rejects these
    }
  }
  return raw_input;
}

}  // namespace sfn::interp
