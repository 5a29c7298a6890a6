// dead-catcher and timeout-catcher-without-timeout, each triggered by small inline machines and each
// paired with near misses that must come out clean. Expectations follow asl-semantics.md §6.

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "analyzer/model.h"
#include "analyzer/source_document.h"
#include "solver/catcher_order.h"

namespace sfn::solver {
namespace {

// Owns the definition, since the model points into it.
struct LoadedMachine {
  nlohmann::json definition;
  StateMachine machine;
  explicit LoadedMachine(const std::string& text) {
    ParseResult parsed = parse_json_document(text);
    EXPECT_TRUE(parsed.ok) << text;
    definition = parsed.document.root;
    machine = build_state_machine(definition);
  }
};

Diagnostics findings_for(const std::string& definition) {
  LoadedMachine loaded(definition);
  return find_catcher_findings(loaded.machine);
}

Diagnostics with_rule(const Diagnostics& all, std::string_view rule) {
  Diagnostics selected;
  for (const Diagnostic& finding : all) {
    if (finding.rule == rule) selected.push_back(finding);
  }
  return selected;
}

// A one-Task machine "T" with the given fields, e.g. R"("Catch": [...])"; every catcher goes to "Done".
std::string task_machine(std::string_view fields) {
  return std::string(R"({"StartAt": "T", "States": {
    "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f", "End": true, )") +
         std::string(fields) + R"(},
    "Done": {"Type": "Succeed"}}})";
}

// Catch entries from ErrorEquals lists, e.g. catches({R"("A")", R"("B", "C")"}).
std::string catches(const std::vector<std::string>& lists) {
  std::string text = R"("Catch": [)";
  for (std::size_t i = 0; i < lists.size(); ++i) {
    text += (i ? ", " : "") + std::string(R"({"ErrorEquals": [)") + lists[i] + R"(], "Next": "Done"})";
  }
  return text + "]";
}

std::string retries(const std::vector<std::string>& lists) {
  std::string text = R"("Retry": [)";
  for (std::size_t i = 0; i < lists.size(); ++i) {
    text += (i ? ", " : "") + std::string(R"({"ErrorEquals": [)") + lists[i] + "]}";
  }
  return text + "]";
}

// Dead Catch entries of the one-Task machine, as their pointers. The Task has a timeout so that
// timeout-catcher-without-timeout stays out of the way.
std::vector<std::string> dead_catches(const std::vector<std::string>& lists) {
  std::vector<std::string> pointers;
  for (const Diagnostic& finding :
       with_rule(findings_for(task_machine(R"("TimeoutSeconds": 60, )" + catches(lists))), "dead-catcher")) {
    pointers.push_back(finding.location.pointer);
  }
  return pointers;
}

using Pointers = std::vector<std::string>;

// ---------------------------------------------------------------------------------------------
// dead-catcher

TEST(DeadCatcher, EntryAfterStatesAllIsDead) {
  EXPECT_EQ(dead_catches({R"("States.ALL")", R"("Foo")"}), Pointers{"/States/T/Catch/1"});
}

TEST(DeadCatcher, UserErrorAfterTaskFailedIsDeadWithMessageRelatedAndEvidence) {
  Diagnostics found = findings_for(task_machine(
      R"("TimeoutSeconds": 60, )" + catches({R"("States.TaskFailed")", R"("Lambda.Unknown")"})));
  ASSERT_EQ(found.size(), 1u);
  const Diagnostic& finding = found[0];
  EXPECT_EQ(finding.rule, "dead-catcher");
  EXPECT_EQ(finding.severity, Severity::Warning);
  EXPECT_EQ(finding.message,
            "Catch[1] can never be taken: every error it names (Lambda.Unknown) is caught first by Catch[0] "
            "(States.TaskFailed)");
  EXPECT_EQ(finding.location.pointer, "/States/T/Catch/1");
  EXPECT_EQ(finding.location.state, "T");
  EXPECT_EQ(finding.location.line, 0u);
  ASSERT_EQ(finding.related.size(), 1u);
  EXPECT_EQ(finding.related[0].pointer, "/States/T/Catch/0");
  EXPECT_EQ(finding.related[0].state, "T");
  ASSERT_TRUE(finding.evidence);
  EXPECT_EQ((*finding.evidence)["kind"], "proof");
  ASSERT_EQ((*finding.evidence)["core"].size(), 1u);
  EXPECT_EQ((*finding.evidence)["core"][0]["pointer"], "/States/T/Catch/0/ErrorEquals");
  EXPECT_FALSE((*finding.evidence)["core"][0]["text"].get<std::string>().empty());
}

TEST(DeadCatcher, TaskFailedDoesNotCoverStatesErrorsUnderLocalStackReading) {
  EXPECT_TRUE(dead_catches({R"("States.TaskFailed")", R"("States.Permissions")"}).empty());
  EXPECT_TRUE(dead_catches({R"("States.TaskFailed")", R"("States.DataLimitExceeded")"}).empty());
}

TEST(DeadCatcher, TaskFailedDoesNotCoverTimeouts) {
  EXPECT_TRUE(dead_catches({R"("States.TaskFailed")", R"("States.Timeout")"}).empty());
  EXPECT_TRUE(dead_catches({R"("States.TaskFailed")", R"("States.HeartbeatTimeout")"}).empty());
}

TEST(DeadCatcher, SubsetOfOneEarlierEntryIsDead) {
  EXPECT_EQ(dead_catches({R"("A", "B")", R"("B")"}), Pointers{"/States/T/Catch/1"});
  EXPECT_TRUE(dead_catches({R"("A")", R"("A", "B")"}).empty());
}

TEST(DeadCatcher, UnionOfEarlierEntriesIsReportedAsTheSet) {
  Diagnostics found = with_rule(
      findings_for(task_machine(R"("TimeoutSeconds": 60, )" + catches({R"("A")", R"("B")", R"("A", "B")"}))),
      "dead-catcher");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].location.pointer, "/States/T/Catch/2");
  EXPECT_EQ(found[0].message,
            "Catch[2] can never be taken: every error it names (A, B) is caught first by Catch[0] (A) and "
            "Catch[1] (B)");
  ASSERT_EQ(found[0].related.size(), 2u);
  EXPECT_EQ(found[0].related[0].pointer, "/States/T/Catch/0");
  EXPECT_EQ(found[0].related[1].pointer, "/States/T/Catch/1");
  ASSERT_EQ((*found[0].evidence)["core"].size(), 2u);
  EXPECT_EQ((*found[0].evidence)["core"][1]["pointer"], "/States/T/Catch/1/ErrorEquals");
  // One name left uncovered keeps the entry alive.
  EXPECT_TRUE(dead_catches({R"("A")", R"("B")", R"("A", "B", "C")"}).empty());
}

TEST(DeadCatcher, TimeoutCoversHeartbeatTimeoutButNotTheOtherWayRound) {
  EXPECT_EQ(dead_catches({R"("States.Timeout")", R"("States.HeartbeatTimeout")"}), Pointers{"/States/T/Catch/1"});
  EXPECT_TRUE(dead_catches({R"("States.HeartbeatTimeout")", R"("States.Timeout")"}).empty());
}

TEST(DeadCatcher, StatesAllIsCoveredOnlyByAnEarlierStatesAll) {
  EXPECT_TRUE(dead_catches({R"("States.TaskFailed")", R"("States.Timeout")", R"("States.ALL")"}).empty());
  EXPECT_EQ(dead_catches({R"("States.ALL")", R"("States.ALL")"}), Pointers{"/States/T/Catch/1"});
}

TEST(DeadCatcher, TaskFailedIsCoveredOnlyByTaskFailedOrStatesAll) {
  EXPECT_EQ(dead_catches({R"("States.TaskFailed")", R"("States.TaskFailed")"}), Pointers{"/States/T/Catch/1"});
  EXPECT_TRUE(dead_catches({R"("Foo")", R"("States.TaskFailed")"}).empty());
}

TEST(DeadCatcher, UnrelatedNamesAreNotDead) {
  EXPECT_TRUE(dead_catches({R"("Foo")", R"("Bar")"}).empty());
  EXPECT_TRUE(dead_catches({R"("States.Timeout")", R"("States.ALL")"}).empty());
}

TEST(DeadCatcher, StatesRuntimeAloneIsNotDeadUnlessRepeated) {
  // Matching nothing is a different problem from being shadowed.
  EXPECT_TRUE(dead_catches({R"("States.ALL")", R"("States.Runtime")"}).empty());
  EXPECT_EQ(dead_catches({R"("States.Runtime")", R"("States.Runtime")"}), Pointers{"/States/T/Catch/1"});
  // Beside a catchable name it keeps nothing alive, since it matches nothing.
  EXPECT_EQ(dead_catches({R"("Foo")", R"("Foo", "States.Runtime")"}), Pointers{"/States/T/Catch/1"});
}

TEST(DeadCatcher, RetryEntriesAreCheckedWithTheirOwnWording) {
  Diagnostics found = findings_for(task_machine(
      R"("TimeoutSeconds": 60, )" + retries({R"("States.TaskFailed")", R"("Lambda.Unknown")"})));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "dead-catcher");
  EXPECT_EQ(found[0].location.pointer, "/States/T/Retry/1");
  EXPECT_EQ(found[0].related[0].pointer, "/States/T/Retry/0");
  EXPECT_EQ(found[0].message,
            "Retry[1] is never used: every error it names (Lambda.Unknown) is retried by Retry[0] "
            "(States.TaskFailed) first");
}

TEST(DeadCatcher, RetryAndCatchListsAreIndependent) {
  EXPECT_TRUE(findings_for(task_machine(R"("TimeoutSeconds": 60, )" + retries({R"("Foo")"}) + ", " +
                                        catches({R"("Foo")"})))
                  .empty());
}

TEST(DeadCatcher, NestedBranchStatesAndParallelAndMapStatesAreChecked) {
  Diagnostics found = with_rule(findings_for(R"({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "End": true,
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}, {"ErrorEquals": ["Foo"], "Next": "Done"}],
          "Branches": [{"StartAt": "Inner", "States": {
            "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                      "Retry": [{"ErrorEquals": ["A", "B"]}, {"ErrorEquals": ["B"]}]}}}]},
    "Done": {"Type": "Map", "End": true,
             "Retry": [{"ErrorEquals": ["States.Timeout"]}, {"ErrorEquals": ["States.HeartbeatTimeout"]}],
             "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}})"),
                                "dead-catcher");
  // Findings come in the model's state order; compare them as a set of (pointer, state).
  std::set<std::pair<std::string, std::string>> where;
  for (const Diagnostic& finding : found) where.emplace(finding.location.pointer, finding.location.state);
  EXPECT_EQ(where, (std::set<std::pair<std::string, std::string>>{
                       {"/States/P/Catch/1", "P"},
                       {"/States/P/Branches/0/States/Inner/Retry/1", "Inner"},
                       {"/States/Done/Retry/1", "Done"}}));
  for (const Diagnostic& finding : found) {
    if (finding.location.state != "Inner") continue;
    ASSERT_EQ(finding.related.size(), 1u);
    EXPECT_EQ(finding.related[0].pointer, "/States/P/Branches/0/States/Inner/Retry/0");
    EXPECT_EQ(finding.related[0].state, "Inner");
  }
}

// ---------------------------------------------------------------------------------------------
// timeout-catcher-without-timeout

TEST(TimeoutCatcherWithoutTimeout, CatchOfStatesTimeoutOnTaskWithoutTimeoutIsNoted) {
  Diagnostics found = findings_for(task_machine(catches({R"("Foo")", R"("Bar", "States.Timeout")"})));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "timeout-catcher-without-timeout");
  EXPECT_EQ(found[0].severity, Severity::Note);
  EXPECT_EQ(found[0].location.pointer, "/States/T/Catch/1/ErrorEquals/1");
  EXPECT_EQ(found[0].location.state, "T");
  EXPECT_NE(found[0].message.find("99,999,999"), std::string::npos) << found[0].message;
}

TEST(TimeoutCatcherWithoutTimeout, RetryOfHeartbeatTimeoutIsNoted) {
  Diagnostics found = findings_for(task_machine(retries({R"("States.HeartbeatTimeout")"})));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "timeout-catcher-without-timeout");
  EXPECT_EQ(found[0].location.pointer, "/States/T/Retry/0/ErrorEquals/0");
}

TEST(TimeoutCatcherWithoutTimeout, OneNotePerEntry) {
  Diagnostics found = with_rule(
      findings_for(task_machine(catches({R"("States.Timeout", "States.HeartbeatTimeout")", R"("States.Timeout")"}))),
      "timeout-catcher-without-timeout");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].location.pointer, "/States/T/Catch/0/ErrorEquals/0");
  EXPECT_EQ(found[1].location.pointer, "/States/T/Catch/1/ErrorEquals/0");
}

TEST(TimeoutCatcherWithoutTimeout, AnyTimeoutFieldSilencesIt) {
  for (std::string_view field : {R"("TimeoutSeconds": 30)", R"("TimeoutSecondsPath": "$.timeout")",
                                 R"("HeartbeatSeconds": 10)", R"("HeartbeatSecondsPath": "$.heartbeat")"}) {
    EXPECT_TRUE(findings_for(task_machine(std::string(field) + ", " + catches({R"("States.Timeout")"}))).empty())
        << field;
  }
}

TEST(TimeoutCatcherWithoutTimeout, WildcardsAndOtherNamesAreNotNoted) {
  EXPECT_TRUE(findings_for(task_machine(catches({R"("States.TaskFailed")", R"("States.ALL")"}))).empty());
}

TEST(TimeoutCatcherWithoutTimeout, ParallelAndMapMayCatchATimeoutFromInside) {
  EXPECT_TRUE(findings_for(R"({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "Next": "M",
          "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "M"}],
          "Branches": [{"StartAt": "Inner", "States": {
            "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5,
                      "End": true}}}]},
    "M": {"Type": "Map", "End": true, "Retry": [{"ErrorEquals": ["States.Timeout"]}],
          "ItemProcessor": {"StartAt": "Item", "States": {
            "Item": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "HeartbeatSeconds": 5,
                     "End": true}}}}}})")
                  .empty());
}

TEST(TimeoutCatcherWithoutTimeout, NestedTaskIsNoted) {
  Diagnostics found = findings_for(R"({"StartAt": "P", "States": {
    "P": {"Type": "Parallel", "End": true,
          "Branches": [{"StartAt": "Inner", "States": {
            "Inner": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                      "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Fallback"}]},
            "Fallback": {"Type": "Pass", "End": true}}}]}}})");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "timeout-catcher-without-timeout");
  EXPECT_EQ(found[0].location.pointer, "/States/P/Branches/0/States/Inner/Catch/0/ErrorEquals/0");
  EXPECT_EQ(found[0].location.state, "Inner");
}

TEST(CatcherFindings, CanaryDeploymentSampleHasExactlyOneTimeoutNote) {
  std::ifstream stream(std::string(SFN_SOURCE_DIR) + "/samples/canary-deployment.asl.json", std::ios::binary);
  ASSERT_TRUE(stream) << "sample not found";
  std::ostringstream text;
  text << stream.rdbuf();
  Diagnostics found = findings_for(text.str());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].rule, "timeout-catcher-without-timeout");
  EXPECT_EQ(found[0].location.state, "Deploy New Version/CFN");
  EXPECT_EQ(found[0].location.pointer, "/States/Deploy New Version~1CFN/Catch/0/ErrorEquals/0");
  EXPECT_TRUE(with_rule(found, "dead-catcher").empty());
}

}  // namespace
}  // namespace sfn::solver
