#include "models/t_cells/regulatory_t_cell.hpp"

#include <algorithm>
#include <array>

#include "models/common/cell_states.hpp"
#include "models/common/newcomers.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kActPurpose = rng::purpose_id("treg.act");
constexpr const char* kPop = population::kTreg;
}  // namespace

const std::vector<std::string>& treg_state_names() {
  static const std::vector<std::string> names = {"natural", "induced"};
  return names;
}

void RegulatoryTCell::declare_parameters(ParameterCatalogue& c) const {
  const std::string p = kPop;
  declare_t_cell_seeding(c, p, treg_state_names(), "natural");
  TCellKineticsDefaults d;
  d.division_time_h = 192.0;
  d.division_reference = "Vukmanovic-Stejic 2006 (human Treg doubling about 8 days in vivo)";
  d.first_division_time_h = 192.0;
  d.resting_death_per_day = 0.087;
  d.resting_death_reference = "assumption; Vukmanovic-Stejic 2006 (steady state: death balances the 8-day doubling)";
  d.effector_death_per_day = 0.2;
  d.il2_uptake_per_h = 5.0;
  d.il2_uptake_reference = "assumption (Tregs consume IL-2 through high CD25)";
  declare_t_cell_kinetics(c, p, d);
  c.declare(real_parameter(p + ".il10_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-10 released by a Treg."));
  c.declare(real_parameter(p + ".tgfb_secretion_ng_per_ml_per_h", 0.5, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Active TGF-beta released by a Treg."));
}

void RegulatoryTCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  const std::string p = kPop;
  p_.seeding = read_t_cell_seeding(s, p, treg_state_names());
  p_.kinetics = read_t_cell_kinetics(s, p);
  p_.il10_ng_per_ml_per_h = s.real(p + ".il10_secretion_ng_per_ml_per_h");
  p_.tgfb_ng_per_ml_per_h = s.real(p + ".tgfb_secretion_ng_per_ml_per_h");

  World& w = b.world();
  population_ = b.add_population(p, {{"state", ColumnType::Integer, "1", 0.0},
                                     {"next_state", ColumnType::Integer, "1", 0.0},
                                     {"divisions", ColumnType::Integer, "1", 0.0}});
  const Population& pop = w.population(population_);
  state_ = pop.column_id("state");
  next_state_ = pop.column_id("next_state");
  divisions_ = pop.column_id("divisions");
  il2_ = w.fields().id_of("il2");
  il10_ = w.fields().id_of("il10");
  tgfb_ = w.fields().id_of("tgfb");
  ifng_ = w.fields().id_of("ifng");

  count_divisions_at_birth(w, population_, divisions_);
  // A CD4 T cell converted into a Treg is an induced Treg that keeps its division count.
  w.set_conversion_hook(population_, [this](World& world, PopulationId target, std::size_t row, PopulationId source,
                                            std::size_t source_row) {
    Population& treg = world.population(target);
    treg.integer(state_)[row] = as_int(TregState::Induced);
    treg.integer(next_state_)[row] = as_int(TregState::Induced);
    const Population& from = world.population(source);
    if (from.has_column("divisions")) treg.integer(divisions_)[row] = from.integer(from.column_id("divisions"))[source_row];
  });
  set_state_newcomer_hook(w, population_, state_, next_state_);
  b.add_initializer([this](World& world) {
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.seeding.count), "treg.initial_placement",
                   p_.seeding.state);
  });
  b.add_agent_rule({"treg.division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"treg.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer(state_count_observer(population_, state_, p, treg_state_names()));
}

// Death and IL-2-driven division as one categorical draw (docs/ODD.md section 2), then the
// random walk in steps without either.
void RegulatoryTCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  const double* il2 = world.fields().data(il2_);
  const Lattice& lattice = world.lattice();
  const TCellKinetics& k = p_.kinetics;
  const double p_move = step_probability(k.move_rate_per_h, step.dt_h);
  // Exact thinning: death and division at their largest (saturating IL-2, no IL-2 survival).
  const double largest_death = std::max(k.resting_death_rate_per_h, k.effector_death_rate_per_h);
  const double no_event_above = thinning_bound(largest_death + k.division_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= no_event_above) {
      maybe_hop(pop, r, lattice, p_move, stream);
      continue;
    }
    const std::uint32_t v = pop.voxel[r];
    const double death =
        state[r] == as_int(TregState::Natural) ? k.resting_death_rate_per_h : k.effector_death_with_il2(il2[v]);
    // Each rate here must stay within the thinning bound above (no_event_above).
    const std::array<double, 2> rates = {death, k.division_rate_per_h * k.proliferation_by_il2(il2[v])};
    const int event = draw_competing_event(rates, step.dt_h, u);
    apply_death_division_or_hop(pop, r, event, lattice, p_move, stream);
  }
}

void RegulatoryTCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double *il2 = f.data(il2_), *il10 = f.data(il10_), *tgfb = f.data(tgfb_), *ifng = f.data(ifng_);
  const SourceStep il10_step = world.fields().source_step(il10_, 0.0, step.dt_h);
  const SourceStep tgfb_step = world.fields().source_step(tgfb_, 0.0, step.dt_h);
  const SourceStep il2_uptake_step = world.fields().source_step(il2_, p_.kinetics.il2_uptake_per_h, step.dt_h);
  // Tregs consume IFN-gamma through its receptor like every T cell (Oyler-Yaniv 2017).
  const double ifng_uptake = p_.kinetics.ifng_uptake_per_h;
  const SourceStep ifng_uptake_step = world.fields().source_step(ifng_, ifng_uptake, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    const std::uint32_t v = pop.voxel[r];
    if (ifng_uptake > 0.0) ifng[v] = ifng_uptake_step.apply(ifng[v], 0.0);
    il10[v] = il10_step.apply(il10[v], p_.il10_ng_per_ml_per_h);
    tgfb[v] = tgfb_step.apply(tgfb[v], p_.tgfb_ng_per_ml_per_h);
    il2[v] = il2_uptake_step.apply(il2[v], 0.0);
  }
}

}  // namespace mscsim::models
