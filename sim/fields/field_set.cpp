#include "sim/fields/field_set.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/fields/field_physics.hpp"

namespace mscsim {

namespace {

// Lines swept together in the y and z sweeps. Fixed (not derived from the thread count)
// so every voxel goes through the same vector or scalar code path at any thread count;
// 64 doubles × a few hundred rows stays in L2 while the recurrence runs.
constexpr std::size_t kSweepWidth = 64;

// x lines per work item in the x sweep (solved in lockstep, see thomas.hpp).
constexpr std::size_t kRowsPerItem = 8;

// Below this many voxel × field updates a solve takes microseconds and waking the thread
// team (three barriers) would cost more than it saves.
constexpr std::size_t kMinUpdatesForThreads = 16384;

// Whole-field solves are used only when every thread gets at least this many diffusing
// fields; with fewer, one field more or less per thread is too coarse a balance.
constexpr std::size_t kMinWholeFieldsPerThread = 2;

std::size_t blocks_of(std::size_t n) { return (n + kSweepWidth - 1) / kSweepWidth; }

// Voxels whose bits are OR-ed together before each test for a non-zero: long enough to
// vectorise, short enough that a field in use is found non-zero almost at once.
constexpr std::size_t kZeroScanChunk = 256;

// True when every value is +0.0 (all bits zero; −0.0 counts as non-zero, so a field
// holding it is solved as before and keeps its bits).
bool all_bits_zero(const double* values, std::size_t n) {
  for (std::size_t start = 0; start < n; start += kZeroScanChunk) {
    const std::size_t end = std::min(n, start + kZeroScanChunk);
    std::uint64_t bits = 0;
#pragma omp simd reduction(| : bits)
    for (std::size_t i = start; i < end; ++i) {
      std::uint64_t b;
      std::memcpy(&b, values + i, sizeof b);
      bits |= b;
    }
    if (bits != 0) return false;
  }
  return true;
}

}  // namespace

FieldSet::FieldSet(LatticeShape shape) : shape_(shape) {
  if (shape_.nx < 1 || shape_.ny < 1 || shape_.nz < 1)
    throw ConfigurationError("FieldSet: lattice extents must be at least 1");
  if (!(shape_.voxel_um > 0.0) || !std::isfinite(shape_.voxel_um))
    throw ConfigurationError("FieldSet: voxel_um must be positive and finite");
}

FieldId FieldSet::add(const FieldSpec& spec) {
  if (has(spec.name)) throw ConfigurationError("FieldSet: duplicate field '" + spec.name + "'");
  if (!(spec.diffusion_um2_per_s >= 0.0) || !std::isfinite(spec.diffusion_um2_per_s))
    throw ConfigurationError("FieldSet: field '" + spec.name + "' needs a finite diffusion >= 0");
  if (std::isnan(spec.half_life_h))
    throw ConfigurationError("FieldSet: field '" + spec.name + "' has a NaN half-life");
  specs_.push_back(spec);
  values_.emplace_back(shape_.voxel_count(), spec.initial_value);
  factors_dt_h_ = -1.0;  // a new field needs its own factors
  return static_cast<FieldId>(specs_.size() - 1);
}

FieldId FieldSet::id_of(const std::string& name) const {
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == name) return static_cast<FieldId>(i);
  throw ConfigurationError("FieldSet: unknown field '" + name + "'");
}

bool FieldSet::has(const std::string& name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const FieldSpec& s) { return s.name == name; });
}

std::size_t FieldSet::bytes() const {
  std::size_t total = 0;
  for (const auto& v : values_) total += v.size() * sizeof(double);
  return total;
}

// Why skipping a quiescent field changes no bit: with every value +0.0 and a zero edge
// source, each operation of a sweep (thomas.cpp) is +0·scale, +0 + r·(+0), (…)·pivot
// with positive pivots, or +0 − u·(+0) with u ≤ 0, and every one of them gives +0.0;
// a decay-only field gives +0·e^{−λdt} = +0.0. A bath edge at a non-zero value feeds the
// field, so such a field is never quiescent.
bool FieldSet::quiescent(FieldId id) const {
  const FieldSpec& spec = specs_.at(id);
  if (spec.boundary == BoundaryCondition::Bath && spec.bath_value != 0.0) return false;
  return all_bits_zero(values_[id].data(), values_[id].size());
}

void FieldSet::solve(double dt_h) {
  fields_detail::check_time_step(dt_h);
  if (dt_h == 0.0 || specs_.empty()) return;
  const double start = omp_get_wtime();

  const std::size_t extent[3] = {static_cast<std::size_t>(shape_.nx), static_cast<std::size_t>(shape_.ny),
                                 static_cast<std::size_t>(shape_.nz)};
  const std::size_t field_count = specs_.size();
  if (factors_dt_h_ != dt_h || factors_.size() != 3 * field_count) {
    factors_.clear();
    for (const FieldSpec& spec : specs_) {
      const double r = fields_detail::diffusion_number(spec, shape_.voxel_um, dt_h);
      const bool bath = spec.boundary == BoundaryCondition::Bath;
      for (std::size_t axis = 0; axis < 3; ++axis)
        factors_.push_back(fields_detail::factor_line(extent[axis], r, bath, spec.bath_value));
    }
    factors_dt_h_ = dt_h;
  }
  std::vector<double> decay(field_count);
  std::vector<char> diffuses(field_count);
  std::vector<char> active(field_count);
  std::size_t active_count = 0;
  for (std::size_t f = 0; f < field_count; ++f) {
    decay[f] = fields_detail::decay_factor(specs_[f], dt_h);
    diffuses[f] = factors_[3 * f].r > 0.0;
    active[f] = !(skip_quiescent_ && quiescent(static_cast<FieldId>(f)));
    active_count += active[f] ? 1 : 0;
  }

  const std::size_t nx = extent[0], ny = extent[1], nz = extent[2];
  const std::size_t plane = nx * ny;
  const std::size_t rows = ny * nz;
  const std::size_t x_groups = (rows + kRowsPerItem - 1) / kRowsPerItem;
  const std::size_t x_blocks = blocks_of(nx);
  const std::size_t plane_blocks = blocks_of(plane);

  // The three sweeps of one field over a range of their work items; an x item is
  // kRowsPerItem contiguous lines (64 · nx bytes, so items start on a cache line) with the
  // decay of the step folded into their right-hand side, a y item kSweepWidth columns of
  // one z plane swept a whole row at a time, a z item kSweepWidth voxels of the plane
  // swept a whole plane at a time. Each item's arithmetic is the same whoever runs it and
  // whatever else runs with it, so the bits depend on neither the thread count nor the
  // split below.
  auto x_item = [&](std::size_t f, std::size_t group) {
    const std::size_t row0 = group * kRowsPerItem;
    const std::size_t row_count = std::min(kRowsPerItem, rows - row0);
    double* first = values_[f].data() + row0 * nx;
    if (diffuses[f] && nx > 1) {
      fields_detail::solve_contiguous_lines(first, nx, row_count, factors_[3 * f], decay[f]);
    } else if (decay[f] != 1.0) {
      for (std::size_t i = 0; i < row_count * nx; ++i) first[i] *= decay[f];
    }
  };
  auto y_item = [&](std::size_t f, std::size_t block) {  // block = z · x_blocks + column block
    if (!diffuses[f] || ny == 1) return;
    const std::size_t z = block / x_blocks;
    const std::size_t x0 = (block % x_blocks) * kSweepWidth;
    fields_detail::solve_strided_lines(values_[f].data() + z * plane + x0, nx, std::min(kSweepWidth, nx - x0),
                                       factors_[3 * f + 1]);
  };
  auto z_item = [&](std::size_t f, std::size_t block) {
    if (!diffuses[f] || nz == 1) return;
    const std::size_t p0 = block * kSweepWidth;
    fields_detail::solve_strided_lines(values_[f].data() + p0, plane, std::min(kSweepWidth, plane - p0),
                                       factors_[3 * f + 2]);
  };

  // Two ways to share the work. A field solved whole by one thread goes through its three
  // sweeps while it is still in that core's cache, with no barrier and no cache line
  // written by two threads (an x sweep split over threads hands each thread rows the
  // other wrote, and on the 2-vCPU development machine that traffic made a split solve
  // of 17 fields slower on 2 threads than on 1). Whole fields balance only in multiples
  // of the thread count, so the diffusing fields that do not fill a last round, and every
  // field when there are too few for kMinWholeFieldsPerThread rounds, are split line by
  // line over the team instead, with a barrier between sweeps. Fields that only decay
  // cost a multiply per voxel and are always done whole.
  const bool worth_threads = shape_.voxel_count() * active_count >= kMinUpdatesForThreads;
  const std::size_t threads = worth_threads ? static_cast<std::size_t>(omp_get_max_threads()) : 1;
  std::vector<std::size_t> whole, split, decay_only;
  std::size_t diffusing = 0;
  for (std::size_t f = 0; f < field_count; ++f) diffusing += active[f] && diffuses[f] ? 1 : 0;
  const std::size_t rounds = diffusing / threads;
  const std::size_t whole_diffusing = rounds >= kMinWholeFieldsPerThread || threads == 1 ? rounds * threads : 0;
  for (std::size_t f = 0; f < field_count; ++f) {
    if (!active[f]) continue;
    if (!diffuses[f])
      decay_only.push_back(f);
    else
      (whole.size() < whole_diffusing ? whole : split).push_back(f);
  }
  whole.insert(whole.end(), decay_only.begin(), decay_only.end());
  // Split items are numbered field-major and dealt in contiguous shares (schedule(static)):
  // every split field diffuses, so items cost alike, and a thread's x rows and y columns
  // then lie mostly in the same field, which stays in its cache between the sweeps.
  const std::size_t split_count = split.size();
  const auto x_items = static_cast<std::int64_t>(split_count * x_groups);
  const auto y_items = static_cast<std::int64_t>(split_count * nz * x_blocks);
  const auto z_items = static_cast<std::int64_t>(split_count * plane_blocks);
  const auto whole_count = static_cast<std::int64_t>(whole.size());

#pragma omp parallel if (worth_threads)
  {
    // Whole fields, diffusing ones first so that the cheap decay-only ones even out the
    // rounds; no barrier after them, since the split fields are other arrays.
#pragma omp for schedule(dynamic, 1) nowait
    for (std::int64_t i = 0; i < whole_count; ++i) {
      const std::size_t f = whole[static_cast<std::size_t>(i)];
      for (std::size_t g = 0; g < x_groups; ++g) x_item(f, g);
      for (std::size_t b = 0; b < nz * x_blocks; ++b) y_item(f, b);
      for (std::size_t b = 0; b < plane_blocks; ++b) z_item(f, b);
    }
    if (split_count > 0) {
#pragma omp for schedule(static)
      for (std::int64_t item = 0; item < x_items; ++item)
        x_item(split[static_cast<std::size_t>(item) / x_groups], static_cast<std::size_t>(item) % x_groups);
#pragma omp for schedule(static)
      for (std::int64_t item = 0; item < y_items; ++item)
        y_item(split[static_cast<std::size_t>(item) / (nz * x_blocks)], static_cast<std::size_t>(item) % (nz * x_blocks));
#pragma omp for schedule(static)
      for (std::int64_t item = 0; item < z_items; ++item)
        z_item(split[static_cast<std::size_t>(item) / plane_blocks], static_cast<std::size_t>(item) % plane_blocks);
    }
  }

  updates_ += static_cast<std::uint64_t>(shape_.voxel_count()) * active_count;
  solve_seconds_ += omp_get_wtime() - start;
}

}  // namespace mscsim

namespace mscsim {

SourceStep FieldSet::source_step(FieldId id, double uptake_per_h, double dt_h) const {
  const double decay = fields_detail::decay_rate_per_h(specs_.at(id));
  const double total = decay + uptake_per_h;
  SourceStep s;
  s.keep = std::exp(-uptake_per_h * dt_h);
  // (1 − e^{−k dt}) / k → dt as k → 0; expm1 keeps it accurate for small k dt.
  const double integral = total > 0.0 ? -std::expm1(-total * dt_h) / total : dt_h;
  s.gain = integral * std::exp(decay * dt_h);
  return s;
}

}  // namespace mscsim
