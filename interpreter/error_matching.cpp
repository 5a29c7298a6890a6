#include "interpreter/error_matching.h"

namespace sfn::interp {

bool is_uncatchable(const Failure& failure, const SemanticsOptions& semantics) {
  if (failure.error == "States.Runtime") return true;
  if (failure.error == "States.QueryEvaluationError" && !semantics.query_evaluation_error_catchable) return true;
  return failure.error == "States.DataLimitExceeded" && !semantics.data_limit_exceeded_catchable;
}

bool error_name_matches(const std::string& pattern, const Failure& failure, const SemanticsOptions& semantics) {
  if (is_uncatchable(failure, semantics)) return false;
  if (pattern == "States.ALL" || pattern == failure.error) return true;
  const bool timeout = failure.error == "States.Timeout" || failure.error == "States.HeartbeatTimeout";
  // §6.1: a missed heartbeat may be reported under either name, so either name catches it.
  if (pattern == "States.Timeout" && failure.error == "States.HeartbeatTimeout") return true;
  if (pattern == "States.TaskFailed") {
    if (semantics.task_failed_matches_states_errors) return !timeout;
    return failure.error.rfind("States.", 0) != 0;
  }
  return false;
}

bool error_equals_matches(const std::vector<std::string>& error_equals, const Failure& failure,
                          const SemanticsOptions& semantics) {
  for (const std::string& pattern : error_equals) {
    if (error_name_matches(pattern, failure, semantics)) return true;
  }
  return false;
}

}  // namespace sfn::interp
