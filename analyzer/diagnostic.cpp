#include "analyzer/diagnostic.h"

namespace sfn {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

Diagnostic file_error(std::string rule, std::string message) {
  Diagnostic diagnostic;
  diagnostic.rule = std::move(rule);
  diagnostic.severity = Severity::Error;
  diagnostic.message = std::move(message);
  return diagnostic;
}

}  // namespace sfn
