#pragma once
// Writing generated files into the output folder of `sfncheck testgen -o DIR` without ever touching
// anything else: DIR must be new or empty, no link is followed, nothing lands outside DIR, nothing
// is overwritten, and a failure leaves no partial output behind.

#include <optional>
#include <string>
#include <vector>

namespace sfn::cli {

struct OutputFile {
  std::string name;  // a plain file name inside the folder (testgen/file_names.h makes them)
  std::string contents;
};

// Writes `files` into `folder`, which must not exist (it is then created, mode 0777 & ~umask; its
// parent must exist) or be an empty directory that is not a symbolic link. The files are written
// into a temporary folder inside `folder` and renamed into place, so `folder` holds either all of
// them or, after a failure, what it held before (a folder this call created is removed again).
// Returns nullopt on success, else one line naming the folder and what is wrong. A name that is
// empty, ".", "..", holds '/' or NUL, is longer than 255 bytes or repeats another is refused before
// anything is written.
std::optional<std::string> write_output_folder(const std::string& folder, const std::vector<OutputFile>& files);

}  // namespace sfn::cli
