#pragma once
// The command-line driver as a library: main() is one call to run_cli, and tests call it in-process.

#include <iosfwd>

namespace sfn::cli {

// Exit codes, a contract with users' CI scripts.
enum ExitCode : int {
  kExitClean = 0,        // nothing at or above --fail-on
  kExitFindings = 1,     // something at or above --fail-on
  kExitBadInput = 2,     // unusable input or usage
  kExitInternalError = 3,
};

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace sfn::cli
