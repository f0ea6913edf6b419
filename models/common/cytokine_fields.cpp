#include "models/common/cytokine_fields.hpp"

namespace mscsim::models {

namespace {

FieldDefaults field(const char* name, double diffusion_um2_per_s, double half_life_h, const char* d_ref,
                    const char* half_life_ref, const char* description) {
  FieldDefaults d;
  d.spec.name = name;
  d.spec.unit = "ng/mL";
  d.spec.diffusion_um2_per_s = diffusion_um2_per_s;
  d.spec.half_life_h = half_life_h;
  d.diffusion_reference = d_ref;
  d.half_life_reference = half_life_ref;
  d.description = description;
  return d;
}

}  // namespace

const std::vector<FieldDefaults>& cytokine_field_table() {
  // docs/ODD.md section 3.3.1. Where the spec gives a range the middle is taken and marked.
  static const std::vector<FieldDefaults> table = {
      field("ifng", 50.0, 1.5, "assumption (10-100 um^2/s)",
            "Hofstra 1998 via QSP models (degradation 11/day)", "IFN-gamma"),
      field("tnfa", 50.0, 0.75, "assumption", "assumption (tissue ~0.5-1 h; plasma 5-50 min)", "TNF-alpha"),
      field("il10", 50.0, 2.5, "assumption", "Huhn 1996 (IV pharmacokinetics, ~2-3 h)", "IL-10"),
      field("tgfb", 30.0, 1.2, "assumption", "assumption (~1.2 h)", "active TGF-beta"),
      field("pge2", 100.0, 0.1, "assumption", "assumption (minutes)", "prostaglandin E2"),
      field("kyn", 100.0, 6.0, "assumption", "assumption",
            "IDO activity (tryptophan depletion / kynurenine)"),
      field("il6", 50.0, 1.0, "assumption", "assumption", "IL-6"),
      field("il12", 50.0, 1.0, "assumption", "assumption", "IL-12"),
      field("il2", 10.0, 0.06, "assumption", "assumption (degradation 0.2/min)", "IL-2"),
      field("il4", 50.0, 1.0, "assumption", "assumption", "IL-4"),
      field("il17", 50.0, 1.0, "assumption", "assumption", "IL-17"),
      field("cxcl12", 50.0, 2.0, "assumption", "assumption", "SDF-1 (CXCL12)"),
      field("ccl2", 50.0, 11.0, "assumption", "assumption (degradation 0.06/h)",
            "inflammatory chemokines (CCL2/CXCL8/CCL5 lumped)"),
      field("damp", 20.0, 2.0, "assumption", "assumption", "danger signals / TLR4 ligands"),
      // IL-1beta from M1 macrophages co-licenses MSCs with IFN-gamma (Ren 2008); its
      // circulating half-life is tens of minutes, like TNF-alpha's.
      field("il1b", 50.0, 0.75, "assumption", "assumption (like TNF-alpha, tens of minutes)", "IL-1beta"),
      // Double-stranded RNA released by dying cells, the tissue's TLR3 ligand (Kariko 2004;
      // Cavassani 2008: TLR3 senses RNA from necrotic cells in inflamed tissue).
      field("dsrna", 20.0, 2.0, "assumption", "assumption (extracellular RNases)",
            "TLR3 ligands (dsRNA released by dying cells)"),
      // Presented antigen stays where the tissue presents it: no diffusion, and a half-life
      // far beyond any simulated time (docs/ODD.md section 3.3.1: "per voxel").
      field("antigen", 0.0, 1.0e6, "assumption (per voxel, no diffusion)", "assumption (no decay)",
            "presented antigen load"),
      field("antibody", 5.0, 48.0, "assumption", "assumption", "antibody / immune complex"),
  };
  return table;
}

void CytokineFields::declare_parameters(ParameterCatalogue& catalogue) const {
  for (const FieldDefaults& d : cytokine_field_table()) declare_field_parameters(catalogue, d);
}

void CytokineFields::build(ModelBuilder& builder) {
  for (const FieldDefaults& d : cytokine_field_table()) builder.add_field(read_field_spec(builder.scenario(), d));
}

}  // namespace mscsim::models
