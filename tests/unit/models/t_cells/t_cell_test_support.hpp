#pragma once
// Runs the registered models on a small scenario written inline, for the T-cell unit tests.
#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim::test_support {

// Final value of every series after running `toml` to its end.
struct FinalValues {
  std::vector<SeriesSpec> specs;
  std::vector<double> row;
  double operator[](const std::string& group_slash_name) const {
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].group + "/" + specs[i].name == group_slash_name) return row[i];
    ADD_FAILURE() << "no series " << group_slash_name;
    return 0.0;
  }
};

inline FinalValues run_inline(const std::string& toml) {
  ModelList models = models::create_models();
  static std::deque<ParameterCatalogue> catalogues;  // a Scenario points at its catalogue
  catalogues.push_back(models::build_catalogue(models));
  const Scenario scenario = load_scenario_text(toml, "t_cell_unit.toml", catalogues.back());
  Simulation sim(scenario, models);
  sim.initialize();
  while (!sim.finished()) sim.step();
  FinalValues out;
  out.specs = sim.series();
  sim.observe(out.row);
  return out;
}

// A small culture well: 30 x 30 voxels, dt 0.1 h.
inline std::string well(double hours, std::uint64_t seed = 11) {
  return "[run]\nduration_h = " + std::to_string(hours) + "\ndt_h = 0.1\nseed = " + std::to_string(seed) +
         "\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [30, 30]\n";
}

// A medium concentration of one field, held by the well's bath and slow to decay.
inline std::string medium(const std::string& field, double ng_per_ml) {
  const std::string c = std::to_string(ng_per_ml);
  return "[fields." + field + "]\ninitial_ng_per_ml = " + c + "\nboundary = \"bath\"\nbath_ng_per_ml = " + c +
         "\nhalf_life_h = 1000.0\n";
}

}  // namespace mscsim::test_support
