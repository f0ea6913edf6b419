#pragma once
// Activated effector T cells (MODEL.md section 4, CD4 Th1-like): they secrete IFN-gamma,
// TNF-alpha and IL-2, consume IL-2, divide while IL-2 is present at a rate reduced by the
// MSC mediators (kynurenine, PGE2, TGF-beta; Di Nicola 2002, Meisel 2004), die at the
// effector death rate and walk at random.
#include <cstdint>

#include "models/common/hill.hpp"
#include "models/common/suppression.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct EffectorTParameters {
  std::int64_t initial_count = 0;
  double division_rate_per_h = 0.0;  // ln 2 / division time
  HillCurve proliferation_by_il2;
  double death_rate_per_h = 0.0;
  double move_rate_per_h = 0.0;
  double ifng_secretion_ng_per_ml_per_h = 0.0;
  double tnfa_secretion_ng_per_ml_per_h = 0.0;
  double il2_secretion_ng_per_ml_per_h = 0.0;
  double il2_uptake_per_h = 0.0;
};

class EffectorTCell final : public Model {
 public:
  std::string name() const override { return "effector_t_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  EffectorTParameters p_;
  std::unique_ptr<InhibitorSet> proliferation_inhibitors_;
  PopulationId population_ = 0;
  ColumnId divisions_ = 0;
  FieldId il2_ = 0, ifng_ = 0, tnfa_ = 0;
};

}  // namespace mscsim::models
