// FieldSet::solve_reference_explicit: forward Euler in time, the standard 3/5/7-point
// Laplacian in space, written for clarity rather than speed. It is the oracle that the
// implicit LOD solver in field_set.cpp is tested against, so it shares nothing with it
// except the coefficients (field_physics.hpp).
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "sim/fields/field_physics.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {

void FieldSet::solve_reference_explicit(double dt_h) {
  fields_detail::check_time_step(dt_h);
  if (dt_h == 0.0) return;

  const std::array<int, 3> extent = {shape_.nx, shape_.ny, shape_.nz};
  // An axis one voxel thick is not a spatial dimension: nothing diffuses along it.
  int dimensions = 0;
  for (int n : extent) dimensions += n > 1 ? 1 : 0;

  for (std::size_t f = 0; f < specs_.size(); ++f) {
    const FieldSpec& spec = specs_[f];
    const double r = fields_detail::diffusion_number(spec, shape_.voxel_um, dt_h);
    const double decay_rate = fields_detail::decay_rate_per_h(spec);
    // Forward Euler is stable for r_sub <= 1 / (2 · dimensions); we take half of that,
    // and keep λ dt_sub <= 1/2 so decay alone cannot overshoot zero.
    const double needed = std::max({1.0, 4.0 * dimensions * r, 2.0 * decay_rate * dt_h});
    const int substeps = static_cast<int>(std::ceil(needed));
    const double r_sub = r / substeps;
    const double decay_sub = decay_rate * dt_h / substeps;
    const bool bath = spec.boundary == BoundaryCondition::Bath;

    CacheAlignedVector<double>& c = values_[f];
    CacheAlignedVector<double> next(c.size());
    for (int s = 0; s < substeps; ++s) {
      for (int z = 0; z < shape_.nz; ++z)
        for (int y = 0; y < shape_.ny; ++y)
          for (int x = 0; x < shape_.nx; ++x) {
            const double here = c[shape_.index(x, y, z)];
            // Outside the lattice: a mirror of this voxel (zero flux) or the bath.
            auto neighbour = [&](int px, int py, int pz) {
              if (shape_.contains(px, py, pz)) return c[shape_.index(px, py, pz)];
              return bath ? spec.bath_value : here;
            };
            double laplacian = 0.0;
            if (extent[0] > 1) laplacian += neighbour(x - 1, y, z) + neighbour(x + 1, y, z) - 2.0 * here;
            if (extent[1] > 1) laplacian += neighbour(x, y - 1, z) + neighbour(x, y + 1, z) - 2.0 * here;
            if (extent[2] > 1) laplacian += neighbour(x, y, z - 1) + neighbour(x, y, z + 1) - 2.0 * here;
            next[shape_.index(x, y, z)] = here + r_sub * laplacian - decay_sub * here;
          }
      c.swap(next);
    }
  }
}

}  // namespace mscsim
