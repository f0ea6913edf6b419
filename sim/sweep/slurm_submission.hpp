#pragma once
// Submits a prepared sweep to Slurm: a job array whose task i runs the runs i, i+K, i+2K...
// of the run table (`mscsim sweep ... --slice i/K`), and a merge job that runs after the
// whole array (`--dependency=afterany`) and rebuilds the summary, unless the task that
// completes the sweep has written it and cancelled the merge job (cancel_merge_job). The job scripts are the
// templates of scripts/slurm/, copied into DIR/slurm/ so the sweep folder records them.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sweep/sweep_folder.hpp"

namespace mscsim::sweep {

struct SlurmSubmission {
  std::filesystem::path executable;   // mscsim, absolute
  std::filesystem::path sweep_file;   // absolute
  std::size_t tasks = 1;              // array size K
  int threads_per_run = 1;            // --cpus-per-task
  double checkpoint_every_h = 0.0;    // > 0: runs checkpoint (MSCSIM_CHECKPOINT_EVERY_H)
  std::string array_template;         // scripts/slurm/sweep_array.sbatch
  std::string merge_template;         // scripts/slurm/sweep_merge.sbatch
};

struct SubmittedJobs {
  std::string array_job;
  std::string merge_job;
};

// Throws InputError when a path cannot travel through sbatch --export (it holds a comma).
void check_slurm_paths(const std::vector<std::filesystem::path>& paths);

// Throws OutputError when sbatch is missing or refuses a job (its message included).
SubmittedJobs submit_to_slurm(const SweepFolder& folder, const SlurmSubmission& submission);

// The array task that completes the sweep writes the summary itself, at once, rather than
// leave it to the merge job, which would start only after the array has ended and the
// scheduler has seen it (seconds on a busy cluster). It then cancels that merge job (the id
// in DIR/slurm/jobs.txt): the job would write the same summary again. If the task dies
// before, the merge job still runs. Returns the cancelled job's id ("" when there is none).
std::string cancel_merge_job(const SweepFolder& folder);

// Taken (flock, not waiting) by the array task that writes the summary, so two tasks that
// complete the sweep at the same moment do not write it side by side: the second skips
// (the first saw every run complete too). Released when destroyed.
class MergeLock {
 public:
  explicit MergeLock(const SweepFolder& folder);
  ~MergeLock();
  MergeLock(const MergeLock&) = delete;
  MergeLock& operator=(const MergeLock&) = delete;
  bool held() const { return held_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace mscsim::sweep
