#pragma once
// B cells (docs/ODD.md section 3.3.3-3.3.6, row B): naive B cells are activated by antigen with Th2
// help (contact with a Th2 CD4 T cell, or IL-4); activated B cells divide, and become
// antibody-secreting plasma cells or IL-10-secreting regulatory B cells. Contact with
// suppressive MSCs raises Bregs (Peng 2015; Franquesa 2015); MSC soluble factors arrest B
// proliferation and lower antibody output (Corcione 2006; Rafei 2008).
// Population "b_cell": columns state (BCellState), next_state, divisions.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "models/common/hill.hpp"
#include "models/common/suppression.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct BCellParameters {
  std::int64_t initial_count = 0;
  std::int32_t initial_state = 0;
  double move_rate_per_h = 0.0;
  double activation_rate_per_h = 0.0;
  HillCurve activation_by_antigen;
  HillCurve help_by_il4;
  double help_per_th2_contact = 1.0;
  double division_rate_per_h = 0.0;
  double plasma_rate_per_h = 0.0;
  double breg_rate_per_h = 0.0;
  double breg_msc_contact_rate_per_h = 0.0;  // per unit of MSC suppressive contact
  double naive_death_rate_per_h = 0.0;
  double activated_death_rate_per_h = 0.0;
  double plasma_death_rate_per_h = 0.0;
  double breg_death_rate_per_h = 0.0;
  double antibody_ng_per_ml_per_h = 0.0;
  double breg_il10_ng_per_ml_per_h = 0.0;
};

class BCell final : public Model {
 public:
  std::string name() const override { return "b_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  BCellParameters p_;
  std::unique_ptr<InhibitorSet> proliferation_inhibitors_, antibody_inhibitors_;
  std::optional<MscContactView> msc_;
  bool has_cd4_ = false;
  PopulationId cd4_ = 0;
  ColumnId cd4_state_ = 0;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0, divisions_ = 0;
  FieldId antigen_ = 0, il4_ = 0, antibody_ = 0, il10_ = 0;
};

}  // namespace mscsim::models
