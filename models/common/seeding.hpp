#pragma once
// Initial placement of a population: `count` agents in distinct free voxels chosen
// uniformly at random (optionally within radius_um of the lattice centre), each then
// initialised by init(row, stream). One stream per population and purpose.
#include <cmath>
#include <cstdint>
#include <string>

#include "sim/engine/world.hpp"
#include "sim/lattice/placement.hpp"

namespace mscsim::models {

template <class Init>
void seed_population(World& world, PopulationId p, std::size_t count, const std::string& purpose, Init&& init,
                     double radius_um = 0.0) {
  rng::RandomStream stream = world.stream(rng::purpose_id(purpose), 0, 0);
  const LatticeShape& shape = world.shape();
  const auto voxels =
      radius_um > 0.0
          ? choose_free_voxels_near(world.lattice(), shape.index(shape.nx / 2, shape.ny / 2, shape.nz / 2), radius_um,
                                    count, stream)
          : choose_free_voxels(world.lattice(), count, stream);
  for (std::uint32_t v : voxels) init(world.spawn(p, v), stream);
}

}  // namespace mscsim::models
