#pragma once
// Turning the PATH arguments into the files to check.

#include <filesystem>
#include <string>
#include <vector>

namespace sfn::cli {

struct DiscoveredPath {
  std::string display;  // as shown in reports
  std::filesystem::path path;
  bool named_explicitly = false;  // a file the user named, checked whatever its extension
};

struct Discovery {
  std::vector<DiscoveredPath> files;  // candidates, sorted, without duplicates
  std::vector<std::string> missing;   // arguments that do not exist
  std::vector<std::string> folders;   // folder arguments, to report the ones where nothing was found
};

// Folders are searched recursively, without following directory links and skipping hidden
// folders and node_modules. Candidates are *.asl.json, *.asl.yaml, *.asl.yml and *.json.
Discovery discover_paths(const std::vector<std::string>& arguments);

// Whether a folder candidate is an ASL file by name alone (*.asl.json, *.asl.yaml, *.asl.yml);
// other *.json candidates count only when their root has StartAt and States.
bool is_asl_file_name(const std::filesystem::path& path);

}  // namespace sfn::cli
