// Renderers: compiler-style text with excerpts and carets, and the JSON document.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "analyzer/source_document.h"
#include "reports/report.h"

namespace sfn {
namespace {

FileReport report_for(const std::string& text, Diagnostic diagnostic) {
  ParseResult parsed = parse_json_document(text);
  EXPECT_TRUE(parsed.ok);
  FileReport report;
  report.file = "m.asl.json";
  report.document = std::make_shared<const SourceDocument>(std::move(parsed.document));
  report.diagnostics.push_back(std::move(diagnostic));
  return report;
}

Diagnostic finding_at(std::uint32_t line, std::uint32_t column) {
  Diagnostic diagnostic;
  diagnostic.rule = "some-rule";
  diagnostic.severity = Severity::Warning;
  diagnostic.message = "something";
  diagnostic.location = {"/x", "A", line, column};
  return diagnostic;
}

TEST(TextReport, CaretCountsCodePointsNotBytes) {
  // "é" is two bytes but one column.
  std::string text = "{\"é\": 1, \"x\": 2}";
  std::string out = render_text({report_for(text, finding_at(1, 11))});
  EXPECT_EQ(out,
            "m.asl.json:1:11: warning: something [some-rule]\n"
            "  " + text + "\n"
            "            ^\n");
}

TEST(TextReport, KeepsTabsSoTheCaretLinesUp) {
  std::string text = "{\n\t\"x\": 1}";
  std::string out = render_text({report_for(text, finding_at(2, 2))});
  EXPECT_NE(out.find("\n  \t\"x\": 1}\n  \t^\n"), std::string::npos) << out;
}

TEST(TextReport, LongLinesAreShownAsAWindowAroundTheColumn) {
  std::string text = "{\"x\": \"" + std::string(100000, 'a') + "\", \"y\": 1}";
  const std::uint32_t column = static_cast<std::uint32_t>(text.find("\"y\"") + 1);
  std::string out = render_text({report_for(text, finding_at(1, column))});
  std::size_t first_break = out.find('\n');
  std::string excerpt = out.substr(first_break + 1, out.find('\n', first_break + 1) - first_break - 1);
  std::string caret = out.substr(out.find('\n', first_break + 1) + 1);
  EXPECT_LT(excerpt.size(), 220u);
  EXPECT_EQ(excerpt.rfind("  ...", 0), 0u);
  // The caret sits under the '"' of "y".
  EXPECT_EQ(excerpt[caret.find('^')], '"');
  EXPECT_EQ(excerpt.substr(caret.find('^'), 3), "\"y\"");
}

TEST(TextReport, RelatedLocationsAreNotes) {
  Diagnostic diagnostic = finding_at(1, 2);
  diagnostic.related.push_back({"/y", "B", 1, 10});
  std::string out = render_text({report_for("{\"x\": 1, \"y\": 2}", diagnostic)});
  EXPECT_NE(out.find("m.asl.json:1:10: note: related: state 'B'\n"), std::string::npos) << out;
}

TEST(TextReport, UnusableFileGetsOneLine) {
  FileReport report;
  report.file = "gone.asl.json";
  report.unusable = true;
  Diagnostic diagnostic;
  diagnostic.rule = "io-error";
  diagnostic.message = "no such file or directory";
  report.diagnostics.push_back(diagnostic);
  EXPECT_EQ(render_text({report}), "gone.asl.json: error: no such file or directory [io-error]\n");
}

TEST(TextReport, SummaryCountsEachSeverity) {
  ReportSummary summary{2, 1, 0, 3};
  EXPECT_EQ(render_text_summary(summary), "1 error, 0 warnings, 3 notes in 2 files\n");
}

TEST(JsonReport, HasTheDocumentedShape) {
  Diagnostic diagnostic = finding_at(1, 2);
  diagnostic.related.push_back({"/y", "B", 1, 10});
  diagnostic.evidence = nlohmann::json{{"kind", "proof"}};
  nlohmann::json document = nlohmann::json::parse(render_json({report_for("{\"x\": 1, \"y\": 2}", diagnostic)}));
  const nlohmann::json& finding = document["findings"][0];
  EXPECT_EQ(finding["file"], "m.asl.json");
  EXPECT_EQ(finding["rule"], "some-rule");
  EXPECT_EQ(finding["severity"], "warning");
  EXPECT_EQ(finding["message"], "something");
  EXPECT_EQ(finding["pointer"], "/x");
  EXPECT_EQ(finding["state"], "A");
  EXPECT_EQ(finding["line"], 1);
  EXPECT_EQ(finding["column"], 2);
  EXPECT_EQ(finding["related"][0], (nlohmann::json{{"pointer", "/y"}, {"state", "B"}, {"line", 1}, {"column", 10}}));
  EXPECT_EQ(finding["evidence"]["kind"], "proof");
  EXPECT_EQ(document["summary"], (nlohmann::json{{"files", 1}, {"errors", 0}, {"warnings", 1}, {"notes", 0}}));
}

TEST(JsonReport, FindingsWithoutRelatedOrEvidenceOmitThem) {
  nlohmann::json document = nlohmann::json::parse(render_json({report_for("{\"x\": 1}", finding_at(1, 2))}));
  EXPECT_FALSE(document["findings"][0].contains("related"));
  EXPECT_FALSE(document["findings"][0].contains("evidence"));
}

TEST(Sorting, ByLineColumnThenRule) {
  Diagnostics diagnostics = {finding_at(2, 1), finding_at(1, 5), finding_at(1, 5), finding_at(1, 2)};
  diagnostics[1].rule = "b-rule";
  diagnostics[2].rule = "a-rule";
  sort_diagnostics(diagnostics);
  EXPECT_EQ(diagnostics[0].location.column, 2u);
  EXPECT_EQ(diagnostics[1].rule, "a-rule");
  EXPECT_EQ(diagnostics[2].rule, "b-rule");
  EXPECT_EQ(diagnostics[3].location.line, 2u);
}

}  // namespace
}  // namespace sfn
