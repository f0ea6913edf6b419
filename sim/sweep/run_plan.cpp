#include "sim/sweep/run_plan.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "sim/params/parameter_catalogue.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim::sweep {
namespace {

// A point of an arm: one value per varied axis (TOML text and origin).
struct AxisValue {
  std::string text;
  SourceLocation where;
};
struct Point {
  std::vector<AxisValue> values;  // parallel to the arm's axes
  std::string block;
  std::int64_t row = -1;
};

std::string number_value_text(double x, bool integer) {
  if (integer) return std::to_string(std::llround(x));
  return to_toml_text(Value{x});
}

std::vector<AxisValue> listed_values(const Axis& axis, bool integer) {
  std::vector<AxisValue> out;
  if (axis.kind == AxisKind::values) {
    for (const LocatedValue& v : axis.values) out.push_back({to_toml_text(v.value), v.where});
    return out;
  }
  for (double x : range_points(axis)) out.push_back({number_value_text(x, integer), axis.where});
  return out;
}

// A unit-interval coordinate mapped onto a sample axis.
double scaled(const Axis& axis, double u) {
  if (axis.log_scale) return std::exp(std::log(axis.from) + u * (std::log(axis.to) - std::log(axis.from)));
  return axis.from + u * (axis.to - axis.from);
}

// Latin hypercube on [0,1)^k: each axis cut into n strata, one point per stratum, strata
// paired across axes by independent permutations (McKay, Beckman and Conover 1979).
std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed, std::uint64_t purpose) {
  std::vector<std::vector<double>> u(n, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    rng::RandomStream stream(seed, purpose, j, 0);
    std::vector<std::size_t> strata(n);
    std::iota(strata.begin(), strata.end(), 0);
    for (std::size_t i = n; i > 1; --i) std::swap(strata[i - 1], strata[stream.below(i)]);  // Fisher-Yates
    for (std::size_t i = 0; i < n; ++i) u[i][j] = (static_cast<double>(strata[i]) + stream.uniform()) / static_cast<double>(n);
  }
  return u;
}

std::vector<Point> grid_points(const SweepSpec& spec, const Arm& arm, const IntegerKey& is_integer) {
  std::vector<std::vector<AxisValue>> lists;
  for (std::size_t a : arm.axes) lists.push_back(listed_values(spec.axes[a], is_integer(spec.axes[a].key)));
  std::vector<Point> points;
  if (lists.empty()) return {Point{}};
  if (spec.combine == Combine::zip) {
    for (std::size_t i = 0; i < lists[0].size(); ++i) {
      Point p;
      for (const auto& l : lists) p.values.push_back(l[i]);
      points.push_back(std::move(p));
    }
    return points;
  }
  // Factorial, the last axis varying fastest.
  std::vector<std::size_t> index(lists.size(), 0);
  while (true) {
    Point p;
    for (std::size_t d = 0; d < lists.size(); ++d) p.values.push_back(lists[d][index[d]]);
    points.push_back(std::move(p));
    std::size_t d = lists.size();
    while (d > 0) {
      --d;
      if (++index[d] < lists[d].size()) break;
      index[d] = 0;
      if (d == 0) return points;
    }
  }
}

std::vector<Point> design_points(const SweepSpec& spec, const Arm& arm, const IntegerKey& is_integer) {
  const std::size_t k = arm.axes.size();
  const std::size_t n = static_cast<std::size_t>(spec.samples);
  const auto point_of = [&](const std::vector<double>& u) {
    Point p;
    for (std::size_t j = 0; j < k; ++j) {
      const Axis& axis = spec.axes[arm.axes[j]];
      p.values.push_back({number_value_text(scaled(axis, u[j]), is_integer(axis.key)), axis.where});
    }
    return p;
  };
  std::vector<Point> points;
  if (spec.sampling == Sampling::lhs) {
    for (const auto& u : latin_hypercube(n, k, spec.seed, rng::purpose_id("sweep.lhs"))) points.push_back(point_of(u));
    return points;
  }
  // Saltelli's design: two independent base matrices A and B (here each a Latin hypercube),
  // and for each axis i the matrix AB_i, A with column i from B (Saltelli et al. 2010).
  const auto a = latin_hypercube(n, k, spec.seed, rng::purpose_id("sweep.saltelli.A"));
  const auto b = latin_hypercube(n, k, spec.seed, rng::purpose_id("sweep.saltelli.B"));
  for (std::size_t row = 0; row < n; ++row) {
    Point pa = point_of(a[row]);
    pa.block = "A";
    pa.row = static_cast<std::int64_t>(row);
    points.push_back(pa);
    Point pb = point_of(b[row]);
    pb.block = "B";
    pb.row = static_cast<std::int64_t>(row);
    points.push_back(pb);
    for (std::size_t i = 0; i < k; ++i) {
      std::vector<double> mixed = a[row];
      mixed[i] = b[row][i];
      Point p = point_of(mixed);
      p.block = "AB" + std::to_string(i + 1);
      p.row = static_cast<std::int64_t>(row);
      points.push_back(p);
    }
  }
  return points;
}

}  // namespace

std::uint64_t replicate_seed(std::uint64_t sweep_seed, std::size_t replicate) {
  rng::RandomStream stream(sweep_seed, rng::purpose_id("sweep.replicate"), replicate, 0);
  return stream() & ((std::uint64_t{1} << 62) - 1);
}

std::vector<double> range_points(const Axis& axis) {
  std::vector<double> out;
  for (int i = 0; i < axis.points; ++i) {
    const double u = axis.points == 1 ? 0.0 : static_cast<double>(i) / (axis.points - 1);
    double x = axis.log_scale ? std::exp(std::log(axis.from) + u * (std::log(axis.to) - std::log(axis.from)))
                              : axis.from + u * (axis.to - axis.from);
    if (i == 0) x = axis.from;  // the ends exactly as written
    if (i == axis.points - 1) x = axis.to;
    out.push_back(x);
  }
  return out;
}

std::vector<PlannedRun> make_plan(const SweepSpec& spec, const IntegerKey& is_integer) {
  std::vector<PlannedRun> runs;
  for (const Arm& arm : spec.arms) {
    const bool sampled = !arm.axes.empty() && spec.axes[arm.axes[0]].kind == AxisKind::sample;
    const std::vector<Point> points = sampled ? design_points(spec, arm, is_integer) : grid_points(spec, arm, is_integer);
    for (std::size_t p = 0; p < points.size(); ++p) {
      for (std::size_t r = 0; r < static_cast<std::size_t>(spec.replicates); ++r) {
        PlannedRun run;
        char id[128];
        std::snprintf(id, sizeof id, "%s-p%04zu-r%03zu", arm.name.c_str(), p, r);
        run.id = id;
        run.arm = arm.name;
        run.point = p;
        run.replicate = r;
        run.seed = replicate_seed(spec.seed, r);
        run.axis_values.assign(spec.axes.size(), "");
        run.design_block = points[p].block;
        run.design_row = points[p].row;
        for (const Assignment& a : spec.set) run.overrides.push_back({a.key, to_toml_text(a.value.value), a.value.where, a.value.where});
        for (const Assignment& a : arm.set) run.overrides.push_back({a.key, to_toml_text(a.value.value), a.value.where, a.value.where});
        for (std::size_t j = 0; j < arm.axes.size(); ++j) {
          const Axis& axis = spec.axes[arm.axes[j]];
          run.axis_values[arm.axes[j]] = points[p].values[j].text;
          run.overrides.push_back({axis.key, points[p].values[j].text, points[p].values[j].where, axis.where});
        }
        // run.seed from the sweep (an axis or a set: one seed per cohort patient) is the run's
        // seed; the sweep file checks it is an integer and that replicates = 1.
        for (const RunOverride& o : run.overrides) {
          std::uint64_t seed = 0;
          const char* end = o.value_text.data() + o.value_text.size();
          // A value that is not an unsigned integer keeps the replicate seed here; loading
          // the run's scenario then rejects it with the sweep file's line.
          if (o.key == "run.seed" && std::from_chars(o.value_text.data(), end, seed).ptr == end) run.seed = seed;
        }
        runs.push_back(std::move(run));
      }
    }
  }
  return runs;
}

}  // namespace mscsim::sweep
