#include <gtest/gtest.h>

#include "sim/agents/population.hpp"
#include "sim/core/errors.hpp"

using namespace mscsim;

namespace {
Population make() {
  return Population("cell", {{"level", ColumnType::Real, "1", 0.5}, {"count", ColumnType::Integer, "1", 3}});
}
}  // namespace

TEST(Population, NewRowsTakeInitialValues) {
  Population p = make();
  const auto row = p.append(11, 4);
  EXPECT_EQ(p.size(), 1u);
  EXPECT_EQ(p.id[row], 11u);
  EXPECT_EQ(p.voxel[row], 4u);
  EXPECT_DOUBLE_EQ(p.real(p.column_id("level"))[row], 0.5);
  EXPECT_EQ(p.integer(p.column_id("count"))[row], 3);
  EXPECT_EQ(p.move_to[row], Population::kNoVoxel);
  EXPECT_EQ(p.fate[row], Fate::Stay);
}

TEST(Population, DaughterCopiesStateButNotIntents) {
  Population p = make();
  p.append(1, 0);
  p.real(0)[0] = 0.9;
  p.integer(1)[0] = 7;
  p.move_to[0] = 3;
  const auto d = p.append_copy(0, 2, 5);
  EXPECT_DOUBLE_EQ(p.real(0)[d], 0.9);
  EXPECT_EQ(p.integer(1)[d], 7);
  EXPECT_EQ(p.move_to[d], Population::kNoVoxel);
  EXPECT_EQ(p.id[d], 2u);
}

TEST(Population, RemoveRowsFillsHolesFromTheEnd) {
  Population p = make();
  for (std::uint64_t i = 0; i < 6; ++i) {
    p.append(i + 100, static_cast<std::uint32_t>(i));
    p.real(0)[i] = static_cast<double>(i);
  }
  const auto moved = p.remove_rows({1, 3, 4});
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.id, (CacheAlignedVector<std::uint64_t>{100, 105, 102}));
  EXPECT_DOUBLE_EQ(p.real(0)[1], 5.0);
  EXPECT_EQ(p.voxel[1], 5u);
  EXPECT_EQ(moved, (std::vector<std::uint32_t>{1}));
}

TEST(Population, RemoveRowsIncludingTheLastOnes) {
  Population p = make();
  for (std::uint64_t i = 0; i < 5; ++i) p.append(i, static_cast<std::uint32_t>(i));
  p.remove_rows({0, 3, 4});
  EXPECT_EQ(p.id, (CacheAlignedVector<std::uint64_t>{2, 1}));
  p.remove_rows({0, 1});
  EXPECT_EQ(p.size(), 0u);
}

TEST(Population, PermuteReordersEveryColumn) {
  Population p = make();
  for (std::uint64_t i = 0; i < 4; ++i) {
    p.append(i, static_cast<std::uint32_t>(10 + i));
    p.integer(1)[i] = static_cast<std::int32_t>(i * i);
  }
  p.permute({3, 1, 0, 2});
  EXPECT_EQ(p.id, (CacheAlignedVector<std::uint64_t>{3, 1, 0, 2}));
  EXPECT_EQ(p.voxel[0], 13u);
  EXPECT_EQ(p.integer(1)[0], 9);
}

TEST(Population, RejectsDuplicateColumns) {
  EXPECT_THROW(Population("x", {{"a", ColumnType::Real, "1", 0.0}, {"a", ColumnType::Real, "1", 0.0}}), ConfigurationError);
  EXPECT_THROW(make().column_id("missing"), ConfigurationError);
}
