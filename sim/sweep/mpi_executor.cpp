#include "sim/sweep/mpi_executor.hpp"

#include <chrono>
#include <thread>

#include "sim/core/errors.hpp"
#include "sim/sweep/child_process.hpp"

#ifdef MSCSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace mscsim::sweep {

#ifdef MSCSIM_HAVE_MPI
namespace {

constexpr int kRequestTag = 1;  // worker -> rank 0: "give me a run" (payload: the run it finished, or -1)
constexpr int kAssignTag = 2;   // rank 0 -> worker: a run index, or -1 for "no more"
// How long a stopped worker waits for rank 0 to write the summary. SIGTERM to mpirun makes
// it SIGTERM every rank (after odls_base_sigkill_timeout, 1 s) and SIGKILL all of them as
// soon as one has exited (Open MPI 4.1's odls; its wait ends at the first SIGCHLD): a worker
// that exited at once would get rank 0 killed in the middle of the summary. So a worker,
// once its run is stopped and cleaned up, waits; rank 0's exit ends the job (and it).
constexpr double kWorkerLingerS = 10.0;

void check_mpi(int status, const char* what) {
  if (status != MPI_SUCCESS) throw OutputError(std::string("MPI failed: ") + what);
}

ExecutionReport run_coordinator(const MpiSession& mpi, const SweepFolder& folder, const std::vector<PlannedRun>& plan,
                                const std::vector<std::size_t>& todo, const LaunchSettings& launch) {
  RunPool pool(folder, plan, launch, todo.size());
  std::size_t next = 0;
  int workers_left = mpi.size() - 1;
  while (!stop_requested() && (workers_left > 0 || pool.active() > 0 || next < todo.size())) {
    bool busy = false;
    if (pool.active() == 0 && next < todo.size()) {
      pool.start(todo[next++]);
      busy = true;
    }
    int pending = 0;
    MPI_Status status;
    check_mpi(MPI_Iprobe(MPI_ANY_SOURCE, kRequestTag, MPI_COMM_WORLD, &pending, &status), "probe");
    if (pending) {
      long long finished = -1;
      check_mpi(MPI_Recv(&finished, 1, MPI_LONG_LONG, status.MPI_SOURCE, kRequestTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "receive a request");
      long long assign = -1;
      if (next < todo.size()) assign = static_cast<long long>(todo[next++]);
      else --workers_left;
      check_mpi(MPI_Send(&assign, 1, MPI_LONG_LONG, status.MPI_SOURCE, kAssignTag, MPI_COMM_WORLD), "assign a run");
      busy = true;
    }
    if (!pool.reap(false).empty()) busy = true;
    if (!busy) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    pool.heartbeat(30.0);
  }
  if (stop_requested()) pool.stop_all();
  return pool.report();
}

ExecutionReport run_worker(const SweepFolder& folder, const std::vector<PlannedRun>& plan, const LaunchSettings& launch) {
  RunPool pool(folder, plan, launch, plan.size());
  long long finished = -1;
  while (!stop_requested()) {
    check_mpi(MPI_Send(&finished, 1, MPI_LONG_LONG, 0, kRequestTag, MPI_COMM_WORLD), "request a run");
    long long index = -1;
    check_mpi(MPI_Recv(&index, 1, MPI_LONG_LONG, 0, kAssignTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "receive a run");
    if (index < 0) break;
    pool.start(static_cast<std::size_t>(index));
    // Polls rather than blocks in waitpid: a stop signal that lands just before a blocking
    // wait would go unnoticed until the run ends, past the second mpirun allows.
    while (pool.active() > 0 && !stop_requested()) {
      if (pool.reap(false).empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    finished = index;
  }
  if (stop_requested()) {
    pool.stop_all();
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(kWorkerLingerS);
    while (std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pool.report();
}

}  // namespace

bool mpi_available() { return true; }

MpiSession::MpiSession(int* argc, char*** argv) {
  check_mpi(MPI_Init(argc, argv), "MPI_Init");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
  // An interrupted sweep leaves without MPI_Finalize (mpirun then ends the other ranks).
  if (!stop_requested()) MPI_Finalize();
}

bool MpiSession::broadcast_flag(bool value) const {
  int flag = value ? 1 : 0;
  check_mpi(MPI_Bcast(&flag, 1, MPI_INT, 0, MPI_COMM_WORLD), "broadcast");
  return flag != 0;
}

void MpiSession::barrier() const { check_mpi(MPI_Barrier(MPI_COMM_WORLD), "barrier"); }

ExecutionReport execute_mpi(const MpiSession& mpi, const SweepFolder& folder, const std::vector<PlannedRun>& plan,
                            const std::vector<std::size_t>& todo, const LaunchSettings& launch) {
  if (mpi.rank() == 0) return run_coordinator(mpi, folder, plan, todo, launch);
  LaunchSettings quiet = launch;
  quiet.quiet = true;  // rank 0 reports; the others' runs are in sweep.log
  return run_worker(folder, plan, quiet);
}

#else

bool mpi_available() { return false; }
MpiSession::MpiSession(int*, char***) {
  throw InputError({}, "--executor", "this mscsim was built without MPI (install libopenmpi-dev and rebuild)");
}
MpiSession::~MpiSession() = default;
bool MpiSession::broadcast_flag(bool value) const { return value; }
void MpiSession::barrier() const {}
ExecutionReport execute_mpi(const MpiSession&, const SweepFolder&, const std::vector<PlannedRun>&,
                            const std::vector<std::size_t>&, const LaunchSettings&) {
  return {};
}

#endif

}  // namespace mscsim::sweep
