#include "cli/file_discovery.h"

#include <algorithm>
#include <set>

namespace sfn::cli {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_candidate(const std::filesystem::path& path) {
  return is_asl_file_name(path) || path.extension() == ".json";
}

}  // namespace

bool is_asl_file_name(const std::filesystem::path& path) {
  const std::string name = path.filename().string();
  return ends_with(name, ".asl.json") || ends_with(name, ".asl.yaml") || ends_with(name, ".asl.yml");
}

Discovery discover_paths(const std::vector<std::string>& arguments) {
  Discovery discovery;
  std::set<std::string> seen;
  for (const std::string& argument : arguments) {
    std::filesystem::path path(argument);
    std::error_code error;
    auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
      discovery.missing.push_back(argument);
      continue;
    }
    if (!std::filesystem::is_directory(status)) {
      if (seen.insert(argument).second) discovery.files.push_back({argument, path, true});
      continue;
    }
    discovery.folders.push_back(argument);
    std::filesystem::recursive_directory_iterator it(
        path, std::filesystem::directory_options::skip_permission_denied, error);
    for (; !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      const std::filesystem::directory_entry& entry = *it;
      const std::string name = entry.path().filename().string();
      std::error_code type_error;
      if (entry.is_directory(type_error)) {
        if ((!name.empty() && name[0] == '.') || name == "node_modules") it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(type_error) || !is_candidate(entry.path())) continue;
      std::string display = entry.path().generic_string();
      if (seen.insert(display).second) discovery.files.push_back({display, entry.path(), false});
    }
  }
  std::sort(discovery.files.begin(), discovery.files.end(),
            [](const DiscoveredPath& a, const DiscoveredPath& b) { return a.display < b.display; });
  return discovery;
}

}  // namespace sfn::cli
