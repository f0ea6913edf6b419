#pragma once
// Competing events out of one state are one categorical draw over their rates (MODEL.md
// section 0): something happens in dt with probability 1 − exp(−Σr dt), and then event i
// with probability r_i / Σr, so probabilities never exceed 1 and dt changes accuracy, not
// meaning.
#include <array>
#include <cstddef>

#include "models/common/hill.hpp"

namespace mscsim::models {

// Index of the event that happens, or -1 for none. `u` is one uniform in [0, 1), reused
// to pick the event. Events with a zero rate are never chosen, even under rounding.
template <std::size_t N>
int draw_competing_event(const std::array<double, N>& rates_per_h, double dt_h, double u) {
  double total = 0.0;
  for (double r : rates_per_h) total += r;
  if (total <= 0.0) return -1;
  const double p_any = step_probability(total, dt_h);
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

}  // namespace mscsim::models
