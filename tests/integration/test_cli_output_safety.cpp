// What a run may never do to files, and what it may never attempt: two runs writing one
// output, a full disk, an output path that would destroy the scenario or a device, runs
// that cannot end or cannot fit, and error messages that are not one line or blame the
// wrong origin. Each case: exit code, one line on stderr, and the files left.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_runner.hpp"

using namespace mscsim::test_support;
namespace fs = std::filesystem;

namespace {

const char* const kTiny =
    "[run]\nname = \"tiny\"\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsize_voxels = [20, 20]\n"
    "[msc]\ninitial_count = 5\n[cd4_t]\ninitial_count = 10\n";

const char* const kOneDose =
    "[run]\nname = \"dosed\"\nduration_h = 1.0\ndt_h = 0.1\n[tissue]\nsize_voxels = [20, 20]\n"
    "[[dose]]\ntime_h = 0.0\ncells_per_kg = 1.0e6\nroute = \"iv\"\n";

std::size_t lines_of(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

// Runs a shell command line in the scratch folder; `mscsim` in it is the binary.
CommandResult run_shell(const std::string& line, const ScratchDir& dir) {
  const std::string command = "cd '" + dir.path().string() + "' && M='" + MSCSIM_BINARY + "' && (" + line + ") > '" +
                              (dir / "stdout.txt").string() + "' 2> '" + (dir / "stderr.txt").string() + "'";
  const int status = std::system(command.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(dir / "stdout.txt");
  r.err = read_file(dir / "stderr.txt");
  return r;
}

bool wait_for(const fs::path& path, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void expect_one_line(const CommandResult& r, int code, const std::string& expect) {
  EXPECT_EQ(r.exit_code, code) << r.err;
  EXPECT_NE(r.err.find(expect), std::string::npos) << "stderr was: " << r.err;
  EXPECT_EQ(lines_of(r.err), 1u) << "not one line: " << r.err;
  EXPECT_EQ(r.err.rfind("mscsim: error: ", 0), 0u) << r.err;
}

}  // namespace

// Defect 1: the second run used to truncate the first's .partial before failing.
TEST(CliOutputSafety, SecondRunOnTheSameOutputIsRefusedAndTheFirstFinishes) {
  ScratchDir dir;
  std::string slow = kTiny;
  slow.replace(slow.find("duration_h = 1.0"), 16, "duration_h = 8000.0");
  dir.write("slow.toml", slow);
  dir.write("tiny.toml", kTiny);
  const std::string first = "cd '" + dir.path().string() + "' && ('" + MSCSIM_BINARY +
                            "' run slow.toml -o c.h5 --quiet --threads 1 > first.out 2> first.err; echo $? > "
                            "first.rc.tmp; mv first.rc.tmp first.rc) &";
  ASSERT_EQ(std::system(first.c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "c.h5.partial", std::chrono::seconds(60)));
  const CommandResult second = run_mscsim("run tiny.toml -o c.h5 --quiet", dir);
  expect_one_line(second, 3, "c.h5: another mscsim run is writing this output");
  ASSERT_TRUE(wait_for(dir / "first.rc", std::chrono::seconds(300)));
  EXPECT_EQ(read_file(dir / "first.rc"), "0\n") << read_file(dir / "first.err");
  ASSERT_FALSE(fs::exists(dir / "first.rc.tmp"));
  EXPECT_FALSE(fs::exists(dir / "c.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "c.h5.lock"));
  const CommandResult info = run_mscsim("info c.h5", dir);
  EXPECT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("tiny"), std::string::npos) << info.out;
}

// A lock file left by a killed run (the kernel dropped its lock) does not block.
TEST(CliOutputSafety, StaleLockFileDoesNotBlock) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  dir.write("c.h5.lock", "12345\n");
  const CommandResult r = run_mscsim("run tiny.toml -o c.h5 --quiet", dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir / "c.h5"));
  EXPECT_FALSE(fs::exists(dir / "c.h5.lock"));
}

// Defect 2: a full disk ended in SIGSEGV inside HDF5's clean-up at exit.
TEST(CliOutputSafety, FullDiskIsExitThreeWithoutCrashOrPartial) {
  if (geteuid() != 0) GTEST_SKIP() << "mounting a 1 MiB tmpfs needs root";
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  fs::create_directories(dir / "t");
  const std::string mount = "mount -t tmpfs -o size=1M tmpfs '" + (dir / "t").string() + "' 2>/dev/null";
  if (std::system(mount.c_str()) != 0) GTEST_SKIP() << "cannot mount a tmpfs here (no CAP_SYS_ADMIN)";
  const CommandResult r = run_mscsim(
      "run tiny.toml -o t/out.h5 --quiet --set 'tissue.size_voxels=[200,200]' --set run.duration_h=4 "
      "--set run.snapshot_every_h=0.1",
      dir);
  const bool partial = fs::exists(dir / "t" / "out.h5.partial");
  const bool lock = fs::exists(dir / "t" / "out.h5.lock");
  const bool final_file = fs::exists(dir / "t" / "out.h5");
  std::system(("umount '" + (dir / "t").string() + "'").c_str());
  expect_one_line(r, 3, "No space left on device");
  EXPECT_FALSE(partial);
  EXPECT_FALSE(lock);
  EXPECT_FALSE(final_file);
}

// Defect 3: outputs that destroy what they should not; all refused before the run.
TEST(CliOutputSafety, OutputOverTheScenarioIsRefused) {
  ScratchDir dir;
  dir.write("base.toml", kTiny);
  const CommandResult r = run_mscsim("run base.toml -o base.toml --quiet", dir);
  expect_one_line(r, 2, "-o: 'base.toml' is the scenario file");
  EXPECT_EQ(read_file(dir / "base.toml"), kTiny);
}

TEST(CliOutputSafety, OutputOverAFileThatIsNotHdf5IsRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  dir.write("notes.txt", "my notes");
  const CommandResult r = run_mscsim("run tiny.toml -o notes.txt --quiet", dir);
  expect_one_line(r, 2, "-o: 'notes.txt' exists and is not an HDF5 file");
  EXPECT_EQ(read_file(dir / "notes.txt"), "my notes");
}

TEST(CliOutputSafety, OutputOnADeviceIsRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r = run_mscsim("run tiny.toml -o /dev/full --quiet", dir);
  expect_one_line(r, 2, "-o: '/dev/full' is not a regular file");
  EXPECT_TRUE(fs::is_character_file("/dev/full"));
  EXPECT_FALSE(fs::exists("/dev/full.partial"));
  EXPECT_FALSE(fs::exists("/dev/full.lock"));
}

TEST(CliOutputSafety, EmptyOutputPathIsRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r = run_mscsim("run tiny.toml -o '' --quiet", dir);
  expect_one_line(r, 2, "-o: the output path is empty");
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(CliOutputSafety, OutputThatIsAFolderIsRefusedBeforeTheRun) {
  ScratchDir dir;
  std::string slow = kTiny;
  slow.replace(slow.find("duration_h = 1.0"), 16, "duration_h = 100000.0");
  dir.write("slow.toml", slow);
  fs::create_directories(dir / "results");
  const auto start = std::chrono::steady_clock::now();
  const CommandResult r = run_mscsim("run slow.toml -o results --quiet", dir);
  expect_one_line(r, 2, "-o: 'results' is a folder");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20)) << "refused only after running";
  EXPECT_FALSE(fs::exists(dir / "results.partial"));
  EXPECT_TRUE(fs::is_empty(dir / "results"));
}

TEST(CliOutputSafety, RunNameWithAFolderIsRefusedAtItsLine) {
  ScratchDir dir;
  dir.write("up.toml", "[run]\nname = \"../../escaped\"\nduration_h = 1.0\n");
  const CommandResult up = run_mscsim("run up.toml --quiet", dir);
  expect_one_line(up, 2, "up.toml:2:8: run.name: '../../escaped' contains '/'");
  dir.write("abs.toml", "[run]\nname = \"" + (dir / "absolute").string() + "\"\n");
  const CommandResult absolute = run_mscsim("run abs.toml --quiet", dir);
  expect_one_line(absolute, 2, "abs.toml:2:8: run.name:");
  const CommandResult set = run_mscsim("run --set 'run.name=\"..\"' --quiet", dir);
  expect_one_line(set, 2, "--set: run.name: '..' is '..'");
  EXPECT_FALSE(fs::exists(dir / "out"));
  EXPECT_FALSE(fs::exists(dir / "absolute.h5"));
  EXPECT_FALSE(fs::exists(dir.path().parent_path().parent_path() / "escaped.h5"));
}

// Defect 4: runs that can never end or cannot fit.
TEST(CliOutputSafety, RunOfTooManyStepsIsRefusedUnlessNoLimits) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult check = run_mscsim("check tiny.toml --set run.dt_h=1e-12", dir);
  expect_one_line(check, 2, "--set: run.dt_h: the run needs 1e+12 steps");
  EXPECT_NE(check.err.find("limit of 1e+09"), std::string::npos) << check.err;
  const CommandResult run = run_mscsim("run tiny.toml -o r.h5 --quiet --set run.dt_h=1e-12", dir);
  expect_one_line(run, 2, "--set: run.dt_h:");
  EXPECT_FALSE(fs::exists(dir / "r.h5.partial"));
  const CommandResult allowed = run_mscsim("check tiny.toml --set run.dt_h=1e-12 --no-limits", dir);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_NE(allowed.out.find("# Pre-flight estimate"), std::string::npos);
}

TEST(CliOutputSafety, LatticeBeyondThirtyTwoBitVoxelIndicesIsRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r = run_mscsim("check tiny.toml --no-limits --set 'tissue.size_voxels=[4096,4096,257]'", dir);
  expect_one_line(r, 2, "--set: tissue.size_voxels: the lattice has 4.31e+09 voxels");
}

TEST(CliOutputSafety, LatticeBeyondTheMemoryLimitIsRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r =
      run_shell("ulimit -v 1000000; $M check tiny.toml --set 'tissue.size_voxels=[4096,4096]'", dir);
  expect_one_line(r, 2, "--set: tissue.size_voxels: the run needs at least");
}

TEST(CliOutputSafety, OutOfMemoryIsExitThreeWithoutPartial) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r = run_shell(
      "ulimit -v 1000000; $M run tiny.toml -o big.h5 --quiet --threads 1 --no-limits "
      "--set 'tissue.size_voxels=[4096,4096]'",
      dir);
  expect_one_line(r, 3, "out of memory: ");
  EXPECT_FALSE(fs::exists(dir / "big.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "big.h5"));
}

TEST(CliOutputSafety, ThreadsBeyondTheAddressSpaceAreRefused) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const CommandResult r = run_shell("ulimit -v 2000000; $M run tiny.toml -o t.h5 --quiet --threads 1000", dir);
  expect_one_line(r, 2, "--threads: 1000 threads reserve");
  EXPECT_FALSE(fs::exists(dir / "t.h5.partial"));
}

TEST(CliOutputSafety, ScenarioThatIsADeviceOrTooLargeIsRefused) {
  ScratchDir dir;
  const CommandResult zero = run_mscsim("check /dev/zero", dir);
  expect_one_line(zero, 2, "/dev/zero: not a regular file");
  dir.write("huge.toml", "# " + std::string(17u << 20, 'x') + "\n");
  const CommandResult huge = run_mscsim("check huge.toml", dir);
  expect_one_line(huge, 2, "huge.toml: the file has");
  EXPECT_NE(huge.err.find("16 MiB"), std::string::npos) << huge.err;
}

// Defect 5: messages.
TEST(CliOutputSafety, NewListElementFromSetIsBlamedOnTheSet) {
  ScratchDir dir;
  dir.write("dosed.toml", kOneDose);
  const CommandResult r = run_mscsim("check dosed.toml --set dose.1.time_h=1", dir);
  expect_one_line(r, 2, "--set dose.1.time_h: dose.1.cells");
}

TEST(CliOutputSafety, LatticeLargerThanTheOrganBlamesTheLattice) {
  ScratchDir dir;
  dir.write("dosed.toml", kOneDose);
  const CommandResult r =
      run_mscsim("check dosed.toml --set 'tissue.size_voxels=[400,400]' --set tissue.voxel_um=1000", dir);
  expect_one_line(r, 2, "--set: tissue.size_voxels: the lattice");
  EXPECT_EQ(r.err.find("target.volume_ml:"), std::string::npos) << r.err;
}

TEST(CliOutputSafety, NewlinesInValuesStayOnOneLine) {
  ScratchDir dir;
  dir.write("nl.toml", "[run]\nname = \"a/\\nb\"\n");
  const CommandResult r = run_mscsim("check nl.toml", dir);
  expect_one_line(r, 2, "nl.toml:2:8: run.name: 'a/\\nb'");
}

TEST(CliOutputSafety, HugeUnknownKeyIsReportedQuickly) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  const auto start = std::chrono::steady_clock::now();
  const CommandResult r = run_mscsim("check tiny.toml --set run." + std::string(100000, 'a') + "=1", dir);
  expect_one_line(r, 2, "unknown key 'run.aaaa");
  EXPECT_LT(r.err.size(), 1000u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(CliOutputSafety, InfoRefusesPartialTruncatedAndForeignFiles) {
  ScratchDir dir;
  dir.write("tiny.toml", kTiny);
  ASSERT_EQ(run_mscsim("run tiny.toml -o done.h5 --quiet", dir).exit_code, 0);
  fs::copy_file(dir / "done.h5", dir / "x.h5.partial");
  expect_one_line(run_mscsim("info x.h5.partial", dir), 3, "x.h5.partial: an unfinished trajectory (.partial)");
  const std::string whole = read_file(dir / "done.h5");
  std::ofstream(dir / "cut.h5", std::ios::binary) << whole.substr(0, whole.size() / 2);
  expect_one_line(run_mscsim("info cut.h5", dir), 3, "cut.h5");
  expect_one_line(run_mscsim("info tiny.toml", dir), 2, "tiny.toml: not an HDF5 file");
  EXPECT_EQ(run_mscsim("info done.h5", dir).exit_code, 0);
}
