#pragma once
// Whole-tissue readouts of docs/ODD.md section 2: the immune balance log2-ratios, mean
// tissue damage and the disease activity score. They read the populations' "state"
// columns by the names in common/cell_states.hpp; a population a run does not have
// counts as zero.
#include <array>
#include <string>

#include "sim/engine/model.hpp"

namespace mscsim::models {

struct StateCounts {
  double th1 = 0, th2 = 0, th17 = 0, treg = 0, ctl = 0, m1 = 0, m2 = 0, mature_dc = 0, tolerogenic_dc = 0,
         breg = 0, activated_b = 0, plasma = 0;
};

// Counts the cells of every state that enters a balance index.
StateCounts count_states(const World& world);

// log2((a + 1) / (b + 1)): the +1 keeps the index finite when a side is empty and shrinks
// it toward 0 when both are small (a documented choice; assumption).
double log2_ratio(double a, double b);

class ImmuneReadouts final : public Model {
 public:
  std::string name() const override { return "immune_readouts"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

 private:
  double damage_weight_ = 0.5;
  bool in_vitro_ = false;
};

}  // namespace mscsim::models
