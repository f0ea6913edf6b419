// Throughput of the agent phase (every agent rule plus the commit of births, deaths and
// moves) on scenarios/bench/tissue_large.toml, about 10^5 agents on 300 x 300 voxels, and
// of one whole step (fields included). Run through scripts/bench.
#include <benchmark/benchmark.h>
#include <omp.h>

#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace {

using namespace mscsim;

double agent_phase_seconds(const Simulation& sim) {
  double s = 0;
  for (const ProfileEntry& e : sim.profile())
    if (e.name != "engine.fields") s += e.seconds;
  return s;
}

struct BenchWorld {
  ModelList models = models::create_models();
  ParameterCatalogue catalogue = models::build_catalogue(models);
  Scenario scenario = load_scenario_file(MSCSIM_SOURCE_DIR "/scenarios/bench/tissue_large.toml", catalogue,
                                         {{"run.duration_h", "1000.0"}});
  Simulation sim{scenario, models};
  BenchWorld() {
    sim.initialize();
    for (int i = 0; i < 5; ++i) sim.step();  // fields away from zero, intents in flux
  }
};

// Agent-steps per second of the agent phase alone (manual time = rules + commit).
void BM_AgentPhase(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  BenchWorld bench;
  std::int64_t agent_steps = 0;
  for (auto _ : state) {
    const double before = agent_phase_seconds(bench.sim);
    agent_steps += static_cast<std::int64_t>(bench.sim.world().agent_count());
    bench.sim.step();
    state.SetIterationTime(agent_phase_seconds(bench.sim) - before);
  }
  state.SetItemsProcessed(agent_steps);
  state.counters["agents"] = static_cast<double>(bench.sim.world().agent_count());
}
BENCHMARK(BM_AgentPhase)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);

// Agent-steps per second of whole steps (agents, commit, fields).
void BM_WholeStep(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  BenchWorld bench;
  std::int64_t agent_steps = 0;
  for (auto _ : state) {
    agent_steps += static_cast<std::int64_t>(bench.sim.world().agent_count());
    bench.sim.step();
  }
  state.SetItemsProcessed(agent_steps);
}
BENCHMARK(BM_WholeStep)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond)->Iterations(60);

}  // namespace

BENCHMARK_MAIN();
