// FieldSet::solve gives bit-identical fields at any thread count: each voxel's arithmetic
// must not depend on how lines are shared out. Three threads on a 2-core machine still
// split the work differently from one or two, which catches partition-dependent bugs.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <string>
#include <vector>

#include "field_test_support.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {
namespace {

// Odd extents so blocks of lines end mid-row; fields of every kind, plus `extra`
// diffusing fields. With 3 diffusing fields, 2 and 3 threads split each field over the
// threads (1 thread solves every field whole); with 4 extra (7 diffusing), 2 and 3
// threads solve 6 fields whole and split the 7th (FieldSet::solve), so both ways meet
// in one solve.
std::vector<double> solve_with_threads(LatticeShape shape, int threads, int extra = 0) {
  FieldSet fields(shape);
  fields.add(FieldSpec{.name = "fast", .diffusion_um2_per_s = 80.0, .half_life_h = 0.5});
  fields.add(FieldSpec{.name = "slow", .diffusion_um2_per_s = 3.0, .half_life_h = 0.0});
  fields.add(FieldSpec{.name = "still", .diffusion_um2_per_s = 0.0, .half_life_h = 2.0});
  fields.add(FieldSpec{.name = "bathed", .diffusion_um2_per_s = 30.0, .half_life_h = 4.0,
                       .boundary = BoundaryCondition::Bath, .bath_value = 1.5});
  for (int e = 0; e < extra; ++e)
    fields.add(FieldSpec{.name = "extra" + std::to_string(e), .diffusion_um2_per_s = 10.0 + 15.0 * e,
                         .half_life_h = 1.0 + e});
  for (FieldId id = 0; id < fields.size(); ++id) test::fill_random(fields, id, 5);

  const int previous = omp_get_max_threads();
  omp_set_num_threads(threads);
  for (int s = 0; s < 4; ++s) fields.solve(0.05);
  omp_set_num_threads(previous);

  std::vector<double> all;
  for (FieldId id = 0; id < fields.size(); ++id)
    all.insert(all.end(), fields.data(id), fields.data(id) + shape.voxel_count());
  return all;
}

void expect_identical_at_1_2_3_threads(LatticeShape shape, int extra = 0) {
  const std::vector<double> one = solve_with_threads(shape, 1, extra);
  for (int threads : {2, 3}) {
    const std::vector<double> other = solve_with_threads(shape, threads, extra);
    ASSERT_EQ(one.size(), other.size());
    EXPECT_EQ(std::memcmp(one.data(), other.data(), one.size() * sizeof(double)), 0) << threads << " threads";
  }
}

TEST(FieldThreads, BitIdenticalIn2D) { expect_identical_at_1_2_3_threads(LatticeShape{131, 97, 1, 20.0}); }

TEST(FieldThreads, BitIdenticalIn3D) { expect_identical_at_1_2_3_threads(LatticeShape{37, 29, 23, 20.0}); }

TEST(FieldThreads, BitIdenticalWithWholeAndSplitFieldsIn2D) {
  expect_identical_at_1_2_3_threads(LatticeShape{131, 97, 1, 20.0}, 4);
}

TEST(FieldThreads, BitIdenticalWithWholeAndSplitFieldsIn3D) {
  expect_identical_at_1_2_3_threads(LatticeShape{37, 29, 23, 20.0}, 4);
}

}  // namespace
}  // namespace mscsim
