#include "sim/engine/preflight.hpp"

#include <omp.h>
#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/core/errors.hpp"
#include "sim/params/key_path.hpp"

namespace mscsim {
namespace {

// Per voxel: the lattice's occupant (4 bytes) and the claims of the move phase (8 bytes).
constexpr double kLatticeBytesPerVoxel = 12.0;
// Per field and voxel: the concentration, in double.
constexpr double kFieldBytesPerVoxel = 8.0;
// Per agent: id, voxel, move and division targets, fate flags; model columns come on top.
constexpr double kAgentBytes = 23.0;

// A number from /proc or /sys ("max" or a missing file: none).
double read_number(const std::string& path) {
  std::ifstream in(path);
  std::string word;
  if (!(in >> word) || word == "max") return 0;
  try {
    return std::stod(word);
  } catch (...) {
    return 0;
  }
}

// A "Key:   123 kB" line of /proc/meminfo or /proc/self/status, in bytes.
double read_kib_line(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    std::istringstream fields(line.substr(key.size() + 1));
    double kib = 0;
    fields >> kib;
    return kib * 1024.0;
  }
  return 0;
}

// The cgroup (v2) this process is in, from /proc/self/cgroup ("0::/user.slice/...").
std::string cgroup_folder() {
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("0::", 0) == 0) return "/sys/fs/cgroup" + line.substr(3);
  }
  return "/sys/fs/cgroup";
}

bool was_given(const Scenario& s, const std::string& key) {
  const SourceLocation where = s.location_of(key);
  return where.line > 0 || where.file != s.source_name();
}

[[noreturn]] void refuse(const Scenario& s, const std::string& key, const std::string& what) {
  throw ScenarioError(s.location_of(key), key, what);
}

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", x);
  return buffer;
}

}  // namespace

std::string bytes_text(double bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
  std::size_t u = 0;
  while (bytes >= 1024.0 && u + 1 < std::size(units)) {
    bytes /= 1024.0;
    ++u;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buffer;
}

RunEstimate estimate_run(const Scenario& s, const ParameterCatalogue& catalogue) {
  RunEstimate e;
  e.steps = s.real("run.duration_h") / s.real("run.dt_h");
  e.voxels = 1;
  for (std::int64_t n : s.integers("tissue.size_voxels")) e.voxels *= static_cast<double>(n);
  std::set<std::string> fields;
  for (const ParameterSpec& spec : catalogue.parameters()) {
    // Every field declares its diffusion coefficient (sim/engine/field_parameters.cpp).
    if (spec.key.starts_with("fields.") && spec.key.ends_with(".diffusion_um2_per_s"))
      fields.insert(std::string(key_path::parent(spec.key)));
    if (spec.key.ends_with(".initial_count") && spec.key.find('*') == std::string::npos &&
        spec.type == ValueType::Integer) {
      const double count = static_cast<double>(s.integer(spec.key));
      if (e.largest_count_key.empty() || count > static_cast<double>(s.integer(e.largest_count_key)))
        e.largest_count_key = spec.key;
      e.initial_agents += count;
    }
  }
  e.fields = fields.size();
  e.memory_bytes = e.voxels * (kLatticeBytesPerVoxel + kFieldBytesPerVoxel * static_cast<double>(e.fields)) +
                   e.initial_agents * kAgentBytes;
  // Snapshots at the start, every run.snapshot_every_h and at the end; float32 fields.
  const double every = s.real("run.snapshot_every_h");
  const double snapshots = 2.0 + (every > 0 ? std::floor(s.real("run.duration_h") / every) : 0.0);
  const double agent_bytes = s.flag("run.agent_snapshots") ? e.initial_agents * 8.0 * 6.0 : 0.0;
  e.output_bytes = snapshots * (e.voxels * 4.0 * static_cast<double>(e.fields) + agent_bytes);
  return e;
}

RunLimits machine_limits() {
  RunLimits limits;
  const double available = read_kib_line("/proc/meminfo", "MemAvailable");
  if (available > 0) {
    limits.available_memory_bytes = available;
    limits.memory_source = "MemAvailable in /proc/meminfo";
  }
  // cgroup v2, then v1: the container's limit, less what it already uses.
  const std::string folder = cgroup_folder();
  double cgroup_limit = read_number(folder + "/memory.max");
  double cgroup_used = read_number(folder + "/memory.current");
  std::string cgroup_source = "cgroup memory.max";
  if (cgroup_limit <= 0) {
    cgroup_limit = read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    cgroup_used = read_number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
    cgroup_source = "cgroup memory.limit_in_bytes";
  }
  // v1 reports "no limit" as a huge number.
  if (cgroup_limit > 0 && cgroup_limit < 1.0e18) {
    const double left = std::max(0.0, cgroup_limit - cgroup_used);
    if (limits.available_memory_bytes <= 0 || left < limits.available_memory_bytes) {
      limits.available_memory_bytes = left;
      limits.memory_source = cgroup_source;
    }
  }
  rlimit address{};
  if (getrlimit(RLIMIT_AS, &address) == 0 && address.rlim_cur != RLIM_INFINITY) {
    const double used = read_kib_line("/proc/self/status", "VmSize");
    limits.address_space_bytes = std::max(1.0, static_cast<double>(address.rlim_cur) - used);
  }
  rlimit stack{};
  if (getrlimit(RLIMIT_STACK, &stack) == 0 && stack.rlim_cur != RLIM_INFINITY && stack.rlim_cur > 0)
    limits.thread_stack_bytes = static_cast<double>(stack.rlim_cur);
  return limits;
}

void check_run_limits(const Scenario& s, const RunEstimate& e, const RunLimits& limits, int threads,
                      bool check_machine) {
  if (e.voxels > limits.max_voxels)
    refuse(s, "tissue.size_voxels",
           "the lattice has " + number(e.voxels) + " voxels, more than the " + number(limits.max_voxels) +
               " that 32-bit voxel indices can address; use a smaller lattice");
  if (!check_machine) return;
  if (e.steps > limits.max_steps) {
    const std::string key = was_given(s, "run.dt_h") || !was_given(s, "run.duration_h") ? "run.dt_h" : "run.duration_h";
    refuse(s, key,
           "the run needs " + number(e.steps) + " steps (run.duration_h / run.dt_h), more than the limit of " +
               number(limits.max_steps) + "; raise run.dt_h or shorten run.duration_h (or pass --no-limits)");
  }
  const bool agents_dominate = e.initial_agents * kAgentBytes > e.voxels * kLatticeBytesPerVoxel;
  const std::string memory_key =
      agents_dominate && !e.largest_count_key.empty() ? e.largest_count_key : "tissue.size_voxels";
  auto refuse_memory = [&](double limit, const std::string& source) {
    refuse(s, memory_key,
           "the run needs at least " + bytes_text(e.memory_bytes) + " of memory (" + std::to_string(e.fields) +
               " fields x " + number(e.voxels) + " voxels x 8 bytes, the lattice and " + number(e.initial_agents) +
               " agents), more than the " + bytes_text(limit) + " available (" + source +
               "); use a smaller lattice or fewer cells (or pass --no-limits)");
  };
  if (limits.available_memory_bytes > 0 && e.memory_bytes > limits.available_memory_bytes)
    refuse_memory(limits.available_memory_bytes, limits.memory_source);
  if (limits.address_space_bytes > 0) {
    if (e.memory_bytes > limits.address_space_bytes)
      refuse_memory(limits.address_space_bytes, "the address space that ulimit -v leaves");
    const int team = threads > 0 ? threads : omp_get_max_threads();
    const double stacks = static_cast<double>(team) * limits.thread_stack_bytes;
    if (e.memory_bytes + stacks > limits.address_space_bytes) {
      throw ScenarioError({}, "--threads",
                          std::to_string(team) + " threads reserve " + bytes_text(stacks) +
                              " of stacks; with the run's " + bytes_text(e.memory_bytes) +
                              " that is more than the " + bytes_text(limits.address_space_bytes) +
                              " of address space that ulimit -v leaves; use fewer threads (or pass --no-limits)");
    }
  }
}

std::string estimate_text(const RunEstimate& e, const RunLimits& limits) {
  std::string out = "\n# Pre-flight estimate (mscsim check; limits are skipped with --no-limits):\n";
  out += "#   steps    " + number(e.steps) + " (limit " + number(limits.max_steps) + ")\n";
  out += "#   voxels   " + number(e.voxels) + " (limit " + number(limits.max_voxels) + ")\n";
  out += "#   memory   at least " + bytes_text(e.memory_bytes) +
         (limits.available_memory_bytes > 0
              ? " (available " + bytes_text(limits.available_memory_bytes) + ", " + limits.memory_source + ")"
              : std::string()) +
         "\n";
  out += "#   output   at most " + bytes_text(e.output_bytes) + " before compression\n";
  return out;
}

void start_threads(int threads) {
  if (threads > 0) omp_set_num_threads(threads);
  int started = 0;
#pragma omp parallel
  {
#pragma omp single
    started = omp_get_num_threads();
  }
  (void)started;
}

}  // namespace mscsim
