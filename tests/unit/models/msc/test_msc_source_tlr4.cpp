// TLR4 responsiveness depends on the MSC's source tissue (Raicevic 2011: Wharton's jelly,
// i.e. umbilical-cord, MSCs lack TLR4; bone-marrow and adipose MSCs express it). The
// factor scales the TLR4 term of the polarization drive, for LPS priming and for tissue
// danger signals alike, and travels with each cell from its product.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "models/msc/msc_rules.hpp"
#include "tests/unit/models/model_run.hpp"

using namespace mscsim;
using namespace mscsim::models;
using mscsim::models::testing::ModelRun;

TEST(MscSourceTlr4, ResponsivenessScalesOnlyTheTlr4TermOfTheDrive) {
  const MscParameters p;  // w_tlr4 0.5, K4 2 ng/mL
  const double tlr4_free = polarization_drive(p, 0.4, 0.2, 0.0, 0.0, 0.3);
  // Without TLR4 the cell ignores danger signals and LPS priming alike.
  EXPECT_DOUBLE_EQ(polarization_drive(p, 0.4, 0.2, 1.0, 8.0, 0.3, 0.0), tlr4_free);
  // Responsiveness 1 is the old drive; 0.5 halves the TLR4 term.
  const double full = polarization_drive(p, 0.4, 0.2, 1.0, 8.0, 0.3);
  EXPECT_DOUBLE_EQ(polarization_drive(p, 0.4, 0.2, 1.0, 8.0, 0.3, 1.0), full);
  EXPECT_NEAR(polarization_drive(p, 0.4, 0.2, 1.0, 8.0, 0.3, 0.5) - tlr4_free, 0.5 * (full - tlr4_free), 1e-12);
  EXPECT_LT(full, tlr4_free);
  // In a DAMP-rich, weakly licensing voxel a TLR4-less cell ends more MSC2-leaning.
  MscState bm, uc;
  for (int i = 0; i < 960; ++i) {
    relax_state(p, bm, 1.0, 0.5, 0.0, 0.0, 6.0, 0.0, 0.1, 0.0, 0.0, 0.0, 1.0);
    relax_state(p, uc, 1.0, 0.5, 0.0, 0.0, 6.0, 0.0, 0.1, 0.0, 0.0, 0.0, 0.0);
  }
  EXPECT_GT(uc.polarization, bm.polarization + 0.2);
}

namespace {

// A dose of the given source into a small lattice; returns the TLR4 responsiveness of
// every MSC that reached it.
std::vector<double> responsiveness_of_dose(const std::string& source, const std::string& extra = "") {
  const std::string toml =
      "[run]\nduration_h = 0.2\ndt_h = 0.1\nseed = 5\n[tissue]\nsize_voxels = [30, 30]\n[target]\nvolume_ml = 0.01\n" +
      extra +
      "[[dose]]\ntime_h = 0.0\ncells = 1.0e5\nroute = \"local\"\nsite = \"intramuscular\"\n"
      "[dose.product]\nsource = \"" +
      source + "\"\n";
  ModelRun run(toml, source + ".toml");
  run.run_to_end();
  const World& w = run.sim->world();
  const Population& msc = w.population(w.population_id("msc"));
  const double* r4 = msc.real(msc.column_id("tlr4_responsiveness"));
  return std::vector<double>(r4, r4 + msc.size());
}

}  // namespace

TEST(MscSourceTlr4, EachCellCarriesItsSourcesResponsiveness) {
  const std::vector<double> bm = responsiveness_of_dose("bone_marrow");
  const std::vector<double> uc = responsiveness_of_dose("umbilical_cord");
  ASSERT_GT(bm.size(), 0u);
  ASSERT_GT(uc.size(), 0u);
  for (double r : bm) EXPECT_EQ(r, 1.0);
  for (double r : uc) EXPECT_EQ(r, 0.0);  // Raicevic 2011 default
  // The factor is a parameter a user may change.
  const std::vector<double> uc_some =
      responsiveness_of_dose("umbilical_cord", "[msc.source_tlr4_responsiveness]\numbilical_cord = 0.25\n");
  ASSERT_GT(uc_some.size(), 0u);
  for (double r : uc_some) EXPECT_EQ(r, 0.25);
}
