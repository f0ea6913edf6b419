#pragma once
// Runs of the body scenarios (scenarios/body) for the validation suite, keeping the body
// model so a test can rebuild the rate matrix K its cohorts moved by.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "../validation_support.hpp"
#include "models/body/body_model.hpp"

namespace mscsim::validation {

struct BodyRun {
  RunSeries series;
  std::vector<models::CohortHoming> homing;  // per cohort
  models::BodyParameters parameters;
  double tissue_death_rate_per_h = 0.0;
  double sampling_fraction = 0.0;
  std::vector<EventTableData> events;

  // Cells of cohort k in a place ("lung", "lattice", ...) at output row r, all phenotypes
  // or one ("msc0", "msc1", "msc2"); place "given": the cells given to it so far.
  double cohort(std::size_t k, const std::string& place, std::size_t row,
                const std::string& phenotype = "total") const {
    const std::string group = "biodistribution/cohort_" + std::to_string(k) + "/";
    const std::string name = place == "given" ? group + place : group + place + "/" + phenotype;
    return series.rows.at(row)[series.index_of(name)];
  }
  // Cells summed over the cohorts in a place, one phenotype or "total", at output row r.
  double summed(const std::string& place, std::size_t row, const std::string& phenotype = "total") const {
    return series.rows.at(row)[series.index_of("biodistribution/" + place + "/" + phenotype)];
  }
  // The output row at time t (h).
  std::size_t row_at(double t_h) const {
    for (std::size_t r = 0; r < series.time_h.size(); ++r)
      if (std::abs(series.time_h[r] - t_h) < 1e-9) return r;
    ADD_FAILURE() << "no output row at " << t_h << " h";
    return 0;
  }
  // K of cohort k in a quiet tissue (no CXCL12, no IFN-gamma).
  Eigen::MatrixXd quiet_rates(std::size_t k) const {
    return models::body_rate_matrix(parameters, homing.at(k), models::TissueSignals{}, tissue_death_rate_per_h);
  }
};

// Runs a scenario of scenarios/body with overrides, like `mscsim run`, without a file.
inline BodyRun run_body_scenario(const std::string& file, const std::vector<std::string>& assignments,
                                 std::uint64_t seed) {
  BodyRun out;
  out.series = run_scenario(scenario_path("body/" + file), assignments, seed,
                            [&out](const Simulation& sim, const ModelList& models) {
                              for (const auto& model : models) {
                                const auto* body = dynamic_cast<const models::Body*>(model.get());
                                if (body == nullptr) continue;
                                for (std::size_t k = 0; k < body->infusions().size(); ++k)
                                  out.homing.push_back(body->homing(k));
                                out.parameters = body->parameters();
                                out.tissue_death_rate_per_h = body->tissue_death_rate_per_h();
                                out.sampling_fraction = body->sampling_fraction();
                              }
                              out.events = sim.world().events().tables();
                            });
  return out;
}

// Exact (Garwood) one-sided Poisson bounds on the mean of a count k: the lowest mean under
// which seeing k or more has probability alpha, and the highest under which seeing k or
// fewer has probability alpha. Cells found in a tissue sample are a Poisson count (each of
// very many cells in the organ lands in the sample with a tiny probability: the binomial
// limit).
inline double poisson_cdf(double k, double lambda) {
  if (lambda <= 0.0) return 1.0;
  double sum = 0.0;  // each term in log space: large counts would underflow exp(-lambda)
  for (int i = 0; i <= static_cast<int>(k); ++i) sum += std::exp(-lambda + i * std::log(lambda) - std::lgamma(i + 1.0));
  return sum;
}

inline double poisson_upper_bound(double k, double alpha) {
  double lo = 0.0, hi = k + 20.0 + 10.0 * std::sqrt(k + 1.0);
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (poisson_cdf(k, mid) > alpha ? lo : hi) = mid;
  }
  return hi;
}

inline double poisson_lower_bound(double k, double alpha) {
  if (k <= 0.0) return 0.0;
  double lo = 0.0, hi = k;
  for (int it = 0; it < 200; ++it) {
    const double mid = 0.5 * (lo + hi);
    (1.0 - poisson_cdf(k - 1.0, mid) < alpha ? lo : hi) = mid;
  }
  return lo;
}

}  // namespace mscsim::validation
