#include <gtest/gtest.h>

#include <set>

#include "sim/lattice/lattice.hpp"
#include "sim/lattice/placement.hpp"

using namespace mscsim;

TEST(Lattice, MooreNeighbourhoodIn2D) {
  Lattice lattice({5, 4, 1, 20.0});
  std::array<std::uint32_t, Lattice::kMaxNeighbours> out;
  EXPECT_EQ(lattice.neighbourhood_size(), 8);
  EXPECT_EQ(lattice.neighbours(lattice.shape().index(2, 2), out), 8);
  EXPECT_EQ(lattice.neighbours(lattice.shape().index(0, 0), out), 3);
  EXPECT_EQ(lattice.neighbours(lattice.shape().index(4, 1), out), 5);
  const int n = lattice.neighbours(lattice.shape().index(1, 1), out);
  std::set<std::uint32_t> seen(out.begin(), out.begin() + n);
  EXPECT_EQ(seen.size(), 8u);
  EXPECT_FALSE(seen.count(lattice.shape().index(1, 1)));
  EXPECT_TRUE(seen.count(lattice.shape().index(0, 0)));
  EXPECT_TRUE(seen.count(lattice.shape().index(2, 2)));
}

TEST(Lattice, MooreNeighbourhoodIn3D) {
  Lattice lattice({4, 4, 4, 20.0});
  std::array<std::uint32_t, Lattice::kMaxNeighbours> out;
  EXPECT_EQ(lattice.neighbourhood_size(), 26);
  EXPECT_EQ(lattice.neighbours(lattice.shape().index(1, 1, 1), out), 26);
  EXPECT_EQ(lattice.neighbours(lattice.shape().index(0, 0, 0), out), 7);
}

TEST(Lattice, KthNeighbourMatchesTheListAndRefusesTheEdge) {
  for (const LatticeShape shape : {LatticeShape{6, 5, 1, 20.0}, LatticeShape{4, 5, 3, 20.0}}) {
    Lattice lattice(shape);
    std::array<std::uint32_t, Lattice::kMaxNeighbours> out;
    for (std::uint32_t v = 0; v < lattice.voxel_count(); ++v) {
      const int n = lattice.neighbours(v, out);
      std::set<std::uint32_t> listed(out.begin(), out.begin() + n), drawn;
      int outside = 0;
      for (int k = 0; k < lattice.neighbourhood_size(); ++k) {
        const auto w = lattice.neighbour(v, k);
        if (w == Lattice::kEmpty) ++outside;
        else drawn.insert(w);
      }
      EXPECT_EQ(listed, drawn) << v;
      EXPECT_EQ(outside + n, lattice.neighbourhood_size());
    }
  }
}

TEST(Lattice, CoordinatesRoundTrip) {
  const LatticeShape shape{7, 5, 3, 10.0};
  for (int z = 0; z < 3; ++z)
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 7; ++x) {
        const auto v = shape.index(x, y, z);
        EXPECT_EQ(shape.x_of(v), x);
        EXPECT_EQ(shape.y_of(v), y);
        EXPECT_EQ(shape.z_of(v), z);
      }
  Lattice lattice(shape);
  EXPECT_DOUBLE_EQ(lattice.distance_um(shape.index(0, 0, 0), shape.index(3, 4, 0)), 50.0);
}

TEST(Lattice, OccupancyEncodesPopulationAndRow) {
  Lattice lattice({3, 3, 1, 20.0});
  EXPECT_TRUE(lattice.is_free(4));
  lattice.place(4, {5, 12345});
  EXPECT_FALSE(lattice.is_free(4));
  EXPECT_EQ(lattice.occupant(4).population, 5u);
  EXPECT_EQ(lattice.occupant(4).row, 12345u);
  lattice.clear(4);
  EXPECT_TRUE(lattice.is_free(4));
}

TEST(Placement, ChoosesDistinctFreeVoxelsReproducibly) {
  Lattice lattice({20, 20, 1, 20.0});
  lattice.place(0, {0, 0});
  rng::RandomStream a(1, 2, 3, 4), b(1, 2, 3, 4);
  const auto first = choose_free_voxels(lattice, 100, a);
  EXPECT_EQ(first, choose_free_voxels(lattice, 100, b));
  std::set<std::uint32_t> unique(first.begin(), first.end());
  EXPECT_EQ(unique.size(), 100u);
  EXPECT_FALSE(unique.count(0));
  rng::RandomStream c(1, 2, 3, 4);
  EXPECT_EQ(choose_free_voxels(lattice, 1000, c).size(), 399u);  // only 399 are free
}

TEST(Placement, NearRespectsTheRadius) {
  Lattice lattice({50, 50, 1, 20.0});
  const auto centre = lattice.shape().index(25, 25);
  rng::RandomStream s(1, 2, 3, 4);
  for (auto v : choose_free_voxels_near(lattice, centre, 100.0, 30, s))
    EXPECT_LE(lattice.distance_um(v, centre), 100.0);
}
