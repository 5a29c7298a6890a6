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
};

inline Failure runtime_error(std::string cause) { return Failure{"States.Runtime", std::move(cause)}; }

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
