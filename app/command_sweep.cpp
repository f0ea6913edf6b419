// mscsim sweep SWEEP.toml -o DIR [--jobs N] [--threads-per-run N] [--executor local|mpi|slurm]
//              [--resume] [--dry-run] [--slice I/K] [--quiet]
// mscsim sweep-merge DIR
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "app/sweep_preparation.hpp"
#include "models/endpoints.hpp"
#include "models/register_models.hpp"
#include "sim/engine/cpu_allocation.hpp"
#include "sim/engine/stop_signal.hpp"
#include "sim/sweep/child_process.hpp"
#include "sim/sweep/mpi_executor.hpp"
#include "sim/sweep/mpi_launcher.hpp"
#include "sim/sweep/run_pool.hpp"
#include "sim/sweep/slurm_submission.hpp"
#include "sim/sweep/summary.hpp"

namespace po = boost::program_options;

namespace mscsim {
extern const char* const kSlurmArrayTemplate;
extern const char* const kSlurmMergeTemplate;
}  // namespace mscsim

namespace mscsim::cli {
namespace {

struct SweepOptions {
  std::string output;
  std::int64_t jobs = 0;
  std::int64_t threads_per_run = 1;
  std::string executor = "local";
  std::string slice;
  bool resume = false;
  bool dry_run = false;
  bool quiet = false;
  bool merge_if_last = false;
  double checkpoint_every_h = 0.0;
};

// "I/K" -> (I, K), 0 <= I < K.
std::pair<std::size_t, std::size_t> parse_slice(const std::string& text) {
  const std::size_t slash = text.find('/');
  try {
    if (slash != std::string::npos) {
      std::size_t used = 0;
      const long long i = std::stoll(text.substr(0, slash), &used);
      if (used == slash) {
        const std::string rest = text.substr(slash + 1);
        const long long k = std::stoll(rest, &used);
        if (used == rest.size() && k >= 1 && i >= 0 && i < k) return {static_cast<std::size_t>(i), static_cast<std::size_t>(k)};
      }
    }
  } catch (const std::exception&) {
  }
  throw UsageError("--slice must be I/K with 0 <= I < K (e.g. 3/10), got '" + text + "'");
}

std::string duration_text(double s) {
  char text[48];
  if (s < 120) std::snprintf(text, sizeof text, "%.1f s", s);
  else if (s < 7200) std::snprintf(text, sizeof text, "%.1f min", s / 60);
  else std::snprintf(text, sizeof text, "%.1f h", s / 3600);
  return text;
}

// Wall time of one run of `run` cut to `duration_h`, in a scratch folder.
double timed_run(const sweep::LaunchSettings& launch, const sweep::PlannedRun& run, double duration_h,
                 const std::filesystem::path& scratch) {
  sweep::PlannedRun shortened = run;
  shortened.id = "calibration";
  shortened.overrides.push_back({"run.duration_h", to_toml_text(Value{duration_h}), {}, {}});
  const sweep::SweepFolder folder(scratch);
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = sweep::start_child(sweep::run_arguments(launch, folder, shortened), scratch / "calibration.log");
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  std::filesystem::remove(folder.run_file("calibration"), ec);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1.0;
  return wall;
}

// --dry-run: the run table, and the cost estimated from two short runs of each arm's first
// point (fixed cost + cost per simulated hour, fitted through both).
void print_dry_run(const PreparedSweep& prepared, const sweep::LaunchSettings& launch, int jobs, bool calibrate) {
  const auto& plan = prepared.plan;
  const auto& spec = prepared.spec;
  std::printf("Sweep '%s': base %s, %zu runs (%zu arm%s x points x %d replicate%s), sweep seed %llu\n",
              spec.name.c_str(), spec.base.string().c_str(), plan.size(), spec.arms.size(),
              spec.arms.size() == 1 ? "" : "s", spec.replicates, spec.replicates == 1 ? "" : "s",
              static_cast<unsigned long long>(spec.seed));
  std::printf("%-28s %-14s %5s %4s %20s  %s\n", "run_id", "arm", "point", "rep", "seed", "values");
  const std::size_t shown = std::min<std::size_t>(plan.size(), 60);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& run = plan[i];
    std::string values;
    for (std::size_t a = 0; a < spec.axes.size(); ++a) {
      if (!run.axis_values[a].empty()) values += spec.axes[a].key + "=" + run.axis_values[a] + " ";
    }
    if (!run.design_block.empty()) values += "[" + run.design_block + " row " + std::to_string(run.design_row) + "]";
    std::printf("%-28s %-14s %5zu %4zu %20llu  %s\n", run.id.c_str(), run.arm.c_str(), run.point, run.replicate,
                static_cast<unsigned long long>(run.seed), values.c_str());
  }
  if (shown < plan.size()) std::printf("... and %zu more runs (the whole table goes to DIR/plan.tsv)\n", plan.size() - shown);
  if (!calibrate) return;

  char scratch_template[] = "/tmp/mscsim-calibration-XXXXXX";
  if (mkdtemp(scratch_template) == nullptr) throw OutputError("cannot create a scratch folder for the calibration run");
  const std::filesystem::path scratch = scratch_template;
  std::filesystem::create_directories(scratch / "runs");
  double total_s = 0.0;
  bool estimated = true;
  std::map<std::string, std::pair<double, double>> cost_of_arm;  // fixed s, s per simulated h
  for (std::size_t i = 0; i < plan.size() && estimated; ++i) {
    const auto& run = plan[i];
    auto it = cost_of_arm.find(run.arm);
    if (it == cost_of_arm.end()) {
      const double full = prepared.duration_h[i];
      const double short_h = std::max(full * 0.05, 0.1);
      const double t1 = timed_run(launch, run, short_h, scratch);
      const double t2 = timed_run(launch, run, 2 * short_h, scratch);
      if (t1 < 0 || t2 < 0) {
        estimated = false;
        break;
      }
      const double per_h = std::max(0.0, (t2 - t1) / short_h);
      it = cost_of_arm.emplace(run.arm, std::make_pair(std::max(0.0, t1 - per_h * short_h), per_h)).first;
    }
    total_s += it->second.first + it->second.second * prepared.duration_h[i];
  }
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!estimated) {
    std::printf("Estimated cost: unknown (the calibration run failed)\n");
    return;
  }
  std::printf("Estimated cost (from 2 short calibration runs per arm): %s of run time, about %s with %d job%s "
              "of %d thread%s\n",
              duration_text(total_s).c_str(), duration_text(total_s / jobs).c_str(), jobs, jobs == 1 ? "" : "s",
              launch.threads_per_run, launch.threads_per_run == 1 ? "" : "s");
}

// Runs the summary and statistics; returns the exit code for the sweep.
int finish_sweep(const PreparedSweep& prepared, const sweep::SweepFolder& folder, bool interrupted, bool quiet) {
  const sweep::SummaryCounts counts =
      sweep::write_summary(prepared.spec, prepared.plan, folder, models::sweep_endpoints());
  if (interrupted) {
    std::fprintf(stderr,
                 "mscsim sweep: stopped by signal %d: %zu of %zu runs complete; their summary is in %s; "
                 "finish with: mscsim sweep %s -o %s --resume\n",
                 sweep::stop_signal(), counts.ok, prepared.plan.size(), folder.summary_csv().c_str(),
                 prepared.spec.file.c_str(), folder.dir().c_str());
    folder.log("stopped by signal " + std::to_string(sweep::stop_signal()));
    return kInterrupted;
  }
  folder.log("summary: " + std::to_string(counts.ok) + " ok, " + std::to_string(counts.failed) + " failed, " +
             std::to_string(counts.missing) + " missing");
  if (!quiet) {
    std::printf("Sweep '%s': %zu runs ok, %zu failed, %zu missing. Summary: %s and %s\n", prepared.spec.name.c_str(),
                counts.ok, counts.failed, counts.missing, folder.summary_csv().c_str(), folder.summary_h5().c_str());
  }
  compute_statistics(folder.dir(), quiet);
  if (counts.failed > 0) {
    std::fprintf(stderr, "mscsim sweep: %zu run%s failed (status 'failed' in the summary; reasons in %s/*.failed)\n",
                 counts.failed, counts.failed == 1 ? "" : "s", folder.runs_dir().c_str());
    return kRunsFailed;
  }
  return kSuccess;
}

// The runs still to do (all of them, or this Slurm task's slice), clearing what failed
// attempts left behind.
std::vector<std::size_t> runs_to_do(const PreparedSweep& prepared, const sweep::SweepFolder& folder,
                                    const std::optional<std::pair<std::size_t, std::size_t>>& slice) {
  std::vector<std::size_t> todo;
  for (std::size_t i = 0; i < prepared.plan.size(); ++i) {
    if (slice && i % slice->second != slice->first) continue;
    if (folder.state(prepared.plan[i].id) != sweep::RunState::complete) todo.push_back(i);
  }
  return todo;
}

}  // namespace

int command_sweep(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim sweep SWEEP.toml -o DIR [options]\n\nRuns a sweep (docs/sweeps.md): arms x points x replicates of a "
      "base scenario, one trajectory per run in DIR/runs/, a summary (DIR/summary.csv, DIR/summary.h5) and the "
      "statistics of the answer. Exit codes: 0 done, 2 bad input, 3 output failure, 4 stopped by SIGTERM/SIGINT "
      "(finish with --resume), 5 some runs failed.\n\noptions");
  SweepOptions o;
  options.add_options()
      ("output,o", po::value(&o.output), "the sweep folder (default: out/<sweep name>)")
      ("jobs,j", po::value(&o.jobs), "local: runs at a time (default: usable CPUs / threads per run); mpi "
                                     "without mpirun: ranks to start (same default); slurm: array tasks "
                                     "(default: one per run, at most 1000)")
      ("threads-per-run", po::value(&o.threads_per_run), "OpenMP threads of each run (default 1)")
      ("executor", po::value(&o.executor), "local (default), mpi (a rank under mpirun; started without it, runs "
                                              "$MSCSIM_MPIRUN -np JOBS itself, default mpirun) or slurm (submits a "
                                              "job array)")
      ("resume", "run only what is missing or incomplete in DIR")
      ("dry-run", "print the run table and an estimated cost; run and write nothing")
      ("slice", po::value(&o.slice), "run only runs i with i % K == I (a Slurm array task); no summary")
      ("merge-if-last", "with --slice (a Slurm array task): when the end of this slice completes the sweep, write "
                        "the summary and the statistics, and cancel the merge job of DIR/slurm/jobs.txt")
      ("quiet,q", "no per-run lines and no statistics table")
      ("checkpoint-every-h", po::value(&o.checkpoint_every_h), "each run writes a checkpoint every H simulated "
                                                               "hours and when the sweep is stopped; --resume "
                                                               "continues stopped runs from their checkpoints "
                                                               "(docs/checkpoint.md)");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& vm = parsed.options;
  o.resume = vm.count("resume") > 0;
  o.dry_run = vm.count("dry-run") > 0;
  o.quiet = vm.count("quiet") > 0;
  o.merge_if_last = vm.count("merge-if-last") > 0;
  if (parsed.positional.size() != 1) throw UsageError("mscsim sweep takes one sweep file (mscsim sweep SWEEP.toml -o DIR)");
  if (o.executor != "local" && o.executor != "mpi" && o.executor != "slurm") {
    throw UsageError("--executor must be local, mpi or slurm, got '" + o.executor + "'");
  }
  if (vm.count("jobs") && (o.jobs < 1 || o.jobs > 4096)) throw UsageError("--jobs must be between 1 and 4096");
  if (o.threads_per_run < 1 || o.threads_per_run > 1024) throw UsageError("--threads-per-run must be between 1 and 1024");
  if (vm.count("output") && o.output.empty()) throw UsageError("-o needs a folder name");
  if (vm.count("checkpoint-every-h") && !(std::isfinite(o.checkpoint_every_h) && o.checkpoint_every_h > 0))
    throw UsageError("--checkpoint-every-h must be a positive number of simulated hours");
  std::optional<std::pair<std::size_t, std::size_t>> slice;
  if (vm.count("slice")) slice = parse_slice(o.slice);
  if (slice && o.executor != "local") throw UsageError("--slice goes with the local executor (it is what a Slurm task runs)");
  if (o.merge_if_last && !slice) throw UsageError("--merge-if-last goes with --slice");

  ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const std::filesystem::path sweep_file = parsed.positional[0];
  const PreparedSweep prepared = prepare_sweep(sweep_file, catalogue);
  const sweep::SweepFolder folder(o.output.empty() ? std::filesystem::path("out") / prepared.spec.name
                                                   : std::filesystem::path(o.output));
  sweep::LaunchSettings launch;
  launch.executable = sweep::own_executable();
  launch.base = std::filesystem::absolute(prepared.spec.base).lexically_normal();
  launch.threads_per_run = static_cast<int>(o.threads_per_run);
  launch.quiet = o.quiet;
  launch.checkpoint_every_h = o.checkpoint_every_h;
  const int jobs = vm.count("jobs") ? static_cast<int>(o.jobs) : std::max(1, affinity_cpu_count() / launch.threads_per_run);

  if (o.dry_run) {
    print_dry_run(prepared, launch, o.executor == "local" ? jobs : 1, true);
    return kSuccess;
  }

  if (o.executor == "slurm") {
    sweep::check_slurm_paths({launch.executable, std::filesystem::absolute(sweep_file),
                              std::filesystem::absolute(folder.dir())});
    folder.check_usable(prepared.spec, o.resume);
    folder.prepare(prepared.spec, prepared.plan);
    const std::size_t remaining = runs_to_do(prepared, folder, std::nullopt).size();
    if (remaining == 0) {
      std::printf("Sweep '%s': all %zu runs are complete; nothing submitted.\n", prepared.spec.name.c_str(),
                  prepared.plan.size());
      return finish_sweep(prepared, folder, false, o.quiet);
    }
    sweep::SlurmSubmission submission;
    submission.executable = launch.executable;
    submission.sweep_file = std::filesystem::absolute(sweep_file).lexically_normal();
    submission.tasks = vm.count("jobs") ? static_cast<std::size_t>(o.jobs)
                                        : std::clamp<std::size_t>(remaining, 1, 1000);
    submission.threads_per_run = launch.threads_per_run;
    submission.checkpoint_every_h = launch.checkpoint_every_h;
    submission.array_template = kSlurmArrayTemplate;
    submission.merge_template = kSlurmMergeTemplate;
    const sweep::SubmittedJobs jobs_submitted = sweep::submit_to_slurm(folder, submission);
    std::printf("Submitted sweep '%s' to Slurm: %zu runs (%zu still to do) in array job %s of %zu tasks; merge job %s "
                "writes %s when the array ends.\n",
                prepared.spec.name.c_str(), prepared.plan.size(), remaining, jobs_submitted.array_job.c_str(),
                submission.tasks, jobs_submitted.merge_job.c_str(), folder.summary_csv().c_str());
    return kSuccess;
  }

  if (o.executor == "mpi" && !sweep::started_by_mpi_launcher()) {
    // Not a rank: start `mpirun -np JOBS` of this same command and stand between it and
    // the signals, so that a stopped sweep exits 4, not mpirun's 1 (sim/sweep/mpi_launcher.hpp).
    folder.check_usable(prepared.spec, o.resume);
    std::vector<std::string> argv = sweep::mpi_launcher_command();
    argv.insert(argv.end(), {"-np", std::to_string(jobs), launch.executable.string(), "sweep"});
    argv.insert(argv.end(), args.begin(), args.end());
    sweep::install_stop_handlers();
    const sweep::LauncherExit launched = sweep::run_mpi_launcher(argv);
    if (launched.stopped) {
      std::fprintf(stderr, "mscsim sweep: stopped by %s (mpirun %s); finish with: mscsim sweep %s -o %s --executor mpi "
                   "--resume\n", stop_signal_name(),
                   launched.exit_code >= 0 ? ("exited " + std::to_string(launched.exit_code)).c_str()
                                           : ("ended by signal " + std::to_string(launched.signal)).c_str(),
                   prepared.spec.file.c_str(), folder.dir().c_str());
      return kInterrupted;
    }
    if (launched.exit_code < 0) {
      std::fprintf(stderr, "mscsim sweep: mpirun was ended by signal %d\n", launched.signal);
      return kInternalError;
    }
    return launched.exit_code;
  }

  if (o.executor == "mpi") {
    sweep::MpiSession mpi(nullptr, nullptr);
    bool ready = true;
    std::string problem;
    std::vector<std::size_t> todo;
    if (mpi.rank() == 0) {
      try {
        folder.check_usable(prepared.spec, o.resume);
        folder.prepare(prepared.spec, prepared.plan);
        todo = runs_to_do(prepared, folder, std::nullopt);
        folder.log("mpi: " + std::to_string(mpi.size()) + " ranks, " + std::to_string(todo.size()) + " of " +
                   std::to_string(prepared.plan.size()) + " runs to do");
      } catch (...) {
        mpi.broadcast_flag(false);
        throw;
      }
    }
    ready = mpi.broadcast_flag(ready);
    if (!ready) return kBadInput;  // rank 0 reports the problem
    sweep::install_stop_handlers();
    const sweep::ExecutionReport report = sweep::execute_mpi(mpi, folder, prepared.plan, todo, launch);
    if (mpi.rank() != 0) return report.interrupted ? kInterrupted : kSuccess;
    return finish_sweep(prepared, folder, report.interrupted, o.quiet);
  }

  // Local pool (and Slurm array tasks, which run their slice of it).
  if (slice) {
    if (!std::filesystem::exists(folder.sweep_copy())) folder.check_usable(prepared.spec, false);
    else folder.check_usable(prepared.spec, true);
  } else {
    folder.check_usable(prepared.spec, o.resume);
  }
  folder.prepare(prepared.spec, prepared.plan);
  const std::vector<std::size_t> todo = runs_to_do(prepared, folder, slice);
  if (!o.quiet) {
    std::fprintf(stderr, "mscsim sweep: '%s': %zu runs%s, %zu to do, %d at a time, %d thread%s each -> %s\n",
                 prepared.spec.name.c_str(), slice ? todo.size() : prepared.plan.size(),
                 slice ? (" in slice " + o.slice).c_str() : "", todo.size(), jobs, launch.threads_per_run,
                 launch.threads_per_run == 1 ? "" : "s", folder.dir().c_str());
  }
  folder.log(std::string(slice ? "slice " + o.slice + ": " : "local: ") + std::to_string(todo.size()) + " runs to do, " +
             std::to_string(jobs) + " at a time");
  sweep::install_stop_handlers();
  const sweep::ExecutionReport report = sweep::execute_local(folder, prepared.plan, todo, launch, jobs);
  if (slice) {
    if (report.interrupted) {
      folder.log("slice " + o.slice + " stopped by signal " + std::to_string(sweep::stop_signal()));
      return kInterrupted;
    }
    if (report.failed > 0) return kRunsFailed;
    if (o.merge_if_last && runs_to_do(prepared, folder, std::nullopt).empty()) {
      const sweep::MergeLock lock(folder);
      if (!lock.held()) return kSuccess;  // another task is writing the same summary
      folder.log("slice " + o.slice + " completed the sweep: it writes the summary");
      const int code = finish_sweep(prepared, folder, false, o.quiet);
      const std::string cancelled = sweep::cancel_merge_job(folder);
      if (!cancelled.empty()) folder.log("slice " + o.slice + " cancelled merge job " + cancelled + " (not needed)");
      return code;
    }
    return kSuccess;
  }
  return finish_sweep(prepared, folder, report.interrupted, o.quiet);
}

int command_sweep_merge(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim sweep-merge DIR\n\nRebuilds DIR/summary.csv, DIR/summary.h5 and the statistics from the run files "
      "of a sweep folder, at any time (also while runs are still going: they count as missing).\n\noptions");
  options.add_options()("quiet,q", "no statistics table");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  if (parsed.positional.size() != 1) throw UsageError("mscsim sweep-merge takes one sweep folder");
  const sweep::SweepFolder folder(parsed.positional[0]);
  if (!std::filesystem::exists(folder.sweep_copy()) || !std::filesystem::exists(folder.plan_file())) {
    throw InputError({folder.dir().string(), 0, 0}, "", "not a sweep folder (no sweep.toml and plan.tsv)");
  }
  ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const PreparedSweep prepared = prepare_sweep(folder.sweep_copy(), catalogue, folder.recorded_sweep_path());
  return finish_sweep(prepared, folder, false, parsed.options.count("quiet") > 0);
}

}  // namespace mscsim::cli
