#pragma once
// The time loop. A Simulation builds the world from a scenario and a list of models and
// advances it with a fixed dt. One step:
//   1. scheduled events due now          (serial, registration order)
//   2. world rules BeforeAgents
//   3. agent rules, phase Update, Interact, Secrete (each rule parallel over its agents)
//   4. commit of births, deaths, moves, conversions (World::commit)
//   5. world rules AfterCommit
//   6. field decay and diffusion (FieldSet::solve)
//   7. world rules AfterFields
#include <cstdint>
#include <string>
#include <vector>

#include "sim/engine/engine_parameters.hpp"
#include "sim/engine/model.hpp"
#include "sim/engine/world.hpp"

namespace mscsim {

// Seconds spent per named piece of the step (rules, commit, fields), for profiles.
struct ProfileEntry {
  std::string name;
  double seconds = 0.0;
};

class Simulation {
 public:
  // Builds every model into a new world. Models must outlive the simulation.
  Simulation(const Scenario& scenario, ModelList& models);

  // Runs the models' initializers (seeding agents). Call once before the first step.
  void initialize();
  void step();

  bool finished() const { return steps_done_ >= settings_.step_count; }
  std::uint64_t steps_done() const { return steps_done_; }
  double time_h() const { return static_cast<double>(steps_done_) * settings_.dt_h; }
  const RunSettings& settings() const { return settings_; }
  World& world() { return world_; }
  const World& world() const { return world_; }

  // Every output series: engine series (agent counts, field mean/max) then the models'.
  const std::vector<SeriesSpec>& series() const { return series_; }
  // Current value of every series, in the order of series().
  void observe(std::vector<double>& row) const;

  // Sum over steps of live agents at the start of each step.
  std::uint64_t agent_steps() const { return agent_steps_; }
  const std::vector<ProfileEntry>& profile() const { return profile_; }

  // Checkpoints (simulation_state.cpp): the step counter, which scheduled events have run,
  // the world and every model's registered state. restore_state is called after
  // initialize(), so what the initializers derive is rebuilt and then overwritten where
  // the run had changed it; throws InputError when the record does not fit this build.
  void save_state(ByteWriter& out) const;
  void restore_state(ByteReader& in);
  // Names of the model state hooks, in registration order (recorded in checkpoints).
  std::vector<std::string> model_state_names() const;

 private:
  void run_world_rules(WorldPoint point, const StepInfo& info);
  void run_agent_phase(Phase phase, const StepInfo& info);

  RunSettings settings_;
  World world_;
  ModelBuilder builder_;
  std::vector<SeriesSpec> series_;
  std::vector<bool> event_done_;
  std::uint64_t steps_done_ = 0;
  std::uint64_t agent_steps_ = 0;
  // profile_[i] for agent_rules[i], then world rules, then commit and fields.
  std::vector<ProfileEntry> profile_;
  std::size_t commit_slot_ = 0;
  std::size_t fields_slot_ = 0;
  std::size_t events_slot_ = 0;
};

}  // namespace mscsim
