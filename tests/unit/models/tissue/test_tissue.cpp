// Tissue area: health damage and repair, danger-signal release, vessels and recruitment,
// balance indices.
#include <gtest/gtest.h>

#include <deque>

#include "models/common/hill.hpp"
#include "models/register_models.hpp"
#include "tests/unit/models/model_run.hpp"
#include "models/tissue/immune_readouts.hpp"
#include "models/tissue/tissue_health.hpp"
#include "sim/engine/simulation.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

struct TissueRun : mscsim::models::testing::ModelRun {
  explicit TissueRun(const std::string& toml) : ModelRun(toml, "test.toml") {}
  const double* field(const char* name) const {
    return sim->world().fields().data(sim->world().fields().id_of(name));
  }
};

const char* const kBase = "[run]\nduration_h = 2.0\ndt_h = 0.1\nseed = 4\n[tissue]\nsize_voxels = [50, 50]\n";

}  // namespace

TEST(TissueHealth, DamageAndRepairStayWithinZeroAndOne) {
  double h = 1.0;
  damage_voxel(h, 2.0, 0.5);
  EXPECT_NEAR(h, std::exp(-1.0), 1e-15);
  repair_voxel(h, 1.0, 1e6);
  EXPECT_NEAR(h, 1.0, 1e-15);
  damage_voxel(h, 1e9, 1.0);
  EXPECT_GE(h, 0.0);
}

TEST(TissueHealth, TnfAlphaDamagesAndDamagedVoxelsReleaseDangerSignals) {
  TissueRun run(std::string(kBase) + "[fields.tnfa]\ninitial_ng_per_ml = 50.0\nboundary = \"bath\"\nbath_ng_per_ml = 50.0\n");
  for (int i = 0; i < 20; ++i) run.sim->step();
  const double* health = run.field("health");
  const double* damp = run.field("damp");
  EXPECT_LT(health[1275], 1.0);
  EXPECT_GT(damp[1275], 0.0);
  EXPECT_GT(run.field("cxcl12")[1275], 0.0);
}

TEST(TissueHealth, CultureWellHasNoParenchymaDamageAndNoVessels) {
  TissueRun run(std::string(kBase) + "setting = \"in_vitro_well\"\n[fields.tnfa]\ninitial_ng_per_ml = 50.0\n");
  for (int i = 0; i < 20; ++i) run.sim->step();
  EXPECT_EQ(run.field("health")[1275], 1.0);
  std::vector<double> row;
  run.sim->observe(row);
  const auto& series = run.sim->series();
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].group == "recruitment") {
      EXPECT_EQ(row[i], 0.0) << series[i].name;
    }
  }
}

TEST(Readouts, Log2RatioIsFiniteAndSymmetric) {
  EXPECT_DOUBLE_EQ(log2_ratio(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(log2_ratio(7, 0), 3.0);
  EXPECT_DOUBLE_EQ(log2_ratio(0, 7), -3.0);
}

// Dying parenchymal cells release dsRNA, the tissue's TLR3 ligand (Kariko 2004): a voxel
// that loses health gains dsrna in proportion to the loss; intact tissue releases none.
TEST(TissueHealth, DyingParenchymaReleasesTlr3LigandInProportionToTheLoss) {
  const std::string tnfa = "[fields.tnfa]\ninitial_ng_per_ml = 50.0\nboundary = \"bath\"\nbath_ng_per_ml = 50.0\n";
  TissueRun none(std::string(kBase) + "[fields.dsrna]\ndiffusion_um2_per_s = 0.0\n");
  TissueRun low(std::string(kBase) + "dsrna_release_ng_per_ml_per_health_lost = 20.0\n" + tnfa +
                "[fields.dsrna]\ndiffusion_um2_per_s = 0.0\n");
  TissueRun high(std::string(kBase) + "dsrna_release_ng_per_ml_per_health_lost = 40.0\n" + tnfa +
                 "[fields.dsrna]\ndiffusion_um2_per_s = 0.0\n");
  for (int i = 0; i < 5; ++i) {
    none.sim->step();
    low.sim->step();
    high.sim->step();
  }
  EXPECT_EQ(none.field("dsrna")[1275], 0.0);
  EXPECT_GT(low.field("dsrna")[1275], 0.0);
  EXPECT_NEAR(high.field("dsrna")[1275], 2.0 * low.field("dsrna")[1275], 1e-9);
}
