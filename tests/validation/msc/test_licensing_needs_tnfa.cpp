// Fact 2 (MODEL.md section 11): full licensing needs IFN-gamma plus TNF-alpha (Ren 2008:
// IFN-gamma together with TNF-alpha or IL-1 was required for MSC immunosuppression;
// Krampera 2006).
//
// Design: scenarios/in_vitro/licensing_ifng.toml (IFN-gamma 10 ng/mL alone) against
// scenarios/in_vitro/licensing_ifng_tnfa.toml (IFN-gamma 10 + TNF-alpha 20 ng/mL),
// 8 seeded replicates each, at 48 h: mean licensing, mean IDO expression and the
// kynurenine (IDO activity) in the well.
// Criteria: with TNF-alpha each readout exceeds IFN-gamma alone by a one-sided Welch
// t > 4 and by at least a factor 1.5 (licensing, IDO) or 2 (kynurenine, which also
// carries the MSC2 shift).
// Designed false-failure rate: licensing and IDO are nearly deterministic (between-
// replicate SD ~1e-4 against a contrast ~0.3). Kynurenine varies with the per-cell
// potency and polarization noise (SD ~5 % of the mean per replicate, measured) against
// a contrast of several times the mean: expected Welch t > 20. With ~7 degrees of freedom
// t < 4 needs the sample SD to exceed 5 times its expectation (chi-square_7 > 175,
// probability < 1e-30) or the mean to move by > 10 SE (< 1e-20).
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, FullLicensingNeedsIfnGammaPlusTnfAlpha) {
  constexpr int kReplicates = 8;
  const auto alone = replicate_runs(scenario_path("in_vitro/licensing_ifng.toml"), {}, kReplicates, 1000);
  const auto with_tnfa = replicate_runs(scenario_path("in_vitro/licensing_ifng_tnfa.toml"), {}, kReplicates, 2000);
  const struct {
    const char* series;
    double ratio;
  } readouts[] = {{"msc/mean_licensing_level", 1.5}, {"msc/mean_ido_level", 1.5}, {"fields/kyn_mean", 2.0}};
  for (const auto& readout : readouts) {
    const std::vector<double> a = values_at(alone, readout.series, 48.0);
    const std::vector<double> b = values_at(with_tnfa, readout.series, 48.0);
    std::printf("%s at 48 h: IFN-gamma alone %.4g, with TNF-alpha %.4g (ratio %.2f, Welch t %.3g)\n", readout.series,
                mean(a), mean(b), mean(b) / mean(a), welch_t(b, a));
    EXPECT_GT(welch_t(b, a), 4.0) << readout.series;
    EXPECT_GT(mean(b), readout.ratio * mean(a)) << readout.series;
  }
}

}  // namespace
}  // namespace mscsim::validation
