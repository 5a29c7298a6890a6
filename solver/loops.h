#pragma once
// Internal to solver/: loops whose end depends only on what Tasks return (unbounded-loop).

#include <vector>

#include "analyzer/compiled_state.h"
#include "analyzer/model.h"
#include "solver/analysis.h"
#include "solver/smt.h"
#include "solver/witness_search.h"

namespace sfn::solver {

// One finding per cycle that (1) a witness run goes round twice, (2) goes round again under
// conditions that read only fresh Task results and values the cycle never writes, so (3) nothing
// the loop does moves it towards an exit (no ranking). The finding names those conditions.
std::vector<SolverFinding> find_unbounded_loops(const StateMachine& machine, const std::vector<CompiledState>& compiled,
                                                const SearchResult& search, Smt& smt);

}  // namespace sfn::solver
