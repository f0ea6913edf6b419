#pragma once
// Well-mixed compartments exchanging integer counts of cells by a continuous-time
// Markov chain. K(i, j) >= 0 for i != j is the rate (per hour) of moving from i to j;
// the diagonal holds minus the row sum. Over a step dt every compartment's cells move
// together by one multinomial draw over the row i of P = exp(K dt); the expected counts
// follow n(t)ᵀ = n(0)ᵀ exp(K t), the analytic check.
#include <Eigen/Dense>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/rng/random_stream.hpp"

namespace mscsim {

class CompartmentChain {
 public:
  // rates_per_h: off-diagonal rates; the diagonal is ignored and recomputed.
  // Throws ConfigurationError for a non-square matrix, a size mismatch with names,
  // or a negative or non-finite off-diagonal rate.
  CompartmentChain(std::vector<std::string> names, Eigen::MatrixXd rates_per_h);

  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }
  const Eigen::MatrixXd& generator() const { return generator_; }

  // exp(K dt), cached for the last dt asked for.
  const Eigen::MatrixXd& transition_matrix(double dt_h) const;

  // One stochastic step: counts (length size()) are replaced by the new counts.
  // The total is conserved exactly.
  void step(std::span<std::int64_t> counts, double dt_h, rng::RandomStream& stream) const;
  // The same step (the same draws), also saying where the cells went: flows[i * size() + j]
  // is the number of cells in i at the start of the step that are in j at its end
  // (flows[i * size() + i]: those that stayed). flows must have size()² entries.
  void step(std::span<std::int64_t> counts, double dt_h, rng::RandomStream& stream,
            std::span<std::int64_t> flows) const;

  // Expected counts at time t_h from initial counts: n(0)ᵀ exp(K t).
  Eigen::VectorXd expected(std::span<const std::int64_t> initial_counts, double t_h) const;

 private:
  std::vector<std::string> names_;
  Eigen::MatrixXd generator_;
  mutable double cached_dt_h_ = -1.0;
  mutable Eigen::MatrixXd cached_transition_;
};

}  // namespace mscsim
