#pragma once
// Pieces shared by the subcommands: exit codes, loading a scenario with overrides.
#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::cli {

// Exit codes: 0 success, 1 internal error, 2 bad input (scenario, options, arguments),
// 3 output could not be written or read, 4 stopped by SIGTERM/SIGINT (a run: continue with
// --restart CHECKPOINT when it checkpoints; a sweep: resume with --resume), and for sweeps
// 5 finished with some runs failed (listed in the summary).
enum ExitCode {
  kSuccess = 0,
  kInternalError = 1,
  kBadInput = 2,
  kOutputFailure = 3,
  kInterrupted = 4,
  kRunsFailed = 5
};

// Thrown for a bad command line (unknown option, missing argument): exit code 2.
class UsageError : public InputError {
 public:
  explicit UsageError(const std::string& what) : InputError({}, {}, what) {}
};

// The arguments of one subcommand: its options plus any number of positional words.
struct ParsedCommand {
  boost::program_options::variables_map options;
  std::vector<std::string> positional;
  bool help = false;  // --help was given (and has been printed)
};

// Parses a subcommand's arguments; every subcommand declares "help,h" through this. With
// --help, prints the options description to stdout and sets `help`.
ParsedCommand parse_command(const std::vector<std::string>& args, boost::program_options::options_description& options);

// Loads SCENARIO.toml, or the built-in quickstart when `path` is empty, applying --set
// overrides (and --seed as run.seed). Throws ScenarioError.
Scenario load_scenario(const std::optional<std::string>& path, const std::vector<std::string>& assignments,
                       const ParameterCatalogue& catalogue, std::optional<std::uint64_t> seed = std::nullopt);

}  // namespace mscsim::cli
