// dead-catcher and timeout-catcher-without-timeout: which Retry/Catch entries can never be the one
// that handles an error. interpreter/error_matching.cpp is the concrete matching this mirrors.

#include "solver/catcher_order.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source_document.h"

namespace sfn::solver {
namespace {

constexpr std::string_view kAll = "States.ALL";
constexpr std::string_view kTaskFailed = "States.TaskFailed";
constexpr std::string_view kTimeout = "States.Timeout";
constexpr std::string_view kHeartbeatTimeout = "States.HeartbeatTimeout";
constexpr std::string_view kRuntime = "States.Runtime";

// Whether an entry naming `pattern` takes `error` under every reading of States.TaskFailed (§6.1:
// the DG's "all but States.Timeout" and LocalStack's "names outside States.*"). The readings differ
// only on States.* errors, which the narrower one keeps out, so "under both" is that one.
// `error` may also be a wildcard standing for the infinite set its name matches (States.ALL,
// States.TaskFailed): no finite union covers those, only an equally wide name does.
bool always_takes(std::string_view pattern, std::string_view error) {
  // Nothing catches States.Runtime; an earlier entry repeating the name is the only "cover" worth reporting.
  if (error == kRuntime) return pattern == kRuntime;
  if (pattern == kAll || pattern == error) return true;
  if (error == kAll) return false;
  // A missed heartbeat may be raised as either name, and States.Timeout catches both.
  if (pattern == kTimeout && error == kHeartbeatTimeout) return true;
  return pattern == kTaskFailed && error.rfind("States.", 0) != 0;
}

// The errors an entry can match, as names for always_takes. States.Runtime matches nothing, so it
// keeps no entry alive; an entry naming only it matches nothing at all, which is a different
// problem, so then the name itself must be covered.
std::vector<std::string_view> errors_matched(const std::vector<std::string>& names) {
  std::vector<std::string_view> errors;
  for (const std::string& name : names) {
    if (name == kRuntime) continue;
    if (std::find(errors.begin(), errors.end(), name) == errors.end()) errors.push_back(name);
    if (name == kTimeout && std::find(errors.begin(), errors.end(), kHeartbeatTimeout) == errors.end()) {
      errors.push_back(kHeartbeatTimeout);
    }
  }
  if (errors.empty() && !names.empty()) errors.push_back(kRuntime);
  return errors;
}

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// One Retry or Catch list of a state, seen uniformly.
struct EntryList {
  std::string_view field;                              // "Retry" or "Catch"
  std::vector<const std::vector<std::string>*> names;  // ErrorEquals of each entry
  std::vector<const std::string*> pointers;            // of each entry
};

std::string entry_label(const EntryList& list, std::size_t index) {
  return std::string(list.field) + "[" + std::to_string(index) + "]";
}

void find_dead_entries(const State& state, const EntryList& list, Diagnostics& out) {
  const bool is_retry = list.field == "Retry";
  for (std::size_t i = 1; i < list.names.size(); ++i) {
    const std::vector<std::string>& names = *list.names[i];
    if (names.empty()) continue;  // malformed; the structural rules report it
    // On AWS the first matching entry is the only one considered (§6.2, §6.3), so the entry that
    // takes an error is the first earlier one that matches it.
    std::map<std::size_t, std::vector<std::string_view>> takers;  // earlier entry -> errors it takes first
    bool covered = true;
    for (std::string_view error : errors_matched(names)) {
      std::optional<std::size_t> taker;
      for (std::size_t j = 0; j < i && !taker; ++j) {
        for (const std::string& pattern : *list.names[j]) {
          if (always_takes(pattern, error)) {
            taker = j;
            break;
          }
        }
      }
      if (!taker) {
        covered = false;
        break;
      }
      takers[*taker].push_back(error);
    }
    if (!covered) continue;

    Diagnostic finding;
    finding.rule = "dead-catcher";
    finding.severity = Severity::Warning;
    finding.location = {*list.pointers[i], state.name};
    nlohmann::json core = nlohmann::json::array();
    std::string shadowing;
    std::size_t listed = 0;
    for (const auto& [j, errors] : takers) {
      ++listed;
      if (listed > 1) shadowing += listed == takers.size() ? " and " : ", ";
      shadowing += entry_label(list, j) + " (" + join(*list.names[j]) + ")";
      finding.related.push_back({*list.pointers[j], state.name});
      std::string taken;
      for (std::string_view error : errors) taken += (taken.empty() ? "" : ", ") + std::string(error);
      core.push_back({{"pointer", append_pointer(*list.pointers[j], "ErrorEquals")},
                      {"text", entry_label(list, j) + " (" + join(*list.names[j]) + ") matches " + taken +
                                   " first, under every reading of States.TaskFailed"}});
    }
    const std::string label = entry_label(list, i);
    finding.message = is_retry ? label + " is never used: every error it names (" + join(names) +
                                     ") is retried by " + shadowing + " first"
                               : label + " can never be taken: every error it names (" + join(names) +
                                     ") is caught first by " + shadowing;
    finding.evidence = nlohmann::json{{"kind", "proof"}, {"core", std::move(core)}};
    out.push_back(std::move(finding));
  }
}

// Index of the first ErrorEquals element naming a timeout, read from the document so that the
// pointer is exact even when the model left out non-string names.
std::optional<std::size_t> timeout_name_index(const nlohmann::json& entry) {
  if (!entry.is_object()) return std::nullopt;
  auto list = entry.find("ErrorEquals");
  if (list == entry.end() || !list->is_array()) return std::nullopt;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& name = (*list)[i];
    if (name.is_string() && (name == kTimeout || name == kHeartbeatTimeout)) return i;
  }
  return std::nullopt;
}

// A Task without any timeout field still times out, but only after the 99,999,999 s default
// (asl-semantics.md §1, §14), which is longer than an execution may run (§12: one year Standard).
// Parallel and Map are left out: their catchers may take a States.Timeout raised in a branch.
void find_unreachable_timeout_handlers(const State& state, Diagnostics& out) {
  if (state.type != StateType::Task || !state.definition || !state.definition->is_object()) return;
  const nlohmann::json& definition = *state.definition;
  for (const char* field : {"TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"}) {
    if (definition.contains(field)) return;
  }
  for (std::string_view field : {"Retry", "Catch"}) {
    auto entries = definition.find(field);
    if (entries == definition.end() || !entries->is_array()) continue;
    for (std::size_t i = 0; i < entries->size(); ++i) {
      std::optional<std::size_t> name_index = timeout_name_index((*entries)[i]);
      if (!name_index) continue;
      const std::string& name = (*entries)[i]["ErrorEquals"][*name_index].get_ref<const std::string&>();
      Diagnostic finding;
      finding.rule = "timeout-catcher-without-timeout";
      finding.severity = Severity::Note;
      finding.location.pointer = append_pointer(
          append_pointer(append_pointer(append_pointer(state.pointer, field), i), "ErrorEquals"), *name_index);
      finding.location.state = state.name;
      finding.message = std::string(field) + "[" + std::to_string(i) + "] handles " + name +
                        ", but the Task sets none of TimeoutSeconds, TimeoutSecondsPath, HeartbeatSeconds or "
                        "HeartbeatSecondsPath: it could only time out after the default 99,999,999 s, "
                        "beyond the one-year limit of an execution";
      out.push_back(std::move(finding));
    }
  }
}

}  // namespace

Diagnostics find_catcher_findings(const StateMachine& machine) {
  Diagnostics out;
  for (const State& state : machine.states) {
    if (state.type != StateType::Task && state.type != StateType::Parallel && state.type != StateType::Map) continue;
    EntryList retry{"Retry", {}, {}};
    for (const Retrier& retrier : state.retry) {
      retry.names.push_back(&retrier.error_equals);
      retry.pointers.push_back(&retrier.pointer);
    }
    EntryList catches{"Catch", {}, {}};
    for (const Catcher& catcher : state.catch_) {
      catches.names.push_back(&catcher.error_equals);
      catches.pointers.push_back(&catcher.pointer);
    }
    find_dead_entries(state, retry, out);
    find_dead_entries(state, catches, out);
    find_unreachable_timeout_handlers(state, out);
  }
  return out;
}

}  // namespace sfn::solver
