#pragma once
// The rate matrix K (per hour) of one cohort's continuous-time Markov chain over the body
// compartments (docs/ODD.md section 3.3.7). K depends on the cohort's product (diameter, CXCR4,
// engineered receptors, allogeneic or not) and on the state of the target tissue (mean
// CXCL12 and IFN-gamma on the lattice), so it is rebuilt when those change. The expected
// counts are n(t)ᵀ = n(0)ᵀ exp(K t) (sim/compartments/compartment_chain.hpp).
#include <Eigen/Dense>

#include "models/body/body_compartments.hpp"
#include "models/body/body_parameters.hpp"

namespace mscsim::models {

// What of a cohort's product the chain sees.
struct CohortHoming {
  double diameter_um = 20.0;
  double cxcr4 = 1.0;  // 0-1, falls with passage (Marquez-Curtis 2013)
  bool allogeneic = true;
  bool ccr7 = false;
  bool cxcr5 = false;
};

// What of the target tissue the chain sees: means over every lattice voxel.
struct TissueSignals {
  double mean_cxcl12_ng_per_ml = 0.0;
  double mean_ifng_ng_per_ml = 0.0;
};

// First-pass lung trapping T(d) = H(d; d50, n): most 15-30 um MSCs are trapped in the
// pulmonary capillaries, smaller cells pass more (Fischer 2009; Ge 2014).
double lung_trapping_fraction(const BodyParameters& p, double diameter_um);

// Extravasation from the target's vessels into its tissue: basal + cxcr4 · H(mean cxcl12)
// term (docs/ODD.md section 3.3.7), + a CXCR5 term proportional to the target's CXCL13 level.
double extravasation_rate_per_h(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue);

// Multiplier of every clearance rate: 1 + factor · H(mean IFN-gamma) for allogeneic cells
// (IFN-gamma induces MHC-II and host recognition, seed 2), 1 for autologous ones.
double clearance_multiplier(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue);

// Per-pass arrest fractions of arterial blood in liver, spleen, bone marrow, lymph node and
// target (CCR7 and CXCR5 raise the lymph node's); scaled down together if they exceed 1.
struct ArterialUptake {
  double liver = 0.0, spleen = 0.0, bone_marrow = 0.0, lymph_node = 0.0, target = 0.0;
  double total() const { return liver + spleen + bone_marrow + lymph_node + target; }
};
ArterialUptake arterial_uptake(const BodyParameters& p, const CohortHoming& cohort);

// The off-diagonal rates K(i, j) (diagonal zero; CompartmentChain fills it in), with
// `tissue_death_rate_per_h` the death rate of MSCs in the target tissue off the lattice
// (the MSC model's apoptosis rate). Entry into the target tissue (from the target's vessels
// and from the CSF) goes to TargetTissue; the model moves a binomial share of it onto the
// lattice.
Eigen::MatrixXd body_rate_matrix(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue,
                                 double tissue_death_rate_per_h);

}  // namespace mscsim::models
