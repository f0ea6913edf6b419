// Unit tests of the innate cell rules (docs/ODD.md section 3.3.3-3.3.6: DC, macrophage, NK) and of
// the competing-event draw they share.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "models/innate/immune_cell_events.hpp"
#include "tests/unit/models/innate/innate_test_support.hpp"

namespace mscsim::models {
namespace {

using testing::medium;
using testing::run_well;

TEST(CompetingEvents, DrawFollowsTheRatesAndNeverExceedsOne) {
  const std::array<double, 3> rates = {1.0, 3.0, 0.0};
  const double dt = 0.1;
  const double p_any = 1.0 - std::exp(-4.0 * dt);
  EXPECT_EQ(draw_competing_event(rates, dt, p_any + 1e-9), -1);
  EXPECT_EQ(draw_competing_event(rates, dt, 0.2 * p_any), 0);  // first quarter -> event 0
  EXPECT_EQ(draw_competing_event(rates, dt, 0.3 * p_any), 1);
  EXPECT_EQ(draw_competing_event(rates, dt, 0.999 * p_any), 1);
  const std::array<double, 2> none = {0.0, 0.0};
  EXPECT_EQ(draw_competing_event(none, dt, 0.0), -1);
  // Huge rates: something surely happens, still one event.
  const std::array<double, 2> huge = {1e6, 1e6};
  EXPECT_GE(draw_competing_event(huge, dt, 0.999), 0);
}

TEST(DendriticCell, MaturesWithDangerSignalOnly) {
  const std::string dcs = "[dc]\ninitial_count = 100\n";
  const auto quiet = run_well(dcs, 24.0);
  EXPECT_EQ(quiet.at("dc/mature"), 0.0);
  EXPECT_EQ(quiet.at("dc/tolerogenic"), 0.0);
  const auto stimulated = run_well(dcs + medium("damp", 10.0), 24.0);
  EXPECT_GT(stimulated.at("dc/mature"), 60.0);
  EXPECT_GT(stimulated.at("fields/il12_mean"), 0.0);
}

TEST(DendriticCell, Pge2BlocksMaturationAndIl12) {
  const std::string dcs = "[dc]\ninitial_count = 100\n" + medium("damp", 10.0);
  const auto plain = run_well(dcs, 12.0);
  const auto pge2 = run_well(dcs + medium("pge2", 10.0), 12.0);
  EXPECT_LT(pge2.at("dc/mature"), 0.5 * plain.at("dc/mature"));
  EXPECT_LT(pge2.at("fields/il12_mean"), 0.2 * plain.at("fields/il12_mean"));
  // The switch removes the block (docs/ODD.md section 2).
  const auto switched_off = run_well(dcs + medium("pge2", 10.0) +
                                         "[suppression.dc_maturation.pge2]\nenabled = false\n",
                                     12.0);
  EXPECT_GT(switched_off.at("dc/mature"), 0.8 * plain.at("dc/mature"));
}

TEST(DendriticCell, AntigenIsPickedUpByImmatureCells) {
  const auto loaded = run_well("[dc]\ninitial_count = 50\n[fields.antigen]\ninitial_ng_per_ml = 5.0\n", 6.0);
  EXPECT_GT(loaded.at("dc/mean_antigen_load"), 0.8);
}

TEST(DendriticCell, LicensedMscContactMakesTolerogenicAndPlasmacytoidCells) {
  const std::string well = "[dc]\ninitial_count = 200\n[msc]\ninitial_count = 300\nprelicensing_ifng_ng_per_ml = 50.0\n"
                           "prelicensing_tnfa_ng_per_ml = 50.0\nprelicensing_h = 48.0\n" +
                           medium("ifng", 50.0) + medium("tnfa", 50.0);
  const auto with_msc = run_well(well, 24.0);
  EXPECT_GT(with_msc.at("dc/tolerogenic"), 0.0);
  EXPECT_GT(with_msc.at("dc/plasmacytoid"), 0.0);
  EXPECT_GT(with_msc.at("dc/tolerogenic"), with_msc.at("dc/plasmacytoid"));
}

TEST(Macrophage, IfnGammaMakesM1AndIl4MakesM2) {
  const std::string macrophages = "[macrophage]\ninitial_count = 100\n";
  const auto none = run_well(macrophages, 24.0);
  EXPECT_EQ(none.at("macrophage/m0"), none.at("agents/macrophage"));
  const auto ifng = run_well(macrophages + medium("ifng", 20.0), 24.0);
  EXPECT_GT(ifng.at("macrophage/m1"), 0.9 * ifng.at("agents/macrophage"));
  EXPECT_GT(ifng.at("fields/tnfa_mean"), 0.0);
  const auto il4 = run_well(macrophages + medium("il4", 20.0), 24.0);
  EXPECT_GT(il4.at("macrophage/m2"), 0.9 * il4.at("agents/macrophage"));
  EXPECT_GT(il4.at("fields/il10_mean"), 0.0);
}

TEST(Macrophage, M1RepolarizeToM2UnderIl4) {
  const auto shifted = run_well("[macrophage]\ninitial_count = 100\ninitial_state = \"m1\"\n" + medium("il4", 20.0), 48.0);
  EXPECT_GT(shifted.at("macrophage/m2"), 0.9 * shifted.at("agents/macrophage"));
}

TEST(NkCell, Il2ActivatesAndExpandsNkCells) {
  const std::string nk = "[nk]\ninitial_count = 100\n";
  const auto resting = run_well(nk, 48.0);
  EXPECT_EQ(resting.at("nk/activated"), 0.0);
  EXPECT_EQ(resting.at("nk/mean_divisions"), 0.0);
  const auto il2 = run_well(nk + medium("il2", 5.0), 48.0);
  EXPECT_GT(il2.at("nk/activated"), 0.9 * il2.at("agents/nk"));
  EXPECT_GT(il2.at("agents/nk"), 120.0);
  EXPECT_GT(il2.at("fields/ifng_mean"), 0.0);
  EXPECT_GT(il2.at("nk/cytotoxic_capacity_per_h"), 0.0);
}

TEST(NkCell, OnlyActivatedNkKillMscsAndKynurenineLowersCytotoxicity) {
  const auto resting = run_well("[msc]\ninitial_count = 300\n[nk]\ninitial_count = 300\nmsc_kill_rate_per_h = 0.02\n", 12.0);
  EXPECT_EQ(resting.at("nk/msc_kills"), 0.0);
  const std::string active = "[msc]\ninitial_count = 300\n[nk]\ninitial_count = 300\ninitial_state = \"activated\"\n"
                             "msc_kill_rate_per_h = 0.02\n";
  const auto killing = run_well(active, 12.0);
  EXPECT_GT(killing.at("nk/msc_kills"), 20.0);
  EXPECT_LE(killing.at("nk/msc_kills") + killing.at("agents/msc"), 300.0);
  const auto inhibited = run_well(active + medium("kyn", 10.0), 12.0);
  EXPECT_LT(inhibited.at("nk/msc_kills"), 0.8 * killing.at("nk/msc_kills"));
}

}  // namespace
}  // namespace mscsim::models
