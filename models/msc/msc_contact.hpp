#pragma once
// What other cell types see of a neighbouring MSC (contact = Moore neighbourhood). The
// columns are written by the MSC model in the Update phase only, so reading them in
// Interact is safe.
#include "models/common/cell_states.hpp"
#include "sim/engine/world.hpp"

namespace mscsim::models {

struct MscContactView {
  PopulationId population = 0;
  ColumnId licensing = 0, polarization = 0, potency = 0, mhc2 = 0, stress = 0, allogeneic = 0;

  // Looks the MSC population and its columns up by name (call from an initializer).
  static MscContactView of(const World& world) {
    MscContactView v;
    v.population = world.population_id(population::kMsc);
    const Population& msc = world.population(v.population);
    v.licensing = msc.column_id("licensing_level");
    v.polarization = msc.column_id("polarization");
    v.potency = msc.column_id("potency");
    v.mhc2 = msc.column_id("mhc2");
    v.stress = msc.column_id("stress");
    v.allogeneic = msc.column_id("allogeneic");
    return v;
  }

  // Strength of the contact-dependent suppressive program of an MSC (PD-L1, TSG-6):
  // like its soluble mediators it scales with max(p, 0) · licensing · potency · (1 − stress)
  // (MODEL.md section 3, Secretion).
  double suppressive_contact(const World& world, std::uint32_t row) const {
    const Population& msc = world.population(population);
    const double p = msc.real(polarization)[row];
    if (p <= 0.0) return 0.0;
    return p * msc.real(licensing)[row] * msc.real(potency)[row] * (1.0 - msc.real(stress)[row]);
  }
  double mhc2_level(const World& world, std::uint32_t row) const { return world.population(population).real(mhc2)[row]; }
  bool is_allogeneic(const World& world, std::uint32_t row) const {
    return world.population(population).integer(allogeneic)[row] != 0;
  }
  double licensing_level(const World& world, std::uint32_t row) const {
    return world.population(population).real(licensing)[row];
  }
};

}  // namespace mscsim::models
