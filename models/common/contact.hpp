#pragma once
// Contact = the agents in the Moore neighbourhood of a voxel (docs/ODD.md section 3.3.3-3.3.6).
// Read-only helpers for rules of the Interact phase.
#include <array>
#include <cstdint>

#include "sim/engine/world.hpp"

namespace mscsim::models {

// Calls visit(AgentHandle) for every agent in the Moore neighbourhood of `voxel`.
template <class Visit>
void for_each_neighbour(const World& world, std::uint32_t voxel, Visit&& visit) {
  const Lattice& lattice = world.lattice();
  lattice.for_each_neighbour_voxel(voxel, [&](std::uint32_t v) {
    const std::uint32_t code = lattice.raw(v);
    if (code != Lattice::kEmpty) visit(Lattice::decode(code));
  });
}

// Number of neighbours of population `p` whose integer column `state` equals `state_value`
// (any state when state_value < 0).
inline int count_neighbours(const World& world, std::uint32_t voxel, PopulationId p, ColumnId state,
                            std::int32_t state_value = -1) {
  int n = 0;
  const std::int32_t* states = world.population(p).integer(state);
  for_each_neighbour(world, voxel, [&](AgentHandle h) {
    if (h.population == p && (state_value < 0 || states[h.row] == state_value)) ++n;
  });
  return n;
}

}  // namespace mscsim::models
