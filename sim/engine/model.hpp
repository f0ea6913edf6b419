#pragma once
// The plug-in interface between the engine and the biology. A Model declares its
// parameters, then builds itself into the world: cell types (populations and their
// columns), fields, per-step rules, output series, scheduled events and initial agents.
// The engine owns the loop, storage, scheduling and output.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "sim/engine/world.hpp"
#include "sim/io/byte_archive.hpp"
#include "sim/io/trajectory_writer.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim {

// The phases of one step, in order. Barriers separate phases, and rules of one phase run
// one after another, each in parallel over its agents. The contract that keeps results
// independent of the thread count:
//   Update   an agent reads its own voxel's fields and writes its own columns.
//   Interact an agent reads anything (neighbours' columns, any voxel of any field) and
//            writes only its own intents, its own columns that no other agent reads in
//            this phase, and kill marks on others (Population::killed, set to 1).
//   Secrete  an agent reads and writes its own columns and writes only its own voxel of
//            any field (it may apply here a state change it decided in Interact).
enum class Phase { Update, Interact, Secrete };

// Runs over rows [begin, end) of one population; called concurrently on disjoint ranges.
using AgentRuleFn = std::function<void(World&, const StepInfo&, std::size_t begin, std::size_t end)>;

struct AgentRule {
  std::string name;  // "cell.migration", shown in profiles
  PopulationId population = 0;
  Phase phase = Phase::Update;
  AgentRuleFn run;
};

// Whole-world work at a point of the step (recruitment, compartment transfers).
enum class WorldPoint { BeforeAgents, AfterCommit, AfterFields };
struct WorldRule {
  std::string name;
  WorldPoint point = WorldPoint::AfterCommit;
  std::function<void(World&, const StepInfo&)> run;
};

// Output series: `compute` writes one value per declared series, in order.
struct Observer {
  std::vector<SeriesSpec> series;
  std::function<void(const World&, double time_h, std::vector<double>& out)> compute;
};

// Something that happens once at a given time (an injection), at the start of the first step
// whose start time is at or after time_h.
struct ScheduledEvent {
  double time_h = 0.0;
  std::string name;
  std::function<void(World&, const StepInfo&)> run;
};

// State a model keeps outside the world (running counters, books of cells off the
// lattice, cached matrices that decide later draws): a checkpoint saves it and a restart
// restores it after the initializers ran, so the continued run is bit-identical. State
// that the initializers rebuild the same way every time (parameters, vessel positions)
// needs no hook. Register with keep_in_checkpoint (sim/engine/model_state.hpp).
struct ModelStateHook {
  std::string name;  // unique among hooks: "body", "nk.kill_counter"
  std::function<void(ByteWriter&)> save;
  std::function<void(ByteReader&)> restore;
};

class ModelBuilder {
 public:
  ModelBuilder(World& world, const Scenario& scenario) : world_(world), scenario_(scenario) {}

  World& world() { return world_; }
  const Scenario& scenario() const { return scenario_; }

  PopulationId add_population(std::string name, std::vector<ColumnSpec> columns) {
    return world_.add_population(std::move(name), std::move(columns));
  }
  FieldId add_field(const FieldSpec& spec) { return world_.fields().add(spec); }
  void add_agent_rule(AgentRule rule) { agent_rules.push_back(std::move(rule)); }
  void add_world_rule(WorldRule rule) { world_rules.push_back(std::move(rule)); }
  void add_observer(Observer observer) { observers.push_back(std::move(observer)); }
  void add_event(ScheduledEvent event) { events.push_back(std::move(event)); }
  // Runs once before the first step (seeding agents), in registration order.
  void add_initializer(std::function<void(World&)> init) { initializers.push_back(std::move(init)); }
  void add_state(ModelStateHook hook) { states.push_back(std::move(hook)); }

  std::vector<AgentRule> agent_rules;
  std::vector<WorldRule> world_rules;
  std::vector<Observer> observers;
  std::vector<ScheduledEvent> events;
  std::vector<std::function<void(World&)>> initializers;
  std::vector<ModelStateHook> states;

 private:
  World& world_;
  const Scenario& scenario_;
};

class Model {
 public:
  virtual ~Model() = default;
  virtual std::string name() const = 0;
  // Every parameter this model reads, with unit, default, range and reference.
  virtual void declare_parameters(ParameterCatalogue& catalogue) const = 0;
  // Reads its parameters from the scenario into plain structs and registers into the world.
  virtual void build(ModelBuilder& builder) = 0;
};

using ModelList = std::vector<std::unique_ptr<Model>>;

}  // namespace mscsim
