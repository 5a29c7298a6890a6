#include <algorithm>
#include <exception>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "cli/commands.h"
#include "cli/driver.h"
#include "cli/file_discovery.h"
#include "cli/solver_check.h"
#include "reports/report.h"

namespace sfn::cli {
namespace {

bool at_or_above(Severity severity, const std::string& fail_on) {
  if (fail_on == "never") return false;
  Severity threshold = fail_on == "error" ? Severity::Error : fail_on == "note" ? Severity::Note : Severity::Warning;
  return static_cast<int>(severity) >= static_cast<int>(threshold);
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& diagnostic) { return diagnostic.severity == Severity::Error; });
}

void add_to(SolverSummary& total, const SolverSummary& one) {
  if (!one.analysed) return;
  total.analysed = true;
  total.choice_rules += one.choice_rules;
  total.undecided_choice_rules += one.undecided_choice_rules;
  total.goals += one.goals;
  total.covered += one.covered;
  total.impossible += one.impossible;
  total.unknown += one.unknown;
  total.witnesses += one.witnesses;
  total.replay_failures += one.replay_failures;
  total.random_witnesses += one.random_witnesses;
  total.queries += one.queries;
  total.seconds += one.seconds;
}

// Checks one file; folder candidates that are plain *.json and not state machines yield nothing.
std::optional<FileReport> check_file(const DiscoveredPath& candidate, const CheckSettings& settings,
                                     SolverSummary& solver_total) {
  FileReport report;
  report.file = candidate.display;
  try {
    LoadedDefinition loaded = load_definition_file(candidate.path);
    const bool by_name = candidate.named_explicitly || is_asl_file_name(candidate.path);
    if (!by_name && (!loaded.usable || !looks_like_state_machine(loaded.document->root))) return std::nullopt;
    report.diagnostics = std::move(loaded.diagnostics);
    report.unusable = !loaded.usable;
    if (loaded.usable) {
      report.document = loaded.document;
      if (!report.document->root.is_object()) report.unusable = true;  // not-a-state-machine
      Diagnostics found = check_definition(*report.document);
      report.diagnostics.insert(report.diagnostics.end(), found.begin(), found.end());
      // A definition AWS would reject has no runs to reason about.
      if (settings.solver && !report.unusable && !has_errors(report.diagnostics)) {
        SolverCheckResult solved = run_solver_check(*report.document, SolverCheckOptions{settings.loop_bound});
        report.diagnostics.insert(report.diagnostics.end(), solved.diagnostics.begin(), solved.diagnostics.end());
        add_to(solver_total, solved.summary);
      }
    }
  } catch (const std::exception& error) {
    report.diagnostics.push_back(file_error("internal-error", std::string("internal error: ") + error.what()));
  }
  sort_diagnostics(report.diagnostics);
  return report;
}

// Freeing the documents of a large run costs a tenth of its time, and the process is about to
// exit: like compilers, the CLI hands them to a holder that is never destroyed. Reachable memory,
// so leak checkers stay quiet.
void keep_until_exit(std::vector<FileReport> reports) {
  static auto* holder = new std::vector<std::vector<FileReport>>();
  holder->push_back(std::move(reports));
}

int exit_code_for(const FileReport& report, const std::string& fail_on) {
  int code = kExitClean;
  for (const Diagnostic& diagnostic : report.diagnostics) {
    if (diagnostic.rule == "internal-error") return kExitInternalError;
    if (at_or_above(diagnostic.severity, fail_on)) code = kExitFindings;
  }
  return report.unusable ? kExitBadInput : code;
}

}  // namespace

int run_check_command(const CheckSettings& settings, std::ostream& out, std::ostream& err) {
  (void)err;
  std::vector<FileReport> reports;
  std::set<std::string> checked;
  SolverSummary solver_total;
  for (const std::string& argument : settings.paths) {
    Discovery discovery = discover_paths({argument});
    for (const std::string& missing : discovery.missing) {
      FileReport report;
      report.file = missing;
      report.unusable = true;
      report.diagnostics.push_back(file_error("io-error", "no such file or directory"));
      reports.push_back(std::move(report));
    }
    std::size_t found = 0;
    for (const DiscoveredPath& candidate : discovery.files) {
      if (!checked.insert(candidate.path.lexically_normal().string()).second) {
        ++found;
        continue;
      }
      if (std::optional<FileReport> report = check_file(candidate, settings, solver_total)) {
        reports.push_back(std::move(*report));
        ++found;
      }
    }
    if (!discovery.folders.empty() && found == 0) {
      FileReport report;
      report.file = argument;
      report.unusable = true;
      report.diagnostics.push_back(file_error(
          "no-asl-files", "no ASL definition found (looked for *.asl.json, *.asl.yaml, *.asl.yml and *.json files "
                          "whose root has StartAt and States)"));
      reports.push_back(std::move(report));
    }
  }
  std::stable_sort(reports.begin(), reports.end(),
                   [](const FileReport& a, const FileReport& b) { return a.file < b.file; });

  int exit_code = kExitClean;
  for (const FileReport& report : reports) exit_code = std::max(exit_code, exit_code_for(report, settings.fail_on));

  if (settings.format == "json") {
    nlohmann::json extra = nlohmann::json::object();
    if (solver_total.analysed) {
      extra["solver"] = {{"choice_rules", solver_total.choice_rules},
                         {"undecided_choice_rules", solver_total.undecided_choice_rules},
                         {"goals", solver_total.goals},
                         {"covered", solver_total.covered},
                         {"impossible", solver_total.impossible},
                         {"unknown", solver_total.unknown},
                         {"witnesses", solver_total.witnesses},
                         {"replay_failures", solver_total.replay_failures},
                         {"random_witnesses", solver_total.random_witnesses},
                         {"queries", solver_total.queries}};
    }
    out << render_json(reports, extra);
  } else {
    TextOptions text_options;
    text_options.explain = settings.explain;
    out << render_text(reports, text_options);
    out << render_text_summary(summarize(reports));
  }
  keep_until_exit(std::move(reports));
  return exit_code;
}

}  // namespace sfn::cli
