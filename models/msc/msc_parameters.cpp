#include "models/msc/msc_parameters.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {

ParameterSpec positive(ParameterSpec s) {
  return exclusive_min(std::move(s));
}

void declare_licensing(ParameterCatalogue& c) {
  c.declare(positive(real_parameter(
      "msc.licensing_half_max_ifng_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
      "assumption (licensing experiments use 10-100 ng/mL; Boyt 2020: IDO still rises "
      "between 10 and 100 ng/mL)",
      "IFN-gamma giving half-maximal licensing (K_lic).")));
  c.declare(real_parameter("msc.licensing_hill", 1.0, 0.1, 10.0, "1", "assumption",
                           "Hill exponent of licensing by IFN-gamma (n)."));
  c.declare(real_parameter("msc.licensing_ifng_alone", 0.5, 0.0, 1.0, "1",
                           "Ren 2008 (mouse MSCs: IFN-gamma plus TNF-alpha or IL-1 needed for full suppression); "
                           "Krampera 2006 (human MSCs: IFN-gamma alone induces IDO and suppression); calibrated: "
                           "Ren 2008 fact 2 (a factor >= 1.5 for TNF-alpha) and Polchert 2008 (IFN-gamma-alone "
                           "pre-licensing for 48 h tips the product to MSC2; 0.3 did not)",
                           "Licensing reached with IFN-gamma but no TNF-alpha (a0)."));
  c.declare(positive(real_parameter("msc.licensing_half_max_tnfa_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                    "Ren 2008 (used 10-30 ng/mL, saturating); calibrated: rescaled to physiological TNF-alpha (0.1-5 ng/mL, Saxne 1988; Aggarwal 2005) once receptor uptake bounds it; the old 5 ng/mL sat below the unbounded 40-300 ng/mL, always saturated",
                                    "TNF-alpha giving half of the co-signal (K_tnf).")));
  c.declare(positive(real_parameter("msc.licensing_half_max_il1b_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                    "Ren 2008 (IFN-gamma with IL-1alpha or IL-1beta licenses as with TNF-alpha; "
                                    "used at 10-20 ng/mL); assumption on the value",
                                    "IL-1beta giving half of the co-signal (K_il1); the co-signal is "
                                    "1 - (1 - H(tnfa)) (1 - H(il1b)).")));
  c.declare(positive(real_parameter("msc.licensing_time_constant_h", 12.0, 0.0, 1.0e3, "h",
                                    "assumption; Boyt 2020 (IDO appears over 24-48 h of priming)",
                                    "Time constant of licensing relaxing to its target (tau_lic).")));
  c.declare(positive(real_parameter("msc.ido_time_constant_h", 12.0, 0.0, 1.0e3, "h",
                                    "assumption; Boyt 2020 (IDO rises with IFN-gamma dose and priming time "
                                    "from 24 to 48 h)",
                                    "Time constant of IDO expression relaxing toward licensing.")));
}

void declare_mhc2(ParameterCatalogue& c) {
  c.declare(positive(real_parameter("msc.mhc2_half_max_low_ifng_ng_per_ml", 0.1, 0.0, 1.0e4, "ng/mL",
                                    "assumption; Chan 2006 (MHC-II in a narrow window of low IFN-gamma)",
                                    "IFN-gamma giving half-maximal MHC-II induction (K_low).")));
  c.declare(positive(real_parameter("msc.mhc2_half_max_high_ifng_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
                                    "assumption; Chan 2006 (MHC-II falls as IFN-gamma rises)",
                                    "IFN-gamma giving half-maximal MHC-II repression (K_high, >> K_low).")));
  c.declare(real_parameter("msc.mhc2_hill", 1.0, 0.1, 10.0, "1", "assumption",
                           "Hill exponent of both arms of the MHC-II bell."));
  c.declare(real_parameter("msc.mhc2_tgfb_repression_max", 0.9, 0.0, 1.0, "1",
                           "Romieu-Mourez 2007 (TGF-beta reduces IFN-gamma-induced MHC-II on human MSCs, which "
                           "express it most in low-density cultures); calibrated: "
                           "Le Blanc 2003 (few MSCs stimulate the MLR, many suppress it)",
                           "Largest fraction of the MHC-II target that TGF-beta in the MSC's voxel removes."));
  c.declare(positive(real_parameter("msc.mhc2_tgfb_half_max_ng_per_ml", 0.08, 0.0, 1.0e4, "ng/mL",
                                    "calibrated: Le Blanc 2003 and the MLR ratio series (Di Nicola 2002)",
                                    "TGF-beta giving half of the largest MHC-II repression.")));
  c.declare(positive(real_parameter("msc.mhc2_time_constant_h", 12.0, 0.0, 1.0e3, "h", "assumption",
                                    "Time constant of MHC-II relaxing toward the bell-shaped target.")));
}

void declare_polarization(ParameterCatalogue& c) {
  c.declare(positive(real_parameter("msc.polarization_time_constant_h", 24.0, 0.0, 1.0e3, "h",
                                    "assumption (default 24 h)",
                                    "Time constant of polarization relaxing to tanh(g u) (tau_pol).")));
  c.declare(real_parameter("msc.polarization_gain", 3.0, 0.0, 100.0, "1", "assumption",
                           "Gain g of the polarization drive in tanh(g u)."));
  c.declare(real_parameter("msc.polarization_licensing_weight", 1.0, -100.0, 100.0, "1",
                           "assumption; Waterman 2010, Bernardo & Fibbe 2013",
                           "Weight w_lic of licensing in the drive u (strong IFN-gamma + TNF-alpha -> MSC2)."));
  c.declare(real_parameter("msc.polarization_licensing_threshold", 0.1, 0.0, 1.0, "1",
                           "assumption (chosen so that resting, unprimed MSCs stay mostly MSC0)",
                           "Licensing level theta above which the drive favours MSC2."));
  c.declare(real_parameter("msc.polarization_tlr3_weight", 0.5, -100.0, 100.0, "1",
                           "assumption; Waterman 2010 (TLR3 -> MSC2); Liotta 2008 disagrees: flip the sign to test",
                           "Weight w_tlr3 of the TLR3 signal in the drive u."));
  c.declare(real_parameter("msc.polarization_tlr4_weight", 0.5, -100.0, 100.0, "1",
                           "assumption; Waterman 2010 (TLR4 -> MSC1); Liotta 2008 disagrees: flip the sign to test",
                           "Weight w_tlr4 of the TLR4 signal (priming plus tissue danger signals), subtracted "
                           "from the drive u."));
  c.declare(positive(real_parameter("msc.damp_half_max_ng_per_ml", 6.0, 0.0, 1.0e4, "ng/mL",
                                    "calibrated: MSCs in a strongly inflamed, damaged lesion (IFN-gamma with "
                                    "TNF-alpha/IL-1, dying cells) turn MSC2, low inflammation with danger signals "
                                    "MSC1 (Waterman 2010; Bernardo & Fibbe 2013), checked on the aGVHD lesion "
                                    "(a fully damaged tissue holds about 3 ng/mL; 2 ng/mL made every treated "
                                    "lesion MSC1)",
                                    "Danger signal giving half of the ongoing TLR4 signal H(damp; K).")));
  c.declare(positive(real_parameter("msc.dsrna_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                    "Waterman 2010 (TLR3 ligand -> MSC2); Kariko 2004 (RNA from necrotic cells "
                                    "is a TLR3 ligand); assumption on the value",
                                    "Tissue TLR3 ligand (dsRNA from dying cells) giving half of the ongoing TLR3 "
                                    "signal H(dsrna; K3).")));
  c.declare(real_parameter("msc.polarization_noise_per_sqrt_h", 0.05, 0.0, 10.0, "1/sqrt(h)", "assumption",
                           "Noise sigma_pol of polarization (Euler-Maruyama)."));
  c.declare(real_parameter("msc.phenotype_threshold", 0.33, 0.0, 1.0, "1", "assumption",
                           "theta_label: MSC1 if p < -theta, MSC2 if p > theta, else MSC0."));
  c.declare(real_parameter("msc.priming_strength", 1.0, 0.0, 100.0, "1", "assumption",
                           "TLR signal of a primed MSC at t = 0 (the ligand is washed off before use)."));
  c.declare(positive(real_parameter("msc.priming_signal_decay_time_h", 24.0, 0.0, 1.0e4, "h",
                                    "assumption; Waterman 2010 (phenotype read out about 48 h after a 1 h prime)",
                                    "Time constant of the decay of the primed TLR signal.")));
}

void declare_secretion(ParameterCatalogue& c) {
  const char* calibrated = "calibrated: the in vitro facts of the validation suite (docs/ODD.md section 4)";
  c.declare(real_parameter("msc.kyn_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", calibrated,
                           "IDO activity of a fully licensed MSC2 (scaled by max(p,0) IDO level potency "
                           "(1 - stress))."));
  c.declare(real_parameter("msc.pge2_secretion_ng_per_ml_per_h", 5.0, 0.0, 1.0e4, "ng/mL/h", calibrated,
                           "PGE2 of a fully licensed MSC2 (scaled by max(p,0) licensing potency (1 - stress))."));
  c.declare(real_parameter("msc.tgfb_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", calibrated,
                           "Active TGF-beta of a fully licensed MSC2."));
  c.declare(real_parameter("msc.basal_tgfb_secretion_ng_per_ml_per_h", 0.5, 0.0, 1.0e4, "ng/mL/h",
                           "Di Nicola 2002 (MSCs suppress through constitutively released TGF-beta1 and HGF); "
                           "calibrated: Le Blanc 2003 and the MLR ratio series (Di Nicola 2002)",
                           "Active TGF-beta an MSC releases whatever its licensing and polarization (scaled by "
                           "potency (1 - stress)); it adds to the licensed MSC2 output."));
  c.declare(real_parameter("msc.il6_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", calibrated,
                           "IL-6 of a fully polarized MSC1 (scaled by max(-p,0) potency)."));
  c.declare(real_parameter("msc.sasp_il6_secretion_ng_per_ml_per_h", 0.5, 0.0, 1.0e4, "ng/mL/h",
                           "assumption (senescence-associated secretory phenotype)",
                           "IL-6 of a fully senescent MSC whatever its polarization."));
  c.declare(real_parameter("msc.trophic_repair_per_h", 0.02, 0.0, 100.0, "1/h",
                           "assumption (repair by MSC trophic factors: HGF, TSG-6)",
                           "Rate at which an MSC (scaled by potency and 1 - stress) restores the health of the "
                           "parenchyma in its voxel."));
  c.declare(real_parameter("msc.ccl2_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", calibrated,
                           "Inflammatory chemokines of a fully polarized MSC1."));
  c.declare(flag_parameter("msc.ido_enabled", true,
                           "Meisel 2004 (tryptophan restores T proliferation); "
                           "Spaggiari 2008",
                           "Mechanism switch: MSC IDO activity (kyn secretion)."));
  c.declare(flag_parameter("msc.pge2_enabled", true, "Spaggiari 2008; Nemeth 2009",
                           "Mechanism switch: MSC PGE2 (COX-2) secretion."));
  c.declare(
      flag_parameter("msc.tgfb_enabled", true, "Di Nicola 2002", "Mechanism switch: MSC active TGF-beta secretion."));
  c.declare(flag_parameter("msc.il6_enabled", true, "Melief 2013; Waterman 2010",
                           "Mechanism switch: MSC IL-6 secretion (MSC1 and senescence)."));
  c.declare(flag_parameter("msc.tsg6_enabled", true, "Choi 2011 (TSG-6 quiets macrophage NF-kB)",
                           "Mechanism switch: TSG-6 push of neighbouring macrophages toward M2 (read by the "
                           "macrophage model)."));
  c.declare(flag_parameter("msc.pdl1_enabled", true,
                           "Bernardo & Fibbe 2013, Waterman 2010 (PD-L1 in the MSC2 program); Augello 2005",
                           "Mechanism switch: PD-L1 contact suppression of T cells (read by the T-cell models)."));
}

void declare_product_and_fate(ParameterCatalogue& c) {
  c.declare(integer_parameter("msc.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "MSCs placed at random free voxels before the first step (before thaw losses)."));
  c.declare(real_parameter("msc.potency_log_sd", 0.25, 0.0, 3.0, "1", "assumption (donor heterogeneity)",
                           "Standard deviation of log potency; potency is lognormal with mean 1 at passage 0."));
  c.declare(positive(real_parameter("msc.cxcr4_passage_scale", 4.0, 0.0, 1.0e3, "passages",
                                    "Marquez-Curtis 2013 (CXCR4 is lost in culture); scale is an assumption",
                                    "cxcr4 = exp(-passage / scale).")));
  c.declare(positive(real_parameter("msc.senescence_passage_scale", 10.0, 0.0, 1.0e3, "passages", "assumption",
                                    "Senescence s = 1 - exp(-passage / scale): SASP IL-6 and potency loss.")));
  c.declare(real_parameter("msc.potency_loss_at_full_senescence", 0.5, 0.0, 1.0, "1", "assumption",
                           "Potency is multiplied by 1 - loss * senescence."));
  c.declare(real_parameter("msc.thaw_viability", 0.8, 0.0, 1.0, "1",
                           "assumption (default 0.8); Francois 2012 (thawed MSCs are impaired)",
                           "Fraction of a freshly thawed product that survives seeding."));
  c.declare(positive(real_parameter("msc.thaw_recovery_h", 24.0, 0.0, 1.0e3, "h",
                                    "Francois 2012 (IFN-gamma-induced IDO restored after 24 h in culture)",
                                    "Hours for post-thaw stress to fall linearly from 1 to 0.")));
  c.declare(real_parameter("msc.niche_protection_max", 0.98, 0.0, 1.0, "1",
                           "Frisch 1994 (detachment from matrix and neighbours triggers apoptosis, anoikis); "
                           "Bartosh 2010 (aggregated MSCs survive better); calibrated: locally injected MSCs "
                           "persist for weeks (Sanchez-Diaz 2021; up to about 33 days in muscle)",
                           "Largest fraction by which neighbouring MSCs (a depot and its matrix) lower an MSC's "
                           "apoptosis and movement (Imax)."));
  c.declare(positive(real_parameter("msc.niche_half_max_neighbour_fraction", 0.125, 0.0, 1.0, "1",
                                    "calibrated: with msc.niche_protection_max, local persistence for weeks",
                                    "Fraction of Moore neighbours that are MSCs giving half the niche support "
                                    "(K; Hill exponent 2): one MSC neighbour of eight.")));
  c.declare(positive(real_parameter("msc.apoptosis_half_life_h", 48.0, 0.0, 1.0e6, "h",
                                    "assumption; Lee 2009, Eggenhofer 2012",
                                    "Tissue half-life of an MSC from baseline apoptosis.")));
  c.declare(real_parameter("msc.speed_um_per_h", 10.0, 0.0, 1.0e4, "um/h", "assumption (MSCs are slow)",
                           "Random-walk speed."));
  c.declare(real_parameter("msc.chemotaxis_cxcl12_sensitivity", 20.0, 0.0, 1.0e3, "1",
                           "assumption (chemotaxis up CXCL12 via CXCR4)",
                           "A move to a neighbour is weighted by exp(sensitivity cxcr4 dH), dH the difference in "
                           "CXCL12 receptor occupancy between that voxel and the own one."));
  c.declare(positive(real_parameter("msc.chemotaxis_cxcl12_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                    "CXCL12 giving half receptor occupancy.")));
  c.declare(real_parameter("msc.chemotaxis_ccl2_sensitivity", 5.0, 0.0, 1.0e3, "1",
                           "assumption (weak chemotaxis up ccl2)",
                           "As the CXCL12 sensitivity, for the inflammatory chemokines (not weighted by cxcr4)."));
  c.declare(positive(real_parameter("msc.chemotaxis_ccl2_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                    "Inflammatory chemokines giving half receptor occupancy.")));
}

}  // namespace

void declare_msc_parameters(ParameterCatalogue& c) {
  declare_msc_product_parameters(c, "msc.");
  declare_msc_source_potency_parameters(c);
  declare_msc_source_tlr4_parameters(c);
  declare_product_and_fate(c);
  declare_licensing(c);
  declare_mhc2(c);
  declare_polarization(c);
  declare_secretion(c);
}

MscParameters read_msc_parameters(const Scenario& s) {
  MscParameters p;
  p.initial_count = s.integer("msc.initial_count");
  p.seeded_product = read_msc_product(s, "msc.");
  p.licensing_by_ifng = {s.real("msc.licensing_half_max_ifng_ng_per_ml"), s.real("msc.licensing_hill")};
  p.costimulation_by_tnfa = {s.real("msc.licensing_half_max_tnfa_ng_per_ml"), 1.0};
  p.costimulation_by_il1b = {s.real("msc.licensing_half_max_il1b_ng_per_ml"), 1.0};
  p.licensing_ifng_alone = s.real("msc.licensing_ifng_alone");
  p.licensing_time_constant_h = s.real("msc.licensing_time_constant_h");
  p.ido_time_constant_h = s.real("msc.ido_time_constant_h");

  const double mhc2_hill = s.real("msc.mhc2_hill");
  p.mhc2_induction_by_ifng = {s.real("msc.mhc2_half_max_low_ifng_ng_per_ml"), mhc2_hill};
  p.mhc2_repression_by_ifng = {s.real("msc.mhc2_half_max_high_ifng_ng_per_ml"), mhc2_hill};
  p.mhc2_repression_by_tgfb = {s.real("msc.mhc2_tgfb_half_max_ng_per_ml"), 1.0};
  p.mhc2_tgfb_repression_max = s.real("msc.mhc2_tgfb_repression_max");
  p.mhc2_time_constant_h = s.real("msc.mhc2_time_constant_h");

  p.polarization_time_constant_h = s.real("msc.polarization_time_constant_h");
  p.polarization_gain = s.real("msc.polarization_gain");
  p.licensing_weight = s.real("msc.polarization_licensing_weight");
  p.licensing_threshold = s.real("msc.polarization_licensing_threshold");
  p.tlr3_weight = s.real("msc.polarization_tlr3_weight");
  p.tlr4_weight = s.real("msc.polarization_tlr4_weight");
  p.tlr4_signal_by_damp = {s.real("msc.damp_half_max_ng_per_ml"), 1.0};
  p.tlr3_signal_by_dsrna = {s.real("msc.dsrna_half_max_ng_per_ml"), 1.0};
  p.polarization_noise_per_sqrt_h = s.real("msc.polarization_noise_per_sqrt_h");
  p.phenotype_threshold = s.real("msc.phenotype_threshold");
  p.priming_strength = s.real("msc.priming_strength");
  p.priming_signal_decay_time_h = s.real("msc.priming_signal_decay_time_h");

  p.kyn_secretion_ng_per_ml_per_h = s.real("msc.kyn_secretion_ng_per_ml_per_h");
  p.pge2_secretion_ng_per_ml_per_h = s.real("msc.pge2_secretion_ng_per_ml_per_h");
  p.tgfb_secretion_ng_per_ml_per_h = s.real("msc.tgfb_secretion_ng_per_ml_per_h");
  p.basal_tgfb_secretion_ng_per_ml_per_h = s.real("msc.basal_tgfb_secretion_ng_per_ml_per_h");
  p.il6_secretion_ng_per_ml_per_h = s.real("msc.il6_secretion_ng_per_ml_per_h");
  p.sasp_il6_secretion_ng_per_ml_per_h = s.real("msc.sasp_il6_secretion_ng_per_ml_per_h");
  p.ccl2_secretion_ng_per_ml_per_h = s.real("msc.ccl2_secretion_ng_per_ml_per_h");
  p.trophic_repair_per_h = s.real("msc.trophic_repair_per_h");
  p.ido_enabled = s.flag("msc.ido_enabled");
  p.pge2_enabled = s.flag("msc.pge2_enabled");
  p.tgfb_enabled = s.flag("msc.tgfb_enabled");
  p.il6_enabled = s.flag("msc.il6_enabled");

  p.potency_log_sd = s.real("msc.potency_log_sd");
  p.cxcr4_passage_scale = s.real("msc.cxcr4_passage_scale");
  p.senescence_passage_scale = s.real("msc.senescence_passage_scale");
  p.potency_loss_at_full_senescence = s.real("msc.potency_loss_at_full_senescence");
  p.thaw_viability = s.real("msc.thaw_viability");
  p.thaw_recovery_h = s.real("msc.thaw_recovery_h");

  p.apoptosis_rate_per_h = std::log(2.0) / s.real("msc.apoptosis_half_life_h");
  p.niche_protection_max = s.real("msc.niche_protection_max");
  p.niche_protection_by_neighbours = {s.real("msc.niche_half_max_neighbour_fraction"), 2.0};
  p.move_rate_per_h = s.real("msc.speed_um_per_h") / s.real("tissue.voxel_um");
  p.chemotaxis_cxcl12_sensitivity = s.real("msc.chemotaxis_cxcl12_sensitivity");
  p.cxcl12_receptor_occupancy = {s.real("msc.chemotaxis_cxcl12_half_max_ng_per_ml"), 1.0};
  p.chemotaxis_ccl2_sensitivity = s.real("msc.chemotaxis_ccl2_sensitivity");
  p.ccl2_receptor_occupancy = {s.real("msc.chemotaxis_ccl2_half_max_ng_per_ml"), 1.0};
  return p;
}

}  // namespace mscsim::models
