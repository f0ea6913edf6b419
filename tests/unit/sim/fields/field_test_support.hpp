#pragma once
// Small helpers shared by the field tests.
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "sim/fields/field_set.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim::test {

// Diffusion number r = D dt / dx² → the dt (hours) that gives it.
inline double dt_for_diffusion_number(double r, double diffusion_um2_per_s, double voxel_um) {
  return r * voxel_um * voxel_um / (diffusion_um2_per_s * 3600.0);
}

inline double total(const FieldSet& fields, FieldId id) {
  const double* c = fields.data(id);
  return std::accumulate(c, c + fields.shape().voxel_count(), 0.0);
}

// Reproducible rough initial values in [0, 1) (keyed on the voxel index).
inline void fill_random(FieldSet& fields, FieldId id, std::uint64_t seed) {
  double* c = fields.data(id);
  for (std::size_t v = 0; v < fields.shape().voxel_count(); ++v)
    c[v] = rng::RandomStream(seed, rng::purpose_id("field test"), v, id).uniform();
}

}  // namespace mscsim::test
