// Fact 1b (docs/ODD.md section 4): IDO activity rises with the IFN-gamma dose and with the
// priming time (Boyt 2020: IDO grew with IFN-gamma dose and duration of licensing; Meisel
// 2004: IFN-gamma-induced IDO, read as kynurenine in the supernatant, mediates MSC
// suppression).
//
// Measured as an experimenter measures IDO activity: kynurenine in the medium
// (fields/kyn_mean) of wells of scenarios/in_vitro/licensing_ifng.toml (100 MSCs run
// through the engine: IDO expression, polarization noise, potency, secretion into the
// medium, where kynurenine has a 6 h half-life, so it reports the activity of the last
// hours rather than a sum since seeding) at IFN-gamma 0, 1, 10 and 100 ng/mL, sampled at
// 12, 24 and 48 h. R = 8 seeds, the same in every well (paired by seed).
//
// Criteria: (a) at 24 h and at 48 h kynurenine at each dose exceeds the next lower dose,
// and (b) at 10 and at 100 ng/mL kynurenine at 24 h exceeds that at 12 h and at 48 h that
// at 24 h, each by the one-sided 99.95 % bound of the paired Student t interval (7 df);
// and (c) at 48 h, 100 ng/mL gives at least 1.5 times the kynurenine of 1 ng/mL (paired
// margin, same bound).
// False-failure rate: 11 bounds, each failing by chance with probability 5e-4 only if its
// true effect sat on zero; on the test's seeds every paired t is at least 17 (1 vs 0
// ng/mL at 48 h; the others 51-87) against the critical 5.41, so a failure would need the
// sample sd to exceed about 3 times its expectation or the mean to drop by > 10 SE: the
// test's false-failure rate is far below 1e-4. Power: with the per-seed sd of the paired
// differences (2-17 % of the mean), a rise of 20 % between neighbouring doses or times
// is detected.
#include <cstdio>

#include "tests/validation/msc/msc_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(MscFacts, IdoRisesWithIfnGammaDoseAndPrimingTime) {
  const std::string file = scenario_path("in_vitro/licensing_ifng.toml");
  const std::vector<double> doses = {0.0, 1.0, 10.0, 100.0};
  const std::vector<std::uint64_t> seed_list = seeds(1201, 8);
  std::vector<std::vector<RunSeries>> runs(doses.size());
  for (std::size_t i = 0; i < doses.size(); ++i)
    for (std::uint64_t seed : seed_list) runs[i].push_back(run_scenario(file, medium_dose("ifng", doses[i]), seed));
  auto kyn = [&](std::size_t dose, double t) { return values_at(runs[dose], "fields/kyn_mean", t); };

  for (std::size_t i = 0; i < doses.size(); ++i)
    std::printf("kynurenine at %5.1f ng/mL IFN-gamma: 12 h %.3g, 24 h %.3g, 48 h %.3g ng/mL\n", doses[i],
                mean(kyn(i, 12)), mean(kyn(i, 24)), mean(kyn(i, 48)));
  for (double t : {24.0, 48.0}) {
    for (std::size_t i = 1; i < doses.size(); ++i) {
      const PairedDifference d = paired_difference(kyn(i, t), kyn(i - 1, t));
      print_paired(std::to_string(static_cast<int>(t)) + " h, dose step " + std::to_string(i) + " (ng/mL kyn)", d);
      EXPECT_GT(d.lower(true), 0.0) << "Boyt 2020: more IFN-gamma, more IDO activity (" << doses[i] << " ng/mL, "
                                    << t << " h)";
    }
  }
  for (std::size_t i : {std::size_t{2}, std::size_t{3}}) {
    const PairedDifference first_day = paired_difference(kyn(i, 24), kyn(i, 12));
    const PairedDifference second_day = paired_difference(kyn(i, 48), kyn(i, 24));
    print_paired("dose " + std::to_string(i) + ": 24 h over 12 h", first_day);
    print_paired("dose " + std::to_string(i) + ": 48 h over 24 h", second_day);
    EXPECT_GT(first_day.lower(true), 0.0) << "Boyt 2020: longer priming, more IDO activity (" << doses[i] << ")";
    EXPECT_GT(second_day.lower(true), 0.0) << "Boyt 2020: longer priming, more IDO activity (" << doses[i] << ")";
  }
  const PairedDifference span = paired_margin(kyn(3, 48), kyn(1, 48), 1.5);
  print_paired("48 h: 100 ng/mL minus 1.5 x 1 ng/mL", span);
  EXPECT_GT(span.lower(true), 0.0);
}

}  // namespace
}  // namespace mscsim::validation
