#pragma once
// SAM / CloudFormation DefinitionSubstitutions: `${Name}` placeholders in a definition's strings
// replaced with given values before running it.

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace sfn {

using Substitutions = std::map<std::string, std::string, std::less<>>;

// Replaces every `${Name}` whose Name is in `substitutions`, in every string value (keys are left
// alone, as CloudFormation does). Unknown placeholders and `${!Literal}` escapes stay as written.
void substitute_placeholders(nlohmann::json& definition, const Substitutions& substitutions);
std::string substitute_placeholders(std::string_view text, const Substitutions& substitutions);

}  // namespace sfn
