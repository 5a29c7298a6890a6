#include "cli/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

namespace sfn::cli {
namespace {

namespace fs = std::filesystem;

fs::path folder_of(const fs::path& file) {
  return file.parent_path().empty() ? fs::path(".") : file.parent_path();
}

}  // namespace

std::optional<std::string> unwritable_reason(const std::string& file) {
  const fs::path path(file);
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (fs::is_symlink(status)) return "refusing to write through a symbolic link";
  if (fs::is_directory(status)) return "is a folder";
  if (!fs::is_directory(folder_of(path), error)) return "the folder " + folder_of(path).string() + " does not exist";
  return std::nullopt;
}

std::optional<std::string> write_file_atomically(const std::string& file, const std::string& text) {
  if (std::optional<std::string> reason = unwritable_reason(file)) return reason;
  const fs::path target(file);
  std::random_device random;
  // Hidden, and named after its target, so a leftover after a crash says where it came from.
  const fs::path temporary =
      folder_of(target) / ("." + target.filename().string() + ".tmp-" + std::to_string(random()));
  std::FILE* stream = std::fopen(temporary.c_str(), "wx");  // exclusive: never an existing file or link
  if (stream == nullptr) return "cannot create " + temporary.string() + ": " + std::strerror(errno);
  const bool written = std::fwrite(text.data(), 1, text.size(), stream) == text.size();
  const bool closed = std::fclose(stream) == 0;
  std::error_code error;
  if (!written || !closed) {
    fs::remove(temporary, error);
    return "cannot write " + temporary.string();
  }
  fs::rename(temporary, target, error);  // replaces a link itself, never what it points to
  if (error) {
    const std::string message = error.message();
    fs::remove(temporary, error);
    return "cannot rename " + temporary.string() + " to " + file + ": " + message;
  }
  return std::nullopt;
}

}  // namespace sfn::cli
