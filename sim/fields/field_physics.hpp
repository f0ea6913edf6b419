#pragma once
// Unit conversions and coefficients shared by the implicit solver and the explicit
// reference, so both integrate exactly the same equation. Private to sim/fields.
#include <cmath>
#include <numbers>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim::fields_detail {

inline void check_time_step(double dt_h) {
  if (!(dt_h >= 0.0) || !std::isfinite(dt_h))
    throw ConfigurationError("FieldSet: time step must be finite and >= 0, got " + std::to_string(dt_h));
}

// Decay rate λ = ln 2 / half-life, per hour; a half-life <= 0 or infinite means none.
inline double decay_rate_per_h(const FieldSpec& spec) {
  if (!(spec.half_life_h > 0.0) || std::isinf(spec.half_life_h)) return 0.0;
  return std::numbers::ln2 / spec.half_life_h;
}

// Exact decay over dt: exp(−λ dt).
inline double decay_factor(const FieldSpec& spec, double dt_h) {
  const double rate = decay_rate_per_h(spec);
  return rate > 0.0 ? std::exp(-rate * dt_h) : 1.0;
}

// r = D dt / dx², with D given in µm²/s and dt in hours.
inline double diffusion_number(const FieldSpec& spec, double voxel_um, double dt_h) {
  const double diffusion_um2_per_h = spec.diffusion_um2_per_s * 3600.0;
  return diffusion_um2_per_h * dt_h / (voxel_um * voxel_um);
}

}  // namespace mscsim::fields_detail
