// BiodistributionMeanMatchesMatrixExponential (docs/ODD.md section 3.3.7): "the stochastic
// biodistribution mean equals the matrix-exponential expectation (within 3 standard
// errors) for each route."
//
// Design. For every route, 1e6 cells are given into a quiet tissue (no CXCL12, no
// IFN-gamma: K constant; no recruitment, no vessel egress: lattice MSCs die only by
// apoptosis, as in target_tissue), 12 seeded replicates, dt 0.1 h. The target tissue and
// the lattice are counted together (the lattice's share is a binomial thinning of the
// target tissue, f = V_lattice / V_target, which does not change the law of their sum).
//
// Why the counts are exactly multinomial. A chain step draws, per compartment, one
// multinomial over the row of P = exp(K dt) (sim/compartments/compartment_chain.cpp,
// sequential exact binomials): the same law as every cell choosing its next place by that
// row on its own. The injection splits are per-cell binomials too (ia arrest, local
// systemic share). So the cells move independently, each by the chain with
// P^m = exp(K m dt), and a cell given with split s is in place j at time t with
// probability q_j = (s exp(K t))_j. Summed over R replicates with independent seeds, the
// counts are Multinomial(R n, q), and one replicate's count in j is Binomial(n, q_j).
// Not exact, and negligible: lattice agents die by the MSC's own draw (apoptosis competing
// with movement), a per-step probability 2.5 % below the chain's target_tissue → cleared; on the
// ~3,800 local-route lattice agents (12 runs) that moves about 35 cells by 72 h against a
// standard deviation of about 1,700 in that place (0.02 SE).
//
// Criteria.
//   1. Joint, "within 3 standard errors" for each route: at 24 h (the redistribution
//      under way; one time per route), Pearson's X² of the counts summed over the 12
//      replicates against R n q over the reachable places (a place expecting fewer than 50
//      cells would be pooled into one bin; none is), df = bins − 1, is turned into the
//      normal-equivalent deviate z = Φ⁻¹(1 − p), p = P(χ²_df > X²); z < 3 for every route.
//      Per route P(z >= 3) = 1.35e-3 (a Monte Carlo of this X² with each route's 24 h q,
//      4e5 multinomial draws per route, gave 1.24e-3 to 1.41e-3); 5 independent routes: designed
//      false-failure rate 1 − (1 − 1.35e-3)^5 = 6.7e-3.
//   2. Place by place, a guard against a bias local to one place: at 1, 24 and 72 h every
//      place with n q >= 100 and n (1 − q) >= 100 per run lies within 5.0 exact standard
//      errors sqrt(n q (1 − q) / R) of n q; unreachable places (n q < 1e-3) stay empty.
//      At most 100 such comparisons (asserted; 99 with the defaults), two-sided normal
//      tail 5.7e-7 each (the exact binomial tail is at most 1.2 times that for counts of
//      1,200 and more): designed false-failure rate < 6.9e-5 by Bonferroni.
//   Together: designed false-failure rate 6.8e-3, below 1 % (seeded, so a given build
//   passes or fails for good; the rate is that of a change of the random streams).
//
// Calibration (seeds 7100-7159, 12 per route). Joint at 24 h, X² (df) and z:
// iv 11.32 (9), 0.66; ia 6.44 (9), −0.51; local 3.69 (8), −1.20; intrathecal 6.81 (10),
// −0.65; ip 2.55 (3), 0.09 — all at least 2.3 SE inside the criterion. (Not criteria: z at
// 1 h from −1.97 to 0.20, at 72 h from −1.54 to 1.82.) Place by place: largest deviation
// 2.79 SE (iv), 2.38 (ia), 1.08 (local), 1.89 (intrathecal), 2.39 (ip), 99 comparisons.
// The smallest bin of X² expects 105 cells (local, venous blood at 24 h).
#include <algorithm>
#include <array>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <utility>
#include <vector>

#include "body_fact_support.hpp"
#include "sim/compartments/compartment_chain.hpp"

namespace mscsim::validation {
namespace {

using models::Compartment;
using models::index_of;
using models::kCompartmentCount;

constexpr int kReplicates = 12;
constexpr double kCells = 1.0e6;
constexpr double kJointTime_h = 24.0;          // the one time of the joint (X²) comparison
constexpr double kJointCriterion = 3.0;        // z < 3: within 3 standard errors
constexpr double kSmallestBinCells = 50.0;     // expected cells in a bin of X², pooled below
constexpr double kPlaceCriterion = 5.0;        // |mean − expected| < 5.0 SE, place by place
constexpr int kMostPlaceComparisons = 100;     // the Bonferroni budget of kPlaceCriterion
constexpr double kSmallestPlaceCells = 100.0;  // expected cells per run for the place check

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

// Upper tail Q(a, x) of the regularized incomplete gamma function: P(χ²_{2a} > 2x).
// Series below a + 1, Lentz's continued fraction above (Press et al., Numerical Recipes 6.2).
double upper_incomplete_gamma(double a, double x) {
  if (x <= 0.0) return 1.0;
  const double log_prefactor = a * std::log(x) - x - std::lgamma(a);
  if (x < a + 1.0) {
    double term = 1.0 / a, sum = term;
    for (int n = 1; n < 1000 && std::abs(term) > 1e-17 * std::abs(sum); ++n) {
      term *= x / (a + n);
      sum += term;
    }
    return 1.0 - sum * std::exp(log_prefactor);
  }
  const double tiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / tiny, d = 1.0 / b, h = d;
  for (int n = 1; n < 1000; ++n) {
    const double an = -n * (n - a);
    b += 2.0;
    d = an * d + b;
    if (std::abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::abs(delta - 1.0) < 1e-16) break;
  }
  return std::exp(log_prefactor) * h;
}

// The normal deviate z with the same one-sided upper tail: P(Z > z) = p.
double normal_equivalent_deviate(double p) {
  if (p <= 0.0) return std::numeric_limits<double>::infinity();
  double low = -40.0, high = 40.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    (0.5 * std::erfc(mid / std::sqrt(2.0)) > p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

struct JointComparison {
  std::vector<std::pair<double, double>> bins;  // (observed, expected) cells
  double chi_square = 0.0;
  int degrees_of_freedom = 0;
  double p_value = 1.0;
  double z = 0.0;
};

// Pearson's X² of the cells counted over all replicates, Multinomial(R n, q), against the
// expected R n q. Places expecting fewer than kSmallestBinCells are pooled into one bin (and
// that bin into the smallest other one if it is still short); unreachable places (q = 0)
// are left out, and checked to be empty elsewhere.
JointComparison pearson(const std::array<double, kCompartmentCount>& counts,
                        const std::array<double, kCompartmentCount>& expected) {
  std::vector<std::pair<double, double>> bins;  // (observed, expected)
  std::pair<double, double> pooled{0.0, 0.0};
  for (std::size_t j = 0; j < kCompartmentCount; ++j) {
    if (expected[j] < 1e-3) continue;
    if (expected[j] < kSmallestBinCells) {
      pooled.first += counts[j];
      pooled.second += expected[j];
    } else {
      bins.emplace_back(counts[j], expected[j]);
    }
  }
  if (pooled.second > 0.0) {
    if (pooled.second >= kSmallestBinCells || bins.empty()) {
      bins.push_back(pooled);
    } else {
      auto smallest =
          std::min_element(bins.begin(), bins.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
      smallest->first += pooled.first;
      smallest->second += pooled.second;
    }
  }
  JointComparison out;
  for (const auto& [observed, e] : bins) out.chi_square += (observed - e) * (observed - e) / e;
  out.degrees_of_freedom = static_cast<int>(bins.size()) - 1;
  out.bins = std::move(bins);
  out.p_value =
      out.degrees_of_freedom > 0 ? upper_incomplete_gamma(0.5 * out.degrees_of_freedom, 0.5 * out.chi_square) : 1.0;
  out.z = normal_equivalent_deviate(out.p_value);
  return out;
}

// Checks one route; returns the number of place-by-place comparisons.
int check_route(const std::string& route, std::uint64_t first_seed) {
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
  double largest_place_deviation = 0.0;
  for (double t : {1.0, 24.0, 72.0}) {
    const Eigen::MatrixXd p = chain.transition_matrix(t);
    std::array<double, kCompartmentCount> total_counts{}, total_expected{};
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
      total_counts[j] = mean(counts) * kReplicates;
      total_expected[j] = kCells * q * kReplicates;
      const double expected = kCells * q;
      if (expected < 1e-3) {
        EXPECT_EQ(mean(counts), 0.0) << route << " " << names[j] << " at " << t << " h: unreachable";
        continue;
      }
      if (expected < kSmallestPlaceCells || kCells * (1.0 - q) < kSmallestPlaceCells) continue;
      const double se = std::sqrt(kCells * q * (1.0 - q) / kReplicates);
      const double deviation = (mean(counts) - expected) / se;
      largest_place_deviation = std::max(largest_place_deviation, std::abs(deviation));
      EXPECT_LT(std::abs(deviation), kPlaceCriterion)
          << route << ": " << names[j] << " at " << t << " h, expected fraction " << q << ", mean " << mean(counts)
          << ", " << deviation << " SE";
      ++compared;
    }
    const JointComparison joint = pearson(total_counts, total_expected);
    const bool criterion = t == kJointTime_h;
    std::cout << route << " at " << t << " h: X2 = " << joint.chi_square << " (df " << joint.degrees_of_freedom
              << "), p = " << joint.p_value << ", z = " << joint.z
              << (criterion ? "  [criterion: z < 3]" : "  [information only]") << "\n";
    if (criterion) {
      std::cout << "  bins (observed / expected cells):";
      for (const auto& [observed, e] : joint.bins)
        std::cout << " " << std::fixed << std::setprecision(1) << observed << "/" << e << std::defaultfloat;
      std::cout << std::setprecision(6) << "\n";
      ::testing::Test::RecordProperty(route + "_chi_square", std::to_string(joint.chi_square));
      ::testing::Test::RecordProperty(route + "_z", std::to_string(joint.z));
      EXPECT_GE(joint.degrees_of_freedom, 3) << route;
      EXPECT_LT(joint.z, kJointCriterion)
          << route << " at " << t << " h: X2 = " << joint.chi_square << " on " << joint.degrees_of_freedom << " df";
    }
  }
  std::cout << route << ": " << compared << " places compared, largest |deviation| " << largest_place_deviation
            << " SE\n";
  EXPECT_GE(compared, 6) << route;
  // The lattice path was exercised where the route feeds the target tissue.
  if (route == "local") {
    EXPECT_GT(first.cohort(0, "lattice", first.row_at(1.0)), 0.0);
  }
  return compared;
}

TEST(BodyFacts, BiodistributionMeanMatchesMatrixExponential) {
  std::uint64_t seed = 7100;
  int compared = 0;
  for (const char* route : {"iv", "ia", "local", "intrathecal", "ip"}) {
    compared += check_route(route, seed);
    seed += kReplicates;
  }
  EXPECT_LE(compared, kMostPlaceComparisons)
      << "more place comparisons than the Bonferroni budget of " << kPlaceCriterion << " SE";
}

}  // namespace
}  // namespace mscsim::validation
