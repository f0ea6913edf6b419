#pragma once
// Endpoints: numbers a sweep takes from each run's time series (docs/sweeps.md). The
// engine knows how to reduce a series; which series are endpoints is biology, declared once
// in models/endpoints.cpp.
#include <string>
#include <vector>

namespace mscsim::sweep {

enum class Reducer { final, mean, peak, auc };
const char* to_string(Reducer reducer);

struct EndpointSpec {
  std::string series;              // "tissue/disease_activity", or "balance/*" for every series of a group
  std::vector<Reducer> reducers;
};

// One summary column.
struct EndpointColumn {
  std::string column;  // "<series>:<reducer>"
  std::string series;
  Reducer reducer = Reducer::final;
  std::string unit;
};

// The value of a reduction over output rows (time_h, y); NaN for an empty series.
// mean and auc use the trapezoid rule; mean divides by the time spanned.
double reduce(Reducer reducer, const std::vector<double>& time_h, const std::vector<double>& y);

// True when `series` is matched by `pattern` ("balance/*" matches "balance/m2_vs_m1" but
// not "balance/x/y").
bool series_matches(const std::string& pattern, const std::string& series);

}  // namespace mscsim::sweep
