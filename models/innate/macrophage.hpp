#pragma once
// Macrophages (docs/ODD.md section 3.3.3-3.3.6, row Macrophage): M0 turn M1 with IFN-gamma, danger
// signals or TNF-alpha, and M2 with IL-4, IL-10 or PGE2; M1 and M2 stay plastic (seed 2:
// MSCs convert M1 to M2). TSG-6 from activated neighbouring MSCs pushes M0/M1 toward M2
// (Choi 2011; switch msc.tsg6_enabled). PGE2 drives macrophage IL-10 (Németh 2009), and
// IL-10 in turn damps the M1 drive. M1 secrete TNF-alpha, IL-12, IL-6 and damage the
// parenchyma of their voxel; M2 secrete IL-10, TGF-beta and repair it.
// Engulfing apoptotic MSCs turns them M2 and IDO-producing (macrophage_efferocytosis.hpp,
// optional). Population "macrophage": columns state (MacrophageState), next_state, and
// efferocytic_ido_h when macrophage.msc_efferocytosis_enabled.
#include <cstdint>
#include <memory>
#include <optional>

#include "models/common/hill.hpp"
#include "models/common/suppression.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct MacrophageParameters {
  std::int64_t initial_count = 0;
  std::int32_t initial_state = 0;
  double move_rate_per_h = 0.0;
  double death_rate_per_h = 0.0;
  double m1_polarization_rate_per_h = 0.0;
  HillCurve m1_by_ifng, m1_by_damp, m1_by_tnfa;
  double m2_polarization_rate_per_h = 0.0;
  HillCurve m2_by_il4, m2_by_il10, m2_by_pge2;
  double repolarization_rate_per_h = 0.0;  // M1 <-> M2 at full drive
  double tsg6_rate_per_h = 0.0;            // per unit of MSC suppressive contact
  bool tsg6_enabled = true;
  double m1_tnfa_ng_per_ml_per_h = 0.0;
  double m1_il12_ng_per_ml_per_h = 0.0;
  double m1_il6_ng_per_ml_per_h = 0.0;
  double m1_il1b_ng_per_ml_per_h = 0.0;
  double m2_il10_ng_per_ml_per_h = 0.0;
  double m2_tgfb_ng_per_ml_per_h = 0.0;
  double pge2_driven_il10_ng_per_ml_per_h = 0.0;
  HillCurve il10_by_pge2;
  bool in_vitro = false;
  double m1_tissue_damage_per_h = 0.0;
  double m2_tissue_repair_per_h = 0.0;
};

class Macrophage final : public Model {
 public:
  std::string name() const override { return "macrophage"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  MacrophageParameters p_;
  std::unique_ptr<InhibitorSet> m1_inhibitors_;
  std::optional<MscContactView> msc_;
  PopulationId population_ = 0;
  ColumnId state_ = 0, next_state_ = 0;
  FieldId ifng_ = 0, damp_ = 0, tnfa_ = 0, il4_ = 0, il10_ = 0, pge2_ = 0, il12_ = 0, il6_ = 0, il1b_ = 0, tgfb_ = 0, health_ = 0;
};

}  // namespace mscsim::models
