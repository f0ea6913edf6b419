#pragma once
// Runs a small in vitro well given as TOML text in-process and returns the end-of-run
// value of named series ("group/name"), for the unit tests of the innate and B-cell rules.
#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <string>

#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim::models::testing {

inline std::map<std::string, double> run_well(const std::string& toml_body, double duration_h,
                                              std::uint64_t seed = 7) {
  static std::deque<ModelList> model_lists;  // a Simulation keeps references to its models
  static std::deque<ParameterCatalogue> catalogues;  // a Scenario points at its catalogue
  model_lists.push_back(create_models());
  catalogues.push_back(build_catalogue(model_lists.back()));
  const std::string text = "[run]\nname = \"unit\"\nduration_h = " + std::to_string(duration_h) +
                           "\ndt_h = 0.1\nseed = " + std::to_string(seed) +
                           "\noutput_every_h = 1.0\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [30, 30]\n" +
                           toml_body;
  const Scenario scenario = load_scenario_text(text, "unit", catalogues.back());
  Simulation sim(scenario, model_lists.back());
  sim.initialize();
  while (!sim.finished()) sim.step();
  std::vector<double> row;
  sim.observe(row);
  std::map<std::string, double> out;
  for (std::size_t i = 0; i < sim.series().size(); ++i)
    out[sim.series()[i].group + "/" + sim.series()[i].name] = row[i];
  return out;
}

// A medium cytokine: uniform initial value held at the edges, no decay in the well.
inline std::string medium(const std::string& field, double ng_per_ml) {
  const std::string v = std::to_string(ng_per_ml);
  return "[fields." + field + "]\ninitial_ng_per_ml = " + v + "\nboundary = \"bath\"\nbath_ng_per_ml = " + v +
         "\nhalf_life_h = 1000.0\n";
}

}  // namespace mscsim::models::testing
