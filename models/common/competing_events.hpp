#pragma once
// Competing events out of one state are one categorical draw over their rates (docs/ODD.md
// section 2): something happens in dt with probability 1 − exp(−Σr dt), and then event i
// with probability r_i / Σr, so probabilities never exceed 1 and dt changes accuracy, not
// meaning.
#include <array>
#include <cstddef>

#include "models/common/hill.hpp"

namespace mscsim::models {

// The probability of any event, 1 − exp(−total dt), remembered for one total: a rule whose
// cells mostly share one total (the same rates when no contact signal adds one) skips the
// exp for them. The same number as step_probability, so outcomes do not change.
class AnyEventProbability {
 public:
  AnyEventProbability(double usual_total_per_h, double dt_h)
      : usual_total_(usual_total_per_h), usual_p_(step_probability(usual_total_per_h, dt_h)), dt_h_(dt_h) {}
  double operator()(double total_per_h) const {
    return total_per_h == usual_total_ ? usual_p_ : step_probability(total_per_h, dt_h_);
  }

 private:
  double usual_total_, usual_p_, dt_h_;
};

// Index of the event that happens, or -1 for none. `u` is one uniform in [0, 1), reused
// to pick the event. Events with a zero rate are never chosen, even under rounding.
template <std::size_t N>
int draw_competing_event(const std::array<double, N>& rates_per_h, const AnyEventProbability& any_event, double u) {
  double total = 0.0;
  for (double r : rates_per_h) total += r;
  if (total <= 0.0) return -1;
  const double p_any = any_event(total);
  if (u >= p_any) return -1;
  double pick = u / p_any * total;
  int last_possible = -1;
  for (std::size_t i = 0; i < N; ++i) {
    if (rates_per_h[i] <= 0.0) continue;
    if (pick < rates_per_h[i]) return static_cast<int>(i);
    pick -= rates_per_h[i];
    last_possible = static_cast<int>(i);
  }
  return last_possible;  // rounding left pick just above the sum
}

template <std::size_t N>
int draw_competing_event(const std::array<double, N>& rates_per_h, double dt_h, double u) {
  double total = 0.0;
  for (double r : rates_per_h) total += r;
  return draw_competing_event(rates_per_h, AnyEventProbability(total, dt_h), u);
}

// Exact thinning: the probability of any event at rates that sum to at most
// max_total_rate_per_h, raised by a relative margin of 1e-12 (far above rounding). A
// uniform u at or above it makes draw_competing_event(rates, dt_h, u) return -1 for every
// such set of rates, so a rule can skip computing them (and scanning the neighbours they
// depend on) without changing any outcome.
inline double thinning_bound(double max_total_rate_per_h, double dt_h) {
  return step_probability(max_total_rate_per_h, dt_h) * (1.0 + 1e-12);
}

}  // namespace mscsim::models
