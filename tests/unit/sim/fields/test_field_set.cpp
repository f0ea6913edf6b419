// FieldSet bookkeeping: registration, lookup, errors, counters.
#include <gtest/gtest.h>

#include "sim/core/errors.hpp"
#include "sim/fields/field_set.hpp"

namespace mscsim {
namespace {

TEST(FieldSet, AddsLooksUpAndInitialises) {
  FieldSet fields(LatticeShape{4, 3, 2, 10.0});
  const FieldId a = fields.add(FieldSpec{.name = "a", .initial_value = 2.5});
  const FieldId b = fields.add(FieldSpec{.name = "b"});
  EXPECT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields.id_of("a"), a);
  EXPECT_EQ(fields.id_of("b"), b);
  EXPECT_TRUE(fields.has("a"));
  EXPECT_FALSE(fields.has("c"));
  EXPECT_EQ(fields.spec(a).name, "a");
  for (std::size_t v = 0; v < 24; ++v) EXPECT_EQ(fields.data(a)[v], 2.5);
  EXPECT_EQ(fields.bytes(), 2u * 24u * sizeof(double));
}

TEST(FieldSet, RejectsDuplicatesUnknownNamesAndBadInput) {
  FieldSet fields(LatticeShape{4, 3, 1, 10.0});
  fields.add(FieldSpec{.name = "a"});
  EXPECT_THROW(fields.add(FieldSpec{.name = "a"}), ConfigurationError);
  EXPECT_THROW(fields.id_of("missing"), ConfigurationError);
  EXPECT_THROW(fields.add(FieldSpec{.name = "negative", .diffusion_um2_per_s = -1.0}), ConfigurationError);
  EXPECT_THROW(fields.solve(-0.1), ConfigurationError);
  EXPECT_THROW(fields.solve_reference_explicit(-0.1), ConfigurationError);
  EXPECT_THROW(FieldSet(LatticeShape{0, 3, 1, 10.0}), ConfigurationError);
  EXPECT_THROW(FieldSet(LatticeShape{4, 3, 1, 0.0}), ConfigurationError);
}

TEST(FieldSet, CountsVoxelFieldUpdates) {
  FieldSet fields(LatticeShape{10, 8, 1, 20.0});
  // Non-zero, so neither is skipped as quiescent (test_field_quiescent.cpp).
  fields.add(FieldSpec{.name = "a", .initial_value = 1.0});
  fields.add(FieldSpec{.name = "b", .initial_value = 1.0});
  fields.solve(0.1);
  fields.solve(0.2);  // a new dt refactors the lines
  fields.solve(0.2);
  EXPECT_EQ(fields.voxel_field_updates(), 3u * 80u * 2u);
  EXPECT_GE(fields.solve_seconds(), 0.0);
}

// A field added after a solve gets its own factors (the cache is keyed on dt and fields).
TEST(FieldSet, FieldAddedAfterSolveDiffuses) {
  FieldSet fields(LatticeShape{11, 1, 1, 20.0});
  fields.add(FieldSpec{.name = "a", .half_life_h = 0.0});
  fields.solve(0.1);
  const FieldId b = fields.add(FieldSpec{.name = "b", .half_life_h = 0.0});
  fields.data(b)[5] = 1.0;
  fields.solve(0.1);
  EXPECT_LT(fields.data(b)[5], 1.0);
  EXPECT_GT(fields.data(b)[4], 0.0);
  EXPECT_DOUBLE_EQ(fields.data(b)[4], fields.data(b)[6]);
}

TEST(FieldSet, ApplySourceIsImplicitAndNonNegative) {
  EXPECT_DOUBLE_EQ(apply_source(1.0, 2.0, 0.0, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(apply_source(1.0, 0.0, 1.0, 1.0), 0.5);
  EXPECT_GE(apply_source(1.0, 0.0, 1e6, 10.0), 0.0);
}

}  // namespace
}  // namespace mscsim
