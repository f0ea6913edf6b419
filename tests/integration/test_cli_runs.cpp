// End-to-end runs of the mscsim binary: determinism across thread counts (compared through
// the HDF5 library), reproduction from the stored scenario, check/info/--version.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "cli_runner.hpp"
#include "sim/io/trajectory_reader.hpp"

using namespace mscsim::test_support;
using mscsim::TrajectoryReader;

namespace {

// A shortened quickstart: same biology, a few simulated hours.
const std::string kShort = "--quiet --set run.duration_h=6 --set run.snapshot_every_h=2 ";

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}
bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// Every time series, field snapshot and agent column, bit for bit.
void expect_identical_trajectories(const std::filesystem::path& a_path, const std::filesystem::path& b_path) {
  const TrajectoryReader a(a_path), b(b_path);
  EXPECT_TRUE(same_bits(a.time_h(), b.time_h()));
  ASSERT_EQ(a.series_names(), b.series_names());
  for (const auto& name : a.series_names()) EXPECT_TRUE(same_bits(a.series(name), b.series(name))) << name;
  ASSERT_EQ(a.field_names(), b.field_names());
  for (const auto& name : a.field_names()) EXPECT_TRUE(same_bits(a.field_values(name), b.field_values(name))) << name;
  ASSERT_EQ(a.agent_snapshot_count(), b.agent_snapshot_count());
  for (std::size_t k = 0; k < a.agent_snapshot_count(); ++k)
    for (const auto& column : a.agent_columns(k))
      EXPECT_TRUE(same_bits(a.agent_column(k, column), b.agent_column(k, column))) << k << "/" << column;
}

}  // namespace

TEST(Determinism, QuickstartIsBitIdenticalAtOneAndTwoThreads) {
  // The whole built-in quickstart (72 h, 3600 steps, 7 snapshots), unchanged.
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run --quiet --threads 1 -o t1.h5", dir).exit_code, 0);
  ASSERT_EQ(run_mscsim("run --quiet --threads 2 -o t2.h5", dir).exit_code, 0);
  expect_identical_trajectories(dir / "t1.h5", dir / "t2.h5");
  const TrajectoryReader one(dir / "t1.h5"), two(dir / "t2.h5");
  EXPECT_EQ(one.meta_attribute("threads"), "1");
  EXPECT_EQ(two.meta_attribute("threads"), "2");
  EXPECT_GT(one.agent_snapshot_count(), 2u);
}

TEST(Determinism, ThreeDimensionalRunIsBitIdenticalAtOneAndTwoThreads) {
  ScratchDir dir;
  const std::string three_d = kShort + "--set 'tissue.size_voxels=[40,30,6]' ";
  ASSERT_EQ(run_mscsim("run " + three_d + "--threads 1 -o a.h5", dir).exit_code, 0);
  ASSERT_EQ(run_mscsim("run " + three_d + "--threads 2 -o b.h5", dir).exit_code, 0);
  expect_identical_trajectories(dir / "a.h5", dir / "b.h5");
  EXPECT_EQ(TrajectoryReader(dir / "a.h5").field_dims("ifng"), (std::vector<std::uint64_t>{4, 6, 30, 40}));
}

TEST(Determinism, DifferentSeedsGiveDifferentTrajectories) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kShort + "--seed 1 -o a.h5", dir).exit_code, 0);
  ASSERT_EQ(run_mscsim("run " + kShort + "--seed 2 -o b.h5", dir).exit_code, 0);
  const TrajectoryReader a(dir / "a.h5"), b(dir / "b.h5");
  EXPECT_FALSE(same_bits(a.series("agents/cd4_t"), b.series("agents/cd4_t")) &&
               same_bits(a.series("msc/mean_polarization"), b.series("msc/mean_polarization")));
}

TEST(Provenance, StoredScenarioReproducesTheRun) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kShort + "--seed 5 -o first.h5", dir).exit_code, 0);
  const TrajectoryReader first(dir / "first.h5");
  dir.write("stored.toml", first.scenario_toml());
  const auto rerun = run_mscsim("run stored.toml --quiet -o second.h5", dir);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  expect_identical_trajectories(dir / "first.h5", dir / "second.h5");
  EXPECT_EQ(first.meta_attribute("seed"), "5");
  EXPECT_FALSE(first.meta_attribute("git_commit").empty());
  EXPECT_GT(std::stod(first.meta_attribute("agent_steps_per_s")), 0.0);
  EXPECT_GT(std::stod(first.meta_attribute("field_updates_per_s")), 0.0);
}

TEST(Cli, DefaultOutputPathIsOutSlashName) {
  ScratchDir dir;
  const auto r = run_mscsim("run " + kShort, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out/quickstart.h5"));
  EXPECT_FALSE(std::filesystem::exists(dir / "out/quickstart.h5.partial"));
}

TEST(Cli, ShortSummaryByDefaultLongOneWithVerbose) {
  ScratchDir dir;
  const auto r = run_mscsim("run --set run.duration_h=2 -o s.h5", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // What ran and how long it took, the headline readouts, the file: three lines.
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3) << r.out;
  EXPECT_NE(r.out.find("Ran 'quickstart': 2 h"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("s wall"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("balance/msc_balance = "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Wrote s.h5"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("agent-steps/s"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("End of run:"), std::string::npos) << r.out;

  const auto verbose = run_mscsim("run --set run.duration_h=2 -o v.h5 --verbose", dir);
  ASSERT_EQ(verbose.exit_code, 0) << verbose.err;
  EXPECT_NE(verbose.out.find("End of run:"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("agent-steps/s"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("Memory: peak resident"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("v.h5"), std::string::npos) << verbose.out;
  EXPECT_NE(verbose.out.find("  agents/total"), std::string::npos) << verbose.out;
  EXPECT_GT(std::count(verbose.out.begin(), verbose.out.end(), '\n'), 10) << verbose.out;
}

TEST(Cli, CheckPrintsAResolvedScenarioThatLoadsBackIdentically) {
  ScratchDir dir;
  const auto first = run_mscsim("check " + std::string(MSCSIM_SOURCE_DIR) + "/scenarios/quickstart.toml", dir);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("duration_h = 72.0"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("# h"), std::string::npos);  // units in comments
  EXPECT_NE(first.out.find("half_life_h"), std::string::npos);  // defaults filled in
  dir.write("resolved.toml", first.out);
  const auto second = run_mscsim("check resolved.toml", dir);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // Identical apart from the first comment line, which names the file it came from.
  const auto body = [](const std::string& text) { return text.substr(text.find('\n')); };
  EXPECT_EQ(body(first.out), body(second.out));
}

TEST(Cli, InfoSummarisesATrajectory) {
  ScratchDir dir;
  ASSERT_EQ(run_mscsim("run " + kShort + "-o r.h5", dir).exit_code, 0);
  const auto info = run_mscsim("info r.h5", dir);
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("quickstart"), std::string::npos);
  EXPECT_NE(info.out.find("agents/msc"), std::string::npos);
  EXPECT_NE(info.out.find("seed"), std::string::npos);
  EXPECT_EQ(run_mscsim("info nothing.h5", dir).exit_code, 2);
}

TEST(Cli, VersionAndHelp) {
  ScratchDir dir;
  const auto v = run_mscsim("--version", dir);
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_EQ(v.out.rfind("mscsim ", 0), 0u);
  for (const char* command : {"run", "check", "info", "parameters"}) {
    const auto h = run_mscsim(std::string(command) + " --help", dir);
    EXPECT_EQ(h.exit_code, 0) << command;
    EXPECT_NE(h.out.find("mscsim " + std::string(command)), std::string::npos) << command;
  }
  EXPECT_EQ(run_mscsim("frobnicate", dir).exit_code, 2);
}

// Doses through every route into an inflamed tissue (the body compartments, the lattice
// entry and the event log): the same bits at 1 and 2 threads and from the stored scenario,
// whose [[dose]] list and [dose.product] tables must load back.
TEST(Determinism, DoseScenarioIsBitIdenticalAtOneAndTwoThreadsAndFromItsStoredScenario) {
  ScratchDir dir;
  const std::string doses =
      std::string("run ") + MSCSIM_SOURCE_DIR + "/scenarios/body/routes_inflamed.toml --quiet --set run.duration_h=14 ";
  ASSERT_EQ(run_mscsim(doses + "--threads 1 -o d1.h5", dir).exit_code, 0);
  ASSERT_EQ(run_mscsim(doses + "--threads 2 -o d2.h5", dir).exit_code, 0);
  expect_identical_trajectories(dir / "d1.h5", dir / "d2.h5");
  const TrajectoryReader one(dir / "d1.h5"), two(dir / "d2.h5");
  ASSERT_EQ(one.event_kinds(), (std::vector<std::string>{"dose"}));
  EXPECT_EQ(one.event_values("dose", "time_h").size(), 6u);
  for (const auto& column : one.event_columns("dose")) {
    if (one.event_column_is_text("dose", column)) {
      EXPECT_EQ(one.event_texts("dose", column), two.event_texts("dose", column)) << column;
    } else {
      EXPECT_TRUE(same_bits(one.event_values("dose", column), two.event_values("dose", column))) << column;
    }
  }
  EXPECT_GT(one.series("biodistribution/lattice/total").back(), 0.0);
  dir.write("stored.toml", one.scenario_toml());
  const auto rerun = run_mscsim("run stored.toml --quiet --threads 2 -o again.h5", dir);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  expect_identical_trajectories(dir / "d1.h5", dir / "again.h5");
}
