#pragma once
// Renderers over plain diagnostic data: compiler-style text and one JSON document.

#include <memory>
#include <string>
#include <vector>

#include "analyzer/diagnostic.h"
#include "analyzer/source_document.h"

namespace sfn {

struct FileReport {
  std::string file;  // as the user named it (or as found in a folder)
  std::shared_ptr<const SourceDocument> document;  // null when the file could not be read or parsed
  Diagnostics diagnostics;
  bool unusable = false;  // fatal input problem: exit code 2 for this file
};

struct ReportSummary {
  std::size_t files = 0, errors = 0, warnings = 0, notes = 0;
};

// Orders findings by line, column, rule (files keep the order given, which the CLI sorts by name).
void sort_diagnostics(Diagnostics& diagnostics);
ReportSummary summarize(const std::vector<FileReport>& reports);

struct TextOptions {
  bool show_source = true;  // the source line and a caret under the column
  bool explain = false;     // the evidence of each finding: proof, witness test or recurrence
};

// `file:line:col: severity: message [rule]`, then the source line and a caret, then related
// locations as notes. Unusable files get a single line.
std::string render_text(const std::vector<FileReport>& reports, const TextOptions& options = {});
std::string render_text_summary(const ReportSummary& summary);

// {"findings": [...], "summary": {...}} as documented in README.md; `summary_extra` members are
// added to the summary (the solver's totals).
std::string render_json(const std::vector<FileReport>& reports,
                        const nlohmann::json& summary_extra = nlohmann::json::object());

}  // namespace sfn
