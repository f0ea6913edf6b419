#pragma once
// The run table of a sweep: every (arm, point, replicate) with its seed and the scenario
// overrides that make it. Deterministic in the sweep file alone, so every executor and
// every Slurm task derives the same table.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace mscsim::sweep {

// One --set of a run, with where in the sweep file its value came from (for messages).
struct RunOverride {
  std::string key;
  std::string value_text;  // TOML value syntax
  SourceLocation where;      // of the value
  SourceLocation key_where;  // of the key (an axis's `key = ...`, or the value's for set tables)
};

struct PlannedRun {
  std::string id;          // "<arm>-p0003-r007": the run file's name
  std::string arm;
  std::size_t point = 0;
  std::size_t replicate = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> axis_values;  // per axis of the sweep: TOML text, "" when not varied
  std::string design_block;              // saltelli: "A", "B", "AB<i>"; else empty
  std::int64_t design_row = -1;          // saltelli: row of the base matrices
  std::vector<RunOverride> overrides;    // sweep set, arm set, then the axes
};

// True when a scenario key holds an integer (ranges and samples are then rounded).
using IntegerKey = std::function<bool(const std::string& key)>;

std::vector<PlannedRun> make_plan(const SweepSpec& spec, const IntegerKey& is_integer);

// The seed of replicate r: the same in every arm and at every point (common random numbers).
std::uint64_t replicate_seed(std::uint64_t sweep_seed, std::size_t replicate);

// Points of a range axis (linear or geometric, both ends included).
std::vector<double> range_points(const Axis& axis);

}  // namespace mscsim::sweep
