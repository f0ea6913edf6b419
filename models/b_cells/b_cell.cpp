#include "models/b_cells/b_cell.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/common/cell_states.hpp"
#include "models/common/contact.hpp"
#include "models/common/newcomers.hpp"
#include "models/innate/immune_cell_events.hpp"
#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kActPurpose = rng::purpose_id("b_cell.activation_fate_division_migration");

const std::vector<std::string>& state_names() {
  static const std::vector<std::string> names = {"naive", "activated", "plasma", "breg"};
  return names;
}

// MSC soluble factors arrest B proliferation in G0/G1 and lower IgM/IgG/IgA (Corcione
// 2006; Rafei 2008). Which factors is not settled: the MSC2 mediators are used, each a
// switch (docs/ODD.md section 2).
const std::vector<InhibitorDefaults>& proliferation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.6, 1.0, "Corcione 2006 (soluble factors arrest B cells); assumption on the mediator"},
      {"pge2", 0.1, 0.6, 1.0, "Corcione 2006; assumption on the mediator"},
      {"tgfb", 0.5, 0.4, 1.0, "Corcione 2006; assumption on the mediator"},
  };
  return table;
}
const std::vector<InhibitorDefaults>& antibody_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.5, 1.0, "Corcione 2006 (lower IgM, IgG, IgA); assumption on the mediator"},
      {"pge2", 0.1, 0.5, 1.0, "Corcione 2006; Rafei 2008; assumption on the mediator"},
      {"tgfb", 0.5, 0.4, 1.0, "Corcione 2006; assumption on the mediator"},
  };
  return table;
}

double mean_lifespan_rate(const Scenario& s, const char* key) { return 1.0 / s.real(key); }
}  // namespace

void BCell::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("b_cell.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "B cells placed at random free voxels before the first step."));
  c.declare(text_parameter("b_cell.initial_state", "naive", state_names(), "assumption (model structure)",
                           "State of the initial B cells."));
  c.declare(real_parameter("b_cell.speed_um_per_h", 300.0, 0.0, 1.0e4, "um/h",
                           "assumption (~5 um/min)", "Random-walk speed."));
  c.declare(real_parameter("b_cell.activation_rate_per_h", 0.1, 0.0, 100.0, "1/h", "assumption",
                           "Naive -> activated rate at saturating antigen and full Th2 help."));
  c.declare(exclusive_min(real_parameter("b_cell.antigen_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                         "Antigen giving half the activation rate.")));
  c.declare(exclusive_min(real_parameter("b_cell.il4_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                         "IL-4 giving half of full T help.")));
  c.declare(real_parameter("b_cell.help_per_th2_contact", 1.0, 0.0, 1.0, "1", "assumption",
                           "Help from each neighbouring Th2 CD4 T cell (capped at full help)."));
  c.declare(exclusive_min(real_parameter("b_cell.division_time_h", 12.0, 0.0, 1.0e4, "h",
                                         "assumption (activated B cells divide every ~12 h)",
                                         "Division time of an activated B cell without suppression.")));
  c.declare(real_parameter("b_cell.plasma_rate_per_h", 0.02, 0.0, 100.0, "1/h", "assumption",
                           "Activated -> plasma cell differentiation rate."));
  c.declare(real_parameter("b_cell.breg_rate_per_h", 0.002, 0.0, 100.0, "1/h", "assumption",
                           "Activated -> regulatory B cell rate without MSCs."));
  c.declare(real_parameter("b_cell.breg_msc_contact_rate_per_h", 0.05, 0.0, 100.0, "1/h",
                           "Peng 2015; Franquesa 2015 (MSCs raise IL-10+ Bregs); assumption on the rate",
                           "Extra activated -> Breg rate per unit of neighbouring MSC suppressive contact."));
  c.declare(exclusive_min(real_parameter("b_cell.naive_lifespan_h", 1000.0, 0.0, 1.0e6, "h", "assumption",
                                         "Mean lifespan of a naive B cell.")));
  c.declare(exclusive_min(real_parameter("b_cell.activated_lifespan_h", 96.0, 0.0, 1.0e6, "h", "assumption",
                                         "Mean lifespan of an activated B cell.")));
  c.declare(exclusive_min(real_parameter("b_cell.plasma_lifespan_h", 120.0, 0.0, 1.0e6, "h",
                                         "assumption (short-lived plasmablasts, 3-5 days)",
                                         "Mean lifespan of a plasma cell.")));
  c.declare(exclusive_min(real_parameter("b_cell.breg_lifespan_h", 168.0, 0.0, 1.0e6, "h", "assumption",
                                         "Mean lifespan of a regulatory B cell.")));
  c.declare(real_parameter("b_cell.antibody_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Antibody released by a plasma cell without inhibition."));
  c.declare(real_parameter("b_cell.breg_il10_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h",
                           "Peng 2015 (IL-10+ Bregs); assumption on the rate", "IL-10 released by a regulatory B cell."));
  InhibitorSet::declare(c, "b_proliferation", proliferation_inhibitor_table());
  InhibitorSet::declare(c, "b_antibody", antibody_inhibitor_table());
}

void BCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("b_cell.initial_count");
  p_.initial_state = state_index(s.text("b_cell.initial_state"), state_names());
  p_.move_rate_per_h = s.real("b_cell.speed_um_per_h") / s.real("tissue.voxel_um");
  p_.activation_rate_per_h = s.real("b_cell.activation_rate_per_h");
  p_.activation_by_antigen = {s.real("b_cell.antigen_half_max_ng_per_ml"), 1.0};
  p_.help_by_il4 = {s.real("b_cell.il4_half_max_ng_per_ml"), 1.0};
  p_.help_per_th2_contact = s.real("b_cell.help_per_th2_contact");
  p_.division_rate_per_h = std::log(2.0) / s.real("b_cell.division_time_h");
  p_.plasma_rate_per_h = s.real("b_cell.plasma_rate_per_h");
  p_.breg_rate_per_h = s.real("b_cell.breg_rate_per_h");
  p_.breg_msc_contact_rate_per_h = s.real("b_cell.breg_msc_contact_rate_per_h");
  p_.naive_death_rate_per_h = mean_lifespan_rate(s, "b_cell.naive_lifespan_h");
  p_.activated_death_rate_per_h = mean_lifespan_rate(s, "b_cell.activated_lifespan_h");
  p_.plasma_death_rate_per_h = mean_lifespan_rate(s, "b_cell.plasma_lifespan_h");
  p_.breg_death_rate_per_h = mean_lifespan_rate(s, "b_cell.breg_lifespan_h");
  p_.antibody_ng_per_ml_per_h = s.real("b_cell.antibody_secretion_ng_per_ml_per_h");
  p_.breg_il10_ng_per_ml_per_h = s.real("b_cell.breg_il10_secretion_ng_per_ml_per_h");

  World& w = b.world();
  const double initial = static_cast<double>(p_.initial_state);
  population_ = b.add_population(population::kBCell, {{"state", ColumnType::Integer, "1", initial},
                                                       {"next_state", ColumnType::Integer, "1", initial},
                                                       {"divisions", ColumnType::Integer, "1", 0.0}});
  const Population& pop = w.population(population_);
  state_ = pop.column_id("state");
  next_state_ = pop.column_id("next_state");
  divisions_ = pop.column_id("divisions");
  const FieldSet& f = w.fields();
  antigen_ = f.id_of("antigen");
  il4_ = f.id_of("il4");
  antibody_ = f.id_of("antibody");
  il10_ = f.id_of("il10");
  proliferation_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "b_proliferation", proliferation_inhibitor_table());
  antibody_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "b_antibody", antibody_inhibitor_table());

  w.set_birth_hook(population_, [this](World& world, PopulationId p, std::size_t daughter, std::size_t mother,
                                       rng::RandomStream&) {
    std::int32_t* divisions = world.population(p).integer(divisions_);
    divisions[daughter] = ++divisions[mother];
  });
  set_state_newcomer_hook(w, population_, state_, next_state_);
  b.add_initializer([this](World& world) {
    if (world.has_population(population::kMsc)) msc_ = MscContactView::of(world);
    // Th2 help by contact needs the CD4 model; without it, IL-4 alone helps.
    has_cd4_ = world.has_population(population::kCd4T) &&
               world.population(world.population_id(population::kCd4T)).has_column("state");
    if (has_cd4_) {
      cd4_ = world.population_id(population::kCd4T);
      cd4_state_ = world.population(cd4_).column_id("state");
    }
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.initial_count), "b_cell.initial_placement",
                   p_.initial_state);
  });
  b.add_agent_rule({"b_cell.activation_fate_division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"b_cell.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer({{{"b_cell", "naive", "cells"},
                   {"b_cell", "activated", "cells"},
                   {"b_cell", "plasma", "cells"},
                   {"b_cell", "breg", "cells"},
                   {"b_cell", "mean_divisions", "divisions"},
                   {"b_cell", "antibody_secretion_ng_per_ml_per_h", "ng/mL/h"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& bc = world.population(population_);
                    const std::int32_t* state = bc.integer(state_);
                    const std::int32_t* divisions = bc.integer(divisions_);
                    std::array<double, 4> counts{};
                    double sum_div = 0, antibody = 0;
                    for (std::size_t r = 0; r < bc.size(); ++r) {
                      counts[static_cast<std::size_t>(state[r])] += 1.0;
                      sum_div += divisions[r];
                      if (state[r] == as_int(BCellState::Plasma))
                        antibody += p_.antibody_ng_per_ml_per_h * antibody_inhibitors_->remaining_fraction(world, bc.voxel[r]);
                    }
                    const double n = static_cast<double>(bc.size());
                    out = {counts[0], counts[1], counts[2], counts[3], n > 0 ? sum_div / n : 0.0, antibody};
                  }});
}

// One categorical draw per cell over the events of its state (docs/ODD.md section 2):
//   naive:     death, activation (antigen x Th2 help), migration
//   activated: death, division (inhibited by MSC factors), -> plasma, -> Breg, migration
//   plasma:    death (plasma cells stay put)
//   Breg:      death, migration
void BCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  const FieldSet& f = world.fields();
  const double* antigen = f.data(antigen_);
  const double* il4 = f.data(il4_);
  const Lattice& lattice = world.lattice();
  const MscContactView* msc = msc_ ? &*msc_ : nullptr;
  const auto th2 = as_int(Cd4State::Th2);
  // Exact thinning of naive cells: antigen signal and help are at most 1, so a uniform above
  // the probability at the largest rates means no event, whatever the antigen, IL-4 and
  // Th2 neighbours (which then need not be counted).
  const double naive_no_event_above =
      thinning_bound(p_.naive_death_rate_per_h + p_.activation_rate_per_h + p_.move_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (state[r] == as_int(BCellState::Naive) && u >= naive_no_event_above) continue;
    // Naive cells: each rate must stay within naive_no_event_above.
    std::array<double, 5> rates{};  // death, division, activation/plasma, Breg, migration
    switch (static_cast<BCellState>(state[r])) {
      case BCellState::Naive: {
        rates[0] = p_.naive_death_rate_per_h;
        const double signal = p_.activation_by_antigen(antigen[v]);
        if (signal > 0.0) {
          const int th2_contacts = has_cd4_ ? count_neighbours(world, v, cd4_, cd4_state_, th2) : 0;
          const double contact_help = std::min(1.0, p_.help_per_th2_contact * th2_contacts);
          const double help = 1.0 - (1.0 - contact_help) * (1.0 - p_.help_by_il4(il4[v]));
          rates[2] = p_.activation_rate_per_h * signal * help;
        }
        rates[4] = p_.move_rate_per_h;
        break;
      }
      case BCellState::Activated:
        rates[0] = p_.activated_death_rate_per_h;
        rates[1] = p_.division_rate_per_h * proliferation_inhibitors_->remaining_fraction(world, v);
        rates[2] = p_.plasma_rate_per_h;
        rates[3] = p_.breg_rate_per_h + p_.breg_msc_contact_rate_per_h * msc_suppressive_contact(world, msc, v);
        rates[4] = p_.move_rate_per_h;
        break;
      case BCellState::Plasma: rates[0] = p_.plasma_death_rate_per_h; break;
      case BCellState::Breg:
        rates[0] = p_.breg_death_rate_per_h;
        rates[4] = p_.move_rate_per_h;
        break;
    }
    switch (draw_competing_event(rates, step.dt_h, u)) {
      case 0: pop.fate[r] = Fate::Die; break;
      case 1: {
        const std::uint32_t target = random_free_neighbour(lattice, v, stream);
        if (target != Population::kNoVoxel) pop.divide_to[r] = target;
        break;
      }
      case 2:
        next_state[r] = state[r] == as_int(BCellState::Naive) ? as_int(BCellState::Activated) : as_int(BCellState::Plasma);
        break;
      case 3: next_state[r] = as_int(BCellState::Breg); break;
      case 4: {
        const std::uint32_t target = random_hop_target(lattice, v, stream);
        if (target != Lattice::kEmpty) pop.move_to[r] = target;
        break;
      }
      default: break;
    }
  }
}

// Plasma cells release antibody (lowered by MSC factors); Bregs release IL-10.
void BCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double* antibody = f.data(antibody_);
  double* il10 = f.data(il10_);
  const SourceStep antibody_step = world.fields().source_step(antibody_, 0.0, step.dt_h);
  const SourceStep il10_step = world.fields().source_step(il10_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    const std::uint32_t v = pop.voxel[r];
    if (state[r] == as_int(BCellState::Plasma)) {
      const double rate = p_.antibody_ng_per_ml_per_h * antibody_inhibitors_->remaining_fraction(world, v);
      antibody[v] = antibody_step.apply(antibody[v], rate);
    } else if (state[r] == as_int(BCellState::Breg)) {
      il10[v] = il10_step.apply(il10[v], p_.breg_il10_ng_per_ml_per_h);
    }
  }
}

}  // namespace mscsim::models
