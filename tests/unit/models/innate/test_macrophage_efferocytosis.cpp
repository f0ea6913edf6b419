// Unit tests of the efferocytosis of apoptotic MSCs by macrophages
// (models/innate/macrophage_efferocytosis.hpp; Galleu 2017): which MSC deaths leave
// remains, the engulfment draw, the IDO program, and that the switch off leaves no trace.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <string>
#include <vector>

#include "models/common/cell_states.hpp"
#include "models/innate/macrophage_efferocytosis.hpp"
#include "tests/unit/models/innate/innate_test_support.hpp"
#include "tests/unit/models/model_run.hpp"

namespace mscsim::models {
namespace {

using testing::run_well;

const std::string kOn = "[macrophage]\nmsc_efferocytosis_enabled = true\n";

// The macrophage table with the switch on, `count` M0 macrophages and more keys.
std::string macrophages_on(int count, const std::string& more = "") {
  return kOn + "initial_count = " + std::to_string(count) + "\n" + more;
}

// MSCs that die fast in a well without inflammation: unlicensed, so they release no
// kynurenine or PGE2 and do not polarize macrophages themselves.
std::string dying_mscs(int count, double half_life_h) {
  return "[msc]\ninitial_count = " + std::to_string(count) + "\napoptosis_half_life_h = " + std::to_string(half_life_h) +
         "\n";
}

TEST(MacrophageEfferocytosis, OnlyDeathsOnTheLatticeLeaveRemains) {
  EXPECT_TRUE(dies_into_apoptotic_remains(true, false, false));   // killed by NK or CTL
  EXPECT_TRUE(dies_into_apoptotic_remains(false, true, false));   // apoptosis
  EXPECT_TRUE(dies_into_apoptotic_remains(true, true, true));     // killed on its way out
  EXPECT_FALSE(dies_into_apoptotic_remains(false, true, true));   // left through a vessel
  EXPECT_FALSE(dies_into_apoptotic_remains(false, false, false));  // lives on
}

TEST(MacrophageEfferocytosis, EngulfmentRateGrowsWithRemainsAndMacrophagesInContact) {
  EXPECT_EQ(engulfment_probability(0.0, 3, 1.0, 0.1), 0.0);
  EXPECT_EQ(engulfment_probability(1.0, 0, 1.0, 0.1), 0.0);
  EXPECT_NEAR(engulfment_probability(1.0, 1, 1.0, 0.1), 1.0 - std::exp(-0.1), 1e-15);
  EXPECT_NEAR(engulfment_probability(0.5, 4, 2.0, 0.1), 1.0 - std::exp(-0.4), 1e-15);
  EXPECT_LT(engulfment_probability(1.0, 1000, 100.0, 10.0), 1.0 + 1e-15);
  EXPECT_DOUBLE_EQ(ido_hours_left(1.0, 0.25), 0.75);
  EXPECT_EQ(ido_hours_left(0.05, 0.1), 0.0);
}

TEST(MacrophageEfferocytosis, SwitchedOffLeavesNoFieldColumnRuleOrSeries) {
  const std::string cells = dying_mscs(100, 2.0) + "[macrophage]\ninitial_count = 100\n";
  const auto off = run_well(cells, 6.0);
  EXPECT_EQ(off.count("fields/apoptotic_msc_mean"), 0u);
  EXPECT_EQ(off.count("macrophage/efferocytic"), 0u);
  EXPECT_EQ(off.at("macrophage/m2"), 0.0);
  EXPECT_EQ(off.at("fields/kyn_mean"), 0.0);
  testing::ModelRun run("[run]\nduration_h = 1.0\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [10, 10]\n",
                        "off.toml");
  const World& w = run.sim->world();
  EXPECT_FALSE(w.fields().has(kApoptoticMscField));
  EXPECT_FALSE(w.population(w.population_id(population::kMacrophage)).has_column(kEfferocyticIdoColumn));
  for (const auto& rule : run.sim->profile()) EXPECT_EQ(rule.name.find("efferocytosis"), std::string::npos);
}

// Without macrophages and with remains that hardly decay, the remains in the well add up
// to the number of MSCs that died (one cell equivalent each, less the decay since death).
TEST(MacrophageEfferocytosis, EveryDeadMscLeavesOneCellEquivalentOfRemains) {
  const auto r = run_well(kOn + "apoptotic_msc_half_life_h = 10000.0\n" + dying_mscs(200, 5.0), 10.0);
  const double deaths = 200.0 - r.at("agents/msc");
  const double remains = r.at("fields/apoptotic_msc_mean") * 900.0;  // 30 x 30 voxels
  EXPECT_GT(deaths, 50.0);
  EXPECT_LE(remains, deaths + 1e-9);
  EXPECT_GE(remains, deaths * std::exp(-std::log(2.0) * 10.0 / 10000.0) - 1e-9);
}

TEST(MacrophageEfferocytosis, MscsKilledByNkCellsLeaveRemains) {
  const auto r = run_well(kOn + "apoptotic_msc_half_life_h = 10000.0\n" + dying_mscs(300, 1.0e6) +
                              "[nk]\ninitial_count = 300\ninitial_state = \"activated\"\nmsc_kill_rate_per_h = 0.02\n",
                          12.0);
  const double kills = r.at("nk/msc_kills");
  EXPECT_GT(kills, 20.0);
  // Apoptosis at a 10^6 h half-life adds a death now and then; the kills dominate.
  EXPECT_NEAR(r.at("fields/apoptotic_msc_mean") * 900.0, kills, 0.05 * kills + 2.0);
}

// An MSC that sits on a vessel voxel and leaves the tissue through it is not apoptotic.
TEST(MacrophageEfferocytosis, MscsLeavingThroughVesselsLeaveNoRemains) {
  std::string toml = "[run]\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsize_voxels = [50, 50]\n" + kOn +
                     dying_mscs(2000, 1.0e6) + "[recruitment]\negress_per_h = 100.0\n";
  for (const char* p : {"cd4_t", "cd8_t", "treg", "b_cell", "nk", "dc", "macrophage"})
    toml += std::string("[recruitment.") + p + "]\nper_vessel_per_h = 0.0\n";
  testing::ModelRun run(toml, "vessels.toml");
  run.run_to_end();
  std::vector<double> row;
  run.sim->observe(row);
  const auto& series = run.sim->series();
  double departures = -1.0, remains_max = -1.0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].group == "recruitment" && series[i].name == "departures") departures = row[i];
    if (series[i].group == "fields" && series[i].name == "apoptotic_msc_max") remains_max = row[i];
  }
  EXPECT_GT(departures, 10.0);
  EXPECT_EQ(remains_max, 0.0);
}

// Macrophages next to dying MSCs engulf them and turn M2 and IDO-producing; nothing else in
// this well makes M2 or kynurenine.
TEST(MacrophageEfferocytosis, EngulfingMacrophagesTurnM2AndReleaseKynurenine) {
  const std::string cells = dying_mscs(200, 3.0);
  const auto on = run_well(cells + macrophages_on(300), 24.0);
  EXPECT_GT(on.at("macrophage/msc_engulfed"), 50.0);
  EXPECT_GT(on.at("macrophage/efferocytic"), 30.0);
  EXPECT_GE(on.at("macrophage/m2"), on.at("macrophage/efferocytic"));
  EXPECT_GT(on.at("fields/kyn_mean"), 0.0);
  EXPECT_LT(on.at("fields/apoptotic_msc_mean") * 900.0, 0.5 * (200.0 - on.at("agents/msc")));
  // The IDO program is its own part: no kynurenine without it, M2 still.
  const auto no_ido = run_well(cells + macrophages_on(300, "efferocytic_ido_duration_h = 0.0\n"), 24.0);
  EXPECT_GT(no_ido.at("macrophage/m2"), 30.0);
  EXPECT_EQ(no_ido.at("macrophage/efferocytic"), 0.0);
  EXPECT_EQ(no_ido.at("fields/kyn_mean"), 0.0);
  // No engulfment: remains stay until they decay, macrophages stay M0.
  const auto no_engulfment = run_well(cells + macrophages_on(300, "msc_efferocytosis_rate_per_h = 0.0\n"), 24.0);
  EXPECT_EQ(no_engulfment.at("macrophage/msc_engulfed"), 0.0);
  EXPECT_EQ(no_engulfment.at("macrophage/m2"), 0.0);
  EXPECT_GT(no_engulfment.at("fields/apoptotic_msc_mean"), 0.0);
}

// The IDO program lasts efferocytic_ido_duration_h: a macrophage that engulfed once and
// had nothing more to engulf stops producing kynurenine after it.
TEST(MacrophageEfferocytosis, IdoProgramEndsAfterItsDuration) {
  const std::string cells = dying_mscs(100, 0.5) + macrophages_on(300, "efferocytic_ido_duration_h = 6.0\n");
  const auto early = run_well(cells, 5.0);
  const auto late = run_well(cells, 30.0);
  EXPECT_GT(early.at("macrophage/efferocytic"), 20.0);
  EXPECT_EQ(late.at("agents/msc"), 0.0);
  EXPECT_EQ(late.at("macrophage/efferocytic"), 0.0);
  EXPECT_GT(late.at("macrophage/msc_engulfed"), 50.0);
}

TEST(MacrophageEfferocytosis, ResultsAreTheSameForAnyThreadCount) {
  auto run_with = [](int threads) {
    omp_set_num_threads(threads);
    // More than 2048 MSCs and macrophages, so their rules run in several chunks.
    testing::ModelRun run("[run]\nduration_h = 12.0\ndt_h = 0.1\nseed = 8\n[tissue]\nsize_voxels = [100, 100]\n"
                          "[fields.antigen]\ninitial_ng_per_ml = 1.0\n" + macrophages_on(2500) +
                              dying_mscs(2500, 6.0) +
                              "[nk]\ninitial_count = 300\ninitial_state = \"activated\"\n"
                              "[cd8_t]\ninitial_count = 300\ninitial_state = \"ctl\"\n",
                          "threads.toml");
    std::vector<double> all, row;
    while (!run.sim->finished()) {
      run.sim->step();
      run.sim->observe(row);
      all.insert(all.end(), row.begin(), row.end());
    }
    return all;
  };
  const std::vector<double> one = run_with(1);
  const std::vector<double> two = run_with(2);
  omp_set_num_threads(1);
  ASSERT_EQ(one.size(), two.size());
  for (std::size_t i = 0; i < one.size(); ++i)
    ASSERT_TRUE(one[i] == two[i] || (std::isnan(one[i]) && std::isnan(two[i]))) << i;
}

}  // namespace
}  // namespace mscsim::models
