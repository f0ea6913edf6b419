// mscsim run [SCENARIO.toml] [-o OUT.h5] [--seed N] [--threads N] [--set key=value]... [--progress S] [--quiet]
#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/build_info.hpp"
#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "app/output_path.hpp"
#include "models/register_models.hpp"
#include "sim/engine/cpu_allocation.hpp"
#include "sim/engine/preflight.hpp"
#include "sim/engine/progress.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/xdmf_sidecar.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {

namespace {

// Where the thread count came from, and how idle threads wait when there are several (a
// run that is slow on a shared machine is explained by this line).
std::string describe_threads(const RunReport& r) {
  std::string text = std::to_string(r.threads) + (r.threads == 1 ? " thread" : " threads") + " (from " +
                     (r.threads_source == ThreadSource::Requested ? "--threads" : thread_source_name(r.threads_source));
  if (r.threads > 1) {
    const char* policy = std::getenv("OMP_WAIT_POLICY");
    text += std::string(", OMP_WAIT_POLICY=") + (policy ? policy : "unset");
  }
  return text + ")";
}

void print_summary(const RunReport& r, const LatticeShape& shape) {
  std::printf("Simulated '%s': %g h in %llu steps on a %dx%d%s lattice (%zu fields), %s.\n",
              r.scenario_name.c_str(), r.duration_h, static_cast<unsigned long long>(r.steps), shape.nx, shape.ny,
              shape.is_3d() ? ("x" + std::to_string(shape.nz)).c_str() : "", r.fields, describe_threads(r).c_str());
  std::printf("End of run:\n");
  for (std::size_t i = 0; i < r.series.size(); ++i) {
    const SeriesSpec& s = r.series[i];
    if (s.group == "fields") continue;  // field means are in the file; keep the summary short
    std::printf("  %-34s %12.4g %s\n", (s.group + "/" + s.name).c_str(), r.final_values[i], s.unit.c_str());
  }
  std::printf("Throughput: %.3g agent-steps/s (%llu agent-steps in %.2f s), field solve %.3g voxel-field updates/s\n",
              r.agent_steps_per_s, static_cast<unsigned long long>(r.agent_steps), r.wall_s, r.field_updates_per_s);
  std::printf("Memory: peak resident %.1f MiB; agents, lattice and fields %.1f MiB\n",
              static_cast<double>(r.peak_rss_bytes) / 1048576.0, static_cast<double>(r.engine_bytes) / 1048576.0);
  std::printf("Wrote %s (inspect with: mscsim info %s)\n", r.output_path.c_str(), r.output_path.c_str());
}

void print_profile(const RunReport& r) {
  double total = 0;
  for (const auto& e : r.profile) total += e.seconds;
  std::printf("Profile (seconds per piece of the run, %.3f s in all):\n", total);
  for (const auto& e : r.profile)
    std::printf("  %-40s %9.4f s  %5.1f%%\n", e.name.c_str(), e.seconds, total > 0 ? 100.0 * e.seconds / total : 0.0);
}

}  // namespace

int command_run(const std::vector<std::string>& args) {
  po::options_description options("mscsim run [SCENARIO.toml] [options]\n\nRuns a scenario (default: the built-in "
                                  "quickstart, scenarios/quickstart.toml) and writes an HDF5 trajectory.\n\noptions");
  std::vector<std::string> assignments;
  std::string output;
  std::int64_t threads = 0;
  std::int64_t seed = -1;
  double progress_s = 0.0;
  options.add_options()
      ("output,o", po::value(&output), "output file (default: out/<run.name>.h5); written as OUT.h5.partial and "
                                       "renamed only when the run succeeds")
      ("seed", po::value(&seed), "seed of every random stream (same as --set run.seed=N)")
      ("threads", po::value(&threads), "OpenMP threads (default: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK, else "
                                       "the CPUs this process may use); results do not depend on it")
      ("set", po::value(&assignments)->composing(), "override a parameter: --set key.path=value (repeatable)")
      ("progress", po::value(&progress_s), "a plain progress line on stderr every SECONDS, even on a terminal "
                                           "(default: a line rewritten in place on a terminal, else every 10 s)")
      ("quiet,q", "no progress line and no summary")
      ("profile", "print the seconds spent in each rule and engine phase")
      ("no-limits", "run even beyond the pre-flight limits (10^9 steps, the memory available); see mscsim check");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& vm = parsed.options;
  const auto& positional = parsed.positional;
  if (positional.size() > 1) throw UsageError("mscsim run takes one scenario file, got " + std::to_string(positional.size()));
  if (vm.count("threads") && (threads < 1 || threads > kMaxThreads))
    throw UsageError("--threads must be between 1 and " + std::to_string(kMaxThreads) + ", got " +
                     std::to_string(threads));
  if (vm.count("progress") && !(std::isfinite(progress_s) && progress_s > 0))
    throw UsageError("--progress must be a positive number of seconds");
  if (vm.count("seed") && seed < 0) throw UsageError("--seed must be a non-negative integer");

  ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const std::optional<std::string> path = positional.empty() ? std::nullopt : std::optional(positional[0]);
  const std::optional<std::uint64_t> seed_override =
      vm.count("seed") ? std::optional(static_cast<std::uint64_t>(seed)) : std::nullopt;
  const Scenario scenario = load_scenario(path, assignments, catalogue, seed_override);

  RunOptions run;
  run.output_path = checked_output_path(vm.count("output") ? std::optional(output) : std::nullopt, path, scenario);
  const int team = choose_thread_count(static_cast<int>(threads)).threads;
  check_run_limits(scenario, estimate_run(scenario, catalogue), machine_limits(), team, !vm.count("no-limits"));
  start_threads(team);
  run.threads = static_cast<int>(threads);
  if (vm.count("quiet"))
    run.progress.style = ProgressStyle::Off;
  else if (vm.count("progress"))
    run.progress = {ProgressStyle::Lines, progress_s};
  else
    run.progress.style = stderr_is_terminal() ? ProgressStyle::Terminal : ProgressStyle::Lines;
  run.version = kVersion;
  run.git_commit = kGitCommit;
  const RunReport report = run_to_file(scenario, models, run);
  write_xdmf_sidecar(run.output_path);  // OUT.xdmf beside OUT.h5 for ParaView/VisIt
  if (!vm.count("quiet")) print_summary(report, read_lattice_shape(scenario));
  if (vm.count("profile")) print_profile(report);
  return kSuccess;
}

}  // namespace mscsim::cli
