// BiodistributionMeanMatchesMatrixExponential (MODEL.md section 7): cohorts move between
// the body compartments by a continuous-time Markov chain, so with constant rates the mean
// counts are n(t)ᵀ = n(0)ᵀ exp(K t) whatever the step. For every route, 1e6 cells are
// given into a quiet tissue (no CXCL12, no IFN-gamma: K constant; no recruitment, no vessel
// egress: lattice MSCs die only by apoptosis, as in target_tissue) and the mean over 12
// seeded replicates is compared with the matrix exponential at 1, 24 and 72 h.
//
// Criterion: each cell moves independently, so a compartment's count is Binomial(n, q),
// q = Σ_i s_i exp(K t)_ij with s the route's split at injection; the mean of R runs has the
// exact standard error sqrt(n q (1 − q) / R). Every place with n q >= 100 (normal
// approximation) must lie within 5.5 of those standard errors; places the chain cannot
// reach must stay empty. At most 5 routes x 3 times x 13 places = 195 comparisons at a
// normal two-sided tail of 3.8e-8 each: designed false-failure rate < 1e-5. (The usual
// "3 standard errors" would fail one comparison in 370, far too often for a suite.) The
// target tissue and the lattice are compared together: the binomial split between them
// (f = V_lattice / V_target) does not change the law of their sum.
#include <array>
#include <cmath>

#include "body_fact_support.hpp"
#include "sim/compartments/compartment_chain.hpp"

namespace mscsim::validation {
namespace {

using models::Compartment;
using models::index_of;
using models::kCompartmentCount;

constexpr int kReplicates = 12;
constexpr double kCells = 1.0e6;
constexpr double kCriterion = 5.5;

const std::vector<std::string> kQuietTissue = {"tissue.size_voxels=[20, 20]",
                                               "run.dt_h=0.1",
                                               "recruitment.basal_fraction=0.0",
                                               "recruitment.egress_per_h=0.0",
                                               "target.volume_ml=0.01",
                                               "dose.0.cells_per_kg=0.0",
                                               "dose.0.cells=1.0e6"};

// Where a cell is put at injection, as probabilities over the compartments (the local
// route's tissue share is counted in target_tissue, which includes the lattice here).
std::array<double, kCompartmentCount> injection_split(const std::string& route, const models::BodyParameters& p) {
  std::array<double, kCompartmentCount> s{};
  if (route == "iv") s[index_of(Compartment::VenousBlood)] = 1.0;
  if (route == "ia") {
    s[index_of(Compartment::Target)] = p.ia_first_pass_arrest_fraction;
    s[index_of(Compartment::VenousBlood)] = 1.0 - p.ia_first_pass_arrest_fraction;
  }
  if (route == "local") {
    s[index_of(Compartment::VenousBlood)] = p.local_systemic_fraction;
    s[index_of(Compartment::TargetTissue)] = 1.0 - p.local_systemic_fraction;
  }
  if (route == "intrathecal") s[index_of(Compartment::Csf)] = 1.0;
  if (route == "ip") s[index_of(Compartment::Peritoneum)] = 1.0;
  return s;
}

void check_route(const std::string& route, std::uint64_t first_seed) {
  std::vector<std::string> assignments = kQuietTissue;
  assignments.push_back("dose.0.route=\"" + route + "\"");
  std::vector<BodyRun> runs;
  for (int r = 0; r < kReplicates; ++r)
    runs.push_back(run_body_scenario("iv_dose.toml", assignments, first_seed + static_cast<std::uint64_t>(r)));

  const BodyRun& first = runs.front();
  const CompartmentChain chain(models::compartment_names(), first.quiet_rates(0));
  const std::array<double, kCompartmentCount> split = injection_split(route, first.parameters);
  const std::vector<std::string> names = models::compartment_names();
  int compared = 0;
  for (double t : {1.0, 24.0, 72.0}) {
    const Eigen::MatrixXd p = chain.transition_matrix(t);
    for (std::size_t j = 0; j < kCompartmentCount; ++j) {
      double q = 0.0;
      for (std::size_t i = 0; i < kCompartmentCount; ++i)
        q += split[i] * p(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      std::vector<double> counts;
      for (const BodyRun& run : runs) {
        const std::size_t row = run.row_at(t);
        double n = run.cohort(0, names[j], row);
        if (j == index_of(Compartment::TargetTissue)) n += run.cohort(0, "lattice", row);
        counts.push_back(n);
      }
      const double expected = kCells * q;
      if (expected < 1e-3) {
        EXPECT_EQ(mean(counts), 0.0) << route << " " << names[j] << " at " << t << " h: unreachable";
        continue;
      }
      if (expected < 100.0 || kCells * (1.0 - q) < 100.0) continue;  // normal approximation too rough
      const double se = std::sqrt(kCells * q * (1.0 - q) / kReplicates);
      EXPECT_NEAR(mean(counts), expected, kCriterion * se)
          << route << ": " << names[j] << " at " << t << " h, expected fraction " << q;
      ++compared;
    }
  }
  EXPECT_GE(compared, 6) << route;
  // The lattice path was exercised where the route feeds the target tissue.
  if (route == "local") {
    EXPECT_GT(first.cohort(0, "lattice", first.row_at(1.0)), 0.0);
  }
}

TEST(BodyFacts, BiodistributionMeanMatchesMatrixExponential) {
  std::uint64_t seed = 7100;
  for (const char* route : {"iv", "ia", "local", "intrathecal", "ip"}) {
    check_route(route, seed);
    seed += kReplicates;
  }
}

}  // namespace
}  // namespace mscsim::validation
