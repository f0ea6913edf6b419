#include "models/innate/dendritic_cell.hpp"

#include <array>

#include "models/common/cell_states.hpp"
#include "models/common/cotherapy.hpp"
#include "models/common/newcomers.hpp"
#include "models/innate/immune_cell_events.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kUpdatePurpose = rng::purpose_id("dc.maturation");
constexpr std::uint64_t kActPurpose = rng::purpose_id("dc.contact_fate_migration");

const std::vector<std::string>& state_names() {
  static const std::vector<std::string> names = {"immature", "mature", "tolerogenic", "plasmacytoid"};
  return names;
}

// MSC mediators that block DC maturation (docs/ODD.md sections 3.3.3-3.3.6 and 2).
const std::vector<InhibitorDefaults>& maturation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"pge2", 0.2, 0.9, 1.0, "Spaggiari 2009 (PGE2 from MSCs blocks monocyte-derived DC maturation)"},
      {"il6", 2.0, 0.6, 1.0, "Melief 2013; Djouad 2007 (IL-6 from MSCs blocks DC differentiation)"},
      {"il10", 1.0, 0.7, 1.0, "Jiang 2005; assumption on IC50 (IL-10 keeps DCs immature)"},
  };
  return table;
}

// The same mediators lower IL-12 output of mature DCs (Spaggiari 2009; Aggarwal & Pittenger 2005).
const std::vector<InhibitorDefaults>& il12_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"pge2", 0.2, 0.9, 1.0, "Spaggiari 2009; Aggarwal & Pittenger 2005 (MSCs lower DC IL-12)"},
      {"il6", 2.0, 0.5, 1.0, "Melief 2013; assumption on IC50 and Imax"},
      {"il10", 1.0, 0.8, 1.0, "Jiang 2005; assumption on IC50 (IL-10 suppresses IL-12)"},
  };
  return table;
}
}  // namespace

void DendriticCell::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("dc.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "Dendritic cells placed at random free voxels before the first step."));
  c.declare(text_parameter("dc.initial_state", "immature", state_names(), "assumption (model structure)",
                           "State of the initial DCs (mature: stimulators of a mixed lymphocyte reaction)."));
  c.declare(real_parameter("dc.speed_um_per_h", 120.0, 0.0, 1.0e4, "um/h",
                           "assumption (two-photon ~2 um/min)", "Random-walk speed."));
  c.declare(real_parameter("dc.antigen_uptake_rate_per_h", 0.5, 0.0, 100.0, "1/h", "assumption",
                           "Rate at which an immature DC fills its antigen load at saturating antigen."));
  c.declare(exclusive_min(real_parameter("dc.antigen_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                         "Antigen giving half the largest uptake rate.")));
  c.declare(real_parameter("dc.maturation_rate_per_h", 0.08, 0.0, 100.0, "1/h",
                           "assumption (LPS matures monocyte-derived DCs within about a day)",
                           "Maturation rate of an immature DC at saturating danger signal or TNF-alpha."));
  c.declare(exclusive_min(real_parameter("dc.maturation_damp_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "Danger signal (TLR4 ligand) giving half-maximal maturation.")));
  c.declare(exclusive_min(real_parameter("dc.maturation_tnfa_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "calibrated: rescaled to physiological TNF-alpha (0.1-5 ng/mL, Saxne 1988; Aggarwal 2005) once receptor uptake bounds it; the old 5 ng/mL sat below the unbounded 40-300 ng/mL, always saturated", "TNF-alpha giving half-maximal maturation.")));
  c.declare(real_parameter("dc.tolerogenic_rate_per_h", 0.1, 0.0, 100.0, "1/h",
                           "Zhang 2009 (MSCs turn DCs regulatory); assumption on the rate",
                           "Rate at which an immature DC becomes tolerogenic per unit of MSC suppressive contact."));
  c.declare(real_parameter("dc.plasmacytoid_rate_per_h", 0.03, 0.0, 100.0, "1/h",
                           "Chen 2007 (cDC share falls, pDC rises with MSCs); assumption on the rate",
                           "Rate at which an immature DC shifts to plasmacytoid per unit of MSC suppressive contact."));
  c.declare(real_parameter("dc.mature_to_tolerogenic_rate_per_h", 0.05, 0.0, 100.0, "1/h",
                           "Zhang 2009 (MSCs turn mature DCs into regulatory DCs); assumption on the rate",
                           "Rate at which a mature DC becomes tolerogenic per unit of MSC suppressive contact."));
  c.declare(exclusive_min(real_parameter("dc.mature_lifespan_h", 54.0, 0.0, 1.0e6, "h",
                                         "assumption (mDC lifespan 1.5-3 days)",
                                         "Mean lifespan of a mature DC.")));
  c.declare(exclusive_min(real_parameter("dc.lifespan_h", 168.0, 0.0, 1.0e6, "h", "assumption",
                                         "Mean lifespan of immature, tolerogenic and plasmacytoid DCs.")));
  c.declare(real_parameter("dc.mature_il12_secretion_ng_per_ml_per_h", 5.0, 0.0, 1.0e4, "ng/mL/h",
                           "calibrated: IL-12 near dense mature DCs in the ng/mL range",
                           "IL-12 released by a mature DC without inhibition."));
  c.declare(real_parameter("dc.mature_tnfa_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "TNF-alpha released by a mature DC."));
  c.declare(real_parameter("dc.mature_il6_secretion_ng_per_ml_per_h", 0.5, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-6 released by a mature DC (mature DCs are a source)."));
  c.declare(real_parameter("dc.tolerogenic_il10_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-10 released by a tolerogenic DC."));
  c.declare(real_parameter("dc.tolerogenic_kyn_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IDO activity (kynurenine) of a tolerogenic DC."));
  c.declare(real_parameter("dc.plasmacytoid_il10_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h",
                           "Aggarwal & Pittenger 2005 (MSC-exposed pDCs raise IL-10); assumption on the rate",
                           "IL-10 released by a plasmacytoid DC."));
  InhibitorSet::declare(c, "dc_maturation", maturation_inhibitor_table());
  InhibitorSet::declare(c, "dc_il12", il12_inhibitor_table());
}

void DendriticCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("dc.initial_count");
  p_.initial_state = state_index(s.text("dc.initial_state"), state_names());
  p_.move_rate_per_h = s.real("dc.speed_um_per_h") / s.real("tissue.voxel_um");
  p_.antigen_uptake_rate_per_h = s.real("dc.antigen_uptake_rate_per_h");
  p_.uptake_by_antigen = {s.real("dc.antigen_half_max_ng_per_ml"), 1.0};
  p_.maturation_rate_per_h = s.real("dc.maturation_rate_per_h");
  p_.maturation_by_damp = {s.real("dc.maturation_damp_half_max_ng_per_ml"), 1.0};
  p_.maturation_by_tnfa = {s.real("dc.maturation_tnfa_half_max_ng_per_ml"), 1.0};
  p_.tolerogenic_rate_per_h = s.real("dc.tolerogenic_rate_per_h");
  p_.plasmacytoid_rate_per_h = s.real("dc.plasmacytoid_rate_per_h");
  p_.mature_to_tolerogenic_rate_per_h = s.real("dc.mature_to_tolerogenic_rate_per_h");
  p_.mature_death_rate_per_h = 1.0 / s.real("dc.mature_lifespan_h");
  p_.death_rate_per_h = 1.0 / s.real("dc.lifespan_h");
  p_.mature_il12_ng_per_ml_per_h = s.real("dc.mature_il12_secretion_ng_per_ml_per_h");
  p_.mature_tnfa_ng_per_ml_per_h = s.real("dc.mature_tnfa_secretion_ng_per_ml_per_h");
  p_.mature_il6_ng_per_ml_per_h = s.real("dc.mature_il6_secretion_ng_per_ml_per_h");
  // Corticosteroids lower DC maturation and cytokine output (docs/ODD.md section 3.3.1; factors 1 without).
  const CoTherapyFactors co = read_cotherapy(s);
  p_.maturation_rate_per_h *= co.dc_maturation;
  p_.mature_il12_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.mature_tnfa_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.mature_il6_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.tolerogenic_il10_ng_per_ml_per_h = s.real("dc.tolerogenic_il10_secretion_ng_per_ml_per_h");
  p_.tolerogenic_kyn_ng_per_ml_per_h = s.real("dc.tolerogenic_kyn_secretion_ng_per_ml_per_h");
  p_.plasmacytoid_il10_ng_per_ml_per_h = s.real("dc.plasmacytoid_il10_secretion_ng_per_ml_per_h");

  World& w = b.world();
  const double initial = static_cast<double>(p_.initial_state);
  population_ = b.add_population(population::kDendriticCell, {{"state", ColumnType::Integer, "1", initial},
                                                               {"next_state", ColumnType::Integer, "1", initial},
                                                               {"antigen_load", ColumnType::Real, "1", 0.0}});
  const Population& pop = w.population(population_);
  state_ = pop.column_id("state");
  next_state_ = pop.column_id("next_state");
  antigen_load_ = pop.column_id("antigen_load");
  const FieldSet& f = w.fields();
  antigen_ = f.id_of("antigen");
  damp_ = f.id_of("damp");
  tnfa_ = f.id_of("tnfa");
  il12_ = f.id_of("il12");
  il6_ = f.id_of("il6");
  il10_ = f.id_of("il10");
  kyn_ = f.id_of("kyn");
  maturation_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "dc_maturation", maturation_inhibitor_table());
  il12_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "dc_il12", il12_inhibitor_table());

  set_state_newcomer_hook(w, population_, state_, next_state_);
  b.add_initializer([this](World& world) {
    if (world.has_population(population::kMsc)) msc_ = MscContactView::of(world);
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.initial_count), "dc.initial_placement",
                   p_.initial_state);
  });
  b.add_agent_rule({"dc.antigen_uptake_and_maturation", population_, Phase::Update,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { update(w2, st, b0, e0); }});
  b.add_agent_rule({"dc.msc_contact_fate_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"dc.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer({{{"dc", "immature", "cells"},
                   {"dc", "mature", "cells"},
                   {"dc", "tolerogenic", "cells"},
                   {"dc", "plasmacytoid", "cells"},
                   {"dc", "mean_antigen_load", "1"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& dc = world.population(population_);
                    const std::int32_t* state = dc.integer(state_);
                    const double* load = dc.real(antigen_load_);
                    std::array<double, 4> counts{};
                    double sum_load = 0.0;
                    for (std::size_t r = 0; r < dc.size(); ++r) {
                      counts[static_cast<std::size_t>(state[r])] += 1.0;
                      sum_load += load[r];
                    }
                    const double n = static_cast<double>(dc.size());
                    out = {counts[0], counts[1], counts[2], counts[3], n > 0 ? sum_load / n : 0.0};
                  }});
}

// Own-voxel signals: an immature DC fills its antigen load, and matures with danger
// signals (TLR4 ligands) or TNF-alpha at a rate that PGE2, IL-6 and IL-10 lower
// (Spaggiari 2009; Melief 2013; Jiang 2005).
void DendriticCell::update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  double* load = pop.real(antigen_load_);
  const FieldSet& f = world.fields();
  const double* antigen = f.data(antigen_);
  const double* damp = f.data(damp_);
  const double* tnfa = f.data(tnfa_);
  const auto immature = as_int(DendriticState::Immature);
  // Exact thinning: stimulus and inhibition are at most 1, so a uniform above the
  // maturation probability at the largest rate means no maturation whatever the signals.
  const double no_maturation_above = thinning_bound(p_.maturation_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    if (state[r] != immature) continue;
    const std::uint32_t v = pop.voxel[r];
    const double uptake = p_.antigen_uptake_rate_per_h * p_.uptake_by_antigen(antigen[v]);
    if (uptake > 0.0) load[r] = 1.0 - (1.0 - load[r]) * exp_minus(uptake * step.dt_h);
    if (damp[v] <= 0.0 && tnfa[v] <= 0.0) continue;  // no stimulus: no maturation, no draw
    rng::RandomStream stream = world.stream(kUpdatePurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= no_maturation_above) continue;
    // Either signal suffices: stimulus = 1 − (1 − H(damp))(1 − H(tnfa)).
    const double stimulus = 1.0 - (1.0 - p_.maturation_by_damp(damp[v])) * (1.0 - p_.maturation_by_tnfa(tnfa[v]));
    if (stimulus <= 0.0) continue;
    const double rate = p_.maturation_rate_per_h * stimulus * maturation_inhibitors_->remaining_fraction(world, v);
    if (u < step_probability(rate, step.dt_h)) state[r] = as_int(DendriticState::Mature);
  }
}

// Contact with suppressive MSCs (summed PD-L1/TSG-6-like program of the neighbours)
// shifts immature DCs toward tolerogenic and plasmacytoid DCs and turns mature DCs
// regulatory (seed 1); with death and migration these are competing events of one draw.
void DendriticCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  const Lattice& lattice = world.lattice();
  const MscContactView* msc = msc_ ? &*msc_ : nullptr;
  // Most DCs have no suppressive MSC contact: their total rate is death + migration.
  const AnyEventProbability any_event(p_.death_rate_per_h + p_.move_rate_per_h, step.dt_h);
  const AnyEventProbability any_event_mature(p_.mature_death_rate_per_h + p_.move_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    const auto s = static_cast<DendriticState>(state[r]);
    const bool mature = s == DendriticState::Mature;
    double to_tolerogenic = 0.0, to_plasmacytoid = 0.0;
    if (msc != nullptr && (s == DendriticState::Immature || mature)) {
      const double contact = msc_suppressive_contact(world, msc, v);
      to_tolerogenic = contact * (mature ? p_.mature_to_tolerogenic_rate_per_h : p_.tolerogenic_rate_per_h);
      to_plasmacytoid = mature ? 0.0 : contact * p_.plasmacytoid_rate_per_h;
    }
    const double death = mature ? p_.mature_death_rate_per_h : p_.death_rate_per_h;
    const std::array<double, 4> rates = {death, to_tolerogenic, to_plasmacytoid, p_.move_rate_per_h};
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    switch (draw_competing_event(rates, mature ? any_event_mature : any_event, stream.uniform())) {
      case 0: pop.fate[r] = Fate::Die; break;
      case 1: next_state[r] = as_int(DendriticState::Tolerogenic); break;
      case 2: next_state[r] = as_int(DendriticState::Plasmacytoid); break;
      case 3: {
        const std::uint32_t target = random_hop_target(lattice, v, stream);
        if (target != Lattice::kEmpty) pop.move_to[r] = target;
        break;
      }
      default: break;
    }
  }
}

void DendriticCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double* il12 = f.data(il12_);
  double* tnfa = f.data(tnfa_);
  double* il6 = f.data(il6_);
  double* il10 = f.data(il10_);
  double* kyn = f.data(kyn_);
  const SourceStep il12_step = world.fields().source_step(il12_, 0.0, step.dt_h);
  const SourceStep tnfa_step = world.fields().source_step(tnfa_, 0.0, step.dt_h);
  const SourceStep il6_step = world.fields().source_step(il6_, 0.0, step.dt_h);
  const SourceStep il10_step = world.fields().source_step(il10_, 0.0, step.dt_h);
  const SourceStep kyn_step = world.fields().source_step(kyn_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    const std::uint32_t v = pop.voxel[r];
    switch (static_cast<DendriticState>(state[r])) {
      case DendriticState::Mature: {
        const double il12_rate = p_.mature_il12_ng_per_ml_per_h * il12_inhibitors_->remaining_fraction(world, v);
        il12[v] = il12_step.apply(il12[v], il12_rate);
        tnfa[v] = tnfa_step.apply(tnfa[v], p_.mature_tnfa_ng_per_ml_per_h);
        il6[v] = il6_step.apply(il6[v], p_.mature_il6_ng_per_ml_per_h);
        break;
      }
      case DendriticState::Tolerogenic:
        il10[v] = il10_step.apply(il10[v], p_.tolerogenic_il10_ng_per_ml_per_h);
        kyn[v] = kyn_step.apply(kyn[v], p_.tolerogenic_kyn_ng_per_ml_per_h);
        break;
      case DendriticState::Plasmacytoid:
        il10[v] = il10_step.apply(il10[v], p_.plasmacytoid_il10_ng_per_ml_per_h);
        break;
      case DendriticState::Immature: break;
    }
  }
}

}  // namespace mscsim::models
