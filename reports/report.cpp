#include "reports/report.h"

#include <algorithm>
#include <tuple>

#include <nlohmann/json.hpp>

namespace sfn {
namespace {

constexpr std::size_t kMaxShownCodePoints = 200;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Byte offset of the code point with 1-based index `column` in `line` (or the end).
std::size_t byte_offset_of_column(std::string_view line, std::uint32_t column) {
  std::size_t offset = 0;
  for (std::uint32_t seen = 1; seen < column && offset < line.size();) {
    ++offset;
    while (offset < line.size() && is_continuation(static_cast<unsigned char>(line[offset]))) ++offset;
    ++seen;
  }
  return offset;
}

std::size_t count_code_points(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += !is_continuation(c);
  return count;
}

// Moves `offset` forward by up to `count` code points.
std::size_t advance_code_points(std::string_view text, std::size_t offset, std::size_t count) {
  for (std::size_t moved = 0; moved < count && offset < text.size(); ++moved) {
    ++offset;
    while (offset < text.size() && is_continuation(static_cast<unsigned char>(text[offset]))) ++offset;
  }
  return offset;
}

// The source line and a caret under `column`. A long (for instance minified) line is shown as a
// window around the column, so one finding never prints a megabyte.
void append_source_excerpt(std::string& out, std::string_view line, std::uint32_t column) {
  const std::size_t caret_byte = byte_offset_of_column(line, column);
  std::size_t start = 0;
  std::size_t end = line.size();
  if (count_code_points(line) > kMaxShownCodePoints) {
    const std::uint32_t first_column = column > kMaxShownCodePoints / 2 ? column - kMaxShownCodePoints / 2 : 1;
    start = byte_offset_of_column(line, first_column);
    end = advance_code_points(line, start, kMaxShownCodePoints);
  }
  const std::string prefix = start > 0 ? "..." : "";
  const std::string_view window = line.substr(start, end - start);
  out += "  ";
  out += prefix;
  out += window;
  if (end < line.size()) out += "...";
  out += "\n  ";
  out += std::string(prefix.size(), ' ');
  // Keep tabs so the caret lines up in a terminal; every other code point becomes one space.
  for (std::size_t i = 0; i < window.size() && start + i < caret_byte; ++i) {
    unsigned char c = static_cast<unsigned char>(window[i]);
    if (is_continuation(c)) continue;
    out += c == '\t' ? '\t' : ' ';
  }
  out += "^\n";
}

void append_location_prefix(std::string& out, const std::string& file, const Location& location) {
  out += file;
  if (location.line > 0) {
    out += ':';
    out += std::to_string(location.line);
    out += ':';
    out += std::to_string(location.column);
  }
  out += ": ";
}

nlohmann::json location_json(const Location& location) {
  return {{"pointer", location.pointer},
          {"state", location.state},
          {"line", location.line},
          {"column", location.column}};
}

}  // namespace

void sort_diagnostics(Diagnostics& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.line, a.location.column, a.rule, a.location.pointer) <
           std::tie(b.location.line, b.location.column, b.rule, b.location.pointer);
  });
}

namespace {

// --explain: the evidence in words, then the witness test (a file `sfncheck run --test` accepts).
void append_evidence(std::string& out, const nlohmann::json& evidence) {
  const std::string kind = evidence.value("kind", "");
  if (kind == "proof" && evidence.contains("core")) {
    out += evidence["core"].size() == 1 ? "    proof:\n" : "    proof: together these rule it out:\n";
    for (const nlohmann::json& entry : evidence["core"]) {
      out += "      - " + entry.value("text", "") + " (" + entry.value("pointer", "") + ")\n";
    }
  }
  if (kind == "recurrence") {
    if (evidence.contains("conditions")) {
      out += "    goes round again while:\n";
      for (const nlohmann::json& condition : evidence["conditions"]) out += "      - " + condition.get<std::string>() + "\n";
    }
    if (evidence.contains("reads")) {
      out += "    what those conditions read:\n";
      for (const nlohmann::json& read : evidence["reads"]) out += "      - " + read.get<std::string>() + "\n";
    }
  }
  if (evidence.contains("test")) {
    out += "    witness (replayed; save it and run `sfncheck run FILE --test T.json`):\n";
    out += "      " + evidence["test"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
}

}  // namespace

ReportSummary summarize(const std::vector<FileReport>& reports) {
  ReportSummary summary;
  summary.files = reports.size();
  for (const FileReport& report : reports) {
    for (const Diagnostic& diagnostic : report.diagnostics) {
      switch (diagnostic.severity) {
        case Severity::Error: ++summary.errors; break;
        case Severity::Warning: ++summary.warnings; break;
        case Severity::Note: ++summary.notes; break;
      }
    }
  }
  return summary;
}

std::string render_text(const std::vector<FileReport>& reports, const TextOptions& options) {
  std::string out;
  for (const FileReport& report : reports) {
    for (const Diagnostic& diagnostic : report.diagnostics) {
      append_location_prefix(out, report.file, diagnostic.location);
      out += severity_name(diagnostic.severity);
      out += ": ";
      out += diagnostic.message;
      out += " [";
      out += diagnostic.rule;
      out += "]\n";
      const bool excerpt = options.show_source && !report.unusable && report.document && diagnostic.location.line > 0;
      if (excerpt) {
        append_source_excerpt(out, report.document->line_text(diagnostic.location.line), diagnostic.location.column);
      }
      for (const Location& related : diagnostic.related) {
        append_location_prefix(out, report.file, related);
        out += "note: related: ";
        if (related.state.empty()) {
          out += related.pointer;
        } else {
          out += "state '" + related.state + "'";
          // A location inside the state (a Choices or Catch entry) names itself too.
          const std::size_t slash = related.pointer.rfind('/');
          const std::string last = slash == std::string::npos ? related.pointer : related.pointer.substr(slash + 1);
          if (last.find_first_not_of("0123456789") == std::string::npos || last == "Default") {
            out += ", " + related.pointer;
          }
        }
        out += '\n';
        if (excerpt && related.line > 0) {
          append_source_excerpt(out, report.document->line_text(related.line), related.column);
        }
      }
      if (options.explain && diagnostic.evidence) append_evidence(out, *diagnostic.evidence);
    }
  }
  return out;
}

std::string render_text_summary(const ReportSummary& summary) {
  auto plural = [](std::size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
  };
  return plural(summary.errors, "error") + ", " + plural(summary.warnings, "warning") + ", " +
         plural(summary.notes, "note") + " in " + plural(summary.files, "file") + "\n";
}

std::string render_json(const std::vector<FileReport>& reports, const nlohmann::json& summary_extra) {
  nlohmann::json findings = nlohmann::json::array();
  for (const FileReport& report : reports) {
    for (const Diagnostic& diagnostic : report.diagnostics) {
      nlohmann::json finding = {{"file", report.file},
                                {"rule", diagnostic.rule},
                                {"severity", severity_name(diagnostic.severity)},
                                {"message", diagnostic.message},
                                {"pointer", diagnostic.location.pointer},
                                {"state", diagnostic.location.state},
                                {"line", diagnostic.location.line},
                                {"column", diagnostic.location.column}};
      if (!diagnostic.related.empty()) {
        nlohmann::json related = nlohmann::json::array();
        for (const Location& location : diagnostic.related) related.push_back(location_json(location));
        finding["related"] = std::move(related);
      }
      if (diagnostic.evidence) finding["evidence"] = *diagnostic.evidence;
      findings.push_back(std::move(finding));
    }
  }
  ReportSummary summary = summarize(reports);
  nlohmann::json document = {
      {"findings", std::move(findings)},
      {"summary",
       {{"files", summary.files}, {"errors", summary.errors}, {"warnings", summary.warnings}, {"notes", summary.notes}}}};
  for (const auto& [key, value] : summary_extra.items()) document["summary"][key] = value;
  // Messages may quote invalid bytes from the input; replace them rather than fail to report.
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace sfn
