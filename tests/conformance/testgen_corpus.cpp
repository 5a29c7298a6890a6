// Runs `sfncheck testgen --coverage branches` (the library behind it) over samples/ and the machines of
// ../shared/corpus that the interpreter runs (JSONata ones included, unless it refuses a construct), and holds it to the bar: every sample has no
// unknown goal; across the corpus at least 90% of goals are decided (covered or proved impossible);
// every generated test replays green in the interpreter; two generations give identical tests.
//
//   testgen_corpus [CORPUS] [--verbose]

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

#include "analyzer/check.h"
#include "analyzer/definition_file.h"
#include "analyzer/model.h"
#include "interpreter/executor.h"
#include "interpreter/test_case.h"
#include "testgen/generate.h"
#include "tests/conformance/text_fields.h"

namespace {

using sfn::testing::corpus_files;
using sfn::testing::split;

constexpr int kSkipped = 77;
constexpr double kMinDecidedShare = 0.90;

char current_file[1024] = "";

extern "C" void report_crash(int signal_number) {
  const char* prefix = "\nCRASH (signal) while generating tests for ";
  (void)!write(STDERR_FILENO, prefix, std::strlen(prefix));
  (void)!write(STDERR_FILENO, current_file, std::strlen(current_file));
  (void)!write(STDERR_FILENO, "\n", 1);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

struct FileResult {
  bool generated = false;  // runnable: no structural error, not refused by the interpreter
  std::size_t goals = 0, covered = 0, impossible = 0, unknown = 0, tests = 0;
  std::vector<std::string> problems;  // replay failures, nondeterminism, exceptions
  std::vector<std::string> unknown_goals;
  double seconds = 0;
};

FileResult generate(const std::filesystem::path& path, const std::string& display) {
  FileResult result;
  std::snprintf(current_file, sizeof current_file, "%s", display.c_str());
  const auto started = std::chrono::steady_clock::now();
  try {
    sfn::LoadedDefinition loaded = sfn::load_definition_file(path);
    bool runnable = loaded.usable && loaded.document->root.is_object();
    if (runnable) {
      for (const sfn::Diagnostic& diagnostic : sfn::check_definition(*loaded.document)) {
        runnable = runnable && diagnostic.severity != sfn::Severity::Error;
      }
    }
    if (!runnable) return result;
    const sfn::StateMachine machine = sfn::build_state_machine(loaded.document->root);
    const sfn::testgen::GeneratedSuite suite = sfn::testgen::generate_tests(machine, {});
    if (suite.unsupported) return result;  // the interpreter refuses it (an unsupported JSONata construct)
    result.generated = true;
    for (const sfn::testgen::GoalReport& goal : suite.goals) {
      ++result.goals;
      result.covered += goal.verdict == sfn::testgen::GoalVerdict::Covered;
      result.impossible += goal.verdict == sfn::testgen::GoalVerdict::Impossible;
      if (goal.verdict == sfn::testgen::GoalVerdict::Unknown) {
        ++result.unknown;
        result.unknown_goals.push_back(goal.goal.id + ": " + goal.reason);
      }
    }
    result.tests = suite.tests.size();
    for (const sfn::testgen::GeneratedTest& test : suite.tests) {
      sfn::interp::TestCaseParseResult parsed = sfn::interp::parse_test_case(test.test);
      if (!parsed.test || !parsed.test->expect) {
        result.problems.push_back("test '" + test.name + "' is not a valid test file");
        continue;
      }
      sfn::interp::RunOptions options;
      options.context = parsed.test->context;
      const sfn::interp::RunResult run =
          sfn::interp::run_state_machine(machine, parsed.test->input, parsed.test->mocks, options);
      std::vector<std::string> differences = sfn::interp::compare_with_expectation(run, *parsed.test->expect);
      if (run.unusable) differences.push_back(*run.unusable);
      for (const std::string& difference : differences) {
        result.problems.push_back("test '" + test.name + "' does not replay: " + difference);
      }
    }
  } catch (const std::exception& error) {
    result.problems.push_back(std::string("internal error: ") + error.what());
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}


}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGSEGV, report_crash);
  std::signal(SIGABRT, report_crash);
  std::filesystem::path corpus = std::filesystem::path(SFN_SOURCE_DIR) / ".." / "shared" / "corpus";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "--verbose") {
      verbose = true;
    } else {
      corpus = argument;
    }
  }
  int failures = 0;
  // samples/: no unknown goal, every test replays.
  const std::filesystem::path samples = std::filesystem::path(SFN_SOURCE_DIR) / "samples";
  std::vector<std::string> sample_names;
  for (const auto& entry : std::filesystem::directory_iterator(samples)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 9 && name.compare(name.size() - 9, 9, ".asl.json") == 0) sample_names.push_back(name);
  }
  std::sort(sample_names.begin(), sample_names.end());
  for (const std::string& name : sample_names) {
    const FileResult result = generate(samples / name, "samples/" + name);
    if (!result.generated) continue;
    std::cout << "samples/" << name << ": " << result.goals << " goals, " << result.covered << " covered, "
              << result.impossible << " impossible, " << result.unknown << " unknown, " << result.tests << " tests ("
              << result.seconds << " s)\n";
    for (const std::string& goal : result.unknown_goals) {
      std::cout << "  FAIL unknown goal in a sample: " << goal << "\n";
      ++failures;
    }
    for (const std::string& problem : result.problems) {
      std::cout << "  FAIL " << problem << "\n";
      ++failures;
    }
  }

  if (!std::filesystem::exists(corpus / "MANIFEST.tsv")) {
    std::cout << (failures ? "FAILED" : "SKIPPED") << ": the corpus is absent (" << corpus.string()
              << "); only samples/ were generated\n";
    return failures ? 1 : kSkipped;
  }
  std::size_t goals = 0, decided = 0, files = 0, tests = 0;
  double slowest = 0;
  std::string slowest_file;
  for (const std::string& file : corpus_files(corpus)) {
    const FileResult result = generate(corpus / file, file);
    if (!result.generated) continue;
    ++files;
    goals += result.goals;
    decided += result.covered + result.impossible;
    tests += result.tests;
    if (result.seconds > slowest) {
      slowest = result.seconds;
      slowest_file = file;
    }
    if (verbose) {
      for (const std::string& goal : result.unknown_goals) std::cout << file << ": unknown " << goal << "\n";
    }
    for (const std::string& problem : result.problems) {
      std::cout << "FAIL " << file << ": " << problem << "\n";
      ++failures;
    }
  }
  const double share = goals ? static_cast<double>(decided) / static_cast<double>(goals) : 1.0;
  std::cout << "corpus: " << files << " runnable machines, " << goals << " goals, " << decided << " decided ("
            << share * 100 << "%), " << tests << " tests; slowest " << slowest_file << " (" << slowest << " s)\n";
  if (share < kMinDecidedShare) {
    std::cout << "FAIL fewer than " << kMinDecidedShare * 100 << "% of the corpus's goals are decided\n";
    ++failures;
  }
  std::cout << (failures ? "FAILED" : "PASSED") << "\n";
  return failures ? 1 : 0;
}
