// Recruited cells start as seeded cells of their arriving state do (models/common/newcomers.hpp,
// models/tissue/recruitment.cpp): every recruitable population registers a newcomer hook,
// the naive T cells that arrive from blood recognise the antigen with the responder
// fraction (before, they arrived with the column default, so none ever did), and the
// values drawn do not depend on the thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <map>
#include <string>

#include "models/common/cell_states.hpp"
#include "tests/unit/models/model_run.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

using mscsim::models::testing::ModelRun;

// A 40 x 40 tissue patch with nothing seeded: every cell arrives through the 32 vessels
// at the largest rate (no chemokine needed), T cells only unless `others` adds more.
std::string arrivals_only(double hours, double responder_fraction, std::uint64_t seed, const std::string& others = "") {
  std::string toml = "[run]\nduration_h = " + std::to_string(hours) + "\ndt_h = 0.1\nseed = " + std::to_string(seed) +
                     "\n[tissue]\nsize_voxels = [40, 40]\n[recruitment]\nbasal_fraction = 1.0\n";
  for (const char* p : {"treg", "b_cell", "nk", "dc", "macrophage"})
    toml += std::string("[recruitment.") + p + "]\nper_vessel_per_h = 0.0\n";
  toml += "[recruitment.cd4_t]\nper_vessel_per_h = 3.0\n[recruitment.cd8_t]\nper_vessel_per_h = 3.0\n";
  toml += "[cd4_t]\nantigen_responder_fraction = " + std::to_string(responder_fraction) + "\n";
  toml += "[cd8_t]\nantigen_responder_fraction = " + std::to_string(responder_fraction) + "\n";
  return toml + others;
}

struct NaiveCount {
  int cells = 0;
  int antigen_specific = 0;
};

NaiveCount naive_t_cells(const World& world, const char* name) {
  const Population& pop = world.population(world.population_id(name));
  const std::int32_t* state = pop.integer(pop.column_id("state"));
  const std::int32_t* specific = pop.integer(pop.column_id("antigen_specific"));
  NaiveCount n;
  for (std::size_t r = 0; r < pop.size(); ++r) {
    if (state[r] != 0) continue;  // naive is state 0 of both CD4 and CD8
    ++n.cells;
    n.antigen_specific += specific[r];
  }
  return n;
}

}  // namespace

TEST(RecruitmentNewcomers, EveryRecruitablePopulationSaysHowANewcomerStarts) {
  ModelRun run(arrivals_only(0.1, 0.1, 1), "test.toml");
  const World& w = run.sim->world();
  for (const char* p : {population::kCd4T, population::kCd8T, population::kTreg, population::kBCell, population::kNk,
                        population::kDendriticCell, population::kMacrophage})
    EXPECT_TRUE(w.has_newcomer_hook(w.population_id(p))) << p;
}

// Before the newcomer hooks, recruited naive T cells kept antigen_specific = 0: with a
// responder fraction of 1 none of them recognised the antigen.
TEST(RecruitmentNewcomers, RecruitedNaiveTCellsRecogniseTheAntigenLikeSeededOnes) {
  ModelRun run(arrivals_only(3.0, 1.0, 2), "test.toml");
  run.run_to_end();
  for (const char* p : {population::kCd4T, population::kCd8T}) {
    const NaiveCount n = naive_t_cells(run.sim->world(), p);
    EXPECT_GT(n.cells, 50) << p;
    EXPECT_EQ(n.antigen_specific, n.cells) << p;
  }
}

// With a responder fraction f, the recognising share of n recruits is binomial: within 5
// standard deviations of f (false failure < 1e-6), while the old behaviour gave 0.
TEST(RecruitmentNewcomers, RecruitedNaiveTCellsRecogniseWithTheResponderFraction) {
  const double f = 0.3;
  ModelRun run(arrivals_only(4.0, f, 3), "test.toml");
  run.run_to_end();
  for (const char* p : {population::kCd4T, population::kCd8T}) {
    const NaiveCount n = naive_t_cells(run.sim->world(), p);
    ASSERT_GT(n.cells, 100) << p;
    const double share = static_cast<double>(n.antigen_specific) / n.cells;
    EXPECT_NEAR(share, f, 5.0 * std::sqrt(f * (1.0 - f) / n.cells)) << p;
  }
}

// Arriving cells take the arriving state of recruitment (naive, natural, resting, immature,
// M0) whatever state the scenario seeds its own cells in, with the rest of their columns
// as a newcomer's (no divisions, no antigen loaded, no priming contact).
TEST(RecruitmentNewcomers, ArrivingCellsStartInTheirArrivingStateWhateverTheSeededState) {
  std::string toml =
      "[run]\nduration_h = 0.5\ndt_h = 0.1\nseed = 5\n[tissue]\nsize_voxels = [40, 40]\n"
      "[recruitment]\nbasal_fraction = 1.0\n"
      "[cd4_t]\ninitial_state = \"th1\"\n[cd8_t]\ninitial_state = \"ctl\"\n[treg]\ninitial_state = \"induced\"\n"
      "[b_cell]\ninitial_state = \"plasma\"\n[nk]\ninitial_state = \"activated\"\n[dc]\ninitial_state = \"mature\"\n"
      "[macrophage]\ninitial_state = \"m1\"\n";
  for (const char* p : {"cd4_t", "cd8_t", "treg", "b_cell", "nk", "dc", "macrophage"})
    toml += std::string("[recruitment.") + p + "]\nper_vessel_per_h = 2.0\n";
  ModelRun run(toml, "test.toml");
  run.run_to_end();
  const World& w = run.sim->world();
  for (const char* p : {population::kCd4T, population::kCd8T, population::kTreg, population::kBCell, population::kNk,
                        population::kDendriticCell, population::kMacrophage}) {
    const Population& pop = w.population(w.population_id(p));
    EXPECT_GT(pop.size(), 10u) << p;
    const std::int32_t* state = pop.integer(pop.column_id("state"));
    const std::int32_t* next_state = pop.integer(pop.column_id("next_state"));
    for (std::size_t r = 0; r < pop.size(); ++r) {
      EXPECT_EQ(state[r], 0) << p;  // every arriving state is state 0 of its population
      EXPECT_EQ(next_state[r], 0) << p;
      for (const char* column : {"divisions", "contact_time_h", "antigen_load"}) {
        if (pop.has_column(column)) {
          EXPECT_EQ(pop.value_as_real(pop.column_id(column), r), 0.0) << p << " " << column;
        }
      }
    }
  }
}

TEST(RecruitmentNewcomers, NewcomerValuesAreTheSameForAnyThreadCount) {
  auto specific_by_id = [](int threads) {
    omp_set_num_threads(threads);
    ModelRun run(arrivals_only(3.0, 0.5, 6), "test.toml");
    run.run_to_end();
    const World& w = run.sim->world();
    const Population& pop = w.population(w.population_id(population::kCd4T));
    std::map<std::uint64_t, std::int32_t> out;
    for (std::size_t r = 0; r < pop.size(); ++r) out[pop.id[r]] = pop.integer(pop.column_id("antigen_specific"))[r];
    return out;
  };
  const auto one = specific_by_id(1);
  EXPECT_GT(one.size(), 50u);
  EXPECT_EQ(one, specific_by_id(2));
  omp_set_num_threads(1);
}
