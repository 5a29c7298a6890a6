#pragma once
// The transition graph of a machine: one vertex per state, edges for Next, Choices[i].Next,
// Default and Catch[i].Next that name a state of the same scope. Boost.Graph stays inside the .cpp.

#include <memory>
#include <vector>

#include "analyzer/model.h"

namespace sfn {

class StateGraph {
 public:
  explicit StateGraph(const StateMachine& machine);
  ~StateGraph();
  StateGraph(StateGraph&&) noexcept;
  StateGraph& operator=(StateGraph&&) noexcept;

  // States reached by the transitions of `state` that resolve inside its scope (no duplicates).
  const std::vector<int>& successors(int state) const;
  // Whether each state can be reached from its own scope's StartAt.
  std::vector<bool> reachable_from_start() const;
  // The strongly connected components of one scope that hold a cycle (a self-loop or more
  // than one state), each as a list of state indexes.
  std::vector<std::vector<int>> cycles(int scope) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sfn
