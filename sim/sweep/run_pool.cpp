#include "sim/sweep/run_pool.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <csignal>
#include <fstream>

#include "sim/io/checkpoint_file.hpp"
#include "sim/sweep/child_process.hpp"

namespace mscsim::sweep {
namespace {

// Seconds without a finished run after which a sweep says it is alive.
constexpr double kHeartbeatIntervalS = 30.0;

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string duration_text(double s) {
  char text[32];
  const long total = static_cast<long>(s + 0.5);
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, (total / 60) % 60, total % 60);
  return text;
}

// The last non-empty line of a run's log: the one-line error of a failed `mscsim run`.
std::string last_line(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

std::vector<std::string> run_arguments(const LaunchSettings& launch, const SweepFolder& folder, const PlannedRun& run) {
  std::vector<std::string> argv{launch.executable.string(), "run", launch.base.string()};
  for (const RunOverride& o : run.overrides) {
    argv.push_back("--set");
    argv.push_back(o.key + "=" + o.value_text);
  }
  argv.insert(argv.end(), {"--seed", std::to_string(run.seed), "--threads", std::to_string(launch.threads_per_run),
                           "--quiet", "-o", folder.run_file(run.id).string()});
  if (launch.checkpoint_every_h > 0) {
    char every[32];
    std::snprintf(every, sizeof every, "%.17g", launch.checkpoint_every_h);
    argv.insert(argv.end(),
                {"--checkpoint", folder.checkpoint_file(run.id).string(), "--checkpoint-every-h", every});
  }
  std::error_code ec;
  if (std::filesystem::exists(folder.checkpoint_file(run.id), ec))
    argv.insert(argv.end(), {"--restart", folder.checkpoint_file(run.id).string()});
  return argv;
}

RunPool::RunPool(const SweepFolder& folder, const std::vector<PlannedRun>& plan, LaunchSettings launch,
                 std::size_t expected)
    : folder_(folder),
      plan_(plan),
      launch_(std::move(launch)),
      expected_(expected),
      start_s_(now_s()),
      last_line_s_(start_s_) {}

RunPool::~RunPool() {
  if (!active_.empty()) stop_all();
}

void RunPool::start(std::size_t run_index) {
  const PlannedRun& run = plan_[run_index];
  folder_.clear_incomplete(run.id);
  // A checkpoint that cannot be read (or was written by another build) cannot be
  // continued: the run starts again from zero rather than fail.
  std::string resumed;
  std::error_code ec;
  const std::filesystem::path checkpoint = folder_.checkpoint_file(run.id);
  if (std::filesystem::exists(checkpoint, ec)) {
    try {
      char at[64];
      std::snprintf(at, sizeof at, "%g", read_checkpoint_header(checkpoint).time_h);
      resumed = std::string(" from checkpoint at t = ") + at + " h";
    } catch (const std::exception& e) {
      folder_.log("discarded the checkpoint of " + run.id + " (" + e.what() + ")");
      std::filesystem::remove(checkpoint, ec);
    }
  }
  const pid_t pid = start_child(run_arguments(launch_, folder_, run), folder_.run_log(run.id));
  active_[pid] = run_index;
  started_at_[pid] = now_s();
  folder_.log("started " + run.id + resumed);
}

void RunPool::record(std::size_t index, int exit_code, int signal) {
  const PlannedRun& run = plan_[index];
  ++done_;
  const bool ok = exit_code == 0 && folder_.state(run.id) == RunState::complete;
  if (ok) {
    ++report_.completed;
    std::error_code ec;
    if (std::filesystem::exists(folder_.run_log(run.id), ec) && std::filesystem::file_size(folder_.run_log(run.id), ec) == 0) {
      std::filesystem::remove(folder_.run_log(run.id), ec);
    }
  } else {
    ++report_.failed;
    std::error_code ec;
    std::filesystem::remove(folder_.partial_file(run.id), ec);
    std::string what = signal != 0 ? "killed by signal " + std::to_string(signal) : "exit code " + std::to_string(exit_code);
    const std::string message = last_line(folder_.run_log(run.id));
    if (!message.empty()) what += ": " + message;
    folder_.mark_failed(run.id, what);
  }
}

std::vector<std::size_t> RunPool::reap(bool block) {
  std::vector<std::size_t> finished;
  while (!active_.empty()) {
    const std::optional<ChildExit> exit = wait_any_child(block && finished.empty());
    if (!exit) break;
    const auto it = active_.find(exit->pid);
    if (it == active_.end()) continue;  // not one of ours
    const std::size_t index = it->second;
    const double wall = now_s() - started_at_[exit->pid];
    active_.erase(it);
    started_at_.erase(exit->pid);
    const PlannedRun& run = plan_[index];
    if (stop_requested() && folder_.state(run.id) != RunState::complete) {
      // The stop signal reached the run too (Ctrl-C signals the whole foreground process
      // group): it was stopped, not failed, and --resume runs it again.
      stopped(index);
      continue;
    }
    record(index, exit->exit_code, exit->signal);
    const bool ok = folder_.state(run.id) == RunState::complete;
    char wall_text[32];
    std::snprintf(wall_text, sizeof wall_text, "%.2f", wall);
    folder_.log(std::string(ok ? "finished " : "failed ") + run.id + " " + wall_text + " s" +
                (ok ? "" : " (" + folder_.failure_reason(run.id) + ")"));
    last_line_s_ = now_s();
    if (!launch_.quiet) {
      const double elapsed = now_s() - start_s_;
      const double eta = done_ < expected_ ? elapsed / static_cast<double>(done_) * static_cast<double>(expected_ - done_) : 0.0;
      std::fprintf(stderr, "mscsim sweep: [%zu/%zu] %s %s in %s s, elapsed %s, ETA %s%s\n", done_, expected_,
                   ok ? "finished" : "FAILED", run.id.c_str(), wall_text, duration_text(elapsed).c_str(),
                   duration_text(eta).c_str(), ok ? "" : (" (" + folder_.failure_reason(run.id) + ")").c_str());
    }
    finished.push_back(index);
  }
  return finished;
}

void RunPool::heartbeat(double interval_s) {
  const double now = now_s();
  if (now - last_line_s_ < interval_s || active_.empty()) return;
  last_line_s_ = now;
  double longest = 0.0;
  for (const auto& [pid, started] : started_at_) longest = std::max(longest, now - started);
  const std::string line = std::to_string(done_) + "/" + std::to_string(expected_) + " runs done, " +
                           std::to_string(active_.size()) + " running (longest for " + duration_text(longest) +
                           "), elapsed " + duration_text(now - start_s_);
  folder_.log("status: " + line);
  if (!launch_.quiet) std::fprintf(stderr, "mscsim sweep: %s\n", line.c_str());
}

void RunPool::stopped(std::size_t index) {
  const PlannedRun& run = plan_[index];
  folder_.clear_incomplete(run.id);
  // A run that finished in the last instant keeps its complete file; others leave at most
  // their checkpoint, from which --resume continues.
  std::error_code ec;
  const bool complete = folder_.state(run.id) == RunState::complete;
  const bool checkpointed = !complete && std::filesystem::exists(folder_.checkpoint_file(run.id), ec);
  folder_.log("stopped " + run.id + (complete ? " (had completed)" : checkpointed ? " (checkpoint kept)" : ""));
  report_.interrupted = true;
}

void RunPool::stop_all() {
  // With checkpoints every run is told at once (SIGTERM), so they write their checkpoints
  // side by side within stop_grace_s. Without, a stopped run has nothing worth saving: SIGKILL
  // ends it at once, so the sweep has cleaned up within milliseconds, well inside the second
  // mpirun gives its ranks before it kills them (odls_base_sigkill_timeout).
  const bool save = launch_.checkpoint_every_h > 0;
  for (const auto& [pid, index] : active_) ::kill(pid, save ? SIGTERM : SIGKILL);
  const double grace_s = save ? launch_.stop_grace_s : 0.0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(grace_s);
  for (const auto& [pid, index] : active_) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    stop_child(pid, std::max(left, std::chrono::milliseconds(0)));
    stopped(index);
  }
  active_.clear();
  started_at_.clear();
  report_.interrupted = true;
}

ExecutionReport execute_local(const SweepFolder& folder, const std::vector<PlannedRun>& plan,
                              const std::vector<std::size_t>& todo, const LaunchSettings& launch, int jobs) {
  block_child_exit_signal();
  RunPool pool(folder, plan, launch, todo.size());
  std::size_t next = 0;
  while ((next < todo.size() || pool.active() > 0) && !stop_requested()) {
    while (next < todo.size() && pool.active() < static_cast<std::size_t>(jobs) && !stop_requested()) {
      pool.start(todo[next++]);
    }
    // Wakes the moment a run ends (or once a second, for the heartbeat).
    if (pool.reap(false).empty()) wait_for_child_event(std::chrono::milliseconds(1000));
    pool.heartbeat(kHeartbeatIntervalS);
  }
  if (stop_requested()) pool.stop_all();
  return pool.report();
}

}  // namespace mscsim::sweep
