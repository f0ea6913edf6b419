// The run table of a sweep: order, ids, values, common random numbers, and the designs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sim/core/errors.hpp"
#include "sim/sweep/run_plan.hpp"

using namespace mscsim;
using namespace mscsim::sweep;

namespace {

std::vector<PlannedRun> plan_of(const std::string& text) {
  const SweepSpec spec = load_sweep_text(text, "/tmp/s.toml");
  return make_plan(spec, [](const std::string& key) { return key == "msc.initial_count"; });
}

std::string error_of(const std::string& text) {
  try {
    load_sweep_text(text, "s.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(RunPlan, FactorialLastAxisFastestWithArmsAndReplicates) {
  const auto plan = plan_of(
      "[sweep]\nbase = \"b.toml\"\nreplicates = 2\n"
      "[[axis]]\nkey = \"dose.0.cells_per_kg\"\nvalues = [1e6, 2e6]\n"
      "[[axis]]\nkey = \"dose.0.route\"\nvalues = [\"iv\", \"ia\"]\n"
      "[[arm]]\nname = \"untreated\"\nset = { \"dose.0.time_h\" = 1e6 }\naxes = []\n[[arm]]\nname = \"treated\"\n");
  ASSERT_EQ(plan.size(), 2u + 2u * 2u * 2u);
  EXPECT_EQ(plan[0].id, "untreated-p0000-r000");
  EXPECT_EQ(plan[0].axis_values, (std::vector<std::string>{"", ""}));
  ASSERT_EQ(plan[0].overrides.size(), 1u);
  EXPECT_EQ(plan[0].overrides[0].key, "dose.0.time_h");
  EXPECT_EQ(plan[2].id, "treated-p0000-r000");
  EXPECT_EQ(plan[2].axis_values, (std::vector<std::string>{"1e+06", "\"iv\""}));
  EXPECT_EQ(plan[4].axis_values, (std::vector<std::string>{"1e+06", "\"ia\""}));
  EXPECT_EQ(plan[6].axis_values, (std::vector<std::string>{"2e+06", "\"iv\""}));
  EXPECT_EQ(plan[9].id, "treated-p0003-r001");
  EXPECT_EQ(plan[9].overrides.back().value_text, "\"ia\"");
}

TEST(RunPlan, ZipPairsTheIthValues) {
  const auto plan = plan_of("[sweep]\nbase = \"b.toml\"\ncombine = \"zip\"\n"
                            "[[axis]]\nkey = \"a.x\"\nvalues = [1, 2, 3]\n[[axis]]\nkey = \"a.y\"\nvalues = [4, 5, 6]\n");
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[1].axis_values, (std::vector<std::string>{"2", "5"}));
}

TEST(RunPlan, ReplicateSeedsAreCommonAcrossArmsAndPointsAndDistinctAcrossReplicates) {
  const auto plan = plan_of("[sweep]\nbase = \"b.toml\"\nreplicates = 5\nseed = 42\n"
                            "[[axis]]\nkey = \"a.x\"\nvalues = [1, 2, 3]\n[[arm]]\nname = \"p\"\n[[arm]]\nname = \"q\"\n");
  std::set<std::uint64_t> seeds;
  for (const PlannedRun& run : plan) {
    EXPECT_EQ(run.seed, replicate_seed(42, run.replicate));
    seeds.insert(run.seed);
  }
  EXPECT_EQ(seeds.size(), 5u);
  EXPECT_NE(replicate_seed(42, 0), replicate_seed(43, 0));
  EXPECT_LT(replicate_seed(42, 0), std::uint64_t{1} << 62);
}

TEST(RunPlan, RangesIncludeBothEndsExactlyAndIntegerKeysAreRounded) {
  Axis log_axis;
  log_axis.kind = AxisKind::log_range;
  log_axis.log_scale = true;
  log_axis.from = 1e5;
  log_axis.to = 1e8;
  log_axis.points = 4;
  const auto points = range_points(log_axis);
  ASSERT_EQ(points.size(), 4u);
  EXPECT_EQ(points[0], 1e5);
  EXPECT_NEAR(points[1], 1e6, 1e-3);
  EXPECT_NEAR(points[2], 1e7, 1e-2);
  EXPECT_EQ(points[3], 1e8);
  const auto plan = plan_of("[sweep]\nbase = \"b.toml\"\n[[axis]]\nkey = \"msc.initial_count\"\n"
                            "range = { from = 0, to = 10, points = 4 }\n");
  ASSERT_EQ(plan.size(), 4u);
  EXPECT_EQ(plan[1].axis_values[0], "3");  // 3.33 rounded: the key holds an integer
  EXPECT_EQ(plan[2].axis_values[0], "7");
}

TEST(RunPlan, LatinHypercubeHasOnePointPerStratumOnEveryAxis) {
  const auto plan = plan_of("[sweep]\nbase = \"b.toml\"\nseed = 9\n[sampling]\nmethod = \"lhs\"\nsamples = 20\n"
                            "[[axis]]\nkey = \"a.x\"\nsample = { from = 0.0, to = 1.0 }\n"
                            "[[axis]]\nkey = \"a.y\"\nsample = { from = 1.0, to = 100.0, scale = \"log\" }\n");
  ASSERT_EQ(plan.size(), 20u);
  std::set<int> strata_x, strata_y;
  for (const PlannedRun& run : plan) {
    const double x = std::stod(run.axis_values[0]);
    const double y = std::stod(run.axis_values[1]);
    strata_x.insert(static_cast<int>(x * 20));
    strata_y.insert(static_cast<int>(std::log10(y) / 2.0 * 20));
  }
  EXPECT_EQ(strata_x.size(), 20u);
  EXPECT_EQ(strata_y.size(), 20u);
  // Same seed, same design; another seed, another design.
  EXPECT_EQ(plan_of("[sweep]\nbase = \"b.toml\"\nseed = 9\n[sampling]\nmethod = \"lhs\"\nsamples = 20\n"
                    "[[axis]]\nkey = \"a.x\"\nsample = { from = 0.0, to = 1.0 }\n"
                    "[[axis]]\nkey = \"a.y\"\nsample = { from = 1.0, to = 100.0, scale = \"log\" }\n")[7]
                .axis_values,
            plan[7].axis_values);
}

TEST(RunPlan, SaltelliDesignHasABAndOneMixedMatrixPerAxis) {
  const auto plan = plan_of("[sweep]\nbase = \"b.toml\"\n[sampling]\nmethod = \"saltelli\"\nsamples = 8\n"
                            "[[axis]]\nkey = \"a.x\"\nsample = { from = 0.0, to = 1.0 }\n"
                            "[[axis]]\nkey = \"a.y\"\nsample = { from = 0.0, to = 1.0 }\n"
                            "[[axis]]\nkey = \"a.z\"\nsample = { from = 0.0, to = 1.0 }\n");
  ASSERT_EQ(plan.size(), 8u * (3u + 2u));
  // Row 0: A, B, AB1, AB2, AB3; AB_i is A with column i from B.
  const auto& a = plan[0];
  const auto& b = plan[1];
  EXPECT_EQ(a.design_block, "A");
  EXPECT_EQ(b.design_block, "B");
  for (std::size_t i = 0; i < 3; ++i) {
    const auto& ab = plan[2 + i];
    EXPECT_EQ(ab.design_block, "AB" + std::to_string(i + 1));
    EXPECT_EQ(ab.design_row, 0);
    for (std::size_t j = 0; j < 3; ++j) EXPECT_EQ(ab.axis_values[j], j == i ? b.axis_values[j] : a.axis_values[j]);
  }
}

TEST(RunPlan, SweepFileChecksNameLineAndKey) {
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[[axis]]\nkey = \"a.x\"\nvalues = [1]\nrange = { from = 1, to = 2, points = 2 }\n"),
            "s.toml:4:7: axis.0: an axis needs exactly one of values, range, log_range or sample (got 2)");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[[arm]]\nname = \"a b\"\n"),
            "s.toml:4:8: arm.0.name: use letters, digits, '_' and '-' (at most 64)");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[[arm]]\nname = \"a\"\n[[arm]]\nname = \"a\"\n"),
            "s.toml:6:8: arm.1.name: arm name 'a' is used twice");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[[arm]]\nname = \"a\"\naxes = [\"nope\"]\n"),
            "s.toml:5:9: arm.0.axes: 'nope' is not the key of any [[axis]]");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[[axis]]\nkey = \"a.x\"\nrange = { from = 2, to = 1, points = 2 }\n"),
            "s.toml:5:18: axis.0.range: from must not exceed to");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[sampling]\nmethod = \"sobol\"\nsamples = 4\n"),
            "s.toml:4:10: sampling.method: expected \"lhs\" or \"saltelli\", got \"sobol\"");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\n[axis]\nkey = 1\n"), "s.toml:3:1: axis: write axes as [[axis]] tables");
}

// Three axes of 100000 points were planned until memory ran out (found by fuzz_sweep's
// neighbourhood: mscsim exited 3, "out of memory", for a bad sweep file).
TEST(RunPlan, SweepOfMoreThanAMillionRunsIsRefusedBeforePlanning) {
  const std::string axis = "[[axis]]\nkey = \"a.K\"\nrange = { from = 1, to = 2, points = 1000 }\n";
  std::string text = "[sweep]\nbase = \"b.toml\"\nreplicates = 2\n";
  for (const char* k : {"x", "y", "z"}) {
    std::string a = axis;
    a.replace(a.find('K'), 1, k);
    text += a;
  }
  EXPECT_EQ(error_of(text),
            "s.toml:1:1: arm base: the sweep has more than 1000000 runs (arms x points x replicates, 2000000000 up to "
            "this arm); split it or use [sampling]");
  EXPECT_EQ(error_of("[sweep]\nbase = \"b.toml\"\nreplicates = 10\n" + axis.substr(0, axis.size())), "");
}
