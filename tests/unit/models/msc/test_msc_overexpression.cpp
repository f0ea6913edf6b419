// Engineered MSCs that overexpress IL-4 or IL-10 (docs/ODD.md section 3.3.7, product attribute;
// Payne 2013: IL-4-overexpressing MSCs in EAE): each such cell adds its rate to the IL-4 or
// IL-10 field of its voxel on top of its ordinary secretion, whatever its licensing or
// polarization, both for cells seeded by msc.initial_count and for the cells of a dose.
#include <gtest/gtest.h>

#include <string>

#include "tests/unit/models/model_run.hpp"

using namespace mscsim;
using namespace mscsim::models;
using mscsim::models::testing::ModelRun;

namespace {

// A 30 x 30 culture well of MSCs alone (no other cell makes IL-4 or IL-10).
std::string well_with_mscs(double il4_rate, double il10_rate) {
  return "[run]\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsetting = \"in_vitro_well\"\n"
         "size_voxels = [30, 30]\n[msc]\ninitial_count = 40\nil4_overexpression_ng_per_ml_per_h = " +
         std::to_string(il4_rate) + "\nil10_overexpression_ng_per_ml_per_h = " + std::to_string(il10_rate) + "\n";
}

double field_total(const ModelRun& run, const char* field) {
  const FieldSet& f = run.sim->world().fields();
  const double* c = f.data(f.id_of(field));
  double s = 0.0;
  for (std::size_t v = 0; v < run.sim->world().shape().voxel_count(); ++v) s += c[v];
  return s;
}

}  // namespace

TEST(MscOverexpression, OnlyEngineeredMscsReleaseIl4AndIl10) {
  ModelRun plain(well_with_mscs(0.0, 0.0), "plain.toml");
  plain.run_to_end();
  EXPECT_EQ(field_total(plain, "il4"), 0.0);
  EXPECT_EQ(field_total(plain, "il10"), 0.0);

  ModelRun il10(well_with_mscs(0.0, 2.0), "il10.toml");
  il10.run_to_end();
  EXPECT_EQ(field_total(il10, "il4"), 0.0);
  EXPECT_GT(field_total(il10, "il10"), 0.0);

  // Secretion is linear in the rate: twice the rate, twice the IL-10 (same seed, same cells).
  ModelRun il10_double(well_with_mscs(0.0, 4.0), "il10x2.toml");
  il10_double.run_to_end();
  EXPECT_NEAR(field_total(il10_double, "il10"), 2.0 * field_total(il10, "il10"), 1e-9 * field_total(il10, "il10"));

  ModelRun il4(well_with_mscs(1.5, 0.0), "il4.toml");
  il4.run_to_end();
  EXPECT_GT(field_total(il4, "il4"), 0.0);
  EXPECT_EQ(field_total(il4, "il10"), 0.0);
}

TEST(MscOverexpression, DoseProductCarriesItsOverexpressionToTheAgents) {
  const std::string toml =
      "[run]\nduration_h = 0.5\ndt_h = 0.1\nseed = 5\n[tissue]\nsize_voxels = [30, 30]\n[target]\nvolume_ml = 0.01\n"
      "[[dose]]\ntime_h = 0.0\ncells = 1.0e5\nroute = \"local\"\nsite = \"intramuscular\"\n"
      "[dose.product]\nil10_overexpression_ng_per_ml_per_h = 3.0\n";
  ModelRun run(toml, "dose_il10.toml");
  run.run_to_end();
  const World& w = run.sim->world();
  const Population& msc = w.population(w.population_id("msc"));
  ASSERT_GT(msc.size(), 0u);
  const double* rate = msc.real(msc.column_id("il10_overexpression_ng_per_ml_per_h"));
  for (std::size_t r = 0; r < msc.size(); ++r) EXPECT_EQ(rate[r], 3.0);
  EXPECT_GT(field_total(run, "il10"), 0.0);
}
