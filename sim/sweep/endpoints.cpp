#include "sim/sweep/endpoints.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mscsim::sweep {

const char* to_string(Reducer reducer) {
  switch (reducer) {
    case Reducer::final: return "final";
    case Reducer::mean: return "mean";
    case Reducer::peak: return "peak";
    case Reducer::auc: return "auc";
  }
  return "?";
}

double reduce(Reducer reducer, const std::vector<double>& time_h, const std::vector<double>& y) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = std::min(time_h.size(), y.size());
  if (n == 0) return nan;
  switch (reducer) {
    case Reducer::final: return y[n - 1];
    case Reducer::peak: return *std::max_element(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n));
    case Reducer::mean:
    case Reducer::auc: {
      double area = 0.0;
      for (std::size_t i = 1; i < n; ++i) area += 0.5 * (y[i] + y[i - 1]) * (time_h[i] - time_h[i - 1]);
      if (reducer == Reducer::auc) return area;
      const double span = time_h[n - 1] - time_h[0];
      return span > 0.0 ? area / span : y[0];
    }
  }
  return nan;
}

bool series_matches(const std::string& pattern, const std::string& series) {
  if (pattern.size() >= 2 && pattern.compare(pattern.size() - 2, 2, "/*") == 0) {
    const std::string group = pattern.substr(0, pattern.size() - 1);  // "balance/"
    return series.size() > group.size() && series.compare(0, group.size(), group) == 0 &&
           series.find('/', group.size()) == std::string::npos;
  }
  return pattern == series;
}

}  // namespace mscsim::sweep
