#include "analyzer/rule_catalog.h"

#include <array>

namespace sfn {
namespace {

constexpr bool kFromSolver = true;

constexpr std::array kRules = {
    // Reading the file. These make a file unusable (exit 2) except duplicate-key and definition-too-large.
    RuleInfo{"internal-error", Severity::Error, "sfncheck itself failed on this file (exit code 3)"},
    RuleInfo{"io-error", Severity::Error, "the file or folder cannot be read"},
    RuleInfo{"no-asl-files", Severity::Error, "a folder holds no ASL definition"},
    RuleInfo{"file-too-large", Severity::Error, "a file over 16 MiB is refused before parsing"},
    RuleInfo{"empty-file", Severity::Error, "the file is empty"},
    RuleInfo{"invalid-utf8", Severity::Error, "the file is not valid UTF-8"},
    RuleInfo{"invalid-json", Severity::Error, "the file is not valid JSON"},
    RuleInfo{"invalid-yaml", Severity::Error, "the file is not valid YAML"},
    RuleInfo{"too-deeply-nested", Severity::Error, "nesting deeper than 256 levels"},
    RuleInfo{"not-a-state-machine", Severity::Error, "the root is not an object holding a state machine"},
    RuleInfo{"duplicate-key", Severity::Error, "an object has the same key twice"},
    RuleInfo{"definition-too-large", Severity::Error, "the definition exceeds AWS's 1 MiB limit"},
    // Shape of the definition.
    RuleInfo{"missing-required-field", Severity::Error, "a field the state type requires is absent"},
    RuleInfo{"field-not-allowed", Severity::Error, "a field this object or state type does not accept"},
    RuleInfo{"invalid-field-type", Severity::Error, "a field holds a value of the wrong JSON type"},
    RuleInfo{"invalid-enum-value", Severity::Error, "a field holds a value outside its allowed set"},
    RuleInfo{"value-out-of-range", Severity::Error, "a number outside its allowed bounds"},
    RuleInfo{"empty-array", Severity::Error, "an array that must not be empty is empty"},
    RuleInfo{"mutually-exclusive-fields", Severity::Error, "two fields of which at most one is allowed"},
    RuleInfo{"heartbeat-not-below-timeout", Severity::Error, "HeartbeatSeconds is not smaller than TimeoutSeconds"},
    RuleInfo{"invalid-resource", Severity::Error, "a Task Resource that is not an ARN or URI"},
    RuleInfo{"invalid-arn", Severity::Error, "a field that must hold an ARN does not"},
    RuleInfo{"cfn-intrinsic-value", Severity::Note, "a CloudFormation intrinsic stands in for a value"},
    // Names and transitions.
    RuleInfo{"invalid-state-name", Severity::Error, "a state name that is empty, too long or has control characters"},
    RuleInfo{"duplicate-state-name", Severity::Error, "a state name used twice in the machine"},
    RuleInfo{"missing-transition-target", Severity::Error, "StartAt, Next, Default or a Catch Next names no state"},
    RuleInfo{"transition-out-of-scope", Severity::Error, "a transition into another branch or processor"},
    RuleInfo{"unreachable-state", Severity::Error, "a state no transition from its scope's StartAt reaches"},
    RuleInfo{"no-terminal-state", Severity::Error, "a States object with no way to end"},
    RuleInfo{"invalid-label", Severity::Error, "a Map Label that is too long or has forbidden characters"},
    RuleInfo{"duplicate-label", Severity::Error, "two Map states with the same Label"},
    // Retry and Catch.
    RuleInfo{"states-all-position", Severity::Error, "States.ALL not alone in its ErrorEquals or not last"},
    RuleInfo{"unknown-states-error", Severity::Warning, "an ErrorEquals name in the States. namespace that AWS never raises"},
    // Paths, templates, intrinsics.
    RuleInfo{"invalid-path", Severity::Error, "a JSONPath that does not parse"},
    RuleInfo{"invalid-reference-path", Severity::Error, "a field that needs a Reference Path holds another path"},
    RuleInfo{"invalid-payload-template", Severity::Error, "a '.$' key whose value is not a path or intrinsic call"},
    RuleInfo{"duplicate-template-key", Severity::Error, "two keys that are the same once '.$' is stripped"},
    RuleInfo{"invalid-intrinsic", Severity::Error, "an intrinsic function call that does not parse"},
    RuleInfo{"unknown-intrinsic", Severity::Error, "a call to a function that does not exist"},
    RuleInfo{"intrinsic-arity", Severity::Error, "an intrinsic called with the wrong number of arguments"},
    RuleInfo{"intrinsic-argument-type", Severity::Error, "an intrinsic argument of the wrong type"},
    RuleInfo{"no-dollar", Severity::Warning, "a value that looks like a path under a key without '.$'"},
    RuleInfo{"pass-result-is-static", Severity::Note, "a Pass Result with '.$' keys, which are not evaluated"},
    // Choice.
    RuleInfo{"invalid-choice-rule", Severity::Error, "a Choice rule that is neither one data test nor one And/Or/Not"},
    RuleInfo{"choice-operand-type", Severity::Error, "a comparison operand of the wrong type"},
    RuleInfo{"nested-rule-with-next", Severity::Error, "a rule inside And/Or/Not that has Next"},
    RuleInfo{"invalid-timestamp", Severity::Error, "a timestamp outside AWS's RFC 3339 profile"},
    RuleInfo{"invalid-string-pattern", Severity::Error, "a StringMatches pattern with a bad escape"},
    // Query languages and variables.
    RuleInfo{"jsonata-only-field", Severity::Error, "a JSONata-only field in a JSONPath state"},
    RuleInfo{"jsonpath-only-field", Severity::Error, "a JSONPath-only field in a JSONata state"},
    RuleInfo{"query-language-downgrade", Severity::Error, "a JSONPath state or scope in a JSONata state machine"},
    RuleInfo{"invalid-jsonata", Severity::Error, "a JSONata expression that does not parse"},
    RuleInfo{"jsonata-like-literal", Severity::Warning,
             "a string with '{%' or '%}' that is not exactly '{% ... %}', so it stays a literal"},
    RuleInfo{"dollar-key-in-jsonata", Severity::Warning, "a '.$' key in a JSONata state, which is not evaluated"},
    RuleInfo{"invalid-variable-name", Severity::Error, "an Assign key that is not a valid variable name"},
    // The solver's findings (`check` without --no-solver). It reports unreachable-state too, as a warning.
    RuleInfo{"dead-choice-rule", Severity::Warning, "a Choice rule that can never be the one taken, whatever the input",
             kFromSolver},
    RuleInfo{"dead-default", Severity::Warning, "a Choice Default that is never taken", kFromSolver},
    RuleInfo{"dead-catcher", Severity::Warning, "a Retry or Catch entry that an earlier entry always takes first",
             kFromSolver},
    RuleInfo{"no-choice-matched", Severity::Warning, "a Choice without Default that a reachable value leaves unmatched",
             kFromSolver},
    RuleInfo{"unbounded-loop", Severity::Warning, "a loop whose end depends only on what its Tasks return",
             kFromSolver},
    RuleInfo{"missing-path", Severity::Warning, "a path read on some run that is absent whatever the input",
             kFromSolver},
    RuleInfo{"use-before-write", Severity::Warning, "a path the machine sets, read on some run before it is set",
             kFromSolver},
    RuleInfo{"infinite-loop", Severity::Error, "a loop none of whose exits can ever be taken", kFromSolver},
    RuleInfo{"timeout-catcher-without-timeout", Severity::Note,
             "a Retry or Catch for States.Timeout on a Task that sets no timeout", kFromSolver},
    RuleInfo{"solver-undecided", Severity::Note,
             "a Choice rule or Default neither shown reachable nor proved impossible", kFromSolver},
    RuleInfo{"solver-limit", Severity::Note, "parts of the machine the solver did not model exactly", kFromSolver},
};

}  // namespace

std::span<const RuleInfo> rule_catalog() { return kRules; }

const RuleInfo* find_rule(std::string_view name) {
  for (const RuleInfo& rule : kRules) {
    if (rule.name == name) return &rule;
  }
  return nullptr;
}

}  // namespace sfn
