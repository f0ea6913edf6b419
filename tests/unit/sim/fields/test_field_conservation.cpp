// Conservation, decay and boundary behaviour of FieldSet::solve: properties that hold
// exactly (up to rounding) whatever the time step.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "field_test_support.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {
namespace {

constexpr double kDiffusionUm2PerS = 50.0;
constexpr double kVoxelUm = 20.0;

// Backward Euler with a symmetric zero-flux Laplacian has columns summing to one, so mass
// is conserved exactly in exact arithmetic; r = 50 is far beyond any explicit limit
// (1/4 in 2-D, 1/6 in 3-D) and shows the solve is unconditionally stable.
void expect_mass_conserved(LatticeShape shape) {
  FieldSet fields(shape);
  const FieldId id = fields.add(FieldSpec{.name = "signal", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                          .half_life_h = 0.0});
  test::fill_random(fields, id, 11);
  const double before = test::total(fields, id);
  const double dt = test::dt_for_diffusion_number(50.0, kDiffusionUm2PerS, kVoxelUm);
  for (int s = 0; s < 20; ++s) fields.solve(dt);
  EXPECT_NEAR(test::total(fields, id) / before, 1.0, 1e-9);
  for (std::size_t v = 0; v < shape.voxel_count(); ++v) ASSERT_GE(fields.data(id)[v], 0.0);
}

TEST(FieldConservation, MassConservedIn2DAtLargeStep) { expect_mass_conserved(LatticeShape{64, 48, 1, kVoxelUm}); }

TEST(FieldConservation, MassConservedIn3DAtLargeStep) { expect_mass_conserved(LatticeShape{24, 20, 16, kVoxelUm}); }

// With D = 0 only the exact exponential decay acts: c(t) = c(0) exp(−λ t). Each step is one
// multiplication by a correctly rounded exp(−λ dt), so 100 steps stay within ~100 ulp.
TEST(FieldConservation, DecayAloneIsExponential) {
  const LatticeShape shape{17, 13, 1, kVoxelUm};
  FieldSet fields(shape);
  const double half_life_h = 2.0;
  const FieldId id =
      fields.add(FieldSpec{.name = "signal", .diffusion_um2_per_s = 0.0, .half_life_h = half_life_h});
  test::fill_random(fields, id, 3);
  const std::vector<double> initial(fields.data(id), fields.data(id) + shape.voxel_count());
  const double dt = 0.05;
  for (int s = 0; s < 100; ++s) fields.solve(dt);
  const double expected_factor = std::exp(-std::numbers::ln2 / half_life_h * 100 * dt);
  for (std::size_t v = 0; v < shape.voxel_count(); ++v)
    ASSERT_NEAR(fields.data(id)[v] / (initial[v] * expected_factor), 1.0, 1e-12);
}

// Uniform concentration under zero flux: diffusion does nothing, decay acts alone.
TEST(FieldConservation, UniformFieldOnlyDecays) {
  const LatticeShape shape{20, 15, 6, kVoxelUm};
  FieldSet fields(shape);
  const FieldId id = fields.add(FieldSpec{.name = "signal", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                          .half_life_h = 1.0, .initial_value = 3.0});
  for (int s = 0; s < 10; ++s) fields.solve(0.1);
  for (std::size_t v = 0; v < shape.voxel_count(); ++v) ASSERT_NEAR(fields.data(id)[v], 1.5, 1.5e-12);
}

// A bath with no sources and no decay: every voxel relaxes to the bath value, from below
// and from above. The slowest Dirichlet mode decays at π² D (1/Lx² + 1/Ly²) ≈ 16 /h here,
// so after 5 h nothing of the initial state is left at double precision.
TEST(FieldConservation, BathSteadyStateIsBathValue) {
  for (const LatticeShape shape : {LatticeShape{30, 20, 1, kVoxelUm}, LatticeShape{12, 10, 8, kVoxelUm}}) {
    FieldSet fields(shape);
    const FieldId low = fields.add(FieldSpec{.name = "low", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                             .half_life_h = 0.0, .initial_value = 0.0,
                                             .boundary = BoundaryCondition::Bath, .bath_value = 2.0});
    const FieldId high = fields.add(FieldSpec{.name = "high", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                              .half_life_h = 0.0, .initial_value = 5.0,
                                              .boundary = BoundaryCondition::Bath, .bath_value = 2.0});
    for (int s = 0; s < 50; ++s) fields.solve(0.1);
    for (std::size_t v = 0; v < shape.voxel_count(); ++v) {
      ASSERT_NEAR(fields.data(low)[v], 2.0, 1e-9);
      ASSERT_NEAR(fields.data(high)[v], 2.0, 1e-9);
    }
  }
}

// A bath whose value is the initial value is already steady: nothing moves at all.
TEST(FieldConservation, BathAtInitialValueIsSteady) {
  const LatticeShape shape{9, 7, 5, kVoxelUm};
  FieldSet fields(shape);
  const FieldId id = fields.add(FieldSpec{.name = "signal", .diffusion_um2_per_s = kDiffusionUm2PerS,
                                          .half_life_h = 0.0, .initial_value = 0.7,
                                          .boundary = BoundaryCondition::Bath, .bath_value = 0.7});
  for (int s = 0; s < 5; ++s) fields.solve(1.0);
  for (std::size_t v = 0; v < shape.voxel_count(); ++v) ASSERT_NEAR(fields.data(id)[v], 0.7, 1e-14);
}

}  // namespace
}  // namespace mscsim
