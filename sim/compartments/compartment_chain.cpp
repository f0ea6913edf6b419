#include "sim/compartments/compartment_chain.hpp"

#include <unsupported/Eigen/MatrixFunctions>

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/rng/distributions.hpp"

namespace mscsim {

namespace {

void check_time(double t_h, const char* what) {
  if (!(t_h >= 0.0) || !std::isfinite(t_h))
    throw ConfigurationError(std::string("CompartmentChain: ") + what + " must be finite and >= 0, got " +
                             std::to_string(t_h));
}

// exp(K t) as a stochastic matrix. The Padé approximant leaves round-off of order 1e-16
// that can be slightly negative or make a row miss 1; a multinomial draw needs true
// probabilities, so tiny negatives become 0 and each row is rescaled to sum to 1.
Eigen::MatrixXd stochastic_exponential(const Eigen::MatrixXd& generator, double t_h) {
  Eigen::MatrixXd p = (generator * t_h).exp();
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    for (Eigen::Index j = 0; j < p.cols(); ++j) p(i, j) = std::max(p(i, j), 0.0);
    p.row(i) /= p.row(i).sum();
  }
  return p;
}

}  // namespace

CompartmentChain::CompartmentChain(std::vector<std::string> names, Eigen::MatrixXd rates_per_h)
    : names_(std::move(names)), generator_(std::move(rates_per_h)) {
  if (generator_.rows() != generator_.cols())
    throw ConfigurationError("CompartmentChain: rate matrix is " + std::to_string(generator_.rows()) + "x" +
                             std::to_string(generator_.cols()) + ", not square");
  if (static_cast<std::size_t>(generator_.rows()) != names_.size())
    throw ConfigurationError("CompartmentChain: " + std::to_string(names_.size()) + " names for a " +
                             std::to_string(generator_.rows()) + "x" + std::to_string(generator_.rows()) +
                             " rate matrix");
  for (Eigen::Index i = 0; i < generator_.rows(); ++i) {
    double leaving = 0.0;
    for (Eigen::Index j = 0; j < generator_.cols(); ++j) {
      if (i == j) continue;
      const double rate = generator_(i, j);
      if (!(rate >= 0.0) || !std::isfinite(rate))
        throw ConfigurationError("CompartmentChain: rate from '" + names_[i] + "' to '" + names_[j] +
                                 "' must be finite and >= 0, got " + std::to_string(rate));
      leaving += rate;
    }
    generator_(i, i) = -leaving;
  }
}

// The cache is refreshed without a lock: concurrent callers are safe only while they ask
// for the dt already cached (call once with the step's dt before a parallel region).
const Eigen::MatrixXd& CompartmentChain::transition_matrix(double dt_h) const {
  check_time(dt_h, "time step");
  if (dt_h != cached_dt_h_) {
    cached_transition_ = stochastic_exponential(generator_, dt_h);
    cached_dt_h_ = dt_h;
  }
  return cached_transition_;
}

void CompartmentChain::step(std::span<std::int64_t> counts, double dt_h, rng::RandomStream& stream) const {
  std::vector<std::int64_t> flows(size() * size());
  step(counts, dt_h, stream, flows);
}

void CompartmentChain::step(std::span<std::int64_t> counts, double dt_h, rng::RandomStream& stream,
                            std::span<std::int64_t> flows) const {
  const std::size_t n = size();
  if (flows.size() != n * n)
    throw ConfigurationError("CompartmentChain: " + std::to_string(flows.size()) + " flow entries for " +
                             std::to_string(n) + " compartments");
  if (counts.size() != n)
    throw ConfigurationError("CompartmentChain: " + std::to_string(counts.size()) + " counts for " +
                             std::to_string(n) + " compartments");
  for (std::int64_t count : counts)
    if (count < 0) throw ConfigurationError("CompartmentChain: negative count " + std::to_string(count));
  const Eigen::MatrixXd& p = transition_matrix(dt_h);

  std::vector<std::int64_t> next(n, 0);
  std::vector<double> row(n);
  std::fill(flows.begin(), flows.end(), 0);
  // Sources in index order, so the stream is consumed in the same order on every run.
  for (std::size_t i = 0; i < n; ++i) {
    if (counts[i] <= 0) continue;
    for (std::size_t j = 0; j < n; ++j) row[j] = p(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    const std::span<std::int64_t> moved = flows.subspan(i * n, n);
    rng::multinomial(stream, counts[i], row, moved);
    for (std::size_t j = 0; j < n; ++j) next[j] += moved[j];
  }
  std::copy(next.begin(), next.end(), counts.begin());
}

Eigen::VectorXd CompartmentChain::expected(std::span<const std::int64_t> initial_counts, double t_h) const {
  check_time(t_h, "time");
  if (initial_counts.size() != size())
    throw ConfigurationError("CompartmentChain: " + std::to_string(initial_counts.size()) + " counts for " +
                             std::to_string(size()) + " compartments");
  Eigen::VectorXd n0(static_cast<Eigen::Index>(size()));
  for (std::size_t i = 0; i < size(); ++i) n0(static_cast<Eigen::Index>(i)) = static_cast<double>(initial_counts[i]);
  return (n0.transpose() * stochastic_exponential(generator_, t_h)).transpose();
}

}  // namespace mscsim
