// Counter-based streams: reproducible, independent per key, uniform (Kolmogorov–Smirnov).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "sim/rng/distributions.hpp"
#include "sim/rng/random_stream.hpp"

using mscsim::rng::RandomStream;
using mscsim::rng::purpose_id;

TEST(RandomStream, SameKeyAndCounterGiveSameNumbers) {
  RandomStream a(42, purpose_id("x"), 7, 3), b(42, purpose_id("x"), 7, 3);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a(), b());
}

TEST(RandomStream, EveryKeyPartChangesTheNumbers) {
  const auto first = [](RandomStream s) { return s(); };
  const std::uint64_t base = first(RandomStream(42, purpose_id("x"), 7, 3));
  EXPECT_NE(base, first(RandomStream(43, purpose_id("x"), 7, 3)));
  EXPECT_NE(base, first(RandomStream(42, purpose_id("y"), 7, 3)));
  EXPECT_NE(base, first(RandomStream(42, purpose_id("x"), 8, 3)));
  EXPECT_NE(base, first(RandomStream(42, purpose_id("x"), 7, 4)));
}

TEST(RandomStream, PurposeIdsAreStableAcrossBuilds) {
  // FNV-1a of "movement": a changed hash would silently change every trajectory.
  EXPECT_EQ(purpose_id(""), 14695981039346656037ull);
  EXPECT_EQ(purpose_id("a"), 0xaf63dc4c8601ec8cull);
}

TEST(RandomStream, UniformPassesKolmogorovSmirnov) {
  // D * sqrt(n) above 1.95 has probability 0.001 for a true uniform; the seed is fixed,
  // so this either always passes or reveals a broken generator.
  constexpr int n = 100000;
  std::vector<double> u(n);
  for (int i = 0; i < n; ++i) {
    RandomStream s(2026, purpose_id("ks"), static_cast<std::uint64_t>(i / 4), 0);
    for (int k = 0; k <= i % 4; ++k) u[i] = s.uniform();
  }
  std::sort(u.begin(), u.end());
  double d = 0;
  for (int i = 0; i < n; ++i) d = std::max({d, (i + 1.0) / n - u[i], u[i] - static_cast<double>(i) / n});
  EXPECT_LT(d * std::sqrt(static_cast<double>(n)), 1.95);
  EXPECT_GT(u.front(), 0.0);
  EXPECT_LT(u.back(), 1.0);
}

TEST(RandomStream, ConsecutiveSubjectsAreUncorrelated) {
  constexpr int n = 50000;
  double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
  for (int i = 0; i < n; ++i) {
    const double x = RandomStream(1, purpose_id("c"), i, 0).uniform();
    const double y = RandomStream(1, purpose_id("c"), i + 1, 0).uniform();
    sxy += x * y; sx += x; sy += y; sxx += x * x; syy += y * y;
  }
  const double cov = sxy / n - sx / n * sy / n;
  const double r = cov / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
  EXPECT_LT(std::abs(r), 5.0 / std::sqrt(static_cast<double>(n)));  // 5 standard errors
}

TEST(RandomStream, NormalHasUnitMoments) {
  RandomStream s(5, purpose_id("normal"), 0, 0);
  constexpr int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; ++i) {
    const double z = s.normal();
    sum += z;
    sum2 += z * z;
  }
  EXPECT_NEAR(sum / n, 0.0, 5.0 / std::sqrt(n));
  EXPECT_NEAR(sum2 / n, 1.0, 5.0 * std::sqrt(2.0 / n));
}

TEST(RandomStream, BelowIsUniformOverItsRange) {
  RandomStream s(9, purpose_id("below"), 0, 0);
  std::vector<int> counts(8, 0);
  constexpr int n = 80000;
  for (int i = 0; i < n; ++i) ++counts[s.below(8)];
  double chi2 = 0;
  for (int c : counts) chi2 += (c - n / 8.0) * (c - n / 8.0) / (n / 8.0);
  EXPECT_LT(chi2, 24.3);  // chi-square, 7 degrees of freedom, p = 0.001
}

TEST(Distributions, BinomialMeanAndVariance) {
  constexpr int reps = 20000;
  for (const auto& [n, p] : {std::pair<std::int64_t, double>{20, 0.3}, {1000000, 0.01}, {50, 0.999}}) {
    double sum = 0, sum2 = 0;
    for (int r = 0; r < reps; ++r) {
      RandomStream s(3, purpose_id("binomial"), r, 0);
      const double k = static_cast<double>(mscsim::rng::binomial(s, n, p));
      ASSERT_GE(k, 0);
      ASSERT_LE(k, n);
      sum += k;
      sum2 += k * k;
    }
    const double mean = sum / reps, var = sum2 / reps - mean * mean;
    const double expected_var = n * p * (1 - p);
    EXPECT_NEAR(mean, n * p, 5.0 * std::sqrt(expected_var / reps));
    EXPECT_NEAR(var / expected_var, 1.0, 0.1);
  }
}

TEST(Distributions, MultinomialConservesTheTotal) {
  const std::vector<double> probs = {0.5, 0.2, 0.0, 0.3};
  std::vector<std::int64_t> out(4);
  for (int r = 0; r < 1000; ++r) {
    RandomStream s(4, purpose_id("multinomial"), r, 0);
    mscsim::rng::multinomial(s, 12345, probs, out);
    EXPECT_EQ(std::accumulate(out.begin(), out.end(), std::int64_t{0}), 12345);
    EXPECT_EQ(out[2], 0);
  }
}

TEST(Distributions, CategoricalFollowsWeights) {
  const std::vector<double> w = {1.0, 3.0, 0.0};
  int hits[3] = {0, 0, 0};
  RandomStream s(8, purpose_id("cat"), 0, 0);
  for (int i = 0; i < 40000; ++i) ++hits[mscsim::rng::categorical(s, w)];
  EXPECT_EQ(hits[2], 0);
  EXPECT_NEAR(hits[1] / 40000.0, 0.75, 0.01);
  const std::vector<double> none = {0.0, 0.0};
  EXPECT_EQ(mscsim::rng::categorical(s, none), 2u);
}
