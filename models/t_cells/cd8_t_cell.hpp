#pragma once
// CD8 T cells (docs/ODD.md section 3.3.3-3.3.6, row CD8 T): naive cells that recognise the antigen are
// primed by hours of contact with mature DCs; cytotoxic T lymphocytes (CTL) divide while
// IL-2 is present (slowed by the MSC mediators like CD4 cells; Di Nicola 2002), secrete
// IFN-gamma and TNF-alpha, damage antigen-bearing parenchyma in their own voxel and kill
// allogeneic MSCs on contact (docs/ODD.md section 3.3.2, Fate). Population "cd8_t": state
// (Cd8State), next_state, divisions, contact_time_h, antigen_specific.
#include <cstdint>
#include <memory>

#include "models/common/suppression.hpp"
#include "models/t_cells/t_cell_common.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct Cd8TParameters {
  TCellSeeding seeding;
  TCellKinetics kinetics;
  TCellPriming priming;
  TCellContactSuppression contact;
  double ifng_ctl_ng_per_ml_per_h = 0.0;
  double tnfa_ctl_ng_per_ml_per_h = 0.0;
  double tissue_damage_per_h = 0.0;
  double antigen_recognition_threshold = 0.0;
  double msc_kill_rate_per_h = 0.0;
};

const std::vector<std::string>& cd8_state_names();

class Cd8TCell final : public Model {
 public:
  std::string name() const override { return "cd8_t_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  Cd8TParameters p_;
  std::unique_ptr<InhibitorSet> activation_inhibitors_, proliferation_inhibitors_, cytotoxicity_inhibitors_;
  TCellContacts contacts_;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0, divisions_ = 0, contact_time_ = 0, antigen_specific_ = 0;
  FieldId il2_ = 0, ifng_ = 0, tnfa_ = 0, antigen_ = 0, health_ = 0;
};

}  // namespace mscsim::models
