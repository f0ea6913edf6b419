#include "sim/sweep/slurm_submission.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/params/value_rules.hpp"
#include "sim/sweep/child_process.hpp"

namespace mscsim::sweep {
namespace {

std::string job_id_of(const CommandOutput& out, const std::string& what) {
  if (out.exit_code != 0) {
    throw OutputError("sbatch refused the " + what + " (exit code " + std::to_string(out.exit_code) + ")" +
                      (out.exit_code == 127 ? ": sbatch not found on PATH" : ""));
  }
  // --parsable prints "jobid" or "jobid;cluster".
  std::string id = out.out.substr(0, out.out.find_first_of(";\n"));
  if (id.empty()) throw OutputError("sbatch printed no job id for the " + what);
  return id;
}

}  // namespace

void check_slurm_paths(const std::vector<std::filesystem::path>& paths) {
  // sbatch --export separates variables with commas: a path holding one cannot be passed.
  for (const auto& path : paths) {
    if (path.string().find(',') != std::string::npos) {
      throw InputError({path.string(), 0, 0}, "--executor slurm",
                       "a path with a comma cannot be passed through sbatch --export; rename it");
    }
  }
}

SubmittedJobs submit_to_slurm(const SweepFolder& folder, const SlurmSubmission& s) {
  const std::filesystem::path slurm_dir = folder.dir() / "slurm";
  std::error_code ec;
  std::filesystem::create_directories(slurm_dir, ec);
  if (ec) throw OutputError("cannot create " + slurm_dir.string() + ": " + ec.message());
  const std::filesystem::path array_script = slurm_dir / "sweep_array.sbatch";
  const std::filesystem::path merge_script = slurm_dir / "sweep_merge.sbatch";
  write_file_atomically(array_script, s.array_template);
  write_file_atomically(merge_script, s.merge_template);
  ::chmod(array_script.c_str(), 0755);
  ::chmod(merge_script.c_str(), 0755);

  const std::string dir = std::filesystem::absolute(folder.dir()).lexically_normal().string();
  std::string exports = "--export=ALL,MSCSIM_BIN=" + s.executable.string() + ",MSCSIM_SWEEP=" +
                              s.sweep_file.string() + ",MSCSIM_OUT=" + dir + ",MSCSIM_TASKS=" + std::to_string(s.tasks);
  if (s.checkpoint_every_h > 0) {
    char every[32];
    std::snprintf(every, sizeof every, "%.17g", s.checkpoint_every_h);
    exports += std::string(",MSCSIM_CHECKPOINT_EVERY_H=") + every;
  }
  SubmittedJobs jobs;
  jobs.array_job = job_id_of(
      run_and_capture({"sbatch", "--parsable", "--array=0-" + std::to_string(s.tasks - 1),
                       "--cpus-per-task=" + std::to_string(s.threads_per_run),
                       "--output=" + dir + "/slurm/task-%A_%a.log", exports, array_script.string()}),
      "job array");
  jobs.merge_job = job_id_of(run_and_capture({"sbatch", "--parsable", "--dependency=afterany:" + jobs.array_job,
                                              "--output=" + dir + "/slurm/merge-%j.log", exports, merge_script.string()}),
                             "merge job");
  write_file_atomically(slurm_dir / "jobs.txt", "array " + jobs.array_job + "\nmerge " + jobs.merge_job + "\n");
  folder.log("submitted to Slurm: array job " + jobs.array_job + " (" + std::to_string(s.tasks) + " tasks), merge job " +
             jobs.merge_job);
  return jobs;
}

std::string cancel_merge_job(const SweepFolder& folder) {
  const std::filesystem::path jobs = folder.dir() / "slurm" / "jobs.txt";
  std::error_code ec;
  if (!std::filesystem::exists(jobs, ec)) return "";
  std::istringstream in(read_whole_file(jobs));
  std::string what, id;
  while (in >> what >> id) {
    if (what != "merge") continue;
    // scancel fails when the job has ended or is gone: nothing left to do then.
    if (run_and_capture({"scancel", id}).exit_code != 0) return "";
    return id;
  }
  return "";
}

MergeLock::MergeLock(const SweepFolder& folder) {
  const std::filesystem::path path = folder.dir() / "slurm" / "merge.lock";
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);  // absent when submitted by hand
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  held_ = fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0;
}

MergeLock::~MergeLock() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
}

}  // namespace mscsim::sweep
