#include "models/t_cells/t_cell_shared.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

// Soluble mediators that lower the chance that a primed T cell activates. PGE2 and TGF-beta
// act on T-cell receptor signalling; IL-10 mostly through the APC (docs/ODD.md section 3.3.1).
const std::vector<InhibitorDefaults>& t_activation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"pge2", 0.5, 0.3, 1.0, "Aggarwal & Pittenger 2005 (assumption on IC50 and Imax)"},
      {"tgfb", 0.5, 0.15, 1.0, "Di Nicola 2002 (assumption on IC50; calibrated: Meisel 2004, "
                               "IDO, not TGF-beta, carries most of the MLR suppression)"},
      {"il10", 1.0, 0.5, 1.0, "assumption (IL-10 inhibits Th1 priming)"},
  };
  return table;
}

// MSC mediators that slow T-cell division (docs/ODD.md sections 3.3.3-3.3.6 and 2). Human MSCs suppress
// T cells mainly through IDO (Meisel 2004: tryptophan restores proliferation), so kynurenine
// dominates and PGE2 and TGF-beta add smaller parts. Tryptophan depletion arrests T cells
// below a threshold (GCN2 sensing, Munn 2005), hence the steep Hill exponent of kyn (4): the
// IDO of a few MSCs in a well stays below it, so very low MSC:T ratios do not suppress (Liu
// 2004) and can stimulate (Le Blanc 2003), while dense MSCs cross it. TGF-beta stands for
// TGF-beta1 with HGF, the constitutive MSC mediators of Di Nicola 2002. IC50s and Imax are
// calibrated against the MLR ratio series (docs/ODD.md section 4, fact 3).
const std::vector<InhibitorDefaults>& t_proliferation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.03, 0.95, 4.0, "Meisel 2004 (IDO; tryptophan restores proliferation); Munn 2005 (threshold); "
               "calibrated: the MLR ratio series (Di Nicola 2002; Le Blanc 2003)"},
      {"pge2", 0.5, 0.2, 1.0, "Aggarwal & Pittenger 2005; Duffy 2011"},
      {"tgfb", 0.5, 0.2, 1.0, "Di Nicola 2002 (anti-TGF-beta1 with anti-HGF partly restores proliferation)"},
  };
  return table;
}

// MSCs inhibit Th17 differentiation through PGE2 (Duffy 2011, EP4 receptor).
const std::vector<InhibitorDefaults>& th17_differentiation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"pge2", 0.5, 0.8, 1.0, "Duffy 2011 (PGE2 via EP4 inhibits Th17 differentiation)"},
  };
  return table;
}

// TGF-beta inhibits CTL cytotoxicity (docs/ODD.md section 3.3.1).
const std::vector<InhibitorDefaults>& ctl_cytotoxicity_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"tgfb", 0.5, 0.6, 1.0, "assumption (TGF-beta inhibits CTL)"},
  };
  return table;
}

void TCellShared::declare_parameters(ParameterCatalogue& c) const {
  InhibitorSet::declare(c, kTActivation, t_activation_inhibitor_table());
  InhibitorSet::declare(c, kTProliferation, t_proliferation_inhibitor_table());
  InhibitorSet::declare(c, kTh17Differentiation, th17_differentiation_inhibitor_table());
  InhibitorSet::declare(c, kCtlCytotoxicity, ctl_cytotoxicity_inhibitor_table());
  c.declare(real_parameter("t_cell.pdl1_imax", 0.3, 0.0, 1.0, "1",
                           "assumption; Augello 2005 (PD-1/PD-L1 contact inhibition of T proliferation)",
                           "Largest fraction of T activation and proliferation that PD-L1 on neighbouring MSCs "
                           "suppresses (switch: msc.pdl1_enabled)."));
  c.declare(exclusive_min(real_parameter(
      "t_cell.pdl1_half_max_contact", 0.5, 0.0, 1.0e3, "1", "assumption",
      "Summed suppressive contact of neighbouring MSCs (max(p,0) licensing potency (1 - stress) each) giving half "
      "of the largest PD-L1 inhibition.")));
  c.declare(real_parameter("t_cell.treg_contact_imax", 0.5, 0.0, 1.0, "1",
                           "assumption (Treg contact suppression)",
                           "Largest fraction of T activation and proliferation that neighbouring Tregs suppress."));
  c.declare(exclusive_min(real_parameter("t_cell.treg_contact_half_max_cells", 1.0, 0.0, 100.0, "cells",
                                         "assumption", "Number of neighbouring Tregs giving half of the largest "
                                                       "contact suppression.")));
  c.declare(real_parameter("t_cell.msc_presentation_mhc2_threshold", 0.3, 0.0, 1.0, "1",
                           "Chan 2006 (MSCs present antigen at low IFN-gamma); calibrated: Le Blanc 2003 (few MSCs stimulate the MLR)",
                           "MHC-II level above which a neighbouring MSC presents antigen to CD4 T cells."));
}

}  // namespace mscsim::models
