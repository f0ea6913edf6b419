#include "models/msc/msc_factory.hpp"

#include <cmath>

#include "models/common/cell_states.hpp"

namespace mscsim::models {

MscFactory::MscFactory(const World& world, const Scenario& scenario) : p_(read_msc_parameters(scenario)) {
  available_ = world.has_population(population::kMsc);
  if (!available_) return;
  population_ = world.population_id(population::kMsc);
  const Population& pop = world.population(population_);
  licensing_ = pop.column_id("licensing_level");
  polarization_ = pop.column_id("polarization");
  potency_ = pop.column_id("potency");
  mhc2_ = pop.column_id("mhc2");
  stress_ = pop.column_id("stress");
  cxcr4_ = pop.column_id("cxcr4");
  allogeneic_ = pop.column_id("allogeneic");
  ido_level_ = pop.column_id("ido_level");
  tlr3_signal_ = pop.column_id("tlr3_signal");
  tlr4_signal_ = pop.column_id("tlr4_signal");
  tlr4_responsiveness_ = pop.column_id("tlr4_responsiveness");
  passage_ = pop.column_id("passage");
  cohort_ = pop.column_id("cohort");
  il4_overexpression_ = pop.column_id("il4_overexpression_ng_per_ml_per_h");
  il10_overexpression_ = pop.column_id("il10_overexpression_ng_per_ml_per_h");
}

MscState MscFactory::state_at_release(const MscProduct& product) const {
  return prelicensed_state(p_, product.prelicensing_ifng_ng_per_ml, product.prelicensing_tnfa_ng_per_ml,
                           product.prelicensing_h);
}

std::size_t MscFactory::spawn(World& world, std::uint32_t voxel, const MscProduct& product, std::int32_t cohort,
                              rng::RandomStream& stream) const {
  const std::size_t row = world.spawn(population_, voxel);
  Population& pop = world.population(population_);
  const auto passage = static_cast<double>(product.passage);
  // Lognormal potency with mean 1 (exp(sd N − sd²/2)), lowered by senescence with passage
  // and scaled by the source tissue's factor.
  const double sd = p_.potency_log_sd;
  pop.real(potency_)[row] = std::exp(sd * stream.normal() - 0.5 * sd * sd) * potency_factor_for_passage(p_, passage) *
                            product.source_potency_factor;
  pop.integer(passage_)[row] = static_cast<std::int32_t>(product.passage);
  pop.real(cxcr4_)[row] = cxcr4(product);
  pop.integer(allogeneic_)[row] = product.allogeneic ? 1 : 0;
  pop.real(stress_)[row] = product.freshly_thawed ? 1.0 : 0.0;
  pop.real(tlr3_signal_)[row] = product.priming == MscPriming::PolyIcTlr3 ? p_.priming_strength : 0.0;
  pop.real(tlr4_signal_)[row] = product.priming == MscPriming::LpsTlr4 ? p_.priming_strength : 0.0;
  pop.real(tlr4_responsiveness_)[row] = product.tlr4_responsiveness;
  pop.integer(cohort_)[row] = cohort;
  pop.real(il4_overexpression_)[row] = product.il4_overexpression_ng_per_ml_per_h;
  pop.real(il10_overexpression_)[row] = product.il10_overexpression_ng_per_ml_per_h;
  const MscState s = state_at_release(product);
  pop.real(licensing_)[row] = s.licensing;
  pop.real(ido_level_)[row] = s.ido_level;
  pop.real(mhc2_)[row] = s.mhc2;
  pop.real(polarization_)[row] = s.polarization;
  return row;
}

}  // namespace mscsim::models
