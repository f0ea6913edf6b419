// Cytokine disease drivers of the tissue (docs/ODD.md sections 3.3.1 and 4.1): IL-17 (Th17) damage
// and chemokine induction, IL-4 (Th2) and TGF-beta fibrosis. Off by default; a uniform
// cytokine held by the bath over an empty slab without vessels gives health = exp(-r t)
// in every voxel, r = rate * H(c; K) (to 1e-5: the field decays slightly, half-life 1000 h,
// away from the bath).
#include <gtest/gtest.h>

#include <cmath>
#include <deque>

#include "models/register_models.hpp"
#include "tests/unit/models/model_run.hpp"
#include "sim/engine/simulation.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

struct Slab : mscsim::models::testing::ModelRun {
  explicit Slab(const std::string& toml) : ModelRun(toml, "driver_test.toml") {
    while (!sim->finished()) sim->step();
  }
  const double* field(const char* name) const {
    return sim->world().fields().data(sim->world().fields().id_of(name));
  }
};

// 20 x 20 voxels, 2 h, no vessels (no recruited cells), one cytokine held at c.
std::string slab(const std::string& field, double c, const std::string& tissue_keys) {
  const std::string v = std::to_string(c);
  return "[run]\nduration_h = 2.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsize_voxels = [20, 20]\n" + tissue_keys +
         "[vessels]\nfraction = 0.0\n[fields." + field + "]\ninitial_ng_per_ml = " + v +
         "\nboundary = \"bath\"\nbath_ng_per_ml = " + v + "\nhalf_life_h = 1000.0\n";
}

}  // namespace

TEST(DiseaseDrivers, AreOffByDefault) {
  for (const char* field : {"il17", "il4", "tgfb"}) {
    Slab run(slab(field, 10.0, ""));
    EXPECT_EQ(run.field("health")[210], 1.0) << field;
    EXPECT_EQ(run.field("ccl2")[210], 0.0) << field;
  }
}

TEST(DiseaseDrivers, Il17DamagesParenchymaAndInducesChemokines) {
  Slab run(slab("il17", 10.0,
                "il17_damage_per_h = 0.1\nil17_ccl2_release_ng_per_ml_per_h = 1.0\nil17_half_max_ng_per_ml = 1.0\n"));
  const double expected = std::exp(-0.1 * (10.0 / 11.0) * 2.0);
  EXPECT_NEAR(run.field("health")[0], expected, 1e-5);
  EXPECT_NEAR(run.field("health")[210], expected, 1e-5);
  EXPECT_GT(run.field("ccl2")[210], 0.0);
}

TEST(DiseaseDrivers, Il4AndTgfBetaDriveFibrosis) {
  Slab il4(slab("il4", 1.0, "il4_fibrosis_per_h = 0.05\nil4_fibrosis_half_max_ng_per_ml = 1.0\n"));
  EXPECT_NEAR(il4.field("health")[210], std::exp(-0.05 * 0.5 * 2.0), 1e-5);
  Slab tgfb(slab("tgfb", 3.0, "tgfb_fibrosis_per_h = 0.05\ntgfb_fibrosis_half_max_ng_per_ml = 1.0\n"));
  EXPECT_NEAR(tgfb.field("health")[210], std::exp(-0.05 * 0.75 * 2.0), 1e-5);
}
