#include "testgen/machine_reads.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>

#include "analyzer/intrinsic_syntax.h"
#include "analyzer/jsonata_syntax.h"
#include "analyzer/value_syntax.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

// Where the virtual clock starts (interp::RunOptions::start_time): Wait timestamps around it.
constexpr std::int64_t kClockStart = 1704067200;  // 2024-01-01T00:00:00Z

// The reference-path part of a path read from $: members and indexes up to the first segment of
// another kind. `deeper` says whether more followed (a wildcard, filter, slice: an array or object).
std::optional<Location> location_of(const Path& path, bool& deeper) {
  deeper = false;
  if (path.root != PathRoot::Input) return std::nullopt;
  Location steps;
  for (const PathSegment& segment : path.segments) {
    if (segment.kind == PathSegment::Kind::Member) {
      steps.push_back(LocationStep{false, segment.name, 0});
    } else if (segment.kind == PathSegment::Kind::Index && segment.index >= 0 && segment.index < 8) {
      steps.push_back(LocationStep{true, "", static_cast<std::size_t>(segment.index)});
    } else {
      deeper = segment.kind != PathSegment::Kind::RecursiveDescent;
      break;
    }
  }
  return steps;
}

std::vector<json> string_neighbours(const std::string& text) {
  std::vector<json> values{text, text + "a", ""};
  if (!text.empty()) {
    values.push_back(text.substr(0, text.size() - 1));
    const unsigned char last = static_cast<unsigned char>(text.back());
    if (last > 0x20 && last < 0x7e) {
      std::string above = text, below = text;
      above.back() = static_cast<char>(last + 1);
      below.back() = static_cast<char>(last - 1);
      values.push_back(above);
      values.push_back(below);
    }
    // Comparisons are case-sensitive.
    std::string other_case = text;
    for (char& c : other_case)
      c = std::islower(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c))
                                                      : static_cast<char>(std::tolower(c));
    if (other_case != text) values.push_back(other_case);
  }
  return values;
}

std::vector<json> number_neighbours(const json& number) {
  std::vector<json> values;
  const double n = number.get<double>();
  if (number.is_number_integer() && std::abs(n) < 1e15) {
    const std::int64_t whole = number.get<std::int64_t>();
    values = {whole, whole - 1, whole + 1, n};  // and the same value written as a float (42.0)
  } else {
    values = {number, n - 1, n + 1};
  }
  values.push_back(n - 0.5);
  values.push_back(n + 0.5);
  return values;
}

// The instant one second before and after, the same instant with a fraction, in another zone, and
// a near miss that is not a timestamp at all.
std::vector<json> timestamp_neighbours(const std::string& text) {
  std::vector<json> values{text};
  if (std::optional<Instant> instant = parse_timestamp(text)) {
    for (std::int64_t delta : {-1, 0, 1}) values.push_back(format_timestamp(instant->seconds + delta, instant->nanos));
    values.push_back(format_timestamp(instant->seconds, instant->nanos + 500000000u < 1000000000u
                                                            ? instant->nanos + 500000000u
                                                            : instant->nanos - 500000000u));
    std::string shifted = format_timestamp(instant->seconds + 3600);  // the same instant at +01:00
    values.push_back(shifted.substr(0, shifted.size() - 1) + "+01:00");
    std::string lower = format_timestamp(instant->seconds);
    lower[10] = 't';
    values.push_back(lower);
  }
  return values;
}

// Strings a StringMatches pattern matches (each '*' as nothing, or as "xy") and one it does not.
std::vector<json> pattern_instances(const std::string& pattern) {
  std::string empty_stars, filled_stars;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      empty_stars += pattern[i + 1];
      filled_stars += pattern[i + 1];
      ++i;
    } else if (pattern[i] == '*') {
      filled_stars += "xy";
    } else {
      empty_stars += pattern[i];
      filled_stars += pattern[i];
    }
  }
  return {empty_stars, filled_stars, filled_stars + "!", "!" + empty_stars, pattern};
}

std::vector<json> number_field_hints() { return {0, 1, 2, 5, -1, 1.5}; }

std::vector<json> timestamp_field_hints() {
  return {format_timestamp(kClockStart - 1), format_timestamp(kClockStart), format_timestamp(kClockStart + 1),
          format_timestamp(kClockStart + 10), "not a timestamp"};
}

// Values compared with the operand of a *Path operator: a few of the operator's type, so that two
// locations can hold equal and ordered values.
std::vector<json> family_hints(std::string_view name) {
  if (name.rfind("String", 0) == 0) return {"", "a", "b"};
  if (name.rfind("Numeric", 0) == 0) return {0, 1, 2, 1.5};
  if (name.rfind("Boolean", 0) == 0) return {true, false};
  if (name.rfind("Timestamp", 0) == 0) {
    return {format_timestamp(kClockStart - 1), format_timestamp(kClockStart), format_timestamp(kClockStart + 1)};
  }
  return {};
}

std::vector<json> type_test_hints(ChoiceOperator op) {
  switch (op) {
    case ChoiceOperator::IsNull:
      return {nullptr};
    case ChoiceOperator::IsNumeric:
      return {1, "1"};
    case ChoiceOperator::IsString:
      return {"s", 1};
    case ChoiceOperator::IsBoolean:
      return {true, "true"};
    case ChoiceOperator::IsTimestamp:
      return {format_timestamp(kClockStart), "2024-01-01 00:00:00"};
    default:
      return {};
  }
}

class Collector {
 public:
  Collector(const StateMachine& machine, const std::vector<CompiledState>& compiled)
      : machine_(machine), compiled_(compiled) {}

  MachineReads run() {
    jsonata_result_reads_.resize(machine_.states.size());
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      const State& state = machine_.states[i];
      if (state.query_language == QueryLanguage::Jsonata) {
        if (state.definition) collect_jsonata_value(static_cast<int>(i), *state.definition, false, nullptr);
      } else {
        collect_state(state, compiled_[i]);
      }
    }
    apply_variable_hints();
    add_jsonata_output_reads();
    for (const ReadLocation& location : reads_.locations) {
      for (const json& hint : location.hints) add_hint(reads_.constants, hint);
    }
    reads_.result_reads.resize(machine_.states.size());
    reads_.error_names.resize(machine_.states.size());
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      reads_.result_reads[i] = machine_.states[i].query_language == QueryLanguage::Jsonata
                                   ? std::move(jsonata_result_reads_[i])
                                   : result_reads(compiled_[i]);
      reads_.error_names[i] = error_names(static_cast<int>(i));
    }
    return std::move(reads_);
  }

 private:
  ReadLocation& add(std::vector<ReadLocation>& into, const Location& steps) {
    for (ReadLocation& existing : into) {
      if (existing.steps == steps) return existing;
    }
    into.push_back(ReadLocation{steps, {}, false});
    return into.back();
  }

  void add_path(std::vector<ReadLocation>& into, const Path& path, const std::vector<json>& hints = {},
                bool wants_array = false) {
    bool deeper = false;
    std::optional<Location> steps = location_of(path, deeper);
    if (!steps) return;
    ReadLocation& location = add(into, *steps);
    location.wants_array = location.wants_array || wants_array || deeper;
    for (const json& hint : hints) add_hint(location.hints, hint);
  }
  void add_path(const Path& path, const std::vector<json>& hints = {}, bool wants_array = false) {
    add_path(reads_.locations, path, hints, wants_array);
  }
  void add_field(const PathField& field, bool wants_array = false) {
    if (field.path) add_path(*field.path, {}, wants_array);
  }

  void add_call(std::vector<ReadLocation>& into, const IntrinsicCall& call) {
    const bool array_function = call.name.rfind("States.Array", 0) == 0 && call.name != "States.ArrayRange";
    for (std::size_t i = 0; i < call.arguments.size(); ++i) {
      const IntrinsicArgument& argument = call.arguments[i];
      if (argument.kind == IntrinsicArgument::Kind::Path && argument.path) {
        add_path(into, *argument.path, {}, array_function && i == 0);
      } else if (argument.kind == IntrinsicArgument::Kind::Call && argument.call) {
        add_call(into, *argument.call);
      }
    }
  }

  // The `.$` entries of a payload template, at any depth.
  void add_template(std::vector<ReadLocation>& into, const json* payload) {
    if (!payload) return;
    if (payload->is_array()) {
      for (const json& element : *payload) add_template(into, &element);
      return;
    }
    if (!payload->is_object()) return;
    for (const auto& [key, value] : payload->items()) {
      const bool dynamic = key.size() > 2 && key.compare(key.size() - 2, 2, ".$") == 0;
      if (!dynamic) {
        add_template(into, &value);
        continue;
      }
      if (!value.is_string()) continue;
      const std::string& text = value.get_ref<const std::string&>();
      if (looks_like_intrinsic(text)) {
        if (std::optional<IntrinsicCall> call = parse_intrinsic(text).call) add_call(into, *call);
      } else if (std::optional<Path> path = parse_path(text).path) {
        add_path(into, *path);
      }
    }
  }

  void add_dynamic_string(const std::optional<DynamicString>& source) {
    if (!source) return;
    if (source->path) add_path(*source->path, {"Custom.Error", "a cause"});
    if (source->call) add_call(reads_.locations, *source->call);
  }

  void add_rule(const ChoiceRule& rule) {
    for (const ChoiceRule& child : rule.children) add_rule(child);
    if (!rule.variable_path) return;
    std::vector<json> hints;
    const ChoiceOperatorInfo* info = nullptr;
    for (const ChoiceOperatorInfo& candidate : comparison_operators()) {
      if (candidate.op == rule.op) info = &candidate;
    }
    if (!info) return;
    switch (info->operand) {
      case OperandKind::String:
        if (rule.operand.is_string()) hints = string_neighbours(rule.operand.get<std::string>());
        break;
      case OperandKind::Pattern:
        if (rule.operand.is_string()) hints = pattern_instances(rule.operand.get<std::string>());
        break;
      case OperandKind::Number:
        if (rule.operand.is_number()) hints = number_neighbours(rule.operand);
        break;
      case OperandKind::Boolean:
        hints = {true, false};
        break;
      case OperandKind::Timestamp:
        if (rule.operand.is_string()) hints = timestamp_neighbours(rule.operand.get<std::string>());
        break;
      case OperandKind::TypeTest:
        hints = type_test_hints(rule.op);
        break;
      case OperandKind::Path:
        hints = family_hints(info->name);
        if (rule.operand_path) add_path(*rule.operand_path, hints);
        break;
      case OperandKind::None:
        break;
    }
    add_path(*rule.variable_path, hints);
  }

  void collect_state(const State& state, const CompiledState& fields) {
    add_field(fields.input_path);
    add_field(fields.output_path);
    add_field(fields.result_path);
    add_field(fields.items_path, /*wants_array=*/true);
    for (const PathField& field : fields.catcher_result_paths) add_field(field);
    add_template(reads_.locations, fields.parameters);
    add_template(reads_.locations, fields.result_selector);
    add_template(reads_.locations, fields.assign);
    for (const json* assign : fields.catcher_assigns) add_template(reads_.locations, assign);
    for (const json* assign : fields.choice_assigns) add_template(reads_.locations, assign);
    if (fields.item_batcher && fields.item_batcher->is_object()) {
      if (auto input = fields.item_batcher->find("BatchInput"); input != fields.item_batcher->end()) {
        add_template(reads_.locations, &*input);
      }
    }
    for (const std::optional<Path>* path : {&fields.timeout_seconds_path, &fields.heartbeat_seconds_path,
                                            &fields.wait_seconds_path, &fields.tolerated_failure_count_path,
                                            &fields.tolerated_failure_percentage_path, &fields.max_concurrency_path}) {
      if (*path) add_path(**path, number_field_hints());
    }
    if (fields.wait_timestamp_path) add_path(*fields.wait_timestamp_path, timestamp_field_hints());
    if (fields.item_reader_config && fields.item_reader_config->is_object()) {
      if (auto it = fields.item_reader_config->find("MaxItemsPath");
          it != fields.item_reader_config->end() && it->is_string()) {
        if (std::optional<Path> path = parse_path(it->get<std::string>()).path) add_path(*path, number_field_hints());
      }
    }
    add_dynamic_string(fields.fail_error);
    add_dynamic_string(fields.fail_cause);
    for (const ChoiceRule& rule : state.choices) add_rule(rule);
  }

  // JSONata states (§8): every "{% ... %}" string of the state's own fields is parsed, and its
  // `$states.input...` and `$states.result...` paths become reads, with the literals they are
  // compared with as hints. Variables compared with literals pass those hints on to the paths
  // their Assign entries read (applied once every state is seen).
  struct JsonataRead {
    bool from_result = false;  // $states.result (else $states.input)
    Location steps;
    bool deeper = false;
  };

  static std::optional<JsonataRead> jsonata_read(const JsonataNode& node) {
    if (node.kind != JsonataNode::Kind::Path || node.operands.size() < 2) return std::nullopt;
    const JsonataNode& root = node.operands[0];
    const JsonataNode& which = node.operands[1];
    if (root.kind != JsonataNode::Kind::Variable || root.text != "states" || !root.stages.empty() ||
        !root.predicates.empty() || which.kind != JsonataNode::Kind::Name ||
        (which.text != "input" && which.text != "result")) {
      return std::nullopt;
    }
    JsonataRead read;
    read.from_result = which.text == "result";
    read.deeper = !which.stages.empty() || !which.predicates.empty();
    for (std::size_t i = 2; i < node.operands.size() && !read.deeper; ++i) {
      const JsonataNode& step = node.operands[i];
      if (step.kind != JsonataNode::Kind::Name) {
        read.deeper = true;
        break;
      }
      read.steps.push_back(LocationStep{false, step.text, 0});
      read.deeper = !step.stages.empty() || !step.predicates.empty();
    }
    return read;
  }

  static std::optional<json> jsonata_literal(const JsonataNode& node) {
    switch (node.kind) {
      case JsonataNode::Kind::Number:
        return std::floor(node.number) == node.number && std::abs(node.number) < 1e15
                   ? json(static_cast<std::int64_t>(node.number))
                   : json(node.number);
      case JsonataNode::Kind::String: return json(node.text);
      case JsonataNode::Kind::Boolean: return json(node.boolean);
      case JsonataNode::Kind::Null: return json(nullptr);
      case JsonataNode::Kind::Negate:
        if (!node.operands.empty() && node.operands[0].kind == JsonataNode::Kind::Number) return json(-node.operands[0].number);
        return std::nullopt;
      default: return std::nullopt;
    }
  }

  static std::vector<json> jsonata_hints(const json& literal) {
    if (literal.is_number()) return number_neighbours(literal);
    if (literal.is_string()) {
      std::vector<json> hints = string_neighbours(literal.get<std::string>());
      if (parse_timestamp(literal.get<std::string>())) {
        for (const json& near : timestamp_neighbours(literal.get<std::string>())) hints.push_back(near);
      }
      return hints;
    }
    if (literal.is_boolean()) return {true, false};
    return {nullptr, 0, ""};
  }

  void add_jsonata_read(int state_index, const JsonataRead& read, const std::vector<json>& hints) {
    std::vector<ReadLocation>& into =
        read.from_result ? jsonata_result_reads_[static_cast<std::size_t>(state_index)] : reads_.locations;
    ReadLocation& location = add(into, read.steps);
    location.wants_array = location.wants_array || read.deeper;
    for (const json& hint : hints) add_hint(location.hints, hint);
  }

  // `boolean_context`: the node's value is used as a condition (a whole Condition, `and`/`or`).
  void walk_jsonata(int state_index, const JsonataNode& node, bool boolean_context) {
    if (std::optional<JsonataRead> read = jsonata_read(node)) {
      add_jsonata_read(state_index, *read, boolean_context ? std::vector<json>{true, false} : std::vector<json>{});
    }
    if (node.kind == JsonataNode::Kind::Binary && node.operands.size() == 2) {
      const bool comparison = node.op == JsonataOperator::Equal || node.op == JsonataOperator::NotEqual ||
                              node.op == JsonataOperator::Less || node.op == JsonataOperator::LessEqual ||
                              node.op == JsonataOperator::Greater || node.op == JsonataOperator::GreaterEqual;
      if (comparison) {
        // Two reads compared with each other: small numbers and strings for both.
        std::optional<JsonataRead> left = jsonata_read(node.operands[0]), right = jsonata_read(node.operands[1]);
        if (left && right) {
          for (const JsonataRead& read : {*left, *right}) add_jsonata_read(state_index, read, {0, 1, 2, -1, "a", "b"});
        }
        for (int side = 0; side < 2; ++side) {
          const JsonataNode& subject = node.operands[static_cast<std::size_t>(side)];
          std::optional<json> literal = jsonata_literal(node.operands[static_cast<std::size_t>(1 - side)]);
          if (!literal) continue;
          if (std::optional<JsonataRead> read = jsonata_read(subject)) {
            add_jsonata_read(state_index, *read, jsonata_hints(*literal));
          } else if (subject.kind == JsonataNode::Kind::Variable && subject.operands.empty() &&
                     subject.text != "states") {
            for (const json& hint : jsonata_hints(*literal)) add_hint(variable_hints_[subject.text], hint);
          }
        }
      }
    }
    if (boolean_context && node.kind == JsonataNode::Kind::Variable && node.text != "states") {
      add_hint(variable_hints_[node.text], true);
      add_hint(variable_hints_[node.text], false);
    }
    const bool logical = node.kind == JsonataNode::Kind::Binary &&
                         (node.op == JsonataOperator::And || node.op == JsonataOperator::Or);
    const bool negation = node.kind == JsonataNode::Kind::Call && !node.operands.empty() &&
                          node.operands[0].kind == JsonataNode::Kind::Variable && node.operands[0].text == "not";
    for (const JsonataNode& child : node.operands) walk_jsonata(state_index, child, logical || negation);
    for (const auto& [key, value] : node.pairs) {
      walk_jsonata(state_index, key, false);
      walk_jsonata(state_index, value, false);
    }
    for (const JsonataNode& filter : node.stages) walk_jsonata(state_index, filter, true);
    for (const JsonataNode& filter : node.predicates) walk_jsonata(state_index, filter, true);
  }

  // Every string of a JSONata state's fields, at any depth, except the states nested in it.
  void collect_jsonata_value(int state_index, const json& value, bool condition, const std::string* assigned) {
    if (value.is_string()) {
      std::optional<std::string_view> body = jsonata_body(value.get_ref<const std::string&>());
      if (!body) return;
      JsonataParseResult parsed = parse_jsonata(*body);
      if (!parsed.expression) return;
      walk_jsonata(state_index, *parsed.expression, condition);
      if (assigned) {
        if (std::optional<JsonataRead> read = jsonata_read(*parsed.expression)) {
          variable_sources_.push_back({*assigned, state_index, *read});
        }
      }
      return;
    }
    if (value.is_array()) {
      for (const json& element : value) collect_jsonata_value(state_index, element, false, nullptr);
      return;
    }
    if (!value.is_object()) return;
    for (const auto& [key, member] : value.items()) {
      if (key == "Branches" || key == "ItemProcessor" || key == "Iterator") continue;
      if (key == "Assign" && member.is_object()) {
        for (const auto& [name, source] : member.items()) collect_jsonata_value(state_index, source, false, &name);
        continue;
      }
      collect_jsonata_value(state_index, member, key == "Condition", nullptr);
      if (key == "Items" && member.is_string()) {  // a Map's items: an array there
        if (std::optional<std::string_view> body = jsonata_body(member.get_ref<const std::string&>())) {
          JsonataParseResult parsed = parse_jsonata(*body);
          if (parsed.expression) {
            if (std::optional<JsonataRead> read = jsonata_read(*parsed.expression)) {
              read->deeper = true;
              add_jsonata_read(state_index, *read, {});
            }
          }
        }
      }
    }
    // A JSONata Map without Items iterates over its whole input.
    const State& state = machine_.states[static_cast<std::size_t>(state_index)];
    if (&value == state.definition && state.type == StateType::Map && !value.contains("Items")) {
      add_jsonata_read(state_index, JsonataRead{false, {}, true}, {});
    }
  }

  // A JSONata Task's output is its result (no Output) or `$states.result...`: what later states read
  // of their input is then read of the result, below that path, as a JSONPath ResultPath places it.
  void add_jsonata_output_reads() {
    for (std::size_t i = 0; i < machine_.states.size(); ++i) {
      const State& state = machine_.states[i];
      if (state.query_language != QueryLanguage::Jsonata || state.type != StateType::Task || !state.definition) continue;
      Location base;
      if (auto output = state.definition->find("Output"); output != state.definition->end()) {
        if (!output->is_string()) continue;
        std::optional<std::string_view> body = jsonata_body(output->get_ref<const std::string&>());
        if (!body) continue;
        JsonataParseResult parsed = parse_jsonata(*body);
        if (!parsed.expression) continue;
        std::optional<JsonataRead> read = jsonata_read(*parsed.expression);
        if (!read || !read->from_result || read->deeper) continue;
        base = read->steps;
      }
      for (const ReadLocation& location : reads_.locations) {
        JsonataRead read{true, base, location.wants_array};
        read.steps.insert(read.steps.end(), location.steps.begin(), location.steps.end());
        add_jsonata_read(static_cast<int>(i), read, location.hints);
      }
    }
  }

  void apply_variable_hints() {
    for (const VariableSource& source : variable_sources_) {
      auto hints = variable_hints_.find(source.variable);
      if (hints == variable_hints_.end()) continue;
      add_jsonata_read(source.state_index, source.read, hints->second);
    }
  }

  struct VariableSource {
    std::string variable;
    int state_index = -1;
    JsonataRead read;
  };
  std::vector<std::vector<ReadLocation>> jsonata_result_reads_;
  std::map<std::string, std::vector<json>> variable_hints_;
  std::vector<VariableSource> variable_sources_;

  std::vector<ReadLocation> result_reads(const CompiledState& fields) {
    std::vector<ReadLocation> reads;
    const StateType type = fields.state->type;
    if (type != StateType::Task) return reads;
    if (fields.result_selector) {
      add_template(reads, fields.result_selector);
      add_template(reads, fields.assign);
      return reads;
    }
    add_template(reads, fields.assign);
    const PathField& result_path = fields.result_path;
    if (result_path.is_null) return reads;
    Location base;
    if (result_path.present) {
      if (!result_path.path) return reads;
      bool deeper = false;
      std::optional<Location> steps = location_of(*result_path.path, deeper);
      if (!steps || deeper) return reads;
      base = *steps;
    }
    for (const ReadLocation& location : reads_.locations) {
      if (location.steps.size() < base.size() || !std::equal(base.begin(), base.end(), location.steps.begin()))
        continue;
      ReadLocation& relative =
          add(reads, Location(location.steps.begin() + static_cast<std::ptrdiff_t>(base.size()), location.steps.end()));
      relative.wants_array = relative.wants_array || location.wants_array;
      for (const json& hint : location.hints) add_hint(relative.hints, hint);
    }
    return reads;
  }

  std::vector<std::string> error_names(int state_index) {
    std::vector<std::string> names;
    auto add_names = [&](const State& state) {
      auto add_list = [&](const std::vector<std::string>& list) {
        for (const std::string& name : list) {
          if (name != "States.ALL" && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        }
      };
      for (const Retrier& retrier : state.retry) add_list(retrier.error_equals);
      for (const Catcher& catcher : state.catch_) add_list(catcher.error_equals);
    };
    for (int at = state_index; at >= 0;) {
      const State& state = machine_.states[static_cast<std::size_t>(at)];
      add_names(state);
      at = machine_.scopes[static_cast<std::size_t>(state.scope)].parent_state;
    }
    return names;
  }

  const StateMachine& machine_;
  const std::vector<CompiledState>& compiled_;
  MachineReads reads_;
};

}  // namespace

void add_hint(std::vector<nlohmann::json>& hints, const nlohmann::json& value) {
  // As written: 42 and 42.0 are both kept, though they compare equal.
  const std::string text = value.dump();
  for (const json& hint : hints) {
    if (hint.dump() == text) return;
  }
  hints.push_back(value);
}

MachineReads collect_machine_reads(const StateMachine& machine, const std::vector<CompiledState>& compiled) {
  return Collector(machine, compiled).run();
}

std::string format_timestamp(std::int64_t seconds, std::uint32_t nanos) {
  // Civil date from days since the epoch (H. Hinnant's algorithm).
  std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  std::int64_t in_day = seconds - days * 86400;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t month_index = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * month_index + 2) / 5 + 1;
  const std::int64_t month = month_index < 10 ? month_index + 3 : month_index - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  char text[128];
  std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(in_day / 3600),
                static_cast<long long>(in_day / 60 % 60), static_cast<long long>(in_day % 60));
  std::string result = text;
  if (nanos != 0) {
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, ".%09u", nanos);
    result += fraction;
  }
  return result + "Z";
}

}  // namespace sfn::testgen
