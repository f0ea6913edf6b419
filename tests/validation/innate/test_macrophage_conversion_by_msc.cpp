// docs/ODD.md section 4, fact 5, macrophages (scenarios/in_vitro/macrophage_msc.toml).
// Németh 2009 (seed 2; Choi 2011): MSCs convert M1 macrophages to M2. In the model the
// MSCs are licensed by IFN-gamma in the medium and TNF-alpha from the M1 cells; their
// PGE2 makes macrophages release IL-10 (which damps the M1 drive and adds to the M2
// drive) and TSG-6 contact pushes neighbours to M2.
#include <string>
#include <vector>

#include <iostream>

#include "tests/validation/validation_support.hpp"

namespace mscsim::validation {
namespace {

const std::string kScenario = scenario_path("in_vitro/macrophage_msc.toml");
constexpr int kReplicates = 6;

// Criterion: Welch t > 6 for (MSC − no MSC) in the M2 fraction of macrophages and for
// (no MSC − MSC) in M1 count, and the M2 fraction with MSCs above 0.4. Measured (seeds
// 400-405): M2 fraction 0.0 vs 0.74, M1 277 vs 73 (t 63). With 6 replicates per arm, t
// falls below 6 only if the sample SD exceeds 10 times the true one: designed
// false-failure rate < 1e-4.
TEST(MacrophageValidation, MscsConvertM1MacrophagesToM2) {
  std::vector<double> m2_fraction_control, m2_fraction_msc, m1_control, m1_msc;
  auto m2_fraction = [](const RunSeries& run) {
    const double m1 = run.final("macrophage/m1"), m2 = run.final("macrophage/m2"), m0 = run.final("macrophage/m0");
    return m2 / (m0 + m1 + m2);
  };
  for (int r = 0; r < kReplicates; ++r) {
    const RunSeries c = run_scenario(kScenario, {"msc.initial_count=0"}, 400 + r);
    const RunSeries m = run_scenario(kScenario, {}, 400 + r);
    m2_fraction_control.push_back(m2_fraction(c));
    m2_fraction_msc.push_back(m2_fraction(m));
    m1_control.push_back(c.final("macrophage/m1"));
    m1_msc.push_back(m.final("macrophage/m1"));
  }
  std::cout << "M2 fraction " << mean(m2_fraction_control) << " vs " << mean(m2_fraction_msc) << "; M1 "
            << mean(m1_control) << " vs " << mean(m1_msc) << " (t " << welch_t(m1_control, m1_msc) << ")\n";
  EXPECT_GT(welch_t(m2_fraction_msc, m2_fraction_control), 6.0);
  EXPECT_GT(welch_t(m1_control, m1_msc), 6.0);
  EXPECT_GT(mean(m2_fraction_msc), 0.4);
}

}  // namespace
}  // namespace mscsim::validation
