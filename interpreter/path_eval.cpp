// JSONPath evaluation with the semantics of Jayway JsonPath, which AWS runs for JSONPath fields:
// its error texts ("Missing property in path $['a']", "No results for path: $['a']") are Jayway's
// (asl-semantics.md §3.3).
//
// Jayway evaluates a path as a chain of tokens, depth first. A token is *definite* when it selects
// at most one node: one member, one index (negative ones count from the end), a list of members as
// the last token (merged into one object), a function. While every token so far is definite, a
// missing member or a node of the wrong type is an error; after an indefinite token the same cases
// just select nothing. A definite path yields its one value or "No results for path: ..."; an
// indefinite path yields the array of everything selected, possibly empty.
//
// Where Jayway's behaviour may surprise, we follow it (AWS runs Jayway):
//   - slices: the step of [a:b:c] is ignored; [a:b] with a < 0 <= b walks a..b-1 with negative
//     positions counted from the end; [:] and [::c] are not valid slices;
//   - `..` before an index, slice or filter that is not the last step applies the step after it to
//     every element of each array found (ScanPathToken.walkArray);
//   - a function applies to each node the steps before it select (`$.a[*].length()` is the list of
//     the elements' lengths); length() of anything but an array or object is null, as in Jayway's
//     Length, so a string has no length.
// Evaluation is iterative (an explicit stack), so neither path length nor document depth recurses.

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>

#include "interpreter/evaluation.h"
#include "interpreter/java_text.h"
#include "interpreter/path_engine.h"
#include "interpreter/path_filter.h"

namespace sfn::interp {
namespace {

using nlohmann::json;

enum class TokenKind { Property, Index, Slice, Wildcard, Scan, Filter, Function };

struct Token {
  TokenKind kind = TokenKind::Property;
  std::vector<std::string> names;                  // Property: one or more members
  std::vector<std::int64_t> indexes;               // Index: one or more positions
  std::optional<std::int64_t> from, to, step;      // Slice
  std::shared_ptr<const FilterExpression> filter;  // Filter
  std::string function;                            // Function: its name
  std::string function_arguments;
  bool definite = true;
  bool upstream_definite = true;  // every token before this one is definite
  bool leaf = false;
};

std::vector<Token> build_tokens(const Path& path) {
  std::vector<Token> tokens;
  for (const PathSegment& segment : path.segments) {
    Token token;
    switch (segment.kind) {
      case PathSegment::Kind::Member:
        token.names = {segment.name};
        break;
      case PathSegment::Kind::Index:
        token.kind = TokenKind::Index;
        token.indexes = {segment.index};
        break;
      case PathSegment::Kind::Union:
        if (segment.union_names.empty()) {
          token.kind = TokenKind::Index;
          token.indexes = segment.union_indexes;
        } else {
          token.names = segment.union_names;
        }
        break;
      case PathSegment::Kind::Wildcard:
        token.kind = TokenKind::Wildcard;
        break;
      case PathSegment::Kind::Slice:
        token.kind = TokenKind::Slice;
        token.from = segment.slice_start;
        token.to = segment.slice_end;
        token.step = segment.slice_step;
        break;
      case PathSegment::Kind::Filter:
        token.kind = TokenKind::Filter;
        token.filter = std::make_shared<const FilterExpression>(segment.filter);
        break;
      case PathSegment::Kind::Function:
        token.kind = TokenKind::Function;
        token.function = segment.name;
        token.function_arguments = segment.arguments;
        break;
      case PathSegment::Kind::RecursiveDescent: {
        Token scan;
        scan.kind = TokenKind::Scan;
        tokens.push_back(std::move(scan));
        if (!segment.name.empty()) {
          token.names = {segment.name};
        } else if (segment.wildcard) {
          token.kind = TokenKind::Wildcard;
        } else {
          continue;  // `..[0]`, `..[?(...)]`: the next segment is the scan's target
        }
        break;
      }
    }
    tokens.push_back(std::move(token));
  }
  bool upstream = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    Token& token = tokens[i];
    token.leaf = i + 1 == tokens.size();
    switch (token.kind) {
      case TokenKind::Property:
        token.definite = token.names.size() == 1 || token.leaf;
        break;
      case TokenKind::Index:
        token.definite = token.indexes.size() == 1;
        break;
      case TokenKind::Function:
        token.definite = true;
        break;
      default:
        token.definite = false;
        break;
    }
    token.upstream_definite = upstream;
    upstream = upstream && token.definite;
  }
  return tokens;
}

// Jayway's getPathFragment: how a token prints in "No results for path: ..." and filter errors.
std::string fragment(const Token& token) {
  std::string out;
  switch (token.kind) {
    case TokenKind::Property:
      out = "[";
      for (std::size_t i = 0; i < token.names.size(); ++i) {
        if (i > 0) out += ",";
        out += "'";
        for (char c : token.names[i]) {
          if (c == '\\' || c == '\'') out += '\\';
          out += c;
        }
        out += "'";
      }
      return out + "]";
    case TokenKind::Index:
      out = "[";
      for (std::size_t i = 0; i < token.indexes.size(); ++i) {
        if (i > 0) out += ",";
        out += std::to_string(token.indexes[i]);
      }
      return out + "]";
    case TokenKind::Slice:
      return "[" + (token.from ? std::to_string(*token.from) : "") + ":" + (token.to ? std::to_string(*token.to) : "") +
             "]";
    case TokenKind::Wildcard:
      return "[*]";
    case TokenKind::Scan:
      return "..";
    case TokenKind::Filter:
      return "[?]";
    case TokenKind::Function:
      return "." + token.function + (token.function_arguments.empty() ? "()" : "(...)");
  }
  return out;
}

std::string path_text(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += fragment(tokens[i]);
  return out;
}

// Jayway's "current path" when a token fails: the members and indexes walked so far, unescaped.
// Only asked for while every earlier token is definite, so each selected exactly one step.
std::string current_path(const std::vector<Token>& tokens, std::size_t upto) {
  std::string out = "$";
  for (std::size_t i = 0; i < upto; ++i) {
    const Token& token = tokens[i];
    if (token.kind == TokenKind::Property && token.names.size() == 1) {
      out += "['" + token.names.front() + "']";
    } else if (token.kind == TokenKind::Index && token.indexes.size() == 1) {
      out += "[" + std::to_string(token.indexes.front()) + "]";
    } else {
      out += fragment(token);
    }
  }
  return out;
}

// The Java class Jayway names when a member is asked of a non-object (JsonSmart's model classes).
std::string java_class_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::string:
      return "java.lang.String";
    case json::value_t::boolean:
      return "java.lang.Boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: {
      bool fits_int =
          value.is_number_integer() && value.get<std::int64_t>() >= INT32_MIN && value.get<std::int64_t>() <= INT32_MAX;
      return fits_int ? "java.lang.Integer" : "java.lang.Long";
    }
    case json::value_t::number_float:
      return "java.lang.Double";
    case json::value_t::array:
      return "net.minidev.json.JSONArray";
    default:
      return "net.minidev.json.JSONObject";
  }
}

// How a value prints in "Current context is: ..." (JsonSmart's toString: containers as JSON).
std::string context_text(const json& value) {
  if (value.is_object() || value.is_array()) return compact_json(value);
  return java_text(value);
}

struct Frame {
  const json* node;
  std::size_t token;
};

class Evaluation {
 public:
  Evaluation(const std::vector<Token>& tokens, const json& root, int nesting)
      : tokens_(tokens), root_(root), nesting_(nesting) {}

  // Runs tokens [0, stop) from `start`, depth first; `reached` gets every node that passes them all,
  // in Jayway's order. Returns Jayway's error message when evaluation stops with one.
  std::optional<std::string> run(const json& start, std::size_t stop, std::vector<const json*>& reached) {
    std::vector<Frame> stack{{&start, 0}};
    std::vector<Frame> selected;
    while (!stack.empty()) {
      Frame frame = stack.back();
      stack.pop_back();
      if (frame.token >= stop) {
        reached.push_back(frame.node);
        continue;
      }
      selected.clear();
      if (std::optional<std::string> error = step(frame.token, *frame.node, selected)) return error;
      for (auto it = selected.rbegin(); it != selected.rend(); ++it) stack.push_back(*it);
    }
    return std::nullopt;
  }

 private:
  std::optional<std::string> step(std::size_t k, const json& node, std::vector<Frame>& out) {
    const Token& token = tokens_[k];
    switch (token.kind) {
      case TokenKind::Property:
        return step_property(k, node, out);
      case TokenKind::Index: {
        bool skip = false;
        if (std::optional<std::string> error = check_array(k, node, skip)) return error;
        if (skip) return std::nullopt;
        for (std::int64_t index : token.indexes) select_index(k, node, index, out);
        return std::nullopt;
      }
      case TokenKind::Slice:
        return step_slice(k, node, out);
      case TokenKind::Wildcard:
        if (node.is_object() || node.is_array()) {
          for (const json& child : node) out.push_back({&child, k + 1});
        }
        return std::nullopt;
      case TokenKind::Filter:
        if (node.is_object()) {
          if (token.filter->matches(node, root_, nesting_)) out.push_back({&node, k + 1});
        } else if (node.is_array()) {
          for (const json& element : node) {
            if (token.filter->matches(element, root_, nesting_)) out.push_back({&element, k + 1});
          }
        } else if (token.upstream_definite) {
          return "Filter: [?] can not be applied to primitives. Current context is: " + context_text(node);
        }
        return std::nullopt;
      case TokenKind::Scan:
        scan(k, node, out);
        return std::nullopt;
      case TokenKind::Function:
        return std::nullopt;  // functions are applied by the caller
    }
    return std::nullopt;
  }

  std::optional<std::string> step_property(std::size_t k, const json& node, std::vector<Frame>& out) {
    const Token& token = tokens_[k];
    if (!node.is_object()) {
      if (!token.upstream_definite) return std::nullopt;
      return "Expected to find an object with property " + fragment(token) + " in path " + current_path(tokens_, k) +
             " but found '" + java_class_name(node) +
             "'. This is not a json object according to the JsonProvider: "
             "'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.";
    }
    if (token.names.size() > 1 && token.leaf) {
      // Several members as the last step: Jayway merges those present into one object.
      json merged = json::object();
      for (const std::string& name : token.names) {
        auto found = node.find(name);
        if (found != node.end()) merged[name] = *found;
      }
      owned_.push_back(std::move(merged));
      out.push_back({&owned_.back(), k + 1});
      return std::nullopt;
    }
    for (const std::string& name : token.names) {
      auto found = node.find(name);
      if (found != node.end()) {
        out.push_back({&*found, k + 1});
      } else if (!token.leaf && token.upstream_definite && token.definite) {
        return "Missing property in path " + current_path(tokens_, k) + "['" + name + "']";
      }
      // A missing last member selects nothing; the caller reports "No results" for a definite path.
    }
    return std::nullopt;
  }

  // Jayway's checkArrayModel: index and slice steps need an array.
  std::optional<std::string> check_array(std::size_t k, const json& node, bool& skip) const {
    const Token& token = tokens_[k];
    skip = false;
    if (node.is_array()) return std::nullopt;
    skip = true;
    if (!token.upstream_definite) return std::nullopt;
    if (node.is_null()) return "The path " + current_path(tokens_, k) + " is null";
    return "Filter: " + path_text(tokens_, k, tokens_.size()) +
           " can only be applied to arrays. Current context is: " + context_text(node);
  }

  void select_index(std::size_t k, const json& array, std::int64_t index, std::vector<Frame>& out) const {
    const auto size = static_cast<std::int64_t>(array.size());
    const std::int64_t position = index < 0 ? size + index : index;
    if (position >= 0 && position < size) out.push_back({&array[static_cast<std::size_t>(position)], k + 1});
  }

  std::optional<std::string> step_slice(std::size_t k, const json& node, std::vector<Frame>& out) {
    const Token& token = tokens_[k];
    if (!token.from && !token.to) {
      return "Failed to parse SliceOperation: :" + (token.step ? ":" + std::to_string(*token.step) : std::string());
    }
    bool skip = false;
    if (std::optional<std::string> error = check_array(k, node, skip)) return error;
    if (skip) return std::nullopt;
    const auto length = static_cast<std::int64_t>(node.size());
    if (length == 0) return std::nullopt;
    if (token.from && !token.to) {  // [a:]
      std::int64_t from = *token.from < 0 ? length + *token.from : *token.from;
      for (std::int64_t i = std::max<std::int64_t>(0, from); i < length; ++i) select_index(k, node, i, out);
    } else if (!token.from) {  // [:b]
      std::int64_t to = *token.to < 0 ? length + *token.to : *token.to;
      for (std::int64_t i = 0; i < std::min(length, to); ++i) select_index(k, node, i, out);
    } else {  // [a:b]: only the end is clamped; negative positions on the way count from the end
      std::int64_t to = std::min(length, *token.to);
      for (std::int64_t i = std::max(*token.from, -length); i < to; ++i) select_index(k, node, i, out);
    }
    return std::nullopt;
  }

  // Whether `..` hands `node` to its target token (Jayway's scan predicates).
  bool scan_target_accepts(const Token& target, const json& node) const {
    switch (target.kind) {
      case TokenKind::Property:
        if (!node.is_object()) return false;
        if (!target.definite) return true;
        return std::all_of(target.names.begin(), target.names.end(),
                           [&](const std::string& name) { return node.contains(name); });
      case TokenKind::Index:
      case TokenKind::Slice:
        return node.is_array();
      case TokenKind::Wildcard:
        return true;
      case TokenKind::Filter:
        return target.filter->matches(node, root_, nesting_);
      default:
        return false;
    }
  }

  // `..`: visits `node` and everything below it in document order (pre-order, iteratively).
  void scan(std::size_t k, const json& node, std::vector<Frame>& out) const {
    if (k + 1 >= tokens_.size()) return;
    const Token& target = tokens_[k + 1];
    std::vector<const json*> pending{&node};
    while (!pending.empty()) {
      const json* current = pending.back();
      pending.pop_back();
      if (!current->is_object() && !current->is_array()) continue;
      if (scan_target_accepts(target, *current)) {
        if (current->is_object() || target.leaf) {
          out.push_back({current, k + 1});
        } else {
          for (const json& element : *current) out.push_back({&element, k + 2});
        }
      }
      std::vector<const json*> children;
      for (const json& child : *current) children.push_back(&child);
      for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(*it);
    }
  }

  const std::vector<Token>& tokens_;
  const json& root_;
  int nesting_;
  std::deque<json> owned_;  // merged objects; a deque keeps their addresses stable
};

// Jayway's path functions, applied to one node.
PathLookup apply_function(const Token& token, const json& input) {
  const std::string& name = token.function;
  if (name == "length") {
    if (input.is_array() || input.is_object()) return {json(input.size()), {}};
    return {json(nullptr), {}};
  }
  if (name == "min" || name == "max" || name == "sum" || name == "avg" || name == "stddev") {
    std::vector<double> numbers;
    if (input.is_array()) {
      for (const json& element : input) {
        if (element.is_number()) numbers.push_back(element.get<double>());
      }
    }
    if (numbers.empty()) return {std::nullopt, "Aggregation function attempted to calculate value using empty array"};
    double result = 0;
    if (name == "min") {
      result = *std::min_element(numbers.begin(), numbers.end());
    } else if (name == "max") {
      result = *std::max_element(numbers.begin(), numbers.end());
    } else {
      double sum = 0;
      double squares = 0;
      for (double number : numbers) {
        sum += number;
        squares += number * number;
      }
      const double count = static_cast<double>(numbers.size());
      if (name == "sum") {
        result = sum;
      } else if (name == "avg") {
        result = sum / count;
      } else {
        result = std::sqrt(squares / count - (sum / count) * (sum / count));
      }
    }
    return {json(result), {}};
  }
  if (name == "first" || name == "last") {
    if (!input.is_array() || input.empty()) return {json(nullptr), {}};
    return {name == "first" ? input.front() : input.back(), {}};
  }
  if (name == "keys") {
    if (!input.is_object()) return {json(nullptr), {}};
    json keys = json::array();
    for (const auto& [key, value] : input.items()) keys.push_back(key);
    return {keys, {}};
  }
  return {std::nullopt, "Function of name: " + name + " cannot be created"};
}

}  // namespace

PathLookup evaluate_path_at(const Path& path, const json& start, const json& root, int filter_nesting) {
  const std::vector<Token> tokens = build_tokens(path);
  const bool has_function = !tokens.empty() && tokens.back().kind == TokenKind::Function;
  const std::size_t stop = has_function ? tokens.size() - 1 : tokens.size();
  Evaluation evaluation(tokens, root, filter_nesting);
  std::vector<const json*> reached;
  if (std::optional<std::string> error = evaluation.run(start, stop, reached)) return {std::nullopt, *error};
  const bool definite = std::all_of(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(stop),
                                    [](const Token& token) { return token.definite; });
  if (definite && reached.empty())
    return {std::nullopt, "No results for path: $" + path_text(tokens, 0, tokens.size())};
  if (has_function) {
    // Jayway applies a function to each node the steps before it select.
    if (definite) return apply_function(tokens.back(), *reached.back());
    json results = json::array();
    for (const json* node : reached) {
      PathLookup applied = apply_function(tokens.back(), *node);
      if (!applied.value) return applied;
      results.push_back(std::move(*applied.value));
    }
    return {std::move(results), {}};
  }
  if (definite) return {*reached.back(), {}};
  json results = json::array();
  for (const json* node : reached) results.push_back(*node);
  return {std::move(results), {}};
}

const json* path_document(const Path& path, const PathRoots& roots) {
  switch (path.root) {
    case PathRoot::Input:
      return roots.input;
    case PathRoot::Context:
      return roots.context;
    case PathRoot::Variable:
      if (roots.variables) {
        auto found = roots.variables->find(path.variable);
        if (found != roots.variables->end()) return &found->second;
      }
      return roots.input;
  }
  return nullptr;
}

PathLookup evaluate_path(const Path& path, const PathRoots& roots) {
  const json* document = nullptr;
  switch (path.root) {
    case PathRoot::Input:
      document = roots.input;
      if (!document) return {std::nullopt, "No input is available for path " + path.text};
      break;
    case PathRoot::Context:
      document = roots.context;
      if (!document) return {std::nullopt, "No Context Object is available for path " + path.text};
      break;
    case PathRoot::Variable: {
      if (!roots.variables) return {std::nullopt, "No variables are available for path " + path.text};
      auto found = roots.variables->find(path.variable);
      if (found == roots.variables->end()) return {std::nullopt, "The variable '" + path.variable + "' is not defined"};
      document = &found->second;
      break;
    }
  }
  // The common case, members and non-negative indexes only, is walked directly; the general
  // engine runs only to word a miss the way Jayway does.
  const bool simple = std::all_of(path.segments.begin(), path.segments.end(), [](const PathSegment& segment) {
    return segment.kind == PathSegment::Kind::Member || (segment.kind == PathSegment::Kind::Index && segment.index >= 0);
  });
  if (simple) {
    const json* node = document;
    for (const PathSegment& segment : path.segments) {
      if (segment.kind == PathSegment::Kind::Member) {
        if (!node->is_object()) return evaluate_path_at(path, *document, *document, 0);
        auto member = node->find(segment.name);
        if (member == node->end()) return evaluate_path_at(path, *document, *document, 0);
        node = &*member;
      } else {
        if (!node->is_array() || static_cast<std::size_t>(segment.index) >= node->size()) {
          return evaluate_path_at(path, *document, *document, 0);
        }
        node = &(*node)[static_cast<std::size_t>(segment.index)];
      }
    }
    return {*node, {}};
  }
  return evaluate_path_at(path, *document, *document, 0);
}

}  // namespace sfn::interp
