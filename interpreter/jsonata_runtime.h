#pragma once
// Internal to interpreter/: the JSONata evaluator shared by jsonata_eval.cpp (expressions) and
// jsonata_functions.cpp (the function library).

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/jsonata_eval.h"
#include "interpreter/jsonata_value.h"

namespace sfn::interp::jsonata {

// Variables bound by `:=`, lambda parameters, and (at the root) `$states`.
struct Frame {
  std::shared_ptr<Frame> parent;
  std::map<std::string, Value, std::less<>> bindings;
};
using FramePtr = std::shared_ptr<Frame>;

class Evaluator;

// A library function: its JSONata signature (validated as JSONata does, which also fills in the
// context value for a missing first argument marked '-'), the arity JSONata reports when the
// function is passed to $map and friends (that of its JavaScript implementation), and the code.
struct Builtin {
  std::string_view name;
  std::string_view signature;
  int arity;  // -1: not known (Step Functions' own functions)
  Value (*call)(Evaluator& evaluator, const std::vector<Value>& arguments);
};
const Builtin* find_builtin(std::string_view name);

class Evaluator {
 public:
  explicit Evaluator(const JsonataBindings& bindings);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  Value run(const JsonataNode& expression);
  // Calls a function value (a lambda or a library function) with evaluated arguments; `input`
  // is the context value at the call (JSONata's input to apply), used for '-' arguments.
  Value apply(const Value& function, std::vector<Value> arguments, const Value& input, const std::string& token);

  const JsonataBindings& bindings() const { return bindings_; }

 private:
  struct TailCall {
    bool pending = false;
    Value function;
    std::vector<Value> arguments;
    std::string token;
  };

  Value evaluate(const JsonataNode& node, const Value& input, const FramePtr& frame);
  Value evaluate_path(const JsonataNode& node, const Value& input, const FramePtr& frame);
  Value evaluate_step(const JsonataNode& step, const Value& input_sequence, const FramePtr& frame, bool last_step);
  Value evaluate_filter(const JsonataNode& predicate, const Value& input, const FramePtr& frame);
  Value evaluate_binary(const JsonataNode& node, const Value& input, const FramePtr& frame);
  Value evaluate_array(const JsonataNode& node, const Value& input, const FramePtr& frame);
  Value evaluate_group(const JsonataPairs& pairs, const Value& input, const FramePtr& frame, std::size_t offset);
  Value evaluate_call(const JsonataNode& node, const Value& input, const FramePtr& frame);
  Value evaluate_tail(const JsonataNode& node, const Value& input, const FramePtr& frame, TailCall& tail);
  Value lookup_variable(const std::string& name, const FramePtr& frame) const;
  Value apply_once(const Value& function, const std::vector<Value>& arguments, const Value& input,
                   const std::string& token, TailCall& tail);

  const JsonataBindings& bindings_;
  FramePtr root_;
  // Frames holding a function, whose closure may hold the frame again (`$f := function(){ $f() }`):
  // their bindings are cleared at the end so the shared pointers do not keep each other alive.
  std::vector<std::weak_ptr<Frame>> function_frames_;
  int depth_ = 0;
  std::uint64_t steps_ = 0;
};

// JSONata's signature check: the arguments as the function receives them (context value
// inserted, non-arrays wrapped for array parameters), or a T0410/T0411/T0412 error.
std::vector<Value> validate_arguments(const Builtin& builtin, const std::vector<Value>& arguments, const Value& context,
                                      const std::string& token);

// JSONata's $string of a value (also what `&` applies to its operands).
std::string string_of(const Value& value);

}  // namespace sfn::interp::jsonata
