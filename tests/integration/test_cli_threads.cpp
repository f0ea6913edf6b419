// Threads on a shared machine: where the default thread count comes from, and a 2-thread
// run beside a process that keeps a core busy is not much slower than a 1-thread run
// (OpenMP threads that spin at barriers made it more than 10 times slower). The wall-time
// ratio is asserted, never a time. Registered RUN_SERIAL: other tests would load the cores.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

#include "cli_runner.hpp"
#include "sim/engine/cpu_allocation.hpp"
#include "sim/io/trajectory_reader.hpp"

using namespace mscsim::test_support;

namespace {

// The child runs see only the settings a test gives them: ctest sets OMP_NUM_THREADS=1 and
// OMP_WAIT_POLICY=passive for every test, which would hide both the default thread count
// and mscsim's own choice of wait policy. (Each test runs in its own process.)
void clear_thread_environment() {
  for (const char* name : {"OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "SLURM_CPUS_PER_TASK"})
    unsetenv(name);
}

// A child process that keeps one core busy for as long as the object lives. It is killed
// by the destructor on every way out of the test, and by the kernel if this process dies
// first (PR_SET_PDEATHSIG), so no busy loop outlives the test.
class BusyProcess {
 public:
  BusyProcess() {
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (getppid() != parent) _exit(0);
      for (;;) asm volatile("");  // an empty loop the compiler may not remove
    }
  }
  ~BusyProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool running() const { return pid_ > 0; }

 private:
  pid_t pid_ = -1;
};

double wall_seconds_of(const std::string& arguments, const ScratchDir& dir) {
  const auto start = std::chrono::steady_clock::now();
  const CommandResult r = run_mscsim(arguments, dir);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return wall.count();
}

double median_of_three(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[1];
}

const std::string kShort = "run --set run.duration_h=4 -o run.h5 ";

}  // namespace

TEST(Threads, DefaultCountFollowsTheAffinityMaskAndTheSummarySaysSo) {
  clear_thread_environment();
  ScratchDir dir;
  const CommandResult r = run_mscsim(kShort, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int cpus = mscsim::affinity_cpu_count();
  EXPECT_NE(r.out.find(std::to_string(cpus) + (cpus == 1 ? " thread" : " threads") + " (from CPU affinity mask"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(mscsim::TrajectoryReader(dir / "run.h5").meta_attribute("threads"), std::to_string(cpus));
}

TEST(Threads, OmpNumThreadsThenSlurmThenTheOption) {
  clear_thread_environment();
  ScratchDir dir;
  setenv("SLURM_CPUS_PER_TASK", "3", 1);
  CommandResult r = run_mscsim(kShort, dir);
  EXPECT_NE(r.out.find("3 threads (from SLURM_CPUS_PER_TASK, OMP_WAIT_POLICY=passive)"), std::string::npos) << r.out;
  setenv("OMP_NUM_THREADS", "2", 1);
  r = run_mscsim(kShort, dir);
  EXPECT_NE(r.out.find("2 threads (from OMP_NUM_THREADS, OMP_WAIT_POLICY=passive)"), std::string::npos) << r.out;
  EXPECT_EQ(mscsim::TrajectoryReader(dir / "run.h5").meta_attribute("threads"), "2");
  r = run_mscsim(kShort + "--threads 1", dir);
  EXPECT_NE(r.out.find("1 thread (from --threads)"), std::string::npos) << r.out;
}

TEST(Threads, TheUsersWaitPolicyWins) {
  clear_thread_environment();
  setenv("OMP_WAIT_POLICY", "active", 1);
  ScratchDir dir;
  const CommandResult r = run_mscsim(kShort + "--threads 2", dir);
  EXPECT_NE(r.out.find("2 threads (from --threads, OMP_WAIT_POLICY=active)"), std::string::npos) << r.out;
}

TEST(Contention, TwoThreadsBesideABusyCoreTakeAtMostOneAndAHalfTimesOneThread) {
  // The bench scenario (300 x 300, every cell type): enough work per step for a second
  // thread to pay. Half its 8 h is 80 steps, about 1 s on one idle core. (On a 60 x 60
  // lattice a step is too short for two threads to gain even on an idle machine, and beside
  // a busy process a team can wait a scheduler tick per step: docs/performance.md.)
  clear_thread_environment();
  ScratchDir dir;
  const std::string run = std::string("run '") + MSCSIM_SOURCE_DIR +
                          "/scenarios/bench/tissue_large.toml' --quiet --set run.duration_h=4 -o run.h5 --threads ";
  BusyProcess busy;
  ASSERT_TRUE(busy.running());
  std::vector<double> one, two;
  for (int round = 0; round < 3; ++round) {  // interleaved, so a drift of the host falls on both
    one.push_back(wall_seconds_of(run + "1", dir));
    two.push_back(wall_seconds_of(run + "2", dir));
  }
  const double ratio = median_of_three(two) / median_of_three(one);
  RecordProperty("ratio", std::to_string(ratio));
  EXPECT_LE(ratio, 1.5) << "median wall time at 2 threads " << median_of_three(two) << " s, at 1 thread "
                        << median_of_three(one) << " s, beside a busy process";
}
