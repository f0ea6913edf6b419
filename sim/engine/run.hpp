#pragma once
// Runs a validated scenario to a trajectory file: builds the simulation, writes series,
// snapshots and metadata, and measures throughput. A failure anywhere leaves no output
// file behind and never touches an existing one (TrajectoryWriter's partial file).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/cpu_allocation.hpp"
#include "sim/engine/model.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim {

struct Checkpoint;

// Checkpoints of a run (docs/checkpoint.md). With a path, a checkpoint is written every
// `every_h` simulated hours (none when 0) and when the run is stopped.
struct CheckpointOptions {
  std::filesystem::path path;  // empty: no checkpoints
  double every_h = 0.0;
};

struct RunOptions {
  std::filesystem::path output_path;
  int threads = 0;  // 0: the CPUs this process may use (choose_thread_count)
  ProgressOptions progress;
  std::string version;
  std::string git_commit;
  CheckpointOptions checkpoint;
  // Asked after every step; true stops the run there: a checkpoint is written (when a
  // checkpoint path is set) and the output is closed and kept as "<output>.partial".
  std::function<bool()> stop_requested;
  // Stops the same way once the simulated time reaches this (negative: never), to split a
  // long run into jobs of a fixed length.
  double stop_at_h = -1.0;
  // Continue from this checkpoint instead of starting at step 0 (its scenario must be the
  // one given to run_to_file).
  const Checkpoint* restart = nullptr;
};

struct RunReport {
  std::filesystem::path output_path;
  std::string scenario_name;
  double duration_h = 0.0;
  std::uint64_t steps = 0;
  int threads = 1;
  ThreadSource threads_source = ThreadSource::Requested;
  double wall_s = 0.0;
  std::uint64_t agent_steps = 0;
  double agent_steps_per_s = 0.0;
  double field_updates_per_s = 0.0;
  std::uint64_t peak_rss_bytes = 0;
  std::size_t engine_bytes = 0;    // agents, lattice and fields as the engine holds them
  std::size_t final_agents = 0;
  std::size_t voxels = 0;
  std::size_t fields = 0;
  std::vector<SeriesSpec> series;
  std::vector<double> final_values;  // last row of the time series
  std::vector<ProfileEntry> profile;
  bool stopped = false;             // stop_requested said so before the end
  double restarted_from_h = -1.0;   // time of the checkpoint it continued from (-1: none)
  std::uint64_t checkpoints_written = 0;
  double checkpoint_s = 0.0;        // wall time spent writing checkpoints
  std::uintmax_t checkpoint_bytes = 0;  // size of the last checkpoint written
};

RunReport run_to_file(const Scenario& scenario, ModelList& models, const RunOptions& options);

// Peak resident memory of this process so far (getrusage).
std::uint64_t peak_rss_bytes();

}  // namespace mscsim
