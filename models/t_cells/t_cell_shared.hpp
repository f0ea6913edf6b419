#pragma once
// Parameters every T-cell population reads (docs/ODD.md sections 3.3.3-3.3.6 and 2): the named
// inhibitor lists of T activation, T proliferation, Th17 differentiation and CTL
// cytotoxicity (one ablation switch per mediator), and the contact suppression by PD-L1 on
// MSCs and by neighbouring Tregs. Declared once here; each T-cell model reads them.
#include <vector>

#include "models/common/suppression.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

// Process names of the inhibitor lists: suppression.<process>.<field>.*
inline constexpr const char* kTActivation = "t_activation";
inline constexpr const char* kTProliferation = "t_proliferation";
inline constexpr const char* kTh17Differentiation = "th17_differentiation";
inline constexpr const char* kCtlCytotoxicity = "ctl_cytotoxicity";

const std::vector<InhibitorDefaults>& t_activation_inhibitor_table();
const std::vector<InhibitorDefaults>& t_proliferation_inhibitor_table();
const std::vector<InhibitorDefaults>& th17_differentiation_inhibitor_table();
const std::vector<InhibitorDefaults>& ctl_cytotoxicity_inhibitor_table();

class TCellShared final : public Model {
 public:
  std::string name() const override { return "t_cell_shared"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder&) override {}
};

}  // namespace mscsim::models
