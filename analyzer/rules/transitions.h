#pragma once
// Rules over the model and its graph: transition targets, scopes, reachability, terminal states.

#include "analyzer/model.h"
#include "analyzer/rules/reporter.h"
#include "analyzer/state_graph.h"

namespace sfn::rules {

void check_transitions(const StateMachine& machine, const StateGraph& graph, Reporter& reporter);

}  // namespace sfn::rules
