#pragma once
// Receptor-mediated uptake of soluble mediators by the cells that bear their receptors
// (dc/dt = D∇²c − λc + secretion − uptake). Every cell agent on the lattice (leukocytes
// and MSCs) carries receptors for TNF-alpha (TNFR1/2), IL-1beta (IL-1R1), IL-6 (IL-6R /
// gp130), IL-10 (IL-10R), TGF-beta (TGFBR1/2) and PGE2 (EP2/EP4), binds them and
// internalises them with the receptor; the uptake is first order in the local
// concentration (below receptor saturation) and acts in the cell's own voxel. Ligand
// depletion by receptor-bearing cells is what sets cytokine levels in a dense culture or
// an infiltrate (Oppenheim 2001 for TNF-alpha via TNFR; Shvartsman 2001 autocrine
// consumption; Oyler-Yaniv 2017 IL-2/IL-6 consumption by leukocytes sets the range of a
// cytokine's signal). By default only TNF-alpha and IL-1beta are taken up here: the other
// mediators stay within their published ranges by secretion and half-life alone (their
// rates are parameters, 0 by default). IL-2 and IFN-gamma keep their cell-type-specific uptake
// (cd4_t/cd8_t/treg.il2_uptake_per_h, .ifng_uptake_per_h), so they are not repeated here.
#include <string>
#include <vector>

#include "sim/engine/model.hpp"

namespace mscsim::models {

struct ReceptorUptakeParameters {
  std::vector<std::string> mediators;  // field names
  std::vector<double> uptake_per_h;    // first-order uptake by one cell in its voxel
};

// The mediators taken up and their default rates, with references.
struct UptakeDefault {
  const char* field;
  double uptake_per_h;
  const char* reference;
};
const std::vector<UptakeDefault>& receptor_uptake_table();

class ReceptorUptake final : public Model {
 public:
  std::string name() const override { return "receptor_uptake"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;
  const ReceptorUptakeParameters& parameters() const { return p_; }

 private:
  void take_up(World& world, const StepInfo& step) const;
  ReceptorUptakeParameters p_;
  std::vector<FieldId> fields_;
};

}  // namespace mscsim::models
