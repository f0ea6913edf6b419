// A field that is +0.0 everywhere with no source (no non-zero bath) is not solved: the
// solve would give +0.0 again, so skipping it must change no bit. These tests check the
// skip happens, that a field written into is solved again in the same step, and that a
// run of solves with sources arriving and stopping gives the same bits with the skip on
// as with every field solved.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "field_test_support.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {
namespace {

TEST(QuiescentField, ZeroFieldWithNoSourceIsLeftUntouchedAndNotCounted) {
  FieldSet fields(LatticeShape{12, 9, 1, 20.0});
  const FieldId idle = fields.add(FieldSpec{.name = "idle", .half_life_h = 2.0});
  const FieldId busy = fields.add(FieldSpec{.name = "busy", .initial_value = 1.0});
  EXPECT_TRUE(fields.quiescent(idle));
  EXPECT_FALSE(fields.quiescent(busy));
  fields.solve(0.05);
  fields.solve(0.05);
  // Only the busy field was solved: 2 steps × 108 voxels.
  EXPECT_EQ(fields.voxel_field_updates(), 2u * 108u);
  for (std::size_t v = 0; v < 108; ++v) {
    std::uint64_t bits;
    std::memcpy(&bits, fields.data(idle) + v, sizeof bits);
    EXPECT_EQ(bits, 0u) << "voxel " << v;
  }
}

TEST(QuiescentField, NegativeZeroAndNonZeroBathAreNotQuiescent) {
  FieldSet fields(LatticeShape{5, 4, 1, 20.0});
  const FieldId signed_zero = fields.add(FieldSpec{.name = "signed_zero"});
  const FieldId fed = fields.add(FieldSpec{.name = "fed", .boundary = BoundaryCondition::Bath, .bath_value = 2.0});
  const FieldId drained = fields.add(FieldSpec{.name = "drained", .boundary = BoundaryCondition::Bath});
  fields.data(signed_zero)[7] = -0.0;
  EXPECT_FALSE(fields.quiescent(signed_zero));
  EXPECT_FALSE(fields.quiescent(fed));
  EXPECT_TRUE(fields.quiescent(drained));
  fields.solve(0.05);
  EXPECT_GT(fields.data(fed)[0], 0.0);  // the bath feeds the edge
}

TEST(QuiescentField, IsSolvedAgainAsSoonAsASourceWritesIntoIt) {
  FieldSet fields(LatticeShape{11, 11, 1, 20.0});
  const FieldId f = fields.add(FieldSpec{.name = "f", .diffusion_um2_per_s = 50.0, .half_life_h = 1.0});
  fields.solve(0.05);
  EXPECT_EQ(fields.voxel_field_updates(), 0u);
  // A source in the middle voxel (as agents apply it) between two solves.
  double& centre = fields.data(f)[5 * 11 + 5];
  centre = fields.source_step(f, 0.0, 0.05).apply(centre, 3.0);
  const double before = centre;
  EXPECT_FALSE(fields.quiescent(f));
  fields.solve(0.05);
  EXPECT_EQ(fields.voxel_field_updates(), 121u);
  EXPECT_LT(fields.data(f)[5 * 11 + 5], before);  // decayed and spread
  EXPECT_GT(fields.data(f)[5 * 11 + 4], 0.0);
  EXPECT_GT(fields.data(f)[0], 0.0);  // the implicit solve reaches every voxel
}

// Fields of every kind (diffusing, decay-only, no decay, zero-flux, baths at zero and at
// a value, 3-D), some zero, with sources that start, stop and restart; `skip` on or off.
std::vector<double> run(bool skip, int threads) {
  FieldSet fields(LatticeShape{13, 7, 5, 15.0});
  fields.set_skip_quiescent(skip);
  fields.add(FieldSpec{.name = "fast", .diffusion_um2_per_s = 80.0, .half_life_h = 0.5});
  fields.add(FieldSpec{.name = "slow", .diffusion_um2_per_s = 3.0, .half_life_h = 0.0});
  fields.add(FieldSpec{.name = "still", .diffusion_um2_per_s = 0.0, .half_life_h = 2.0});
  fields.add(FieldSpec{.name = "bath_zero", .diffusion_um2_per_s = 30.0, .half_life_h = 4.0,
                       .boundary = BoundaryCondition::Bath, .bath_value = 0.0});
  fields.add(FieldSpec{.name = "bath_fed", .diffusion_um2_per_s = 30.0, .half_life_h = 4.0,
                       .boundary = BoundaryCondition::Bath, .bath_value = 1.5});
  fields.add(FieldSpec{.name = "never", .diffusion_um2_per_s = 20.0, .half_life_h = 1.0});
  fields.add(FieldSpec{.name = "random", .diffusion_um2_per_s = 10.0, .half_life_h = 3.0});
  test::fill_random(fields, 6, 11);
  const std::size_t voxels = fields.shape().voxel_count();

  const int previous = omp_get_max_threads();
  omp_set_num_threads(threads);
  for (int s = 0; s < 12; ++s) {
    // Sources into the first four fields on steps 2–4 and 9 only; in between the
    // fields decay (those without decay keep what they got, so they stay solved).
    if ((s >= 2 && s <= 4) || s == 9) {
      for (FieldId id = 0; id < 4; ++id) {
        double& c = fields.data(id)[(7 * s + 3 * id) % voxels];
        c = fields.source_step(id, 0.2, 0.05).apply(c, 4.0 + s);
      }
    }
    fields.solve(0.05);
  }
  omp_set_num_threads(previous);

  std::vector<double> all;
  for (FieldId id = 0; id < fields.size(); ++id) all.insert(all.end(), fields.data(id), fields.data(id) + voxels);
  return all;
}

TEST(QuiescentField, SkipGivesTheSameBitsAsSolvingEveryField) {
  const std::vector<double> forced = run(false, 1);
  for (int threads : {1, 2, 3}) {
    const std::vector<double> skipped = run(true, threads);
    ASSERT_EQ(skipped.size(), forced.size());
    EXPECT_EQ(std::memcmp(skipped.data(), forced.data(), forced.size() * sizeof(double)), 0)
        << threads << " threads";
  }
}

}  // namespace
}  // namespace mscsim
