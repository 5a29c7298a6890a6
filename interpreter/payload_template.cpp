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

const JsonataParseResult& SyntaxCache::jsonata(const std::string& body) {
  auto found = jsonata_.find(body);
  if (found == jsonata_.end()) found = jsonata_.emplace(body, parse_jsonata(body)).first;
  return found->second;
}

Outcome<json> evaluate_payload_template(const json& payload_template, const EvaluationContext& context) {
  // Built node by node from the template (never copying it first): each pending entry is a template
  // node and the output node it becomes. Output nodes live in std::map / reserved std::vector storage,
  // so their addresses stay valid while the walk goes on.
  json output;
  std::vector<std::pair<const json*, json*>> pending{{&payload_template, &output}};
  while (!pending.empty()) {
    auto [source, target] = pending.back();
    pending.pop_back();
    if (source->is_array()) {
      *target = json::array();
      auto& elements = target->get_ref<json::array_t&>();
      elements.resize(source->size());
      // Pushed in reverse so that nodes are rewritten (and errors found) in document order.
      for (std::size_t i = source->size(); i-- > 0;) pending.emplace_back(&(*source)[i], &elements[i]);
      continue;
    }
    if (!source->is_object()) {
      *target = *source;
      continue;
    }
    *target = json::object();
    auto& members = target->get_ref<json::object_t&>();
    for (const auto& [key, value] : source->items()) {
      if (!key.ends_with(kDynamicSuffix)) continue;
      Outcome<json> evaluated = evaluate_dynamic_value(key, value, context);
      if (!evaluated.ok()) return evaluated.failure();
      // "a" beside "a.$" is a definition error (a duplicate key once renamed); should a definition
      // get here anyway, the evaluated value wins and the literal is dropped.
      members[key.substr(0, key.size() - kDynamicSuffix.size())] = std::move(evaluated).value();
    }
    std::vector<std::pair<const json*, json*>> literals;
    for (const auto& [key, value] : source->items()) {
      if (key.ends_with(kDynamicSuffix) || members.count(key) > 0) continue;
      literals.emplace_back(&value, &members[key]);
    }
    for (auto it = literals.rbegin(); it != literals.rend(); ++it) pending.push_back(*it);
  }
  return output;
}

}  // namespace sfn::interp
