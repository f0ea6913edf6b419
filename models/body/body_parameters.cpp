#include "models/body/body_parameters.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {

ParameterSpec rate(std::string key, double value, std::string reference, std::string description) {
  return real_parameter(std::move(key), value, 0.0, 1.0e4, "1/h", std::move(reference), std::move(description));
}

ParameterSpec fraction(std::string key, double value, std::string reference, std::string description) {
  return real_parameter(std::move(key), value, 0.0, 1.0, "1", std::move(reference), std::move(description));
}

void declare_circulation(ParameterCatalogue& c) {
  c.declare(exclusive_min(real_parameter("body.weight_kg", 70.0, 0.0, 1000.0, "kg", "assumption (adult patient)",
                                         "Body weight; a dose in cells_per_kg is multiplied by it.")));
  c.declare(exclusive_min(rate("body.circulation_rate_per_h", 60.0,
                               "assumption (cardiac output about 5 L/min over a blood volume of about 5 L)",
                               "Rate at which a cell in venous or arterial blood reaches the next capillary bed "
                               "(one circulation a minute).")));
  c.declare(rate("body.blood_clearance_rate_per_h", 0.1, "assumption",
                 "Death of MSCs while in venous or arterial blood (they spend minutes there)."));
  c.declare(exclusive_min(real_parameter(
      "body.lung_trapping_half_max_diameter_um", 8.1, 0.0, 100.0, "um",
      "calibrated: first-pass lung trapping 0.8 at 15 um and 0.95 at 30 um (assumption on the curve; Fischer 2009; "
      "smaller cells pass more: Ge 2014)",
      "Cell diameter at which half of the cells are trapped on their first pass through the lungs.")));
  c.declare(exclusive_min(real_parameter("body.lung_trapping_hill", 2.25, 0.0, 20.0, "1",
                                         "calibrated: lung trapping 0.8 at 15 um, 0.95 at 30 um (see lung_trapping_half_max)",
                                         "Hill exponent of first-pass lung trapping in the cell diameter.")));
  c.declare(rate("body.lung_release_rate_per_h", 0.05,
                 "Lee 2009 (lungs cleared with a half-life of about a day); Eggenhofer 2012 (liver by 24 h)",
                 "Release of lung-trapped MSCs into the arterial blood (pulmonary veins)."));
  c.declare(rate("body.lung_clearance_rate_per_h", 0.01, "Lee 2009; Eggenhofer 2012 (trapped cells die in the lung)",
                 "Death of lung-trapped MSCs."));
}

void declare_organs(ParameterCatalogue& c) {
  c.declare(fraction("body.liver_uptake_per_pass", 0.4,
                     "Eggenhofer 2012; Kraitchman 2005 (liver and spleen take up the cells leaving the lungs); "
                     "value assumption",
                     "Fraction of arterial MSCs arrested in the liver on one pass (the rest of a pass returns to "
                     "the venous blood)."));
  c.declare(fraction("body.spleen_uptake_per_pass", 0.15,
                     "Kraitchman 2005; Gholamrezanezhad 2011 (spleen 30-42 % of the label at day 10); value "
                     "assumption",
                     "Fraction of arterial MSCs arrested in the spleen on one pass."));
  c.declare(fraction("body.bone_marrow_uptake_per_pass", 0.02, "Devine 2003 (low-level marrow engraftment); assumption",
                     "Fraction of arterial MSCs arrested in the bone marrow on one pass."));
  c.declare(fraction("body.lymph_node_uptake_per_pass", 0.002, "assumption (few unmodified MSCs reach lymph nodes)",
                     "Fraction of arterial MSCs arrested in lymph nodes on one pass (raised by CCR7 and CXCR5)."));
  c.declare(rate("body.liver_clearance_rate_per_h", 0.015,
                 "Eggenhofer 2012 (MSCs in the liver at 24 h are dead or fragments); assumption",
                 "Death of MSCs in the liver."));
  c.declare(rate("body.spleen_clearance_rate_per_h", 0.005,
                 "Gholamrezanezhad 2011 (spleen keeps the largest share at day 10); assumption",
                 "Death of MSCs in the spleen."));
  c.declare(rate("body.lymph_node_clearance_rate_per_h", 0.02, "assumption", "Death of MSCs in lymph nodes."));
  c.declare(rate("body.bone_marrow_clearance_rate_per_h", 0.005, "Devine 2003; assumption",
                 "Death of MSCs in the bone marrow."));
  c.declare(rate("body.csf_to_venous_rate_per_h", 0.002,
                 "Karussis 2010 (little systemic exposure after intrathecal injection); assumption",
                 "Drainage of MSCs from the CSF into the venous blood."));
  c.declare(rate("body.csf_clearance_rate_per_h", 0.01, "assumption", "Death of MSCs in the CSF."));
  c.declare(rate("body.peritoneum_to_lymph_node_rate_per_h", 3.0e-6,
                 "Bazhanov 2016 (< 0.05 % of intraperitoneal MSCs reach spleen and lymph nodes)",
                 "Passage of intraperitoneal MSCs to the draining lymph nodes."));
  c.declare(rate("body.peritoneum_to_spleen_rate_per_h", 3.0e-6, "Bazhanov 2016 (see peritoneum_to_lymph_node)",
                 "Passage of intraperitoneal MSCs to the spleen."));
  c.declare(rate("body.peritoneum_clearance_rate_per_h", 0.0144,
                 "Bazhanov 2016 (aggregates on omentum and mesentery survive for days); assumption 48 h half-life",
                 "Death of MSCs in the peritoneal cavity."));
  c.declare(real_parameter("body.allogeneic_clearance_factor", 1.0, 0.0, 100.0, "1",
                           "Ankrum 2014 (IFN-gamma induces MHC-II on allogeneic MSCs); assumption",
                           "Allogeneic cohorts: every clearance rate is multiplied by 1 + factor * H(mean lattice "
                           "IFN-gamma)."));
  c.declare(exclusive_min(real_parameter("body.allogeneic_clearance_ifng_half_max_ng_per_ml", 0.5, 0.0, 1.0e4, "ng/mL",
                                         "assumption",
                                         "Mean lattice IFN-gamma giving half the extra clearance of allogeneic "
                                         "cohorts.")));
}

void declare_target(ParameterCatalogue& c) {
  c.declare(exclusive_min(real_parameter("target.volume_ml", 100.0, 0.0, 1.0e5, "mL",
                                         "assumption (set per target organ)",
                                         "Volume of the target organ; the lattice stands for V_lattice / V_target "
                                         "of it.")));
  c.declare(fraction("target.blood_flow_fraction", 0.05, "assumption",
                     "Share of the cardiac output that passes through the target organ."));
  c.declare(fraction("target.arrest_per_pass", 0.2, "assumption (cells that passed the lungs arrest less)",
                     "Probability that an arterial MSC passing through the target arrests in its microvessels."));
  c.declare(rate("target.vascular_release_rate_per_h", 0.01,
                 "Toma 2009 (92 % arrested, 14 % left at 3 days); assumption on the split",
                 "Release of MSCs arrested in the target's vessels back into the venous blood."));
  c.declare(rate("target.vascular_clearance_rate_per_h", 0.015, "Toma 2009; assumption on the split",
                 "Death of MSCs arrested in the target's vessels."));
  c.declare(fraction("target.cxcl13_level", 0.0, "Zhang 2017 (CXCR5 directs MSCs to CXCL13); assumption",
                     "CXCL13 richness of the target, 0-1 (lymphoid follicles, ectopic germinal centres)."));
  c.declare(exclusive_min(real_parameter("target.precapillary_arterioles", 1.0e7, 0.0, 1.0e12, "1",
                                         "assumption (Ge 2014 micro-occlusion model)",
                                         "Number of pre-capillary arterioles of the target organ (denominator of "
                                         "the intra-arterial micro-occlusion risk).")));
}

void declare_homing(ParameterCatalogue& c) {
  c.declare(rate("homing.extravasation_basal_rate_per_h", 0.005, "assumption",
                 "Extravasation of MSCs from the target's vessels into its tissue without CXCL12."));
  c.declare(rate("homing.extravasation_cxcr4_rate_per_h", 0.05,
                 "assumption (rate proportional to cxcr4 and CXCL12); Marquez-Curtis 2013",
                 "Extra extravasation at full CXCR4 (cxcr4 = 1) and saturating mean lattice CXCL12."));
  c.declare(exclusive_min(real_parameter("homing.cxcl12_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                         "Mean lattice CXCL12 giving half the CXCR4 extravasation.")));
  c.declare(exclusive_min(real_parameter("homing.cxcl12_hill", 1.0, 0.0, 10.0, "1", "assumption",
                                         "Hill exponent of extravasation in the mean lattice CXCL12.")));
  c.declare(rate("homing.cxcr5_extravasation_rate_per_h", 0.05,
                 "Zhang 2017 (CXCR5-engineered MSCs home to CXCL13); assumption",
                 "Extra extravasation of CXCR5-engineered MSCs at target.cxcl13_level = 1."));
  c.declare(real_parameter("homing.ccr7_lymph_node_uptake_factor", 20.0, 0.0, 1.0e4, "1",
                           "Li 2014 (CCR7-engineered MSCs home to secondary lymphoid organs); assumption",
                           "CCR7-engineered cohorts: lymph-node uptake per pass times 1 + this factor."));
  c.declare(real_parameter("homing.cxcr5_lymph_node_uptake_factor", 5.0, 0.0, 1.0e4, "1",
                           "Zhang 2017 (CXCR5 -> CXCL13 in lymphoid follicles); assumption",
                           "CXCR5-engineered cohorts: lymph-node uptake per pass times 1 + this factor."));
}

void declare_routes(ParameterCatalogue& c) {
  c.declare(fraction("route.ia.first_pass_arrest_fraction", 0.92,
                     "Toma 2009 (92 % of intracoronary MSCs arrested at the pre-capillary level)",
                     "Intra-arterial routes: fraction of the cells arrested in the target's vessels at injection "
                     "(the rest go on to the venous blood)."));
  c.declare(exclusive_min(real_parameter("route.ia.occlusion_half_max_diameter_um", 35.0, 0.0, 1000.0, "um",
                                         "Ge 2014 (larger MSCs obstruct vessels); assumption",
                                         "Cell diameter at which half of the arrested cells occlude a pre-capillary "
                                         "arteriole.")));
  c.declare(exclusive_min(real_parameter("route.ia.occlusion_hill", 4.0, 0.0, 20.0, "1", "Ge 2014; assumption",
                                         "Hill exponent of arteriole occlusion in the cell diameter.")));
  c.declare(fraction("route.local.systemic_fraction", 0.02,
                     "Sanchez-Diaz 2021 (little systemic spread after local injection); assumption",
                     "Local routes: fraction of the injected cells that reach the venous blood at injection."));
  c.declare(rate("route.intrathecal.csf_to_target_rate_per_h", 0.02,
                 "Karussis 2010 (intrathecal MSCs reach the meninges and CNS parenchyma); assumption",
                 "Entry of MSCs from the CSF into the CNS target tissue."));
}

}  // namespace

void declare_body_parameters(ParameterCatalogue& c) {
  declare_circulation(c);
  declare_organs(c);
  declare_target(c);
  declare_homing(c);
  declare_routes(c);
  c.declare(real_parameter("body.rate_update_tolerance", 1.0e-3, 0.0, 1.0, "1",
                           "assumption (numerical choice, not biology: 0 recomputes at every change)",
                           "The transition matrix exp(K dt) of a cohort is recomputed when one of its rates, which "
                           "follow the tissue's mean CXCL12 and IFN-gamma, moved by more than this fraction of "
                           "itself since the last computation."));
  // Every arterial pass must end somewhere: the uptakes may not exceed the whole pass.
  c.add_check([](const Scenario& s) {
    const double arrested = s.real("body.liver_uptake_per_pass") + s.real("body.spleen_uptake_per_pass") +
                            s.real("body.bone_marrow_uptake_per_pass") + s.real("body.lymph_node_uptake_per_pass") +
                            s.real("target.blood_flow_fraction") * s.real("target.arrest_per_pass");
    if (arrested > 1.0)
      throw ScenarioError({}, "body.liver_uptake_per_pass",
                          "the organ uptakes per pass (liver, spleen, bone marrow, "
                          "lymph node, target blood flow x arrest) add up to " +
                              std::to_string(arrested) + "; they may not exceed 1");
  });
}

BodyParameters read_body_parameters(const Scenario& s) {
  BodyParameters p;
  p.weight_kg = s.real("body.weight_kg");
  p.circulation_rate_per_h = s.real("body.circulation_rate_per_h");
  p.blood_clearance_rate_per_h = s.real("body.blood_clearance_rate_per_h");
  p.lung_trapping_by_diameter = {s.real("body.lung_trapping_half_max_diameter_um"), s.real("body.lung_trapping_hill")};
  p.lung_release_rate_per_h = s.real("body.lung_release_rate_per_h");
  p.lung_clearance_rate_per_h = s.real("body.lung_clearance_rate_per_h");
  p.liver_uptake_per_pass = s.real("body.liver_uptake_per_pass");
  p.spleen_uptake_per_pass = s.real("body.spleen_uptake_per_pass");
  p.bone_marrow_uptake_per_pass = s.real("body.bone_marrow_uptake_per_pass");
  p.lymph_node_uptake_per_pass = s.real("body.lymph_node_uptake_per_pass");
  p.liver_clearance_rate_per_h = s.real("body.liver_clearance_rate_per_h");
  p.spleen_clearance_rate_per_h = s.real("body.spleen_clearance_rate_per_h");
  p.lymph_node_clearance_rate_per_h = s.real("body.lymph_node_clearance_rate_per_h");
  p.bone_marrow_clearance_rate_per_h = s.real("body.bone_marrow_clearance_rate_per_h");
  p.csf_to_venous_rate_per_h = s.real("body.csf_to_venous_rate_per_h");
  p.csf_clearance_rate_per_h = s.real("body.csf_clearance_rate_per_h");
  p.peritoneum_to_lymph_node_rate_per_h = s.real("body.peritoneum_to_lymph_node_rate_per_h");
  p.peritoneum_to_spleen_rate_per_h = s.real("body.peritoneum_to_spleen_rate_per_h");
  p.peritoneum_clearance_rate_per_h = s.real("body.peritoneum_clearance_rate_per_h");
  p.allogeneic_clearance_factor = s.real("body.allogeneic_clearance_factor");
  p.allogeneic_clearance_by_ifng = {s.real("body.allogeneic_clearance_ifng_half_max_ng_per_ml"), 1.0};
  p.target_volume_ml = s.real("target.volume_ml");
  p.target_blood_flow_fraction = s.real("target.blood_flow_fraction");
  p.target_arrest_per_pass = s.real("target.arrest_per_pass");
  p.target_vascular_release_rate_per_h = s.real("target.vascular_release_rate_per_h");
  p.target_vascular_clearance_rate_per_h = s.real("target.vascular_clearance_rate_per_h");
  p.target_cxcl13_level = s.real("target.cxcl13_level");
  p.target_precapillary_arterioles = s.real("target.precapillary_arterioles");
  p.extravasation_basal_rate_per_h = s.real("homing.extravasation_basal_rate_per_h");
  p.extravasation_cxcr4_rate_per_h = s.real("homing.extravasation_cxcr4_rate_per_h");
  p.extravasation_by_cxcl12 = {s.real("homing.cxcl12_half_max_ng_per_ml"), s.real("homing.cxcl12_hill")};
  p.cxcr5_extravasation_rate_per_h = s.real("homing.cxcr5_extravasation_rate_per_h");
  p.ccr7_lymph_node_uptake_factor = s.real("homing.ccr7_lymph_node_uptake_factor");
  p.cxcr5_lymph_node_uptake_factor = s.real("homing.cxcr5_lymph_node_uptake_factor");
  p.ia_first_pass_arrest_fraction = s.real("route.ia.first_pass_arrest_fraction");
  p.ia_occlusion_by_diameter = {s.real("route.ia.occlusion_half_max_diameter_um"), s.real("route.ia.occlusion_hill")};
  p.local_systemic_fraction = s.real("route.local.systemic_fraction");
  p.intrathecal_csf_to_target_rate_per_h = s.real("route.intrathecal.csf_to_target_rate_per_h");
  p.rate_update_tolerance = s.real("body.rate_update_tolerance");
  return p;
}

}  // namespace mscsim::models
