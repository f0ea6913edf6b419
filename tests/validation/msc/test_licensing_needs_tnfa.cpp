// Fact 2 (docs/ODD.md section 4): full licensing needs IFN-gamma plus TNF-alpha or IL-1
// (Ren 2008: IFN-gamma together with TNF-alpha, IL-1alpha or IL-1beta was required for MSC
// immunosuppression; none of them alone sufficed; Krampera 2006).
//
// Measured as an outcome: IDO activity, read as kynurenine in the medium after 48 h
// (fields/kyn_mean), of wells of 100 MSCs run through the engine
// (scenarios/in_vitro/licensing_ifng.toml; cytokines in the medium, held by the bath) with
//   none | TNF-alpha 20 alone | IFN-gamma 10 alone | IFN-gamma 10 + TNF-alpha 20 |
//   IFN-gamma 10 + IL-1beta 20 ng/mL (Ren 2008 used 10-20 ng/mL of each).
// R = 8 seeds, the same in every condition (paired by seed).
//
// Criteria, each by the one-sided 99.95 % bound of the paired Student t interval (7 df):
// IFN-gamma + TNF-alpha gives more than 1.5 times the kynurenine of IFN-gamma alone, and
// IFN-gamma + IL-1beta more than 1.5 times; TNF-alpha alone gives less than a tenth of
// IFN-gamma + TNF-alpha (no IFN-gamma, no IDO).
// False-failure rate: each bound fails by chance with probability 5e-4 only if its true
// effect sat exactly on the margin; the measured effects (docs/ODD.md section 4) are far
// from their margins (3.4-fold against 1.5; paired t 99 and -77 against the critical
// 5.41), so below 1e-4 for the test. Power: with the per-seed sd measured (about 2 % of
// the mean), a co-licensing gain of 1.6-fold (instead of the margin 1.5) is detected.
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, FullLicensingNeedsIfnGammaPlusTnfAlpha) {
  const std::string file = scenario_path("in_vitro/licensing_ifng.toml");
  const std::vector<std::uint64_t> seed_list = seeds(1301, 8);
  auto kyn_48h = [&](const std::vector<std::string>& medium) {
    std::vector<double> out;
    for (std::uint64_t seed : seed_list) out.push_back(value_at(run_scenario(file, medium, seed), "fields/kyn_mean", 48.0));
    return out;
  };
  const auto ifng = medium_dose("ifng", 10.0);
  const std::vector<double> none = kyn_48h(medium_dose("ifng", 0.0));
  const std::vector<double> tnfa_alone = kyn_48h(joined(medium_dose("ifng", 0.0), medium_dose("tnfa", 20.0)));
  const std::vector<double> ifng_alone = kyn_48h(ifng);
  const std::vector<double> ifng_tnfa = kyn_48h(joined(ifng, medium_dose("tnfa", 20.0)));
  const std::vector<double> ifng_il1b = kyn_48h(joined(ifng, medium_dose("il1b", 20.0)));
  std::printf("kynurenine at 48 h (ng/mL): none %.3g, TNF-alpha alone %.3g, IFN-gamma alone %.3g, IFN-gamma + "
              "TNF-alpha %.3g (x%.2f), IFN-gamma + IL-1beta %.3g (x%.2f)\n",
              mean(none), mean(tnfa_alone), mean(ifng_alone), mean(ifng_tnfa), mean(ifng_tnfa) / mean(ifng_alone),
              mean(ifng_il1b), mean(ifng_il1b) / mean(ifng_alone));
  const PairedDifference with_tnfa = paired_margin(ifng_tnfa, ifng_alone, 1.5);
  const PairedDifference with_il1b = paired_margin(ifng_il1b, ifng_alone, 1.5);
  const PairedDifference tnfa_only = paired_margin(tnfa_alone, ifng_tnfa, 0.1);
  print_paired("IFN + TNF minus 1.5 x IFN alone", with_tnfa);
  print_paired("IFN + IL-1beta minus 1.5 x IFN alone", with_il1b);
  print_paired("TNF alone minus 0.1 x (IFN + TNF)", tnfa_only);
  EXPECT_GT(with_tnfa.lower(true), 0.0) << "Ren 2008: IFN-gamma needs TNF-alpha for full licensing";
  EXPECT_GT(with_il1b.lower(true), 0.0) << "Ren 2008: IL-1 co-licenses like TNF-alpha";
  EXPECT_LT(tnfa_only.upper(true), 0.0) << "Ren 2008: TNF-alpha alone does not license";
}

}  // namespace
}  // namespace mscsim::validation
