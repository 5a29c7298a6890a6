#pragma once
// Every place where AWS's behaviour is not established (asl-semantics.md marks it "uncertain") is
// one switch here, with the default we chose and why. Nothing else in the interpreter guesses.

namespace sfn::interp {

struct SemanticsOptions {
  // §2.3 / §14: IsNull, IsString, IsNumeric, IsBoolean, IsTimestamp on a missing path. The spec
  // implies States.Runtime like every operator but IsPresent (floe and aws-local-stepfunctions agree);
  // LocalStack returns false. Default: raise, as the spec says. When false, a missing value has no
  // type (LocalStack's reading): `IsNull: true` is false and `IsNull: false` is true, and so on.
  bool type_test_on_missing_path_raises = true;

  // §2.3 / §14: an ordering ...Path operator whose *operand* path holds the wrong type. One AWS
  // observation (FLOE Test9) is a runtime failure "Invalid value provided at path"; default: raise
  // States.Runtime with that message. When false the rule is simply false.
  bool ordering_path_operand_wrong_type_raises = true;

  // §5.4 / §14: ToleratedFailureCount/Percentage are documented for distributed Map; whether an
  // inline Map honours them is not verified. Default: only distributed Maps tolerate failures.
  bool inline_map_honours_tolerated_failures = false;

  // §5.4: the error of a distributed Map whose children failed beyond the tolerance. The DG
  // (maprun-fail-threshold) says both thresholds default to 0, the Map Run fails when either is
  // exceeded, and Step Functions then returns States.ExceedToleratedFailureThreshold; no AWS
  // recording shows a distributed Map without tolerance fields failing. Default: that error, also
  // when no tolerance field is given. When false, a distributed Map without tolerance fields fails
  // with the first failed child's own error, as an inline Map does ([AWS✓] for inline Maps).
  bool distributed_map_failure_is_threshold_error = true;

  // §7 / §14: States.ArrayGetItem with an index past the end. LocalStack and floci raise; ALS returns
  // null. Default: raise States.Runtime.
  bool array_get_item_out_of_range_raises = true;

  // §7 / §14: whether States.MathRandom's end bound is inclusive. Default: exclusive, as Java's
  // Random.nextInt(start, end) that AWS's runtime is presumed to use.
  bool math_random_end_inclusive = false;

  // §6.1 / §14: States.TaskFailed in ErrorEquals matches every error except States.Timeout (the DG's
  // reading, default) or, when false, only errors whose name does not start with "States." (LocalStack).
  bool task_failed_matches_states_errors = true;

  // §6.1 / §14: an oversized task result (States.DataLimitExceeded) was caught by States.ALL on AWS,
  // although the DG says it is terminal. Default: catchable, as recorded on AWS.
  bool data_limit_exceeded_catchable = true;

  // §6.1 / §14: the error name of a missed heartbeat. The DG names States.HeartbeatTimeout for
  // Retry/Catch matching, other text says States.Timeout; default: States.HeartbeatTimeout, and an
  // ErrorEquals of either name catches it (error_matching.cpp), so no reading is excluded.
  bool heartbeat_failure_is_heartbeat_timeout = true;

  // §12: the error that ends an execution reaching the 25,000-event history limit is not recorded.
  // We report States.Runtime (uncatchable), since the execution as a whole fails.

  // §14: the error name of intrinsic argument failures. Default: States.Runtime (uncatchable);
  // when false, States.IntrinsicFailure (catchable) as the spec names it.
  bool intrinsic_failure_is_runtime = true;

  // §6.1 / §14: whether Retry and Catch handle States.QueryEvaluationError (a JSONata expression
  // that failed, returned nothing or the wrong type). The AWS toolkit documents it as handleable;
  // no AWS recording shows it. Default: catchable, as documented. A Task's Arguments error goes
  // through Retry and Catch; an Output or Assign error after the work goes through Catch only.
  bool query_evaluation_error_catchable = true;

  // §8.4 / §14: the error of a JSONata Choice `Condition` that returns a non-boolean. Default:
  // States.QueryEvaluationError (cause "... returned an unexpected result type. Expected 'boolean'
  // ..."), the presumed name; when false, States.Runtime.
  bool non_boolean_condition_is_query_evaluation_error = true;

  // §5.4 / §14: a JSONata Map whose `Items` returns an object. An older AWS recording fails it with
  // States.QueryEvaluationError ("... Expected 'array', but was 'object' ..."); newer AWS docs say the
  // Map iterates the object's values with $states.context.Map.Item.Key. Default: the recorded error.
  bool jsonata_map_items_object_iterates = false;

  // §8.3 / §14: `Result` on a JSONata Pass state. The AWS toolkit says it is rejected; LocalStack
  // takes it as the state's result ($states.result and the default output). Default: the run is
  // refused (unusable), as AWS is documented to reject the definition; when true, LocalStack's reading.
  bool jsonata_pass_result_accepted = false;
};

}  // namespace sfn::interp
