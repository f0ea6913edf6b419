#pragma once
// Paired comparisons for the validation suite: the same seeds run in two arms, the
// per-seed difference, its mean and the two-sided Student t interval.
#include <algorithm>
#include <cmath>
#include <vector>

#include "validation_support.hpp"

namespace mscsim::validation {

// Two-sided Student t quantile t_{1 − alpha/2, df} for alpha = 0.05 and 0.001 (df 1-30;
// beyond 30 the value at 30, which is conservative).
inline double t_quantile(int df, bool alpha_0_001) {
  static const double t05[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                               2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                               2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  static const double t001[] = {636.6, 31.60, 12.92, 8.610, 6.869, 5.959, 5.408, 5.041, 4.781, 4.587,
                                 4.437, 4.318, 4.221, 4.140, 4.073, 4.015, 3.965, 3.922, 3.883, 3.850,
                                 3.819, 3.792, 3.768, 3.745, 3.725, 3.707, 3.690, 3.674, 3.659, 3.646};
  const int i = std::clamp(df, 1, 30) - 1;
  return alpha_0_001 ? t001[i] : t05[i];
}

struct PairedDifference {
  double mean = 0.0;
  double standard_error = 0.0;
  int pairs = 0;
  double lower(bool alpha_0_001 = false) const { return mean - t_quantile(pairs - 1, alpha_0_001) * standard_error; }
  double upper(bool alpha_0_001 = false) const { return mean + t_quantile(pairs - 1, alpha_0_001) * standard_error; }
};

// treated[i] − untreated[i], same seed i.
inline PairedDifference paired_difference(const std::vector<double>& treated, const std::vector<double>& untreated) {
  std::vector<double> d;
  for (std::size_t i = 0; i < treated.size(); ++i) d.push_back(treated[i] - untreated[i]);
  return {mean(d), validation::standard_error(d), static_cast<int>(d.size())};
}

// Time average of one series over the rows whose time is at least from_h.
inline double time_average(const RunSeries& run, const std::string& series, double from_h = 0.0) {
  const std::vector<double> v = run.series(series);
  double sum = 0.0;
  int n = 0;
  for (std::size_t k = 0; k < v.size(); ++k)
    if (run.time_h[k] >= from_h) {
      sum += v[k];
      ++n;
    }
  return n > 0 ? sum / n : 0.0;
}

}  // namespace mscsim::validation
