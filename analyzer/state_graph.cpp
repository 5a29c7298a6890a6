#include "analyzer/state_graph.h"

#include <algorithm>
#include <map>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/strong_components.hpp>

namespace sfn {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

struct StateGraph::Impl {
  const StateMachine* machine = nullptr;
  Graph graph;
  std::vector<std::vector<int>> successors;
};

StateGraph::StateGraph(const StateMachine& machine) : impl_(std::make_unique<Impl>()) {
  impl_->machine = &machine;
  const std::size_t count = machine.states.size();
  impl_->graph = Graph(count);
  impl_->successors.resize(count);
  for (std::size_t index = 0; index < count; ++index) {
    const State& state = machine.states[index];
    for (const Transition& transition : state.transitions) {
      const State* target = machine.find(state.scope, transition.target);
      if (!target) continue;
      int target_index = static_cast<int>(target - machine.states.data());
      auto& list = impl_->successors[index];
      if (std::find(list.begin(), list.end(), target_index) != list.end()) continue;
      list.push_back(target_index);
      boost::add_edge(index, static_cast<std::size_t>(target_index), impl_->graph);
    }
  }
}

StateGraph::~StateGraph() = default;
StateGraph::StateGraph(StateGraph&&) noexcept = default;
StateGraph& StateGraph::operator=(StateGraph&&) noexcept = default;

const std::vector<int>& StateGraph::successors(int state) const { return impl_->successors.at(state); }

std::vector<bool> StateGraph::reachable_from_start() const {
  const StateMachine& machine = *impl_->machine;
  std::vector<boost::default_color_type> colors(machine.states.size(), boost::white_color);
  auto color_map = boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, impl_->graph));
  for (std::size_t scope = 0; scope < machine.scopes.size(); ++scope) {
    const State* start = machine.find(static_cast<int>(scope), machine.scopes[scope].start_at);
    if (!start) continue;
    auto start_vertex = static_cast<std::size_t>(start - machine.states.data());
    // Edges never leave a scope, so one search per scope only colours that scope's states;
    // colours of earlier searches are kept, which keeps the whole pass linear.
    boost::breadth_first_visit(impl_->graph, start_vertex, boost::color_map(color_map));
  }
  std::vector<bool> reachable(machine.states.size());
  for (std::size_t i = 0; i < colors.size(); ++i) reachable[i] = colors[i] != boost::white_color;
  return reachable;
}

std::vector<std::vector<int>> StateGraph::cycles(int scope) const {
  const StateMachine& machine = *impl_->machine;
  std::vector<int> component(machine.states.size(), -1);
  auto component_map =
      boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, impl_->graph));
  boost::strong_components(impl_->graph, component_map);
  std::map<int, std::vector<int>> by_component;
  for (int state : machine.scopes.at(scope).states) by_component[component[state]].push_back(state);
  std::vector<std::vector<int>> result;
  for (auto& [id, members] : by_component) {
    bool self_loop = members.size() == 1 &&
                     std::count(impl_->successors[members[0]].begin(), impl_->successors[members[0]].end(),
                                members[0]) > 0;
    if (members.size() > 1 || self_loop) result.push_back(std::move(members));
  }
  return result;
}

}  // namespace sfn
