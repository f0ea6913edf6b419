// Accuracy of the implicit LOD diffusion solver against the analytic point-source
// solution and against the explicit reference solver.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "field_test_support.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {
namespace {

constexpr double kDiffusionUm2PerS = 50.0;
constexpr double kVoxelUm = 20.0;

// Relative L2 error of a 2-D point source after time t reached in `steps` implicit steps,
// against c(r,t) = M / (4π D t) exp(−r² / 4 D t) sampled at voxel centres.
double point_source_error(int steps) {
  // σ = sqrt(2 D t) = 8 voxels at the end; the lattice reaches 10 σ from the source,
  // where the Gaussian is e^-50 of its peak, so the zero-flux edges do not matter.
  const int n = 161;
  const int centre = n / 2;
  const double sigma_um = 8.0 * kVoxelUm;
  const double d_um2_per_h = kDiffusionUm2PerS * 3600.0;
  const double t_h = sigma_um * sigma_um / (2.0 * d_um2_per_h);

  FieldSet fields(LatticeShape{n, n, 1, kVoxelUm});
  const FieldId id = fields.add(FieldSpec{.name = "signal", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                          .half_life_h = 0.0});
  fields.data(id)[fields.shape().index(centre, centre)] = 1.0;
  const double mass = kVoxelUm * kVoxelUm;  // concentration × voxel area
  for (int s = 0; s < steps; ++s) fields.solve(t_h / steps);

  double error2 = 0.0, exact2 = 0.0;
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const double r2 = kVoxelUm * kVoxelUm * ((x - centre) * (x - centre) + (y - centre) * (y - centre));
      const double exact =
          mass / (4.0 * std::numbers::pi * d_um2_per_h * t_h) * std::exp(-r2 / (4.0 * d_um2_per_h * t_h));
      const double diff = fields.data(id)[fields.shape().index(x, y)] - exact;
      error2 += diff * diff;
      exact2 += exact * exact;
    }
  return std::sqrt(error2 / exact2);
}

// Error budget, from the Fourier symbol of each approximation (u = k² σ² for a mode k of
// the final Gaussian, weighted by its spectrum e^-u; in 2-D u_x, u_y are Gamma(1/2)):
//  - time: backward Euler damps a mode by (1 + a)^-1 per step instead of e^-a, an error of
//    a²/2 in the exponent; per axis (LOD) that sums over N steps to (u_x² + u_y²) / (8 N),
//    whose spectrum-weighted rms is sqrt(14.25) / (8 N) ≈ 0.47 / N;
//  - space: the 5-point Laplacian's symbol is k²(1 − k²dx²/12 + …), an exponent error of
//    u² dx² / (24 σ²), rms sqrt(24)/24 (dx/σ)² ≈ 0.2 (dx/σ)² = 0.003 here.
// We allow 25 % on top for higher-order terms and for sampling at voxel centres.
double point_source_error_bound(int steps) { return 1.25 * (0.47 / steps + 0.2 / 64.0); }

TEST(Diffusion, PointSourceMatchesGaussianAndConvergesInTime) {
  const double coarse = point_source_error(16);
  const double fine = point_source_error(32);
  EXPECT_LT(coarse, point_source_error_bound(16));
  EXPECT_LT(fine, point_source_error_bound(32));
  // First order in time: halving dt roughly halves the (time-dominated) error.
  EXPECT_LT(fine, 0.6 * coarse);
}

// ||implicit − explicit||₂ / ||c(0) − bath||₂ after `steps` steps of diffusion number r.
double implicit_vs_explicit(LatticeShape shape, double r, int steps, BoundaryCondition boundary) {
  const FieldSpec spec{.name = "signal", .diffusion_um2_per_s = kDiffusionUm2PerS, .half_life_h = 1.0,
                       .boundary = boundary, .bath_value = 0.5};
  FieldSet implicit(shape), explicit_(shape);
  const FieldId a = implicit.add(spec), b = explicit_.add(spec);
  test::fill_random(implicit, a, 7);
  test::fill_random(explicit_, b, 7);
  double initial2 = 0.0;
  for (std::size_t v = 0; v < shape.voxel_count(); ++v) initial2 += std::pow(implicit.data(a)[v] - 0.5, 2);
  const double dt = test::dt_for_diffusion_number(r, kDiffusionUm2PerS, shape.voxel_um);
  for (int s = 0; s < steps; ++s) {
    implicit.solve(dt);
    explicit_.solve_reference_explicit(dt);
  }
  double diff2 = 0.0;
  for (std::size_t v = 0; v < shape.voxel_count(); ++v) diff2 += std::pow(implicit.data(a)[v] - explicit_.data(b)[v], 2);
  return std::sqrt(diff2 / initial2);
}

// Tolerance: for one mode of the 1-D Laplacian with total exponent u, n backward-Euler
// steps give (1 + u/n)^-n and m forward-Euler sub-steps (1 − u/m)^m instead of e^-u; both
// differ from it by at most about sup_u u² e^-u / (2 n) = 2 e^-2 / n ≈ 0.27 / n (and / m).
// The LOD product adds these per axis, so for any initial data
//   ||implicit − explicit||₂ <= dimensions · 0.27 · (1/n + 1/m) · ||c(0) − bath||₂.
// Decay (λ = ln 2 per hour over < 0.01 h) adds < 1e-5 and is covered by the margin.
// With r = D dt / dx² <= 1 / (4 · dimensions) the reference takes one sub-step per step
// (m = n), and halving dt must halve the difference: both schemes are first order.
void expect_implicit_agrees_with_explicit(LatticeShape shape, int dimensions, BoundaryCondition boundary) {
  const double r = 1.0 / (4.0 * dimensions);
  const int steps = 20;
  const double coarse = implicit_vs_explicit(shape, r, steps, boundary);
  const double fine = implicit_vs_explicit(shape, r / 2, 2 * steps, boundary);
  EXPECT_LT(coarse, dimensions * 0.27 * (2.0 / steps));
  EXPECT_LT(fine, dimensions * 0.27 * (2.0 / (2 * steps)));
  EXPECT_LT(fine, 0.6 * coarse);
}

TEST(Diffusion, ImplicitAgreesWithExplicitIn2D) {
  expect_implicit_agrees_with_explicit(LatticeShape{40, 32, 1, kVoxelUm}, 2, BoundaryCondition::ZeroFlux);
  expect_implicit_agrees_with_explicit(LatticeShape{40, 32, 1, kVoxelUm}, 2, BoundaryCondition::Bath);
}

TEST(Diffusion, ImplicitAgreesWithExplicitIn3D) {
  expect_implicit_agrees_with_explicit(LatticeShape{16, 14, 12, kVoxelUm}, 3, BoundaryCondition::ZeroFlux);
  expect_implicit_agrees_with_explicit(LatticeShape{16, 14, 12, kVoxelUm}, 3, BoundaryCondition::Bath);
}

// An axis one voxel thick is not a dimension: lines, and slabs one voxel deep in y.
TEST(Diffusion, ImplicitAgreesWithExplicitOnThinLattices) {
  expect_implicit_agrees_with_explicit(LatticeShape{1, 40, 1, kVoxelUm}, 1, BoundaryCondition::Bath);
  expect_implicit_agrees_with_explicit(LatticeShape{40, 1, 1, kVoxelUm}, 1, BoundaryCondition::ZeroFlux);
  expect_implicit_agrees_with_explicit(LatticeShape{30, 1, 12, kVoxelUm}, 2, BoundaryCondition::Bath);
}

}  // namespace
}  // namespace mscsim
