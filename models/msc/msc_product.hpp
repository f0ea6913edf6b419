#pragma once
// The MSC product (docs/ODD.md section 3.3.7): what a cell brings from the bag into the body or
// the well. The same attributes describe the cells seeded by `msc.initial_count` (prefix
// "msc.") and each dose of a `[[dose]]` list (prefix "dose.*.product."), declared once by
// declare_msc_product_parameters so both read alike.
#include <cstdint>
#include <string>

#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

// Ex vivo TLR priming of the product (Waterman 2010).
enum class MscPriming { None, PolyIcTlr3, LpsTlr4 };

// The phenotype label of an MSC (docs/ODD.md section 3.3.2): MSC1 if p < −θ, MSC2 if p > θ.
enum class MscPhenotype : std::int32_t { Msc0 = 0, Msc1 = 1, Msc2 = 2 };
inline constexpr const char* phenotype_name(MscPhenotype p) {
  return p == MscPhenotype::Msc1 ? "msc1" : p == MscPhenotype::Msc2 ? "msc2" : "msc0";
}

struct MscProduct {
  std::string source = "bone_marrow";  // bone_marrow, umbilical_cord, adipose, placenta
  double source_potency_factor = 1.0;  // msc.source_potency.<source> (heterogeneity)
  // msc.source_tlr4_responsiveness.<source>: how strongly the cells answer TLR4 ligands
  // (Raicevic 2011: Wharton's jelly MSCs lack TLR4, bone-marrow MSCs express and upregulate it).
  double tlr4_responsiveness = 1.0;
  std::int64_t passage = 3;
  double diameter_um = 20.0;
  bool freshly_thawed = false;
  double thaw_viability = 0.8;  // msc.thaw_viability, the same for every product
  // Pre-licensing ex vivo (Polchert 2008).
  double prelicensing_ifng_ng_per_ml = 0.0;
  double prelicensing_tnfa_ng_per_ml = 0.0;
  double prelicensing_h = 0.0;
  MscPriming priming = MscPriming::None;
  bool allogeneic = true;
  // Engineered homing receptors (seed 2): CCR7 → lymph node, CXCR5 → CXCL13-rich sites.
  bool ccr7 = false;
  bool cxcr5 = false;
  // Overexpressed anti-inflammatory cytokines (genetically modified MSCs, seed 2).
  double il4_overexpression_ng_per_ml_per_h = 0.0;
  double il10_overexpression_ng_per_ml_per_h = 0.0;
};

// Declares the product keys under `prefix` ("msc." or "dose.*.product."). The model-level
// keys the products share (source potency factors, thaw viability) are declared by the MSC
// model itself.
void declare_msc_product_parameters(ParameterCatalogue& catalogue, const std::string& prefix);
void declare_msc_source_potency_parameters(ParameterCatalogue& catalogue);
void declare_msc_source_tlr4_parameters(ParameterCatalogue& catalogue);

// Reads the product under `prefix` ("msc." or "dose.3.product.").
MscProduct read_msc_product(const Scenario& scenario, const std::string& prefix);

}  // namespace mscsim::models
