#pragma once
// Co-therapy modifiers (docs/ODD.md section 3.3.1): drugs the patient receives besides the MSCs,
// as phenomenological factors on the processes they act on. Each model reads the factors
// once in build and folds them into its per-build rate and secretion constants, so the
// step loop does the same work with or without a co-therapy.
//
// - Calcineurin inhibitors (tacrolimus, cyclosporine) block NFAT-driven T-cell activation
//   and IL-2 transcription: T activation (priming) rate and IL-2 secretion × factors.
// - Corticosteroids lower the pro-inflammatory cytokine output of immune cells (IFN-γ,
//   TNF-α, IL-2, IL-4, IL-6, IL-12, IL-17 of T, NK, DC and macrophages; not IL-10, TGF-β
//   or kynurenine, which glucocorticoids spare or raise) and DC maturation × factors.
// A drug that is not enabled has factors 1. Both drugs on: the factors multiply.
#include "sim/engine/model.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

struct CoTherapyFactors {
  double t_activation = 1.0;        // calcineurin inhibitor
  double il2_secretion = 1.0;       // calcineurin inhibitor
  double cytokine_secretion = 1.0;  // corticosteroid (pro-inflammatory immune-cell cytokines)
  double dc_maturation = 1.0;       // corticosteroid

  // IL-2 is lowered by both drugs (glucocorticoids also repress IL-2 transcription).
  double il2() const { return il2_secretion * cytokine_secretion; }
};

// Declares cotherapy.calcineurin_inhibitor.* and cotherapy.corticosteroid.*.
void declare_cotherapy_parameters(ParameterCatalogue& catalogue);
// The factors in force (1 for a drug that is not enabled).
CoTherapyFactors read_cotherapy(const Scenario& scenario);

// Declares the co-therapy parameters once (registered with the common models).
class CoTherapy final : public Model {
 public:
  std::string name() const override { return "cotherapy"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override { declare_cotherapy_parameters(catalogue); }
  void build(ModelBuilder&) override {}
};

}  // namespace mscsim::models
