// mscsim: one executable with subcommands. Every error ends here as one line on stderr
// and an exit code (app/cli_common.hpp).
#include <unistd.h>

#include <boost/program_options/errors.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/build_info.hpp"
#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "sim/core/errors.hpp"

namespace {

const char* const kUsage =
    "usage: mscsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run [SCENARIO.toml]   run a scenario (default: the built-in quickstart) to an HDF5 trajectory\n"
    "  check SCENARIO.toml   validate a scenario and print it fully resolved, with units\n"
    "  info OUT.h5           summarise a trajectory file\n"
    "  parameters            list every parameter (name with unit, default, range, reference)\n"
    "  sweep SWEEP.toml      run arms x points x replicates of a scenario, summarise, compare (docs/sweeps.md)\n"
    "  sweep-merge DIR       rebuild a sweep folder's summary and statistics from its run files\n"
    "  cohort COHORT.toml    run virtual patients treated and untreated; response rates (docs/cohorts.md)\n"
    "\n"
    "options:\n"
    "  -h, --help            this help; `mscsim <command> --help` for a command's options\n"
    "  --version             print the version and the git commit\n";

int dispatch(const std::vector<std::string>& argv) {
  using namespace mscsim::cli;
  if (argv.empty()) {
    std::cerr << kUsage;
    return kBadInput;
  }
  const std::string& command = argv[0];
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return kSuccess;
  }
  if (command == "--version") {
    std::cout << "mscsim " << mscsim::kVersion << " (commit " << mscsim::kGitCommit << ")\n";
    return kSuccess;
  }
  if (command == "run") return command_run(rest);
  if (command == "check") return command_check(rest);
  if (command == "info") return command_info(rest);
  if (command == "parameters") return command_parameters(rest);
  if (command == "sweep") return command_sweep(rest);
  if (command == "sweep-merge") return command_sweep_merge(rest);
  if (command == "cohort") return command_cohort(rest);
  throw UsageError("unknown command '" + command + "' (try mscsim --help)");
}

// OpenMP threads that spin while they wait (libgomp's default with OMP_WAIT_POLICY unset:
// a few milliseconds per wait) keep the core from the thread they wait for whenever the
// machine has fewer free cores than threads: on the shared 2-vCPU machine a 2-thread run
// beside one busy process took more than 10 times as long as a 1-thread run, and about as
// long with passive waiting; even a short spin (GOMP_SPINCOUNT=1000) was 2 to 5 times
// slower (docs/performance.md, "Threads on a shared machine"). libgomp reads the policy
// once, as it loads, before main, so `mscsim run` starts itself again with
// OMP_WAIT_POLICY=passive. The user's
// OMP_WAIT_POLICY or GOMP_SPINCOUNT wins; under valgrind (its preload library in
// LD_PRELOAD) the exec would leave the instrumented process, so it is skipped there.
void restart_waiting_passively(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") || std::getenv("GOMP_SPINCOUNT")) return;
  const char* preload = std::getenv("LD_PRELOAD");
  if (preload && std::strstr(preload, "vgpreload")) return;
  setenv("OMP_WAIT_POLICY", "passive", 1);
  execv("/proc/self/exe", argv);
  unsetenv("OMP_WAIT_POLICY");  // no exec: carry on with the default policy
}

// Every error is one line: a newline inside a value or a library's message is shown as \n.
std::string one_line(const char* what) {
  std::string out;
  for (const char* c = what; *c != '\0'; ++c) {
    if (*c == '\n') out += "\\n";
    else if (*c == '\r') out += "\\r";
    else out += *c;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mscsim::cli;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "run") restart_waiting_passively(argv);
  try {
    return dispatch(args);
  } catch (const mscsim::InputError& e) {
    std::cerr << "mscsim: error: " << one_line(e.what()) << "\n";
    return kBadInput;
  } catch (const boost::program_options::error& e) {
    std::cerr << "mscsim: error: " << one_line(e.what()) << "\n";
    return kBadInput;
  } catch (const mscsim::OutputError& e) {
    std::cerr << "mscsim: error: " << one_line(e.what()) << "\n";
    return kOutputFailure;
  } catch (const std::bad_alloc&) {
    // Thrown through the run, so every output file's destructor has removed its .partial.
    std::cerr << "mscsim: error: out of memory: the run needs more memory than the system gave it (see the "
                 "pre-flight estimate of mscsim check; use a smaller lattice or fewer cells)\n";
    return kOutputFailure;
  } catch (const std::exception& e) {
    std::cerr << "mscsim: internal error: " << one_line(e.what()) << "\n";
    return kInternalError;
  }
}
