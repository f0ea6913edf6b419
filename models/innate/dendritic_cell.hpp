#pragma once
// Dendritic cells (docs/ODD.md section 3.3.3-3.3.6, row DC): immature DCs pick up antigen and mature
// with danger signals or TNF-alpha; maturation and IL-12 are blocked by PGE2, IL-6 and
// IL-10 (Spaggiari 2009; Jiang 2005; Melief 2013); contact with suppressive MSCs shifts
// DCs toward tolerogenic and plasmacytoid DCs (seed 1). Mature DCs secrete IL-12 and
// TNF-alpha and present antigen; tolerogenic DCs secrete IL-10 and kynurenine.
// Population "dc": columns state (DendriticState), next_state, antigen_load.
#include <cstdint>
#include <memory>
#include <optional>

#include "models/common/hill.hpp"
#include "models/common/suppression.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct DendriticCellParameters {
  std::int64_t initial_count = 0;
  std::int32_t initial_state = 0;
  double move_rate_per_h = 0.0;
  double antigen_uptake_rate_per_h = 0.0;
  HillCurve uptake_by_antigen;
  double maturation_rate_per_h = 0.0;
  HillCurve maturation_by_damp;
  HillCurve maturation_by_tnfa;
  double tolerogenic_rate_per_h = 0.0;         // per unit of MSC suppressive contact
  double plasmacytoid_rate_per_h = 0.0;        // per unit of MSC suppressive contact
  double mature_to_tolerogenic_rate_per_h = 0.0;
  double mature_death_rate_per_h = 0.0;
  double death_rate_per_h = 0.0;               // immature, tolerogenic, plasmacytoid
  double mature_il12_ng_per_ml_per_h = 0.0;
  double mature_tnfa_ng_per_ml_per_h = 0.0;
  double mature_il6_ng_per_ml_per_h = 0.0;
  double tolerogenic_il10_ng_per_ml_per_h = 0.0;
  double tolerogenic_kyn_ng_per_ml_per_h = 0.0;
  double plasmacytoid_il10_ng_per_ml_per_h = 0.0;
};

class DendriticCell final : public Model {
 public:
  std::string name() const override { return "dendritic_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  DendriticCellParameters p_;
  std::unique_ptr<InhibitorSet> maturation_inhibitors_;
  std::unique_ptr<InhibitorSet> il12_inhibitors_;
  std::optional<MscContactView> msc_;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0, antigen_load_ = 0;
  FieldId antigen_ = 0, damp_ = 0, tnfa_ = 0, il12_ = 0, il6_ = 0, il10_ = 0, kyn_ = 0;
};

}  // namespace mscsim::models
