#pragma once
// Small helpers shared by the innate and B-cell models: the categorical draw over
// competing events (docs/ODD.md section 2), a random hop to a free Moore neighbour, the
// summed contact signal of neighbouring MSCs and the initial-state choice of a scenario.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/common/competing_events.hpp"
#include "models/common/contact.hpp"
#include "models/common/hill.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/world.hpp"

namespace mscsim::models {


// Target of a random-walk hop: one random Moore neighbour of `voxel`, or Lattice::kEmpty when it lies outside the
// lattice or is occupied (a refused hop: a reflecting edge, docs/ODD.md section 3.3.3-3.3.6).
inline std::uint32_t random_hop_target(const Lattice& lattice, std::uint32_t voxel, rng::RandomStream& stream) {
  const auto k = static_cast<int>(stream.below(static_cast<std::uint64_t>(lattice.neighbourhood_size())));
  const std::uint32_t target = lattice.neighbour(voxel, k);
  if (target == Lattice::kEmpty || !lattice.is_free(target)) return Lattice::kEmpty;
  return target;
}

// Sum over neighbouring MSCs of their contact-dependent suppressive program (PD-L1,
// TSG-6; MscContactView::suppressive_contact), 0 without MSCs.
inline double msc_suppressive_contact(const World& world, const MscContactView* msc, std::uint32_t voxel) {
  if (msc == nullptr) return 0.0;
  double sum = 0.0;
  for_each_neighbour(world, voxel, [&](AgentHandle h) {
    if (h.population == msc->population) sum += msc->suppressive_contact(world, h.row);
  });
  return sum;
}

// Index of `text` among `choices` (the scenario loader has already checked it is one).
inline std::int32_t state_index(const std::string& text, const std::vector<std::string>& choices) {
  for (std::size_t i = 0; i < choices.size(); ++i)
    if (choices[i] == text) return static_cast<std::int32_t>(i);
  throw ConfigurationError("unknown initial state \"" + text + "\"");
}

}  // namespace mscsim::models
