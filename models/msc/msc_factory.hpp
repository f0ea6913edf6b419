#pragma once
// Making MSC agents from a product (docs/ODD.md sections 3.3.2 and 3.3.7). The MSC model seeds its
// initial cells through it, and the body model (models/body) puts the cells of a dose that
// reach the lattice through it, so a cell's state at release is set in one place.
#include <cstdint>

#include "models/msc/msc_parameters.hpp"
#include "models/msc/msc_product.hpp"
#include "models/msc/msc_rules.hpp"
#include "sim/engine/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

// The label of polarization p (docs/ODD.md section 3.3.2): MSC1 below −θ, MSC2 above θ.
inline MscPhenotype phenotype_of(double polarization, double threshold) {
  if (polarization < -threshold) return MscPhenotype::Msc1;
  if (polarization > threshold) return MscPhenotype::Msc2;
  return MscPhenotype::Msc0;
}

class MscFactory {
 public:
  // Looks up the "msc" population and its columns; available() is false when the world
  // has no MSC population.
  MscFactory(const World& world, const Scenario& scenario);

  bool available() const { return available_; }
  const MscParameters& parameters() const { return p_; }

  // A new MSC of `product` in the free voxel `voxel`, member of `cohort` (−1: seeded by
  // msc.initial_count). Draws its potency from `stream`. Serial contexts only (set-up,
  // events, world rules). Returns its row.
  std::size_t spawn(World& world, std::uint32_t voxel, const MscProduct& product, std::int32_t cohort,
                    rng::RandomStream& stream) const;

  // State of a product's cell when it leaves the bag: pre-licensing integrated ex vivo
  // (Polchert 2008); TLR priming acts later, through the decaying primed signal.
  MscState state_at_release(const MscProduct& product) const;
  MscPhenotype phenotype_at_release(const MscProduct& product) const {
    return phenotype_of(state_at_release(product).polarization, p_.phenotype_threshold);
  }
  // CXCR4 falls with passage (Marquez-Curtis 2013).
  double cxcr4(const MscProduct& product) const {
    return cxcr4_for_passage(p_, static_cast<double>(product.passage));
  }

 private:
  MscParameters p_;
  bool available_ = false;
  PopulationId population_ = 0;
  ColumnId licensing_ = 0, polarization_ = 0, potency_ = 0, mhc2_ = 0, stress_ = 0, cxcr4_ = 0, allogeneic_ = 0;
  ColumnId ido_level_ = 0, tlr3_signal_ = 0, tlr4_signal_ = 0, tlr4_responsiveness_ = 0, passage_ = 0, cohort_ = 0;
  ColumnId il4_overexpression_ = 0, il10_overexpression_ = 0;
};

}  // namespace mscsim::models
