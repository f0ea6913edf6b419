// docs/ODD.md section 3.3.2 (Fate) and section 4 (Macrophage), the optional mechanism
// macrophage.msc_efferocytosis_enabled. Galleu 2017 (Sci Transl Med): the recipient's
// cytotoxic cells kill infused MSCs; phagocytes that engulf the apoptotic MSCs produce IDO,
// which the immunosuppression required (MSCs made apoptotic ex vivo, which secrete
// nothing, worked as well). de Witte 2018: monocytes that phagocytose MSCs turn
// anti-inflammatory.
//
// Setting: the NK well of scenarios/in_vitro/nk_msc.toml (IL-2-activated NK cells kill
// MSCs) with 300 M0 macrophages added and the MSCs' own IDO, PGE2 and TSG-6 switched off,
// as for apoptotic MSCs, so that any IDO or M2 signal in the well comes from macrophages
// that have engulfed dying MSCs. Three arms with the same seeds: mechanism off, on, and on
// without the macrophages' IDO (efferocytic kynurenine secretion 0).
#include <iostream>
#include <string>
#include <vector>

#include "tests/validation/validation_support.hpp"

namespace mscsim::validation {
namespace {

const std::string kScenario = scenario_path("in_vitro/nk_msc.toml");
constexpr int kReplicates = 8;
const std::vector<std::string> kWell = {"macrophage.initial_count=300", "msc.ido_enabled=false",
                                        "msc.pge2_enabled=false", "msc.tsg6_enabled=false"};

std::vector<std::string> with(std::vector<std::string> base, const std::vector<std::string>& more) {
  base.insert(base.end(), more.begin(), more.end());
  return base;
}

double time_mean(const RunSeries& run, const std::string& series) { return mean(run.series(series)); }

// Criteria:
// 1. Off: no kynurenine and no M2 macrophage at any output in any replicate (nothing else
//    in this well makes either: exact).
// 2. On (means over replicates): the time-averaged kynurenine exceeds 0.02 ng/mL, the
//    time-averaged M2 count 5 cells, and more than 10 macrophages produce IDO at the end.
// 3. The IDO is what suppresses: the NK cytotoxic capacity at the end falls by more than
//    15 % (paired by seed, mean over replicates) with the mechanism on, and by less than
//    15 % when the engulfing macrophages make no IDO.
// Measured (seeds 500-509 with the mscsim CLI): kynurenine 0.061 (SD 0.004) ng/mL, M2 16.3
// (SD 3.3) cells, IDO-producing macrophages at the end 33 (SD 7); capacity reduction 0.34
// (SD 0.034) with IDO and 0.02 (SD 0.045) without. Each threshold lies at least 8 standard
// errors of the mean (8 replicates) from the measured mean, so a false failure needs a
// deviation of more than 5 standard errors even if the true SD were 1.6 times the
// measured one (normal approximation, < 3e-7 each): designed false-failure rate < 1e-5.
TEST(MacrophageValidation, EngulfingApoptoticMscsMakesMacrophagesIdoProducingAndM2) {
  std::vector<double> kyn_on, m2_on, ido_macrophages_on, reduction_with_ido, reduction_without_ido;
  for (int r = 0; r < kReplicates; ++r) {
    const std::uint64_t seed = 500 + static_cast<std::uint64_t>(r);
    const RunSeries off = run_scenario(kScenario, kWell, seed);
    const RunSeries on = run_scenario(kScenario, with(kWell, {"macrophage.msc_efferocytosis_enabled=true"}), seed);
    const RunSeries no_ido = run_scenario(kScenario,
                                          with(kWell, {"macrophage.msc_efferocytosis_enabled=true",
                                                       "macrophage.efferocytic_kyn_secretion_ng_per_ml_per_h=0"}),
                                          seed);
    for (double k : off.series("fields/kyn_mean")) EXPECT_EQ(k, 0.0);
    for (double m : off.series("macrophage/m2")) EXPECT_EQ(m, 0.0);
    ido_macrophages_on.push_back(on.final("macrophage/efferocytic"));
    kyn_on.push_back(time_mean(on, "fields/kyn_mean"));
    m2_on.push_back(time_mean(on, "macrophage/m2"));
    const double capacity_off = off.final("nk/cytotoxic_capacity_per_h");
    reduction_with_ido.push_back(1.0 - on.final("nk/cytotoxic_capacity_per_h") / capacity_off);
    reduction_without_ido.push_back(1.0 - no_ido.final("nk/cytotoxic_capacity_per_h") / capacity_off);
  }
  std::cout << "kynurenine " << mean(kyn_on) << " ng/mL, M2 " << mean(m2_on) << " cells; NK capacity reduction "
            << mean(reduction_with_ido) << " with macrophage IDO, " << mean(reduction_without_ido) << " without\n";
  EXPECT_GT(mean(kyn_on), 0.02);
  EXPECT_GT(mean(m2_on), 5.0);
  EXPECT_GT(mean(ido_macrophages_on), 10.0);
  EXPECT_GT(mean(reduction_with_ido), 0.15);
  EXPECT_LT(mean(reduction_without_ido), 0.15);
}

}  // namespace
}  // namespace mscsim::validation
