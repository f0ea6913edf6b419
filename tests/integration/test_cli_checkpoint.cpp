// Checkpoint and restart of `mscsim run` (docs/checkpoint.md), as a user or a batch system
// drives them: a run stopped at some point (by --stop-at-h, SIGTERM or SIGKILL) and
// continued with --restart gives every trajectory dataset bit for bit as an uninterrupted
// run does, whatever the thread counts before and after; restarts that cannot continue
// the same run are refused with one line and exit code 2, touching nothing; a sweep cut by
// SIGTERM resumes its runs from their checkpoints.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>

#include "cli_runner.hpp"
#include "trajectory_datasets.hpp"

using namespace mscsim::test_support;
namespace fs = std::filesystem;

namespace {

const std::string kSource = MSCSIM_SOURCE_DIR;

// The quickstart, shortened, with field and agent snapshots every 2 h.
const std::string kQuickstart = "'" + kSource +
                                "/scenarios/quickstart.toml' --set run.duration_h=6 --set run.snapshot_every_h=2 "
                                "--set run.output_every_h=0.5";
// A disease scenario with weekly IV doses, shortened so that doses fall at 3 h and 5 h,
// after the early restart points.
const std::string kDisease = "'" + kSource +
                             "/scenarios/disease/crohns_luminal_iv_weekly.toml' --set run.duration_h=6 "
                             "--set run.output_every_h=0.5 --set run.snapshot_every_h=2 --set dose.0.time_h=3 "
                             "--set dose.0.every_h=2 --set dose.0.count=2";

std::size_t lines_of(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

bool wait_for(const fs::path& path, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (fs::exists(path)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void expect_refused(const CommandResult& r, const std::string& expect) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(expect), std::string::npos) << "stderr was: " << r.err;
  EXPECT_EQ(lines_of(r.err), 1u) << "not one line: " << r.err;
}

// The uninterrupted trajectory, as the reference.
std::map<std::string, DatasetBytes> reference(const std::string& scenario, const ScratchDir& dir,
                                              const std::string& name) {
  const CommandResult r = run_mscsim("run " + scenario + " -o " + name + " --quiet --threads 1", dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return trajectory_datasets(dir / name);
}

// Stops a run at `stop_h` with `before` threads, continues it with `after` threads, and
// compares every dataset with the reference.
void expect_restart_identical(const std::string& scenario, double stop_h, int before, int after,
                              const std::map<std::string, DatasetBytes>& whole, const ScratchDir& dir) {
  SCOPED_TRACE("stop at " + std::to_string(stop_h) + " h, threads " + std::to_string(before) + " then " +
               std::to_string(after));
  const std::string out = "cut_" + std::to_string(static_cast<int>(stop_h * 10)) + "_" + std::to_string(before) + ".h5";
  const CommandResult stopped =
      run_mscsim("run " + scenario + " -o " + out + " --quiet --threads " + std::to_string(before) +
                     " --checkpoint-every-h 100 --stop-at-h " + std::to_string(stop_h),
                 dir);
  ASSERT_EQ(stopped.exit_code, 4) << stopped.err;
  EXPECT_NE(stopped.err.find("checkpoint written to " + out + ".checkpoint"), std::string::npos) << stopped.err;
  ASSERT_TRUE(fs::exists(dir / (out + ".checkpoint")));
  EXPECT_FALSE(fs::exists(dir / out));
  const CommandResult continued =
      run_mscsim("run --restart " + out + ".checkpoint --quiet --threads " + std::to_string(after), dir);
  ASSERT_EQ(continued.exit_code, 0) << continued.err;
  const auto restarted = trajectory_datasets(dir / out);
  EXPECT_FALSE(restarted.empty());
  EXPECT_EQ(differing_datasets(whole, restarted), "");
  EXPECT_FALSE(fs::exists(dir / (out + ".checkpoint"))) << "a finished run leaves its checkpoint";
  EXPECT_FALSE(fs::exists(dir / (out + ".partial")));
}

// The names of the model states a checkpoint holds (the attribute model_states).
std::string model_states(const fs::path& checkpoint) {
  const hid_t file = H5Fopen(checkpoint.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (file < 0) return "";
  std::string names;
  const hid_t attribute = H5Aopen(file, "model_states", H5P_DEFAULT);
  if (attribute >= 0) {
    const hid_t space = H5Aget_space(attribute);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    const hid_t memory = H5Tcopy(H5T_C_S1);
    H5Tset_size(memory, H5T_VARIABLE);
    H5Tset_cset(memory, H5T_CSET_UTF8);
    std::vector<char*> texts(n, nullptr);
    if (n > 0 && H5Aread(attribute, memory, texts.data()) >= 0) {
      for (char* t : texts) names += std::string(t ? t : "") + ",";
      H5Dvlen_reclaim(memory, space, H5P_DEFAULT, texts.data());
    }
    H5Tclose(memory);
    H5Sclose(space);
    H5Aclose(attribute);
  }
  H5Fclose(file);
  return names;
}

// The models of the scenarios below keep run state outside the world (counters of
// arrivals, kills and engulfed cells; the body's books of cells off the lattice). Until
// they register it (docs/checkpoint.md, "State kept by models"), a restart cannot be exact.
bool models_register_their_state(const std::string& scenario, const ScratchDir& dir) {
  const CommandResult r =
      run_mscsim("run " + scenario + " -o probe.h5 --quiet --threads 1 --checkpoint probe.ckpt --stop-at-h 0.5", dir);
  const std::string names = model_states(dir / "probe.ckpt");
  return r.exit_code == 4 && names.find("recruitment") != std::string::npos;
}

// What remains of summary.csv without its wall_s column (the only one that measures the
// machine rather than the runs).
std::string summary_without_wall_time(const fs::path& csv) {
  std::istringstream in(read_file(csv));
  std::string line, out;
  int wall = -1;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string field;
    while (std::getline(s, field, ',')) fields.push_back(field);
    if (wall < 0) wall = static_cast<int>(std::find(fields.begin(), fields.end(), "wall_s") - fields.begin());
    for (int i = 0; i < static_cast<int>(fields.size()); ++i)
      if (i != wall) out += fields[static_cast<std::size_t>(i)] + ",";
    out += "\n";
  }
  return out;
}

}  // namespace

// Neither quickstart nor disease scenario needs its models' private state before the first
// event that changes it; with it registered, every point of the run can be cut.
TEST(CliCheckpoint, QuickstartRestartIsBitIdenticalAtThreePointsAndThreadCounts) {
  ScratchDir dir;
  ASSERT_TRUE(models_register_their_state(kQuickstart, dir))
      << "a model keeps run state without keep_in_checkpoint (docs/checkpoint.md)";
  const auto whole = reference(kQuickstart, dir, "whole.h5");
  ASSERT_FALSE(whole.empty());
  for (double stop_h : {0.04, 2.5, 4.98}) {
    expect_restart_identical(kQuickstart, stop_h, 1, 2, whole, dir);
    expect_restart_identical(kQuickstart, stop_h, 2, 1, whole, dir);
  }
}

TEST(CliCheckpoint, DiseaseRestartBeforeAndAfterADoseIsBitIdentical) {
  ScratchDir dir;
  ASSERT_TRUE(models_register_their_state(kDisease, dir))
      << "a model keeps run state without keep_in_checkpoint (docs/checkpoint.md)";
  const auto whole = reference(kDisease, dir, "whole.h5");
  ASSERT_FALSE(whole.empty());
  ASSERT_TRUE(whole.count("events/dose/time_h")) << "the shortened scenario gives no dose";
  EXPECT_EQ(whole.at("events/dose/time_h").dims, std::vector<hsize_t>{2});
  for (double stop_h : {1.0, 2.5, 4.0}) {
    expect_restart_identical(kDisease, stop_h, 1, 2, whole, dir);
    expect_restart_identical(kDisease, stop_h, 2, 1, whole, dir);
  }
}

// The engine's part alone, on a scenario whose models keep nothing outside the world
// (no vessels, no NK cells, no macrophages, no doses): runs whether or not models
// register their state.
TEST(CliCheckpoint, WorldOnlyScenarioRestartIsBitIdentical) {
  ScratchDir dir;
  const std::string scenario =
      kQuickstart + " --set vessels.fraction=0 --set nk.initial_count=0 --set macrophage.initial_count=0";
  const auto whole = reference(scenario, dir, "whole.h5");
  ASSERT_FALSE(whole.empty());
  for (double stop_h : {0.04, 2.5, 4.98}) {
    expect_restart_identical(scenario, stop_h, 1, 2, whole, dir);
    expect_restart_identical(scenario, stop_h, 2, 1, whole, dir);
  }
}

TEST(CliCheckpoint, SigtermWritesACheckpointExitsFourAndTheRestartIsBitIdentical) {
  ScratchDir dir;
  const std::string scenario = kQuickstart +
                               " --set run.duration_h=24 --set vessels.fraction=0 "
                               "--set nk.initial_count=0 --set macrophage.initial_count=0";
  const auto whole = reference(scenario, dir, "whole.h5");
  const std::string start = "cd '" + dir.path().string() + "' && ('" + MSCSIM_BINARY + "' run " + scenario +
                            " -o t.h5 --threads 1 --checkpoint-every-h 1000 --progress 1000 > t.out 2> t.err & echo "
                            "$! > t.pid; wait $!; echo $? > rc.tmp; mv rc.tmp t.rc) > /dev/null 2>&1 &";
  ASSERT_EQ(std::system(start.c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "t.h5.partial", std::chrono::seconds(60)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(std::system(("kill -TERM $(cat '" + (dir / "t.pid").string() + "')").c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "t.rc", std::chrono::seconds(120)));
  ASSERT_EQ(read_file(dir / "t.rc"), "4\n") << read_file(dir / "t.err");
  const std::string err = read_file(dir / "t.err");
  EXPECT_NE(err.find("stopped by SIGTERM"), std::string::npos) << err;
  EXPECT_NE(err.find("mscsim run --restart t.h5.checkpoint"), std::string::npos) << err;
  ASSERT_TRUE(fs::exists(dir / "t.h5.checkpoint"));
  EXPECT_TRUE(fs::exists(dir / "t.h5.partial")) << "the rows so far are kept";
  EXPECT_FALSE(fs::exists(dir / "t.h5.lock"));
  const CommandResult continued = run_mscsim("run --restart t.h5.checkpoint --quiet --threads 2", dir);
  ASSERT_EQ(continued.exit_code, 0) << continued.err;
  EXPECT_EQ(differing_datasets(whole, trajectory_datasets(dir / "t.h5")), "");
}

TEST(CliCheckpoint, SigtermWithoutCheckpointingKeepsThePartialOutputAndSaysSo) {
  ScratchDir dir;
  const std::string start = "cd '" + dir.path().string() + "' && ('" + MSCSIM_BINARY + "' run " + kQuickstart +
                            " --set run.duration_h=500 -o p.h5 --threads 1 --progress 1000 > p.out 2> p.err & echo "
                            "$! > p.pid; wait $!; echo $? > rc.tmp; mv rc.tmp p.rc) > /dev/null 2>&1 &";
  ASSERT_EQ(std::system(start.c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "p.h5.partial", std::chrono::seconds(60)));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(std::system(("kill -TERM $(cat '" + (dir / "p.pid").string() + "')").c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "p.rc", std::chrono::seconds(120)));
  EXPECT_EQ(read_file(dir / "p.rc"), "4\n");
  EXPECT_NE(read_file(dir / "p.err").find("no checkpoint"), std::string::npos) << read_file(dir / "p.err");
  const auto partial = trajectory_datasets(dir / "p.h5.partial");
  EXPECT_TRUE(partial.count("timeseries/time_h")) << "the partial output is not a readable HDF5 file";
  EXPECT_FALSE(fs::exists(dir / "p.h5"));
}

TEST(CliCheckpoint, SigkillLosesOnlyTheWorkSinceTheLastCheckpoint) {
  ScratchDir dir;
  const std::string scenario = kQuickstart +
                               " --set run.duration_h=24 --set vessels.fraction=0 "
                               "--set nk.initial_count=0 --set macrophage.initial_count=0";
  const auto whole = reference(scenario, dir, "whole.h5");
  const std::string start = "cd '" + dir.path().string() + "' && ('" + MSCSIM_BINARY + "' run " + scenario +
                            " -o k.h5 --threads 1 --checkpoint-every-h 1 --progress 1000 > k.out 2> k.err & echo "
                            "$! > k.pid; wait $!; echo $? > rc.tmp; mv rc.tmp k.rc) > /dev/null 2>&1 &";
  ASSERT_EQ(std::system(start.c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "k.h5.checkpoint", std::chrono::seconds(60)));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ASSERT_EQ(std::system(("kill -KILL $(cat '" + (dir / "k.pid").string() + "')").c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "k.rc", std::chrono::seconds(60)));
  ASSERT_FALSE(fs::exists(dir / "k.h5")) << "the run finished before it was killed";
  const CommandResult continued = run_mscsim("run --restart k.h5.checkpoint --threads 2", dir);
  ASSERT_EQ(continued.exit_code, 0) << continued.err;
  EXPECT_NE(continued.out.find("Restarted from k.h5.checkpoint at t = "), std::string::npos) << continued.out;
  EXPECT_EQ(differing_datasets(whole, trajectory_datasets(dir / "k.h5")), "");
}

TEST(CliCheckpoint, RestartWithAnotherScenarioIsRefused) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kQuickstart + " -o a.h5 --quiet --checkpoint a.ckpt --stop-at-h 0.5", dir).exit_code,
            4);
  const std::string before = read_file(dir / "a.ckpt");
  expect_refused(run_mscsim("run " + kQuickstart + " --set msc.initial_count=301 --restart a.ckpt -o a.h5", dir),
                 "the scenario differs from the one a.ckpt was written for");
  expect_refused(run_mscsim("run " + kQuickstart + " --seed 5 --restart a.ckpt", dir), "the scenario differs");
  EXPECT_EQ(read_file(dir / "a.ckpt"), before);
  EXPECT_FALSE(fs::exists(dir / "a.h5"));
  // The same scenario given again is accepted.
  const CommandResult same = run_mscsim("run " + kQuickstart + " --restart a.ckpt -o a.h5 --quiet", dir);
  EXPECT_EQ(same.exit_code, 0) << same.err;
}

TEST(CliCheckpoint, RestartByAnotherBuildIsRefused) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kQuickstart + " -o b.h5 --quiet --checkpoint b.ckpt --stop-at-h 0.5", dir).exit_code,
            4);
  // Pretend another commit wrote it.
  const hid_t file = H5Fopen((dir / "b.ckpt").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  ASSERT_GE(H5Adelete(file, "git_commit"), 0);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attribute = H5Acreate2(file, "git_commit", type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* other = "0123456789abcdef";
  ASSERT_GE(H5Awrite(attribute, type, &other), 0);
  H5Aclose(attribute);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(file);
  expect_refused(run_mscsim("run --restart b.ckpt", dir), "(commit 0123456789abcdef)");
  EXPECT_FALSE(fs::exists(dir / "b.h5"));
}

TEST(CliCheckpoint, RestartOntoAFinishedOutputIsRefusedAndLeavesItUnchanged) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kQuickstart + " -o c.h5 --quiet --checkpoint c.ckpt --stop-at-h 0.5", dir).exit_code,
            4);
  ASSERT_EQ(run_mscsim("run " + kQuickstart + " -o c.h5 --quiet", dir).exit_code, 0);
  const std::string finished = read_file(dir / "c.h5");
  expect_refused(run_mscsim("run --restart c.ckpt", dir), "c.h5 already exists: that run has finished");
  EXPECT_EQ(read_file(dir / "c.h5"), finished);
  EXPECT_TRUE(fs::exists(dir / "c.ckpt"));
}

TEST(CliCheckpoint, RestartFromSomethingThatIsNotACheckpointIsRefused) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kQuickstart + " -o d.h5 --quiet", dir).exit_code, 0);
  expect_refused(run_mscsim("run --restart d.h5", dir), "d.h5: not an mscsim checkpoint");
  expect_refused(run_mscsim("run --restart missing.ckpt", dir), "missing.ckpt: no such checkpoint file");
  dir.write("text.ckpt", "not hdf5\n");
  expect_refused(run_mscsim("run --restart text.ckpt", dir), "text.ckpt: not a checkpoint");
}

TEST(CliCheckpoint, SweepCutBySigtermResumesItsRunsFromCheckpoints) {
  ScratchDir dir;
  const std::string base =
      "[run]\nname = \"tiny\"\nduration_h = 40.0\ndt_h = 0.02\nseed = 3\noutput_every_h = 1.0\n"
      "snapshot_every_h = 0.0\nagent_snapshots = false\n[tissue]\nsize_voxels = [60, 60]\n"
      "[msc]\ninitial_count = 50\n[cd4_t]\ninitial_count = 200\n[vessels]\nfraction = 0.0\n";
  dir.write("base.toml", base);
  dir.write("s.toml", "[sweep]\nbase = \"base.toml\"\nreplicates = 2\nseed = 11\n");
  const CommandResult whole = run_mscsim("sweep s.toml -o whole --jobs 2 --quiet", dir);
  ASSERT_EQ(whole.exit_code, 0) << whole.err;

  const std::string start = "cd '" + dir.path().string() + "' && ('" + MSCSIM_BINARY +
                            "' sweep s.toml -o cut --jobs 2 --quiet --checkpoint-every-h 1000 > cut.out 2> cut.err & "
                            "echo $! > cut.pid; wait $!; "
                            "echo $? > rc.tmp; mv rc.tmp cut.rc) > /dev/null 2>&1 &";
  ASSERT_EQ(std::system(start.c_str()), 0);
  // Cut once both runs are writing.
  const fs::path runs = dir / "cut" / "runs";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto partials = [&] {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(runs, ec))
      if (e.path().extension() == ".partial") ++n;
    return n;
  };
  while (partials() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ASSERT_EQ(partials(), 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(std::system(("kill -TERM $(cat '" + (dir / "cut.pid").string() + "')").c_str()), 0);
  ASSERT_TRUE(wait_for(dir / "cut.rc", std::chrono::seconds(120)));
  ASSERT_EQ(read_file(dir / "cut.rc"), "4\n") << read_file(dir / "cut.err");
  const std::string log = read_file(dir / "cut" / "sweep.log");
  EXPECT_NE(log.find("(checkpoint kept)"), std::string::npos) << log;

  const CommandResult resumed = run_mscsim("sweep s.toml -o cut --resume --jobs 2 --quiet", dir);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const std::string after = read_file(dir / "cut" / "sweep.log");
  EXPECT_NE(after.find("from checkpoint at t = "), std::string::npos) << after;
  EXPECT_EQ(summary_without_wall_time(dir / "cut" / "summary.csv"),
            summary_without_wall_time(dir / "whole" / "summary.csv"));
  for (const auto& e : fs::directory_iterator(runs)) {
    EXPECT_NE(e.path().extension(), ".checkpoint") << e.path();
    if (e.path().extension() == ".h5") {
      const auto id = e.path().filename().string();
      EXPECT_EQ(differing_datasets(trajectory_datasets(e.path()), trajectory_datasets(dir / "whole" / "runs" / id)), "")
          << id;
    }
  }
}
