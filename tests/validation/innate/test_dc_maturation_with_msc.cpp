// docs/ODD.md section 4, fact 5, dendritic cells (scenarios/in_vitro/dc_msc.toml).
// Spaggiari 2009 (also Jiang 2005; Melief 2013): MSC2-rich conditions leave fewer mature
// DCs and less IL-12. The model's mechanisms: PGE2, IL-6 and IL-10 lower the maturation
// rate and IL-12 output (inhibitor sets dc_maturation, dc_il12), and contact with
// suppressive MSCs shifts DCs toward tolerogenic and plasmacytoid DCs (seed 1).
#include <string>
#include <vector>

#include <iostream>

#include "tests/validation/validation_support.hpp"

namespace mscsim::validation {
namespace {

const std::string kScenario = scenario_path("in_vitro/dc_msc.toml");
constexpr int kReplicates = 6;

// Criterion: Welch t > 6 for (no MSC − MSC) in mature DC count and in mean IL-12, and both
// at most half the control. Measured (seeds 300-305): mature DCs 162 vs 44 (t 32), IL-12
// 0.32 vs 0.015 ng/mL (t 62). With 6 replicates per arm, t falls below 6 only if the
// sample SD exceeds 5 times the true one (chi-square tail < 1e-12): designed
// false-failure rate < 1e-4.
TEST(DcValidation, Msc2RichConditionsReduceMatureDcsAndIl12) {
  std::vector<double> mature_control, mature_msc, il12_control, il12_msc;
  for (int r = 0; r < kReplicates; ++r) {
    const RunSeries c = run_scenario(kScenario, {"msc.initial_count=0"}, 300 + r);
    const RunSeries m = run_scenario(kScenario, {}, 300 + r);
    mature_control.push_back(c.final("dc/mature"));
    mature_msc.push_back(m.final("dc/mature"));
    il12_control.push_back(c.final("fields/il12_mean"));
    il12_msc.push_back(m.final("fields/il12_mean"));
  }
  std::cout << "mature DCs " << mean(mature_control) << " vs " << mean(mature_msc) << " (t "
            << welch_t(mature_control, mature_msc) << "); IL-12 " << mean(il12_control) << " vs " << mean(il12_msc)
            << " (t " << welch_t(il12_control, il12_msc) << ")\n";
  EXPECT_GT(welch_t(mature_control, mature_msc), 6.0);
  EXPECT_GT(welch_t(il12_control, il12_msc), 6.0);
  EXPECT_LT(mean(mature_msc), 0.5 * mean(mature_control));
  EXPECT_LT(mean(il12_msc), 0.5 * mean(il12_control));
}

}  // namespace
}  // namespace mscsim::validation
