#include "cli/driver.h"

#include <exception>
#include <ostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace sfn::cli {

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  try {
    CLI::App app{"sfncheck: proves things about AWS Step Functions state machines", "sfncheck"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "sfncheck 0.1.0");

    CheckSettings check_settings;
    CLI::App* check = app.add_subcommand("check", "check definitions and report findings");
    check->add_option("--format", check_settings.format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    check->add_option("--fail-on", check_settings.fail_on, "lowest severity that makes the exit code 1")
        ->check(CLI::IsMember({"error", "warning", "note", "never"}))
        ->capture_default_str();
    check->add_option("PATH", check_settings.paths, "files or folders (searched recursively)")->required();
    check->add_flag("!--no-solver", check_settings.solver, "structural rules only: skip the Z3 analysis");
    check->add_flag("--explain", check_settings.explain,
                    "print each finding's evidence: the proof, the witness test or the loop's conditions");
    check->add_option("--loop-bound", check_settings.loop_bound, "loop rounds the witness search explores")
        ->check(CLI::Range(1u, 20u))
        ->capture_default_str();

    RunSettings run_settings;
    CLI::App* run = app.add_subcommand("run", "execute a machine with mocked tasks on a virtual clock");
    run->add_option("FILE", run_settings.definition, "the state machine definition")->required();
    run->add_option("--input", run_settings.input, "execution input: JSON text, or @file");
    CLI::Option* mocks = run->add_option("--mocks", run_settings.mocks, "mocked Task results (sfncheck's format)");
    CLI::Option* mock_config =
        run->add_option("--mock-config", run_settings.mock_config, "an AWS Step Functions Local mock config file");
    CLI::Option* test_case = run->add_option("--test-case", run_settings.test_case, "test case of --mock-config");
    run->add_option("--state-machine", run_settings.state_machine, "state machine name in --mock-config")
        ->needs(mock_config);
    CLI::Option* test = run->add_option("--test", run_settings.test, "a test file: input, mocks and expectation");
    mocks->excludes(mock_config)->excludes(test);
    mock_config->excludes(test)->needs(test_case);
    test_case->needs(mock_config);
    run->add_option("--context", run_settings.context, "Context Object fields (JSON file)");
    run->add_option("--substitutions", run_settings.substitutions, "values for ${...} placeholders (JSON file)");
    run->add_option("--seed", run_settings.seed, "seed for jitter, States.UUID and States.MathRandom")
        ->capture_default_str();
    run->add_option("--format", run_settings.format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    run->add_flag("!--no-history-limit", run_settings.history_limit,
                  "do not fail the run at AWS's 25,000 history events");
    run->add_flag("!--no-trace", run_settings.trace, "keep no per-state trace (memory stays flat)");
    run->add_flag("--history", run_settings.history,
                  "add the execution's history events (AWS's types and ids) to the JSON output");

    ReplaySettings replay_settings;
    CLI::App* replay = app.add_subcommand(
        "replay", "run test files in the interpreter, check their expectations and recompute coverage");
    replay->add_option("FILE", replay_settings.definition, "the state machine definition")->required();
    replay->add_option("TEST_OR_DIR", replay_settings.tests, "test files, or folders of them (not recursive)")
        ->required();
    replay->add_option("--junit", replay_settings.junit, "also write JUnit XML to this file");
    replay->add_option("--format", replay_settings.format, "output format")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

    TestgenSettings testgen_settings;
    CLI::App* testgen = app.add_subcommand("testgen", "generate path-coverage tests, one JSON file each, and coverage.json");
    testgen->add_option("FILE", testgen_settings.definition, "the state machine definition")->required();
    testgen->add_option("-o,--output", testgen_settings.output, "a new or empty folder for the tests")->required();
    testgen->add_option("--coverage", testgen_settings.coverage, "coverage level (each includes the ones before)")
        ->check(CLI::IsMember({"states", "branches", "errors", "mcdc", "paths"}))
        ->capture_default_str();
    testgen->add_option("--loop-bound", testgen_settings.loop_bound, "loop rounds explored (and path goals' bound)")
        ->check(CLI::Range(1u, 20u))
        ->capture_default_str();
    testgen->add_option("--emit", testgen_settings.emit, "also write an AWS mock config file (mock-config)")
        ->check(CLI::IsMember({"native", "mock-config"}))
        ->capture_default_str();
    testgen->add_option("--state-machine", testgen_settings.state_machine, "the state machine's name in the mock config")
        ->capture_default_str();
    testgen->add_flag("--fail-on-unknown", testgen_settings.fail_on_unknown, "exit 1 when a goal is left unknown");

    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& success) {  // --help, --version
      return app.exit(success, out, err);
    } catch (const CLI::ParseError& error) {
      err << "sfncheck: " << error.what() << "\n";
      err << "Run 'sfncheck --help' or 'sfncheck <command> --help' for usage.\n";
      return kExitBadInput;
    }
    if (check->parsed()) return run_check_command(check_settings, out, err);
    if (run->parsed()) return run_run_command(run_settings, out, err);
    if (testgen->parsed()) return run_testgen_command(testgen_settings, out, err);
    if (replay->parsed()) return run_replay_command(replay_settings, out, err);
    err << "sfncheck: no command given\n";
    return kExitBadInput;
  } catch (const std::exception& error) {
    err << "sfncheck: internal error: " << error.what() << "\n";
    return kExitInternalError;
  } catch (...) {
    err << "sfncheck: internal error\n";
    return kExitInternalError;
  }
}

}  // namespace sfn::cli
