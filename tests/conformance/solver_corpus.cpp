// Runs `check`'s solver analysis over ../shared/corpus and samples/ and holds it to the bar:
// no crash, no file over 10 s, at most 10% of the corpus's Choice rules left undecided, and every
// finding at warning or above exactly the list in SOLVER-FINDINGS.md, each read by hand. A row
// missing from the list, a listed row no longer produced, a row whose verdict is "false positive"
// (still produced) and a fixed false positive that is back all fail the test.
//
//   solver_corpus [CORPUS]          compare with SOLVER-FINDINGS.md
//   solver_corpus --list [CORPUS]   print the current rows in the file's table format (verdicts kept)

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <unistd.h>
#include <vector>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "cli/solver_check.h"
#include "tests/conformance/text_fields.h"

namespace {

using sfn::testing::corpus_files;
using sfn::testing::split;
using sfn::testing::trim;

constexpr int kSkipped = 77;
constexpr double kMaxSecondsPerFile = 10.0;
constexpr double kMaxUndecidedShare = 0.10;

// The file being analysed, for the message a crash leaves (a signal handler may only read it).
char current_file[1024] = "";

extern "C" void report_crash(int signal_number) {
  const char* prefix = "\nCRASH (signal) while analysing ";
  (void)!write(STDERR_FILENO, prefix, std::strlen(prefix));
  (void)!write(STDERR_FILENO, current_file, std::strlen(current_file));
  (void)!write(STDERR_FILENO, "\n", 1);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

struct Row {
  std::string file, rule, pointer;
  auto key() const { return std::tie(file, rule, pointer); }
  bool operator<(const Row& other) const { return key() < other.key(); }
};

struct Verdict {
  std::string verdict, why;
};


// A table cell: `code` loses its backticks, `\|` stands for `|`.
std::string cell_text(std::string text) {
  text = trim(std::move(text));
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') text = text.substr(1, text.size() - 2);
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '|') continue;
    plain += text[i];
  }
  return plain;
}

std::string escape_cell(const std::string& text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

// Splits a Markdown table line on the `|` that are not escaped.
std::vector<std::string> table_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += "\\|";
      ++i;
    } else if (line[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  cells.push_back(cell);
  // The text before the first `|` and after the last one is not a cell.
  if (cells.size() >= 2) cells = std::vector<std::string>(cells.begin() + 1, cells.end() - 1);
  return cells;
}

struct FindingsFile {
  std::map<Row, Verdict> findings;  // "## Findings": must equal the current output
  std::map<Row, Verdict> fixed;     // "## Fixed false positives": must stay absent
  std::vector<std::string> problems;
};

FindingsFile read_findings_file(const std::filesystem::path& path) {
  FindingsFile file;
  std::ifstream stream(path);
  if (!stream) {
    file.problems.push_back("cannot read " + path.string());
    return file;
  }
  std::map<Row, Verdict>* table = nullptr;
  std::string line;
  while (std::getline(stream, line)) {
    if (line.rfind("## ", 0) == 0) {
      const std::string heading = trim(line.substr(3));
      table = heading == "Findings" ? &file.findings : heading == "Fixed false positives" ? &file.fixed : nullptr;
      continue;
    }
    if (!table || line.rfind("|", 0) != 0) continue;
    std::vector<std::string> cells = table_cells(line);
    if (cells.size() != 5) {
      file.problems.push_back("a table line without 5 cells: " + line);
      continue;
    }
    Row row{cell_text(cells[0]), cell_text(cells[1]), cell_text(cells[2])};
    if (row.file == "file" || row.file.find("---") != std::string::npos) continue;
    if (!table->emplace(row, Verdict{cell_text(cells[3]), trim(cells[4])}).second) {
      file.problems.push_back("listed twice: " + row.file + " " + row.rule + " " + row.pointer);
    }
  }
  return file;
}

struct FileResult {
  std::vector<Row> rows;
  sfn::cli::SolverSummary summary;
  bool solved = false;  // run_solver_check ran (no error-severity finding)
  double seconds = 0;
  std::string problem;  // an exception
};

FileResult analyse(const std::filesystem::path& path, const std::string& display) {
  FileResult result;
  std::snprintf(current_file, sizeof current_file, "%s", display.c_str());
  const auto started = std::chrono::steady_clock::now();
  try {
    // As cli/check_command.cpp does: a definition with an error has no runs to reason about.
    sfn::LoadedDefinition loaded = sfn::load_definition_file(path);
    bool has_error = !loaded.usable || !loaded.document->root.is_object();
    for (const sfn::Diagnostic& diagnostic : loaded.diagnostics) has_error |= diagnostic.severity == sfn::Severity::Error;
    if (!has_error) {
      for (const sfn::Diagnostic& diagnostic : sfn::check_definition(*loaded.document)) {
        has_error |= diagnostic.severity == sfn::Severity::Error;
      }
    }
    if (!has_error) {
      sfn::cli::SolverCheckResult solved = sfn::cli::run_solver_check(*loaded.document, sfn::cli::SolverCheckOptions{});
      result.solved = true;
      result.summary = solved.summary;
      for (const sfn::Diagnostic& diagnostic : solved.diagnostics) {
        if (diagnostic.severity == sfn::Severity::Note) continue;
        result.rows.push_back(Row{display, diagnostic.rule, diagnostic.location.pointer});
      }
    }
  } catch (const std::exception& error) {
    result.problem = std::string("internal error: ") + error.what();
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}


std::vector<std::string> sample_files(const std::filesystem::path& samples) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 9 && name.compare(name.size() - 9, 9, ".asl.json") == 0) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string percent(std::size_t part, std::size_t whole) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(1) << (whole == 0 ? 0.0 : 100.0 * part / whole) << "%";
  return text.str();
}

void print_table_line(const Row& row, const Verdict& verdict) {
  std::cout << "| `" << escape_cell(row.file) << "` | " << row.rule << " | `" << escape_cell(row.pointer) << "` | "
            << verdict.verdict << " | " << verdict.why << " |\n";
}

}  // namespace

int main(int argc, char** argv) {
  bool list = false;
  std::filesystem::path corpus = SFN_SOURCE_DIR "/../shared/corpus";
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--list") {
      list = true;
    } else {
      corpus = argv[i];
    }
  }
  const std::filesystem::path source = SFN_SOURCE_DIR;
  const std::filesystem::path findings_path = source / "tests/conformance/SOLVER-FINDINGS.md";
  if (!std::filesystem::exists(corpus / "MANIFEST.tsv")) {
    std::cout << "SKIPPED: no corpus at " << corpus.string()
              << " (../shared exists on the developers' machines and in CI, not in a user's clone)\n";
    return kSkipped;
  }
  for (int signal_number : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS, SIGILL}) std::signal(signal_number, report_crash);

  std::vector<std::string> failures;
  std::set<Row> produced;
  std::vector<std::pair<double, std::string>> timings;
  std::size_t choice_rules = 0, undecided = 0, analysed_files = 0, replay_failures = 0;
  std::size_t unanalysed_files = 0, unanalysed_choice_rules = 0, unanalysed_undecided = 0;
  std::vector<std::string> undecided_files;

  auto run = [&](const std::filesystem::path& path, const std::string& display, bool in_corpus) {
    const FileResult result = analyse(path, display);
    timings.emplace_back(result.seconds, display);
    if (!result.problem.empty()) failures.push_back(display + ": " + result.problem);
    if (result.seconds > kMaxSecondsPerFile) {
      failures.push_back(display + ": took " + std::to_string(result.seconds) + " s (at most 10 s)");
    }
    produced.insert(result.rows.begin(), result.rows.end());
    if (!in_corpus || !result.solved) return;
    const sfn::cli::SolverSummary& summary = result.summary;
    if (!summary.analysed) {  // JSONata: not modelled by the solver, rules decided by interpreter runs alone
      ++unanalysed_files;
      unanalysed_choice_rules += summary.choice_rules;
      unanalysed_undecided += summary.undecided_choice_rules;
    }
    ++analysed_files;
    choice_rules += summary.choice_rules;
    undecided += summary.undecided_choice_rules;
    replay_failures += summary.replay_failures;
    if (summary.choice_rules > 0 &&
        static_cast<double>(summary.undecided_choice_rules) > kMaxUndecidedShare * summary.choice_rules) {
      undecided_files.push_back(display + ": " + std::to_string(summary.undecided_choice_rules) + " of " +
                                std::to_string(summary.choice_rules) + " undecided");
    }
  };
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::string> corpus_list = corpus_files(corpus);
  for (const std::string& file : corpus_list) run(corpus / file, file, true);
  const std::vector<std::string> samples = sample_files(source / "samples");
  for (const std::string& file : samples) run(source / "samples" / file, "samples/" + file, false);
  const double total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const FindingsFile listed = read_findings_file(findings_path);
  if (list) {
    for (const Row& row : produced) {
      auto known = listed.findings.find(row);
      print_table_line(row, known != listed.findings.end() ? known->second : Verdict{"?", "?"});
    }
    return 0;
  }

  failures.insert(failures.end(), listed.problems.begin(), listed.problems.end());
  for (const Row& row : produced) {
    if (!listed.findings.count(row)) {
      failures.push_back("not in SOLVER-FINDINGS.md: " + row.file + " " + row.rule + " " + row.pointer);
    }
  }
  for (const auto& [row, verdict] : listed.findings) {
    const std::string name = row.file + " " + row.rule + " " + row.pointer;
    if (!produced.count(row)) {
      failures.push_back("listed in SOLVER-FINDINGS.md but no longer produced: " + name +
                         " (a fixed false positive moves to 'Fixed false positives'; otherwise remove the row)");
    } else if (verdict.verdict == "false positive") {
      failures.push_back("false positive still reported: " + name + ": " + verdict.why);
    } else if (verdict.verdict != "true") {
      failures.push_back("no verdict read by hand (true or false positive) for " + name);
    }
  }
  for (const auto& [row, verdict] : listed.fixed) {
    if (produced.count(row)) {
      failures.push_back("a fixed false positive is back: " + row.file + " " + row.rule + " " + row.pointer);
    }
  }
  if (static_cast<double>(undecided) > kMaxUndecidedShare * choice_rules) {
    failures.push_back("undecided Choice rules: " + std::to_string(undecided) + " of " + std::to_string(choice_rules) +
                       " (" + percent(undecided, choice_rules) + ", at most 10%)");
  }

  std::sort(timings.rbegin(), timings.rend());
  std::cout << "analysed " << corpus_list.size() << " corpus files and " << samples.size() << " samples in "
            << total_seconds << " s; slowest:\n";
  for (std::size_t i = 0; i < std::min<std::size_t>(5, timings.size()); ++i) {
    std::cout << "  " << std::fixed << std::setprecision(2) << timings[i].first << " s  " << timings[i].second << "\n";
  }
  std::cout << "corpus Choice rules: " << choice_rules << " in " << analysed_files << " files, " << undecided
            << " undecided (" << percent(undecided, choice_rules) << "); witnesses that did not replay: "
            << replay_failures << "\n";
  std::cout << "of which JSONata (not modelled by the solver yet, decided by interpreter runs): " << unanalysed_files
            << " files, " << unanalysed_choice_rules << " Choice rules, " << unanalysed_undecided << " undecided\n";
  if (!undecided_files.empty()) std::cout << "files with more than 10% of their Choice rules undecided:\n";
  for (const std::string& file : undecided_files) std::cout << "  " << file << "\n";
  std::cout << produced.size() << " findings at warning or above, " << listed.findings.size()
            << " rows in SOLVER-FINDINGS.md\n";
  for (const std::string& failure : failures) std::cout << "FAIL " << failure << "\n";
  std::cout << (failures.empty() ? "passed\n" : std::to_string(failures.size()) + " failures\n");
  return failures.empty() ? 0 : 1;
}
