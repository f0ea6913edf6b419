#pragma once
// Runs of a sweep as child processes (`mscsim run ... -o DIR/runs/<id>.h5`), a few at a
// time: starts them, reaps them, records each outcome in the sweep folder and its log, and
// on a stop request stops them and removes their partial files. Every executor (the local
// pool, each MPI rank, each Slurm task) runs its runs through one of these.
#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_folder.hpp"

namespace mscsim::sweep {

struct LaunchSettings {
  std::filesystem::path executable;  // the mscsim binary
  std::filesystem::path base;        // the base scenario
  int threads_per_run = 1;
  bool quiet = false;                // no per-run lines on stderr
  // With H > 0 every run checkpoints every H simulated hours and when it is stopped (0: no
  // checkpoints: a stopped run starts again from zero on --resume).
  double checkpoint_every_h = 0.0;
  double stop_grace_s = 60.0;        // how long stopped runs may take to write their checkpoint
};

// The command line of one run. With checkpointing a run writes SweepFolder::checkpoint_file
// periodically and when it is stopped; a run that has one is continued from it (--restart).
std::vector<std::string> run_arguments(const LaunchSettings& launch, const SweepFolder& folder, const PlannedRun& run);

struct ExecutionReport {
  std::size_t completed = 0;
  std::size_t failed = 0;
  bool interrupted = false;
};

class RunPool {
 public:
  // `expected` is how many runs this pool will start in all (for progress lines).
  RunPool(const SweepFolder& folder, const std::vector<PlannedRun>& plan, LaunchSettings launch, std::size_t expected);
  RunPool(const RunPool&) = delete;
  RunPool& operator=(const RunPool&) = delete;
  ~RunPool();

  void start(std::size_t run_index);
  std::size_t active() const { return active_.size(); }
  // Reaps finished runs (waiting for one when `block`); returns their plan indices.
  std::vector<std::size_t> reap(bool block);
  // Stops every active run and removes its partial file; checkpoints stay. With checkpoints:
  // SIGTERM to all, then up to stop_grace_s for them to write their checkpoints, then
  // SIGKILL; without: SIGKILL at once.
  void stop_all();
  // A status line on stderr and in sweep.log when no run has finished for `interval_s`
  // (so a batch log shows a long sweep is alive and how far it has come).
  void heartbeat(double interval_s);
  const ExecutionReport& report() const { return report_; }

 private:
  void record(std::size_t index, int exit_code, int signal);
  // Logs a run ended by a stop request and clears what it left (not a failure).
  void stopped(std::size_t index);
  const SweepFolder& folder_;
  const std::vector<PlannedRun>& plan_;
  LaunchSettings launch_;
  std::size_t expected_;
  std::size_t done_ = 0;
  double start_s_;
  double last_line_s_;
  std::map<pid_t, std::size_t> active_;
  std::map<pid_t, double> started_at_;
  ExecutionReport report_;
};

// Runs plan[todo[i]] with at most `jobs` at a time, until all are done or a stop is requested.
ExecutionReport execute_local(const SweepFolder& folder, const std::vector<PlannedRun>& plan,
                              const std::vector<std::size_t>& todo, const LaunchSettings& launch, int jobs);

}  // namespace mscsim::sweep
