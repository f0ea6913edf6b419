#pragma once
// Pre-flight limits: what a scenario will cost, estimated from its parameters before
// anything is allocated, and refused when it cannot finish or cannot fit. Without this a
// run with dt = 1e-12 h is accepted and never ends, and a lattice too large for memory
// ends in std::bad_alloc after minutes of set-up.
#include <cstdint>
#include <string>

#include "sim/scenario/scenario.hpp"

namespace mscsim {

// Lower bounds: what the engine cannot do with less.
struct RunEstimate {
  double steps = 0;                 // run.duration_h / run.dt_h
  double voxels = 0;                // product of tissue.size_voxels
  std::size_t fields = 0;           // fields declared by the models
  double initial_agents = 0;        // sum of every *.initial_count
  std::string largest_count_key;    // the *.initial_count with the most agents
  double memory_bytes = 0;          // fields, lattice, claims and initial agents
  double output_bytes = 0;          // uncompressed field and agent snapshots (gzip makes files smaller)
};

// Limits the estimate is checked against; the machine's part is read by machine_limits().
struct RunLimits {
  double max_steps = 1.0e9;                   // about a day of the fastest step loop we have measured
  double max_voxels = 4294967295.0;           // voxels are indexed by 32-bit integers (LatticeShape::index)
  double available_memory_bytes = 0;          // 0 = unknown, not checked
  std::string memory_source;                  // "MemAvailable", "cgroup memory.max", ...
  double address_space_bytes = 0;             // what ulimit -v leaves; 0 = unlimited
  double thread_stack_bytes = 8.0 * 1048576;  // reserved per OpenMP thread
};

RunEstimate estimate_run(const Scenario& scenario, const ParameterCatalogue& catalogue);

// MemAvailable, the cgroup limit less its usage, and RLIMIT_AS less the address space in use.
RunLimits machine_limits();

// Throws ScenarioError (exit 2) naming the key at fault, where it was set, the estimate and
// the limit. `check_machine` false (--no-limits) skips the step and memory limits but not
// the voxel count, which the engine cannot represent at all. `threads` 0 = OpenMP's default.
void check_run_limits(const Scenario& scenario, const RunEstimate& estimate, const RunLimits& limits, int threads,
                      bool check_machine);

// "4.3 GiB", "12 MiB": sizes in messages.
std::string bytes_text(double bytes);

// One comment line per estimate, for `mscsim check`.
std::string estimate_text(const RunEstimate& estimate, const RunLimits& limits);

// Starts the OpenMP threads now (threads 0: the default count), before any output file
// exists: if the system cannot create them, libgomp ends the process, and then it must
// leave nothing behind.
void start_threads(int threads);

}  // namespace mscsim
