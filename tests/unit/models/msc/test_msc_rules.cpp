// Unit tests of the MSC rules (docs/ODD.md section 3.3.2) and of how the product attributes set
// the state of seeded MSCs.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <deque>

#include "models/msc/msc_rules.hpp"
#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"

namespace mscsim::models {
namespace {

TEST(MscRules, MhcIIIsBellShapedInIfnGamma) {
  const MscParameters p;  // K_low 0.1, K_high 5 ng/mL, Hill 1
  EXPECT_DOUBLE_EQ(mhc2_target(p, 0.0), 0.0);
  // H(0.5; 0.1) (1 − H(0.5; 5)) = (0.5/0.6)(5/5.5)
  EXPECT_NEAR(mhc2_target(p, 0.5), (0.5 / 0.6) * (5.0 / 5.5), 1e-12);
  EXPECT_NEAR(mhc2_target(p, 100.0), (100.0 / 100.1) * (5.0 / 105.0), 1e-12);
  // Peak at sqrt(K_low K_high) for Hill 1.
  const double peak = std::sqrt(0.1 * 5.0);
  EXPECT_GT(mhc2_target(p, peak), mhc2_target(p, 0.5 * peak));
  EXPECT_GT(mhc2_target(p, peak), mhc2_target(p, 2.0 * peak));
  EXPECT_GT(mhc2_target(p, 0.5), 10.0 * mhc2_target(p, 100.0));
}

TEST(MscRules, LicensingNeedsTnfAlphaForFullLevel) {
  const MscParameters p;  // K_lic 5 ng/mL, a0 0.5, K_tnf 5 ng/mL
  ASSERT_EQ(p.licensing_ifng_alone, 0.5);
  EXPECT_DOUBLE_EQ(licensing_target(p, 0.0, 20.0), 0.0);
  EXPECT_NEAR(licensing_target(p, 10.0, 0.0), (10.0 / 15.0) * 0.5, 1e-12);
  EXPECT_NEAR(licensing_target(p, 10.0, 20.0), (10.0 / 15.0) * (0.5 + 0.5 * 0.8), 1e-12);
}

// Ren 2008: IFN-gamma with IL-1 licenses as with TNF-alpha; the two co-signals act through
// independent receptors: 1 − (1 − H(tnfa)) (1 − H(il1b)).
TEST(MscRules, IlOneBetaCoLicensesLikeTnfAlpha) {
  const MscParameters p;  // K_tnf 5, K_il1 1 ng/mL
  EXPECT_DOUBLE_EQ(licensing_costimulation(p, 0.0, 0.0), 0.0);
  EXPECT_NEAR(licensing_costimulation(p, 0.0, 1.0), 0.5, 1e-12);
  EXPECT_NEAR(licensing_costimulation(p, 5.0, 1.0), 1.0 - 0.5 * 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(licensing_target(p, 10.0, 0.0, 0.0), licensing_target(p, 10.0, 0.0));
  EXPECT_GT(licensing_target(p, 10.0, 0.0, 3.0), licensing_target(p, 10.0, 0.0, 0.0));
  EXPECT_NEAR(licensing_target(p, 10.0, 0.0, 1.0), licensing_target(p, 10.0, 5.0, 0.0), 1e-12);
  EXPECT_DOUBLE_EQ(licensing_target(p, 0.0, 0.0, 50.0), 0.0);  // no IFN-gamma, no licensing
}

// Waterman 2010: a tissue TLR3 ligand (dsRNA from dying cells) pushes toward MSC2 as
// poly(I:C) priming does; H(dsrna; K3) adds to the primed TLR3 signal.
TEST(MscRules, TissueTlrThreeLigandPushesTowardMscTwo) {
  const MscParameters p;  // K3 1 ng/mL, w_tlr3 0.5
  const double none = polarization_drive(p, 0.3, 0.0, 0.0, 1.0, 0.0);
  EXPECT_DOUBLE_EQ(polarization_drive(p, 0.3, 0.0, 0.0, 1.0), none);
  EXPECT_NEAR(polarization_drive(p, 0.3, 0.0, 0.0, 1.0, 1.0) - none, p.tlr3_weight * 0.5, 1e-12);
  EXPECT_NEAR(polarization_drive(p, 0.3, 0.5, 0.0, 1.0, 0.0), polarization_drive(p, 0.3, 0.0, 0.0, 1.0, 1.0), 1e-12);
  MscState a, b;
  for (int i = 0; i < 480; ++i) {
    relax_state(p, a, 1.0, 0.5, 0.0, 0.0, 1.0, 0.0, 0.1, 0.0, 0.0, 0.0);
    relax_state(p, b, 1.0, 0.5, 0.0, 0.0, 1.0, 0.0, 0.1, 0.0, 0.0, 5.0);
  }
  EXPECT_GT(b.polarization, a.polarization + 0.1);
}

// Niche support against anoikis (Frisch 1994; Bartosh 2010): none for a lone MSC, half of
// Imax at one MSC neighbour in eight, nearly Imax inside a depot.
TEST(MscRules, NicheSupportGrowsWithMscNeighbours) {
  const MscParameters p;  // Imax 0.98, K 0.125, Hill 2
  EXPECT_DOUBLE_EQ(niche_protection(p, 0.0), 0.0);
  EXPECT_NEAR(niche_protection(p, 0.125), 0.49, 1e-12);
  EXPECT_NEAR(niche_protection(p, 1.0), 0.98 / (1.0 + 0.125 * 0.125), 1e-12);
  EXPECT_GT(niche_protection(p, 0.5), niche_protection(p, 0.25));
}

TEST(MscRules, PrelicensingSetsInitialLicensingByIntegratingTheLicensingEquation) {
  const MscParameters p;  // tau_lic 12 h
  const double target = licensing_target(p, 50.0, 20.0);
  for (double hours : {6.0, 24.0, 48.0}) {
    const MscState s = prelicensed_state(p, 50.0, 20.0, hours);
    EXPECT_NEAR(s.licensing, target * (1.0 - std::exp(-hours / p.licensing_time_constant_h)), 1e-12) << hours;
    // IDO expression lags licensing (Boyt 2020): positive but below it.
    EXPECT_GT(s.ido_level, 0.0);
    EXPECT_LT(s.ido_level, s.licensing);
  }
  const MscState none = prelicensed_state(p, 50.0, 20.0, 0.0);
  EXPECT_EQ(none.licensing, 0.0);
  EXPECT_EQ(none.ido_level, 0.0);
  // Strong pre-licensing makes the product MSC2-leaning (Polchert 2008).
  EXPECT_GT(prelicensed_state(p, 50.0, 20.0, 48.0).polarization, 0.0);
}

TEST(MscRules, ThawStressFallsLinearlyToZeroOverTheRecoveryTime) {
  double stress = 1.0;
  for (int k = 0; k < 120; ++k) stress = stress_after(stress, 24.0, 0.1);  // 12 h
  EXPECT_NEAR(stress, 0.5, 1e-9);
  for (int k = 0; k < 130; ++k) stress = stress_after(stress, 24.0, 0.1);  // 25 h in all
  EXPECT_EQ(stress, 0.0);
  // Stress blocks IFN-gamma-induced IDO (François 2012).
  EXPECT_EQ(ido_target(0.8, 1.0), 0.0);
  EXPECT_NEAR(ido_target(0.8, 0.25), 0.6, 1e-12);
}

TEST(MscRules, PassageLowersCxcr4AndPotencyAndRaisesSenescence) {
  const MscParameters p;  // CXCR4 scale 4, senescence scale 10 passages
  EXPECT_DOUBLE_EQ(cxcr4_for_passage(p, 0.0), 1.0);
  EXPECT_NEAR(cxcr4_for_passage(p, 4.0), std::exp(-1.0), 1e-12);
  EXPECT_NEAR(cxcr4_for_passage(p, 8.0), std::exp(-2.0), 1e-12);
  EXPECT_DOUBLE_EQ(senescence_for_passage(p, 0.0), 0.0);
  EXPECT_GT(senescence_for_passage(p, 10.0), senescence_for_passage(p, 3.0));
  EXPECT_LT(potency_factor_for_passage(p, 10.0), potency_factor_for_passage(p, 3.0));
  EXPECT_DOUBLE_EQ(potency_factor_for_passage(p, 0.0), 1.0);
}

TEST(MscRules, TlrWeightsSetTheSignOfTheDrive) {
  MscParameters p;
  const double unprimed = polarization_drive(p, 0.0, 0.0, 0.0, 0.0);
  EXPECT_GT(polarization_drive(p, 0.0, 1.0, 0.0, 0.0), unprimed);
  EXPECT_LT(polarization_drive(p, 0.0, 0.0, 1.0, 0.0), unprimed);
  EXPECT_LT(polarization_drive(p, 0.0, 0.0, 0.0, 10.0), unprimed);  // tissue danger signals act through TLR4
  p.tlr4_weight = -p.tlr4_weight;                                   // Liotta 2008's reading
  EXPECT_GT(polarization_drive(p, 0.0, 0.0, 1.0, 0.0), unprimed);
}

// Seeds MSCs from a scenario text and returns the initialised simulation.
struct SeededWell {
  explicit SeededWell(const std::string& msc_table, const std::string& extra_tables = "") {
    models = create_models();
    static std::deque<ParameterCatalogue> catalogues;  // a Scenario points at its catalogue
    catalogues.push_back(build_catalogue(models));
    scenario = load_scenario_text(
        "[run]\nduration_h = 100.0\ndt_h = 0.1\nseed = 7\n[tissue]\nsetting = \"in_vitro_well\"\n"
        "size_voxels = [40, 40]\n" +
            extra_tables + "[msc]\n" + msc_table,
        "test", catalogues.back());
    simulation = std::make_unique<Simulation>(scenario, models);
    simulation->initialize();
  }
  const Population& msc() const { return simulation->world().population(simulation->world().population_id("msc")); }
  std::vector<double> column(const std::string& name) const {
    const Population& pop = msc();
    std::vector<double> out;
    for (std::size_t r = 0; r < pop.size(); ++r) out.push_back(pop.value_as_real(pop.column_id(name), r));
    return out;
  }
  ModelList models;
  Scenario scenario;
  std::unique_ptr<Simulation> simulation;
};

TEST(MscProduct, SeedingAppliesPrelicensingPassageAndProductAttributes) {
  SeededWell well(
      "initial_count = 50\nprelicensing_ifng_ng_per_ml = 50.0\nprelicensing_tnfa_ng_per_ml = 20.0\n"
      "prelicensing_h = 24.0\npassage = 8\nallogeneic = false\npriming = \"lps_tlr4\"\n");
  const MscParameters p = read_msc_parameters(well.scenario);
  ASSERT_EQ(well.msc().size(), 50u);
  const double expected = licensing_target(p, 50.0, 20.0) * (1.0 - std::exp(-24.0 / 12.0));
  for (double l : well.column("licensing_level")) EXPECT_NEAR(l, expected, 1e-12);
  for (double c : well.column("cxcr4")) EXPECT_NEAR(c, std::exp(-2.0), 1e-12);
  for (double a : well.column("allogeneic")) EXPECT_EQ(a, 0.0);
  for (double s : well.column("tlr4_signal")) EXPECT_EQ(s, 1.0);
  for (double s : well.column("stress")) EXPECT_EQ(s, 0.0);
}

TEST(MscProduct, FreshlyThawedProductLosesCellsAndStartsStressed) {
  SeededWell thawed("initial_count = 400\nfreshly_thawed = true\nthaw_viability = 0.8\n");
  // Binomial(400, 0.8): mean 320, SD 8; 6 SD either side.
  EXPECT_NEAR(static_cast<double>(thawed.msc().size()), 320.0, 48.0);
  for (double s : thawed.column("stress")) EXPECT_EQ(s, 1.0);
  SeededWell acclimated("initial_count = 400\n");
  EXPECT_EQ(acclimated.msc().size(), 400u);
}

// Chemotaxis (docs/ODD.md section 3.3.2): MSCs climb a CXCL12 gradient in proportion to their
// CXCR4, which late passages lose (Marquez-Curtis 2013). A fixed linear gradient along x
// (no diffusion or decay); mean x displacement of 150 MSCs over 40 h (about 20 hops each).
double mean_drift_up_cxcl12(int passage) {
  SeededWell well("initial_count = 150\napoptosis_half_life_h = 1.0e5\npassage = " + std::to_string(passage) + "\n",
                  "[fields.cxcl12]\ndiffusion_um2_per_s = 0.0\nhalf_life_h = 1.0e5\n");
  World& world = well.simulation->world();
  const LatticeShape& shape = world.shape();
  double* cxcl12 = world.fields().data(world.fields().id_of("cxcl12"));
  for (std::uint32_t v = 0; v < shape.voxel_count(); ++v) cxcl12[v] = 0.05 * shape.x_of(v);
  auto mean_x = [&] {
    const Population& msc = well.msc();
    double sum = 0.0;
    for (std::size_t r = 0; r < msc.size(); ++r) sum += shape.x_of(msc.voxel[r]);
    return sum / static_cast<double>(msc.size());
  };
  const double before = mean_x();
  for (int k = 0; k < 400; ++k) well.simulation->step();
  return mean_x() - before;
}

TEST(MscMigration, MscsClimbCxcl12GradientThroughCxcr4) {
  // Without bias the mean displacement has SE ~0.2 voxel; the expected drift at passage 0
  // is ~3 voxels (measured), at passage 30 (cxcr4 ~ 6e-4) zero.
  const double fresh = mean_drift_up_cxcl12(0);
  const double late = mean_drift_up_cxcl12(30);
  std::printf("mean drift up CXCL12 over 40 h: passage 0 %.2f voxels, passage 30 %.2f voxels\n", fresh, late);
  EXPECT_GT(fresh, 1.5);
  EXPECT_LT(std::abs(late), 1.0);
}

}  // namespace
}  // namespace mscsim::models
