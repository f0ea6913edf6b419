#pragma once
// Everything that exists during a run: the lattice, its fields and the agent populations.
// Rules read and write the world through the phases of the step (see simulation.hpp);
// births, deaths, moves and conversions are intents that commit() applies at the end of
// the agent phases in an order that depends only on the seed, never on thread timing.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/agents/population.hpp"
#include "sim/engine/event_log.hpp"
#include "sim/fields/field_set.hpp"
#include "sim/io/byte_archive.hpp"
#include "sim/lattice/lattice.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim {

struct StepInfo {
  std::uint64_t step = 0;  // index of the step being taken (0 for the first)
  double time_h = 0.0;     // simulated time at the start of the step
  double dt_h = 0.0;
};

class World;

// A daughter has just been appended as a copy of its mother; adjust what differs.
using BirthHook = std::function<void(World&, PopulationId, std::size_t daughter_row, std::size_t mother_row,
                                     rng::RandomStream&)>;
// An agent has just been appended to a population by conversion from another one.
using ConversionHook = std::function<void(World&, PopulationId target, std::size_t new_row, PopulationId source,
                                          std::size_t source_row)>;
// An agent has just been spawned from outside the population (placed before the first
// step, or arriving from elsewhere, e.g. from blood) in `arriving_state`, whose meaning the
// population defines; set every column a newcomer of that kind starts with, drawing from
// `stream`. Seeding and arrival call one hook, so both get the same per-cell values.
using NewcomerHook = std::function<void(World&, PopulationId, std::size_t row, std::int32_t arriving_state,
                                        rng::RandomStream&)>;

class World {
 public:
  World(LatticeShape shape, std::uint64_t seed);

  const LatticeShape& shape() const { return lattice_.shape(); }
  std::uint64_t seed() const { return seed_; }
  Lattice& lattice() { return lattice_; }
  const Lattice& lattice() const { return lattice_; }
  FieldSet& fields() { return fields_; }
  const FieldSet& fields() const { return fields_; }
  // Things that happen once (a dose given), written to /events at the end of a run.
  EventLog& events() { return events_; }
  const EventLog& events() const { return events_; }

  PopulationId add_population(std::string name, std::vector<ColumnSpec> columns);
  PopulationId population_id(const std::string& name) const;  // throws ConfigurationError
  bool has_population(const std::string& name) const;
  Population& population(PopulationId p) { return populations_[p]; }
  const Population& population(PopulationId p) const { return populations_[p]; }
  std::size_t population_count() const { return populations_.size(); }
  std::size_t agent_count() const;

  void set_birth_hook(PopulationId p, BirthHook hook);
  void set_conversion_hook(PopulationId target, ConversionHook hook);
  void set_newcomer_hook(PopulationId p, NewcomerHook hook);
  bool has_newcomer_hook(PopulationId p) const { return static_cast<bool>(newcomer_hooks_.at(p)); }
  // Runs the population's newcomer hook on a freshly spawned row (nothing without a hook).
  void initialize_newcomer(PopulationId p, std::size_t row, std::int32_t arriving_state, rng::RandomStream& stream);

  // Serial set-up and events only: places a new agent in a free voxel and returns its row.
  // Throws ConfigurationError if the voxel is taken.
  std::size_t spawn(PopulationId p, std::uint32_t voxel);

  // The random stream of one agent (subject = its id) for one purpose at one step.
  rng::RandomStream stream(std::uint64_t purpose, std::uint64_t subject, std::uint64_t step) const {
    return rng::RandomStream(seed_, purpose, subject, step);
  }

  // Applies every intent of the step: kills and own deaths, then conversions, moves and
  // divisions. Two agents wanting one free voxel are settled by a random priority drawn
  // from each agent's own stream (highest wins), so the outcome is independent of threads.
  // A voxel freed during the step becomes available from the next step on.
  void commit(const StepInfo& info);

  // Reorders every population's rows by voxel index (one pass over the lattice), so rules
  // that read fields at their agents' voxels walk memory in order. The new order depends
  // only on positions, never on threads.
  void sort_agents_by_voxel();

  std::uint64_t next_id() const { return next_id_; }
  std::size_t bytes() const;

  // Checkpoints (world_state.cpp): every population's rows and columns in row order, every
  // field, the event log and the next agent id; the lattice is rebuilt from the agents'
  // voxels. restore_state needs a world built by the same models from the same scenario
  // and throws InputError when the record does not fit it.
  void save_state(ByteWriter& out) const;
  void restore_state(ByteReader& in);

 private:
  std::uint64_t take_id() { return next_id_++; }

  std::uint64_t seed_;
  Lattice lattice_;
  FieldSet fields_;
  EventLog events_;
  std::vector<Population> populations_;
  std::vector<BirthHook> birth_hooks_;
  std::vector<ConversionHook> conversion_hooks_;
  std::vector<NewcomerHook> newcomer_hooks_;
  std::vector<std::uint64_t> claims_;  // per voxel, highest (priority, claimant) this step
  std::uint64_t next_id_ = 1;
};

}  // namespace mscsim
