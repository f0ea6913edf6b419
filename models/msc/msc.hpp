#pragma once
// The mesenchymal stromal cell agent (MODEL.md section 3): IFN-gamma licensing with a
// TNF-alpha co-signal, MSC1/MSC2 polarization (the Yin-Yang), secretion scaled by
// phenotype, baseline apoptosis and a slow random walk.
#include <cstdint>

#include "models/common/hill.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct MscParameters {
  std::int64_t initial_count = 0;
  HillCurve licensing_by_ifng;         // H(ifng; K_lic, n)
  HillCurve costimulation_by_tnfa;     // H(tnfa; K_tnf)
  double licensing_ifng_alone = 0.3;   // a0
  double licensing_time_constant_h = 12.0;
  double polarization_time_constant_h = 24.0;
  double polarization_gain = 3.0;      // g
  double licensing_weight = 2.0;       // w_lic
  double licensing_threshold = 0.3;    // theta
  double polarization_noise_per_sqrt_h = 0.05;
  double phenotype_threshold = 0.33;   // theta_label
  double potency_log_sd = 0.25;
  double kyn_secretion_ng_per_ml_per_h = 0.0;
  double pge2_secretion_ng_per_ml_per_h = 0.0;
  double tgfb_secretion_ng_per_ml_per_h = 0.0;
  double il6_secretion_ng_per_ml_per_h = 0.0;
  double ccl2_secretion_ng_per_ml_per_h = 0.0;
  double apoptosis_rate_per_h = 0.0;
  double move_rate_per_h = 0.0;        // voxel hops per hour = speed / voxel edge
};

class Msc final : public Model {
 public:
  std::string name() const override { return "msc"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

  const MscParameters& parameters() const { return p_; }

 private:
  void update_state(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;
  void secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  MscParameters p_;
  PopulationId population_ = 0;
  ColumnId licensing_ = 0, polarization_ = 0, potency_ = 0;
  FieldId ifng_ = 0, tnfa_ = 0, kyn_ = 0, pge2_ = 0, tgfb_ = 0, il6_ = 0, ccl2_ = 0;
};

}  // namespace mscsim::models
