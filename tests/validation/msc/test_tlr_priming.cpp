// Fact 4, MSC part (docs/ODD.md section 4): TLR4 priming gives MSC1 and TLR3 priming gives
// MSC2 (Waterman 2010: MSCs primed about 1 h with LPS or poly(I:C) and read out about
// 48 h later; MSC1 made more IL-6, MSC2 less).
//
// Measured on the cultured population after the engine ran: wells of
// scenarios/in_vitro/tlr_priming_tlr3.toml (100 MSCs, no cytokines added) with
// msc.priming = "none", "poly_ic_tlr3" and "lps_tlr4"; at 48 h the MSCs in the well are
// classified by phenotype (the share of MSC1 and of MSC2 among the MSCs counted, as a
// phenotype panel would) and the IL-6 they secreted into the medium is read
// (fields/il6_mean). R = 12 seeds, the same in every arm (paired by seed).
//
// Criteria, each by the one-sided 99.95 % bound of the paired Student t interval (11 df):
// TLR4 priming raises the MSC1 share by more than 10 percentage points and the IL-6 in
// the medium above the unprimed wells; TLR3 priming raises the MSC2 share above the
// unprimed wells and lowers the IL-6 below them.
// False-failure rate: each bound fails by chance with probability 5e-4 only if its true
// effect sat on the margin; on the test's seeds the paired t are 11 (MSC2 share), 25,
// 39 and 98 against the critical 4.44: for the smallest to fall below 4.44 the sample sd
// would have to exceed 2.4 times its expectation (chi-square_11 > 65, p about 1e-9) or the
// mean drop by several SE at once with it, which leaves a false-failure rate below 1e-4. Power: with the per-seed
// sd of a share measured on ~100 cells (about 4-10 points), a shift of the MSC2 share by
// 10 points is detected.
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

struct Arm {
  std::vector<double> msc1_percent, msc2_percent, il6;
};

Arm primed(const std::string& priming) {
  const std::string file = scenario_path("in_vitro/tlr_priming_tlr3.toml");
  Arm arm;
  for (std::uint64_t seed : seeds(1501, 12)) {
    const RunSeries run = run_scenario(file, {"msc.priming=\"" + priming + "\""}, seed);
    const double cells = msc_count_at(run, 48.0);
    arm.msc1_percent.push_back(100.0 * value_at(run, "msc/msc1", 48.0) / cells);
    arm.msc2_percent.push_back(100.0 * value_at(run, "msc/msc2", 48.0) / cells);
    arm.il6.push_back(value_at(run, "fields/il6_mean", 48.0));
  }
  std::printf("%-13s at 48 h: MSC1 %5.1f %%, MSC2 %5.1f %%, IL-6 %.4f ng/mL\n", priming.c_str(),
              mean(arm.msc1_percent), mean(arm.msc2_percent), mean(arm.il6));
  return arm;
}

TEST(MscFacts, TlrFourPrimingGivesMsc1AndTlrThreeGivesMsc2) {
  const Arm unprimed = primed("none");
  const Arm tlr3 = primed("poly_ic_tlr3");
  const Arm tlr4 = primed("lps_tlr4");
  std::vector<double> unprimed_plus_10;
  for (double x : unprimed.msc1_percent) unprimed_plus_10.push_back(x + 10.0);
  const PairedDifference msc1_up = paired_difference(tlr4.msc1_percent, unprimed_plus_10);
  const PairedDifference il6_up = paired_difference(tlr4.il6, unprimed.il6);
  const PairedDifference msc2_up = paired_difference(tlr3.msc2_percent, unprimed.msc2_percent);
  const PairedDifference il6_down = paired_difference(unprimed.il6, tlr3.il6);
  print_paired("TLR4: MSC1 share - (unprimed + 10)", msc1_up);
  print_paired("TLR4: IL-6 over unprimed", il6_up);
  print_paired("TLR3: MSC2 share over unprimed", msc2_up);
  print_paired("TLR3: IL-6 below unprimed", il6_down);
  EXPECT_GT(msc1_up.lower(true), 0.0) << "Waterman 2010: TLR4 (LPS) priming gives MSC1";
  EXPECT_GT(il6_up.lower(true), 0.0) << "Waterman 2010: MSC1 secrete more IL-6";
  EXPECT_GT(msc2_up.lower(true), 0.0) << "Waterman 2010: TLR3 (poly(I:C)) priming gives MSC2";
  EXPECT_GT(il6_down.lower(true), 0.0) << "Waterman 2010: MSC2 secrete less IL-6";
}

}  // namespace
}  // namespace mscsim::validation
