#pragma once
// Helpers shared by the MSC validation tests: run an in vitro scenario for replicates and
// read series at given times.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/validation/paired_support.hpp"
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

// A well read like an experimenter reads it after the engine ran: the series of the run
// (supernatant concentrations, cell counts) and one per-cell marker of every MSC left in
// the well at the end (the cells a flow cytometer would see).
struct WellRun {
  RunSeries series;
  std::vector<double> marker;  // one value per MSC at the end of the run
};

inline WellRun run_well(const std::string& scenario_file, const std::vector<std::string>& assignments,
                        std::uint64_t seed, const std::string& msc_column) {
  WellRun out;
  out.series = run_scenario(scenario_file, assignments, seed, [&](const Simulation& sim, const ModelList&) {
    const Population& msc = sim.world().population(sim.world().population_id("msc"));
    const double* v = msc.real(msc.column_id(msc_column));
    out.marker.assign(v, v + msc.size());
  });
  return out;
}

// Percentage of cells whose marker is above a gate (flow cytometry: % positive).
inline double percent_above(const std::vector<double>& marker, double gate) {
  if (marker.empty()) return 0.0;
  double n = 0;
  for (double x : marker) n += x > gate ? 1.0 : 0.0;
  return 100.0 * n / static_cast<double>(marker.size());
}

// MSCs in the well (all phenotypes) at the output time nearest to time_h.
inline double msc_count_at(const RunSeries& run, double time_h) {
  return value_at(run, "msc/msc0", time_h) + value_at(run, "msc/msc1", time_h) + value_at(run, "msc/msc2", time_h);
}

// a[i] − factor · b[i] per seed: a paired ratio margin ("a exceeds factor times b").
inline PairedDifference paired_margin(const std::vector<double>& a, const std::vector<double>& b, double factor) {
  std::vector<double> scaled;
  for (double x : b) scaled.push_back(factor * x);
  return paired_difference(a, scaled);
}

// The paired t statistic of a difference (how many SE its mean lies above zero).
inline double paired_t(const PairedDifference& d) {
  return d.standard_error > 0 ? d.mean / d.standard_error : (d.mean > 0 ? 1e300 : (d.mean < 0 ? -1e300 : 0.0));
}

// One line per criterion: the paired difference, its 99.9 % interval and its t.
inline void print_paired(const std::string& what, const PairedDifference& d) {
  std::printf("  %-44s %+.4g [%.4g, %.4g] (99.9 %%), t %.3g\n", what.c_str(), d.mean, d.lower(true), d.upper(true),
              paired_t(d));
}

// Seeds first_seed, first_seed + 1, ...: the same seeds in every condition of a test
// (common random numbers), so conditions are compared pairwise by seed.
inline std::vector<std::uint64_t> seeds(std::uint64_t first_seed, int count) {
  std::vector<std::uint64_t> out;
  for (int r = 0; r < count; ++r) out.push_back(first_seed + static_cast<std::uint64_t>(r));
  return out;
}

}  // namespace mscsim::validation
