#pragma once
// The mixed lymphocyte reaction of scenarios/in_vitro/mlr.toml run in-process for the
// T-cell validation facts: end-of-run values with and without MSCs under the same seed
// (the matched control of docs/ODD.md section 2) and % suppression of T proliferation.
#include <string>
#include <vector>

#include "../validation_support.hpp"

namespace mscsim::validation {

inline const std::string& mlr_scenario() {
  static const std::string path = scenario_path("in_vitro/mlr.toml");
  return path;
}

// MSC:T ratios of the scenario's 1000 responder T cells.
inline std::string msc_count(int cells) { return "msc.initial_count=" + std::to_string(cells); }

// End-of-run row of one MLR run.
struct MlrEnd {
  RunSeries run;
  double operator[](const std::string& series) const { return run.final(series); }
};

inline MlrEnd run_mlr(std::vector<std::string> assignments, std::uint64_t seed) {
  return {run_scenario(mlr_scenario(), assignments, seed)};
}

// % suppression of T proliferation (precursor-weighted mean divisions) against the matched
// control: 100 (1 − divisions_with / divisions_control).
inline double percent_suppression(double divisions_with, double divisions_control) {
  return 100.0 * (1.0 - divisions_with / divisions_control);
}

inline const char* const kMeanDivisions = "t_proliferation/mean_divisions";

}  // namespace mscsim::validation
