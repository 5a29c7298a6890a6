#pragma once
// The structural analysis of one definition: every rule that needs no solver.

#include <cstdint>
#include <string>

#include "analyzer/diagnostic.h"
#include "analyzer/source_document.h"

namespace sfn {

struct CheckOptions {
  std::uint64_t max_definition_bytes = 1024 * 1024;  // AWS's hard limit on a definition
};

// Runs the structural rules on a parsed document. The root must be a JSON object; anything else
// yields a single not-a-state-machine finding.
Diagnostics check_definition(const SourceDocument& document, const CheckOptions& options = {});

// Whether the root looks like a state machine (an object with StartAt and States), for folder search.
bool looks_like_state_machine(const nlohmann::json& root);

}  // namespace sfn
