#pragma once
// A small catalogue shaped like the real one, declared here so the loader is tested
// without any model.
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::testing {

inline ParameterCatalogue small_catalogue() {
  ParameterCatalogue c;
  ParameterSpec name;
  name.key = "run.name";
  name.type = ValueType::Text;
  name.default_value = std::string("baseline");
  name.unit = "1";
  name.reference = "assumption";
  name.description = "Label of the run.";
  c.declare(name);

  ParameterSpec duration;
  duration.key = "run.duration_h";
  duration.default_value = 24.0;
  duration.min = 0.0;
  duration.max = 10000.0;
  duration.min_exclusive = true;
  duration.unit = "h";
  duration.reference = "assumption";
  duration.description = "Simulated time.";
  c.declare(duration);

  ParameterSpec dt;
  dt.key = "run.dt_h";
  dt.default_value = 0.05;
  dt.min = 0.0;
  dt.max = 24.0;
  dt.min_exclusive = true;
  dt.unit = "h";
  dt.reference = "assumption";
  dt.description = "Time step.";
  c.declare(dt);

  ParameterSpec output;
  output.key = "run.output_every_h";
  output.default_value = 1.0;
  output.min = 0.0;
  output.min_exclusive = true;
  output.unit = "h";
  output.reference = "assumption";
  output.description = "Interval between snapshots.";
  c.declare(output);

  ParameterSpec size;
  size.key = "tissue.size_voxels";
  size.type = ValueType::IntegerArray;
  size.default_value = std::vector<std::int64_t>{100, 100};
  size.min = 1;
  size.max = 4096;
  size.min_length = 2;
  size.max_length = 3;
  size.unit = "voxels";
  size.reference = "assumption";
  size.description = "Lattice size per axis.";
  c.declare(size);

  c.declare_list({"dose", "Infusions of cells.", 10});

  ParameterSpec cells;
  cells.key = "dose.*.cells_per_kg";
  cells.default_value = 1e6;
  cells.min = 0.0;
  cells.unit = "cells/kg";
  cells.reference = "Galipeau 2018";
  cells.description = "Cells infused per kg body weight.";
  c.declare(cells);

  ParameterSpec route;
  route.key = "dose.*.route";
  route.type = ValueType::Text;
  route.default_value = std::string("iv");
  route.choices = {"iv", "ia", "local"};
  route.unit = "1";
  route.reference = "assumption";
  route.description = "Route of administration.";
  c.declare(route);

  c.add_check([](const Scenario& s) {
    if (s.real("run.dt_h") > s.real("run.output_every_h")) {
      throw ScenarioError({}, "run.dt_h", "time step is longer than the output interval run.output_every_h");
    }
  });
  return c;
}

}  // namespace mscsim::testing
