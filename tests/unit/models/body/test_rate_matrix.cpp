// The rate matrix of a cohort (docs/ODD.md section 3.3.7): lung trapping by diameter, homing by
// CXCR4 and CXCL12, engineered receptors, allogeneic clearance, and the shape of K.
#include <gtest/gtest.h>

#include "models/body/rate_matrix.hpp"
#include "sim/compartments/compartment_chain.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

double rate(const Eigen::MatrixXd& k, Compartment from, Compartment to) {
  return k(static_cast<Eigen::Index>(index_of(from)), static_cast<Eigen::Index>(index_of(to)));
}

TEST(BodyRates, LungTrappingRisesWithDiameterWithinThePublishedRange) {
  const BodyParameters p;
  // First-pass trapping 0.8-0.95 over 15-30 um MSCs (Fischer 2009); smaller cells pass more (Ge 2014).
  EXPECT_NEAR(lung_trapping_fraction(p, 15.0), 0.80, 0.01);
  EXPECT_NEAR(lung_trapping_fraction(p, 30.0), 0.95, 0.01);
  EXPECT_LT(lung_trapping_fraction(p, 10.0), lung_trapping_fraction(p, 15.0));
  EXPECT_LT(lung_trapping_fraction(p, 20.0), lung_trapping_fraction(p, 25.0));
  const CohortHoming small{10.0, 1.0, true, false, false}, large{30.0, 1.0, true, false, false};
  const TissueSignals quiet;
  EXPECT_LT(rate(body_rate_matrix(p, small, quiet, 0.01), Compartment::VenousBlood, Compartment::Lung),
            rate(body_rate_matrix(p, large, quiet, 0.01), Compartment::VenousBlood, Compartment::Lung));
}

TEST(BodyRates, ExtravasationFollowsCxcr4AndCxcl12) {
  BodyParameters p;
  const CohortHoming early{20.0, 1.0, true, false, false}, late{20.0, 0.2, true, false, false};
  const TissueSignals quiet{0.0, 0.0}, inflamed{5.0, 0.0};
  EXPECT_DOUBLE_EQ(extravasation_rate_per_h(p, early, quiet), p.extravasation_basal_rate_per_h);
  EXPECT_GT(extravasation_rate_per_h(p, early, inflamed), extravasation_rate_per_h(p, late, inflamed));
  EXPECT_GT(extravasation_rate_per_h(p, late, inflamed), extravasation_rate_per_h(p, late, quiet));
  // rate = basal + max * cxcr4 * H(cxcl12): at cxcl12 = K, half the CXCR4 term.
  const TissueSignals half{p.extravasation_by_cxcl12.half_max, 0.0};
  EXPECT_NEAR(extravasation_rate_per_h(p, early, half),
              p.extravasation_basal_rate_per_h + 0.5 * p.extravasation_cxcr4_rate_per_h, 1e-15);
  // CXCR5 adds homing to a CXCL13-rich target only.
  const CohortHoming cxcr5{20.0, 1.0, true, false, true};
  EXPECT_DOUBLE_EQ(extravasation_rate_per_h(p, cxcr5, quiet), extravasation_rate_per_h(p, early, quiet));
  p.target_cxcl13_level = 1.0;
  EXPECT_NEAR(extravasation_rate_per_h(p, cxcr5, quiet) - extravasation_rate_per_h(p, early, quiet),
              p.cxcr5_extravasation_rate_per_h, 1e-15);
}

TEST(BodyRates, EngineeredReceptorsRedirectToLymphNodes) {
  const BodyParameters p;
  const CohortHoming plain{20.0, 1.0, true, false, false}, ccr7{20.0, 1.0, true, true, false},
      cxcr5{20.0, 1.0, true, false, true};
  EXPECT_NEAR(arterial_uptake(p, ccr7).lymph_node,
              p.lymph_node_uptake_per_pass * (1.0 + p.ccr7_lymph_node_uptake_factor), 1e-15);
  EXPECT_GT(arterial_uptake(p, cxcr5).lymph_node, arterial_uptake(p, plain).lymph_node);
  // A huge factor cannot make a pass arrest more than every cell.
  BodyParameters greedy = p;
  greedy.ccr7_lymph_node_uptake_factor = 1.0e4;
  EXPECT_NEAR(arterial_uptake(greedy, ccr7).total(), 1.0, 1e-12);
  const Eigen::MatrixXd k = body_rate_matrix(greedy, ccr7, {}, 0.01);
  EXPECT_EQ(rate(k, Compartment::ArterialBlood, Compartment::VenousBlood), 0.0);
}

TEST(BodyRates, AllogeneicCellsAreClearedFasterInInflamedTissue) {
  const BodyParameters p;
  const CohortHoming allogeneic{20.0, 1.0, true, false, false}, autologous{20.0, 1.0, false, false, false};
  const TissueSignals quiet{0.0, 0.0}, inflamed{0.0, 10.0};
  EXPECT_DOUBLE_EQ(clearance_multiplier(p, allogeneic, quiet), 1.0);
  EXPECT_DOUBLE_EQ(clearance_multiplier(p, autologous, inflamed), 1.0);
  EXPECT_GT(clearance_multiplier(p, allogeneic, inflamed), 1.0);
  EXPECT_LE(clearance_multiplier(p, allogeneic, inflamed), 1.0 + p.allogeneic_clearance_factor);
  const Eigen::MatrixXd hot = body_rate_matrix(p, allogeneic, inflamed, 0.01);
  const Eigen::MatrixXd cold = body_rate_matrix(p, allogeneic, quiet, 0.01);
  EXPECT_GT(rate(hot, Compartment::Liver, Compartment::Cleared), rate(cold, Compartment::Liver, Compartment::Cleared));
  EXPECT_EQ(rate(hot, Compartment::Lung, Compartment::ArterialBlood),
            rate(cold, Compartment::Lung, Compartment::ArterialBlood));  // only clearance changes
}

TEST(BodyRates, MatrixShape) {
  const BodyParameters p;
  const Eigen::MatrixXd k = body_rate_matrix(p, CohortHoming{}, TissueSignals{}, 0.0144);
  ASSERT_EQ(k.rows(), static_cast<Eigen::Index>(kCompartmentCount));
  const auto cleared = static_cast<Eigen::Index>(index_of(Compartment::Cleared));
  for (Eigen::Index j = 0; j < k.cols(); ++j) EXPECT_EQ(k(cleared, j), 0.0) << "cleared is absorbing";
  for (Eigen::Index i = 0; i < k.rows(); ++i) {
    EXPECT_EQ(k(i, i), 0.0);
    for (Eigen::Index j = 0; j < k.cols(); ++j) EXPECT_GE(k(i, j), 0.0);
  }
  // Every arterial pass ends somewhere: the arterial rates out sum to one circulation (+ deaths).
  double arterial_out = 0.0;
  for (Eigen::Index j = 0; j < k.cols(); ++j) arterial_out += k(index_of(Compartment::ArterialBlood), j);
  EXPECT_NEAR(arterial_out, p.circulation_rate_per_h + p.blood_clearance_rate_per_h, 1e-12);
  EXPECT_DOUBLE_EQ(rate(k, Compartment::TargetTissue, Compartment::Cleared), 0.0144);
  // The chain built from it is valid.
  EXPECT_NO_THROW(CompartmentChain(compartment_names(), k));
}

}  // namespace
