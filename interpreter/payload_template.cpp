// Payload templates (asl-semantics.md §3.2): Parameters, ResultSelector, ItemSelector and Assign in
// JSONPath mode. Keys ending in ".$" are evaluated, at any depth, and renamed without the suffix;
// every other key is copied as written, even when its value looks like a path.
//
// The template is walked with an explicit stack (definitions are not depth-limited the way state
// data is), and evaluated values are never walked again: a ".$" key inside selected data is data.

#include <algorithm>
#include <string_view>
#include <vector>

#include "interpreter/evaluation.h"
#include "interpreter/java_text.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

constexpr std::string_view kDynamicSuffix = ".$";


Outcome<json> evaluate_dynamic_value(const std::string& key, const json& value, const EvaluationContext& context) {
  if (!value.is_string()) {
    return runtime_error("The value of the field '" + key + "' must be a JSONPath or an intrinsic function, got " +
                         compact_json(value));
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (!text.empty() && text.front() == '$') {
    PathParseResult parsed_here;
    const PathParseResult& parsed =
        context.syntax_cache ? context.syntax_cache->path(text) : (parsed_here = parse_path(text));
    if (!parsed.path) {
      // The analyzer rejects such definitions; a hand-built one fails here at run time.
      return runtime_error("The field '" + key + "' holds an invalid JSONPath '" + text +
                           "': " + parsed.error->message);
    }
    PathLookup lookup = evaluate_path(*parsed.path, context.roots);
    if (lookup.value) return std::move(*lookup.value);
    const json* document = path_document(*parsed.path, context.roots);
    return runtime_error("The JSONPath '" + text + "' specified for the field '" + key +
                         "' could not be found in the input '" + (document ? compact_json(*document) : "") + "'");
  }
  IntrinsicParseResult parsed_here;
  const IntrinsicParseResult& parsed =
      context.syntax_cache ? context.syntax_cache->intrinsic(text) : (parsed_here = parse_intrinsic(text));
  if (!parsed.call) {
    return runtime_error("The field '" + key +
                         "' holds neither a JSONPath nor a valid intrinsic function: " + parsed.error->message);
  }
  return evaluate_intrinsic(*parsed.call, context);
}

}  // namespace

const PathParseResult& SyntaxCache::path(const std::string& text) {
  auto found = paths_.find(text);
  if (found == paths_.end()) found = paths_.emplace(text, parse_path(text)).first;
  return found->second;
}

const IntrinsicParseResult& SyntaxCache::intrinsic(const std::string& text) {
  auto found = intrinsics_.find(text);
  if (found == intrinsics_.end()) found = intrinsics_.emplace(text, parse_intrinsic(text)).first;
  return found->second;
}

Outcome<json> evaluate_payload_template(const json& payload_template, const EvaluationContext& context) {
  json output = payload_template;
  std::vector<json*> pending{&output};  // template nodes still to rewrite
  while (!pending.empty()) {
    json* node = pending.back();
    pending.pop_back();
    if (node->is_array()) {
      // Pushed in reverse so that nodes are rewritten (and errors found) in document order.
      for (auto it = node->rbegin(); it != node->rend(); ++it) pending.push_back(&*it);
      continue;
    }
    if (!node->is_object()) continue;
    json rebuilt = json::object();
    std::vector<std::string> template_keys;  // copied values, walked in turn
    for (auto& [key, value] : node->items()) {
      if (key.ends_with(kDynamicSuffix)) continue;
      rebuilt[key] = std::move(value);
      template_keys.push_back(key);
    }
    std::vector<std::string> evaluated_keys;
    for (const auto& [key, value] : node->items()) {
      if (!key.ends_with(kDynamicSuffix)) continue;
      Outcome<json> evaluated = evaluate_dynamic_value(key, value, context);
      if (!evaluated.ok()) return evaluated.failure();
      // "a" beside "a.$" is a definition error (a duplicate key once renamed); should a definition
      // get here anyway, the evaluated value wins and is not walked as a template.
      std::string name = key.substr(0, key.size() - kDynamicSuffix.size());
      rebuilt[name] = std::move(evaluated).value();
      evaluated_keys.push_back(std::move(name));
    }
    *node = std::move(rebuilt);
    for (auto it = template_keys.rbegin(); it != template_keys.rend(); ++it) {
      if (std::find(evaluated_keys.begin(), evaluated_keys.end(), *it) == evaluated_keys.end()) {
        pending.push_back(&(*node)[*it]);
      }
    }
  }
  return output;
}

}  // namespace sfn::interp
