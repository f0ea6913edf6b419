// Fact 1a (MODEL.md section 11): MHC-II on MSCs peaks at low IFN-gamma and falls at high
// IFN-gamma (Chan 2006: antigen presentation by MSCs occurs in a narrow window of low
// IFN-gamma).
//
// Design: scenarios/in_vitro/licensing_ifng.toml at IFN-gamma 0, 0.5 and 100 ng/mL,
// 6 seeded replicates each, mean MHC-II per MSC at 48 h.
// Criterion: the 0.5 ng/mL mean exceeds each of the 0 and 100 ng/mL means by a one-sided
// Welch t > 4 and by at least a factor 2 (a clear bell, not a rounding difference).
// Designed false-failure rate: MHC-II is driven by the medium IFN-gamma, which is nearly
// uniform, so replicates differ only through where the MSCs sit; the expected contrast
// is ~0.7 against a between-replicate SD below 1e-3 (t in the hundreds). For t to fall
// below 4 the pooled SD would have to be > 50 times its expected value, which for the
// chi-square with >= 5 degrees of freedom of a Welch denominator has probability far
// below 1e-4 (< 1e-12).
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, MhcIIPeaksAtLowIfnGammaAndFallsAtHigh) {
  const std::string file = scenario_path("in_vitro/licensing_ifng.toml");
  constexpr int kReplicates = 6;
  auto mhc2_at = [&](double dose, std::uint64_t seed) {
    return values_at(replicate_runs(file, medium_dose("ifng", dose), kReplicates, seed), "msc/mean_mhc2", 48.0);
  };
  const std::vector<double> none = mhc2_at(0.0, 1000);
  const std::vector<double> low = mhc2_at(0.5, 2000);
  const std::vector<double> high = mhc2_at(100.0, 3000);
  std::printf("mean mhc2 at 48 h: 0 ng/mL %.4f, 0.5 ng/mL %.4f, 100 ng/mL %.4f\n", mean(none), mean(low), mean(high));
  EXPECT_GT(welch_t(low, none), 4.0);
  EXPECT_GT(welch_t(low, high), 4.0);
  EXPECT_GT(mean(low), 2.0 * mean(none));
  EXPECT_GT(mean(low), 2.0 * mean(high));
}

}  // namespace
}  // namespace mscsim::validation
