// CompartmentChain: the stochastic step against the analytic mean n(0)ᵀ exp(K t), exact
// conservation of the total, the transition matrix, and input checks.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "sim/compartments/compartment_chain.hpp"
#include "sim/core/errors.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim {
namespace {

// A five-compartment chain with forward, backward and skip moves, and an absorbing last
// compartment (no rates out of it). Rates per hour.
CompartmentChain five_compartment_chain() {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(5, 5);
  rates(0, 1) = 0.8;
  rates(1, 0) = 0.2;
  rates(1, 2) = 0.5;
  rates(2, 3) = 0.3;
  rates(2, 1) = 0.1;
  rates(3, 4) = 0.4;
  rates(0, 4) = 0.05;
  return CompartmentChain({"first", "second", "third", "fourth", "absorbed"}, rates);
}

TEST(CompartmentChain, GeneratorRowsSumToZero) {
  const CompartmentChain chain = five_compartment_chain();
  for (Eigen::Index i = 0; i < 5; ++i) EXPECT_NEAR(chain.generator().row(i).sum(), 0.0, 1e-15);
  EXPECT_DOUBLE_EQ(chain.generator()(1, 1), -0.7);
}

TEST(CompartmentChain, TransitionMatrixIsStochastic) {
  const CompartmentChain chain = five_compartment_chain();
  for (double dt : {0.0, 0.01, 0.5, 10.0, 1000.0}) {
    const Eigen::MatrixXd& p = chain.transition_matrix(dt);
    for (Eigen::Index i = 0; i < 5; ++i) {
      EXPECT_NEAR(p.row(i).sum(), 1.0, 1e-14) << "dt " << dt;
      for (Eigen::Index j = 0; j < 5; ++j) EXPECT_GE(p(i, j), 0.0);
    }
    EXPECT_DOUBLE_EQ(p(4, 4), 1.0);  // absorbing
  }
  // Long times: everything ends in the absorbing compartment.
  EXPECT_NEAR(chain.transition_matrix(1000.0)(0, 4), 1.0, 1e-9);
}

// Two compartments, one rate k: the first empties as exp(−k t).
TEST(CompartmentChain, ExpectedMatchesClosedFormDecay) {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(2, 2);
  rates(0, 1) = 0.3;
  const CompartmentChain chain({"a", "b"}, rates);
  const std::array<std::int64_t, 2> initial = {1000, 0};
  const Eigen::VectorXd n = chain.expected(initial, 2.0);
  EXPECT_NEAR(n(0), 1000.0 * std::exp(-0.6), 1e-9);
  EXPECT_NEAR(n(1), 1000.0 * (1.0 - std::exp(-0.6)), 1e-9);
}

// 10^4 independent runs of 6 steps; each run is keyed by its replicate index as the
// stream subject and by the step, as the engine does. The sample mean of each compartment
// must lie within 3 standard errors of n(0)ᵀ exp(K t) (the multinomial step is exact for
// the Markov chain, so its mean after k steps is n(0)ᵀ P^k = n(0)ᵀ exp(K k dt)).
TEST(CompartmentChain, MeanOfRunsMatchesExpected) {
  const CompartmentChain chain = five_compartment_chain();
  const std::array<std::int64_t, 5> initial = {400, 300, 200, 100, 0};
  const std::int64_t total = std::accumulate(initial.begin(), initial.end(), std::int64_t{0});
  constexpr int kRuns = 10000;
  constexpr int kSteps = 6;
  constexpr double kDt = 0.5;

  std::array<double, 5> sum{}, sum_squares{};
  for (int run = 0; run < kRuns; ++run) {
    std::array<std::int64_t, 5> counts = initial;
    for (int step = 0; step < kSteps; ++step) {
      rng::RandomStream stream(2024, rng::purpose_id("test"), static_cast<std::uint64_t>(run),
                               static_cast<std::uint64_t>(step));
      chain.step(counts, kDt, stream);
      ASSERT_EQ(std::accumulate(counts.begin(), counts.end(), std::int64_t{0}), total);
      for (std::int64_t c : counts) ASSERT_GE(c, 0);
    }
    for (int i = 0; i < 5; ++i) {
      sum[i] += static_cast<double>(counts[i]);
      sum_squares[i] += static_cast<double>(counts[i]) * static_cast<double>(counts[i]);
    }
  }
  const Eigen::VectorXd expected = chain.expected(initial, kSteps * kDt);
  EXPECT_NEAR(expected.sum(), static_cast<double>(total), 1e-9);
  for (int i = 0; i < 5; ++i) {
    const double mean = sum[i] / kRuns;
    const double variance = (sum_squares[i] - kRuns * mean * mean) / (kRuns - 1);
    const double standard_error = std::sqrt(variance / kRuns);
    EXPECT_NEAR(mean, expected(i), 3.0 * standard_error) << "compartment " << i;
  }
}

TEST(CompartmentChain, SameStreamSameResult) {
  const CompartmentChain chain = five_compartment_chain();
  std::array<std::int64_t, 5> a = {50, 40, 30, 20, 10}, b = a;
  rng::RandomStream s1(1, rng::purpose_id("test"), 3, 4), s2(1, rng::purpose_id("test"), 3, 4);
  chain.step(a, 1.0, s1);
  chain.step(b, 1.0, s2);
  EXPECT_EQ(a, b);
}

TEST(CompartmentChain, ZeroStepMovesNothing) {
  const CompartmentChain chain = five_compartment_chain();
  std::array<std::int64_t, 5> counts = {50, 40, 30, 20, 10};
  const auto before = counts;
  rng::RandomStream stream(1, rng::purpose_id("test"), 0, 0);
  chain.step(counts, 0.0, stream);
  EXPECT_EQ(counts, before);
}

// The flows of a step: row i holds where the cells of i went, so the rows sum to the old
// counts and the columns to the new ones, and the draws are those of the plain step.
TEST(CompartmentChain, FlowsAccountForEveryCell) {
  const CompartmentChain chain = five_compartment_chain();
  std::array<std::int64_t, 5> with_flows = {5000, 4000, 3000, 2000, 1000}, plain = with_flows;
  const auto before = with_flows;
  std::array<std::int64_t, 25> flows{};
  rng::RandomStream s1(1, rng::purpose_id("test"), 3, 4), s2(1, rng::purpose_id("test"), 3, 4);
  chain.step(with_flows, 0.7, s1, flows);
  chain.step(plain, 0.7, s2);
  EXPECT_EQ(with_flows, plain);
  for (std::size_t i = 0; i < 5; ++i) {
    std::int64_t out_of_i = 0, into_i = 0;
    for (std::size_t j = 0; j < 5; ++j) {
      out_of_i += flows[i * 5 + j];
      into_i += flows[j * 5 + i];
    }
    EXPECT_EQ(out_of_i, before[i]) << i;
    EXPECT_EQ(into_i, with_flows[i]) << i;
  }
  EXPECT_EQ(flows[4 * 5 + 4], before[4]);  // the absorbing compartment keeps its cells
  EXPECT_EQ(flows[3 * 5 + 0], 0);          // no way from the fourth back to the first
  std::array<std::int64_t, 24> too_few{};
  EXPECT_THROW(chain.step(with_flows, 0.7, s1, too_few), ConfigurationError);
}

TEST(CompartmentChain, RejectsBadRatesAndSizes) {
  Eigen::MatrixXd rates = Eigen::MatrixXd::Zero(3, 3);
  rates(0, 1) = -0.1;
  EXPECT_THROW(CompartmentChain({"a", "b", "c"}, rates), ConfigurationError);
  rates(0, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(CompartmentChain({"a", "b", "c"}, rates), ConfigurationError);
  rates(0, 1) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(CompartmentChain({"a", "b", "c"}, rates), ConfigurationError);
  rates(0, 1) = 0.1;
  rates(1, 1) = -5.0;  // the diagonal is ignored
  EXPECT_NO_THROW(CompartmentChain({"a", "b", "c"}, rates));
  EXPECT_THROW(CompartmentChain({"a", "b"}, rates), ConfigurationError);
  EXPECT_THROW(CompartmentChain({"a", "b", "c"}, Eigen::MatrixXd::Zero(3, 2)), ConfigurationError);

  const CompartmentChain chain({"a", "b", "c"}, rates);
  std::array<std::int64_t, 2> wrong_size = {1, 2};
  rng::RandomStream stream(1, rng::purpose_id("test"), 0, 0);
  EXPECT_THROW(chain.step(wrong_size, 1.0, stream), ConfigurationError);
  std::array<std::int64_t, 3> counts = {1, 2, 3};
  EXPECT_THROW(chain.step(counts, -1.0, stream), ConfigurationError);
}

}  // namespace
}  // namespace mscsim
