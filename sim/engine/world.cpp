#include "sim/engine/world.hpp"

#include "sim/core/errors.hpp"

namespace mscsim {

World::World(LatticeShape shape, std::uint64_t seed)
    : seed_(seed), lattice_(shape), fields_(shape), claims_(shape.voxel_count(), 0) {}

PopulationId World::add_population(std::string name, std::vector<ColumnSpec> columns) {
  for (const auto& p : populations_)
    if (p.name() == name) throw ConfigurationError("population '" + name + "' registered twice");
  if (populations_.size() >= (1u << (32 - Lattice::kRowBits)) - 1)
    throw ConfigurationError("too many populations");
  populations_.emplace_back(std::move(name), std::move(columns));
  birth_hooks_.emplace_back();
  conversion_hooks_.emplace_back();
  newcomer_hooks_.emplace_back();
  return static_cast<PopulationId>(populations_.size() - 1);
}

PopulationId World::population_id(const std::string& name) const {
  for (std::size_t i = 0; i < populations_.size(); ++i)
    if (populations_[i].name() == name) return static_cast<PopulationId>(i);
  throw ConfigurationError("no population named '" + name + "'");
}

bool World::has_population(const std::string& name) const {
  for (const auto& p : populations_)
    if (p.name() == name) return true;
  return false;
}

std::size_t World::agent_count() const {
  std::size_t n = 0;
  for (const auto& p : populations_) n += p.size();
  return n;
}

void World::set_birth_hook(PopulationId p, BirthHook hook) { birth_hooks_.at(p) = std::move(hook); }
void World::set_conversion_hook(PopulationId target, ConversionHook hook) {
  conversion_hooks_.at(target) = std::move(hook);
}

void World::set_newcomer_hook(PopulationId p, NewcomerHook hook) { newcomer_hooks_.at(p) = std::move(hook); }

void World::initialize_newcomer(PopulationId p, std::size_t row, std::int32_t arriving_state,
                                rng::RandomStream& stream) {
  if (newcomer_hooks_.at(p)) newcomer_hooks_[p](*this, p, row, arriving_state, stream);
}

std::size_t World::spawn(PopulationId p, std::uint32_t voxel) {
  if (voxel >= lattice_.voxel_count()) throw ConfigurationError("spawn outside the lattice");
  if (!lattice_.is_free(voxel)) throw ConfigurationError("spawn into an occupied voxel");
  Population& pop = populations_.at(p);
  const std::size_t row = pop.append(take_id(), voxel);
  if (row >= (1u << Lattice::kRowBits)) throw ConfigurationError("population '" + pop.name() + "' is too large");
  lattice_.place(voxel, {p, static_cast<std::uint32_t>(row)});
  return row;
}

void World::sort_agents_by_voxel() {
  std::vector<std::vector<std::uint32_t>> order(populations_.size());
  for (PopulationId p = 0; p < populations_.size(); ++p) order[p].reserve(populations_[p].size());
  const auto voxels = static_cast<std::uint32_t>(lattice_.voxel_count());
  for (std::uint32_t v = 0; v < voxels; ++v) {
    if (lattice_.is_free(v)) continue;
    const AgentHandle h = lattice_.occupant(v);
    order[h.population].push_back(h.row);
  }
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    if (order[p].size() != pop.size()) throw ConfigurationError("lattice and population '" + pop.name() + "' disagree");
    pop.permute(order[p]);
    for (std::size_t r = 0; r < pop.size(); ++r) lattice_.place(pop.voxel[r], {p, static_cast<std::uint32_t>(r)});
  }
}

std::size_t World::bytes() const {
  std::size_t b = lattice_.bytes() + fields_.bytes() + claims_.capacity() * sizeof(std::uint64_t);
  for (const auto& p : populations_) b += p.bytes();
  return b;
}

}  // namespace mscsim
