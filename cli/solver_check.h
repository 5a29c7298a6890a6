#pragma once
// The solver's part of `sfncheck check`: runs the analysis, replays every witness it offers in the
// reference interpreter (the solver and the interpreter never see each other; this layer sees
// both), and turns the verdicts that stand into diagnostics.

#include <cstddef>
#include <string>
#include <vector>

#include "analyzer/diagnostic.h"
#include "analyzer/source_document.h"

namespace sfn::cli {

struct SolverCheckOptions {
  unsigned loop_bound = 2;
};

struct SolverSummary {
  bool analysed = false;
  std::size_t choice_rules = 0;            // Choices entries
  std::size_t undecided_choice_rules = 0;  // neither shown reachable (a replayed witness) nor proved dead
  std::size_t goals = 0, covered = 0, impossible = 0, unknown = 0;
  std::size_t witnesses = 0, replay_failures = 0;
  std::size_t random_witnesses = 0;  // goals the solver left open that a random run met
  std::size_t queries = 0;
  double seconds = 0;
};

struct SolverCheckResult {
  Diagnostics diagnostics;  // with line and column filled in
  SolverSummary summary;
};

SolverCheckResult run_solver_check(const SourceDocument& document, const SolverCheckOptions& options);

}  // namespace sfn::cli
