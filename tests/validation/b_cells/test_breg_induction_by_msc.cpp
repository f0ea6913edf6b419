// docs/ODD.md section 4, fact 5, B cells (scenarios/in_vitro/b_cell_msc.toml).
// Peng 2015 (also Franquesa 2015): MSCs raise IL-10+ regulatory B cells; Corcione 2006:
// MSCs arrest B proliferation and lower antibody output. In the model activated B cells
// become Bregs faster in contact with suppressive (licensed MSC2) MSCs, and MSC soluble
// factors slow division and antibody secretion (inhibitor sets b_proliferation, b_antibody).
#include <string>
#include <vector>

#include <iostream>

#include "tests/validation/validation_support.hpp"

namespace mscsim::validation {
namespace {

const std::string kScenario = scenario_path("in_vitro/b_cell_msc.toml");
constexpr int kReplicates = 10;

// Criterion: Welch t > 6 for (MSC − no MSC) in Breg count and in the Breg share of B
// cells, and for (no MSC − MSC) in antibody secretion and mean divisions. Measured with 6
// replicates (seeds 500-505): Bregs 28 vs 98 (t 12), share 0.03 vs 0.35, antibody 509 vs
// 52 ng/mL/h, divisions 3.7 vs 0.7. With 10 replicates per arm the expected smallest t is
// ~16 and falls below 6 only if the sample SD exceeds 2.6 times the true one (chi-square
// tail with 9 degrees of freedom < 1e-8): designed false-failure rate < 1e-4.
TEST(BCellValidation, MscsRaiseBregs) {
  std::vector<double> breg_control, breg_msc, share_control, share_msc, antibody_control, antibody_msc,
      divisions_control, divisions_msc;
  for (int r = 0; r < kReplicates; ++r) {
    const RunSeries c = run_scenario(kScenario, {"msc.initial_count=0"}, 500 + r);
    const RunSeries m = run_scenario(kScenario, {}, 500 + r);
    breg_control.push_back(c.final("b_cell/breg"));
    breg_msc.push_back(m.final("b_cell/breg"));
    share_control.push_back(c.final("b_cell/breg") / c.final("agents/b_cell"));
    share_msc.push_back(m.final("b_cell/breg") / m.final("agents/b_cell"));
    antibody_control.push_back(c.final("b_cell/antibody_secretion_ng_per_ml_per_h"));
    antibody_msc.push_back(m.final("b_cell/antibody_secretion_ng_per_ml_per_h"));
    divisions_control.push_back(c.final("b_cell/mean_divisions"));
    divisions_msc.push_back(m.final("b_cell/mean_divisions"));
  }
  std::cout << "Bregs " << mean(breg_control) << " vs " << mean(breg_msc) << " (t " << welch_t(breg_msc, breg_control)
            << "); share " << mean(share_control) << " vs " << mean(share_msc) << "; antibody "
            << mean(antibody_control) << " vs " << mean(antibody_msc) << "; divisions " << mean(divisions_control)
            << " vs " << mean(divisions_msc) << "\n";
  EXPECT_GT(welch_t(breg_msc, breg_control), 6.0);
  EXPECT_GT(welch_t(share_msc, share_control), 6.0);
  EXPECT_GT(welch_t(antibody_control, antibody_msc), 6.0);
  EXPECT_GT(welch_t(divisions_control, divisions_msc), 6.0);
}

}  // namespace
}  // namespace mscsim::validation
