#include "analyzer/check.h"

#include "analyzer/model.h"
#include "analyzer/rules/reporter.h"
#include "analyzer/rules/structure_checker.h"
#include "analyzer/rules/transitions.h"
#include "analyzer/state_graph.h"

namespace sfn {

Diagnostics check_definition(const SourceDocument& document, const CheckOptions& options) {
  Diagnostics diagnostics;
  rules::Reporter reporter(document, diagnostics);
  if (!document.root.is_object()) {
    reporter.report("not-a-state-machine", "",
                    "the definition must be a JSON object with 'StartAt' and 'States', found " +
                        rules::describe_value(document.root));
    return diagnostics;
  }
  std::uint64_t size = document.format == SourceFormat::Json ? document.text.size() : document.root.dump().size();
  if (size > options.max_definition_bytes) {
    reporter.report("definition-too-large", "",
                    "the definition is " + std::to_string(size) + " bytes; AWS accepts at most " +
                        std::to_string(options.max_definition_bytes));
  }
  rules::StructureChecker(reporter).check_root(document.root);
  StateMachine machine = build_state_machine(document.root);
  StateGraph graph(machine);
  rules::check_transitions(machine, graph, reporter);
  return diagnostics;
}

bool looks_like_state_machine(const nlohmann::json& root) {
  return root.is_object() && root.contains("StartAt") && root.contains("States");
}

}  // namespace sfn
