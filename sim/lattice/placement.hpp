#pragma once
// Choosing voxels for new agents (initial seeding, injections, recruitment).
#include <cstdint>
#include <vector>

#include "sim/lattice/lattice.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim {

// Up to `count` distinct free voxels, uniformly at random (partial Fisher–Yates over the
// free voxels in index order, so the choice depends only on the stream). Fewer are
// returned when fewer are free.
std::vector<std::uint32_t> choose_free_voxels(const Lattice& lattice, std::size_t count, rng::RandomStream& stream);

// The same, restricted to voxels whose centre lies within radius_um of `centre`.
std::vector<std::uint32_t> choose_free_voxels_near(const Lattice& lattice, std::uint32_t centre, double radius_um,
                                                   std::size_t count, rng::RandomStream& stream);

// A free neighbour of `voxel` chosen uniformly, or Population-style kNoVoxel (0xFFFFFFFF)
// when every neighbour is taken. Uses one draw.
std::uint32_t random_free_neighbour(const Lattice& lattice, std::uint32_t voxel, rng::RandomStream& stream);

}  // namespace mscsim
