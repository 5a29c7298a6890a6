#pragma once
// Reading a definition from disk: size limit before reading, format by extension, parse problems
// turned into findings with positions.

#include <filesystem>
#include <memory>

#include "analyzer/diagnostic.h"
#include "analyzer/source_document.h"

namespace sfn {

struct LoadedDefinition {
  std::shared_ptr<const SourceDocument> document;  // null when unusable
  Diagnostics diagnostics;                         // parse findings (fatal or not)
  bool usable = false;                             // false: exit code 2 for this file
};

// YAML for .yaml/.yml, JSON otherwise.
SourceFormat format_for_path(const std::filesystem::path& path);

LoadedDefinition load_definition_file(const std::filesystem::path& path, const ParseLimits& limits = {});
// Same, for text already in memory (tests, stdin).
LoadedDefinition load_definition_text(std::string text, SourceFormat format, const ParseLimits& limits = {});

}  // namespace sfn
