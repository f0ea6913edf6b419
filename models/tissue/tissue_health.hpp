#pragma once
#include <vector>
// Tissue parenchyma as a per-voxel health field h ∈ [0, 1] (docs/ODD.md section 3.3.1): damaged
// by TNF-α and by antibody, and by cytotoxic cells and M1 products through their own rules
// (which lower h in their voxel in the Secrete phase); repaired by M2 macrophages and MSC
// trophic factors (also through their rules). Damaged voxels release danger signals,
// CXCL12 and inflammatory chemokines in proportion to their damage 1 − h. Disease drivers
// that act through a cytokine (off by default; the disease scenarios switch them on):
// IL-17 from Th17 cells damages parenchyma (neutrophil-mediated injury, lumped) and makes
// stroma release chemokines; IL-4 (Th2, IL-13 lumped) and TGF-beta drive fibrosis, counted
// as loss of functional parenchyma (lower h).
#include "models/common/hill.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

// Name of the field the other models damage and repair.
inline constexpr const char* kHealthField = "health";

// Cytotoxic or repairing agents change the health of their own voxel (Secrete phase).
inline void damage_voxel(double& health, double rate_per_h, double dt_h) { health *= exp_minus(rate_per_h * dt_h); }
inline void repair_voxel(double& health, double rate_per_h, double dt_h) {
  health = 1.0 - (1.0 - health) * exp_minus(rate_per_h * dt_h);
}

struct TissueHealthParameters {
  bool in_vitro = false;
  double tnfa_damage_per_h = 0.0;
  HillCurve damage_by_tnfa;
  double antibody_damage_per_h = 0.0;
  HillCurve damage_by_antibody;
  double damp_release_ng_per_ml_per_h = 0.0;
  double cxcl12_release_ng_per_ml_per_h = 0.0;
  double ccl2_release_ng_per_ml_per_h = 0.0;
  // dsRNA (TLR3 ligand) released by parenchymal cells as they die: per unit of health lost.
  double dsrna_release_ng_per_ml_per_health_lost = 0.0;
  // Cytokine disease drivers (default off): IL-17 (Th17) damage and chemokine induction,
  // IL-4 (Th2) and TGF-beta fibrosis as loss of functional parenchyma.
  bool cytokine_drivers = false;  // any of the rates below > 0
  double il17_damage_per_h = 0.0;
  double il17_ccl2_release_ng_per_ml_per_h = 0.0;
  HillCurve response_to_il17;
  double il4_fibrosis_per_h = 0.0;
  HillCurve fibrosis_by_il4;
  double tgfb_fibrosis_per_h = 0.0;
  HillCurve fibrosis_by_tgfb;
};

class TissueHealth final : public Model {
 public:
  std::string name() const override { return "tissue_health"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  void update(World& world, const StepInfo& step) const;
  void cytokine_drivers(World& world, const StepInfo& step) const;

  TissueHealthParameters p_;
  // Health at the end of the previous step's update (what died since is the net loss).
  mutable std::vector<double> previous_health_;
  FieldId dsrna_ = 0;
  FieldId health_ = 0, tnfa_ = 0, antibody_ = 0, damp_ = 0, cxcl12_ = 0, ccl2_ = 0, il17_ = 0, il4_ = 0, tgfb_ = 0;
};

}  // namespace mscsim::models
