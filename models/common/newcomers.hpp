#pragma once
// How a new cell starts (docs/ODD.md sections 1.2 and 3.3.3-3.3.6): a cell placed before the first step
// and a cell that arrives later from blood (recruitment) are the same kind of cell, so each
// population registers one newcomer hook (World::set_newcomer_hook) that sets every column
// a newcomer of a given state starts with, and both the seeding and the recruitment call it.
// Seeding hands it the population's placement stream (draws in placement order); an
// arriving cell gets a stream keyed by its own id and the step, so recruits draw
// independently of each other and of the thread count.
#include <cstdint>
#include <string>

#include "models/common/seeding.hpp"
#include "sim/engine/world.hpp"

namespace mscsim::models {

// The hook of a population whose newcomers differ only in their state: state and
// next_state are set to the arriving state, every other column keeps its declared initial
// value.
inline void set_state_newcomer_hook(World& world, PopulationId population, ColumnId state, ColumnId next_state) {
  world.set_newcomer_hook(population, [state, next_state](World& w, PopulationId p, std::size_t row,
                                                          std::int32_t arriving_state, rng::RandomStream&) {
    Population& cells = w.population(p);
    cells.integer(state)[row] = arriving_state;
    cells.integer(next_state)[row] = arriving_state;
  });
}

// Seeds `count` cells of `state` in distinct random free voxels (seed_population), each
// initialised by the population's newcomer hook exactly as a cell of that state arriving
// later.
inline void seed_newcomers(World& world, PopulationId p, std::size_t count, const std::string& purpose,
                           std::int32_t state) {
  seed_population(world, p, count, purpose,
                  [&](std::size_t row, rng::RandomStream& stream) { world.initialize_newcomer(p, row, state, stream); });
}

}  // namespace mscsim::models
