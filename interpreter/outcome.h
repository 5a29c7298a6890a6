#pragma once
// A value or the ASL error that stopped its computation. Errors are data (an ASL error name and a
// cause), never C++ exceptions across the interpreter's API.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sfn::interp {

// An ASL runtime error: `error` is what Retry/Catch match (States.Runtime, States.Timeout, a
// task's own error name, ...), `cause` the human text (absent for some errors).
struct Failure {
  std::string error;
  std::optional<std::string> cause;
  // Raised by the interpreter while executing a state (not a task's or a branch's error): AWS puts
  // "An error occurred while executing the state 'S' (entered at the event id #N). " before the
  // cause (§6.1). The scope that ran the state adds it once and clears this.
  bool raised_by_state = false;
};

inline Failure runtime_error(std::string cause) { return Failure{"States.Runtime", std::move(cause), true}; }

template <typename T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Outcome(Failure failure) : state_(std::move(failure)) {}  // NOLINT
  bool ok() const { return state_.index() == 0; }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Failure& failure() const { return std::get<1>(state_); }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace sfn::interp
