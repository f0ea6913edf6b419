// docs/ODD.md section 4, fact 4 (T-cell part): TLR4-primed MSCs (LPS -> MSC1) leave more Th1
// cells, TLR3-primed MSCs (poly(I:C) -> MSC2) more Tregs (Waterman 2010). The T cells do not
// know how the MSCs were primed: MSC1 release little IDO, PGE2 and TGF-beta, so Th1 cells
// expand, while MSC2 release kynurenine and TGF-beta, which suppress proliferation and turn
// activated CD4 cells into induced Tregs (docs/ODD.md section 3.3.3-3.3.6).
//
// Design: R = 20 seeds; per seed the MLR at MSC:T 1:3 (333 MSCs) with msc.priming =
// "lps_tlr4" and with "poly_ic_tlr3". End-of-run Th1 and Treg counts, compared by Welch's t.
// Calibration (development seeds 9001-9012, after the in vitro recalibration to ng/mL
// IFN-gamma): Th1 about 507 vs 239 and Treg about 73 vs 52, Welch t about 24 and 5.2 with
// 12 + 12 runs, so about 31 and 6.7 with 20 + 20. Criteria: t above 2.5 for each (one-sided
// p about 0.01 for the direction). The expected t lies at least 4.2 above the threshold
// (the t statistic has a spread of about 1: chance failure about 1.3e-5), so the designed
// false-failure rate is below 1e-4.
#include "mlr_support.hpp"

namespace mscsim::validation {
namespace {

TEST(TCellValidation, TlrFourPrimedMscsGiveMoreTh1AndTlrThreeMoreTreg) {
  constexpr int kReplicates = 20;
  constexpr std::uint64_t kFirstSeed = 4001;
  std::vector<double> th1_tlr4, th1_tlr3, treg_tlr4, treg_tlr3;
  for (int r = 0; r < kReplicates; ++r) {
    const std::uint64_t seed = kFirstSeed + static_cast<std::uint64_t>(r);
    const MlrEnd tlr4 = run_mlr({msc_count(333), "msc.priming=\"lps_tlr4\""}, seed);
    const MlrEnd tlr3 = run_mlr({msc_count(333), "msc.priming=\"poly_ic_tlr3\""}, seed);
    th1_tlr4.push_back(tlr4["cd4_t/th1"]);
    th1_tlr3.push_back(tlr3["cd4_t/th1"]);
    treg_tlr4.push_back(tlr4["agents/treg"]);
    treg_tlr3.push_back(tlr3["agents/treg"]);
  }
  std::printf("Th1: TLR4 %.1f vs TLR3 %.1f (t %.1f); Treg: TLR3 %.1f vs TLR4 %.1f (t %.1f)\n", mean(th1_tlr4),
              mean(th1_tlr3), welch_t(th1_tlr4, th1_tlr3), mean(treg_tlr3), mean(treg_tlr4),
              welch_t(treg_tlr3, treg_tlr4));
  EXPECT_GT(welch_t(th1_tlr4, th1_tlr3), 2.5) << "Waterman 2010: TLR4-primed MSC1 favour Th1";
  EXPECT_GT(welch_t(treg_tlr3, treg_tlr4), 2.5) << "Waterman 2010: TLR3-primed MSC2 favour Treg";
}

}  // namespace
}  // namespace mscsim::validation
