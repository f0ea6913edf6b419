#pragma once
// Discrete distributions drawn from a RandomStream.
#include <cstdint>
#include <span>

#include "sim/rng/random_stream.hpp"

namespace mscsim::rng {

// Binomial(n, p), exact for every n (libstdc++'s algorithm over our counter-based bits).
std::int64_t binomial(RandomStream& stream, std::int64_t n, double p);

// Poisson(mean), exact.
std::int64_t poisson(RandomStream& stream, double mean);

// Multinomial(n, probabilities) by sequential conditional binomials; writes counts into
// `out` (same length) that sum to exactly n. probabilities must sum to 1 within 1e-9;
// the last category takes the remainder.
void multinomial(RandomStream& stream, std::int64_t n, std::span<const double> probabilities,
                 std::span<std::int64_t> out);

// Index drawn from non-negative weights (one categorical draw over competing rates,
// docs/ODD.md section 2); returns weights.size() if all weights are zero.
std::size_t categorical(RandomStream& stream, std::span<const double> weights);

}  // namespace mscsim::rng
