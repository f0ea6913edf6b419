#include "models/msc/msc_product.hpp"

#include <array>

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {

constexpr std::array<const char*, 4> kSources = {"bone_marrow", "umbilical_cord", "adipose", "placenta"};

MscPriming priming_of(const std::string& text) {
  if (text == "poly_ic_tlr3") return MscPriming::PolyIcTlr3;
  if (text == "lps_tlr4") return MscPriming::LpsTlr4;
  return MscPriming::None;
}

}  // namespace

void declare_msc_product_parameters(ParameterCatalogue& c, const std::string& prefix) {
  c.declare(text_parameter(prefix + "source", "bone_marrow", {kSources.begin(), kSources.end()},
                           "Huang 2019 (bone marrow, umbilical cord, adipose and placenta products)",
                           "Product attribute: tissue the MSCs come from (sets the potency factor "
                           "msc.source_potency.<source> and the TLR4 responsiveness "
                           "msc.source_tlr4_responsiveness.<source>)."));
  c.declare(integer_parameter(prefix + "passage", 3, 0, 50, "passages",
                              "assumption (clinical products are typically passage 2-5)",
                              "Product attribute: culture passage (CXCR4 falls and senescence rises with it)."));
  c.declare(exclusive_min(real_parameter(prefix + "diameter_um", 20.0, 0.0, 100.0, "um",
                                         "Fischer 2009; Ge 2014 (culture-expanded MSCs are 15-30 um)",
                                         "Product attribute: cell diameter (lung trapping and micro-occlusion "
                                         "grow with it).")));
  c.declare(flag_parameter(prefix + "freshly_thawed", false, "Francois 2012",
                           "Product attribute: infused straight from cryopreservation (true) or acclimated in "
                           "culture (false)."));
  c.declare(real_parameter(prefix + "prelicensing_ifng_ng_per_ml", 0.0, 0.0, 1.0e4, "ng/mL",
                           "Polchert 2008 (IFN-gamma-pretreated MSCs beat a 5-fold larger untreated dose)",
                           "Product attribute: IFN-gamma in the medium during ex vivo pre-licensing."));
  c.declare(real_parameter(prefix + "prelicensing_tnfa_ng_per_ml", 0.0, 0.0, 1.0e4, "ng/mL",
                           "Ren 2008 (TNF-alpha co-licenses); assumption for ex vivo use",
                           "Product attribute: TNF-alpha in the medium during ex vivo pre-licensing."));
  c.declare(real_parameter(prefix + "prelicensing_h", 0.0, 0.0, 1.0e3, "h", "Polchert 2008",
                           "Product attribute: hours of ex vivo pre-licensing; the licensing, IDO, MHC-II and "
                           "polarization equations are integrated over it (without noise) to set the state at "
                           "release."));
  c.declare(text_parameter(prefix + "priming", "none", {"none", "poly_ic_tlr3", "lps_tlr4"},
                           "Waterman 2010 (poly(I:C) -> TLR3 -> MSC2; LPS -> TLR4 -> MSC1)",
                           "Product attribute: ex vivo TLR priming (about 1 h in Waterman 2010)."));
  c.declare(flag_parameter(prefix + "allogeneic", true, "Huang 2019 (most clinical products are allogeneic)",
                           "Product attribute: allogeneic (true) or autologous (false)."));
  c.declare(flag_parameter(prefix + "ccr7", false, "Li 2014 (CCR7-engineered MSCs home to secondary lymphoid organs)",
                           "Product attribute: engineered CCR7 (homing to secondary lymphoid organs)."));
  c.declare(flag_parameter(prefix + "cxcr5", false, "Zhang 2017 (CXCR5-engineered MSCs home to CXCL13)",
                           "Product attribute: engineered CXCR5 (homing to CXCL13-rich sites)."));
  c.declare(real_parameter(prefix + "il4_overexpression_ng_per_ml_per_h", 0.0, 0.0, 1.0e4, "ng/mL/h",
                           "Payne 2012 (IL-4-overexpressing MSCs); rate is an assumption",
                           "Product attribute: IL-4 secreted by each cell on top of its own program."));
  c.declare(real_parameter(prefix + "il10_overexpression_ng_per_ml_per_h", 0.0, 0.0, 1.0e4, "ng/mL/h",
                           "assumption (by analogy with IL-4-overexpressing MSCs, Payne 2012)",
                           "Product attribute: IL-10 secreted by each cell on top of its own program."));
}

void declare_msc_source_potency_parameters(ParameterCatalogue& c) {
  for (const char* source : kSources)
    c.declare(real_parameter(std::string("msc.source_potency.") + source, 1.0, 0.0, 100.0, "1",
                             "assumption (default 1; donor and source heterogeneity: Huang 2019)",
                             std::string("Potency factor of ") + source + "-derived MSCs."));
}

// TLR4 on MSCs depends on the tissue they come from: Raicevic 2011 found no TLR4 on
// Wharton's jelly (umbilical-cord) MSCs, and inflammation upregulated it on bone-marrow MSCs
// only; LPS raised inflammatory cytokines in bone-marrow and adipose MSCs but not in
// Wharton's jelly MSCs. Placenta was not measured there (default 1, assumption).
void declare_msc_source_tlr4_parameters(ParameterCatalogue& c) {
  struct Entry {
    const char* source;
    double value;
    const char* reference;
  };
  const std::array<Entry, 4> entries = {{
      {"bone_marrow", 1.0, "Raicevic 2011 (bone-marrow MSCs express TLR4; the reference level)"},
      {"umbilical_cord", 0.0,
       "Raicevic 2011 (Wharton's jelly MSCs lack TLR4; LPS did not raise their inflammatory cytokines)"},
      {"adipose", 1.0, "Raicevic 2011 (adipose MSCs express TLR4 and answer LPS like bone-marrow MSCs)"},
      {"placenta", 1.0, "assumption (not measured by Raicevic 2011; as bone marrow)"},
  }};
  for (const Entry& e : entries)
    c.declare(real_parameter(std::string("msc.source_tlr4_responsiveness.") + e.source, e.value, 0.0, 10.0, "1",
                             e.reference,
                             std::string("TLR4 responsiveness of ") + e.source +
                                 "-derived MSCs: multiplies the TLR4 term (LPS priming and tissue danger "
                                 "signals) of the polarization drive."));
}

MscProduct read_msc_product(const Scenario& s, const std::string& prefix) {
  MscProduct p;
  p.source = s.text(prefix + "source");
  p.source_potency_factor = s.real("msc.source_potency." + p.source);
  p.tlr4_responsiveness = s.real("msc.source_tlr4_responsiveness." + p.source);
  p.passage = s.integer(prefix + "passage");
  p.diameter_um = s.real(prefix + "diameter_um");
  p.freshly_thawed = s.flag(prefix + "freshly_thawed");
  p.thaw_viability = s.real("msc.thaw_viability");
  p.prelicensing_ifng_ng_per_ml = s.real(prefix + "prelicensing_ifng_ng_per_ml");
  p.prelicensing_tnfa_ng_per_ml = s.real(prefix + "prelicensing_tnfa_ng_per_ml");
  p.prelicensing_h = s.real(prefix + "prelicensing_h");
  p.priming = priming_of(s.text(prefix + "priming"));
  p.allogeneic = s.flag(prefix + "allogeneic");
  p.ccr7 = s.flag(prefix + "ccr7");
  p.cxcr5 = s.flag(prefix + "cxcr5");
  p.il4_overexpression_ng_per_ml_per_h = s.real(prefix + "il4_overexpression_ng_per_ml_per_h");
  p.il10_overexpression_ng_per_ml_per_h = s.real(prefix + "il10_overexpression_ng_per_ml_per_h");
  return p;
}

}  // namespace mscsim::models
