// Fact 4, MSC part (MODEL.md section 11): TLR4 priming gives MSC1 and TLR3 priming gives
// MSC2 (Waterman 2010: MSCs primed about 1 h with LPS or poly(I:C) and read out about
// 48 h later).
//
// Design: scenarios/in_vitro/tlr_priming_tlr3.toml with msc.priming = "none",
// "poly_ic_tlr3" and "lps_tlr4", 8 seeded replicates each, the MSC balance index
// (MSC2 − MSC1) / all MSCs at 48 h.
// Criteria: balance(TLR4) < balance(unprimed) < balance(TLR3), each step by a one-sided
// Welch t > 4 and by at least 0.2 in the index.
// Designed false-failure rate: with ~100 MSCs per well the index of one replicate has a
// binomial-like SD of ~0.05-0.07 against expected steps of ~0.5 (expected Welch t > 15
// with 8 + 8 replicates). t < 4 needs the mean difference to fall by > 11 SE (< 1e-27)
// or the sample SD to exceed ~3.7 times its expectation (chi-square_14 > 190,
// probability < 1e-30); the 0.2 margin is > 4 SE below the expected step.
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, TlrFourPrimingGivesMsc1AndTlrThreeGivesMsc2) {
  const std::string file = scenario_path("in_vitro/tlr_priming_tlr3.toml");
  constexpr int kReplicates = 8;
  auto balance = [&](const char* priming, std::uint64_t seed) {
    return values_at(replicate_runs(file, {std::string("msc.priming=\"") + priming + "\""}, kReplicates, seed),
                     "balance/msc_balance", 48.0);
  };
  const std::vector<double> unprimed = balance("none", 1000);
  const std::vector<double> tlr3 = balance("poly_ic_tlr3", 2000);
  const std::vector<double> tlr4 = balance("lps_tlr4", 3000);
  std::printf("MSC balance at 48 h: LPS/TLR4 %.3f, unprimed %.3f, poly(I:C)/TLR3 %.3f (t %.3g, %.3g)\n", mean(tlr4),
              mean(unprimed), mean(tlr3), welch_t(unprimed, tlr4), welch_t(tlr3, unprimed));
  EXPECT_GT(welch_t(unprimed, tlr4), 4.0);
  EXPECT_GT(welch_t(tlr3, unprimed), 4.0);
  EXPECT_GT(mean(unprimed) - mean(tlr4), 0.2);
  EXPECT_GT(mean(tlr3) - mean(unprimed), 0.2);
}

}  // namespace
}  // namespace mscsim::validation
