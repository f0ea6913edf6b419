#include "models/body/rate_matrix.hpp"

#include <algorithm>

namespace mscsim::models {

double lung_trapping_fraction(const BodyParameters& p, double diameter_um) {
  return p.lung_trapping_by_diameter(diameter_um);
}

double extravasation_rate_per_h(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue) {
  double rate = p.extravasation_basal_rate_per_h + p.extravasation_cxcr4_rate_per_h * cohort.cxcr4 *
                                                       p.extravasation_by_cxcl12(tissue.mean_cxcl12_ng_per_ml);
  if (cohort.cxcr5) rate += p.cxcr5_extravasation_rate_per_h * p.target_cxcl13_level;
  return rate;
}

double clearance_multiplier(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue) {
  if (!cohort.allogeneic) return 1.0;
  return 1.0 + p.allogeneic_clearance_factor * p.allogeneic_clearance_by_ifng(tissue.mean_ifng_ng_per_ml);
}

ArterialUptake arterial_uptake(const BodyParameters& p, const CohortHoming& cohort) {
  ArterialUptake u;
  u.liver = p.liver_uptake_per_pass;
  u.spleen = p.spleen_uptake_per_pass;
  u.bone_marrow = p.bone_marrow_uptake_per_pass;
  double lymph_node_factor = 1.0;
  if (cohort.ccr7) lymph_node_factor += p.ccr7_lymph_node_uptake_factor;
  if (cohort.cxcr5) lymph_node_factor += p.cxcr5_lymph_node_uptake_factor;
  u.lymph_node = p.lymph_node_uptake_per_pass * lymph_node_factor;
  u.target = p.target_blood_flow_fraction * p.target_arrest_per_pass;
  // An engineered receptor can push the sum past one pass: then every organ keeps its share
  // and no cell returns to the venous blood.
  const double total = u.total();
  if (total > 1.0) {
    u.liver /= total;
    u.spleen /= total;
    u.bone_marrow /= total;
    u.lymph_node /= total;
    u.target /= total;
  }
  return u;
}

Eigen::MatrixXd body_rate_matrix(const BodyParameters& p, const CohortHoming& cohort, const TissueSignals& tissue,
                                 double tissue_death_rate_per_h) {
  using C = Compartment;
  Eigen::MatrixXd k = Eigen::MatrixXd::Zero(kCompartmentCount, kCompartmentCount);
  auto set = [&k](C from, C to, double rate_per_h) {
    k(static_cast<Eigen::Index>(index_of(from)), static_cast<Eigen::Index>(index_of(to))) = rate_per_h;
  };
  const double circulation = p.circulation_rate_per_h;
  const double clearance = clearance_multiplier(p, cohort, tissue);

  // Venous blood reaches the lungs, which trap most MSCs on the first pass (Fischer 2009).
  const double trapped = lung_trapping_fraction(p, cohort.diameter_um);
  set(C::VenousBlood, C::Lung, circulation * trapped);
  set(C::VenousBlood, C::ArterialBlood, circulation * (1.0 - trapped));
  set(C::VenousBlood, C::Cleared, p.blood_clearance_rate_per_h * clearance);

  // Arterial blood reaches the organs; the cells not arrested return to the venous blood.
  const ArterialUptake u = arterial_uptake(p, cohort);
  set(C::ArterialBlood, C::Liver, circulation * u.liver);
  set(C::ArterialBlood, C::Spleen, circulation * u.spleen);
  set(C::ArterialBlood, C::BoneMarrow, circulation * u.bone_marrow);
  set(C::ArterialBlood, C::LymphNode, circulation * u.lymph_node);
  set(C::ArterialBlood, C::Target, circulation * u.target);
  set(C::ArterialBlood, C::VenousBlood, circulation * std::max(0.0, 1.0 - u.total()));
  set(C::ArterialBlood, C::Cleared, p.blood_clearance_rate_per_h * clearance);

  // Lung-trapped cells die or are released downstream, into the arterial blood (Lee 2009);
  // released cells redistribute to liver and spleen (Eggenhofer 2012; Kraitchman 2005).
  set(C::Lung, C::ArterialBlood, p.lung_release_rate_per_h);
  set(C::Lung, C::Cleared, p.lung_clearance_rate_per_h * clearance);
  set(C::Liver, C::Cleared, p.liver_clearance_rate_per_h * clearance);
  set(C::Spleen, C::Cleared, p.spleen_clearance_rate_per_h * clearance);
  set(C::LymphNode, C::Cleared, p.lymph_node_clearance_rate_per_h * clearance);
  set(C::BoneMarrow, C::Cleared, p.bone_marrow_clearance_rate_per_h * clearance);

  // Cells arrested in the target's vessels extravasate into its tissue (CXCR4-CXCL12), are
  // released back to the blood, or die there (Toma 2009).
  set(C::Target, C::TargetTissue, extravasation_rate_per_h(p, cohort, tissue));
  set(C::Target, C::VenousBlood, p.target_vascular_release_rate_per_h);
  set(C::Target, C::Cleared, p.target_vascular_clearance_rate_per_h * clearance);
  set(C::TargetTissue, C::Cleared, tissue_death_rate_per_h * clearance);

  // Intrathecal cells slowly enter the CNS target; little reaches the blood (Karussis 2010).
  set(C::Csf, C::TargetTissue, p.intrathecal_csf_to_target_rate_per_h);
  set(C::Csf, C::VenousBlood, p.csf_to_venous_rate_per_h);
  set(C::Csf, C::Cleared, p.csf_clearance_rate_per_h * clearance);

  // Intraperitoneal cells stay and die in the cavity; a trace reaches spleen and lymph
  // nodes (Bazhanov 2016).
  set(C::Peritoneum, C::LymphNode, p.peritoneum_to_lymph_node_rate_per_h);
  set(C::Peritoneum, C::Spleen, p.peritoneum_to_spleen_rate_per_h);
  set(C::Peritoneum, C::Cleared, p.peritoneum_clearance_rate_per_h * clearance);
  return k;
}

}  // namespace mscsim::models
