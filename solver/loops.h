#pragma once
// Internal to solver/: loops whose end depends only on what Tasks return (unbounded-loop).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/compiled_state.h"
#include "analyzer/model.h"
#include "solver/analysis.h"
#include "solver/smt.h"
#include "solver/symbolic.h"
#include "solver/witness_search.h"

namespace sfn::solver {

// One finding per cycle that (1) a witness run goes round twice, (2) goes round again under
// conditions that read only fresh Task results and values the cycle never writes, so (3) nothing
// the loop does moves it towards an exit (no ranking). The finding names those conditions.
std::vector<SolverFinding> find_unbounded_loops(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                                const SearchResult& search, Smt& smt);

// Locations every run holds at a state's entry, with their values: a forward must-analysis to a
// fixpoint (a Pass Result or constant Parameters written, not overwritten since). nullopt: the
// state is not reached from its scope's StartAt.
using Facts = std::map<std::vector<std::string>, nlohmann::json>;
std::vector<std::optional<Facts>> entry_facts(const StateMachine& machine, const std::vector<CompiledState>& compiled);
// A document that holds the facts and is otherwise any value (a sound over-approximation).
NodePtr document_with_facts(Documents& documents, const Facts& facts, const std::string& origin);

// infinite-loop: a cycle every exit of which is a Choice rule or Default that can never hold, given
// the locations every run holds constant on entry (a must-constant analysis: a Pass Result written
// before the loop and never rewritten in it). The invariant is inductive by construction (a
// fixpoint over the cycle); Z3 shows each exit condition unsatisfiable under it. Ending in an
// error is not an exit. The witness of the entry state shows the loop is reached.
std::vector<SolverFinding> find_infinite_loops(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                               const SearchResult& search, Smt& smt);

}  // namespace sfn::solver
