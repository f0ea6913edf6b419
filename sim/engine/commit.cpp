// World::commit: turns the intents collected during a step into the next state.
#include <atomic>

#include "sim/core/errors.hpp"
#include "sim/engine/world.hpp"

namespace mscsim {

namespace {

constexpr std::uint64_t kClaimPurpose = rng::purpose_id("engine.voxel_claim");
constexpr std::uint64_t kBirthPurpose = rng::purpose_id("engine.birth");

bool leaves(const Population& pop, std::size_t r) { return pop.killed[r] != 0 || pop.fate[r] != Fate::Stay; }

std::uint32_t wanted_voxel(const Population& pop, std::size_t r) {
  return pop.divide_to[r] != Population::kNoVoxel ? pop.divide_to[r] : pop.move_to[r];
}

void claim_max(std::uint64_t& slot, std::uint64_t code) {
  std::atomic_ref<std::uint64_t> ref(slot);
  std::uint64_t seen = ref.load(std::memory_order_relaxed);
  while (seen < code && !ref.compare_exchange_weak(seen, code, std::memory_order_relaxed)) {
  }
}

}  // namespace

void World::commit(const StepInfo& info) {
  // 1. Every agent that stays and wants a voxel that was free at the start of the step
  //    claims it with a priority from its own stream; the highest claim wins.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const auto n = static_cast<std::int64_t>(pop.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::size_t>(i);
      const std::uint32_t target = wanted_voxel(pop, r);
      if (target == Population::kNoVoxel) continue;
      if (leaves(pop, r) || !lattice_.is_free(target)) {
        pop.move_to[r] = pop.divide_to[r] = Population::kNoVoxel;
        continue;
      }
      rng::RandomStream s = stream(kClaimPurpose, pop.id[r], info.step);
      const std::uint64_t priority = s() >> 32;
      claim_max(claims_[target], (priority << 32) | Lattice::encode({p, static_cast<std::uint32_t>(r)}));
    }
  }
  // 2. Losers drop their intent; winners move now (old and new voxels are all distinct).
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const auto n = static_cast<std::int64_t>(pop.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::size_t>(i);
      const std::uint32_t target = wanted_voxel(pop, r);
      if (target == Population::kNoVoxel) continue;
      const std::uint32_t me = Lattice::encode({p, static_cast<std::uint32_t>(r)});
      if (static_cast<std::uint32_t>(claims_[target] & 0xFFFFFFFFu) != me) {
        pop.move_to[r] = pop.divide_to[r] = Population::kNoVoxel;
      }
    }
  }
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const auto n = static_cast<std::int64_t>(pop.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const auto r = static_cast<std::size_t>(i);
      const std::uint32_t target = wanted_voxel(pop, r);
      if (target == Population::kNoVoxel) continue;
      claims_[target] = 0;
      if (pop.divide_to[r] == Population::kNoVoxel) {
        lattice_.clear(pop.voxel[r]);
        lattice_.place(target, {p, static_cast<std::uint32_t>(r)});
        pop.voxel[r] = target;
      }
    }
  }
  // 3. Births, serially in population and row order, so ids are assigned deterministically.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const std::size_t n = pop.size();
    for (std::size_t r = 0; r < n; ++r) {
      const std::uint32_t target = pop.divide_to[r];
      if (target == Population::kNoVoxel) continue;
      const std::size_t daughter = pop.append_copy(r, take_id(), target);
      if (daughter >= (1u << Lattice::kRowBits))
        throw ConfigurationError("population '" + pop.name() + "' is too large");
      lattice_.place(target, {p, static_cast<std::uint32_t>(daughter)});
      if (birth_hooks_[p]) {
        rng::RandomStream s = stream(kBirthPurpose, pop.id[r], info.step);
        birth_hooks_[p](*this, p, daughter, r, s);
      }
    }
  }
  // 4. Conversions: the agent keeps its id and voxel and joins another population.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const std::size_t n = pop.size();
    for (std::size_t r = 0; r < n; ++r) {
      if (pop.fate[r] != Fate::Convert || pop.killed[r]) continue;
      const PopulationId target = pop.convert_to[r];
      if (target >= populations_.size()) throw ConfigurationError("conversion to an unknown population");
      Population& dest = populations_[target];
      const std::size_t row = dest.append(pop.id[r], pop.voxel[r]);
      lattice_.place(pop.voxel[r], {target, static_cast<std::uint32_t>(row)});
      if (conversion_hooks_[target]) conversion_hooks_[target](*this, target, row, p, r);
    }
  }
  // 5. Remove the dead and the converted (holes filled from the end, in descending row
  //    order) and re-point the lattice at the rows that moved.
  std::vector<std::uint32_t> removed;
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    removed.clear();
    for (std::size_t r = 0; r < pop.size(); ++r) {
      if (!leaves(pop, r)) continue;
      removed.push_back(static_cast<std::uint32_t>(r));
      const bool converted = pop.fate[r] == Fate::Convert && !pop.killed[r];
      if (!converted) lattice_.clear(pop.voxel[r]);
    }
    if (removed.empty()) continue;
    for (std::uint32_t r : pop.remove_rows(removed)) lattice_.place(pop.voxel[r], {p, r});
  }
  for (auto& pop : populations_) pop.clear_intents();
}

}  // namespace mscsim
