#pragma once
// The rates and fractions of the body compartments, routes and homing (docs/ODD.md section 3.3.7),
// read once from the scenario into a plain struct. Catalogue entries (key with unit,
// default, range, reference) are in body_parameters.cpp.
#include <cmath>

#include "models/common/hill.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

struct BodyParameters {
  double weight_kg = 70.0;

  // Circulation: blood passes the heart about once a minute (cardiac output / blood volume).
  double circulation_rate_per_h = 60.0;
  double blood_clearance_rate_per_h = 0.1;

  // First-pass lung trapping T(d) = H(d; d50, n): 0.8 at 15 um, 0.95 at 30 um (Fischer 2009;
  // smaller cells pass more: Ge 2014).
  HillCurve lung_trapping_by_diameter{8.1, 2.25};
  double lung_release_rate_per_h = 0.05;
  double lung_clearance_rate_per_h = 0.01;

  // Fractions of arterial cells arrested per pass in each organ (the rest return to the
  // venous blood); the target's is its share of the blood flow times its arrest probability.
  double liver_uptake_per_pass = 0.4;
  double spleen_uptake_per_pass = 0.15;
  double bone_marrow_uptake_per_pass = 0.02;
  double lymph_node_uptake_per_pass = 0.002;
  double liver_clearance_rate_per_h = 0.015;
  double spleen_clearance_rate_per_h = 0.005;
  double lymph_node_clearance_rate_per_h = 0.02;
  double bone_marrow_clearance_rate_per_h = 0.005;

  double csf_to_venous_rate_per_h = 0.002;
  double csf_clearance_rate_per_h = 0.01;
  double peritoneum_to_lymph_node_rate_per_h = 3.0e-6;
  double peritoneum_to_spleen_rate_per_h = 3.0e-6;
  double peritoneum_clearance_rate_per_h = std::log(2.0) / 48.0;

  // Allogeneic cells are cleared faster where the host is inflamed: every clearance rate
  // times 1 + factor · H(mean lattice IFN-gamma).
  double allogeneic_clearance_factor = 1.0;
  HillCurve allogeneic_clearance_by_ifng{0.5, 1.0};

  // The target organ.
  double target_volume_ml = 100.0;
  double target_blood_flow_fraction = 0.05;
  double target_arrest_per_pass = 0.2;
  double target_vascular_release_rate_per_h = 0.01;
  double target_vascular_clearance_rate_per_h = 0.015;
  double target_cxcl13_level = 0.0;
  double target_precapillary_arterioles = 1.0e7;

  // Homing from the target's vessels into its tissue: basal + cxcr4 · H(mean cxcl12) term,
  // + a CXCR5 term proportional to the target's CXCL13 level.
  double extravasation_basal_rate_per_h = 0.005;
  double extravasation_cxcr4_rate_per_h = 0.05;
  HillCurve extravasation_by_cxcl12{1.0, 1.0};
  double cxcr5_extravasation_rate_per_h = 0.05;
  double ccr7_lymph_node_uptake_factor = 20.0;
  double cxcr5_lymph_node_uptake_factor = 5.0;

  // Routes.
  double ia_first_pass_arrest_fraction = 0.92;
  HillCurve ia_occlusion_by_diameter{35.0, 4.0};
  double local_systemic_fraction = 0.02;
  double intrathecal_csf_to_target_rate_per_h = 0.02;

  // Numerics: exp(K dt) is recomputed when a rate moved by more than this fraction of itself.
  double rate_update_tolerance = 1.0e-3;
};

void declare_body_parameters(ParameterCatalogue& catalogue);
BodyParameters read_body_parameters(const Scenario& scenario);

}  // namespace mscsim::models
