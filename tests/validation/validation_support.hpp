#pragma once
// Running scenarios in-process for the validation suite: replicates with consecutive
// seeds, end-of-run values of named series, and the statistics the tests use. Every test
// is seeded, so a pass or failure is reproducible; the criteria are chosen so that the
// designed false-failure rate of each test is below 1e-4 (stated in each test).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <numeric>
#include <string>
#include <vector>

#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim::validation {

inline std::string scenario_path(const std::string& relative) {
  return std::string(MSCSIM_SOURCE_DIR) + "/scenarios/" + relative;
}

// Time series of one run, by "group/name".
struct RunSeries {
  std::vector<double> time_h;
  std::vector<SeriesSpec> specs;
  std::vector<std::vector<double>> rows;  // rows[k][series]

  std::size_t index_of(const std::string& group_slash_name) const {
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].group + "/" + specs[i].name == group_slash_name) return i;
    ADD_FAILURE() << "no series " << group_slash_name;
    return 0;
  }
  double final(const std::string& name) const { return rows.back()[index_of(name)]; }
  std::vector<double> series(const std::string& name) const {
    std::vector<double> out;
    const std::size_t i = index_of(name);
    for (const auto& r : rows) out.push_back(r[i]);
    return out;
  }
};

// What a caller may read off the finished run besides its series (models, event log).
using AfterRun = std::function<void(const Simulation&, const ModelList&)>;

// Runs a scenario file with overrides ("key=value" as on the command line) to its end,
// observing every run.output_every_h like `mscsim run`, without writing a file.
inline RunSeries run_scenario(const std::string& scenario_file, const std::vector<std::string>& assignments,
                              std::uint64_t seed, const AfterRun& after = {}) {
  ModelList models = models::create_models();
  static std::deque<ParameterCatalogue> catalogues;  // a Scenario points at its catalogue
  catalogues.push_back(models::build_catalogue(models));
  std::vector<Override> overrides;
  for (const auto& a : assignments) overrides.push_back(Override::parse(a));
  overrides.push_back({"run.seed", std::to_string(seed)});
  const Scenario scenario = load_scenario_file(scenario_file, catalogues.back(), overrides);
  Simulation sim(scenario, models);
  sim.initialize();
  RunSeries out;
  out.specs = sim.series();
  std::vector<double> row;
  auto observe = [&] {
    sim.observe(row);
    out.time_h.push_back(sim.time_h());
    out.rows.push_back(row);
  };
  observe();
  while (!sim.finished()) {
    sim.step();
    if (sim.steps_done() % sim.settings().output_every_steps == 0 || sim.finished()) observe();
  }
  if (after) after(sim, models);
  return out;
}

// End-of-run value of one series over `replicates` runs with seeds first_seed, first_seed+1, ...
inline std::vector<double> final_values(const std::string& scenario_file, const std::vector<std::string>& assignments,
                                        const std::string& series, int replicates, std::uint64_t first_seed) {
  std::vector<double> values;
  for (int r = 0; r < replicates; ++r)
    values.push_back(run_scenario(scenario_file, assignments, first_seed + static_cast<std::uint64_t>(r)).final(series));
  return values;
}

inline double mean(const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / v.size(); }

inline double variance(const std::vector<double>& v) {
  const double m = mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return v.size() > 1 ? s / (v.size() - 1) : 0.0;
}

inline double standard_error(const std::vector<double>& v) { return std::sqrt(variance(v) / v.size()); }

// Welch's t statistic for mean(a) − mean(b).
inline double welch_t(const std::vector<double>& a, const std::vector<double>& b) {
  const double se = std::sqrt(variance(a) / a.size() + variance(b) / b.size());
  return se > 0 ? (mean(a) - mean(b)) / se : (mean(a) == mean(b) ? 0.0 : std::copysign(1e300, mean(a) - mean(b)));
}

}  // namespace mscsim::validation
