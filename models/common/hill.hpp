#pragma once
// Saturating responses (docs/ODD.md section 2): H(c; K, n) = c^n / (K^n + c^n), and the
// conversion of a rate into a step probability.
#include <cmath>

namespace mscsim::models {

// Hill exponent stored with a fast path for the common integer values 1 and 2.
struct HillCurve {
  double half_max = 1.0;  // K, same unit as c
  double exponent = 1.0;  // n

  double operator()(double c) const {
    if (c <= 0.0) return 0.0;
    if (exponent == 1.0) return c / (half_max + c);
    if (exponent == 2.0) return c * c / (half_max * half_max + c * c);
    const double cn = std::pow(c, exponent);
    return cn / (std::pow(half_max, exponent) + cn);
  }
};

// 1 − exp(−x) for x >= 0. Below 0.05 the Taylor series through x^9 is exact to double
// rounding (relative remainder < x^9/10! < 6e-19) and several times faster than expm1;
// per-agent event probabilities are almost always in that range.
inline double one_minus_exp_minus(double x) {
  if (x < 0.05)
    return x * (1.0 - x * (1.0 / 2 - x * (1.0 / 6 - x * (1.0 / 24 - x * (1.0 / 120 - x * (1.0 / 720 -
                x * (1.0 / 5040 - x * (1.0 / 40320 - x * (1.0 / 362880)))))))));
  return -std::expm1(-x);
}

// A rate r (per hour) acting over dt becomes the probability 1 - exp(-r dt).
inline double step_probability(double rate_per_h, double dt_h) { return one_minus_exp_minus(rate_per_h * dt_h); }

// tanh through one exp: (1 − e^{−2|x|}) / (1 + e^{−2|x|}) with the sign of x. Absolute
// error below 2e-16 (what matters for a state bounded in [−1, 1]); about twice as fast as
// glibc's tanh, which goes through expm1.
inline double fast_tanh(double x) {
  const double e = std::exp(-2.0 * std::abs(x));
  const double t = (1.0 - e) / (1.0 + e);
  return x < 0.0 ? -t : t;
}

// exp(-x) for x >= 0. Below 0.005 a Taylor polynomial through x^5 is exact to double
// rounding (remainder < x^6/720 < 2e-17) and several times faster than std::exp; the
// per-agent rates of the step loop are almost always in that range.
// exp_minus_small is the polynomial alone (branch-free, so loops over voxels vectorize it and
// call std::exp only where x reaches kExpMinusPolynomialLimit).
inline constexpr double kExpMinusPolynomialLimit = 0.005;
inline double exp_minus_small(double x) {
  return 1.0 - x * (1.0 - x * (0.5 - x * (1.0 / 6.0 - x * (1.0 / 24.0 - x * (1.0 / 120.0)))));
}
inline double exp_minus(double x) {
  if (x < kExpMinusPolynomialLimit) return exp_minus_small(x);
  return std::exp(-x);
}

// Fraction of the gap closed in dt by a first-order relaxation with time constant tau.
inline double relaxation_fraction(double tau_h, double dt_h) { return -std::expm1(-dt_h / tau_h); }

}  // namespace mscsim::models
