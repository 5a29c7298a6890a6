#include "analyzer/substitution.h"

#include <vector>

namespace sfn {

std::string substitute_placeholders(std::string_view text, const Substitutions& substitutions) {
  std::string result;
  std::size_t position = 0;
  while (position < text.size()) {
    const std::size_t open = text.find("${", position);
    if (open == std::string_view::npos) break;
    const std::size_t close = text.find('}', open + 2);
    if (close == std::string_view::npos) break;
    result.append(text, position, open - position);
    const std::string_view name = text.substr(open + 2, close - open - 2);
    auto it = substitutions.find(name);
    if (!name.empty() && name[0] != '!' && it != substitutions.end()) {
      result += it->second;
    } else {
      result.append(text, open, close + 1 - open);
    }
    position = close + 1;
  }
  result.append(text, position);
  return result;
}

void substitute_placeholders(nlohmann::json& definition, const Substitutions& substitutions) {
  if (substitutions.empty()) return;
  // Iterative walk: definitions may be up to 256 levels deep.
  std::vector<nlohmann::json*> pending = {&definition};
  while (!pending.empty()) {
    nlohmann::json* node = pending.back();
    pending.pop_back();
    if (node->is_string()) {
      const std::string& text = node->get_ref<const std::string&>();
      if (text.find("${") != std::string::npos) *node = substitute_placeholders(text, substitutions);
    } else if (node->is_structured()) {
      for (auto& child : *node) pending.push_back(&child);
    }
  }
}

}  // namespace sfn
