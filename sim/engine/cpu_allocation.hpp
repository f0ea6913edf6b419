#pragma once
// How many OpenMP threads a run uses when the caller does not say: as many as the CPUs this
// process may use, in the order a user or a batch system states them. OpenMP's own default
// (one per online CPU in older runtimes) oversubscribes a Slurm task or a `taskset` slice,
// and oversubscribed threads wait for each other at every barrier of every step.
#include <optional>

namespace mscsim {

enum class ThreadSource {
  Requested,         // the caller's explicit count (mscsim run --threads)
  OmpNumThreads,     // OMP_NUM_THREADS (its first level when it is a list, "4,2")
  SlurmCpusPerTask,  // SLURM_CPUS_PER_TASK, set by sbatch/srun --cpus-per-task
  AffinityMask,      // the CPUs in this thread's affinity mask (taskset, cgroup cpusets)
};

struct ThreadAllocation {
  int threads = 1;
  ThreadSource source = ThreadSource::AffinityMask;
};

inline constexpr int kMaxThreads = 1024;

// `requested` > 0 wins; otherwise the first of OMP_NUM_THREADS, SLURM_CPUS_PER_TASK that
// holds a count in 1..kMaxThreads (anything else is skipped), else the affinity mask.
ThreadAllocation choose_thread_count(int requested);

// The number of CPUs in the calling thread's affinity mask (at least 1).
int affinity_cpu_count();

// A whole number in 1..kMaxThreads at the start of `text`, up to an optional ",..." tail.
std::optional<int> parse_thread_count(const char* text);

// Where the count came from, in words: "requested", "OMP_NUM_THREADS", ...
const char* thread_source_name(ThreadSource source);

}  // namespace mscsim
