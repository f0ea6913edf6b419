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

TEST(Population, CompactKeepsOrderOfSurvivors) {
  Population p = make();
  for (std::uint64_t i = 0; i < 6; ++i) {
    p.append(i + 100, static_cast<std::uint32_t>(i));
    p.real(0)[i] = static_cast<double>(i);
  }
  p.compact({1, 0, 1, 0, 0, 1});
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.id, (std::vector<std::uint64_t>{100, 102, 105}));
  EXPECT_DOUBLE_EQ(p.real(0)[2], 5.0);
  EXPECT_EQ(p.voxel[1], 2u);
}

TEST(Population, RejectsDuplicateColumns) {
  EXPECT_THROW(Population("x", {{"a", ColumnType::Real, "1", 0.0}, {"a", ColumnType::Real, "1", 0.0}}), ConfigurationError);
  EXPECT_THROW(make().column_id("missing"), ConfigurationError);
}
