#include "models/t_cells/t_cell_common.hpp"

#include <cmath>

#include "models/common/cell_states.hpp"
#include "models/common/contact.hpp"
#include "models/common/cotherapy.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

void declare_t_cell_kinetics(ParameterCatalogue& c, const std::string& pop, const TCellKineticsDefaults& d) {
  c.declare(exclusive_min(real_parameter(pop + ".division_time_h", d.division_time_h, 0.0, 1.0e5, "h",
                                         d.division_reference,
                                         "Division time with saturating IL-2 and no suppression.")));
  c.declare(exclusive_min(real_parameter(pop + ".first_division_time_h", d.first_division_time_h, 0.0, 1.0e5, "h",
                                         "Gett & Hodgkin 2000 (first division of activated T cells after ~30-40 h)",
                                         "Mean time from activation to the first division, with saturating IL-2 and "
                                         "no suppression.")));
  c.declare(exclusive_min(real_parameter(pop + ".il2_half_max_ng_per_ml", d.il2_half_max_ng_per_ml, 0.0, 1.0e4,
                                         "ng/mL", d.il2_half_max_reference,
                                         "IL-2 giving half-maximal proliferation (division needs IL-2).")));
  c.declare(real_parameter(pop + ".resting_death_per_day", d.resting_death_per_day, 0.0, 100.0, "1/day",
                           d.resting_death_reference, "Death rate of resting (naive or natural regulatory) cells."));
  c.declare(real_parameter(pop + ".effector_death_per_day", d.effector_death_per_day, 0.0, 100.0, "1/day",
                           "assumption (effector death 0.5-1 per day)",
                           "Death rate of activated and effector cells."));
  c.declare(real_parameter(pop + ".il2_survival_max", d.il2_survival_max, 0.0, 1.0, "1",
                           "assumption (activated T cells die of IL-2 withdrawal)",
                           "Fraction of the effector death rate that saturating IL-2 prevents (same IL-2 curve as "
                           "proliferation)."));
  c.declare(real_parameter(pop + ".speed_um_per_h", d.speed_um_per_h, 0.0, 1.0e4, "um/h",
                           "assumption (two-photon 5-10 um/min)", "Random-walk speed."));
  c.declare(real_parameter(pop + ".il2_uptake_per_h", d.il2_uptake_per_h, 0.0, 1.0e4, "1/h", d.il2_uptake_reference,
                           "First-order IL-2 consumption in the cell's voxel by IL-2 receptor-bearing cells."));
  c.declare(real_parameter(pop + ".ifng_uptake_per_h", d.ifng_uptake_per_h, 0.0, 1.0e4, "1/h",
                           "Oyler-Yaniv 2017 (IFN-gamma spread is limited by consumption by receptor-bearing cells); "
                           "calibrated: IFN-gamma in MLR supernatants about 1-10 ng/mL",
                           "First-order IFN-gamma consumption in the cell's voxel through the IFN-gamma receptor "
                           "(every state). In a culture well, where nothing else clears IFN-gamma quickly, it is "
                           "what keeps the supernatant in the ng/mL range as the T cells multiply."));
}

TCellKinetics read_t_cell_kinetics(const Scenario& s, const std::string& pop) {
  TCellKinetics k;
  k.division_rate_per_h = std::log(2.0) / s.real(pop + ".division_time_h");
  k.first_division_rate_per_h = 1.0 / s.real(pop + ".first_division_time_h");
  k.proliferation_by_il2 = {s.real(pop + ".il2_half_max_ng_per_ml"), 1.0};
  k.resting_death_rate_per_h = s.real(pop + ".resting_death_per_day") / 24.0;
  k.effector_death_rate_per_h = s.real(pop + ".effector_death_per_day") / 24.0;
  k.il2_survival_max = s.real(pop + ".il2_survival_max");
  k.move_rate_per_h = s.real(pop + ".speed_um_per_h") / s.real("tissue.voxel_um");
  k.il2_uptake_per_h = s.real(pop + ".il2_uptake_per_h");
  k.ifng_uptake_per_h = s.real(pop + ".ifng_uptake_per_h");
  return k;
}

void declare_t_cell_priming(ParameterCatalogue& c, const std::string& pop) {
  c.declare(real_parameter(pop + ".priming_contact_h", 6.0, 0.0, 1.0e3, "h",
                           "Mempel 2004 (priming needs hours of APC contact); assumption (4-8 h)",
                           "Accumulated contact with antigen-presenting cells needed before activation."));
  c.declare(real_parameter(pop + ".activation_rate_per_h", 0.5, 0.0, 1.0e3, "1/h", "assumption",
                           "Activation rate of a primed cell still in contact with an APC, before suppression."));
  c.declare(real_parameter(pop + ".antigen_responder_fraction", 0.1, 0.0, 1.0, "1",
                           "assumption; Suchin 2001 (1-10 % of T cells are alloreactive)",
                           "Fraction of naive cells whose receptor recognises the antigen presented in the "
                           "scenario (drawn per cell at seeding)."));
}

TCellPriming read_t_cell_priming(const Scenario& s, const std::string& pop) {
  // A calcineurin inhibitor lowers the activation rate (docs/ODD.md section 3.3.1; factor 1 without).
  return {s.real(pop + ".priming_contact_h"),
          s.real(pop + ".activation_rate_per_h") * read_cotherapy(s).t_activation,
          s.real(pop + ".antigen_responder_fraction")};
}

TCellContactSuppression TCellContactSuppression::read(const Scenario& s) {
  TCellContactSuppression c;
  c.pdl1_enabled = MscContactSwitches::of(s).pdl1_enabled;
  c.pdl1 = {s.real("t_cell.pdl1_half_max_contact"), 1.0};
  c.pdl1_imax = s.real("t_cell.pdl1_imax");
  c.treg = {s.real("t_cell.treg_contact_half_max_cells"), 1.0};
  c.treg_imax = s.real("t_cell.treg_contact_imax");
  c.msc_presentation_mhc2_threshold = s.real("t_cell.msc_presentation_mhc2_threshold");
  return c;
}

void TCellContacts::resolve(const World& world, double mhc2_threshold) {
  mhc2_threshold_ = mhc2_threshold;
  has_dc_ = world.has_population(population::kDendriticCell);
  if (has_dc_) {
    dc_ = world.population_id(population::kDendriticCell);
    dc_state_ = world.population(dc_).column_id("state");
  }
  has_treg_ = world.has_population(population::kTreg);
  if (has_treg_) treg_ = world.population_id(population::kTreg);
  has_msc_ = world.has_population(population::kMsc);
  if (has_msc_) msc_ = MscContactView::of(world);
}

TCellNeighbourhood TCellContacts::scan(const World& world, std::uint32_t voxel) const {
  TCellNeighbourhood n;
  const std::int32_t* dc_state = has_dc_ ? world.population(dc_).integer(dc_state_) : nullptr;
  for_each_neighbour(world, voxel, [&](AgentHandle h) {
    if (has_dc_ && h.population == dc_) {
      const std::int32_t s = dc_state[h.row];
      if (s == as_int(DendriticState::Mature)) ++n.mature_dc;
      else if (s == as_int(DendriticState::Tolerogenic)) ++n.tolerogenic_dc;
    } else if (has_treg_ && h.population == treg_) {
      ++n.treg;
    } else if (has_msc_ && h.population == msc_.population) {
      n.msc_rows[static_cast<std::size_t>(n.msc++)] = h.row;
      n.msc_pdl1 += msc_.suppressive_contact(world, h.row);
      if (msc_.mhc2_level(world, h.row) > mhc2_threshold_) ++n.msc_presenting;
    }
  });
  return n;
}

int TCellContacts::scan_msc(const World& world, std::uint32_t voxel,
                            std::array<std::uint32_t, Lattice::kMaxNeighbours>& rows) const {
  int n = 0;
  if (!has_msc_) return n;
  for_each_neighbour(world, voxel, [&](AgentHandle h) {
    if (h.population == msc_.population) rows[static_cast<std::size_t>(n++)] = h.row;
  });
  return n;
}

void declare_t_cell_seeding(ParameterCatalogue& c, const std::string& pop, const std::vector<std::string>& states,
                            const std::string& default_state) {
  c.declare(integer_parameter(pop + ".initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "Cells placed at random free voxels before the first step."));
  c.declare(text_parameter(pop + ".initial_state", default_state, states, "assumption",
                           "State of the cells placed before the first step."));
}

TCellSeeding read_t_cell_seeding(const Scenario& s, const std::string& pop, const std::vector<std::string>& states) {
  TCellSeeding seeding;
  seeding.count = s.integer(pop + ".initial_count");
  const std::string& text = s.text(pop + ".initial_state");
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i] == text) seeding.state = static_cast<std::int32_t>(i);
  return seeding;
}

PrimedTCellColumns add_primed_t_cell_population(ModelBuilder& builder, const std::string& name,
                                                PopulationId& population) {
  population = builder.add_population(name, {{"state", ColumnType::Integer, "1", 0.0},
                                             {"next_state", ColumnType::Integer, "1", 0.0},
                                             {"divisions", ColumnType::Integer, "1", 0.0},
                                             {"contact_time_h", ColumnType::Real, "h", 0.0},
                                             {"antigen_specific", ColumnType::Integer, "1", 0.0}});
  const Population& pop = builder.world().population(population);
  PrimedTCellColumns c;
  c.state = pop.column_id("state");
  c.next_state = pop.column_id("next_state");
  c.divisions = pop.column_id("divisions");
  c.contact_time = pop.column_id("contact_time_h");
  c.antigen_specific = pop.column_id("antigen_specific");
  return c;
}

void set_primed_t_cell_newcomer_hook(World& world, PopulationId population, const PrimedTCellColumns& columns,
                                     std::int32_t naive_state, double responder_fraction) {
  world.set_newcomer_hook(population, [columns, naive_state, responder_fraction](
                                          World& w, PopulationId p, std::size_t row, std::int32_t arriving_state,
                                          rng::RandomStream& stream) {
    Population& cells = w.population(p);
    cells.integer(columns.state)[row] = arriving_state;
    cells.integer(columns.next_state)[row] = arriving_state;
    const bool specific = arriving_state != naive_state || stream.uniform() < responder_fraction;
    cells.integer(columns.antigen_specific)[row] = specific ? 1 : 0;
  });
}

Observer state_count_observer(PopulationId population, ColumnId state, const std::string& group,
                              const std::vector<std::string>& state_names) {
  Observer o;
  for (const std::string& name : state_names) o.series.push_back({group, name, "cells"});
  const std::size_t n_states = state_names.size();
  o.compute = [population, state, n_states](const World& world, double, std::vector<double>& out) {
    out.assign(n_states, 0.0);
    const Population& pop = world.population(population);
    const std::int32_t* s = pop.integer(state);
    for (std::size_t r = 0; r < pop.size(); ++r)
      if (s[r] >= 0 && static_cast<std::size_t>(s[r]) < n_states) out[static_cast<std::size_t>(s[r])] += 1.0;
  };
  return o;
}

void count_divisions_at_birth(World& world, PopulationId population, ColumnId divisions) {
  world.set_birth_hook(population, [divisions](World& w, PopulationId p, std::size_t daughter, std::size_t mother,
                                               rng::RandomStream&) {
    std::int32_t* d = w.population(p).integer(divisions);
    d[daughter] = ++d[mother];
  });
}

}  // namespace mscsim::models
