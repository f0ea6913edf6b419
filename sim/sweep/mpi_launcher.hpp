#pragma once
// `mscsim sweep --executor mpi` started without an MPI launcher starts one itself:
// `mpirun -np N <this mscsim> sweep ...` as its child. It exists for the exit status: Open
// MPI 4.1's mpirun, sent SIGTERM, exits 1 (its "aborted") before its ranks even see the
// signal, and cannot be told to forward SIGTERM instead (docs/cluster.md, "Stopping"). The
// launcher passes a SIGTERM or SIGINT on to mpirun (which stops the ranks cleanly) and then
// exits with the sweep's own "stopped" code, so a script or a Slurm batch step can tell a
// stopped sweep from a failed one.
#include <string>
#include <vector>

namespace mscsim::sweep {

// True when this process is a rank that an MPI launcher started (mpirun, mpiexec, srun).
bool started_by_mpi_launcher();

// The launcher's command: $MSCSIM_MPIRUN split at spaces (e.g. "mpirun --hostfile hosts"),
// default "mpirun", its program resolved on PATH. Throws InputError naming MSCSIM_MPIRUN
// or --executor when it cannot be found.
std::vector<std::string> mpi_launcher_command();

struct LauncherExit {
  int exit_code = -1;   // the launcher's own exit code (-1 when a signal ended it)
  int signal = 0;       // the signal that ended the launcher, if any
  bool stopped = false; // a stop signal reached this process and was passed on
};

// Runs `argv` (the launcher and its arguments) with stdout and stderr inherited, and waits
// for it. The stop handlers must be installed: on the first stop signal the launcher gets
// SIGTERM once; the function still waits for it to end.
LauncherExit run_mpi_launcher(const std::vector<std::string>& argv);

}  // namespace mscsim::sweep
