// Symbolic JSON values: unknown slots with their shape axioms, reads and writes of paths, payload
// templates. The concrete counterparts are interpreter/path_eval.cpp, result_path.cpp and
// payload_template.cpp; keep them in step.

#include "solver/symbolic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/value_syntax.h"

namespace sfn::solver {

// ---- slots --------------------------------------------------------------------------------------

int SlotTable::create(Slot slot, const std::string& name) {
  slot.type = smt_.int_var(name + ".type");
  slot.number = smt_.real_var(name + ".number");
  slot.string = smt_.string_var(name + ".string");
  slot.boolean = smt_.bool_var(name + ".boolean");
  slot.timestamp_valid = smt_.bool_var(name + ".timestamp_valid");
  slot.timestamp_instant = smt_.real_var(name + ".timestamp_instant");
  const int index = static_cast<int>(slots_.size());
  slots_.push_back(std::move(slot));
  Slot& created = slots_.back();
  created.axioms.push_back(smt_.le(smt_.int_val(0), created.type));
  created.axioms.push_back(smt_.le(created.type, smt_.int_val(static_cast<int>(JsonType::Array))));
  // Only a string can be a timestamp; the string itself is tied to the instant by the witness.
  created.axioms.push_back(
      smt_.implies(created.timestamp_valid, smt_.eq(created.type, smt_.int_val(static_cast<int>(JsonType::String)))));
  return index;
}

Term SlotTable::type_is(int slot, JsonType type) {
  return smt_.eq(at(slot).type, smt_.int_val(static_cast<int>(type)));
}

void SlotTable::truncate(std::size_t size) {
  if (slots_.size() <= size) return;
  slots_.resize(size);
  const int limit = static_cast<int>(size);
  for (Slot& slot : slots_) {
    std::erase_if(slot.members, [&](const auto& member) { return member.second >= limit; });
    std::erase_if(slot.elements, [&](const auto& element) { return element.second >= limit; });
    if (slot.json_of >= limit) slot.json_of = -1;
  }
}

int SlotTable::root(std::string origin, bool always_present) {
  Slot slot;
  slot.origin = std::move(origin);
  const int index = create(std::move(slot), "root" + std::to_string(slots_.size()));
  at(index).root = index;
  if (always_present) at(index).axioms.push_back(smt_.not_(type_is(index, JsonType::Missing)));
  return index;
}

void SlotTable::tie_equal(int copy, int source) {
  at(copy).equal_to = source;
  const Slot& a = at(copy);
  const Slot& b = at(source);
  std::vector<Term> equal = {smt_.eq(a.type, b.type), smt_.eq(a.number, b.number), smt_.eq(a.string, b.string),
                             smt_.eq(a.boolean, b.boolean), smt_.eq(a.timestamp_valid, b.timestamp_valid),
                             smt_.eq(a.timestamp_instant, b.timestamp_instant)};
  for (Term term : equal) at(copy).axioms.push_back(term);
}

int SlotTable::slice(int source, long long start, std::optional<long long> end) {
  Slot slot;
  slot.origin = at(source).origin;
  const int index = create(std::move(slot), "slice" + std::to_string(slots_.size()));
  at(index).root = at(source).root;
  at(index).slice_of = source;
  at(index).slice_start = start;
  at(index).slice_end = end;
  // The slice of an array is an array; of anything else, nothing is modelled (not an array).
  at(index).axioms.push_back(smt_.eq(type_is(index, JsonType::Array), type_is(source, JsonType::Array)));
  at(index).axioms.push_back(smt_.not_(type_is(index, JsonType::Missing)));
  return index;
}

int SlotTable::member(int parent, const std::string& key) {
  if (auto found = at(parent).members.find(key); found != at(parent).members.end()) return found->second;
  Slot slot;
  slot.origin = at(parent).origin;
  slot.root = at(parent).root;
  slot.parent = parent;
  slot.key = key;
  const int index = create(std::move(slot), "m" + std::to_string(slots_.size()));
  at(parent).members[key] = index;
  // A member exists exactly when the parent is an object that has it.
  const Term present = smt_.not_(type_is(index, JsonType::Missing));
  at(index).axioms.push_back(smt_.implies(present, type_is(parent, JsonType::Object)));
  if (at(parent).equal_to >= 0) tie_equal(index, member(at(parent).equal_to, key));
  return index;
}

int SlotTable::element(int parent, long long position) {
  if (auto found = at(parent).elements.find(position); found != at(parent).elements.end()) return found->second;
  Slot slot;
  slot.origin = at(parent).origin;
  slot.root = at(parent).root;
  slot.parent = parent;
  slot.index = position;
  const int index = create(std::move(slot), "e" + std::to_string(slots_.size()));
  at(parent).elements[position] = index;
  const Term present = smt_.not_(type_is(index, JsonType::Missing));
  at(index).axioms.push_back(smt_.implies(present, type_is(parent, JsonType::Array)));
  // Arrays have no holes: an element exists only when every earlier element we know of exists.
  for (const auto& [other_position, other] : at(parent).elements) {
    if (other == index) continue;
    const Term other_present = smt_.not_(type_is(other, JsonType::Missing));
    if (other_position < position) at(index).axioms.push_back(smt_.implies(present, other_present));
    if (other_position > position) at(index).axioms.push_back(smt_.implies(other_present, present));
  }
  if (at(parent).equal_to >= 0) {
    tie_equal(index, element(at(parent).equal_to, position));
  } else if (at(parent).slice_of >= 0) {
    const long long from = at(parent).slice_start + position;
    if (at(parent).slice_end && from >= *at(parent).slice_end) {
      at(index).axioms.push_back(type_is(index, JsonType::Missing));
    } else {
      tie_equal(index, element(at(parent).slice_of, from));
    }
  }
  return index;
}

std::optional<nlohmann::json> SlotTable::model_value(int index) {
  const long long type = smt_.model_int(at(index).type);
  switch (static_cast<JsonType>(type)) {
    case JsonType::Missing: return std::nullopt;
    case JsonType::Null: return nlohmann::json(nullptr);
    case JsonType::Boolean: return nlohmann::json(smt_.model_bool(at(index).boolean));
    case JsonType::Number: {
      nlohmann::json number = nlohmann::json::parse(smt_.model_number(at(index).number), nullptr, false);
      return number.is_number() ? number : nlohmann::json(0);
    }
    case JsonType::String:
      if (at(index).json_of >= 0) {  // the text States.StringToJson parses into that value
        return nlohmann::json(model_value(at(index).json_of).value_or(nlohmann::json(nullptr)).dump());
      }
      if (at(index).read_as_timestamp && smt_.model_bool(at(index).timestamp_valid)) {
        const nlohmann::json instant =
            nlohmann::json::parse(smt_.model_number(at(index).timestamp_instant), nullptr, false);
        return nlohmann::json(format_instant(instant.is_number() ? instant.get<double>() : 0.0));
      }
      return nlohmann::json(smt_.model_string(at(index).string));
    case JsonType::Object: {
      nlohmann::json object = nlohmann::json::object();
      // Copy the member list: model_value may not add slots, but keep iteration safe anyway.
      const std::map<std::string, int> members = at(index).members;
      for (const auto& [key, member_slot] : members) {
        if (std::optional<nlohmann::json> value = model_value(member_slot)) object[key] = std::move(*value);
      }
      return object;
    }
    case JsonType::Array: {
      nlohmann::json array = nlohmann::json::array();
      const std::map<long long, int> elements = at(index).elements;
      for (const auto& [position, element_slot] : elements) {
        std::optional<nlohmann::json> value = model_value(element_slot);
        if (!value) break;
        while (static_cast<long long>(array.size()) < position) array.push_back(nullptr);
        array.push_back(std::move(*value));
      }
      return array;
    }
  }
  return nlohmann::json(nullptr);
}

// ---- nodes --------------------------------------------------------------------------------------

NodePtr known_node(nlohmann::json value) {
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::Known;
  node->known = std::move(value);
  return node;
}

NodePtr slot_node(int slot) {
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::Slot;
  node->slot = slot;
  return node;
}

namespace {

JsonType known_type(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null: return JsonType::Null;
    case nlohmann::json::value_t::boolean: return JsonType::Boolean;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return JsonType::Number;
    case nlohmann::json::value_t::string: return JsonType::String;
    case nlohmann::json::value_t::object: return JsonType::Object;
    case nlohmann::json::value_t::array: return JsonType::Array;
    default: return JsonType::Null;
  }
}

}  // namespace

Term Documents::presence(const NodePtr& node) {
  if (!node) return smt_.bool_val(false);
  if (node->kind == Node::Kind::Slot) return smt_.not_(slots_.type_is(node->slot, JsonType::Missing));
  if (node->kind == Node::Kind::Object && node->type) {
    return smt_.not_(smt_.eq(*node->type, smt_.int_val(static_cast<int>(JsonType::Missing))));
  }
  return smt_.bool_val(true);
}

TypedValue Documents::typed(const NodePtr& node) {
  TypedValue value;
  if (node && node->kind == Node::Kind::Slot) {
    const Slot& slot = slots_.at(node->slot);
    return TypedValue{slot.type, slot.number, slot.string, slot.boolean, slot.timestamp_valid, slot.timestamp_instant,
                      true};
  }
  value.number = smt_.real_val(0);
  value.boolean = smt_.bool_val(false);
  value.timestamp_valid = smt_.bool_val(false);
  value.timestamp_instant = smt_.real_val(0);
  value.string = *smt_.string_val("");
  if (!node) {
    value.type = smt_.int_val(static_cast<int>(JsonType::Missing));
    return value;
  }
  if (node->kind == Node::Kind::Object) {
    value.type = node->type ? *node->type : smt_.int_val(static_cast<int>(JsonType::Object));
    return value;
  }
  if (node->kind == Node::Kind::Array) {
    value.type = smt_.int_val(static_cast<int>(JsonType::Array));
    return value;
  }
  const nlohmann::json& known = node->known;
  value.type = smt_.int_val(static_cast<int>(known_type(known)));
  if (known.is_number()) value.number = smt_.real_val(known.get<double>());
  if (known.is_boolean()) value.boolean = smt_.bool_val(known.get<bool>());
  if (known.is_string()) {
    const std::string& text = known.get_ref<const std::string&>();
    if (std::optional<Term> literal = smt_.string_val(text)) {
      value.string = *literal;
    } else {
      value.string = smt_.string_var("unencodable");
      value.exact = false;
    }
    if (std::optional<Instant> instant = parse_timestamp(text)) {
      value.timestamp_valid = smt_.bool_val(true);
      value.timestamp_instant =
          smt_.real_val(static_cast<double>(instant->seconds) + static_cast<double>(instant->nanos) / 1e9);
    }
  }
  return value;
}

ReadResult Documents::read_member(const ReadResult& from, const std::string& key) {
  ReadResult result;
  result.opaque_origin = from.opaque_origin;
  const NodePtr& node = from.node;
  if (!node) {
    result.present = smt_.bool_val(false);
    result.statically_missing = from.statically_missing;
    return result;
  }
  switch (node->kind) {
    case Node::Kind::Known:
      if (node->known.is_object() && node->known.contains(key)) {
        result.node = known_node(node->known.at(key));
        result.present = smt_.bool_val(true);
      } else {
        result.present = smt_.bool_val(false);
        result.statically_missing = true;
      }
      return result;
    case Node::Kind::Slot: {
      const int member = slots_.member(node->slot, key);
      result.node = slot_node(member);
      result.present = presence(result.node);
      result.opaque_origin = slots_.at(member).origin;
      return result;
    }
    case Node::Kind::Object: {
      if (auto found = node->members.find(key); found != node->members.end()) {
        result.node = found->second;
        result.present = presence(found->second);
        result.written_by = found->second->written_by;
        if (found->second->kind == Node::Kind::Slot) result.opaque_origin = slots_.at(found->second->slot).origin;
        return result;
      }
      if (node->base) {
        ReadResult base{node->base, presence(node->base), false, from.opaque_origin, "", false};
        return read_member(base, key);
      }
      result.present = smt_.bool_val(false);
      result.statically_missing = true;
      return result;
    }
    case Node::Kind::Array:
      result.present = smt_.bool_val(false);
      result.statically_missing = true;
      return result;
  }
  return result;
}

ReadResult Documents::read_index(const ReadResult& from, long long index) {
  ReadResult result;
  result.opaque_origin = from.opaque_origin;
  const NodePtr& node = from.node;
  result.present = smt_.bool_val(false);
  if (!node) {
    result.statically_missing = from.statically_missing;
    return result;
  }
  switch (node->kind) {
    case Node::Kind::Known: {
      const nlohmann::json& array = node->known;
      // Jayway: a negative index counts from the end.
      const long long size = array.is_array() ? static_cast<long long>(array.size()) : 0;
      const long long position = index < 0 ? size + index : index;
      if (array.is_array() && position >= 0 && position < size) {
        result.node = known_node(array.at(static_cast<std::size_t>(position)));
        result.present = smt_.bool_val(true);
      } else {
        result.statically_missing = true;
      }
      return result;
    }
    case Node::Kind::Slot: {
      if (index < 0) {  // a position from the end of an unknown array: not modelled
        result.unsupported = true;
        result.node = slot_node(slots_.root("an element counted from the end", false));
        result.present = presence(result.node);
        return result;
      }
      const int element = slots_.element(node->slot, index);
      result.node = slot_node(element);
      result.present = presence(result.node);
      result.opaque_origin = slots_.at(element).origin;
      return result;
    }
    case Node::Kind::Array: {
      const long long size = static_cast<long long>(node->elements.size());
      const long long position = index < 0 ? size + index : index;
      if (position >= 0 && position < size) {
        result.node = node->elements[static_cast<std::size_t>(position)];
        result.present = presence(result.node);
      } else {
        result.statically_missing = true;
      }
      return result;
    }
    case Node::Kind::Object:
      if (node->type && node->base) {  // a havocked location may still hold its original array
        ReadResult base{node->base, presence(node->base), false, from.opaque_origin, "", false};
        return read_index(base, index);
      }
      result.statically_missing = true;
      return result;
  }
  return result;
}

ReadResult Documents::read(const NodePtr& root, const Path& path, const Variables& variables,
                           const NodePtr& context) {
  ReadResult current;
  switch (path.root) {
    case PathRoot::Input: current.node = root; break;
    case PathRoot::Context: current.node = context; break;
    case PathRoot::Variable: {
      auto found = variables.values.find(path.variable);
      // A variable the solver has not seen assigned is unknown (assigned in an outer scope, say).
      current.node = found != variables.values.end() ? found->second
                                                     : slot_node(slots_.root("the variable $" + path.variable));
      break;
    }
  }
  current.present = presence(current.node);
  for (const PathSegment& segment : path.segments) {
    if (segment.kind == PathSegment::Kind::Member) {
      current = read_member(current, segment.name);
    } else if (segment.kind == PathSegment::Kind::Index) {
      current = read_index(current, segment.index);
    } else if (segment.kind == PathSegment::Kind::Slice && current.node && current.node->kind == Node::Kind::Slot &&
               segment.slice_start.value_or(0) >= 0 && segment.slice_end.value_or(0) >= 0 &&
               segment.slice_step.value_or(1) == 1) {
      // [start:end] of an unknown array: element i of the result is element start + i.
      const int source = current.node->slot;
      const int sliced = slots_.slice(source, segment.slice_start.value_or(0), segment.slice_end);
      ReadResult result;
      result.node = slot_node(sliced);
      result.present = smt_.and_(current.present, slots_.type_is(source, JsonType::Array));
      result.opaque_origin = current.opaque_origin;
      current = result;
    } else {
      // Wildcards, filters, slices, functions: the value is not modelled (an unknown). As the
      // interpreter reads Jayway: a missing container fails; a filter also fails on a scalar one;
      // otherwise the result is a list (perhaps empty).
      ReadResult unknown;
      unknown.unsupported = true;
      unknown.node = slot_node(slots_.root("the value of " + path.text));
      const TypedValue container = typed(current.node);
      unknown.present = current.present;
      if (segment.kind == PathSegment::Kind::Filter) {
        unknown.present = smt_.and_(
            current.present, smt_.or_(smt_.eq(container.type, smt_.int_val(static_cast<int>(JsonType::Object))),
                                      smt_.eq(container.type, smt_.int_val(static_cast<int>(JsonType::Array)))));
      }
      unknown.opaque_origin = current.opaque_origin;
      return unknown;
    }
  }
  return current;
}

Documents::WriteResult Documents::write(const NodePtr& document, const Path& path, NodePtr value,
                                        const std::string& state_name) {
  WriteResult result;
  if (path.root != PathRoot::Input) {
    result.unsupported = true;
    result.document = slot_node(slots_.root("the output of '" + state_name + "'"));
    result.raises = smt_.bool_val(false);
    return result;
  }
  for (const PathSegment& segment : path.segments) {
    if (segment.kind != PathSegment::Kind::Member) {
      result.unsupported = true;
      result.document = slot_node(slots_.root("the output of '" + state_name + "'"));
      result.raises = smt_.bool_val(false);
      return result;
    }
  }
  if (path.segments.empty()) {  // "$": the value replaces the input
    result.document = std::move(value);
    result.raises = smt_.bool_val(false);
    return result;
  }
  auto marked = std::make_shared<Node>(*value);
  marked->written_by = state_name;
  std::vector<Term> raises;
  // Rebuild the spine from the root: each container on the way must be an object or missing (a
  // missing one is created); the document root must be an object [§3.4].
  std::function<NodePtr(const NodePtr&, std::size_t, bool)> rebuild = [&](const NodePtr& container, std::size_t depth,
                                                                          bool is_root) -> NodePtr {
    const Term present = presence(container);
    const Term is_object = smt_.eq(typed(container).type, smt_.int_val(static_cast<int>(JsonType::Object)));
    raises.push_back(is_root ? smt_.not_(is_object) : smt_.and_(present, smt_.not_(is_object)));
    auto object = std::make_shared<Node>();
    object->kind = Node::Kind::Object;
    object->base = container;
    if (container && container->kind == Node::Kind::Object && !container->type) {
      // Flatten: keep the members the machine set, on the same base.
      object->members = container->members;
      object->base = container->base;
      object->written_by = container->written_by;
    } else if (container && container->kind == Node::Kind::Known && container->known.is_object()) {
      object->base = nullptr;
      for (const auto& [key, member] : container->known.items()) object->members[key] = known_node(member);
    } else if (container && container->kind == Node::Kind::Known) {
      object->base = nullptr;  // a missing/non-object container: the write raises or creates it
    }
    const std::string& key = path.segments[depth].name;
    if (depth + 1 == path.segments.size()) {
      object->members[key] = marked;
    } else {
      ReadResult child = read_member(ReadResult{container, present, false, "", "", false}, key);
      object->members[key] = rebuild(child.node, depth + 1, false);
    }
    return object;
  };
  result.document = rebuild(document, 0, true);
  result.raises = smt_.or_(raises);
  return result;
}

Documents::TemplateResult Documents::evaluate_template(const nlohmann::json& payload, const NodePtr& input,
                                                       const Variables& variables, const NodePtr& context,
                                                       const std::string& field, const std::string& state_name) {
  TemplateResult result;
  if (payload.is_array()) {
    auto array = std::make_shared<Node>();
    array->kind = Node::Kind::Array;
    for (std::size_t i = 0; i < payload.size(); ++i) {
      TemplateResult element =
          evaluate_template(payload[i], input, variables, context, field + "[" + std::to_string(i) + "]", state_name);
      array->elements.push_back(element.value);
      for (RaiseSite& site : element.raises) result.raises.push_back(std::move(site));
    }
    result.value = array;
    return result;
  }
  if (!payload.is_object()) {
    result.value = known_node(payload);
    return result;
  }
  auto object = std::make_shared<Node>();
  object->kind = Node::Kind::Object;
  for (const auto& [key, member] : payload.items()) {
    const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
    if (!dynamic) {
      TemplateResult nested = evaluate_template(member, input, variables, context, field + "." + key, state_name);
      object->members[key] = nested.value;
      for (RaiseSite& site : nested.raises) result.raises.push_back(std::move(site));
      continue;
    }
    const std::string name = key.substr(0, key.size() - 2);
    if (!member.is_string()) {
      object->members[name] = known_node(member);
      continue;
    }
    const std::string text = member.get<std::string>();
    if (looks_like_intrinsic(text)) {
      IntrinsicParseResult parsed = parse_intrinsic(text);
      if (!parsed.call) {
        object->members[name] = slot_node(slots_.root("the value of " + text + " in '" + state_name + "'"));
        continue;
      }
      TemplateResult value = evaluate_intrinsic(*parsed.call, input, variables, context, field + "." + key, state_name);
      object->members[name] = value.value;
      for (RaiseSite& site : value.raises) result.raises.push_back(std::move(site));
      continue;
    }
    std::optional<Path> path = parse_path(text).path;
    if (!path) {
      object->members[name] = slot_node(slots_.root("the value of " + text));
      continue;
    }
    ReadResult read = this->read(input, *path, variables, context);
    RaiseSite site;
    site.condition = smt_.not_(read.present);
    site.field = field + "." + key;
    site.path_text = text;
    if (path->root == PathRoot::Input) {
      for (const PathSegment& segment : path->segments) {
        site.location.push_back(segment.kind == PathSegment::Kind::Member ? segment.name
                                                                           : "[" + std::to_string(segment.index) + "]");
      }
    }
    site.read = read;
    result.raises.push_back(std::move(site));
    object->members[name] = read.node ? read.node : known_node(nullptr);
  }
  result.value = object;
  return result;
}

Documents::TemplateResult Documents::evaluate_intrinsic(const IntrinsicCall& call, const NodePtr& input,
                                                        const Variables& variables, const NodePtr& context,
                                                        const std::string& field, const std::string& state_name) {
  TemplateResult result;
  std::vector<NodePtr> arguments;
  for (const IntrinsicArgument& argument : call.arguments) {
    switch (argument.kind) {
      case IntrinsicArgument::Kind::String: arguments.push_back(known_node(argument.string_value)); break;
      case IntrinsicArgument::Kind::Number: arguments.push_back(known_node(argument.number_value)); break;
      case IntrinsicArgument::Kind::Boolean: arguments.push_back(known_node(argument.boolean_value)); break;
      case IntrinsicArgument::Kind::Null: arguments.push_back(known_node(nullptr)); break;
      case IntrinsicArgument::Kind::Path: {
        if (!argument.path) {
          arguments.push_back(slot_node(slots_.root("the value of " + argument.text, false)));
          break;
        }
        ReadResult read = this->read(input, *argument.path, variables, context);
        RaiseSite site;
        site.condition = smt_.not_(read.present);
        site.field = field;
        site.path_text = argument.path->text;
        if (argument.path->root == PathRoot::Input) {
          for (const PathSegment& segment : argument.path->segments) {
            site.location.push_back(segment.kind == PathSegment::Kind::Member ? segment.name
                                                                               : "[" + std::to_string(segment.index) + "]");
          }
        }
        site.read = read;
        result.raises.push_back(std::move(site));
        arguments.push_back(read.node ? read.node : known_node(nullptr));
        break;
      }
      case IntrinsicArgument::Kind::Call: {
        TemplateResult nested = evaluate_intrinsic(*argument.call, input, variables, context, field, state_name);
        for (RaiseSite& site : nested.raises) result.raises.push_back(std::move(site));
        arguments.push_back(nested.value);
        break;
      }
    }
  }
  auto type_is = [&](std::size_t index, JsonType type) {
    return smt_.eq(typed(arguments[index]).type, smt_.int_val(static_cast<int>(type)));
  };
  // An argument of the wrong type makes the call fail (States.Runtime, the interpreter's default).
  auto require = [&](std::size_t index, JsonType type) {
    if (index >= arguments.size()) return;
    RaiseSite site;
    site.condition = smt_.and_(presence(arguments[index]), smt_.not_(type_is(index, type)));
    site.field = field;
    site.path_text = call.name;
    result.raises.push_back(std::move(site));
  };
  // The result: an unknown of the function's result type, tied to its arguments where modelled.
  auto typed_result = [&](JsonType type) {
    const int slot = slots_.root("the value of " + call.name + " in '" + state_name + "'");
    slots_.at(slot).axioms.push_back(slots_.type_is(slot, type));
    return slot;
  };
  const std::string& name = call.name;
  if (name == "States.Array") {
    auto array = std::make_shared<Node>();
    array->kind = Node::Kind::Array;
    array->elements = arguments;
    result.value = array;
  } else if (name == "States.MathAdd" && arguments.size() == 2) {
    require(0, JsonType::Number);
    require(1, JsonType::Number);
    const int slot = typed_result(JsonType::Number);
    const TypedValue a = typed(arguments[0]), b = typed(arguments[1]);
    // Whole numbers add exactly (fractions are rounded first, as Java's Math.round: not modelled).
    slots_.at(slot).axioms.push_back(smt_.implies(smt_.and_(smt_.is_integer(a.number), smt_.is_integer(b.number)),
                                                  smt_.eq(slots_.at(slot).number, smt_.add(a.number, b.number))));
    slots_.at(slot).axioms.push_back(smt_.is_integer(slots_.at(slot).number));
    result.value = slot_node(slot);
  } else if (name == "States.ArrayLength") {
    require(0, JsonType::Array);
    const int slot = typed_result(JsonType::Number);
    slots_.at(slot).axioms.push_back(smt_.is_integer(slots_.at(slot).number));
    slots_.at(slot).axioms.push_back(smt_.le(smt_.real_val(0), slots_.at(slot).number));
    result.value = slot_node(slot);
  } else if (name == "States.ArrayContains") {
    require(0, JsonType::Array);
    result.value = slot_node(typed_result(JsonType::Boolean));
  } else if (name == "States.ArrayGetItem" || name == "States.ArrayUnique" || name == "States.ArrayPartition") {
    require(0, JsonType::Array);
    if (name != "States.ArrayGetItem") require(1, JsonType::Number);
    result.value = slot_node(name == "States.ArrayGetItem" ? slots_.root("the value of " + name + " in '" + state_name + "'")
                                                           : typed_result(JsonType::Array));
  } else if (name == "States.Format" || name == "States.JsonToString" || name == "States.UUID" ||
             name == "States.Base64Encode" || name == "States.Base64Decode" || name == "States.Hash") {
    if (name == "States.Format" || name == "States.Base64Encode" || name == "States.Base64Decode" ||
        name == "States.Hash") {
      require(0, JsonType::String);
    }
    result.value = slot_node(typed_result(JsonType::String));
  } else if (name == "States.StringSplit" || name == "States.ArrayRange") {
    if (name == "States.StringSplit") {
      require(0, JsonType::String);
      require(1, JsonType::String);
    }
    result.value = slot_node(typed_result(JsonType::Array));
  } else if (name == "States.MathRandom") {
    require(0, JsonType::Number);
    require(1, JsonType::Number);
    result.value = slot_node(typed_result(JsonType::Number));
  } else if (name == "States.StringToJson" && !arguments.empty()) {
    require(0, JsonType::String);
    const NodePtr& text = arguments[0];
    if (text->kind == Node::Kind::Known && text->known.is_string()) {
      nlohmann::json parsed = nlohmann::json::parse(text->known.get<std::string>(), nullptr, false);
      if (parsed.is_discarded()) {
        RaiseSite site;
        site.condition = smt_.bool_val(true);
        site.field = field;
        site.path_text = name;
        result.raises.push_back(std::move(site));
        result.value = known_node(nullptr);
      } else {
        result.value = known_node(std::move(parsed));
      }
    } else if (text->kind == Node::Kind::Slot && slots_.at(text->slot).json_of < 0) {
      // The argument is an unknown string: the witness writes it as the JSON text of the value
      // the rest of the run needs (tied only through the witness, which replay checks).
      const int value = slots_.root("the JSON in " + slots_.at(text->slot).origin);
      slots_.at(text->slot).json_of = value;
      result.value = slot_node(value);
    } else if (text->kind == Node::Kind::Slot) {
      result.value = slot_node(slots_.at(text->slot).json_of);
    } else {
      result.value = slot_node(slots_.root("the value of " + name + " in '" + state_name + "'"));
    }
  } else {
    result.value = slot_node(slots_.root("the value of " + name + " in '" + state_name + "'"));
  }
  return result;
}

void Documents::collect_slots(const NodePtr& node, std::vector<int>& out) const {
  if (!node) return;
  if (node->kind == Node::Kind::Slot) out.push_back(node->slot);
  for (const auto& [key, member] : node->members) collect_slots(member, out);
  for (const NodePtr& element : node->elements) collect_slots(element, out);
  collect_slots(node->base, out);
}

NodePtr context_object(SlotTable& slots, Smt& smt, const NodePtr& execution_input) {
  auto typed_member = [&](const std::string& name, JsonType type) {
    const int slot = slots.root("$$." + name);
    slots.at(slot).axioms.push_back(slots.type_is(slot, type));
    if (name.find("Time") != std::string::npos) slots.at(slot).axioms.push_back(slots.at(slot).timestamp_valid);
    (void)smt;
    return slot_node(slot);
  };
  auto object = [](std::map<std::string, NodePtr> members) {
    auto node = std::make_shared<Node>();
    node->kind = Node::Kind::Object;
    node->members = std::move(members);
    return NodePtr(node);
  };
  NodePtr execution = object({{"Id", typed_member("Execution.Id", JsonType::String)},
                              {"Input", execution_input},
                              {"Name", typed_member("Execution.Name", JsonType::String)},
                              {"RoleArn", typed_member("Execution.RoleArn", JsonType::String)},
                              {"StartTime", typed_member("Execution.StartTime", JsonType::String)},
                              {"RedriveCount", typed_member("Execution.RedriveCount", JsonType::Number)}});
  NodePtr state = object({{"EnteredTime", typed_member("State.EnteredTime", JsonType::String)},
                          {"Name", typed_member("State.Name", JsonType::String)},
                          {"RetryCount", typed_member("State.RetryCount", JsonType::Number)}});
  NodePtr machine = object({{"Id", typed_member("StateMachine.Id", JsonType::String)},
                            {"Name", typed_member("StateMachine.Name", JsonType::String)}});
  NodePtr task = object({{"Token", typed_member("Task.Token", JsonType::String)}});
  return object({{"Execution", execution}, {"State", state}, {"StateMachine", machine}, {"Task", task}});
}

std::string format_instant(double seconds_since_epoch) {
  // Years 0000-9999 only (AWS's profile); the model may propose anything.
  if (!std::isfinite(seconds_since_epoch)) seconds_since_epoch = 0;
  seconds_since_epoch = std::clamp(seconds_since_epoch, -62167219200.0, 253402300799.0);
  long long total = static_cast<long long>(std::floor(seconds_since_epoch));
  long long days = total >= 0 ? total / 86400 : (total - 86399) / 86400;
  long long rest = total - days * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  days += 719468;
  const long long era = (days >= 0 ? days : days - 146096) / 146097;
  const long long day_of_era = days - era * 146097;
  const long long year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  long long year = year_of_era + era * 400;
  const long long day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const long long month_index = (5 * day_of_year + 2) / 153;
  const long long day = day_of_year - (153 * month_index + 2) / 5 + 1;
  const long long month = month_index < 10 ? month_index + 3 : month_index - 9;
  if (month <= 2) ++year;
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", year, month, day, rest / 3600,
                (rest / 60) % 60, rest % 60);
  return buffer;
}

}  // namespace sfn::solver
