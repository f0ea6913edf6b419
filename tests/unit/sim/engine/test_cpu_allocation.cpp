// The default thread count: an explicit request, then OMP_NUM_THREADS, then
// SLURM_CPUS_PER_TASK, then the CPUs in the affinity mask; malformed values are skipped.
#include <gtest/gtest.h>
#include <sched.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "sim/engine/cpu_allocation.hpp"

using namespace mscsim;

namespace {

// Sets (or, with nullptr, unsets) an environment variable for one test and restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Restricts the calling thread to its first allowed CPU for one test.
class ScopedSingleCpu {
 public:
  ScopedSingleCpu() {
    CPU_ZERO(&old_);
    sched_getaffinity(0, sizeof old_, &old_);
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
      if (CPU_ISSET(cpu, &old_)) {
        CPU_SET(cpu, &one);
        break;
      }
    ok_ = sched_setaffinity(0, sizeof one, &one) == 0;
  }
  ~ScopedSingleCpu() { sched_setaffinity(0, sizeof old_, &old_); }
  bool ok() const { return ok_; }

 private:
  cpu_set_t old_;
  bool ok_ = false;
};

// The environment of a test that looks only at the variables it sets (ctest sets
// OMP_NUM_THREADS=1 for every test, and a test may run inside a Slurm job).
struct CleanEnv {
  ScopedEnv omp{"OMP_NUM_THREADS", nullptr};
  ScopedEnv slurm{"SLURM_CPUS_PER_TASK", nullptr};
};

}  // namespace

TEST(CpuAllocation, ParsesCountsAndTheFirstLevelOfAList) {
  EXPECT_EQ(parse_thread_count("4"), 4);
  EXPECT_EQ(parse_thread_count("3,2"), 3);
  EXPECT_EQ(parse_thread_count(std::to_string(kMaxThreads).c_str()), kMaxThreads);
  for (const char* bad : {"", "0", "-2", "two", "4x", "2.5", "99999999999999999999", "1025"})
    EXPECT_EQ(parse_thread_count(bad), std::nullopt) << bad;
  EXPECT_EQ(parse_thread_count(nullptr), std::nullopt);
}

TEST(CpuAllocation, AnExplicitRequestWinsOverTheEnvironment) {
  CleanEnv clean;
  ScopedEnv omp("OMP_NUM_THREADS", "3");
  ScopedEnv slurm("SLURM_CPUS_PER_TASK", "5");
  const ThreadAllocation a = choose_thread_count(7);
  EXPECT_EQ(a.threads, 7);
  EXPECT_EQ(a.source, ThreadSource::Requested);
}

TEST(CpuAllocation, OmpNumThreadsWinsOverSlurm) {
  CleanEnv clean;
  ScopedEnv omp("OMP_NUM_THREADS", "3,1");
  ScopedEnv slurm("SLURM_CPUS_PER_TASK", "5");
  const ThreadAllocation a = choose_thread_count(0);
  EXPECT_EQ(a.threads, 3);
  EXPECT_EQ(a.source, ThreadSource::OmpNumThreads);
  EXPECT_STREQ(thread_source_name(a.source), "OMP_NUM_THREADS");
}

TEST(CpuAllocation, SlurmCpusPerTaskWhenOmpNumThreadsIsUnsetOrMalformed) {
  CleanEnv clean;
  ScopedEnv slurm("SLURM_CPUS_PER_TASK", "5");
  EXPECT_EQ(choose_thread_count(0).threads, 5);
  EXPECT_EQ(choose_thread_count(0).source, ThreadSource::SlurmCpusPerTask);
  ScopedEnv omp("OMP_NUM_THREADS", "lots");
  EXPECT_EQ(choose_thread_count(0).threads, 5);
  EXPECT_EQ(choose_thread_count(0).source, ThreadSource::SlurmCpusPerTask);
}

TEST(CpuAllocation, OtherwiseTheCpusOfTheAffinityMask) {
  CleanEnv clean;
  const ThreadAllocation all = choose_thread_count(0);
  EXPECT_EQ(all.source, ThreadSource::AffinityMask);
  EXPECT_EQ(all.threads, affinity_cpu_count());
  EXPECT_GE(all.threads, 1);
  ScopedSingleCpu one;
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(affinity_cpu_count(), 1);
  EXPECT_EQ(choose_thread_count(0).threads, 1);
  EXPECT_EQ(choose_thread_count(0).source, ThreadSource::AffinityMask);
}
