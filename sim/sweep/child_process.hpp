#pragma once
// Child processes of a sweep: each run is `mscsim run ...` in its own process, so a crash
// or an out-of-memory kill ends one run, never the sweep. Children die with their parent
// (PR_SET_PDEATHSIG), so a killed sweep leaves no orphan writing into its folder.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mscsim::sweep {

struct ChildExit {
  pid_t pid = -1;
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
};

// Starts argv[0] with argv (execv, no shell); stdout and stderr go to `log` (appended) or,
// when `log` is empty, stay the parent's. Throws OutputError if the process cannot start.
pid_t start_child(const std::vector<std::string>& argv, const std::filesystem::path& log);

// Waits for any child; std::nullopt when interrupted by a signal (EINTR) or none is left.
std::optional<ChildExit> wait_any_child(bool block);
// Waits for one child, up to `timeout`; then SIGKILLs it and reaps it.
ChildExit stop_child(pid_t pid, std::chrono::milliseconds grace);

// Blocks SIGCHLD in the calling process (a child's exit then stays pending until waited
// for) so that wait_for_child_event() cannot miss one; children start with it unblocked.
void block_child_exit_signal();
// Returns when a child has exited (at once if one exited since the last wait), a stop signal
// arrived, or `timeout` passed: no polling delay between one run's end and the next's start.
void wait_for_child_event(std::chrono::milliseconds timeout);

// Runs a command to completion and returns its exit code and standard output (for sbatch).
struct CommandOutput {
  int exit_code = -1;
  std::string out;
};
CommandOutput run_and_capture(const std::vector<std::string>& argv);

// SIGTERM and SIGINT set a flag (and interrupt blocking waits) instead of killing the
// sweep, so it can stop its runs and clean up. Installed once by the sweep command.
void install_stop_handlers();
bool stop_requested();
int stop_signal();

// The path of the running executable (/proc/self/exe), used to start runs.
std::filesystem::path own_executable();

}  // namespace mscsim::sweep
