#pragma once
// The one registry of rule names. Names are a contract with users' CI scripts: add, never rename.
// docs/rules.md documents each entry; a test keeps the two in step.

#include <span>
#include <string_view>

#include "analyzer/diagnostic.h"

namespace sfn {

struct RuleInfo {
  std::string_view name;
  Severity severity;  // the severity the rule reports with by default
  std::string_view summary;
  // Reported by the Z3 analysis (solver/, run by `check` unless --no-solver), not by check_definition:
  // its examples can only be checked through the CLI.
  bool from_solver = false;
};

std::span<const RuleInfo> rule_catalog();
const RuleInfo* find_rule(std::string_view name);

}  // namespace sfn
