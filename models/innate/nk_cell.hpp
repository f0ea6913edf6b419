#pragma once
// Natural killer cells (docs/ODD.md section 3.3.3-3.3.6, row NK): resting NK are activated by IL-2 or
// IL-12; activated NK divide while IL-2 is present, secrete IFN-gamma (which licenses
// neighbouring MSCs) and TNF-alpha, lyse MSCs on contact (Sotiropoulou 2006; stronger
// for allogeneic cells and weaker as licensing raises HLA-I, assumption) and damage
// stressed parenchyma of their voxel. Proliferation, cytotoxicity and IFN-gamma are
// inhibited by kynurenine and PGE2 (and TGF-beta) (Spaggiari 2008). Turnover ~2 weeks
// (Zhang 2007). Population "nk": columns state (NkState), next_state, divisions.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>

#include "models/common/hill.hpp"
#include "models/common/suppression.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct NkCellParameters {
  std::int64_t initial_count = 0;
  std::int32_t initial_state = 0;
  double move_rate_per_h = 0.0;
  double death_rate_per_h = 0.0;
  double activation_rate_per_h = 0.0;
  HillCurve activation_by_il2, activation_by_il12;
  double deactivation_rate_per_h = 0.0;  // without IL-2/IL-12
  double division_rate_per_h = 0.0;
  HillCurve proliferation_by_il2;
  double msc_kill_rate_per_h = 0.0;      // per contact, allogeneic, unlicensed, uninhibited
  double autologous_kill_factor = 1.0;
  double licensing_protection = 0.0;     // HLA-I raised by licensing
  bool in_vitro = false;
  double tissue_damage_per_h = 0.0;
  HillCurve stress_by_antigen;
  double ifng_ng_per_ml_per_h = 0.0;
  double tnfa_ng_per_ml_per_h = 0.0;
};

class NkCell final : public Model {
 public:
  std::string name() const override { return "nk_cell"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end);
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  NkCellParameters p_;
  std::unique_ptr<InhibitorSet> proliferation_inhibitors_, cytotoxicity_inhibitors_, ifng_inhibitors_;
  std::optional<MscContactView> msc_;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0, divisions_ = 0;
  FieldId il2_ = 0, il12_ = 0, ifng_ = 0, tnfa_ = 0, antigen_ = 0, health_ = 0;
  std::atomic<std::uint64_t> msc_kills_{0};  // a sum of integers: the same whatever the thread order
  std::uint64_t kills_at_last_output_ = 0;
  double last_output_h_ = 0.0;
};

}  // namespace mscsim::models
