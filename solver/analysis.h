#pragma once
// The symbolic analysis behind `sfncheck check` (asl-semantics.md §2-§6 encoded in Z3): which Choice
// rules, Defaults and states can be reached, which runs raise States.Runtime at a read, and which
// loops have no reason to end. Proofs are UNSAT answers on an over-approximation; everything
// else comes with a witness test that the caller replays in the interpreter before reporting it.
// Plain data in and out: no Z3 type crosses this header.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzer/diagnostic.h"
#include "analyzer/model.h"

namespace sfn::solver {

struct SolverOptions {
  unsigned loop_bound = 2;           // rounds per loop explored for witnesses
  std::size_t max_steps = 400;       // states entered on one witness run
  std::size_t max_queries = 20000;   // solver queries for the witness search (plus 20 per state)
  unsigned resource_limit = 2000000; // Z3 rlimit per query (deterministic)
  unsigned query_timeout_ms = 10000; // safety net per query; hitting it is reported
  double max_seconds = 60;           // safety net for the whole witness search; the budget is queries
};

// A candidate finding. When `witness` is set, it stands only if that test replays as predicted.
struct SolverFinding {
  Diagnostic diagnostic;
  std::optional<std::size_t> witness;  // index into SolverReport::tests
};

enum class GoalStatus { Covered, Impossible, Unknown };

// One coverage goal: a state, a Choice rule, a Default, a Catch, a second round of a loop.
struct Goal {
  std::string id;     // "rule:/States/C/Choices/0", "state:/States/S", "default:...", "loop:...", ...
  std::string kind;   // "state", "choice-rule", "default", "no-choice-matched", "catch", "loop"
  std::string pointer;
  std::string state;  // the state's name
  GoalStatus status = GoalStatus::Unknown;
  std::optional<std::size_t> test;   // Covered: the witness (to be replayed)
  std::optional<nlohmann::json> proof;  // Impossible: {"kind": "proof", "core": [...]}
  std::string reason;                // Unknown: why
};

struct SolverReport {
  std::vector<SolverFinding> findings;
  std::vector<nlohmann::json> tests;  // witnesses, in the interpreter's test-file format
  std::vector<Goal> goals;
  std::vector<std::string> limits;    // what was not analysed, and why (budget, features)
  std::size_t queries = 0;
  nlohmann::json query_costs = nlohmann::json::object();  // per query name: {"count", "seconds"}
};

SolverReport analyze_machine(const StateMachine& machine, const SolverOptions& options = {});

}  // namespace sfn::solver
