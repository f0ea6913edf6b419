#pragma once
// Parameters the engine itself reads: the [run] table (time stepping, seed, output) and
// the [tissue] lattice geometry. Field parameters are declared per field (field_parameters.hpp).
#include <cstdint>
#include <string>

#include "sim/lattice/lattice_shape.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim {

void declare_engine_parameters(ParameterCatalogue& catalogue);

struct RunSettings {
  std::string name;
  double duration_h = 0.0;
  double dt_h = 0.0;
  std::uint64_t seed = 0;
  double output_every_h = 0.0;
  double snapshot_every_h = 0.0;  // 0: field/agent snapshots only at the start and the end
  bool agent_snapshots = true;
  std::uint64_t step_count = 0;   // duration_h / dt_h, rounded
  std::uint64_t output_every_steps = 1;
  std::uint64_t snapshot_every_steps = 0;  // 0: none in between
};

RunSettings read_run_settings(const Scenario& scenario);
LatticeShape read_lattice_shape(const Scenario& scenario);

}  // namespace mscsim
