// Parallel and Map on the executor (asl-semantics.md §1.4, §5.3, §5.4), each test a machine built
// from inline JSON with native mocks.

#include <gtest/gtest.h>

#include "tests/interpreter/executor_test_support.h"

namespace sfn::testing {
namespace {

using interp::RunResult;
using interp::RunStatus;
using nlohmann::json;

// A Map "M" over $.items whose processor runs `processor_states` (a States object's members),
// with `fields` (JSON members, may be empty) on the Map; followed by a Succeed "Done".
std::string map_machine(const std::string& fields, const std::string& processor_states,
                        const std::string& processor_config = "") {
  return R"({"StartAt": "M", "States": {
    "M": {"Type": "Map", "ItemsPath": "$.items", )" +
         (fields.empty() ? "" : fields + ", ") + R"("ItemProcessor": {)" +
         (processor_config.empty() ? "" : R"("ProcessorConfig": )" + processor_config + ", ") +
         R"("StartAt": "Check", "States": {)" + processor_states + R"(}}, "Next": "Done"},
    "Done": {"Type": "Succeed"}}})";
}

// Iterations fail (Error "ItemFailed") when the item's "ok" is false.
const char* kCheckItem = R"(
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": false, "Next": "Bad"}],
              "Default": "Good"},
    "Bad": {"Type": "Fail", "Error": "ItemFailed", "Cause": "not ok"},
    "Good": {"Type": "Pass", "End": true})";

const char* kDistributed = R"({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"})";

// {"items": [...]} with `failing` items of `total` having "ok": false (the first ones).
std::string items(int total, int failing) {
  json list = json::array();
  for (int i = 0; i < total; ++i) list.push_back({{"i", i}, {"ok", i >= failing}});
  return json{{"items", list}}.dump();
}

// ---- §1.4 / §5.3 Parallel ----------------------------------------------------------------------

TEST(ParallelState, OutputsInBranchOrderFromTheSameInput) {  // §1.4/§5.3 [SPEC]
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "InputPath": "$.in", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Parameters": {"a.$": "$.v"}, "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                    "End": true}}},
                  {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}}],
                "ResultPath": "$.out", "End": true}}})",
      R"({"in": {"v": 1}})", R"({"B": [{"Return": "b"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"in": {"v": 1}, "out": [{"a": 1}, "b", {"v": 1}]})"));
}

TEST(ParallelState, ParametersAndResultSelector) {  // §3.1 Parameters/ResultSelector on Parallel
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Parameters": {"x.$": "$.x"}, "ResultSelector": {"first.$": "$[0].x"},
                "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}], "End": true}}})",
      R"({"x": 5, "y": 6})");
  EXPECT_EQ(result.output, json::parse(R"({"first": 5})")) << describe(result);
}

// §1.4 [AWS✓ test_parallel_state_fail]: the Parallel fails with the branch's own error, not
// States.BranchFailed.
TEST(ParallelState, FailsWithTheBranchsOwnError) {
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                    "End": true}}}], "End": true}}})",
      "{}", R"({"B": [{"Throw": {"Error": "FailureType", "Cause": "branch cause"}}]})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "FailureType");
  EXPECT_EQ(result.cause, "branch cause");
}

// §1.4 [AWS✓ test_parallel_state_catch]: a catcher naming the branch's error catches it.
TEST(ParallelState, CatcherMatchesTheBranchsError) {
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "FailureType", "Cause": "c"}}}],
                "Catch": [{"ErrorEquals": ["States.BranchFailed"], "Next": "Wrong"},
                          {"ErrorEquals": ["FailureType"], "Next": "Right"}], "End": true},
        "Wrong": {"Type": "Fail", "Error": "Wrong"},
        "Right": {"Type": "Pass", "End": true}}})",
      "{}");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"Par", "Right"}));
  EXPECT_EQ(result.output, json::parse(R"({"Error": "FailureType", "Cause": "c"})"));
}

// §1.4 [AWS✓ ParallelStateStarted repeated]: a Retry on the Parallel re-runs all branches, the
// ones that had succeeded included.
TEST(ParallelState, RetryRerunsAllBranches) {
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                    "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                    "End": true}}}],
                "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 4}], "End": true}}})",
      "{}", R"({"A": [{"Return": "a1"}, {"Return": "a2"}],
                "B": [{"Throw": {"Error": "Flaky"}}, {"Return": "b2"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(visits(result, "A"), 2u);
  EXPECT_EQ(visits(result, "B"), 2u);
  EXPECT_EQ(result.output, json::parse(R"(["a2", "b2"])"));
  EXPECT_DOUBLE_EQ(result.elapsed_seconds, 4);
}

TEST(ParallelState, NoChoiceMatchedInABranchCanBeCaught) {  // §2.1 [SPEC] via the enclosing state
  RunResult result = run_machine(
      R"({"StartAt": "Par", "States": {
        "Par": {"Type": "Parallel", "Branches": [{"StartAt": "C", "States": {
                  "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}]},
                  "D": {"Type": "Succeed"}}}],
                "Catch": [{"ErrorEquals": ["States.NoChoiceMatched"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}})",
      R"({"x": 2})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.path, (std::vector<std::string>{"Par", "Caught"}));
}

// ---- §5.4 inline Map ---------------------------------------------------------------------------

TEST(MapState, ItemsPathAndResultsInItemOrder) {  // §5.4 [SPEC]
  RunResult result = run_machine(
      R"j({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.list", "ResultPath": "$.doubled",
              "ItemProcessor": {"StartAt": "Twice", "States": {
                "Twice": {"Type": "Pass", "Parameters": {"v.$": "States.MathAdd($, $)"}, "End": true}}},
              "End": true}}})j",
      R"({"list": [1, 2, 3]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"({"list": [1, 2, 3], "doubled": [{"v": 2}, {"v": 4}, {"v": 6}]})"));
}

TEST(MapState, WithoutItemsPathTheEffectiveInputIsTheArray) {  // §5.4 default ItemsPath "$"
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "InputPath": "$.list",
              "ItemProcessor": {"StartAt": "Id", "States": {"Id": {"Type": "Pass", "End": true}}}, "End": true}}})",
      R"({"list": ["a", "b"]})");
  EXPECT_EQ(result.output, json::parse(R"(["a", "b"])")) << describe(result);
}

// §5.4/§9 [SPEC, DG]: ItemSelector builds each iteration's input from the Map's effective input and
// $$.Map.Item.Index / $$.Map.Item.Value.
TEST(MapState, ItemSelectorWithMapItemIndexAndValue) {
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.list",
              "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "shared.$": "$.shared"},
              "ItemProcessor": {"StartAt": "Id", "States": {"Id": {"Type": "Pass", "End": true}}}, "End": true}}})",
      R"({"list": ["a", "b"], "shared": 1})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"([{"index": 0, "value": "a", "shared": 1},
                                            {"index": 1, "value": "b", "shared": 1}])"));
}

TEST(MapState, LegacyIteratorWithParameters) {  // §5.4 Iterator + Parameters (deprecated forms)
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "Parameters": {"i.$": "$$.Map.Item.Index"},
              "Iterator": {"StartAt": "Id", "States": {"Id": {"Type": "Pass", "End": true}}}, "End": true}}})",
      R"([10, 20])");
  EXPECT_EQ(result.output, json::parse(R"([{"i": 0}, {"i": 1}])")) << describe(result);
}

TEST(MapState, MapItemIsNotVisibleInsideTheProcessor) {  // §9 [SPEC] only while building the input
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {
                "P": {"Type": "Pass", "Parameters": {"i.$": "$$.Map.Item.Index"}, "End": true}}}, "End": true}}})",
      R"([1])");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

// §5.4 [AWS✓ test_map_state_break_condition]: an iteration failing fails the whole Map with the
// iteration's own error.
TEST(MapState, FailsWithTheIterationsOwnError) {
  RunResult result = run_machine(map_machine("", kCheckItem), items(3, 1));
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "ItemFailed");
  EXPECT_EQ(result.cause, "not ok");
}

TEST(MapState, CatchOnTheIterationsError) {  // §6.3 on a Map
  RunResult result = run_machine(
      map_machine(R"("Catch": [{"ErrorEquals": ["ItemFailed"], "ResultPath": "$.error", "Next": "Done"}])",
                  kCheckItem),
      items(1, 1));
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output["error"], json::parse(R"({"Error": "ItemFailed", "Cause": "not ok"})"));
}

TEST(MapState, RetryRerunsAllIterations) {  // §5.4 [SPEC/DG] Retry re-runs all iterations
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "MaxConcurrency": 1, "Retry": [{"ErrorEquals": ["Flaky"]}],
              "ItemProcessor": {"StartAt": "Work", "States": {
                "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}, "End": true}}})",
      "[1, 2]", R"({"Work": [{"Return": "a"}, {"Throw": {"Error": "Flaky"}}, {"Return": "c"}, {"Return": "d"}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(visits(result, "Work"), 4u);
  EXPECT_EQ(result.output, json::parse(R"(["c", "d"])"));
}

TEST(MapState, ItemsPathNotAnArrayIsStatesRuntime) {  // §5.4: the items must be an array
  RunResult result = run_machine(map_machine("", kCheckItem), R"({"items": {"not": "an array"}})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
}

TEST(MapState, EmptyItemsGiveAnEmptyArray) {  // §5.4 result aligned with the (empty) items
  RunResult result = run_machine(map_machine(R"("ResultPath": "$.r")", kCheckItem), R"({"items": []})");
  EXPECT_EQ(result.output, json::parse(R"({"items": [], "r": []})")) << describe(result);
}

// §5.4 [AWS✓] MaxConcurrencyPath must name an integer.
TEST(MapState, MaxConcurrencyPathNotAnInteger) {
  RunResult result = run_machine(map_machine(R"("MaxConcurrencyPath": "$.p")", kCheckItem),
                                 R"({"items": [], "p": "NoNumber"})");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.Runtime");
  EXPECT_EQ(cause_detail(result),
            R"(The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.p)");
  RunResult fine = run_machine(map_machine(R"("MaxConcurrencyPath": "$.p")", kCheckItem), R"({"items": [], "p": 2})");
  EXPECT_EQ(fine.status, RunStatus::Succeeded) << describe(fine);
}

// §5.4 §14 inline Maps ignore the tolerated-failure fields unless the switch says otherwise.
TEST(MapState, InlineMapToleranceFollowsTheSwitch) {
  const std::string machine = map_machine(R"("ToleratedFailureCount": 1)", kCheckItem);
  RunResult strict = run_machine(machine, items(3, 1));
  EXPECT_EQ(strict.error, "ItemFailed") << describe(strict);
  interp::RunOptions options;
  options.semantics.inline_map_honours_tolerated_failures = true;
  RunResult tolerant = run_machine(machine, items(3, 1), "{}", options);
  EXPECT_EQ(tolerant.status, RunStatus::Succeeded) << describe(tolerant);
}

// ---- §5.4 distributed Map ----------------------------------------------------------------------

// §5.4 [DG, AWS✓ TestState]: up to ToleratedFailureCount failed items are tolerated; one more
// fails the Map with States.ExceedToleratedFailureThreshold.
TEST(DistributedMap, ToleratedFailureCount) {
  const std::string machine = map_machine(R"("ToleratedFailureCount": 1)", kCheckItem, kDistributed);
  RunResult within = run_machine(machine, items(4, 1));
  ASSERT_EQ(within.status, RunStatus::Succeeded) << describe(within);
  RunResult beyond = run_machine(machine, items(4, 2));
  ASSERT_EQ(beyond.status, RunStatus::Failed) << describe(beyond);
  EXPECT_EQ(beyond.error, "States.ExceedToleratedFailureThreshold");
  EXPECT_EQ(beyond.cause, "The specified tolerated failure threshold was exceeded");
}

TEST(DistributedMap, ToleratedFailurePercentage) {  // §5.4 [DG] failed / total items, in percent
  const std::string machine = map_machine(R"("ToleratedFailurePercentage": 50)", kCheckItem, kDistributed);
  RunResult within = run_machine(machine, items(4, 2));
  EXPECT_EQ(within.status, RunStatus::Succeeded) << describe(within);
  RunResult beyond = run_machine(machine, items(4, 3));
  EXPECT_EQ(beyond.error, "States.ExceedToleratedFailureThreshold") << describe(beyond);
}

// §5.4 [DG maprun-fail-threshold]: "If you specify both values, the workflow fails when it exceeds
// either value."
TEST(DistributedMap, BothThresholdsFailWhenEitherIsExceeded) {
  const std::string machine =
      map_machine(R"("ToleratedFailureCount": 1, "ToleratedFailurePercentage": 100)", kCheckItem, kDistributed);
  RunResult result = run_machine(machine, items(4, 2));
  EXPECT_EQ(result.error, "States.ExceedToleratedFailureThreshold") << describe(result);
}

// §5.4 [DG] the defaults are 0: one failed child fails the Map Run, and the Map reports
// States.ExceedToleratedFailureThreshold (switch distributed_map_failure_is_threshold_error);
// switched off, the child's own error as in an inline Map.
TEST(DistributedMap, DefaultToleranceIsZero) {
  const std::string machine = map_machine("", kCheckItem, kDistributed);
  RunResult result = run_machine(machine, items(3, 1));
  EXPECT_EQ(result.error, "States.ExceedToleratedFailureThreshold") << describe(result);
  interp::RunOptions options;
  options.semantics.distributed_map_failure_is_threshold_error = false;
  RunResult own_error = run_machine(machine, items(3, 1), "{}", options);
  EXPECT_EQ(own_error.error, "ItemFailed") << describe(own_error);
}

// §5.4 [AWS✓] ToleratedFailureCountPath / ToleratedFailurePercentagePath values out of range.
TEST(DistributedMap, ToleratedFailurePathValues) {
  const std::string count = map_machine(R"("ToleratedFailureCountPath": "$.n")", kCheckItem, kDistributed);
  RunResult negative = run_machine(count, R"({"items": [], "n": -1})");
  EXPECT_EQ(negative.error, "States.Runtime") << describe(negative);
  EXPECT_EQ(cause_detail(negative), "ToleratedFailureCount cannot be negative.");
  RunResult from_path = run_machine(count, R"({"items": [{"ok": false}, {"ok": true}], "n": 1})");
  EXPECT_EQ(from_path.status, RunStatus::Succeeded) << describe(from_path);

  const std::string percentage = map_machine(R"("ToleratedFailurePercentagePath": "$.p")", kCheckItem, kDistributed);
  RunResult too_big = run_machine(percentage, R"({"items": [], "p": 101})");
  EXPECT_EQ(too_big.error, "States.Runtime") << describe(too_big);
  EXPECT_EQ(cause_detail(too_big), "ToleratedFailurePercentage must be between 0 and 100.");
  RunResult not_number = run_machine(percentage, R"({"items": [], "p": "x"})");
  EXPECT_EQ(not_number.error, "States.Runtime") << describe(not_number);
}

// §5.4/§8.5 [TK]: a distributed Map's children cannot read outer variables; the child fails with
// States.Runtime, which for the parent is one failed child of the Map Run.
TEST(DistributedMap, ChildrenCannotReadOuterVariables) {
  const std::string machine = R"({"StartAt": "Init", "States": {
        "Init": {"Type": "Pass", "Assign": {"outer": 1}, "Next": "M"},
        "M": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                "States": {"P": {"Type": "Pass", "Parameters": {"o.$": "$outer"}, "End": true}}}, "End": true}}})";
  RunResult result = run_machine(machine, "[1]");
  ASSERT_EQ(result.status, RunStatus::Failed) << describe(result);
  EXPECT_EQ(result.error, "States.ExceedToleratedFailureThreshold");
  ASSERT_FALSE(result.trace.empty());
  EXPECT_EQ(result.trace[1].state, "P");
  EXPECT_TRUE(result.trace[1].failed);
  interp::RunOptions options;
  options.semantics.distributed_map_failure_is_threshold_error = false;
  EXPECT_EQ(run_machine(machine, "[1]", "{}", options).error, "States.Runtime");
}

// §5.4 ItemReader: the items come from a mock named after the Map state.
TEST(DistributedMap, ItemReaderItemsFromAMock) {
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                             "ReaderConfig": {"InputType": "JSON"},
                                             "Parameters": {"Bucket": "b", "Key": "items.json"}},
              "ItemSelector": {"n.$": "$$.Map.Item.Value.n", "i.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                                "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})",
      "{}", R"({"M": [{"Return": [{"n": "x"}, {"n": "y"}]}]})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"([{"n": "x", "i": 0}, {"n": "y", "i": 1}])"));
}

// §5.4 [AWS✓] ItemReader problems -> States.ItemReaderFailed, e.g. "Attempting to map over
// non-iterable node." and "field MaxItems must be positive".
TEST(DistributedMap, ItemReaderFailures) {
  const std::string machine = R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                             "ReaderConfig": {"InputType": "JSON", "MaxItems": 0}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                                "States": {"P": {"Type": "Pass", "End": true}}},
              "Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Caught"}], "End": true},
        "Caught": {"Type": "Pass", "End": true}}})";
  RunResult max_items = run_machine(machine, "{}", R"({"M": [{"Return": [1]}]})");
  EXPECT_EQ(max_items.output, json::parse(R"({"Error": "States.ItemReaderFailed",
                                              "Cause": "field MaxItems must be positive"})"))
      << describe(max_items);
  std::string no_limit = machine;
  no_limit.replace(no_limit.find(R"(, "MaxItems": 0)"), 15, "");
  RunResult not_iterable = run_machine(no_limit, "{}", R"({"M": [{"Return": {"not": "a list"}}]})");
  EXPECT_EQ(not_iterable.output, json::parse(R"({"Error": "States.ItemReaderFailed",
                                                 "Cause": "Attempting to map over non-iterable node."})"))
      << describe(not_iterable);
}

TEST(DistributedMap, ItemReaderMaxItemsLimitsTheItems) {  // §5.4 ReaderConfig.MaxItems
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                             "ReaderConfig": {"InputType": "JSON", "MaxItems": 2}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                                "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})",
      "{}", R"({"M": [{"Return": [1, 2, 3]}]})");
  EXPECT_EQ(result.output, json::parse("[1, 2]")) << describe(result);
}

TEST(DistributedMap, ItemBatcherGroupsItems) {  // §5.4 ItemBatcher -> {"Items": [...], "BatchInput": ...}
  RunResult result = run_machine(
      R"({"StartAt": "M", "States": {
        "M": {"Type": "Map", "ItemsPath": "$.list",
              "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"job.$": "$.job"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"}, "StartAt": "P",
                                "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}})",
      R"({"list": [1, 2, 3], "job": "j"})");
  ASSERT_EQ(result.status, RunStatus::Succeeded) << describe(result);
  EXPECT_EQ(result.output, json::parse(R"([{"Items": [1, 2], "BatchInput": {"job": "j"}},
                                            {"Items": [3], "BatchInput": {"job": "j"}}])"));
}

}  // namespace
}  // namespace sfn::testing
