#pragma once
// The parameters of the MSC agent (docs/ODD.md section 3.3.2), read once from the scenario into
// a plain struct. The catalogue entries (key with unit, default, range, reference) are in
// msc_parameters.cpp.
#include <cmath>
#include <cstdint>

#include "models/common/hill.hpp"
#include "models/msc/msc_product.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

struct MscParameters {
  std::int64_t initial_count = 0;
  MscProduct seeded_product;  // the product of the cells placed by initial_count ("msc." keys)

  // Licensing: H(ifng; K_lic, n) · (a0 + (1 − a0) · H(tnfa; K_tnf)), relaxed with tau_lic.
  HillCurve licensing_by_ifng{5.0, 1.0};
  HillCurve costimulation_by_tnfa{5.0, 1.0};
  HillCurve costimulation_by_il1b{1.0, 1.0};  // IL-1 as the co-signal (Ren 2008)
  double licensing_ifng_alone = 0.5;  // a0
  double licensing_time_constant_h = 12.0;

  // IDO expression follows licensing more slowly (Boyt 2020: IDO grows with priming time).
  double ido_time_constant_h = 12.0;

  // MHC-II bell in IFN-gamma (Chan 2006): H(ifng; K_low) · (1 − H(ifng; K_high)).
  HillCurve mhc2_induction_by_ifng{0.1, 1.0};
  HillCurve mhc2_repression_by_ifng{5.0, 1.0};
  // TGF-beta lowers IFN-gamma-induced MHC-II (Romieu-Mourez 2007): × (1 − Imax H(tgfb)).
  HillCurve mhc2_repression_by_tgfb{0.08, 1.0};
  double mhc2_tgfb_repression_max = 0.0;
  double mhc2_time_constant_h = 12.0;

  // Polarization: p relaxes toward tanh(g u), u = w_lic (ℓ − θ) + w3 tlr3 − w4 (tlr4 + H(damp)).
  double polarization_time_constant_h = 24.0;
  double polarization_gain = 3.0;    // g
  double licensing_weight = 1.0;     // w_lic
  double licensing_threshold = 0.1;  // theta
  double tlr3_weight = 0.5;          // w_tlr3
  double tlr4_weight = 0.5;          // w_tlr4
  HillCurve tlr4_signal_by_damp{2.0, 1.0};
  HillCurve tlr3_signal_by_dsrna{1.0, 1.0};  // tissue TLR3 ligand (dsRNA from dying cells)
  double polarization_noise_per_sqrt_h = 0.05;
  double phenotype_threshold = 0.33;  // theta_label

  // TLR priming of a product (Waterman 2010): a primed signal that decays in culture.
  double priming_strength = 1.0;
  double priming_signal_decay_time_h = 24.0;

  // Secretion per MSC at full drive.
  double kyn_secretion_ng_per_ml_per_h = 2.0;
  double pge2_secretion_ng_per_ml_per_h = 5.0;
  double tgfb_secretion_ng_per_ml_per_h = 1.0;
  double basal_tgfb_secretion_ng_per_ml_per_h = 0.0;  // constitutive, without licensing (Di Nicola 2002)
  double il6_secretion_ng_per_ml_per_h = 2.0;
  double sasp_il6_secretion_ng_per_ml_per_h = 0.5;
  double ccl2_secretion_ng_per_ml_per_h = 1.0;
  double trophic_repair_per_h = 0.02;
  bool ido_enabled = true;
  bool pge2_enabled = true;
  bool tgfb_enabled = true;
  bool il6_enabled = true;

  // Product attributes.
  double potency_log_sd = 0.25;
  double cxcr4_passage_scale = 4.0;
  double senescence_passage_scale = 10.0;
  double potency_loss_at_full_senescence = 0.5;
  double thaw_viability = 0.8;
  double thaw_recovery_h = 24.0;

  // Fate and migration.
  double apoptosis_rate_per_h = std::log(2.0) / 48.0;
  // Niche support: MSCs held among other MSCs and the matrix they lay down (an injected
  // depot) escape anoikis and stay anchored: apoptosis and movement × (1 − Imax H(f; K, n)),
  // f the fraction of Moore neighbours that are MSCs.
  double niche_protection_max = 0.98;
  HillCurve niche_protection_by_neighbours{0.125, 2.0};
  double move_rate_per_h = 0.5;  // voxel hops per hour = speed / voxel edge
  double chemotaxis_cxcl12_sensitivity = 20.0;
  HillCurve cxcl12_receptor_occupancy{1.0, 1.0};
  double chemotaxis_ccl2_sensitivity = 5.0;
  HillCurve ccl2_receptor_occupancy{1.0, 1.0};
};

void declare_msc_parameters(ParameterCatalogue& catalogue);
MscParameters read_msc_parameters(const Scenario& scenario);

}  // namespace mscsim::models
