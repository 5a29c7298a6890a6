#pragma once
// Internal to interpreter/: the values a JSONata evaluation works with. JSONata (a JavaScript
// library) distinguishes `undefined` from null, and arrays it builds itself ("sequences", which
// flatten and unwrap a single item) from arrays in the data; both distinctions live here. Data
// from the state (input, Context Object, variables) is borrowed, not copied.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/jsonata_syntax.h"

namespace sfn::interp::jsonata {

class Value;
struct Frame;

struct ArrayData {
  std::vector<Value> items;
  bool sequence = false;        // built by JSONata: flattened into paths, a single item unwraps
  bool cons = false;            // built by an array constructor at a path's end: never flattened
  bool keep_singleton = false;  // `[]`: a single item stays an array
};

// Members in insertion order, as JavaScript keeps an object's string keys.
struct ObjectData {
  std::vector<std::pair<std::string, Value>> members;
  const Value* find(std::string_view key) const;
  void set(const std::string& key, Value value);  // a key set again keeps its place
};

struct Builtin;

struct Function {
  const Builtin* builtin = nullptr;     // a library function, or
  const JsonataNode* lambda = nullptr;  // a lambda: its node (parameters, body),
  std::shared_ptr<Frame> closure;       // the bindings it was defined in,
  std::shared_ptr<Value> input;         // and the context value it was defined in
  std::size_t arity() const;            // as JSONata counts it for $map and friends
};

class Value {
 public:
  enum class Kind : std::uint8_t { Undefined, Null, Boolean, Number, String, Array, Object, Function };

  Value() = default;
  static Value null();
  static Value boolean(bool value);
  static Value number(double value);
  static Value string(std::string text);
  // Borrows `json`, which must outlive the value; `owner` (optional) keeps it alive.
  static Value borrow(const nlohmann::json& json, std::shared_ptr<const nlohmann::json> owner = nullptr);
  static Value array(std::shared_ptr<ArrayData> data);
  static Value sequence();               // an empty sequence
  static Value sequence_of(Value item);  // JSONata's createSequence(item): the item even when undefined
  static Value object(std::shared_ptr<ObjectData> data);
  static Value function(std::shared_ptr<const Function> function);
  // The expression's root input, which Step Functions does not provide: reading it is refused.
  static Value root_input();

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::Undefined; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_boolean() const { return kind_ == Kind::Boolean; }
  bool is_number() const { return kind_ == Kind::Number; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_function() const { return kind_ == Kind::Function; }
  bool is_root_input() const { return root_input_; }

  bool as_boolean() const { return boolean_; }
  double as_number() const { return number_; }
  const std::string& as_string() const;
  const Function& as_function() const { return *function_; }
  const std::shared_ptr<const Function>& function_ptr() const { return function_; }

  // Arrays (data arrays carry no flags).
  std::size_t size() const;
  Value at(std::size_t index) const;
  bool is_sequence() const { return array_ && array_->sequence; }
  bool is_cons() const { return array_ && array_->cons; }
  bool keeps_singleton() const { return array_ && array_->keep_singleton; }
  ArrayData* built_array() const { return array_.get(); }  // null for data arrays

  // Objects: a member (undefined when absent) and the keys in JavaScript's order (integer-like
  // keys ascending, then the others as inserted; data objects come in nlohmann's sorted order).
  Value member(std::string_view key) const;
  std::vector<std::string> keys() const;

  // Same array, object or data node (JavaScript's === on non-primitives).
  bool same_reference(const Value& other) const;

  // The value as JSON; a function inside is an error the caller turns into a refusal.
  std::optional<nlohmann::json> to_json() const;

 private:
  Kind kind_ = Kind::Undefined;
  bool boolean_ = false;
  bool root_input_ = false;
  double number_ = 0;
  const nlohmann::json* json_ = nullptr;  // borrowed: number (its exact form), string, array, object
  std::shared_ptr<const nlohmann::json> owner_;
  std::shared_ptr<const std::string> string_;
  std::shared_ptr<ArrayData> array_;
  std::shared_ptr<ObjectData> object_;
  std::shared_ptr<const Function> function_;
};

// A JSONata error: its code ("T2001") and message, thrown inside the evaluator only.
struct EvaluationError {
  std::string code;
  std::string message;
};
// Something the runtime does not implement, met while evaluating.
struct Unsupported {
  std::string construct;
};

[[noreturn]] void raise(std::string code, std::string message);
[[noreturn]] void refuse(std::string construct);

// JSONata's append: undefined is dropped, a non-array is wrapped, the result is a plain array.
Value append(const Value& first, const Value& second);
// Arrays items, or the value as a one-item list (JSONata's "treat a value as a singleton").
std::vector<Value> items_of(const Value& value);

// JSONata's effective boolean value; nullopt for undefined.
std::optional<bool> to_boolean(const Value& value);
bool deep_equal(const Value& left, const Value& right);
// "null", "number", "string", "boolean", "array", "object", "function"; empty for undefined.
std::string type_name(const Value& value);

// JavaScript's Number.prototype.toString ("1e+21", "0.1", "-5").
std::string js_number_text(double value);
// JSON.stringify of a value (functions inside objects are skipped, in arrays null). With
// `jsonata_numbers`, non-integers print with 15 significant digits as $string does.
std::string js_stringify(const Value& value, bool jsonata_numbers, bool pretty = false);
// JavaScript's string order (UTF-16 code units).
int js_compare(std::string_view left, std::string_view right);

}  // namespace sfn::interp::jsonata
