#pragma once
// Appends findings for the structural rules, resolving JSON Pointers to line and column.

#include <string>
#include <string_view>

#include "analyzer/diagnostic.h"
#include "analyzer/source_document.h"

namespace sfn::rules {

// Whether a finding points at a member's key (a field that should not be there) or its value.
enum class Anchor { Key, Value };

class Reporter {
 public:
  Reporter(const SourceDocument& document, Diagnostics& out) : document_(document), out_(out) {}

  // Reports with the rule's catalogue severity.
  Diagnostic& report(std::string_view rule, std::string_view pointer, std::string message,
                     Anchor anchor = Anchor::Value);
  Diagnostic& report(std::string_view rule, Severity severity, std::string_view pointer, std::string message,
                     Anchor anchor = Anchor::Value);

  Location locate(std::string_view pointer, std::string_view state, Anchor anchor = Anchor::Value) const;

  // The state that findings are attributed to until changed.
  void set_current_state(std::string name) { current_state_ = std::move(name); }
  const std::string& current_state() const { return current_state_; }
  const SourceDocument& document() const { return document_; }

 private:
  const SourceDocument& document_;
  Diagnostics& out_;
  std::string current_state_;
};

// A short description of a JSON value for messages: `string "abc"`, `number 3`, `object`.
std::string describe_value(const nlohmann::json& value);
// Quotes a name for messages.
std::string quote_name(std::string_view text);

}  // namespace sfn::rules
