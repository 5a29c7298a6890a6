// Native tests -> one AWS mock config file. Naming of mocked responses: "<test case>.<state>", one per
// state a test case mocks, so a name says where it is used and does not change when other tests are
// added or removed (sharing identical lists between cases would save bytes but renumber names). Should
// a name be taken already (names with dots can meet: "a.b"+"c" and "a"+"b.c"), ".2", ".3"... is added.
// Within a response, consecutive identical entries become one range key "a-b".

#include "testgen/mock_config_export.h"

#include <map>
#include <set>
#include <unordered_map>

#include "analyzer/compiled_state.h"
#include "analyzer/substitution.h"
#include "interpreter/test_case.h"

namespace sfn::testgen {
namespace {

using nlohmann::json;

// The analyzer's own classification (compile_states) of one Resource text, so the export wraps a
// Return exactly where the interpreter unwraps one. The Resource may hold ${...} placeholders that only
// a test's substitutions turn into a Lambda ARN, hence a probe machine per text, not the machine's own.
class ResourceKinds {
 public:
  ResourceKind of(const std::string& resource) {
    if (auto it = known_.find(resource); it != known_.end()) return it->second;
    const json task = {{"Type", "Task"}, {"Resource", resource}, {"End", true}};
    const json root = {{"StartAt", "T"}, {"States", {{"T", task}}}};
    const StateMachine probe = build_state_machine(root);
    const std::vector<CompiledState> compiled = compile_states(probe);
    const ResourceKind kind = compiled.empty() ? ResourceKind::Other : compiled.front().resource_kind;
    known_.emplace(resource, kind);
    return kind;
  }

 private:
  std::map<std::string, ResourceKind> known_;
};

// "name", or "name.2", "name.3"... when taken; the result is marked taken.
std::string unique_name(const std::string& name, std::set<std::string>& taken) {
  std::string candidate = name;
  for (int suffix = 2; taken.count(candidate) != 0; ++suffix) candidate = name + "." + std::to_string(suffix);
  taken.insert(candidate);
  return candidate;
}

std::string in_quotes(const std::string& text) { return "\"" + text + "\""; }

// The nearest enclosing Map whose iterations may run together (MaxConcurrency absent, 0, above 1, or
// a MaxConcurrencyPath): Step Functions Local then hands a shared mock list out in no fixed order.
const State* concurrent_enclosing_map(const StateMachine& machine, const State& state) {
  int parent = machine.scopes[state.scope].parent_state;
  while (parent >= 0) {
    const State& owner = machine.states[parent];
    if (owner.type == StateType::Map) {
      const json* definition = owner.definition;
      const bool sequential = definition && definition->is_object() && definition->contains("MaxConcurrency") &&
                              (*definition)["MaxConcurrency"].is_number() &&
                              (*definition)["MaxConcurrency"].get<double>() == 1;
      if (!sequential) return &owner;
    }
    parent = machine.scopes[owner.scope].parent_state;
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

json expectation_json(const std::optional<interp::Expectation>& expect) {
  if (!expect) return nullptr;
  json out = {{"status", expect->status}, {"path", expect->path}};
  if (expect->error) out["error"] = *expect->error;
  if (expect->cause) out["cause"] = *expect->cause;
  if (expect->output) out["output"] = *expect->output;
  return out;
}

struct CaseContext {
  const StateMachine& machine;
  const std::unordered_map<std::string, const State*>& states_by_name;
  const Substitutions& substitutions;
  ResourceKinds& kinds;
  std::vector<std::string>& limitations;
};

// The mocked response for one state's list: {"0": entry, "1-2": entry, ...}.
json mocked_response(const std::string& state_name, const std::vector<interp::MockResponse>& responses,
                     const CaseContext& context) {
  auto found = context.states_by_name.find(state_name);
  const State* state = found == context.states_by_name.end() ? nullptr : found->second;
  bool wrap_in_payload = false;
  if (!state) {
    context.limitations.push_back("the mocks of " + in_quotes(state_name) +
                                  ", which is not a state of this machine, are written as they are");
  } else if (state->type == StateType::Map) {
    context.limitations.push_back("Map state " + in_quotes(state_name) +
                                  " reads its items (ItemReader) from this file; sfncheck reads them back, but "
                                  "Step Functions Local mocks Task states only");
  } else if (state->type != StateType::Task) {
    context.limitations.push_back("the mocks of " + in_quotes(state_name) + ", a " + state_type_name(state->type) +
                                  " state, are written as they are; Step Functions Local mocks Task states only");
  } else if (const json* definition = state->definition;
             definition && definition->is_object() && definition->contains("Resource") &&
             (*definition)["Resource"].is_string()) {
    const std::string resource =
        substitute_placeholders((*definition)["Resource"].get<std::string>(), context.substitutions);
    wrap_in_payload = context.kinds.of(resource) == ResourceKind::LegacyLambda;
  }

  std::vector<json> entries;
  std::vector<std::string> timed, without_cause;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const interp::MockResponse& response = responses[i];
    if (response.duration_seconds != 0) timed.push_back(std::to_string(i));
    if (response.error) {
      if (!response.error->cause) without_cause.push_back(std::to_string(i));
      entries.push_back(
          {{"Throw", {{"Error", response.error->error}, {"Cause", response.error->cause.value_or("")}}}});
    } else {
      const json& result = response.result ? *response.result : json();
      // The Lambda API response; the reader gives a legacy Lambda-ARN state only its Payload (§10.1).
      entries.push_back({{"Return", wrap_in_payload ? json{{"StatusCode", 200}, {"Payload", result}} : result}});
    }
  }
  if (!timed.empty()) {
    context.limitations.push_back("the mocks of " + in_quotes(state_name) + " take time (\"Duration\", invocation " +
                                  join(timed) +
                                  "); a mock config has no durations, so TimeoutSeconds, HeartbeatSeconds and "
                                  "the clock see none");
  }
  if (!without_cause.empty()) {
    context.limitations.push_back("the mocks of " + in_quotes(state_name) + " throw without a Cause (invocation " +
                                  join(without_cause) +
                                  "); a mock config needs one, so they get \"Cause\": \"\", which a Catch's "
                                  "error output then shows");
  }
  if (state && state->type == StateType::Task) {
    bool all_same = true;
    for (const json& entry : entries) all_same = all_same && entry == entries.front();
    if (!all_same) {
      if (const State* map = concurrent_enclosing_map(context.machine, *state)) {
        context.limitations.push_back(
            "Task state " + in_quotes(state_name) + " runs inside Map state " + in_quotes(map->name) +
            ", whose iterations may run together (MaxConcurrency is not 1), and its responses differ: Step "
            "Functions Local may hand them to the iterations in another order");
      }
    }
  }

  json keyed = json::object();
  for (std::size_t first = 0; first < entries.size();) {
    std::size_t last = first;
    while (last + 1 < entries.size() && entries[last + 1] == entries[first]) ++last;
    const std::string key = first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
    keyed[key] = entries[first];
    first = last + 1;
  }
  return keyed;
}

}  // namespace

MockConfigExportResult export_mock_config(const StateMachine& machine, std::string_view state_machine_name,
                                          const std::vector<NamedTest>& tests) {
  MockConfigExportResult result;
  std::unordered_map<std::string, const State*> states_by_name;
  for (const State& state : machine.states) states_by_name.emplace(state.name, &state);
  ResourceKinds kinds;

  MockConfigExport exported;
  json test_cases = json::object();
  json mocked_responses = json::object();
  std::set<std::string> case_names, response_names;
  for (std::size_t index = 0; index < tests.size(); ++index) {
    const NamedTest& named = tests[index];
    interp::TestCaseParseResult parsed = interp::parse_test_case(named.test);
    if (!parsed.test) {
      result.error = MockConfigExportError{named.test_case, parsed.error ? parsed.error->message : "invalid test",
                                           parsed.error ? parsed.error->pointer : ""};
      return result;
    }
    const interp::TestCase& test = *parsed.test;

    ExportedTestCase out;
    std::string given = named.test_case;
    if (given.empty()) given = test.name.empty() ? "test-" + std::to_string(index + 1) : test.name;
    out.test_case = unique_name(given, case_names);
    if (out.test_case != given) {
      out.limitations.push_back("test case name " + in_quotes(given) + " is given more than once; this one is " +
                                in_quotes(out.test_case));
    }
    out.input = test.input;
    out.expectation = expectation_json(test.expect);
    if (test.context.is_object() && !test.context.empty()) {
      std::vector<std::string> fields;
      for (const auto& [key, value] : test.context.items()) fields.push_back(key);
      out.limitations.push_back("the test sets Context Object fields (" + join(fields) +
                                "); Step Functions Local sets the Context Object itself");
    }
    if (!test.substitutions.empty()) {
      std::vector<std::string> placeholders;
      for (const auto& [name, value] : test.substitutions) placeholders.push_back("${" + name + "}");
      out.limitations.push_back("the test fills definition placeholders (" + join(placeholders) +
                                "); create the state machine in Step Functions Local from the substituted "
                                "definition");
    }

    CaseContext context{machine, states_by_name, test.substitutions, kinds, out.limitations};
    json states = json::object();
    for (const auto& [state_name, responses] : test.mocks.states()) {
      if (responses.empty()) {
        out.limitations.push_back("the mock list of " + in_quotes(state_name) +
                                  " is empty and left out (a mocked response starts at \"0\")");
        continue;
      }
      const std::string response_name = unique_name(out.test_case + "." + state_name, response_names);
      mocked_responses[response_name] = mocked_response(state_name, responses, context);
      states[state_name] = response_name;
    }
    test_cases[out.test_case] = std::move(states);
    exported.cases.push_back(std::move(out));
  }
  exported.config = {{"StateMachines", {{std::string(state_machine_name), {{"TestCases", std::move(test_cases)}}}}},
                     {"MockedResponses", std::move(mocked_responses)}};
  result.exported = std::move(exported);
  return result;
}

}  // namespace sfn::testgen
