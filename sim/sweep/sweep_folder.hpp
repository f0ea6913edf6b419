#pragma once
// The folder a sweep writes (docs/sweeps.md): a copy of the sweep file, the run table,
// one trajectory per run, the sweep log and the summary. A run is complete exactly when
// runs/<id>.h5 exists: `mscsim run` renames its .partial file only on success.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sweep/run_plan.hpp"

namespace mscsim::sweep {

enum class RunState { complete, failed, partial, missing };

class SweepFolder {
 public:
  explicit SweepFolder(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path sweep_copy() const { return dir_ / "sweep.toml"; }
  std::filesystem::path plan_file() const { return dir_ / "plan.tsv"; }
  std::filesystem::path runs_dir() const { return dir_ / "runs"; }
  std::filesystem::path run_file(const std::string& id) const { return runs_dir() / (id + ".h5"); }
  std::filesystem::path partial_file(const std::string& id) const { return runs_dir() / (id + ".h5.partial"); }
  std::filesystem::path run_log(const std::string& id) const { return runs_dir() / (id + ".log"); }
  // Written by a run when it is stopped (and every --checkpoint-every-h); a resumed sweep
  // continues the run from it. The run removes it when it finishes.
  std::filesystem::path checkpoint_file(const std::string& id) const { return runs_dir() / (id + ".h5.checkpoint"); }
  std::filesystem::path failed_marker(const std::string& id) const { return runs_dir() / (id + ".failed"); }
  std::filesystem::path sweep_log() const { return dir_ / "sweep.log"; }
  std::filesystem::path summary_h5() const { return dir_ / "summary.h5"; }
  std::filesystem::path summary_csv() const { return dir_ / "summary.csv"; }

  // Checks that the folder can take this sweep before anything is written: a new or empty
  // folder, or (with resume) one holding the same sweep file. Throws InputError otherwise.
  void check_usable(const SweepSpec& spec, bool resume) const;
  // Creates the folder and runs/, and writes sweep.toml and plan.tsv (atomically).
  void prepare(const SweepSpec& spec, const std::vector<PlannedRun>& plan) const;

  RunState state(const std::string& id) const;
  // Removes what an incomplete attempt left (.partial, .failed) so the run starts clean;
  // its checkpoint stays, to be continued.
  void clear_incomplete(const std::string& id) const;
  void mark_failed(const std::string& id, const std::string& reason) const;
  std::string failure_reason(const std::string& id) const;

  // One line, prefixed with the UTC time, appended to sweep.log (O_APPEND: lines of
  // concurrent Slurm tasks do not interleave).
  void log(const std::string& line) const;

  // The original sweep file's absolute path and the base scenario, as recorded in plan.tsv.
  std::filesystem::path recorded_sweep_path() const;
  std::filesystem::path recorded_base() const;

 private:
  std::string plan_header_value(const std::string& name) const;
  std::filesystem::path dir_;
};

// Writes `text` to `path` through a temporary file and a rename (never half a file).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);
std::string read_whole_file(const std::filesystem::path& path);
std::string utc_now();

}  // namespace mscsim::sweep
