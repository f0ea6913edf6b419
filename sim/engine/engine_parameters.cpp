#include "sim/engine/engine_parameters.hpp"

#include <cmath>
#include <limits>

#include "sim/core/errors.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim {


void declare_engine_parameters(ParameterCatalogue& c) {
  c.declare(text_parameter("run.name", "unnamed", {}, "assumption",
                            "Name of the run; default output file is out/<name>.h5."));

  c.declare(exclusive_min(real_parameter("run.duration_h", 48.0, 0.0, 1.0e6, "h", "assumption", "Simulated time.")));
  c.declare(exclusive_min(real_parameter("run.dt_h", 0.05, 0.0, 24.0, "h", "assumption",
                 "Fixed time step; rates become probabilities 1 - exp(-r dt) (competing events: one draw).")));
  c.declare(integer_parameter("run.seed", 1, 0, 9.0e18, "1", "assumption",
                               "Seed of every random stream; same scenario and seed give the same trajectory."));
  c.declare(exclusive_min(real_parameter("run.output_every_h", 1.0, 0.0, 1.0e6, "h", "assumption", "Interval of the time series.")));
  c.declare(real_parameter("run.snapshot_every_h", 0.0, 0.0, 1.0e6, "h", "assumption",
                 "Interval of field and agent snapshots; 0 = only at the start and the end."));
  c.declare(flag_parameter("run.agent_snapshots", true, "assumption", "Write every agent's state with each snapshot."));

  ParameterSpec size;
  size.key = "tissue.size_voxels";
  size.type = ValueType::IntegerArray;
  size.default_value = std::vector<std::int64_t>{200, 200};
  size.min = 1;
  size.max = 4096;
  size.min_length = 2;
  size.max_length = 3;
  size.unit = "voxels";
  size.reference = "assumption (4 mm x 4 mm slab one cell deep)";
  size.description = "Lattice size [x, y] or [x, y, z]; z = 1 or absent is 2-D.";
  c.declare(size);
  c.declare(real_parameter("tissue.voxel_um", 20.0, 1.0, 1000.0, "um",
                 "one cell diameter; GranSim uses the same (Segovia-Juarez 2004)", "Edge of a cubic voxel."));

  // The default output is out/<run.name>.h5: a name with a folder in it would write
  // elsewhere (an absolute path, "../../x").
  c.add_check([](const Scenario& s) {
    const std::string& name = s.text("run.name");
    std::string problem;
    if (name.empty()) problem = "is empty";
    else if (name.find('/') != std::string::npos) problem = "contains '/'";
    else if (name == "." || name == "..") problem = "is '" + name + "'";
    else if (name.find('\0') != std::string::npos) problem = "contains a NUL character";
    if (!problem.empty())
      throw ScenarioError(s.location_of("run.name"), "run.name",
                          "'" + name + "' " + problem + "; the run name must be a plain file name (the default output "
                          "is out/<run.name>.h5)");
  });
  c.add_check([](const Scenario& s) {
    const double dt = s.real("run.dt_h");
    if (dt > s.real("run.output_every_h"))
      throw ScenarioError(s.location_of("run.dt_h"), "run.dt_h",
                          "dt " + to_toml_text(dt) + " h is larger than the output interval run.output_every_h = " +
                              to_toml_text(s.real("run.output_every_h")) + " h");
    const double snap = s.real("run.snapshot_every_h");
    if (snap > 0.0 && dt > snap)
      throw ScenarioError(s.location_of("run.dt_h"), "run.dt_h",
                          "dt " + to_toml_text(dt) + " h is larger than the snapshot interval run.snapshot_every_h = " +
                              to_toml_text(snap) + " h");
    if (dt > s.real("run.duration_h"))
      throw ScenarioError(s.location_of("run.dt_h"), "run.dt_h", "dt is longer than the whole run (run.duration_h)");
  });
}

RunSettings read_run_settings(const Scenario& s) {
  RunSettings r;
  r.name = s.text("run.name");
  r.duration_h = s.real("run.duration_h");
  r.dt_h = s.real("run.dt_h");
  r.seed = static_cast<std::uint64_t>(s.integer("run.seed"));
  r.output_every_h = s.real("run.output_every_h");
  r.snapshot_every_h = s.real("run.snapshot_every_h");
  r.agent_snapshots = s.flag("run.agent_snapshots");
  r.step_count = static_cast<std::uint64_t>(std::llround(r.duration_h / r.dt_h));
  if (r.step_count == 0) r.step_count = 1;
  r.output_every_steps = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(r.output_every_h / r.dt_h)));
  r.snapshot_every_steps =
      r.snapshot_every_h > 0.0
          ? std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(r.snapshot_every_h / r.dt_h)))
          : 0;
  return r;
}

LatticeShape read_lattice_shape(const Scenario& s) {
  const auto& size = s.integers("tissue.size_voxels");
  LatticeShape shape;
  shape.nx = static_cast<int>(size[0]);
  shape.ny = static_cast<int>(size[1]);
  shape.nz = size.size() > 2 ? static_cast<int>(size[2]) : 1;
  shape.voxel_um = s.real("tissue.voxel_um");
  return shape;
}

}  // namespace mscsim
