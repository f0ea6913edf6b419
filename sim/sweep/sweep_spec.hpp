#pragma once
// A sweep file (docs/sweeps.md): a base scenario, axes over scenario key paths, named
// arms and replicates. Loaded and checked completely before anything runs; every problem is
// a ScenarioError naming the sweep file, line:column and key. What the base scenario
// accepts (key paths, value ranges) is checked later, run by run, by the scenario loader.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/params/value.hpp"

namespace mscsim::sweep {

// A value written in the sweep file, with where it was written.
struct LocatedValue {
  Value value;
  SourceLocation where;
};

// One scenario key set to one value ("set" tables of the sweep and of arms).
struct Assignment {
  std::string key;
  LocatedValue value;
};

enum class AxisKind { values, range, log_range, sample };
enum class Combine { factorial, zip };
enum class Sampling { grid, lhs, saltelli };

struct Axis {
  std::string key;
  AxisKind kind = AxisKind::values;
  bool log_scale = false;      // log_range, or sample with scale = "log"
  bool is_dose = false;        // enters the dose-response table
  std::vector<LocatedValue> values;  // explicit values (kind == values)
  double from = 0.0, to = 0.0;       // range, log_range, sample
  int points = 0;                    // range, log_range
  SourceLocation where;              // the axis's key line
};

struct Arm {
  std::string name;
  std::vector<Assignment> set;
  std::vector<std::size_t> axes;  // indices into SweepSpec::axes, in axis order
  SourceLocation where;
};

struct SweepSpec {
  std::filesystem::path file;       // the sweep file as given
  std::string text;                 // its contents (copied into the sweep folder)
  std::string name;
  std::filesystem::path base;       // the base scenario, resolved against the file's folder
  SourceLocation base_where;
  std::uint64_t seed = 1;
  int replicates = 1;
  Combine combine = Combine::factorial;
  std::string control;              // empty: no control arm
  std::vector<Assignment> set;
  std::vector<Axis> axes;
  Sampling sampling = Sampling::grid;
  int samples = 0;                  // lhs: points; saltelli: base size N
  std::vector<Arm> arms;            // at least one ("base" when the file names none)
};

// Reads and checks a sweep file. Throws ScenarioError (file:line:column: key: message).
SweepSpec load_sweep_file(const std::filesystem::path& path);
SweepSpec load_sweep_text(const std::string& text, const std::filesystem::path& path);

const char* to_string(AxisKind kind);
const char* to_string(Sampling sampling);

}  // namespace mscsim::sweep
