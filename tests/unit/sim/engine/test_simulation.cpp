// The engine's step loop and commit: conflicts settled without regard to threads,
// bookkeeping of ids and the lattice, and bit-identical trajectories at 1, 2 and 3 threads.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <deque>
#include <set>

#include "sim/engine/simulation.hpp"
#include "toy_model.hpp"

using namespace mscsim;

namespace {

ModelList toy_models() {
  ModelList m;
  m.push_back(std::make_unique<test_support::ToyModel>());
  return m;
}

Scenario toy_scenario(const ModelList& models, const std::string& extra = "") {
  ParameterCatalogue catalogue;
  declare_engine_parameters(catalogue);
  for (const auto& m : models) m->declare_parameters(catalogue);
  static std::deque<ParameterCatalogue> keep;  // a Scenario points at its catalogue
  keep.push_back(std::move(catalogue));
  return load_scenario_text("[run]\nduration_h = 6.0\ndt_h = 0.1\nseed = 99\n[tissue]\nsize_voxels = [40, 30]\n" + extra,
                            "toy.toml", keep.back());
}

// Everything that defines the state, as bytes, for exact comparison.
std::vector<unsigned char> state_bytes(const World& w) {
  std::vector<unsigned char> out;
  auto put = [&out](const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    out.insert(out.end(), c, c + n);
  };
  for (PopulationId p = 0; p < w.population_count(); ++p) {
    const Population& pop = w.population(p);
    put(pop.id.data(), pop.size() * 8);
    put(pop.voxel.data(), pop.size() * 4);
    for (ColumnId c = 0; c < pop.columns().size(); ++c)
      for (std::size_t r = 0; r < pop.size(); ++r) {
        const double v = pop.value_as_real(c, r);
        put(&v, 8);
      }
  }
  for (FieldId f = 0; f < w.fields().size(); ++f) put(w.fields().data(f), w.shape().voxel_count() * 8);
  return out;
}

std::vector<unsigned char> run_with_threads(int threads) {
  omp_set_num_threads(threads);
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models), models);
  sim.initialize();
  while (!sim.finished()) sim.step();
  return state_bytes(sim.world());
}

void expect_lattice_consistent(const World& w) {
  std::size_t occupied = 0;
  for (std::uint32_t v = 0; v < w.lattice().voxel_count(); ++v) occupied += !w.lattice().is_free(v);
  EXPECT_EQ(occupied, w.agent_count());
  std::set<std::uint64_t> ids;
  for (PopulationId p = 0; p < w.population_count(); ++p) {
    const Population& pop = w.population(p);
    for (std::size_t r = 0; r < pop.size(); ++r) {
      const AgentHandle h = w.lattice().occupant(pop.voxel[r]);
      EXPECT_EQ(h.population, p);
      EXPECT_EQ(h.row, r);
      EXPECT_TRUE(ids.insert(pop.id[r]).second) << "duplicate id " << pop.id[r];
    }
  }
}

}  // namespace

TEST(Simulation, TrajectoryIsBitIdenticalForAnyThreadCount) {
  const auto one = run_with_threads(1);
  EXPECT_EQ(one, run_with_threads(2));
  EXPECT_EQ(one, run_with_threads(3));
  omp_set_num_threads(1);
}

TEST(Simulation, LatticeAndIdsStayConsistentThroughBirthsDeathsAndConversions) {
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models), models);
  sim.initialize();
  std::size_t max_settled = 0;
  while (!sim.finished()) {
    sim.step();
    expect_lattice_consistent(sim.world());
    max_settled = std::max(max_settled, sim.world().population(1).size());
  }
  EXPECT_GT(max_settled, 0u);  // conversions happened
  EXPECT_GT(sim.world().next_id(), 301u);  // births happened
}

TEST(Commit, TwoClaimsOnOneVoxelLeaveExactlyOneWinner) {
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models, "[toy]\nwalkers = 0\n"), models);
  World& w = sim.world();
  const PopulationId walker = w.population_id("walker");
  const auto& shape = w.shape();
  const std::size_t a = w.spawn(walker, shape.index(5, 5));
  const std::size_t b = w.spawn(walker, shape.index(7, 5));
  const std::uint32_t contested = shape.index(6, 5);
  w.population(walker).move_to[a] = contested;
  w.population(walker).divide_to[b] = contested;
  w.commit({0, 0.0, 0.1});
  EXPECT_FALSE(w.lattice().is_free(contested));
  const std::size_t total = w.population(walker).size();
  const bool a_moved = w.population(walker).voxel[a] == contested;
  EXPECT_TRUE(a_moved ? total == 2 : total == 3);  // either the move or the birth, never both
  expect_lattice_consistent(w);
}

TEST(Commit, KilledAgentsAreRemovedAndTheirVoxelFreedNextStep) {
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models, "[toy]\nwalkers = 0\n"), models);
  World& w = sim.world();
  const PopulationId walker = w.population_id("walker");
  const std::uint32_t v = w.shape().index(3, 3);
  const std::size_t a = w.spawn(walker, v);
  const std::size_t b = w.spawn(walker, w.shape().index(4, 3));
  w.population(walker).killed[a] = 1;
  w.population(walker).move_to[b] = v;  // not free at the start of this step
  w.commit({0, 0.0, 0.1});
  EXPECT_EQ(w.population(walker).size(), 1u);
  EXPECT_TRUE(w.lattice().is_free(v));
  EXPECT_EQ(w.population(walker).voxel[0], w.shape().index(4, 3));
  expect_lattice_consistent(w);
}

TEST(Simulation, EventsRunOnceAtTheirTime) {
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models, "[toy]\nwalkers = 0\n"), models);
  sim.initialize();
  const auto centre = sim.world().shape().voxel_count() / 2;
  while (sim.time_h() < 0.95) sim.step();
  EXPECT_EQ(sim.world().fields().data(0)[centre], 0.0);
  sim.step();  // the step starting at t = 1.0 h
  EXPECT_GT(sim.world().fields().data(0)[centre], 1.0);
}

TEST(Simulation, ObserveReportsCountsFieldsAndModelSeries) {
  ModelList models = toy_models();
  Simulation sim(toy_scenario(models), models);
  sim.initialize();
  std::vector<double> row;
  sim.observe(row);
  ASSERT_EQ(row.size(), sim.series().size());
  EXPECT_EQ(sim.series()[0].name, "walker");
  EXPECT_EQ(row[0], 300.0);
  EXPECT_EQ(row[2], 300.0);  // total
}
