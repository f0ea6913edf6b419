#include "sim/sweep/mpi_launcher.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/sweep/child_process.hpp"

namespace mscsim::sweep {

bool started_by_mpi_launcher() {
  // Open MPI's mpirun, PMIx launchers (Open MPI 4/5, srun --mpi=pmix) and PMI-1/2
  // launchers (MPICH's mpiexec, srun --mpi=pmi2) each set one of these in every rank.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

namespace {

std::filesystem::path find_on_path(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return ::access(program.c_str(), X_OK) == 0 ? std::filesystem::path(program) : std::filesystem::path();
  }
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

}  // namespace

std::vector<std::string> mpi_launcher_command() {
  const char* configured = std::getenv("MSCSIM_MPIRUN");
  std::vector<std::string> words;
  std::stringstream text(configured != nullptr ? configured : "mpirun");
  for (std::string word; text >> word;) words.push_back(word);
  if (words.empty()) throw InputError({}, "MSCSIM_MPIRUN", "is empty; unset it or name the launcher, e.g. 'mpirun'");
  const std::filesystem::path program = find_on_path(words[0]);
  if (program.empty()) {
    if (configured != nullptr) {
      throw InputError({}, "MSCSIM_MPIRUN", "'" + words[0] + "' is not an executable on PATH");
    }
    throw InputError({}, "--executor",
                     "mpi needs mpirun on PATH (Debian: apt install openmpi-bin), or start the sweep under your "
                     "MPI launcher (mpirun -np N mscsim sweep ...)");
  }
  words[0] = program.string();
  return words;
}

LauncherExit run_mpi_launcher(const std::vector<std::string>& argv) {
  // SIGCHLD stays pending while blocked, so the wait below cannot miss the launcher's end.
  block_child_exit_signal();
  const pid_t pid = start_child(argv, {});
  LauncherExit result;
  for (;;) {
    if (stop_requested() && !result.stopped) {
      // mpirun passes SIGTERM on to every rank after odls_base_sigkill_timeout (1 s); each
      // rank then stops its run and removes its partial file, rank 0 writes the summary.
      ::kill(pid, SIGTERM);
      result.stopped = true;
    }
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
      return result;
    }
    if (done < 0 && errno != EINTR) throw OutputError("lost the MPI launcher's process (waitpid failed)");
    wait_for_child_event(std::chrono::milliseconds(200));
  }
}

}  // namespace mscsim::sweep
