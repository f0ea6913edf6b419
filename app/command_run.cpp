// mscsim run [SCENARIO.toml] [-o OUT.h5] [--seed N] [--threads N] [--set key=value]... [--progress S] [--quiet] [--verbose]
//            [--checkpoint-every-h H] [--checkpoint PATH] [--restart CHECKPOINT]
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
#include "sim/engine/stop_signal.hpp"
#include "sim/io/checkpoint_file.hpp"
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

// The full end-of-run table (--verbose): every series' last value, throughput, memory.
void print_long_summary(const RunReport& r, const LatticeShape& shape) {
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

// The default summary, three lines: what ran and how long it took, the headline readouts
// at the end (those the run has), and the file.
void print_short_summary(const RunReport& r, const LatticeShape& shape) {
  std::printf("Ran '%s': %g h (%llu steps) on a %dx%d%s lattice in %.2f s wall, %s.\n", r.scenario_name.c_str(),
              r.duration_h, static_cast<unsigned long long>(r.steps), shape.nx, shape.ny,
              shape.is_3d() ? ("x" + std::to_string(shape.nz)).c_str() : "", r.wall_s, describe_threads(r).c_str());
  static const char* const kHeadlines[] = {"balance/msc_balance", "tissue/disease_activity", "agents/msc",
                                           "agents/total"};
  std::string readouts;
  for (const char* headline : kHeadlines)
    for (std::size_t i = 0; i < r.series.size(); ++i) {
      const SeriesSpec& s = r.series[i];
      if (s.group + "/" + s.name != headline) continue;
      char value[64];
      std::snprintf(value, sizeof value, "%.4g", r.final_values[i]);
      readouts += (readouts.empty() ? "" : ", ") + s.group + "/" + s.name + " = " + value +
                  (s.unit.empty() || s.unit == "1" ? "" : " " + s.unit);
    }
  if (!readouts.empty()) std::printf("At %g h: %s.\n", r.duration_h, readouts.c_str());
  std::printf("Wrote %s (inspect with: mscsim info %s; every end value: --verbose)\n", r.output_path.c_str(),
              r.output_path.c_str());
}

void print_profile(const RunReport& r) {
  double total = 0;
  for (const auto& e : r.profile) total += e.seconds;
  std::printf("Profile (seconds per piece of the run, %.3f s in all):\n", total);
  for (const auto& e : r.profile)
    std::printf("  %-40s %9.4f s  %5.1f%%\n", e.name.c_str(), e.seconds, total > 0 ? 100.0 * e.seconds / total : 0.0);
}

// A resolved scenario without its first line, "# Resolved scenario from <file>": the same
// scenario read from another file (or from the checkpoint itself) is still the same.
std::string without_source_line(const std::string& toml) {
  if (toml.rfind("# Resolved scenario from ", 0) != 0) return toml;
  const std::size_t end = toml.find('\n');
  return end == std::string::npos ? std::string() : toml.substr(end + 1);
}

// The first line where two scenario texts differ, for the refusal message.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t start = 0;
  while (true) {
    const std::size_t end_a = a.find('\n', start), end_b = b.find('\n', start);
    const std::string line_a = a.substr(start, end_a == std::string::npos ? std::string::npos : end_a - start);
    const std::string line_b = b.substr(start, end_b == std::string::npos ? std::string::npos : end_b - start);
    if (line_a != line_b) return "'" + line_a + "' in the checkpoint, '" + line_b + "' now";
    if (end_a == std::string::npos || end_b == std::string::npos) return "a different length";
    start = end_a + 1;
  }
}

// Refuses (InputError, exit 2) a checkpoint written by another build.
void require_same_build(const CheckpointHeader& header, const std::string& path) {
  if (header.version != kVersion || header.git_commit != kGitCommit)
    throw InputError({}, "--restart",
                     path + " was written by mscsim " + header.version + " (commit " + header.git_commit +
                         "), this is mscsim " + kVersion + " (commit " + kGitCommit +
                         "): restart with the build that wrote it (a restart must continue the same code)");
}

void print_stop(const RunReport& r, const RunOptions& run) {
  const char* why = stop_requested() ? stop_signal_name() : "--stop-at-h";
  if (!run.checkpoint.path.empty()) {
    std::fprintf(stderr,
                 "mscsim: stopped by %s at t = %g h (step %llu); checkpoint written to %s; continue with: "
                 "mscsim run --restart %s\n",
                 why, r.duration_h, static_cast<unsigned long long>(r.steps),
                 run.checkpoint.path.c_str(), run.checkpoint.path.c_str());
  } else {
    std::fprintf(stderr,
                 "mscsim: stopped by %s at t = %g h (step %llu); no checkpoint (run with --checkpoint-every-h to "
                 "continue later); the rows so far are in %s.partial\n",
                 why, r.duration_h, static_cast<unsigned long long>(r.steps), r.output_path.c_str());
  }
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
  double checkpoint_every_h = 0.0;
  std::string checkpoint_path;
  std::string restart_path;
  double stop_at_h = -1.0;
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
      ("verbose,v", "the long end-of-run summary: every series' end value, throughput, memory, checkpoints")
      ("profile", "print the seconds spent in each rule and engine phase")
      ("no-limits", "run even beyond the pre-flight limits (10^9 steps, the memory available); see mscsim check")
      ("checkpoint-every-h", po::value(&checkpoint_every_h), "write a checkpoint every H simulated hours (and on "
                                                             "SIGTERM/SIGINT) to OUT.h5.checkpoint; docs/checkpoint.md")
      ("checkpoint", po::value(&checkpoint_path), "checkpoint file (default OUT.h5.checkpoint); alone, a checkpoint "
                                                  "is written only when the run is stopped by SIGTERM/SIGINT")
      ("restart", po::value(&restart_path), "continue from CHECKPOINT: the same scenario (given again or taken from "
                                            "the checkpoint) and the same build; the trajectory is bit-identical to "
                                            "an uninterrupted run")
      ("stop-at-h", po::value(&stop_at_h), "stop as on SIGTERM once the simulated time reaches H (a checkpoint when "
                                           "checkpointing, exit code 4): splits a long run into jobs");
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
  if (vm.count("checkpoint-every-h") && !(std::isfinite(checkpoint_every_h) && checkpoint_every_h > 0))
    throw UsageError("--checkpoint-every-h must be a positive number of simulated hours");
  if (vm.count("checkpoint") && checkpoint_path.empty()) throw UsageError("--checkpoint needs a file name");
  if (vm.count("stop-at-h") && !(std::isfinite(stop_at_h) && stop_at_h > 0))
    throw UsageError("--stop-at-h must be a positive number of simulated hours");

  ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const std::optional<std::string> path = positional.empty() ? std::nullopt : std::optional(positional[0]);
  const std::optional<std::uint64_t> seed_override =
      vm.count("seed") ? std::optional(static_cast<std::uint64_t>(seed)) : std::nullopt;
  RunOptions run;
  std::optional<Checkpoint> restart;
  if (vm.count("restart")) {
    // Everything is checked before anything is written: the build, the scenario, the output.
    restart = read_checkpoint(restart_path);
    require_same_build(restart->header, restart_path);
  }
  const bool scenario_given = path || !assignments.empty() || seed_override;
  const Scenario scenario =
      restart && !scenario_given
          ? load_scenario_text(restart->header.scenario_toml, restart_path + ":/scenario", catalogue)
          : load_scenario(path, assignments, catalogue, seed_override);
  if (restart && without_source_line(scenario.to_toml()) != without_source_line(restart->header.scenario_toml))
    throw InputError({}, "--restart",
                     "the scenario differs from the one " + restart_path + " was written for (" +
                         first_difference(without_source_line(restart->header.scenario_toml),
                                          without_source_line(scenario.to_toml())) +
                         "): give the same scenario and --set values, or none to use the checkpoint's");

  const std::optional<std::string> output_option =
      vm.count("output") ? std::optional(output)
                         : (restart ? std::optional(restart->header.output_path) : std::nullopt);
  run.output_path = checked_output_path(output_option, path, scenario);
  if (restart && std::filesystem::exists(run.output_path))
    throw InputError({}, "--restart",
                     run.output_path.string() + " already exists: that run has finished (restart refused, "
                                                "nothing was changed); give another -o to continue into a new file");
  if (vm.count("checkpoint"))
    run.checkpoint.path = checkpoint_path;
  else if (restart)
    run.checkpoint.path = restart_path;
  else if (vm.count("checkpoint-every-h"))
    run.checkpoint.path = default_checkpoint_path(run.output_path);
  run.checkpoint.every_h = vm.count("checkpoint-every-h") ? checkpoint_every_h
                                                          : (restart ? restart->header.checkpoint_every_h : 0.0);
  if (!run.checkpoint.path.empty() && std::filesystem::weakly_canonical(run.checkpoint.path) ==
                                          std::filesystem::weakly_canonical(run.output_path))
    throw UsageError("--checkpoint must differ from the output file");
  if (restart) run.restart = &*restart;
  install_stop_handlers();
  run.stop_requested = [] { return stop_requested(); };
  run.stop_at_h = stop_at_h;
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
  if (report.stopped) {
    print_stop(report, run);
    return kInterrupted;
  }
  write_xdmf_sidecar(run.output_path);  // OUT.xdmf beside OUT.h5 for ParaView/VisIt
  if (!vm.count("quiet")) {
    if (report.restarted_from_h >= 0)
      std::printf("Restarted from %s at t = %g h.\n", restart_path.c_str(), report.restarted_from_h);
    if (vm.count("verbose"))
      print_long_summary(report, read_lattice_shape(scenario));
    else
      print_short_summary(report, read_lattice_shape(scenario));
    if (vm.count("verbose") && report.checkpoints_written > 0)
      std::printf("Checkpoints: %llu written (last %.1f MiB), %.2f s in all; removed at the end of the run\n",
                  static_cast<unsigned long long>(report.checkpoints_written),
                  static_cast<double>(report.checkpoint_bytes) / 1048576.0, report.checkpoint_s);
  }
  if (vm.count("profile")) print_profile(report);
  return kSuccess;
}

}  // namespace mscsim::cli
