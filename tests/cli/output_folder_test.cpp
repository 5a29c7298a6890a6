// cli/output_folder: the folder of `testgen -o DIR` must be new or empty and not a link; bad names
// are refused before anything is written; a failure leaves the folder as it was (or absent); no
// temporary folder is ever left behind.

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/cli_test_support.h"
#include "cli/output_folder.h"

namespace sfn::cli {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;
using sfn::testing::ScratchDir;

std::set<std::string> entries(const fs::path& folder) {
  std::set<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename());
  return names;
}

std::string read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream text;
  text << stream.rdbuf();
  return text.str();
}

const std::vector<OutputFile> kFiles = {{"a.json", "{\"a\": 1}\n"}, {"b.json", "{\"b\": 2}\n"}};

TEST(OutputFolder, CreatesANewFolderWithExactlyTheFiles) {
  ScratchDir scratch;
  const fs::path out = fs::path(scratch.path()) / "out";
  ASSERT_EQ(write_output_folder(out.string(), kFiles), std::nullopt);
  EXPECT_EQ(entries(out), (std::set<std::string>{"a.json", "b.json"}));  // no temporary folder left
  EXPECT_EQ(read_file(out / "a.json"), "{\"a\": 1}\n");
  EXPECT_EQ(read_file(out / "b.json"), "{\"b\": 2}\n");

  const mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat status;
  ASSERT_EQ(::lstat(out.c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0777 & ~mask);
  ASSERT_EQ(::lstat((out / "a.json").c_str(), &status), 0);
  EXPECT_EQ(status.st_mode & 07777, 0666 & ~mask);
}

TEST(OutputFolder, UsesAnExistingEmptyFolder) {
  ScratchDir scratch;
  const fs::path out = fs::path(scratch.path()) / "out";
  fs::create_directory(out);
  ASSERT_EQ(write_output_folder(out.string() + "/", kFiles), std::nullopt);  // a trailing slash is fine
  EXPECT_EQ(entries(out), (std::set<std::string>{"a.json", "b.json"}));
}

TEST(OutputFolder, WritesLargeAndEmptyFilesAndEmptySets) {
  ScratchDir scratch;
  const std::string big(3 << 20, 'x');
  const fs::path out = fs::path(scratch.path()) / "out";
  ASSERT_EQ(write_output_folder(out.string(), {{"big.json", big}, {"empty.json", ""}}), std::nullopt);
  EXPECT_EQ(read_file(out / "big.json"), big);
  EXPECT_EQ(fs::file_size(out / "empty.json"), 0u);

  const fs::path none = fs::path(scratch.path()) / "none";
  ASSERT_EQ(write_output_folder(none.string(), {}), std::nullopt);
  EXPECT_TRUE(fs::is_directory(none));
  EXPECT_TRUE(entries(none).empty());
}

TEST(OutputFolder, RefusesANonEmptyFolderAndLeavesItAlone) {
  ScratchDir scratch;
  const fs::path out = fs::path(scratch.path()) / "out";
  fs::create_directory(out);
  std::ofstream(out / "a.json") << "mine";
  std::optional<std::string> error = write_output_folder(out.string(), kFiles);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(out.string()), std::string::npos) << *error;
  EXPECT_NE(error->find("not empty"), std::string::npos) << *error;
  EXPECT_EQ(error->find('\n'), std::string::npos);
  EXPECT_EQ(entries(out), (std::set<std::string>{"a.json"}));
  EXPECT_EQ(read_file(out / "a.json"), "mine");

  fs::remove(out / "a.json");
  fs::create_directory(out / ".hidden");  // hidden entries count too
  EXPECT_TRUE(write_output_folder(out.string(), kFiles).has_value());
  EXPECT_EQ(entries(out), (std::set<std::string>{".hidden"}));
}

TEST(OutputFolder, RefusesASymbolicLinkAndLeavesItsTargetAlone) {
  ScratchDir scratch;
  const fs::path target = fs::path(scratch.path()) / "target";
  const fs::path link = fs::path(scratch.path()) / "link";
  fs::create_directory(target);
  fs::create_directory_symlink(target, link);
  for (const std::string& folder : {link.string(), link.string() + "/", link.string() + "//"}) {
    std::optional<std::string> error = write_output_folder(folder, kFiles);
    ASSERT_TRUE(error.has_value()) << folder;
    EXPECT_NE(error->find("symbolic link"), std::string::npos) << *error;
    EXPECT_TRUE(entries(target).empty());
  }

  // A dangling link is refused too, and its target is not created.
  const fs::path dangling = fs::path(scratch.path()) / "dangling";
  fs::create_directory_symlink(fs::path(scratch.path()) / "nowhere", dangling);
  EXPECT_TRUE(write_output_folder(dangling.string(), kFiles).has_value());
  EXPECT_FALSE(fs::exists(fs::path(scratch.path()) / "nowhere"));
}

TEST(OutputFolder, LinksAboveTheFolderAreFollowedAsUsual) {
  ScratchDir scratch;
  const fs::path real = fs::path(scratch.path()) / "real";
  fs::create_directory(real);
  fs::create_directory_symlink(real, fs::path(scratch.path()) / "via");
  ASSERT_EQ(write_output_folder(scratch.path() + "/via/out", kFiles), std::nullopt);
  EXPECT_EQ(entries(real / "out"), (std::set<std::string>{"a.json", "b.json"}));
}

TEST(OutputFolder, RefusesAFileInPlaceOfTheFolder) {
  ScratchDir scratch;
  const std::string file = scratch.write("out", "data");
  std::optional<std::string> error = write_output_folder(file, kFiles);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("not a folder"), std::string::npos) << *error;
  EXPECT_EQ(read_file(file), "data");
}

TEST(OutputFolder, RefusesAMissingParent) {
  ScratchDir scratch;
  const fs::path out = fs::path(scratch.path()) / "missing" / "out";
  std::optional<std::string> error = write_output_folder(out.string(), kFiles);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find(out.string()), std::string::npos) << *error;
  EXPECT_NE(error->find("parent folder does not exist"), std::string::npos) << *error;
  EXPECT_TRUE(entries(scratch.path()).empty());
}

TEST(OutputFolder, RefusesBadNamesBeforeWritingAnything) {
  ScratchDir scratch;
  const fs::path fresh = fs::path(scratch.path()) / "fresh";
  const fs::path empty = fs::path(scratch.path()) / "empty";
  fs::create_directory(empty);
  const std::vector<std::string> bad_names = {"a/b",  "../escape.json", "..", ".", "", "/etc/passwd", "x\0y"s,
                                              std::string(256, 'n'), ".sfncheck-tmp-abc123", "a.json"};
  for (const std::string& bad : bad_names) {
    // The good file comes first, so a writer that checked names one at a time would have written it.
    const std::vector<OutputFile> files = {{"a.json", "good"}, {bad, "bad"}};
    for (const fs::path& out : {fresh, empty}) {
      std::optional<std::string> error = write_output_folder(out.string(), files);
      ASSERT_TRUE(error.has_value()) << bad;
      EXPECT_NE(error->find(out.string()), std::string::npos) << *error;
      EXPECT_EQ(error->find('\n'), std::string::npos) << *error;
    }
    EXPECT_FALSE(fs::exists(fresh)) << bad;
    EXPECT_TRUE(entries(empty).empty()) << bad;
    EXPECT_EQ(entries(scratch.path()), (std::set<std::string>{"empty"})) << bad;  // nothing written beside
  }
}

// A write that fails half-way (here the file size limit, which binds root too) leaves nothing: no
// partial file, no temporary folder, and no folder where there was none.
TEST(OutputFolder, AFailedWriteLeavesNothingBehind) {
  ScratchDir scratch;
  const fs::path fresh = fs::path(scratch.path()) / "fresh";
  const fs::path empty = fs::path(scratch.path()) / "empty";
  fs::create_directory(empty);
  const std::vector<OutputFile> files = {{"small.json", "ok"}, {"large.json", std::string(64 << 10, 'x')}};

  struct rlimit saved;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  struct sigaction ignore = {}, previous = {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGXFSZ, &ignore, &previous), 0);
  struct rlimit limited = saved;
  limited.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limited), 0);
  const std::optional<std::string> fresh_error = write_output_folder(fresh.string(), files);
  const std::optional<std::string> empty_error = write_output_folder(empty.string(), files);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::sigaction(SIGXFSZ, &previous, nullptr);

  ASSERT_TRUE(fresh_error.has_value());
  EXPECT_NE(fresh_error->find("large.json"), std::string::npos) << *fresh_error;
  EXPECT_FALSE(fs::exists(fresh));
  ASSERT_TRUE(empty_error.has_value());
  EXPECT_TRUE(entries(empty).empty());
  EXPECT_EQ(entries(scratch.path()), (std::set<std::string>{"empty"}));
}

TEST(OutputFolder, MessagesStayOnOneLine) {
  ScratchDir scratch;
  const fs::path out = fs::path(scratch.path()) / "line\nbreak";
  fs::create_directory(out);
  std::ofstream(out / "x") << "x";
  std::optional<std::string> error = write_output_folder(out.string(), kFiles);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->find('\n'), std::string::npos) << *error;
  EXPECT_NE(error->find("line\\x0abreak"), std::string::npos) << *error;
}

}  // namespace
}  // namespace sfn::cli
