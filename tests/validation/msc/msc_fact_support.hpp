#pragma once
// Helpers shared by the MSC validation tests: run an in vitro scenario for replicates and
// read series at given times.
#include <cmath>
#include <string>
#include <vector>

#include "tests/validation/validation_support.hpp"

namespace mscsim::validation {

// Value of a series at the output time nearest to time_h.
inline double value_at(const RunSeries& run, const std::string& name, double time_h) {
  std::size_t best = 0;
  for (std::size_t k = 0; k < run.time_h.size(); ++k)
    if (std::abs(run.time_h[k] - time_h) < std::abs(run.time_h[best] - time_h)) best = k;
  return run.rows[best][run.index_of(name)];
}

// Runs `replicates` seeds of one condition (seeds first_seed, first_seed + 1, ...).
inline std::vector<RunSeries> replicate_runs(const std::string& scenario_file,
                                             const std::vector<std::string>& assignments, int replicates,
                                             std::uint64_t first_seed) {
  std::vector<RunSeries> runs;
  for (int r = 0; r < replicates; ++r)
    runs.push_back(run_scenario(scenario_file, assignments, first_seed + static_cast<std::uint64_t>(r)));
  return runs;
}

// One value per replicate: series `name` at `time_h`.
inline std::vector<double> values_at(const std::vector<RunSeries>& runs, const std::string& name, double time_h) {
  std::vector<double> out;
  for (const RunSeries& run : runs) out.push_back(value_at(run, name, time_h));
  return out;
}

// Overrides that put a cytokine dose into the medium of an in vitro well (uniform initial
// concentration held by the bath).
inline std::vector<std::string> medium_dose(const std::string& field, double ng_per_ml) {
  const std::string d = std::to_string(ng_per_ml);
  return {"fields." + field + ".initial_ng_per_ml=" + d, "fields." + field + ".bath_ng_per_ml=" + d};
}

inline std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Welch's t for mean(a) − factor · mean(b) (an equivalence or ratio margin), with b's
// variance scaled by factor².
inline double welch_t_scaled(const std::vector<double>& a, const std::vector<double>& b, double factor) {
  std::vector<double> scaled;
  for (double x : b) scaled.push_back(factor * x);
  return welch_t(a, scaled);
}

}  // namespace mscsim::validation
