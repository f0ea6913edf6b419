// docs/ODD.md section 4, fact 3 (last part) and section 3 ("Dose-dependent two-faced
// effect"): very few MSCs stimulate a mixed lymphocyte reaction that many MSCs suppress
// (Le Blanc 2003: 10-1,000 MSCs per well of 10^5 lymphocytes stimulated, 10,000-40,000
// inhibited). Nothing in the model reads the dose or the ratio. At the low IFN-gamma of the
// first days an MSC raises MHC-II (bell-shaped in IFN-gamma, Chan 2006) and primes the
// alloreactive CD4 T cells that touch it, adding antigen-presenting capacity to an MLR whose
// priming is APC-limited. Its suppressive mediators stay below their thresholds when MSCs
// are sparse (kynurenine acts steeply, Munn 2005), and the TGF-beta that MSCs release
// constitutively (Di Nicola 2002) only piles up to the level that switches their MHC-II off
// (Romieu-Mourez 2007) when they are dense. So few MSCs stimulate and many suppress
// (TCellValidation.MlrSuppressionRisesWithTheMscToTRatio checks the suppressive side).
//
// Design: R = 50 seeds; per seed the MLR of scenarios/in_vitro/mlr.toml without MSCs
// (matched control) and with 10 MSCs (MSC:T 1:100). Per-seed % suppression of the
// precursor-weighted mean divisions; negative means stimulation.
// Calibration: 1:100 mean -14.8 %, per-seed sd 11.7 on 24 development seeds 9001-9024
// (CD4 -18 %: the stimulation is of the CD4 cells the MSCs prime), and -10.6 %, sd 10.2 on
// the test's own seeds during development; taking -12.5 % and sd 11, the SE with 30 seeds
// is 2.0 and the expected t = mean / SE about -6.2. Development ablation: without MSC
// antigen presentation (t_cell.msc_presentation_mhc2_threshold = 1) 1:100 gives -0.1 %
// (SE 2.3). One MSC among 1,000 T cells (1:1000) gives -4 % with sd 11.5, too little to
// tell from the run-to-run noise at any practical number of runs, so 1:1000 is only
// required not to suppress, by TCellValidation.MlrSuppressionRisesWithTheMscToTRatio
// (Liu 2004).
// With msc.licensing_ifng_alone = 0.5 (fact 9) the effect is smaller: the first 30 of
// the test's seeds gave -9.5 % (SE 2.1, t -4.5), so the test runs 50 seeds: expected
// t about -5.8.
// Criterion: t below -2 (one-sided p about 0.03 for stimulation). It fails only if the
// estimate falls about 3.8 SE short of its expectation: about 7e-5. Designed
// false-failure rate below 1e-4.
#include "mlr_support.hpp"

namespace mscsim::validation {
namespace {

TEST(TCellValidation, VeryLowMscRatiosStimulateTheMlr) {
  constexpr int kReplicates = 50;
  constexpr std::uint64_t kFirstSeed = 7001;
  std::vector<double> at_100;
  for (int r = 0; r < kReplicates; ++r) {
    const std::uint64_t seed = kFirstSeed + static_cast<std::uint64_t>(r);
    const double control = run_mlr({msc_count(0)}, seed)[kMeanDivisions];
    at_100.push_back(percent_suppression(run_mlr({msc_count(10)}, seed)[kMeanDivisions], control));
  }
  const double t_100 = mean(at_100) / standard_error(at_100);
  std::printf("MLR %% suppression at 1:100: %.1f (SE %.1f, t %.1f); negative = stimulation\n", mean(at_100),
              standard_error(at_100), t_100);
  RecordProperty("suppression_1_100_percent", std::to_string(mean(at_100)));
  EXPECT_LT(t_100, -2.0) << "Le Blanc 2003: a few MSCs (1:100) stimulate the MLR";
}

}  // namespace
}  // namespace mscsim::validation
