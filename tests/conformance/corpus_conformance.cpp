// Runs the structural check over ../shared/corpus and compares each verdict with the corpus labels:
// files labelled valid get no error; files labelled invalid get an error of an expected rule
// (corpus-expectations.tsv); the real workflows get no error; nothing crashes or takes over 10 s.
// Deviations are allowed only for files listed in EXCEPTIONS.md (at most 15), and a listed file
// that no longer deviates fails the test, so the list stays true.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/check.h"
#include "tests/conformance/text_fields.h"
#include "analyzer/definition_file.h"

namespace {

using sfn::testing::split;

constexpr int kSkipped = 77;
constexpr std::size_t kMaxExceptions = 15;
constexpr double kMaxSecondsPerFile = 10.0;

// Cells may be written `like this`: backticks go with the white space.
std::string trim(std::string text) { return sfn::testing::trim(std::move(text), " \t\r\n`"); }

// file -> allowed rule names
std::map<std::string, std::set<std::string>> read_expectations(const std::filesystem::path& path) {
  std::map<std::string, std::set<std::string>> expectations;
  std::ifstream stream(path);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = split(line, '\t');
    if (fields.size() < 2 || fields[0] == "file") continue;
    for (const std::string& rule : split(fields[1], ',')) expectations[fields[0]].insert(trim(rule));
  }
  return expectations;
}

// The files named in the first column of EXCEPTIONS.md's table.
std::set<std::string> read_exceptions(const std::filesystem::path& path) {
  std::set<std::string> files;
  std::ifstream stream(path);
  std::string line;
  while (std::getline(stream, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells = split(line, '|');
    if (cells.size() < 2) continue;
    std::string file = trim(cells[1]);
    if (file.empty() || file == "file" || file.find("---") != std::string::npos) continue;
    files.insert(file);
  }
  return files;
}

bool is_real_workflow(const std::string& file) {
  return file.rfind("serverless-patterns/", 0) == 0 || file.rfind("the-aws-step-functions-workshop/", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path corpus = argc > 1 ? argv[1] : SFN_SOURCE_DIR "/../shared/corpus";
  std::filesystem::path here = SFN_SOURCE_DIR "/tests/conformance";
  if (!std::filesystem::exists(corpus / "MANIFEST.tsv")) {
    std::cout << "SKIPPED: no corpus at " << corpus.string()
              << " (../shared exists on the developers' machines and in CI, not in a user's clone)\n";
    return kSkipped;
  }
  const auto expectations = read_expectations(here / "corpus-expectations.tsv");
  const auto exceptions = read_exceptions(here / "EXCEPTIONS.md");

  std::ifstream manifest(corpus / "MANIFEST.tsv");
  std::string line;
  std::getline(manifest, line);
  std::vector<std::string> header = split(line, '\t');
  auto column = [&](const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return header.size();
  };
  const std::size_t file_column = column("file");
  const std::size_t expected_column = column("expected");

  std::size_t passed = 0, failed = 0, excepted = 0;
  std::set<std::string> deviating;
  const auto started = std::chrono::steady_clock::now();
  while (std::getline(manifest, line)) {
    std::vector<std::string> fields = split(line, '\t');
    if (fields.size() <= expected_column) continue;
    const std::string& file = fields[file_column];
    const std::string& expected = fields[expected_column];

    const auto file_started = std::chrono::steady_clock::now();
    std::string problem;
    std::set<std::string> error_rules;
    std::string first_error;
    try {
      sfn::LoadedDefinition loaded = sfn::load_definition_file(corpus / file);
      sfn::Diagnostics diagnostics = loaded.diagnostics;
      if (loaded.usable) {
        sfn::Diagnostics found = sfn::check_definition(*loaded.document);
        diagnostics.insert(diagnostics.end(), found.begin(), found.end());
      }
      for (const sfn::Diagnostic& diagnostic : diagnostics) {
        if (diagnostic.severity != sfn::Severity::Error) continue;
        error_rules.insert(diagnostic.rule);
        if (first_error.empty()) {
          first_error = diagnostic.rule + " at " + diagnostic.location.pointer + ": " + diagnostic.message;
        }
      }
    } catch (const std::exception& error) {
      problem = std::string("internal error: ") + error.what();
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - file_started).count();
    if (problem.empty() && seconds > kMaxSecondsPerFile) problem = "took " + std::to_string(seconds) + " s";

    if (problem.empty()) {
      if (expected == "valid" || is_real_workflow(file)) {
        if (!error_rules.empty()) problem = "expected no error, got " + first_error;
      } else if (expected == "invalid") {
        auto it = expectations.find(file);
        if (it == expectations.end()) {
          problem = "no expectation recorded in corpus-expectations.tsv";
        } else {
          bool matched = false;
          for (const std::string& rule : it->second) matched = matched || error_rules.count(rule) > 0;
          if (!matched) {
            std::string wanted;
            for (const std::string& rule : it->second) wanted += (wanted.empty() ? "" : " or ") + rule;
            problem = "expected an error of " + wanted + ", got " + (first_error.empty() ? "no error" : first_error);
          }
        }
      }
    }
    const bool crashed = problem.rfind("internal error", 0) == 0 || problem.rfind("took", 0) == 0;
    if (problem.empty()) {
      ++passed;
    } else if (exceptions.count(file) && !crashed) {
      ++excepted;
      deviating.insert(file);
      std::cout << "EXCEPTION " << file << ": " << problem << "\n";
    } else {
      ++failed;
      std::cout << "FAIL " << file << ": " << problem << "\n";
    }
  }
  for (const std::string& file : exceptions) {
    if (!deviating.count(file)) {
      ++failed;
      std::cout << "FAIL " << file << ": listed in EXCEPTIONS.md but no longer deviates; remove it\n";
    }
  }
  if (exceptions.size() > kMaxExceptions) {
    ++failed;
    std::cout << "FAIL EXCEPTIONS.md lists " << exceptions.size() << " files; at most " << kMaxExceptions
              << " are allowed\n";
  }
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "corpus: " << passed + failed + excepted << " files in " << total << " s, " << excepted
            << " listed exceptions\n";
  std::cout << passed + excepted << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
