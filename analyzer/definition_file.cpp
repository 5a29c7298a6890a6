#include "analyzer/definition_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "analyzer/rule_catalog.h"

namespace sfn {
SourceFormat format_for_path(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml" ? SourceFormat::Yaml : SourceFormat::Json;
}

LoadedDefinition load_definition_text(std::string text, SourceFormat format, const ParseLimits& limits) {
  ParseResult parsed =
      format == SourceFormat::Yaml ? parse_yaml_document(std::move(text), limits) : parse_json_document(std::move(text), limits);
  LoadedDefinition loaded;
  loaded.usable = parsed.ok;
  for (const ParseProblem& problem : parsed.problems) {
    Diagnostic diagnostic;
    diagnostic.rule = problem.rule;
    const RuleInfo* info = find_rule(problem.rule);
    diagnostic.severity = info ? info->severity : Severity::Error;
    diagnostic.message = problem.message;
    diagnostic.location.pointer = problem.pointer;
    diagnostic.location.line = problem.position.line;
    diagnostic.location.column = problem.position.column;
    loaded.diagnostics.push_back(std::move(diagnostic));
  }
  if (parsed.ok) loaded.document = std::make_shared<const SourceDocument>(std::move(parsed.document));
  return loaded;
}

LoadedDefinition load_definition_file(const std::filesystem::path& path, const ParseLimits& limits) {
  LoadedDefinition loaded;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    loaded.diagnostics.push_back(file_error("io-error", "is a directory, not a file"));
    return loaded;
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error) {
    loaded.diagnostics.push_back(file_error("io-error", "cannot read file: " + error.message()));
    return loaded;
  }
  if (size > limits.max_file_bytes) {
    loaded.diagnostics.push_back(file_error(
        "file-too-large", "file is " + std::to_string(size) + " bytes; files over " +
                              std::to_string(limits.max_file_bytes) + " bytes are refused (AWS's limit is 1 MiB)"));
    return loaded;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    loaded.diagnostics.push_back(file_error("io-error", std::string("cannot open file: ") + std::strerror(errno)));
    return loaded;
  }
  std::string text;
  text.resize(size);
  stream.read(text.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(stream.gcount()) != size) {
    loaded.diagnostics.push_back(file_error("io-error", "cannot read the whole file"));
    return loaded;
  }
  return load_definition_text(std::move(text), format_for_path(path), limits);
}

}  // namespace sfn
