// Bad input: exit code 2, one line naming file, line:column where known and the key,
// and no output file left behind (an existing one untouched).
#include <gtest/gtest.h>

#include "cli_runner.hpp"

using namespace mscsim::test_support;

namespace {

const char* const kValid =
    "[run]\nname = \"tiny\"\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsize_voxels = [20, 20]\n"
    "[msc]\ninitial_count = 5\n[cd4_t]\ninitial_count = 10\n";

struct BadCase {
  const char* name;
  std::string scenario;  // file content ("" = do not create the file)
  std::string extra;     // extra command-line arguments
  std::string expect;    // substring of the one-line message
};

void expect_rejected(const BadCase& c) {
  ScratchDir dir;
  const std::string file = c.scenario.empty() ? "missing.toml" : "bad.toml";
  if (!c.scenario.empty()) dir.write(file, c.scenario);
  // An earlier result at the output path must survive the failed run byte for byte.
  const auto out = dir / "result.h5";
  dir.write("result.h5", "earlier result");
  const CommandResult r = run_mscsim("run " + file + " -o result.h5 --quiet " + c.extra, dir);
  SCOPED_TRACE(c.name);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(c.expect), std::string::npos) << "stderr was: " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "not one line: " << r.err;
  EXPECT_EQ(read_file(out), "earlier result");
  EXPECT_FALSE(std::filesystem::exists(dir / "result.h5.partial"));
  EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

TEST(CliBadInput, MissingFile) { expect_rejected({"missing", "", "", "missing.toml"}); }

TEST(CliBadInput, MalformedTomlNamesLineAndColumn) {
  expect_rejected({"malformed", "[run]\nduration_h = 1.0\ndt_h = = 0.1\n", "", "bad.toml:3:"});
}

TEST(CliBadInput, UnknownKeySuggestsTheClosest) {
  expect_rejected({"unknown", "[run]\ndurration_h = 2.0\n", "", "did you mean 'run.duration_h'"});
  expect_rejected({"unknown-location", "[run]\ndurration_h = 2.0\n", "", "bad.toml:2:"});
}

TEST(CliBadInput, WrongType) {
  expect_rejected({"type", std::string(kValid) + "[fields.ifng]\nhalf_life_h = \"long\"\n", "",
                   "fields.ifng.half_life_h"});
}

TEST(CliBadInput, OutOfRangeNegativeCount) {
  expect_rejected({"negative", "[msc]\ninitial_count = -5\n", "", "msc.initial_count"});
  expect_rejected({"negative-location", "[msc]\ninitial_count = -5\n", "", "bad.toml:2:"});
}

TEST(CliBadInput, TimeStepLargerThanOutputInterval) {
  expect_rejected({"dt", "[run]\ndt_h = 2.0\noutput_every_h = 1.0\n", "", "run.dt_h"});
}

TEST(CliBadInput, OverrideOfUnknownKeyOrBadValue) {
  expect_rejected({"set-unknown", kValid, "--set msc.inital_count=3", "msc.initial_count"});
  expect_rejected({"set-range", kValid, "--set run.dt_h=-1", "run.dt_h"});
  expect_rejected({"set-syntax", kValid, "--set run.dt_h", "--set"});
}

TEST(CliBadInput, BadOptions) {
  expect_rejected({"threads", kValid, "--threads 0", "--threads"});
  expect_rejected({"option", kValid, "--frobnicate", "frobnicate"});
}

TEST(CliCheck, InvalidScenarioExitsTwo) {
  ScratchDir dir;
  dir.write("bad.toml", "[run]\nseed = 1.5\n");
  const CommandResult r = run_mscsim("check bad.toml", dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("run.seed"), std::string::npos) << r.err;
}
