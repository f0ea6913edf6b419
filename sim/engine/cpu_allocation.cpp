#include "sim/engine/cpu_allocation.hpp"

#include <sched.h>

#include <cerrno>
#include <cstdlib>

namespace mscsim {

std::optional<int> parse_thread_count(const char* text) {
  if (text == nullptr) return std::nullopt;
  char* end = nullptr;
  errno = 0;
  const long value = std::strtol(text, &end, 10);
  if (end == text || errno != 0 || (*end != '\0' && *end != ',')) return std::nullopt;
  if (value < 1 || value > kMaxThreads) return std::nullopt;
  return static_cast<int>(value);
}

int affinity_cpu_count() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  const int count = CPU_COUNT(&set);
  return count > 0 ? count : 1;
}

ThreadAllocation choose_thread_count(int requested) {
  if (requested > 0) return {requested, ThreadSource::Requested};
  if (const auto n = parse_thread_count(std::getenv("OMP_NUM_THREADS"))) return {*n, ThreadSource::OmpNumThreads};
  if (const auto n = parse_thread_count(std::getenv("SLURM_CPUS_PER_TASK")))
    return {*n, ThreadSource::SlurmCpusPerTask};
  return {affinity_cpu_count(), ThreadSource::AffinityMask};
}

const char* thread_source_name(ThreadSource source) {
  switch (source) {
    case ThreadSource::Requested:
      return "requested";
    case ThreadSource::OmpNumThreads:
      return "OMP_NUM_THREADS";
    case ThreadSource::SlurmCpusPerTask:
      return "SLURM_CPUS_PER_TASK";
    case ThreadSource::AffinityMask:
      return "CPU affinity mask";
  }
  return "unknown";
}

}  // namespace mscsim
