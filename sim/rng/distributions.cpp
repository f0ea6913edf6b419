#include "sim/rng/distributions.hpp"

#include <algorithm>
#include <random>

namespace mscsim::rng {

std::int64_t binomial(RandomStream& stream, std::int64_t n, double p) {
  if (n <= 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  std::binomial_distribution<std::int64_t> dist(n, p);
  return dist(stream);
}

std::int64_t poisson(RandomStream& stream, double mean) {
  if (mean <= 0.0) return 0;
  std::poisson_distribution<std::int64_t> dist(mean);
  return dist(stream);
}

void multinomial(RandomStream& stream, std::int64_t n, std::span<const double> probabilities,
                 std::span<std::int64_t> out) {
  std::int64_t left = n;
  double mass_left = 1.0;
  const std::size_t k = probabilities.size();
  for (std::size_t i = 0; i < k; ++i) {
    if (i + 1 == k || left == 0) {
      out[i] = (i + 1 == k) ? left : 0;
      left -= out[i];
      continue;
    }
    const double p = mass_left > 0.0 ? std::clamp(probabilities[i] / mass_left, 0.0, 1.0) : 0.0;
    out[i] = binomial(stream, left, p);
    left -= out[i];
    mass_left -= probabilities[i];
  }
}

std::size_t categorical(RandomStream& stream, std::span<const double> weights) {
  double total = 0.0;
  for (double w : weights) total += w;
  if (total <= 0.0) return weights.size();
  const double target = stream.uniform() * total;
  double acc = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    acc += weights[i];
    if (target < acc) return i;
  }
  // Rounding: the last category with positive weight.
  for (std::size_t i = weights.size(); i-- > 0;)
    if (weights[i] > 0.0) return i;
  return weights.size();
}

}  // namespace mscsim::rng
