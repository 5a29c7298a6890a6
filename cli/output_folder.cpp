// Every step after opening the output folder goes through its descriptor (openat, mkdirat,
// renameat2), so renaming or replacing a folder on the path half-way cannot redirect a write, and
// O_NOFOLLOW / AT_SYMLINK_NOFOLLOW keep links from being followed at each step.

#include "cli/output_folder.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace sfn::cli {
namespace {

constexpr std::size_t kMaxNameBytes = 255;  // NAME_MAX of Linux file systems
constexpr std::string_view kTempPrefix = ".sfncheck-tmp-";

class Descriptor {
 public:
  explicit Descriptor(int fd = -1) : fd_(fd) {}
  ~Descriptor() { close(); }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  // 0, or the errno of a failed close (a write the kernel deferred can fail only here).
  int close() {
    if (fd_ < 0) return 0;
    const int result = ::close(fd_);
    fd_ = -1;
    return result == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

std::string errno_text(int error) { return std::generic_category().message(error); }

// Quoted, with control bytes escaped, so that a message stays on one line whatever the name holds.
std::string shown(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::optional<std::string> name_problem(const std::vector<OutputFile>& files) {
  std::set<std::string_view> seen;
  for (const OutputFile& file : files) {
    const std::string& name = file.name;
    if (name.empty()) return "a file name is empty";
    if (name == "." || name == ".." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
      return shown(name) + " is not a plain file name";
    if (name.size() > kMaxNameBytes) return shown(name) + " is longer than 255 bytes";
    if (name.compare(0, kTempPrefix.size(), kTempPrefix) == 0)
      return shown(name) + " starts like the temporary folder (" + std::string(kTempPrefix) + ")";
    if (!seen.insert(name).second) return shown(name) + " is given twice";
  }
  return std::nullopt;
}

// The folder that holds `folder`, and its last component ("." for the root).
std::pair<std::string, std::string> split_parent(std::string folder) {
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  if (folder == "/") return {"/", "."};
  const std::size_t slash = folder.rfind('/');
  if (slash == std::string::npos) return {".", folder};
  return {slash == 0 ? "/" : folder.substr(0, slash), folder.substr(slash + 1)};
}

// 0 when the folder holds nothing but "." and "..", ENOTEMPTY when it holds more, else an errno.
int emptiness(int folder_fd) {
  const int copy = ::fcntl(folder_fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return errno;
  DIR* stream = ::fdopendir(copy);
  if (stream == nullptr) {
    const int error = errno;
    ::close(copy);
    return error;
  }
  int result = 0;
  errno = 0;
  while (const dirent* entry = ::readdir(stream)) {
    const std::string_view name = entry->d_name;
    if (name != "." && name != "..") {
      result = ENOTEMPTY;
      break;
    }
  }
  if (result == 0) result = errno;  // readdir returns null with errno set on a read error
  ::closedir(stream);
  return result;
}

// Makes a folder named ".sfncheck-tmp-XXXXXX" inside `folder_fd`, as mkdtemp would, but relative to
// the descriptor; returns its name, or empty with `error` set.
std::string make_temp_folder(int folder_fd, int& error) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::random_device random;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name(kTempPrefix);
    for (int i = 0; i < 6; ++i) name += kAlphabet[random() % (sizeof(kAlphabet) - 1)];
    if (::mkdirat(folder_fd, name.c_str(), 0700) == 0) return name;
    if (errno != EEXIST) break;
  }
  error = errno;
  return {};
}

// 0, or the errno of the first failing step. `created` tells whether the file now exists.
int write_file(int folder_fd, const OutputFile& file, bool& created) {
  Descriptor out(::openat(folder_fd, file.name.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0666));
  created = out.valid();
  if (!created) return errno;
  const char* data = file.contents.data();
  std::size_t left = file.contents.size();
  while (left > 0) {
    const ssize_t written = ::write(out.get(), data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return out.close();
}

// Renames without ever replacing an existing entry.
int move_without_replacing(int from_fd, int to_fd, const std::string& name) {
  if (::renameat2(from_fd, name.c_str(), to_fd, name.c_str(), RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return errno;
  // Some file systems (NFS, some FUSE) lack RENAME_NOREPLACE: the check is then not atomic, but made.
  struct stat status;
  if (::fstatat(to_fd, name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0) return EEXIST;
  if (errno != ENOENT) return errno;
  return ::renameat(from_fd, name.c_str(), to_fd, name.c_str()) == 0 ? 0 : errno;
}

// Writes the files into a temporary folder inside the open output folder, then renames them into
// it; on failure removes whatever it made.
std::optional<std::string> write_through_temp_folder(int folder_fd, const std::vector<OutputFile>& files,
                                                     const std::string& where) {
  int error = 0;
  const std::string temp_name = make_temp_folder(folder_fd, error);
  if (temp_name.empty()) return "cannot create a temporary folder in " + where + ": " + errno_text(error);
  Descriptor temp(::openat(folder_fd, temp_name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!temp.valid()) {
    error = errno;
    ::unlinkat(folder_fd, temp_name.c_str(), AT_REMOVEDIR);
    return "cannot open a temporary folder in " + where + ": " + errno_text(error);
  }

  std::size_t written = 0;  // files[0, written) exist, in the temporary folder or already moved
  std::size_t moved = 0;    // files[0, moved) are in the output folder
  const auto fail = [&](const std::string& message) -> std::optional<std::string> {
    for (std::size_t i = 0; i < written; ++i)
      ::unlinkat(i < moved ? folder_fd : temp.get(), files[i].name.c_str(), 0);
    temp.close();
    ::unlinkat(folder_fd, temp_name.c_str(), AT_REMOVEDIR);
    return message;
  };

  for (const OutputFile& file : files) {
    bool created = false;
    error = write_file(temp.get(), file, created);
    if (created) ++written;
    if (error != 0) return fail("cannot write " + shown(file.name) + " in " + where + ": " + errno_text(error));
  }
  // The folder was empty when checked; refuse rather than replace anything that appeared since.
  for (const OutputFile& file : files) {
    struct stat status;
    if (::fstatat(folder_fd, file.name.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0)
      return fail(where + " already holds " + shown(file.name) + "; nothing was written");
  }
  for (const OutputFile& file : files) {
    error = move_without_replacing(temp.get(), folder_fd, file.name);
    if (error != 0) return fail("cannot move " + shown(file.name) + " into " + where + ": " + errno_text(error));
    ++moved;
  }
  temp.close();
  if (::unlinkat(folder_fd, temp_name.c_str(), AT_REMOVEDIR) != 0) {
    error = errno;
    return fail("cannot remove the temporary folder " + shown(temp_name) + " in " + where + ": " + errno_text(error));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_output_folder(const std::string& folder, const std::vector<OutputFile>& files) {
  if (folder.empty()) return "the output folder name is empty";
  if (folder.find('\0') != std::string::npos) return "the output folder name holds a NUL byte";
  const std::string where = "output folder " + shown(folder);
  if (std::optional<std::string> problem = name_problem(files)) return where + ": " + *problem;

  const auto [parent_path, base] = split_parent(folder);
  Descriptor parent(::open(parent_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent.valid()) {
    const int error = errno;
    if (error == ENOENT) return "cannot create " + where + ": its parent folder does not exist";
    if (error == ENOTDIR) return "cannot create " + where + ": its parent is not a folder";
    return "cannot open the parent of " + where + ": " + errno_text(error);
  }

  bool created = false;
  struct stat status;
  if (::fstatat(parent.get(), base.c_str(), &status, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISLNK(status.st_mode)) return where + " is a symbolic link; links are not followed";
    if (!S_ISDIR(status.st_mode)) return where + " exists and is not a folder";
  } else if (errno == ENOENT) {
    if (::mkdirat(parent.get(), base.c_str(), 0777) != 0) return "cannot create " + where + ": " + errno_text(errno);
    created = true;
  } else {
    return "cannot read " + where + ": " + errno_text(errno);
  }

  // Removes the folder again if this call made it (rmdir: only ever an empty folder).
  const auto undo_create = [&] {
    if (created) ::unlinkat(parent.get(), base.c_str(), AT_REMOVEDIR);
  };
  Descriptor output(::openat(parent.get(), base.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!output.valid()) {
    const int error = errno;
    undo_create();
    if (error == ELOOP || error == ENOTDIR) return where + " changed while being opened (is it a symbolic link?)";
    return "cannot open " + where + ": " + errno_text(error);
  }
  if (!created) {
    const int empty = emptiness(output.get());
    if (empty == ENOTEMPTY) return where + " is not empty; testgen writes only to a new or empty folder";
    if (empty != 0) return "cannot list " + where + ": " + errno_text(empty);
  }

  std::optional<std::string> error = write_through_temp_folder(output.get(), files, where);
  if (error) {
    output.close();
    undo_create();
  }
  return error;
}

}  // namespace sfn::cli
