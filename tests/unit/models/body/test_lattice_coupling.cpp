// Coupling of the target compartment to the lattice (docs/ODD.md section 1.2): the sampling
// fraction f = V_lattice / V_target, the injection voxel, and where entering cells land.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "models/body/lattice_coupling.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

TEST(LatticeCoupling, SamplingFractionIsTheVolumeRatio) {
  // 50 x 50 voxels of 20 um, one voxel deep: 2e7 um^3 = 2e-5 mL.
  const LatticeShape flat{50, 50, 1, 20.0};
  EXPECT_DOUBLE_EQ(lattice_volume_ml(flat), 2.0e-5);
  EXPECT_DOUBLE_EQ(sampling_fraction(flat, 10.0), 2.0e-6);
  const LatticeShape deep{50, 50, 4, 20.0};
  EXPECT_DOUBLE_EQ(sampling_fraction(deep, 10.0), 8.0e-6);
}

TEST(LatticeCoupling, InjectionVoxel) {
  const LatticeShape shape{50, 40, 1, 20.0};
  EXPECT_EQ(injection_voxel(shape, -1.0, -1.0), shape.index(25, 20));  // centre
  EXPECT_EQ(injection_voxel(shape, 110.0, 30.0), shape.index(5, 1));
  EXPECT_EQ(injection_voxel(shape, 1.0e6, 0.0), shape.index(49, 0));  // clamped to the edge
  const LatticeShape cube{10, 10, 6, 20.0};
  EXPECT_EQ(cube.z_of(injection_voxel(cube, -1.0, -1.0)), 3);
}

struct Placer {
  Lattice lattice;
  std::vector<std::uint32_t> placed;
  explicit Placer(LatticeShape shape) : lattice(shape) {}
  PlaceCell fn() {
    return [this](std::uint32_t v) {
      ASSERT_TRUE(lattice.is_free(v));
      lattice.place(v, {0, static_cast<std::uint32_t>(placed.size())});
      placed.push_back(v);
    };
  }
};

TEST(LatticeCoupling, CellsFromTheBloodLandOnFreeVesselsFirst) {
  Placer p(LatticeShape{20, 20, 1, 20.0});
  const std::vector<std::uint32_t> vessels = {21, 105, 230, 311, 399};
  p.lattice.place(105, {1, 0});  // an occupied vessel
  rng::RandomStream stream(3, rng::purpose_id("test.placement"), 0, 0);
  EXPECT_EQ(place_at_vessels(p.lattice, vessels, 3, stream, p.fn()), 3u);
  for (std::uint32_t v : p.placed) EXPECT_TRUE(v == 21 || v == 230 || v == 311 || v == 399) << v;
  // More cells than free vessels: the rest beside vessels.
  EXPECT_EQ(place_at_vessels(p.lattice, vessels, 6, stream, p.fn()), 6u);
  EXPECT_EQ(std::set<std::uint32_t>(p.placed.begin(), p.placed.end()).size(), 9u);
  for (std::uint32_t v : p.placed) {
    const bool near_vessel = std::any_of(vessels.begin(), vessels.end(), [&](std::uint32_t w) {
      return std::abs(p.lattice.shape().x_of(v) - p.lattice.shape().x_of(w)) <= 1 &&
             std::abs(p.lattice.shape().y_of(v) - p.lattice.shape().y_of(w)) <= 1;
    });
    EXPECT_TRUE(near_vessel) << v;
  }
  // No vessels: anywhere free.
  EXPECT_EQ(place_at_vessels(p.lattice, {}, 4, stream, p.fn()), 4u);
}

TEST(LatticeCoupling, LocalInjectionLandsAroundTheSiteAndSpreadsWhenFull) {
  Placer p(LatticeShape{40, 40, 1, 20.0});
  const std::uint32_t centre = p.lattice.shape().index(20, 20);
  rng::RandomStream stream(3, rng::purpose_id("test.placement"), 1, 0);
  EXPECT_EQ(place_near(p.lattice, centre, 60.0, 10, stream, p.fn()), 10u);
  for (std::uint32_t v : p.placed) EXPECT_LE(p.lattice.distance_um(v, centre), 60.0);
  // 29 voxels lie within 60 um; 100 more cells spread farther out.
  EXPECT_EQ(place_near(p.lattice, centre, 60.0, 100, stream, p.fn()), 100u);
  const std::size_t within = std::count_if(p.placed.begin(), p.placed.end(),
                                           [&](std::uint32_t v) { return p.lattice.distance_um(v, centre) <= 60.0; });
  EXPECT_EQ(within, 29u);
  // A full lattice takes what fits.
  EXPECT_EQ(place_near(p.lattice, centre, 60.0, 5000, stream, p.fn()), 1600u - 110u);
}

}  // namespace
