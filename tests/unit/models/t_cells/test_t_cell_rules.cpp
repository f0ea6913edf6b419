// Unit tests of the T-cell rules (docs/ODD.md section 3.3.3-3.3.6): the categorical event draw, the
// precursor-weighted proliferation readout, priming by contact time, IL-2-driven division
// with its CFSE-like count, kynurenine inhibition, helper fates, conversion to induced
// Tregs, CTL tissue damage, thread independence and the thinned CTL contact killing.
#include <gtest/gtest.h>
#include <omp.h>

#include <array>
#include <cmath>
#include <vector>

#include "models/t_cells/t_cell_common.hpp"
#include "models/t_cells/t_cell_readouts.hpp"
#include "t_cell_test_support.hpp"

using namespace mscsim;
using namespace mscsim::models;
using test_support::medium;
using test_support::run_inline;
using test_support::well;

TEST(TCellEventDraw, NothingHappensAboveTheTotalProbabilityAndZeroRatesAreNeverDrawn) {
  const std::array<double, 3> rates = {1.0, 0.0, 3.0};
  const double dt = 0.1;
  const double p_any = -std::expm1(-4.0 * dt);
  EXPECT_EQ(draw_competing_event(rates, dt, p_any + 1e-9), -1);
  EXPECT_EQ(draw_competing_event(rates, dt, 0.0), 0);
  // Event i is drawn with probability r_i / Σr among the steps where something happens.
  int counts[3] = {0, 0, 0};
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const double u = p_any * (i + 0.5) / n;
    const int e = draw_competing_event(rates, dt, u);
    ASSERT_GE(e, 0);
    ++counts[e];
  }
  EXPECT_EQ(counts[1], 0);
  EXPECT_NEAR(counts[0] / static_cast<double>(n), 0.25, 1e-3);
  EXPECT_EQ(draw_competing_event(std::array<double, 2>{0.0, 0.0}, dt, 0.0), -1);
}

TEST(TCellReadouts, MeanDivisionsArePrecursorWeighted) {
  // 4 cells after 2 divisions come from 1 founder; with 1 undivided founder the mean
  // divisions per founder is (2·4/4 + 0) / (4/4 + 1) = 1.
  const std::array<std::int32_t, 5> divisions = {2, 2, 2, 2, 0};
  DivisionCounts counts{};
  PrecursorSums sums;
  add_division_counts(divisions.data(), divisions.size(), counts, sums);
  EXPECT_DOUBLE_EQ(sums.mean(), 1.0);
  EXPECT_DOUBLE_EQ(counts[0], 1.0);
  EXPECT_DOUBLE_EQ(counts[2], 4.0);
  const std::array<std::int32_t, 2> many = {9, 12};
  add_division_counts(many.data(), many.size(), counts, sums);
  EXPECT_DOUBLE_EQ(counts[kMaxDivisionBin], 2.0);
}

TEST(Cd4TCell, NaiveCellsActivateOnlyAfterHoursOfContactWithMatureDcs) {
  const std::string cells =
      "[dc]\ninitial_count = 150\ninitial_state = \"mature\"\n"
      "[cd4_t]\ninitial_count = 300\nantigen_responder_fraction = 1.0\npriming_contact_h = 6.0\n";
  const auto early = run_inline(well(5.0) + cells);  // less than the priming time
  EXPECT_EQ(early["cd4_t/activated"], 0.0);
  const auto later = run_inline(well(24.0) + cells);
  EXPECT_GT(later["cd4_t/activated"] + later["cd4_t/th1"], 20.0);
  // Without antigen-presenting cells nobody activates.
  const auto alone = run_inline(well(24.0) + "[cd4_t]\ninitial_count = 300\nantigen_responder_fraction = 1.0\n");
  EXPECT_EQ(alone["cd4_t/naive"], alone["agents/cd4_t"]);
}

TEST(Cd4TCell, NonRespondersIgnoreTheAntigen) {
  const auto r = run_inline(well(24.0) +
                            "[dc]\ninitial_count = 150\ninitial_state = \"mature\"\n"
                            "[cd4_t]\ninitial_count = 300\nantigen_responder_fraction = 0.0\n");
  EXPECT_EQ(r["cd4_t/naive"], r["agents/cd4_t"]);
}

TEST(Cd4TCell, ActivatedCellsDivideWithIl2AndDaughtersCountTheDivision) {
  const std::string base = well(48.0) + "[cd4_t]\ninitial_count = 100\ninitial_state = \"activated\"\n";
  const auto with_il2 = run_inline(base + medium("il2", 1.0));
  EXPECT_GT(with_il2["agents/cd4_t"], 150.0);
  EXPECT_GT(with_il2["t_proliferation/cd4_mean_divisions"], 0.5);
  double fractions = 0.0;
  for (int k = 0; k < kMaxDivisionBin; ++k) fractions += with_il2["t_proliferation/divisions_" + std::to_string(k)];
  fractions += with_il2["t_proliferation/divisions_8plus"];
  EXPECT_NEAR(fractions, 1.0, 1e-12);
  // No IL-2 in the medium and no IL-2 secretion: no division.
  const auto without = run_inline(base + "il2_secretion_activated_ng_per_ml_per_h = 0.0\n");
  EXPECT_EQ(without["t_proliferation/cd4_mean_divisions"], 0.0);
}

TEST(Cd4TCell, KynurenineSlowsProliferationUnlessTheInhibitorIsSwitchedOff) {
  const std::string base = well(48.0) + "[cd4_t]\ninitial_count = 100\ninitial_state = \"activated\"\n" +
                           medium("il2", 1.0);
  const double free = run_inline(base)["t_proliferation/cd4_mean_divisions"];
  const double starved = run_inline(base + medium("kyn", 2.0))["t_proliferation/cd4_mean_divisions"];
  const double tryptophan = run_inline(base + medium("kyn", 2.0) +
                                       "[suppression.t_proliferation.kyn]\nenabled = false\n")
                                ["t_proliferation/cd4_mean_divisions"];
  EXPECT_LT(starved, 0.3 * free);
  EXPECT_NEAR(tryptophan, free, 0.25 * free);
}

TEST(Cd4TCell, Il12GivesTh1AndIl4GivesTh2) {
  const std::string base = well(48.0) + "[cd4_t]\ninitial_count = 200\ninitial_state = \"activated\"\n";
  const auto th1 = run_inline(base + medium("il12", 5.0));
  EXPECT_GT(th1["cd4_t/th1"], 50.0);
  EXPECT_EQ(th1["cd4_t/th2"], 0.0);
  const auto th2 = run_inline(base + medium("il4", 5.0));
  EXPECT_GT(th2["cd4_t/th2"], 50.0);
  EXPECT_EQ(th2["cd4_t/th1"], 0.0);
}

TEST(Cd4TCell, TgfBetaWithKynurenineMakesInducedTregsAndIl6MakesTh17Instead) {
  const std::string base = well(48.0) + "[cd4_t]\ninitial_count = 200\ninitial_state = \"activated\"\n" +
                           medium("tgfb", 2.0);
  const auto treg = run_inline(base + medium("kyn", 2.0));
  EXPECT_GT(treg["treg/induced"], 40.0);
  EXPECT_EQ(treg["treg/natural"], 0.0);
  const auto th17 = run_inline(base + medium("kyn", 2.0) + medium("il6", 20.0));
  EXPECT_GT(th17["cd4_t/th17"], 40.0);
  EXPECT_LT(th17["treg/induced"], 0.3 * treg["treg/induced"]);
}

TEST(Cd8TCell, CtlsDamageOnlyAntigenBearingTissue) {
  const std::string base =
      "[run]\nduration_h = 24.0\ndt_h = 0.1\nseed = 5\n[tissue]\nsize_voxels = [30, 30]\ntnfa_damage_per_h = 0.0\n"
      "[cd8_t]\ninitial_count = 300\ninitial_state = \"ctl\"\n";
  const auto with_antigen = run_inline(base + "[fields.antigen]\ninitial_ng_per_ml = 1.0\n");
  const auto without = run_inline(base);
  EXPECT_LT(with_antigen["fields/health_mean"], 0.97);
  EXPECT_DOUBLE_EQ(without["fields/health_mean"], 1.0);
}

TEST(Cd8TCell, CtlsKillAllogeneicMscsOnContact) {
  const std::string base = well(48.0) + "[msc]\ninitial_count = 200\napoptosis_half_life_h = 100000.0\n";
  const auto alone = run_inline(base);
  const auto with_ctl = run_inline(base + "[cd8_t]\ninitial_count = 500\ninitial_state = \"ctl\"\n"
                                          "msc_kill_rate_per_h = 0.5\n");
  EXPECT_LT(with_ctl["agents/msc"], alone["agents/msc"] - 20.0);
}

TEST(TCells, MlrIsBitIdenticalAtOneAndTwoThreads) {
  const std::string scenario = well(24.0, 3) +
                               "[msc]\ninitial_count = 60\n[dc]\ninitial_count = 40\ninitial_state = \"mature\"\n"
                               "[cd4_t]\ninitial_count = 200\nantigen_responder_fraction = 0.8\n"
                               "[cd8_t]\ninitial_count = 100\nantigen_responder_fraction = 0.8\n"
                               "[treg]\ninitial_count = 20\n" +
                               medium("il2", 1.0);
  omp_set_num_threads(1);
  const auto one = run_inline(scenario);
  omp_set_num_threads(2);
  const auto two = run_inline(scenario);
  ASSERT_EQ(one.row.size(), two.row.size());
  for (std::size_t i = 0; i < one.row.size(); ++i)
    EXPECT_EQ(one.row[i], two.row[i]) << one.specs[i].group << "/" << one.specs[i].name;
}

// The thinned contact killing of CTLs (ContactKilling) must give every target its own
// kill probability, independently of the other targets, for any number of targets up to
// the neighbourhood size. 400,000 draws per case: the per-target frequency (p = 0.03, sd
// 2.7e-4) and the joint frequency of targets 0 and last (p^2 = 9e-4, sd 4.7e-5) are
// checked within 5.5 sd: a false failure below 1e-6 per comparison.
TEST(ContactKilling, EachTargetDiesWithItsProbabilityIndependently) {
  constexpr int kDraws = 400000;
  const double dt = 0.05;
  const double max_rate = -std::log(1.0 - 0.05) / dt;  // q = 0.05 per candidate
  const double p_kill = 0.03;
  for (int slots : {8, 26}) {
    const ContactKilling killing(max_rate, dt, slots);
    EXPECT_NEAR(killing.candidate, 0.05, 1e-12);
    for (int targets : {1, 3, slots}) {
      std::vector<int> killed(static_cast<std::size_t>(targets), 0);
      int first_and_last = 0;
      for (int i = 0; i < kDraws; ++i) {
        rng::RandomStream stream(7, rng::purpose_id("test.contact_killing"), static_cast<std::uint64_t>(i),
                                 static_cast<std::uint64_t>(slots * 100 + targets));
        const double w = stream.uniform();
        if (w >= killing.any_candidate) continue;
        std::vector<int> hit(static_cast<std::size_t>(targets), 0);
        killing.draw(w, targets, p_kill, stream, [&](int j) { ++hit[static_cast<std::size_t>(j)]; });
        for (int j = 0; j < targets; ++j) {
          EXPECT_LE(hit[static_cast<std::size_t>(j)], 1);
          killed[static_cast<std::size_t>(j)] += hit[static_cast<std::size_t>(j)];
        }
        if (targets > 1 && hit.front() && hit.back()) ++first_and_last;
      }
      const double sd = std::sqrt(p_kill * (1.0 - p_kill) / kDraws);
      for (int j = 0; j < targets; ++j)
        EXPECT_NEAR(killed[static_cast<std::size_t>(j)] / double(kDraws), p_kill, 5.5 * sd)
            << "slots " << slots << ", targets " << targets << ", target " << j;
      if (targets > 1) {
        EXPECT_NEAR(first_and_last / double(kDraws), p_kill * p_kill, 5.5 * std::sqrt(p_kill * p_kill / kDraws))
            << "slots " << slots << ", targets " << targets;
      }
    }
  }
}
