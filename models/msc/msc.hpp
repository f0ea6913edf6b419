#pragma once
// The mesenchymal stromal cell agent (docs/ODD.md section 3.3.2): IFN-gamma licensing with a
// TNF-alpha co-signal and ex vivo pre-licensing, a slower IDO expression state, MHC-II
// bell-shaped in IFN-gamma, MSC1/MSC2 polarization (the Yin-Yang) driven by licensing,
// TLR priming and tissue danger signals, secretion scaled by phenotype, product
// attributes (passage, thawing, allogeneic), baseline apoptosis and a slow random walk
// biased up CXCL12 and inflammatory chemokines.
#include <cstdint>
#include <optional>

#include "models/msc/msc_factory.hpp"
#include "models/msc/msc_parameters.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

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
  std::uint32_t choose_move_target(const World& world, std::size_t row, rng::RandomStream& stream) const;
  void add_observer(ModelBuilder& builder);

  MscParameters p_;
  PopulationId population_ = 0;
  ColumnId licensing_ = 0, polarization_ = 0, potency_ = 0, mhc2_ = 0, stress_ = 0, cxcr4_ = 0, allogeneic_ = 0;
  ColumnId ido_level_ = 0, tlr3_signal_ = 0, tlr4_signal_ = 0, tlr4_responsiveness_ = 0, passage_ = 0;
  ColumnId il4_overexpression_ = 0, il10_overexpression_ = 0;
  std::optional<MscFactory> factory_;  // seeds the initial cells from the "msc." product
  FieldId ifng_ = 0, tnfa_ = 0, damp_ = 0, dsrna_ = 0, il1b_ = 0, cxcl12_ = 0, kyn_ = 0, pge2_ = 0, tgfb_ = 0, il6_ = 0, ccl2_ = 0, il4_ = 0, il10_ = 0, health_ = 0;
};

}  // namespace mscsim::models
