// JSONata expression evaluation, following the reference implementation's evaluator step by step
// (paths, steps and their filters, sequences and their flags, groups, operators, function
// application with tail calls). The function library is in jsonata_functions.cpp.

#include "interpreter/jsonata_eval.h"

#include <cmath>

#include "interpreter/jsonata_runtime.h"

namespace sfn::interp {
namespace jsonata {
namespace {

using Kind = JsonataNode::Kind;

constexpr int kMaxDepth = 500;                   // nested evaluations (deep non-tail recursion); bounds the C++ stack
constexpr std::uint64_t kMaxSteps = 10'000'000;  // evaluations in one expression (endless loops)
constexpr double kMaxRangeSize = 1e6;            // JSONata allows 1e7; we refuse beyond 1e6

std::string quoted(const std::string& text) { return js_stringify(Value::string(text), false); }

std::string operator_token(const JsonataNode& node) { return quoted(jsonata_operator_text(node.op)); }

const char* kRootRefusal =
    "reading the root input ('$', a top-level field name or '*'): Step Functions gives "
    "JSONata no input document";

Value lookup_field(const Value& input, const std::string& key) {
  if (input.is_root_input()) refuse(kRootRefusal);
  if (input.is_array()) {
    Value result = Value::sequence();
    for (std::size_t i = 0; i < input.size(); ++i) {
      Value found = lookup_field(input.at(i), key);
      if (found.is_undefined()) continue;
      if (found.is_array()) {
        for (std::size_t j = 0; j < found.size(); ++j) result.built_array()->items.push_back(found.at(j));
      } else {
        result.built_array()->items.push_back(std::move(found));
      }
    }
    return result;
  }
  return input.is_object() ? input.member(key) : Value();
}

void flatten_into(const Value& value, std::vector<Value>& out) {
  if (!value.is_array()) {
    out.push_back(value);
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) flatten_into(value.at(i), out);
}

Value wildcard(const Value& input) {
  if (input.is_root_input()) refuse(kRootRefusal);
  Value results = Value::sequence();
  if (!input.is_object()) return results;
  for (const std::string& key : input.keys()) {
    Value member = input.member(key);
    if (member.is_array()) {
      auto flat = std::make_shared<ArrayData>();
      flatten_into(member, flat->items);
      results = append(results, Value::array(std::move(flat)));  // JSONata's append: no longer a sequence
    } else {
      results.built_array()->items.push_back(std::move(member));
    }
  }
  return results;
}

// JavaScript's ===: primitives by value, everything else by reference.
bool strictly_equal(const Value& left, const Value& right) {
  if (left.kind() != right.kind()) return false;
  switch (left.kind()) {
    case Value::Kind::Undefined:
    case Value::Kind::Null: return true;
    case Value::Kind::Boolean: return left.as_boolean() == right.as_boolean();
    case Value::Kind::Number: return left.as_number() == right.as_number();
    case Value::Kind::String: return left.as_string() == right.as_string();
    default: return left.same_reference(right);
  }
}

bool is_integer(const Value& value) {
  return value.is_number() && std::isfinite(value.as_number()) && std::trunc(value.as_number()) == value.as_number();
}

Value finite(double number) {
  if (!std::isfinite(number)) {
    refuse(
        "a number out of JSON's range (Infinity or NaN, e.g. a division by zero), whose handling by Step "
        "Functions is not established");
  }
  return Value::number(number);
}

Value arithmetic(const JsonataNode& node, const Value& left, const Value& right) {
  if (!left.is_undefined() && !left.is_number()) {
    raise("T2001", "The left side of the " + operator_token(node) + " operator must evaluate to a number");
  }
  if (!right.is_undefined() && !right.is_number()) {
    raise("T2002", "The right side of the " + operator_token(node) + " operator must evaluate to a number");
  }
  if (left.is_undefined() || right.is_undefined()) return Value();
  const double a = left.as_number();
  const double b = right.as_number();
  switch (node.op) {
    case JsonataOperator::Add: return finite(a + b);
    case JsonataOperator::Subtract: return finite(a - b);
    case JsonataOperator::Multiply: return finite(a * b);
    case JsonataOperator::Divide: return finite(a / b);
    default: return finite(std::fmod(a, b));
  }
}

Value comparison(const JsonataNode& node, const Value& left, const Value& right) {
  auto comparable = [](const Value& value) { return value.is_undefined() || value.is_string() || value.is_number(); };
  if (!comparable(left) || !comparable(right)) {
    raise("T2010", "The expressions either side of operator " + operator_token(node) +
                       " must evaluate to numeric or string values");
  }
  if (left.is_undefined() || right.is_undefined()) return Value();
  if (left.kind() != right.kind()) {
    raise("T2009", "The values " + js_stringify(left, false) + " and " + js_stringify(right, false) +
                       " either side of operator " + operator_token(node) + " must be of the same data type");
  }
  int order = 0;
  if (left.is_number()) {
    order = left.as_number() < right.as_number() ? -1 : left.as_number() > right.as_number() ? 1 : 0;
  } else {
    order = js_compare(left.as_string(), right.as_string());
  }
  switch (node.op) {
    case JsonataOperator::Less: return Value::boolean(order < 0);
    case JsonataOperator::LessEqual: return Value::boolean(order <= 0);
    case JsonataOperator::Greater: return Value::boolean(order > 0);
    default: return Value::boolean(order >= 0);
  }
}

Value range(const Value& left, const Value& right) {
  if (!left.is_undefined() && !is_integer(left)) {
    raise("T2003", "The left side of the range operator (..) must evaluate to an integer");
  }
  if (!right.is_undefined() && !is_integer(right)) {
    raise("T2004", "The right side of the range operator (..) must evaluate to an integer");
  }
  if (left.is_undefined() || right.is_undefined()) return Value();
  const double low = left.as_number();
  const double high = right.as_number();
  if (low > high) return Value();
  const double size = high - low + 1;
  if (size > 1e7) {
    raise("D2014",
          "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted "
          "to allocate " +
              js_number_text(size) + ".");
  }
  if (size > kMaxRangeSize) refuse("a range of more than 1,000,000 items");
  auto data = std::make_shared<ArrayData>();
  data->items.reserve(static_cast<std::size_t>(size));
  for (double item = low; item <= high; ++item) data->items.push_back(Value::number(item));
  return Value::array(std::move(data));
}

// The keys of `names` in the order JavaScript iterates an object holding them.
std::vector<std::string> js_key_order(const std::vector<std::string>& names) {
  auto object = std::make_shared<ObjectData>();
  for (const std::string& name : names) object->set(name, Value::null());
  return Value::object(std::move(object)).keys();
}

}  // namespace

std::size_t Function::arity() const {
  if (lambda) return lambda->parameters.size();
  if (builtin && builtin->arity >= 0) return static_cast<std::size_t>(builtin->arity);
  refuse("passing $" + std::string(builtin ? builtin->name : "?") + " to a higher-order function");
}

Evaluator::Evaluator(const JsonataBindings& bindings) : bindings_(bindings), root_(std::make_shared<Frame>()) {
  auto states = std::make_shared<ObjectData>();
  if (bindings.input) states->set("input", Value::borrow(*bindings.input));
  if (bindings.context) states->set("context", Value::borrow(*bindings.context));
  if (bindings.result) states->set("result", Value::borrow(*bindings.result));
  if (bindings.error_output) states->set("errorOutput", Value::borrow(*bindings.error_output));
  root_->bindings["states"] = Value::object(std::move(states));
}

Evaluator::~Evaluator() {
  for (const std::weak_ptr<Frame>& weak : function_frames_) {
    if (FramePtr frame = weak.lock()) frame->bindings.clear();
  }
}

Value Evaluator::run(const JsonataNode& expression) { return evaluate(expression, Value::root_input(), root_); }

Value Evaluator::lookup_variable(const std::string& name, const FramePtr& frame) const {
  for (const Frame* scope = frame.get(); scope; scope = scope->parent.get()) {
    auto found = scope->bindings.find(name);
    if (found != scope->bindings.end()) return found->second;
  }
  // Workflow variables come next (as if bound around the expression), then the library.
  if (bindings_.variables) {
    auto variable = bindings_.variables->find(name);
    if (variable != bindings_.variables->end()) return Value::borrow(variable->second);
  }
  if (const Builtin* builtin = find_builtin(name)) {
    auto function = std::make_shared<Function>();
    function->builtin = builtin;
    return Value::function(std::move(function));
  }
  if (jsonata_function_unsupported(name)) refuse("the function $" + name);
  return Value();
}

Value Evaluator::evaluate(const JsonataNode& node, const Value& input, const FramePtr& frame) {
  struct Depth {
    int& depth;
    explicit Depth(int& value) : depth(value) { ++depth; }
    ~Depth() { --depth; }
  } depth(depth_);
  if (depth_ > kMaxDepth) refuse("an evaluation nested more than 500 levels deep (deep recursion)");
  if (++steps_ > kMaxSteps) refuse("an evaluation of more than 10,000,000 steps");

  Value result;
  switch (node.kind) {
    case Kind::Path: result = evaluate_path(node, input, frame); break;
    case Kind::Binary: result = evaluate_binary(node, input, frame); break;
    case Kind::Negate: {
      Value operand = evaluate(node.operands[0], input, frame);
      if (operand.is_undefined()) break;
      if (!operand.is_number()) raise("D1002", "Cannot negate a non-numeric value: " + js_stringify(operand, false));
      result = Value::number(-operand.as_number());
      break;
    }
    case Kind::Name: result = lookup_field(input, node.text); break;
    case Kind::Number: result = Value::number(node.number); break;
    case Kind::String: result = Value::string(node.text); break;
    case Kind::Boolean: result = Value::boolean(node.boolean); break;
    case Kind::Null: result = Value::null(); break;
    case Kind::Wildcard: result = wildcard(input); break;
    case Kind::Context:
      if (input.is_root_input()) refuse(kRootRefusal);
      result = input;
      break;
    case Kind::Variable: result = lookup_variable(node.text, frame); break;
    case Kind::Condition: {
      Value condition = evaluate(node.operands[0], input, frame);
      if (to_boolean(condition).value_or(false)) {
        result = evaluate(node.operands[1], input, frame);
      } else if (node.operands.size() > 2) {
        result = evaluate(node.operands[2], input, frame);
      }
      break;
    }
    case Kind::Block: {
      auto scope = std::make_shared<Frame>();
      scope->parent = frame;
      for (const JsonataNode& expression : node.operands) result = evaluate(expression, input, scope);
      break;
    }
    case Kind::Bind:
      result = evaluate(node.operands[0], input, frame);
      if (result.is_function()) function_frames_.push_back(frame);
      frame->bindings[node.text] = result;
      break;
    case Kind::Array: result = evaluate_array(node, input, frame); break;
    case Kind::Object: result = evaluate_group(node.pairs, input, frame, node.offset); break;
    case Kind::Call: result = evaluate_call(node, input, frame); break;
    case Kind::Lambda: {
      auto function = std::make_shared<Function>();
      function->lambda = &node;
      function->closure = frame;
      function->input = std::make_shared<Value>(input);
      result = Value::function(std::move(function));
      break;
    }
  }
  for (const JsonataNode& predicate : node.predicates) result = evaluate_filter(predicate, result, frame);
  if (node.kind != Kind::Path && node.group) result = evaluate_group(*node.group, result, frame, node.offset);
  if (result.is_sequence()) {
    if (node.keep_array) result.built_array()->keep_singleton = true;
    if (result.size() == 0) {
      result = Value();
    } else if (result.size() == 1 && !result.keeps_singleton()) {
      result = result.at(0);
    }
  }
  return result;
}

Value Evaluator::evaluate_path(const JsonataNode& node, const Value& input, const FramePtr& frame) {
  const JsonataNode& first = node.operands.front();
  // A path starting at a variable (or `$`) is absolute: it does not map over an array input.
  Value sequence = input.is_array() && first.kind != Kind::Variable && first.kind != Kind::Context
                       ? input
                       : Value::sequence_of(input);
  Value result;
  for (std::size_t i = 0; i < node.operands.size(); ++i) {
    const JsonataNode& step = node.operands[i];
    if (i == 0 && step.cons_array) {
      result = evaluate(step, sequence, frame);
    } else {
      result = evaluate_step(step, sequence, frame, i + 1 == node.operands.size());
    }
    // JavaScript's `length === 0` also stops at an empty string.
    if (result.is_undefined() || (result.is_array() && result.size() == 0) ||
        (result.is_string() && result.as_string().empty())) {
      break;
    }
    sequence = result;
  }
  if (node.keep_singleton) {
    if (result.is_array() && result.is_cons() && !result.is_sequence()) result = Value::sequence_of(result);
    if (ArrayData* data = result.built_array()) data->keep_singleton = true;
  }
  if (node.group) result = evaluate_group(*node.group, result, frame, node.offset);
  return result;
}

Value Evaluator::evaluate_step(const JsonataNode& step, const Value& input_sequence, const FramePtr& frame,
                               bool last_step) {
  // After a first step that unwrapped to one string, JavaScript would iterate its characters.
  if (input_sequence.is_string() && !input_sequence.as_string().empty()) {
    refuse("a path step after an array constructor that yields one string");
  }
  std::vector<Value> results;
  for (std::size_t i = 0; i < input_sequence.size(); ++i) {
    Value value = evaluate(step, input_sequence.at(i), frame);
    for (const JsonataNode& stage : step.stages) value = evaluate_filter(stage, value, frame);
    if (!value.is_undefined()) results.push_back(std::move(value));
  }
  if (last_step && results.size() == 1 && results[0].is_array() && !results[0].is_sequence()) return results[0];
  Value sequence = Value::sequence();
  std::vector<Value>& items = sequence.built_array()->items;
  for (Value& value : results) {
    if (!value.is_array() || value.is_cons()) {
      items.push_back(std::move(value));
    } else {
      for (std::size_t j = 0; j < value.size(); ++j) items.push_back(value.at(j));
    }
  }
  return sequence;
}

Value Evaluator::evaluate_filter(const JsonataNode& predicate, const Value& input, const FramePtr& frame) {
  Value results = Value::sequence();
  const Value list = input.is_array() ? input : Value::sequence_of(input);
  const auto size = static_cast<double>(list.size());
  if (predicate.kind == Kind::Number) {
    double index = std::floor(predicate.number);
    if (index < 0) index += size;
    if (index >= 0 && index < size) {
      Value item = list.at(static_cast<std::size_t>(index));
      if (item.is_array()) return item;
      if (!item.is_undefined()) results.built_array()->items.push_back(std::move(item));
    }
    return results;
  }
  for (std::size_t index = 0; index < list.size(); ++index) {
    Value item = list.at(index);
    Value matched = evaluate(predicate, item, frame);
    if (matched.is_number()) matched = Value::sequence_of(matched);
    bool all_numbers = matched.is_array();
    for (std::size_t j = 0; all_numbers && j < matched.size(); ++j) all_numbers = matched.at(j).is_number();
    if (all_numbers) {
      for (std::size_t j = 0; j < matched.size(); ++j) {
        double position = std::floor(matched.at(j).as_number());
        if (position < 0) position += size;
        if (position == static_cast<double>(index)) results.built_array()->items.push_back(item);
      }
    } else if (to_boolean(matched).value_or(false)) {
      results.built_array()->items.push_back(item);
    }
  }
  return results;
}

Value Evaluator::evaluate_binary(const JsonataNode& node, const Value& input, const FramePtr& frame) {
  Value left = evaluate(node.operands[0], input, frame);
  if (node.op == JsonataOperator::And || node.op == JsonataOperator::Or) {
    const bool left_true = to_boolean(left).value_or(false);
    if (node.op == JsonataOperator::And && !left_true) return Value::boolean(false);
    if (node.op == JsonataOperator::Or && left_true) return Value::boolean(true);
    return Value::boolean(to_boolean(evaluate(node.operands[1], input, frame)).value_or(false));
  }
  Value right = evaluate(node.operands[1], input, frame);
  switch (node.op) {
    case JsonataOperator::Add:
    case JsonataOperator::Subtract:
    case JsonataOperator::Multiply:
    case JsonataOperator::Divide:
    case JsonataOperator::Modulo: return arithmetic(node, left, right);
    case JsonataOperator::Equal:
    case JsonataOperator::NotEqual: {
      if (left.is_undefined() || right.is_undefined()) return Value::boolean(false);
      const bool equal = deep_equal(left, right);
      return Value::boolean(node.op == JsonataOperator::Equal ? equal : !equal);
    }
    case JsonataOperator::Less:
    case JsonataOperator::LessEqual:
    case JsonataOperator::Greater:
    case JsonataOperator::GreaterEqual: return comparison(node, left, right);
    case JsonataOperator::Concat:
      return Value::string((left.is_undefined() ? "" : string_of(left)) +
                           (right.is_undefined() ? "" : string_of(right)));
    case JsonataOperator::In: {
      if (left.is_undefined() || right.is_undefined()) return Value::boolean(false);
      for (const Value& item : items_of(right)) {
        if (strictly_equal(item, left)) return Value::boolean(true);
      }
      return Value::boolean(false);
    }
    case JsonataOperator::Range: return range(left, right);
    default: return Value();
  }
}

Value Evaluator::evaluate_array(const JsonataNode& node, const Value& input, const FramePtr& frame) {
  Value result = Value::array(std::make_shared<ArrayData>());
  for (const JsonataNode& item : node.operands) {
    Value value = evaluate(item, input, frame);
    if (value.is_undefined()) continue;
    if (item.kind == Kind::Array) {
      result.built_array()->items.push_back(std::move(value));  // a nested constructor stays one item
    } else {
      result = append(result, value);
    }
  }
  if (node.cons_array) result.built_array()->cons = true;
  return result;
}

Value Evaluator::evaluate_group(const JsonataPairs& pairs, const Value& input, const FramePtr& frame,
                                std::size_t offset) {
  (void)offset;
  std::vector<Value> items = input.is_array() ? items_of(input) : std::vector<Value>{input};
  if (items.empty()) items.emplace_back();  // an empty input still builds the literal object
  struct Group {
    Value data;
    std::size_t pair = 0;
  };
  std::map<std::string, Group, std::less<>> groups;
  std::vector<std::string> order;
  for (const Value& item : items) {
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      Value key = evaluate(pairs[p].first, item, frame);
      if (key.is_undefined()) continue;
      if (!key.is_string()) {
        raise("T1003", "Key in object structure must evaluate to a string; got: " + js_stringify(key, false));
      }
      const std::string& name = key.as_string();
      auto found = groups.find(name);
      if (found == groups.end()) {
        groups.emplace(name, Group{item, p});
        order.push_back(name);
      } else if (found->second.pair != p) {
        raise("D1009", "Multiple key definitions evaluate to same key: " + quoted(name));
      } else {
        found->second.data = append(found->second.data, item);
      }
    }
  }
  auto object = std::make_shared<ObjectData>();
  for (const std::string& name : js_key_order(order)) {
    const Group& group = groups.at(name);
    Value value = evaluate(pairs[group.pair].second, group.data, frame);
    if (!value.is_undefined()) object->set(name, std::move(value));
  }
  return Value::object(std::move(object));
}

namespace {

// The name a call is reported under: `$sum(...)` -> "sum".
std::string call_token(const JsonataNode& callee) {
  if (callee.kind == Kind::Variable) return callee.text;
  if (callee.kind == Kind::Path && callee.operands.front().kind == Kind::Name) return callee.operands.front().text;
  return "";
}

}  // namespace

Value Evaluator::evaluate_call(const JsonataNode& node, const Value& input, const FramePtr& frame) {
  const JsonataNode& callee = node.operands[0];
  Value function = evaluate(callee, input, frame);
  if (function.is_undefined() && callee.kind == Kind::Path && callee.operands.front().kind == Kind::Name &&
      !lookup_variable(callee.operands.front().text, frame).is_undefined()) {
    raise("T1005", "Attempted to invoke a non-function. Did you mean $" + callee.operands.front().text + "?");
  }
  std::vector<Value> arguments;
  for (std::size_t i = 1; i < node.operands.size(); ++i) arguments.push_back(evaluate(node.operands[i], input, frame));
  return apply(function, std::move(arguments), input, call_token(callee));
}

Value Evaluator::apply(const Value& function, std::vector<Value> arguments, const Value& input,
                       const std::string& token) {
  TailCall tail;
  Value result = apply_once(function, arguments, input, token, tail);
  while (tail.pending) {
    TailCall next = std::move(tail);
    tail = TailCall{};
    result = apply_once(next.function, next.arguments, input, next.token, tail);
  }
  return result;
}

Value Evaluator::apply_once(const Value& function, const std::vector<Value>& arguments, const Value& input,
                            const std::string& token, TailCall& tail) {
  if (!function.is_function()) raise("T1006", "Attempted to invoke a non-function");
  const Function& callee = function.as_function();
  if (callee.builtin) {
    std::vector<Value> validated = validate_arguments(*callee.builtin, arguments, input, token);
    return callee.builtin->call(*this, validated);
  }
  auto scope = std::make_shared<Frame>();
  scope->parent = callee.closure;
  for (std::size_t i = 0; i < callee.lambda->parameters.size(); ++i) {
    Value argument = i < arguments.size() ? arguments[i] : Value();
    if (argument.is_function()) function_frames_.push_back(scope);
    scope->bindings[callee.lambda->parameters[i]] = std::move(argument);
  }
  return evaluate_tail(callee.lambda->operands[0], *callee.input, scope, tail);
}

// JSONata turns a call in a lambda's tail position into a thunk that its apply loop runs: the
// call's own result is passed on as it is (a sequence is not unwrapped there).
Value Evaluator::evaluate_tail(const JsonataNode& node, const Value& input, const FramePtr& frame, TailCall& tail) {
  const bool plain = node.predicates.empty() && !node.group && !node.keep_array;
  if (node.kind == Kind::Call && node.predicates.empty()) {
    tail.function = evaluate(node.operands[0], input, frame);
    tail.arguments.clear();
    for (std::size_t i = 1; i < node.operands.size(); ++i) {
      tail.arguments.push_back(evaluate(node.operands[i], input, frame));
    }
    tail.token = node.operands[0].kind == Kind::Variable ? node.operands[0].text : std::string();
    tail.pending = true;
    return Value();
  }
  if (node.kind == Kind::Condition && plain) {
    Value condition = evaluate(node.operands[0], input, frame);
    if (to_boolean(condition).value_or(false)) return evaluate_tail(node.operands[1], input, frame, tail);
    if (node.operands.size() > 2) return evaluate_tail(node.operands[2], input, frame, tail);
    return Value();
  }
  if (node.kind == Kind::Block && plain && !node.operands.empty()) {
    auto scope = std::make_shared<Frame>();
    scope->parent = frame;
    for (std::size_t i = 0; i + 1 < node.operands.size(); ++i) evaluate(node.operands[i], input, scope);
    return evaluate_tail(node.operands.back(), input, scope, tail);
  }
  return evaluate(node, input, frame);
}

}  // namespace jsonata

JsonataResult evaluate_jsonata(const JsonataNode& expression, const JsonataBindings& bindings) {
  JsonataResult result;
  try {
    jsonata::Evaluator evaluator(bindings);
    jsonata::Value value = evaluator.run(expression);
    result.value = value.to_json();
    result.ok = true;
  } catch (const jsonata::EvaluationError& error) {
    result.error = error.code + ": " + error.message;
  } catch (const jsonata::Unsupported& unsupported) {
    result.unsupported = "unsupported: " + unsupported.construct;
  }
  return result;
}

}  // namespace sfn::interp
