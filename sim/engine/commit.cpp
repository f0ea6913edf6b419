// World::commit: turns the intents collected during a step into the next state.
// Parallel passes over every agent (claim, classify, move, and the reset of intents at the
// end) and serial work only on the agents that divide, convert or leave, in row order, so
// the serial part shrinks with the number of those events rather than with the population.
#include <atomic>

#include "sim/agents/row_chunks.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/world.hpp"

namespace mscsim {

namespace {

constexpr std::uint64_t kClaimPurpose = rng::purpose_id("engine.voxel_claim");
constexpr std::uint64_t kBirthPurpose = rng::purpose_id("engine.birth");
// The claim and classify passes share rows between threads as the agent rules do
// (row_chunks.hpp); each chunk of the classify pass keeps its own event lists, joined in
// chunk order, so the lists are in row order whatever the thread count.

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

// Rows of one population with something to apply, ascending.
struct PopulationEvents {
  std::vector<std::uint32_t> movers, dividers, converters, leavers;
};

template <class Member>
void join(std::vector<PopulationEvents>& blocks, Member member, std::vector<std::uint32_t>& out) {
  out.clear();
  for (auto& b : blocks) out.insert(out.end(), (b.*member).begin(), (b.*member).end());
}

// A team is started only when some population has more than one chunk of rows: with every
// population in one chunk a single thread does all the work of a pass, and the others only
// wait at its barriers, which on a machine shared with other processes costs more than the
// pass (small lattices, e.g. the disease scenarios; docs/performance.md).
bool any_population_spans_chunks(const std::vector<Population>& populations) {
  for (const Population& pop : populations)
    if (row_chunk_count(pop.size()) > 1) return true;
  return false;
}

}  // namespace

void World::commit(const StepInfo& info) {
  // Passes 1–3 run in one parallel region, each pass over every population with a barrier
  // between passes only (populations are independent within a pass): one team start
  // instead of one per population and pass. Each population's rows are shared as in the
  // agent rules (row_chunks.hpp).
  const std::size_t population_count = populations_.size();
  std::vector<PopulationEvents> events(population_count);
  std::vector<std::vector<PopulationEvents>> chunk_events(population_count);
  for (PopulationId p = 0; p < population_count; ++p)
    chunk_events[p].resize(static_cast<std::size_t>(row_chunk_count(populations_[p].size())));
#pragma omp parallel if (any_population_spans_chunks(populations_))
  {
    // 1. Every agent that stays and wants a voxel that was free at the start of the step
    //    claims it with a priority from its own stream; the highest claim wins.
    for (PopulationId p = 0; p < population_count; ++p) {
      Population& pop = populations_[p];
      const std::size_t n = pop.size();
      const std::int64_t chunks = row_chunk_count(n);
#pragma omp for schedule(static) nowait
      for (std::int64_t c = 0; c < chunks; ++c) {
        for (std::size_t r = row_chunk_begin(c); r < row_chunk_end(c, n); ++r) {
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
    }
#pragma omp barrier

    // 2. Classify: losers drop their intent; winners, converters and leavers are listed.
    for (PopulationId p = 0; p < population_count; ++p) {
      Population& pop = populations_[p];
      const std::size_t n = pop.size();
      std::vector<PopulationEvents>& per_block = chunk_events[p];
      const auto blocks = static_cast<std::int64_t>(per_block.size());
#pragma omp for schedule(static) nowait
      for (std::int64_t b = 0; b < blocks; ++b) {
        PopulationEvents& e = per_block[static_cast<std::size_t>(b)];
        for (std::size_t r = row_chunk_begin(b); r < row_chunk_end(b, n); ++r) {
          const auto row = static_cast<std::uint32_t>(r);
          if (leaves(pop, r)) {
            e.leavers.push_back(row);
            if (pop.fate[r] == Fate::Convert && !pop.killed[r]) e.converters.push_back(row);
            continue;
          }
          const std::uint32_t target = wanted_voxel(pop, r);
          if (target == Population::kNoVoxel) continue;
          if (static_cast<std::uint32_t>(claims_[target] & 0xFFFFFFFFu) != Lattice::encode({p, row})) {
            pop.move_to[r] = pop.divide_to[r] = Population::kNoVoxel;
            continue;
          }
          (pop.divide_to[r] != Population::kNoVoxel ? e.dividers : e.movers).push_back(row);
        }
      }
    }
#pragma omp barrier

    // 3. Moves. Old and new voxels are all distinct (a target was free at the start of the
    //    step and won by one claim), so the order does not matter and each chunk's movers
    //    are moved by the thread that owns the chunk, whose cache holds their rows.
    for (PopulationId p = 0; p < population_count; ++p) {
      Population& pop = populations_[p];
      const std::vector<PopulationEvents>& per_block = chunk_events[p];
      const auto blocks = static_cast<std::int64_t>(per_block.size());
#pragma omp for schedule(static) nowait
      for (std::int64_t b = 0; b < blocks; ++b) {
        for (std::uint32_t r : per_block[static_cast<std::size_t>(b)].movers) {
          const std::uint32_t target = pop.move_to[r];
          claims_[target] = 0;
          lattice_.clear(pop.voxel[r]);
          lattice_.place(target, {p, r});
          pop.voxel[r] = target;
        }
      }
    }
  }
  // Event lists in row order, whatever the thread count.
  for (PopulationId p = 0; p < population_count; ++p) {
    join(chunk_events[p], &PopulationEvents::dividers, events[p].dividers);
    join(chunk_events[p], &PopulationEvents::converters, events[p].converters);
    join(chunk_events[p], &PopulationEvents::leavers, events[p].leavers);
  }

  // 4. Births in population and row order, so ids are assigned deterministically.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    for (std::uint32_t r : events[p].dividers) {
      const std::uint32_t target = pop.divide_to[r];
      claims_[target] = 0;
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
  // 5. Conversions: the agent keeps its id and voxel and joins another population.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    for (std::uint32_t r : events[p].converters) {
      const PopulationId target = pop.convert_to[r];
      if (target >= populations_.size()) throw ConfigurationError("conversion to an unknown population");
      Population& dest = populations_[target];
      const std::size_t row = dest.append(pop.id[r], pop.voxel[r]);
      lattice_.place(pop.voxel[r], {target, static_cast<std::uint32_t>(row)});
      if (conversion_hooks_[target]) conversion_hooks_[target](*this, target, row, p, r);
    }
  }
  // 6. Remove the dead and the converted (holes filled from the end) and re-point the
  //    lattice at the rows that moved into the holes.
  for (PopulationId p = 0; p < populations_.size(); ++p) {
    Population& pop = populations_[p];
    const std::vector<std::uint32_t>& gone = events[p].leavers;
    if (gone.empty()) continue;
    for (std::uint32_t r : gone) {
      const bool converted = pop.fate[r] == Fate::Convert && !pop.killed[r];
      if (!converted) lattice_.clear(pop.voxel[r]);
    }
    for (std::uint32_t r : pop.remove_rows(gone)) lattice_.place(pop.voxel[r], {p, r});
  }
  // 7. Every intent back to "none", in one parallel region.
#pragma omp parallel if (any_population_spans_chunks(populations_))
  for (Population& pop : populations_) {
    const std::size_t n = pop.size();
    const std::int64_t chunks = row_chunk_count(n);
#pragma omp for schedule(static) nowait
    for (std::int64_t c = 0; c < chunks; ++c) pop.clear_intents(row_chunk_begin(c), row_chunk_end(c, n));
  }
}

}  // namespace mscsim
