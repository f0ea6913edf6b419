#pragma once
// Scalar fields (concentrations) on the lattice. Each obeys
//   dc/dt = D ∇²c − λ c + secretion − uptake
// Secretion and uptake are applied by agents into their own voxel (see apply_source);
// decay and diffusion are solved here, implicitly, so any dt is stable:
// exact exponential decay, then locally one-dimensional (LOD) backward-Euler diffusion,
// one Thomas solve per lattice line and axis (as BioFVM, Ghaffarizadeh et al. 2016).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/cache_aligned.hpp"
#include "sim/fields/thomas.hpp"
#include "sim/lattice/lattice_shape.hpp"

namespace mscsim {

enum class BoundaryCondition {
  ZeroFlux,  // nothing leaves through the edges (tissue default)
  Bath,      // Dirichlet: the edge is held at bath_value (in vitro well with medium)
};

struct FieldSpec {
  std::string name;                 // unique, e.g. "signal"
  std::string unit = "ng/mL";
  double diffusion_um2_per_s = 50.0;
  double half_life_h = 1.0;         // <= 0 or inf means no decay
  double initial_value = 0.0;
  BoundaryCondition boundary = BoundaryCondition::ZeroFlux;
  double bath_value = 0.0;          // used with BoundaryCondition::Bath
};

using FieldId = std::uint32_t;

// Secretion s and first-order uptake u in one voxel over one step, taken together with
// the field's decay λ (which solve() applies afterwards) so that the pair is exact:
//   c(dt) = c e^{−(λ+u)dt} + s (1 − e^{−(λ+u)dt}) / (λ + u).
// Agents apply c' = keep·c + gain·s before the solve; solve() then multiplies by e^{−λdt}.
// Without this, a short-lived mediator (IL-2, PGE2: λ dt ~ 1) would be under-counted by a
// factor that depends on dt, and results would not converge as dt shrinks.
struct SourceStep {
  double keep = 1.0;  // e^{−u dt}
  double gain = 0.0;  // (1 − e^{−(λ+u)dt}) / (λ + u) · e^{λ dt}
  double apply(double c, double secretion_per_h) const { return keep * c + gain * secretion_per_h; }
};

class FieldSet {
 public:
  explicit FieldSet(LatticeShape shape);

  FieldId add(const FieldSpec& spec);  // throws ConfigurationError on a duplicate name
  std::size_t size() const { return specs_.size(); }
  const FieldSpec& spec(FieldId id) const { return specs_[id]; }
  // Throws ConfigurationError if unknown.
  FieldId id_of(const std::string& name) const;
  bool has(const std::string& name) const;
  const LatticeShape& shape() const { return shape_; }

  double* data(FieldId id) { return values_[id].data(); }
  const double* data(FieldId id) const { return values_[id].data(); }

  // Decay and diffusion of every field over dt_h (OpenMP over lattice lines).
  // Bit-identical for any thread count: each line's arithmetic is the same.
  // A quiescent field (every voxel +0.0 and no non-zero bath at its edges) is skipped:
  // solving it would give +0.0 everywhere again, so skipping changes no bit. Whoever
  // writes a source into a field makes it non-zero and so solved again, with no flag to
  // keep: the check reads the values themselves (a few hundred voxels for a field in
  // use, one pass of OR for a field that is zero; cheap beside three sweeps).
  void solve(double dt_h);

  // On by default. Off solves every field, quiescent or not (the tests compare both).
  void set_skip_quiescent(bool skip) { skip_quiescent_ = skip; }
  // True when solve() would skip field `id` now.
  bool quiescent(FieldId id) const;

  // Same physics, explicit Euler with one sub-step small enough to be stable: the
  // simple serial oracle the implicit solver is tested against.
  void solve_reference_explicit(double dt_h);

  // Voxel × field updates done by solve() so far (skipped quiescent fields not counted),
  // and seconds spent in it.
  std::uint64_t voxel_field_updates() const { return updates_; }
  double solve_seconds() const { return solve_seconds_; }

  // Coefficients for agents that secrete into / take up from field `id` during a step of
  // dt_h (compute once per rule call, not per agent).
  SourceStep source_step(FieldId id, double uptake_per_h, double dt_h) const;

  // Bytes held by field values (for memory accounting).
  std::size_t bytes() const;

 private:
  LatticeShape shape_;
  std::vector<FieldSpec> specs_;
  std::vector<CacheAlignedVector<double>> values_;  // each field starts on a cache line
  // Thomas factors per field and axis (index field * 3 + axis), valid for factors_dt_h_;
  // the matrix is the same for every line of an axis, so it is factored once per dt.
  std::vector<fields_detail::LineFactors> factors_;
  double factors_dt_h_ = -1.0;
  bool skip_quiescent_ = true;
  std::uint64_t updates_ = 0;
  double solve_seconds_ = 0.0;
};

// Implicit secretion/uptake for one voxel over dt: c' = (c + s·dt) / (1 + u·dt),
// with s in concentration per hour and u per hour. Unconditionally stable, c' >= 0.
// For a field that decays, prefer FieldSet::source_step, which is exact with the decay.
inline double apply_source(double c, double secretion_per_h, double uptake_per_h, double dt_h) {
  return (c + secretion_per_h * dt_h) / (1.0 + uptake_per_h * dt_h);
}


}  // namespace mscsim
