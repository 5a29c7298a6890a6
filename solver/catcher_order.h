#pragma once
// Retry and Catch lists read as ordered matchers (asl-semantics.md §6.2, §6.3): entries that an
// earlier entry always takes first, and timeout handlers on Tasks that cannot time out within an
// execution's lifetime. Plain reasoning over sets of error names; no Z3 needed.

#include "analyzer/diagnostic.h"
#include "analyzer/model.h"

namespace sfn::solver {

// dead-catcher (warning) and timeout-catcher-without-timeout (note) findings for every
// Task/Parallel/Map state, nested scopes included. Locations carry pointer and state name only;
// the caller fills in line and column from the pointer.
Diagnostics find_catcher_findings(const StateMachine& machine);

}  // namespace sfn::solver
