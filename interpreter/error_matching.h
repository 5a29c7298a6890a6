#pragma once
// Which Retry/Catch entries match an error (asl-semantics.md §6).

#include <string>
#include <vector>

#include "interpreter/outcome.h"
#include "interpreter/semantics_options.h"

namespace sfn::interp {

// Errors that no Retry or Catch can handle (§6.4): States.Runtime always; States.DataLimitExceeded
// and States.QueryEvaluationError when the semantics say so.
bool is_uncatchable(const Failure& failure, const SemanticsOptions& semantics);

// Whether one ErrorEquals name matches the error: equal names, States.ALL, States.TaskFailed as a
// wildcard (§6.1, one switch), and either timeout name for a heartbeat failure.
bool error_name_matches(const std::string& pattern, const Failure& failure, const SemanticsOptions& semantics);

bool error_equals_matches(const std::vector<std::string>& error_equals, const Failure& failure,
                          const SemanticsOptions& semantics);

}  // namespace sfn::interp
