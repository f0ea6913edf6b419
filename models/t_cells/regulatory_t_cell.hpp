#pragma once
// Regulatory T cells (docs/ODD.md section 3.3.3-3.3.6, row Treg): natural Tregs and Tregs induced from
// CD4 T cells (which arrive by conversion and keep their division count). They suppress
// their neighbours (the suppressed T cell counts neighbouring Tregs), secrete IL-10 and
// TGF-beta, consume IL-2, and proliferate with IL-2 (human Tregs turn over fast: doubling
// about 8 days in vivo, Vukmanovic-Stejic 2006). Population "treg": state (TregState),
// next_state, divisions.
#include <cstdint>

#include "models/t_cells/t_cell_common.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct TregParameters {
  TCellSeeding seeding;
  TCellKinetics kinetics;
  double il10_ng_per_ml_per_h = 0.0;
  double tgfb_ng_per_ml_per_h = 0.0;
};

const std::vector<std::string>& treg_state_names();

class RegulatoryTCell final : public Model {
 public:
  std::string name() const override { return "regulatory_t_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  TregParameters p_;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0, divisions_ = 0;
  FieldId il2_ = 0, il10_ = 0, tgfb_ = 0, ifng_ = 0;
};

}  // namespace mscsim::models
