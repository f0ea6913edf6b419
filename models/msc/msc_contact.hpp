#pragma once
// What other cell types see of a neighbouring MSC (contact = Moore neighbourhood). The
// columns are written by the MSC model in the Update phase only, so reading them in
// Interact is safe.
#include "models/common/cell_states.hpp"
#include "sim/engine/world.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

struct MscContactView {
  PopulationId population = 0;
  ColumnId licensing = 0, polarization = 0, potency = 0, mhc2 = 0, stress = 0, allogeneic = 0;
  ColumnId ido_level = 0, cxcr4 = 0;

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
    v.ido_level = msc.column_id("ido_level");
    v.cxcr4 = msc.column_id("cxcr4");
    return v;
  }

  // Strength of the contact-dependent suppressive program of an MSC (PD-L1, TSG-6):
  // like its soluble mediators it scales with max(p, 0) · licensing · potency · (1 − stress)
  // (docs/ODD.md section 3.3.2, Secretion).
  double suppressive_contact(const World& world, std::uint32_t row) const {
    const Population& msc = world.population(population);
    const double p = msc.real(polarization)[row];
    if (p <= 0.0) return 0.0;
    return p * msc.real(licensing)[row] * msc.real(potency)[row] * (1.0 - msc.real(stress)[row]);
  }
  double mhc2_level(const World& world, std::uint32_t row) const {
    return world.population(population).real(mhc2)[row];
  }
  bool is_allogeneic(const World& world, std::uint32_t row) const {
    return world.population(population).integer(allogeneic)[row] != 0;
  }
  double licensing_level(const World& world, std::uint32_t row) const {
    return world.population(population).real(licensing)[row];
  }
  double ido_expression(const World& world, std::uint32_t row) const {
    return world.population(population).real(ido_level)[row];
  }
};

// The contact mechanisms of the MSC that other cell types apply (declared by the MSC
// model): PD-L1 on T cells (Augello 2005; Bernardo & Fibbe 2013) and TSG-6 on macrophages
// (Choi 2011). Read once at build: MscContactSwitches::of(builder.scenario()).
struct MscContactSwitches {
  bool pdl1_enabled = true;
  bool tsg6_enabled = true;

  static MscContactSwitches of(const Scenario& scenario) {
    return {scenario.flag("msc.pdl1_enabled"), scenario.flag("msc.tsg6_enabled")};
  }
};

}  // namespace mscsim::models
