// Results converge as dt shrinks (MODEL.md section 0): a scenario run at dt and at dt/2
// gives statistically indistinguishable endpoints. One tissue scenario (the quickstart) and
// one in vitro scenario (the mixed lymphocyte reaction).
//
// Criterion: for each endpoint, Welch's t between the R replicates at dt and the R at dt/2
// (seeds differ between the two sets) must satisfy |t| < 5. With R = 8 per arm (about 14
// degrees of freedom) a true null gives |t| >= 5 with probability about 2e-4 per endpoint;
// the endpoints are checked jointly by requiring at most one of them above 4 and none above
// 5, which keeps the designed false-failure rate of each test below 1e-4. A systematic
// dt error of the size of the run-to-run spread would give |t| near 2 sqrt(R/2) = 4 and
// is reported in the output either way.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "tests/validation/validation_support.hpp"

using namespace mscsim::validation;

namespace {

constexpr int kReplicates = 8;

void expect_converged(const std::string& scenario, std::vector<std::string> common, double dt_h,
                      const std::vector<std::string>& endpoints) {
  auto at = [&](double dt, std::uint64_t first_seed) {
    std::vector<std::string> assignments = common;
    std::ostringstream value;
    value << "run.dt_h=" << dt;
    assignments.push_back(value.str());
    std::vector<RunSeries> runs;
    for (int r = 0; r < kReplicates; ++r) runs.push_back(run_scenario(scenario, assignments, first_seed + r));
    return runs;
  };
  const auto coarse = at(dt_h, 1000);
  const auto fine = at(dt_h / 2.0, 2000);
  int above_four = 0;
  for (const std::string& endpoint : endpoints) {
    std::vector<double> a, b;
    for (const auto& run : coarse) a.push_back(run.final(endpoint));
    for (const auto& run : fine) b.push_back(run.final(endpoint));
    const double t = welch_t(a, b);
    std::cout << scenario << " " << endpoint << ": dt mean " << mean(a) << " (se " << standard_error(a)
              << "), dt/2 mean " << mean(b) << " (se " << standard_error(b) << "), t = " << t << "\n";
    EXPECT_LT(std::abs(t), 5.0) << endpoint;
    if (std::abs(t) > 4.0) ++above_four;
  }
  EXPECT_LE(above_four, 1);
}

}  // namespace

TEST(DtConvergence, TissueQuickstartEndpointsAgreeAtDtAndHalfDt) {
  const std::string file = scenario_path("quickstart.toml");
  // The quickstart's own dt, over its first day.
  expect_converged(file, {"run.duration_h=24", "run.snapshot_every_h=0", "run.agent_snapshots=false"}, 0.02,
                   {"agents/total", "balance/msc_balance", "msc/mean_licensing_level", "tissue/mean_damage"});
}

TEST(DtConvergence, InVitroMlrEndpointsAgreeAtDtAndHalfDt) {
  const std::string file = scenario_path("in_vitro/mlr.toml");
  // The MLR at 1:10 over its first three days, at half and a quarter of its shipped dt.
  expect_converged(file, {"run.duration_h=72", "msc.initial_count=100"}, 0.05,
                   {"t_proliferation/mean_divisions", "agents/cd4_t", "msc/mean_licensing_level"});
}
