// Fact 8 (MODEL.md section 11): freshly thawed MSCs suppress less than acclimated ones for
// about a day (François 2012: thawed MSCs showed impaired IFN-gamma-induced IDO and
// suppression, restored after 24 h of culture).
//
// Design: scenarios/in_vitro/thawed_msc.toml (IFN-gamma 50 ng/mL) with
// msc.freshly_thawed = true and false, 8 seeded replicates each.
// Criteria: at 12 h the thawed mean IDO expression per MSC is below 0.6 times the
// acclimated one and the kynurenine in the well (the suppressive output) is lower, each by
// a one-sided Welch t > 4; at 48 h the thawed IDO per MSC is at least 0.9 times the
// acclimated one (equivalence margin of 10 %: Welch t of thawed − 0.9 · acclimated > 4).
// Designed false-failure rate: IDO per MSC is nearly deterministic (the IFN-gamma is
// uniform; SD between replicates ~1e-4, expected ratios 0.35 at 12 h and 0.98 at 48 h,
// so each t is expected in the hundreds). Kynurenine at 12 h varies with potency, noise
// and the thaw losses (SD ~10 % of the mean per replicate) against an expected ratio
// below 0.3: expected t > 15. With ~7 degrees of freedom, t < 4 has probability < 1e-20
// per comparison.
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, FreshlyThawedMscsSuppressLessForAboutADay) {
  const std::string file = scenario_path("in_vitro/thawed_msc.toml");
  constexpr int kReplicates = 8;
  const auto thawed = replicate_runs(file, {"msc.freshly_thawed=true"}, kReplicates, 1000);
  const auto acclimated = replicate_runs(file, {"msc.freshly_thawed=false"}, kReplicates, 2000);

  const std::vector<double> ido_thawed_12 = values_at(thawed, "msc/mean_ido_level", 12.0);
  const std::vector<double> ido_acclimated_12 = values_at(acclimated, "msc/mean_ido_level", 12.0);
  const std::vector<double> kyn_thawed_12 = values_at(thawed, "fields/kyn_mean", 12.0);
  const std::vector<double> kyn_acclimated_12 = values_at(acclimated, "fields/kyn_mean", 12.0);
  const std::vector<double> ido_thawed_48 = values_at(thawed, "msc/mean_ido_level", 48.0);
  const std::vector<double> ido_acclimated_48 = values_at(acclimated, "msc/mean_ido_level", 48.0);
  std::printf("IDO per MSC at 12 h: thawed %.4f, acclimated %.4f (ratio %.2f)\n", mean(ido_thawed_12),
              mean(ido_acclimated_12), mean(ido_thawed_12) / mean(ido_acclimated_12));
  std::printf("kynurenine at 12 h: thawed %.4g, acclimated %.4g (ratio %.2f, t %.3g)\n", mean(kyn_thawed_12),
              mean(kyn_acclimated_12), mean(kyn_thawed_12) / mean(kyn_acclimated_12),
              welch_t(kyn_acclimated_12, kyn_thawed_12));
  std::printf("IDO per MSC at 48 h: thawed %.4f, acclimated %.4f (ratio %.3f)\n", mean(ido_thawed_48),
              mean(ido_acclimated_48), mean(ido_thawed_48) / mean(ido_acclimated_48));

  EXPECT_GT(welch_t_scaled(ido_acclimated_12, ido_thawed_12, 1.0 / 0.6), 4.0);
  EXPECT_GT(welch_t(kyn_acclimated_12, kyn_thawed_12), 4.0);
  EXPECT_GT(welch_t_scaled(ido_thawed_48, ido_acclimated_48, 0.9), 4.0);
}

}  // namespace
}  // namespace mscsim::validation
