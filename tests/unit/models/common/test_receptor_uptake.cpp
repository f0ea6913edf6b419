// Receptor-mediated uptake (models/common/receptor_uptake): a cell takes up the mediators
// in its own voxel at the declared first-order rate; empty voxels lose only by decay.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "tests/unit/models/model_run.hpp"

using namespace mscsim;

namespace {

struct Well : mscsim::models::testing::ModelRun {
  explicit Well(const std::string& toml) : ModelRun(toml, "test.toml") {}
  double at(const char* field, std::uint32_t voxel) const {
    return sim->world().fields().data(sim->world().fields().id_of(field))[voxel];
  }
};

// One macrophage (M2, secretes no TNF-alpha) in a well of uniform TNF-alpha without
// diffusion or decay: its voxel keeps e^{-u t}, an empty voxel keeps everything.
TEST(ReceptorUptake, ACellClearsItsOwnVoxelAtTheDeclaredRate) {
  const std::string toml =
      "[run]\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [5, 5]\n"
      "[macrophage]\ninitial_count = 1\ninitial_state = \"m2\"\nspeed_um_per_h = 0.0\n"
      "[receptor_uptake]\ntnfa_per_h = 2.0\n"
      "[fields.tnfa]\ninitial_ng_per_ml = 1.0\ndiffusion_um2_per_s = 0.0\nhalf_life_h = 1.0e6\n";
  Well well(toml);
  const auto& pop = well.sim->world().population(well.sim->world().population_id("macrophage"));
  ASSERT_EQ(pop.size(), 1u);
  const std::uint32_t home = pop.voxel[0];
  const std::uint32_t other = home == 0 ? 24 : 0;
  well.run_to_end();
  EXPECT_NEAR(well.at("tnfa", home), std::exp(-2.0 * 1.0), 1e-5);
  EXPECT_NEAR(well.at("tnfa", other), 1.0, 1e-5);
}

TEST(ReceptorUptake, ZeroRateTakesNothing) {
  const std::string toml =
      "[run]\nduration_h = 1.0\ndt_h = 0.1\nseed = 3\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [5, 5]\n"
      "[macrophage]\ninitial_count = 1\ninitial_state = \"m2\"\nspeed_um_per_h = 0.0\n"
      "[receptor_uptake]\ntnfa_per_h = 0.0\n"
      "[fields.tnfa]\ninitial_ng_per_ml = 1.0\ndiffusion_um2_per_s = 0.0\nhalf_life_h = 1.0e6\n";
  Well well(toml);
  well.run_to_end();
  for (std::uint32_t v = 0; v < 25; ++v) EXPECT_NEAR(well.at("tnfa", v), 1.0, 1e-5);
}

}  // namespace
