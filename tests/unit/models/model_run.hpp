#pragma once
// A simulation of the full biology built in-process from scenario text, for unit tests of
// the models: the models, catalogue and scenario live as long as the simulation.
#include <deque>
#include <memory>
#include <string>

#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim::models::testing {

struct ModelRun {
  ModelList models = create_models();
  std::deque<ParameterCatalogue> catalogue;
  std::deque<Scenario> scenario;
  std::unique_ptr<Simulation> sim;

  ModelRun(const std::string& toml, const std::string& source_name) {
    catalogue.push_back(build_catalogue(models));
    scenario.push_back(load_scenario_text(toml, source_name, catalogue.back()));
    sim = std::make_unique<Simulation>(scenario.back(), models);
    sim->initialize();
  }
  void run_to_end() {
    while (!sim->finished()) sim->step();
  }
};

}  // namespace mscsim::models::testing
