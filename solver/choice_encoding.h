#pragma once
// Internal to solver/: Choice rules as formulas, row by row as asl-semantics.md §2.3 says and as
// interpreter/choice_eval.cpp runs them. Keep the two in step.

#include <vector>

#include "analyzer/model.h"
#include "solver/symbolic.h"

namespace sfn::solver {

// Proof: every reading of an uncertain row is allowed (a fresh choice per evaluation), so a proof
// holds under all of them. Witness: the interpreter's defaults, so the witness replays.
enum class EncodingMode { Proof, Witness };

struct RuleEncoding {
  Term holds;                     // the rule evaluates to true, without raising
  Term raises;                    // evaluating it raises States.Runtime
  std::vector<RaiseSite> sites;   // each raise, with its own condition (their disjunction is `raises`)
  bool exact = true;              // false when part of it is an unknown (not modelled)
};

RuleEncoding encode_choice_rule(const ChoiceRule& rule, const NodePtr& input, const Variables& variables,
                                const NodePtr& context, Documents& documents, EncodingMode mode,
                                const std::string& field);

// The whole Choice state: which rule is taken (in order), the Default, and the raises.
struct ChoiceEncoding {
  std::vector<Term> taken;        // Choices[i] is the rule taken
  Term none_matched;              // no rule matched (Default, or States.NoChoiceMatched)
  std::vector<RaiseSite> sites;   // with the condition that evaluation reaches them
  std::vector<RuleEncoding> rules;  // each rule on its own, for unsat cores
  bool exact = true;
};

ChoiceEncoding encode_choice_state(const State& state, const NodePtr& input, const Variables& variables,
                                   const NodePtr& context, Documents& documents, EncodingMode mode);

// A rule in words for messages: `$.x == 5`, `$.a is present`, `($.x > 1 and $.y is true)`.
std::string describe_rule(const ChoiceRule& rule);
// The negation of a data test in words: `$.x is not 5`, `$.w is below 100 (or not a number)`.
std::string describe_negated_rule(const ChoiceRule& rule);

}  // namespace sfn::solver
