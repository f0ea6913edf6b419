#pragma once
// CD4 T cells (docs/ODD.md section 3.3.3-3.3.6, row CD4 T): naive cells that recognise the antigen are
// primed by hours of contact with an antigen-presenting cell (mature DC, or an MSC with
// high MHC-II at low IFN-gamma) with a chance lowered by suppression; activated cells
// divide while IL-2 is present and take a fate from the local cytokines (IL-12/IFN-gamma ->
// Th1, IL-4 -> Th2, IL-6 + TGF-beta -> Th17, TGF-beta + kynurenine with little IL-6 ->
// induced Treg, which leaves for the "treg" population); tolerogenic DCs induce Tregs on
// contact. Activated cells secrete IL-2, Th1 IFN-gamma, TNF-alpha (and some IL-2), Th2
// IL-4, Th17 IL-17. Population "cd4_t": state (Cd4State), next_state, divisions,
// contact_time_h, antigen_specific.
#include <cstdint>
#include <memory>

#include "models/common/suppression.hpp"
#include "models/t_cells/t_cell_common.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct Cd4TParameters {
  TCellSeeding seeding;
  TCellKinetics kinetics;
  TCellPriming priming;
  TCellContactSuppression contact;
  double differentiation_rate_per_h = 0.0;  // at saturating polarizing cytokines
  HillCurve th1_by_il12, th1_by_ifng, th2_by_il4, th17_by_il6, th17_by_tgfb, itreg_by_tgfb, itreg_by_kyn,
      itreg_blocked_by_il6;
  double msc_presentation_efficacy = 0.0;
  double treg_induction_by_tolerogenic_dc_per_h = 0.0;
  double il2_activated_ng_per_ml_per_h = 0.0;
  double il2_th1_ng_per_ml_per_h = 0.0;
  double il2_th2_ng_per_ml_per_h = 0.0;   // lumped autocrine growth signal (default off)
  double il2_th17_ng_per_ml_per_h = 0.0;  // lumped autocrine growth signal (default off)
  double ifng_th1_ng_per_ml_per_h = 0.0;
  double tnfa_th1_ng_per_ml_per_h = 0.0;
  double il4_th2_ng_per_ml_per_h = 0.0;
  double il17_th17_ng_per_ml_per_h = 0.0;
};

// Names of the states, in Cd4State order (the values of cd4_t.initial_state and the
// names of the count series).
const std::vector<std::string>& cd4_state_names();

class Cd4TCell final : public Model {
 public:
  std::string name() const override { return "cd4_t_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

  const Cd4TParameters& parameters() const { return p_; }

 private:
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  Cd4TParameters p_;
  std::unique_ptr<InhibitorSet> activation_inhibitors_, proliferation_inhibitors_, th17_inhibitors_;
  TCellContacts contacts_;
  PopulationId population_ = 0;
  PopulationId treg_population_ = 0;
  bool has_treg_ = false;
  ColumnId state_ = 0, next_state_ = 0, divisions_ = 0, contact_time_ = 0, antigen_specific_ = 0;
  FieldId il2_ = 0, ifng_ = 0, tnfa_ = 0, il4_ = 0, il17_ = 0, il12_ = 0, il6_ = 0, tgfb_ = 0, kyn_ = 0;
};

}  // namespace mscsim::models
