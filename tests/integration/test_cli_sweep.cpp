// mscsim sweep on bad sweep files: exit code 2, one line naming sweep file:line:column and
// the key, before any run starts, and nothing written into the output folder. And a small
// good sweep end to end: files, summary rows, common random numbers, resume, sweep-merge.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "cli_runner.hpp"

using namespace mscsim::test_support;

namespace {

const std::string kBase =
    "[run]\nname = \"tiny\"\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\noutput_every_h = 0.5\n"
    "snapshot_every_h = 0.0\nagent_snapshots = false\n[tissue]\nsize_voxels = [20, 20]\n"
    "[msc]\ninitial_count = 5\n[cd4_t]\ninitial_count = 10\n";

struct BadSweep {
  const char* name;
  std::string sweep;   // the sweep file's text
  std::string expect;  // substring of the one-line message (includes the line:column)
};

void expect_rejected(const BadSweep& c) {
  ScratchDir dir;
  dir.write("base.toml", kBase);
  dir.write("bad.toml", c.sweep);
  std::filesystem::create_directories(dir / "out");
  const CommandResult r = run_mscsim("sweep bad.toml -o out --quiet", dir);
  SCOPED_TRACE(c.name);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(c.expect), std::string::npos) << "stderr was: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "not one line: " << r.err;
  EXPECT_TRUE(std::filesystem::is_empty(dir / "out")) << "the output folder got content";
}

const std::string kHead = "[sweep]\nbase = \"base.toml\"\nreplicates = 2\n";

}  // namespace

TEST(CliSweepBadInput, UnknownScenarioKeyPathNamesTheAxisLine) {
  expect_rejected({"unknown key", kHead + "[[axis]]\nkey = \"msc.initial_cuont\"\nvalues = [1, 2]\n",
                   "bad.toml:5:7: msc.initial_cuont: unknown key"});
}

TEST(CliSweepBadInput, UnknownSweepKey) {
  expect_rejected({"unknown sweep key", "[sweep]\nbase = \"base.toml\"\nreplicate = 2\n", "bad.toml:3:1: sweep.replicate: unknown key"});
}

TEST(CliSweepBadInput, EmptyAxis) {
  expect_rejected({"empty axis", kHead + "[[axis]]\nkey = \"msc.initial_count\"\nvalues = []\n",
                   "bad.toml:6:10: axis.0.values: empty axis"});
}

TEST(CliSweepBadInput, LogRangeThroughZero) {
  expect_rejected({"log range through zero",
                   kHead + "[[axis]]\nkey = \"msc.initial_count\"\nlog_range = { from = 0.0, to = 100.0, points = 3 }\n",
                   "bad.toml:6:22: axis.0.log_range: a log range must lie above zero"});
}

TEST(CliSweepBadInput, SeedAxisWithReplicatesWouldRepeatRuns) {
  expect_rejected({"run.seed axis with replicates", kHead + "[[axis]]\nkey = \"run.seed\"\nvalues = [11, 12]\n",
                   "bad.toml:5:7: run.seed: an axis over run.seed gives each run its seed: it needs replicates = 1"});
}

TEST(CliSweepBadInput, ZeroReplicates) {
  expect_rejected({"zero replicates", "[sweep]\nbase = \"base.toml\"\nreplicates = 0\n",
                   "bad.toml:3:14: sweep.replicates: must be between 1 and 999, got 0"});
}

TEST(CliSweepBadInput, ValueTheScenarioRejectsNamesTheValue) {
  expect_rejected({"out of range", kHead + "[[axis]]\nkey = \"msc.initial_count\"\nvalues = [5, -3]\n",
                   "bad.toml:6:14: msc.initial_count:"});
}

TEST(CliSweepBadInput, WrongTypeInArmSet) {
  expect_rejected({"wrong type in arm",
                   kHead + "[[arm]]\nname = \"a\"\nset = { \"run.duration_h\" = \"long\" }\n",
                   "bad.toml:6:28: run.duration_h: expected a real number, got a string"});
}

TEST(CliSweepBadInput, MalformedToml) {
  expect_rejected({"malformed", "[sweep\nbase = 1\n", "bad.toml:1:"});
}

TEST(CliSweepBadInput, MissingBase) {
  expect_rejected({"missing base", "[sweep]\nbase = \"nowhere.toml\"\n", "bad.toml:2:8: sweep.base: cannot read"});
}

TEST(CliSweepBadInput, ControlNamesNoArm) {
  expect_rejected({"control", "[sweep]\nbase = \"base.toml\"\ncontrol = \"untreated\"\n",
                   "bad.toml:3:11: sweep.control: no arm is named 'untreated'"});
}

TEST(CliSweepBadInput, ZipOfUnequalAxes) {
  expect_rejected({"zip", "[sweep]\nbase = \"base.toml\"\ncombine = \"zip\"\n[[axis]]\nkey = \"msc.initial_count\"\n"
                          "values = [1, 2]\n[[axis]]\nkey = \"run.dt_h\"\nvalues = [0.1, 0.05, 0.025]\n",
                   "bad.toml:8:7: run.dt_h: combine = \"zip\" needs axes of equal length"});
}

TEST(CliSweepBadInput, SampleAxisWithoutSampling) {
  expect_rejected({"sample without sampling",
                   kHead + "[[axis]]\nkey = \"run.dt_h\"\nsample = { from = 0.05, to = 0.1 }\n", "bad.toml:5:7: run.dt_h: 'sample' axes need a [sampling] table"});
}

TEST(CliSweepBadInput, AFolderHoldingAnotherSweepIsRefusedWithoutResume) {
  ScratchDir dir;
  dir.write("base.toml", kBase);
  dir.write("s.toml", kHead);
  const CommandResult first = run_mscsim("sweep s.toml -o out --quiet --jobs 2", dir);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string summary = read_file(dir / "out" / "summary.csv");
  const CommandResult again = run_mscsim("sweep s.toml -o out --quiet", dir);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already holds a sweep; add --resume"), std::string::npos) << again.err;
  dir.write("s.toml", kHead + "# changed\n");
  const CommandResult other = run_mscsim("sweep s.toml -o out --quiet --resume", dir);
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("holds a different sweep file"), std::string::npos) << other.err;
  EXPECT_EQ(read_file(dir / "out" / "summary.csv"), summary);
}

// A two-arm sweep: one row per run, common seeds across arms, resumable, mergeable.
TEST(CliSweep, ArmsShareReplicateSeedsAndTheSummaryHasOneRowPerRun) {
  ScratchDir dir;
  dir.write("base.toml", kBase);
  dir.write("s.toml", "[sweep]\nbase = \"base.toml\"\nreplicates = 3\nseed = 11\ncontrol = \"none\"\n"
                      "[[axis]]\nkey = \"msc.initial_count\"\nvalues = [5, 20]\n"
                      "[[arm]]\nname = \"none\"\nset = { \"msc.initial_count\" = 0 }\naxes = []\n"
                      "[[arm]]\nname = \"treated\"\n");
  const CommandResult r = run_mscsim("sweep s.toml -o out --jobs 2 --quiet", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream csv(dir / "out" / "summary.csv");
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("run_id,arm,point,replicate,seed,status,wall_s,set:msc.initial_count,", 0), 0u) << header;
  EXPECT_NE(header.find("agents/msc:final"), std::string::npos) << header;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(csv, line)) {
    std::vector<std::string> fields;
    std::string field;
    std::stringstream s(line);
    while (std::getline(s, field, ',')) fields.push_back(field);
    rows.push_back(fields);
  }
  ASSERT_EQ(rows.size(), 9u);  // 1 x 3 untreated + 2 x 3 treated
  EXPECT_EQ(rows[0][0], "none-p0000-r000");
  EXPECT_EQ(rows[8][0], "treated-p0001-r002");
  for (const auto& row : rows) EXPECT_EQ(row[5], "ok");
  // Replicate r has the same seed in every arm and at every point; replicates differ.
  for (const auto& row : rows) {
    const auto& same_replicate = rows[std::stoul(row[3])];
    EXPECT_EQ(row[4], same_replicate[4]);
  }
  EXPECT_NE(rows[0][4], rows[1][4]);
  for (const char* id : {"none-p0000-r000", "treated-p0000-r001", "treated-p0001-r002"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / "out" / "runs" / (std::string(id) + ".h5"))) << id;
  }
  // Resume of a complete sweep runs nothing; sweep-merge rebuilds the same table.
  const auto before = std::filesystem::last_write_time(dir / "out" / "runs" / "treated-p0000-r001.h5");
  const CommandResult resumed = run_mscsim("sweep s.toml -o out --resume --quiet", dir);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(std::filesystem::last_write_time(dir / "out" / "runs" / "treated-p0000-r001.h5"), before);
  const std::string summary = read_file(dir / "out" / "summary.csv");
  std::filesystem::remove(dir / "out" / "summary.csv");
  const CommandResult merged = run_mscsim("sweep-merge out --quiet", dir);
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_EQ(read_file(dir / "out" / "summary.csv"), summary);
}

TEST(CliSweep, DryRunPrintsTheTableAndACostAndWritesNothing) {
  ScratchDir dir;
  dir.write("base.toml", kBase);
  dir.write("s.toml", kHead + "[[axis]]\nkey = \"msc.initial_count\"\nlog_range = { from = 1.0, to = 100.0, points = 3 }\n");
  const CommandResult r = run_mscsim("sweep s.toml -o out --dry-run", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("6 runs"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("base-p0002-r001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("msc.initial_count=10 "), std::string::npos) << r.out;  // 1, 10, 100 (integers)
  EXPECT_NE(r.out.find("Estimated cost"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "out"));
}
