#include "models/innate/nk_cell.hpp"

#include <array>

#include "models/common/cell_states.hpp"
#include "models/common/contact.hpp"
#include "models/common/cotherapy.hpp"
#include "models/common/newcomers.hpp"
#include "models/innate/immune_cell_events.hpp"
#include "models/tissue/tissue_health.hpp"
#include "sim/engine/model_state.hpp"
#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kUpdatePurpose = rng::purpose_id("nk.activation");
constexpr std::uint64_t kActPurpose = rng::purpose_id("nk.killing_fate_division_migration");

const std::vector<std::string>& state_names() {
  static const std::vector<std::string> names = {"resting", "activated"};
  return names;
}

// IDO and PGE2 account for most of the MSC effect on NK cells; TGF-beta adds a little
// (Spaggiari 2008; Sotiropoulou 2006). docs/ODD.md section 2.
const std::vector<InhibitorDefaults>& proliferation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.7, 1.0, "Spaggiari 2008 (1-MT partly restores IL-2-induced NK proliferation)"},
      {"pge2", 0.1, 0.7, 1.0, "Spaggiari 2008 (NS-398 partly restores proliferation)"},
      {"tgfb", 1.0, 0.2, 1.0, "Sotiropoulou 2006 (TGF-beta1 contributes); assumption on size"},
  };
  return table;
}
const std::vector<InhibitorDefaults>& cytotoxicity_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.6, 1.0, "Spaggiari 2008 (IDO lowers activating receptors and lysis)"},
      {"pge2", 0.1, 0.6, 1.0, "Spaggiari 2008 (PGE2 lowers activating receptors and lysis)"},
      {"tgfb", 1.0, 0.2, 1.0, "Sotiropoulou 2006; assumption on size"},
  };
  return table;
}
const std::vector<InhibitorDefaults>& ifng_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.6, 1.0, "Spaggiari 2008 (IFN-gamma production inhibited)"},
      {"pge2", 0.1, 0.6, 1.0, "Spaggiari 2008"},
      {"tgfb", 1.0, 0.2, 1.0, "Sotiropoulou 2006; assumption on size"},
  };
  return table;
}

void declare_half_max(ParameterCatalogue& c, const std::string& key, double value, const std::string& reference,
                      const std::string& description) {
  c.declare(exclusive_min(real_parameter(key, value, 0.0, 1.0e4, "ng/mL", reference, description)));
}
}  // namespace

void NkCell::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("nk.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "NK cells placed at random free voxels before the first step."));
  c.declare(text_parameter("nk.initial_state", "resting", state_names(), "assumption (model structure)",
                           "State of the initial NK cells."));
  c.declare(real_parameter("nk.speed_um_per_h", 420.0, 0.0, 1.0e4, "um/h",
                           "assumption (two-photon 5-10 um/min)", "Random-walk speed."));
  c.declare(exclusive_min(real_parameter("nk.lifespan_h", 336.0, 0.0, 1.0e6, "h",
                                         "Zhang 2007 (human NK turnover ~2 weeks)", "Mean lifespan of an NK cell.")));
  c.declare(real_parameter("nk.activation_rate_per_h", 0.2, 0.0, 100.0, "1/h", "assumption",
                           "Resting -> activated rate at saturating IL-2 or IL-12."));
  declare_half_max(c, "nk.activation_il2_half_max_ng_per_ml", 0.5, "assumption (IL-2 ~100 U/mL = ~6 ng/mL activates)",
                   "IL-2 giving half the activation drive.");
  declare_half_max(c, "nk.activation_il12_half_max_ng_per_ml", 0.5, "assumption",
                   "IL-12 giving half the activation drive.");
  c.declare(real_parameter("nk.deactivation_rate_per_h", 0.02, 0.0, 100.0, "1/h", "assumption",
                           "Activated -> resting rate when IL-2 and IL-12 are absent (scaled by 1 - drive)."));
  c.declare(exclusive_min(real_parameter("nk.division_time_h", 24.0, 0.0, 1.0e4, "h",
                                         "assumption (IL-2-activated NK expand over days in vitro)",
                                         "Division time of an activated NK with saturating IL-2 and no suppression.")));
  declare_half_max(c, "nk.proliferation_il2_half_max_ng_per_ml", 0.5, "assumption",
                   "IL-2 giving half-maximal NK proliferation.");
  c.declare(real_parameter("nk.msc_kill_rate_per_h", 0.005, 0.0, 100.0, "1/h",
                           "Sotiropoulou 2006 (activated NK lyse MSCs); assumption on the rate (MSCs persist for days "
                           "in NK co-culture, Spaggiari 2008)",
                           "Rate at which an activated NK lyses one neighbouring allogeneic, unlicensed MSC."));
  c.declare(real_parameter("nk.autologous_kill_factor", 0.5, 0.0, 1.0, "1",
                           "assumption (killing stronger for allogeneic MSCs)",
                           "Kill rate against an autologous MSC relative to an allogeneic one."));
  c.declare(real_parameter("nk.licensing_protection", 0.8, 0.0, 1.0, "1",
                           "assumption (licensing raises HLA-I; Spaggiari 2006)",
                           "Fraction of the kill rate removed for a fully licensed MSC."));
  c.declare(real_parameter("nk.tissue_damage_per_h", 0.05, 0.0, 100.0, "1/h", "assumption",
                           "Rate at which an activated NK damages fully stressed parenchyma of its voxel."));
  declare_half_max(c, "nk.stress_antigen_half_max_ng_per_ml", 1.0, "assumption",
                   "Antigen giving half the stress signal (stress = 1 - (1 - H(antigen)) health).");
  c.declare(real_parameter("nk.ifng_secretion_ng_per_ml_per_h", 30.0, 0.0, 1.0e4, "ng/mL/h",
                           "assumption (activated NK are an IFN-gamma source; as effector T)",
                           "IFN-gamma released by an activated NK without inhibition."));
  c.declare(real_parameter("nk.tnfa_secretion_ng_per_ml_per_h", 15.0, 0.0, 1.0e4, "ng/mL/h",
                           "calibrated: NK co-cultures license MSCs (Spaggiari 2008)",
                           "TNF-alpha released by an activated NK."));
  InhibitorSet::declare(c, "nk_proliferation", proliferation_inhibitor_table());
  InhibitorSet::declare(c, "nk_cytotoxicity", cytotoxicity_inhibitor_table());
  InhibitorSet::declare(c, "nk_ifng", ifng_inhibitor_table());
}

void NkCell::build(ModelBuilder& b) {
  // Members this model changes during a run: saved in checkpoints (docs/checkpoint.md).
  keep_in_checkpoint(b, "nk", msc_kills_, kills_at_last_output_, last_output_h_);
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("nk.initial_count");
  p_.initial_state = state_index(s.text("nk.initial_state"), state_names());
  p_.move_rate_per_h = s.real("nk.speed_um_per_h") / s.real("tissue.voxel_um");
  p_.death_rate_per_h = 1.0 / s.real("nk.lifespan_h");
  p_.activation_rate_per_h = s.real("nk.activation_rate_per_h");
  p_.activation_by_il2 = {s.real("nk.activation_il2_half_max_ng_per_ml"), 1.0};
  p_.activation_by_il12 = {s.real("nk.activation_il12_half_max_ng_per_ml"), 1.0};
  p_.deactivation_rate_per_h = s.real("nk.deactivation_rate_per_h");
  p_.division_rate_per_h = std::log(2.0) / s.real("nk.division_time_h");
  p_.proliferation_by_il2 = {s.real("nk.proliferation_il2_half_max_ng_per_ml"), 1.0};
  p_.msc_kill_rate_per_h = s.real("nk.msc_kill_rate_per_h");
  p_.autologous_kill_factor = s.real("nk.autologous_kill_factor");
  p_.licensing_protection = s.real("nk.licensing_protection");
  p_.in_vitro = s.text("tissue.setting") == "in_vitro_well";
  p_.tissue_damage_per_h = s.real("nk.tissue_damage_per_h");
  p_.stress_by_antigen = {s.real("nk.stress_antigen_half_max_ng_per_ml"), 1.0};
  p_.ifng_ng_per_ml_per_h = s.real("nk.ifng_secretion_ng_per_ml_per_h");
  p_.tnfa_ng_per_ml_per_h = s.real("nk.tnfa_secretion_ng_per_ml_per_h");
  // Corticosteroids lower cytokine output (docs/ODD.md section 3.3.1; factor 1 without).
  p_.ifng_ng_per_ml_per_h *= read_cotherapy(s).cytokine_secretion;
  p_.tnfa_ng_per_ml_per_h *= read_cotherapy(s).cytokine_secretion;

  World& w = b.world();
  const double initial = static_cast<double>(p_.initial_state);
  population_ = b.add_population(population::kNk, {{"state", ColumnType::Integer, "1", initial},
                                                    {"next_state", ColumnType::Integer, "1", initial},
                                                    {"divisions", ColumnType::Integer, "1", 0.0}});
  const Population& pop = w.population(population_);
  state_ = pop.column_id("state");
  next_state_ = pop.column_id("next_state");
  divisions_ = pop.column_id("divisions");
  const FieldSet& f = w.fields();
  il2_ = f.id_of("il2");
  il12_ = f.id_of("il12");
  ifng_ = f.id_of("ifng");
  tnfa_ = f.id_of("tnfa");
  antigen_ = f.id_of("antigen");
  health_ = f.id_of(kHealthField);
  proliferation_inhibitors_ =
      std::make_unique<InhibitorSet>(s, w, "nk_proliferation", proliferation_inhibitor_table());
  cytotoxicity_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "nk_cytotoxicity", cytotoxicity_inhibitor_table());
  ifng_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "nk_ifng", ifng_inhibitor_table());

  // Mother and daughter both count the division (a CFSE-like generation number).
  w.set_birth_hook(population_, [this](World& world, PopulationId p, std::size_t daughter, std::size_t mother,
                                       rng::RandomStream&) {
    std::int32_t* divisions = world.population(p).integer(divisions_);
    divisions[daughter] = ++divisions[mother];
  });
  set_state_newcomer_hook(w, population_, state_, next_state_);
  b.add_initializer([this](World& world) {
    if (world.has_population(population::kMsc)) msc_ = MscContactView::of(world);
    msc_kills_ = 0;
    kills_at_last_output_ = 0;
    last_output_h_ = 0.0;
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.initial_count), "nk.initial_placement",
                   p_.initial_state);
  });
  b.add_agent_rule({"nk.activation", population_, Phase::Update,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { update(w2, st, b0, e0); }});
  b.add_agent_rule({"nk.killing_fate_division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"nk.secretion_and_tissue_damage", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  // Readouts: counts per state, mean generation (proliferation, like CFSE), MSC kills
  // (cumulative and per hour since the last output) and the cytotoxic capacity: the
  // summed lysis rate the activated NK would exert on a standard target at their voxels
  // (a K562-assay-like readout of the same inhibited rate used for killing).
  b.add_observer({{{"nk", "resting", "cells"},
                   {"nk", "activated", "cells"},
                   {"nk", "mean_divisions", "divisions"},
                   {"nk", "msc_kills", "cells"},
                   {"nk", "kills_per_h", "cells/h"},
                   {"nk", "cytotoxic_capacity_per_h", "1/h"}},
                  [this](const World& world, double time_h, std::vector<double>& out) {
                    const Population& nk = world.population(population_);
                    const std::int32_t* state = nk.integer(state_);
                    const std::int32_t* divisions = nk.integer(divisions_);
                    double resting = 0, activated = 0, sum_div = 0, capacity = 0;
                    for (std::size_t r = 0; r < nk.size(); ++r) {
                      sum_div += divisions[r];
                      if (state[r] == as_int(NkState::Activated)) {
                        ++activated;
                        capacity += p_.msc_kill_rate_per_h * cytotoxicity_inhibitors_->remaining_fraction(world, nk.voxel[r]);
                      } else {
                        ++resting;
                      }
                    }
                    const std::uint64_t kills = msc_kills_.load();
                    const double interval = time_h - last_output_h_;
                    const double per_h = interval > 0 ? static_cast<double>(kills - kills_at_last_output_) / interval : 0.0;
                    kills_at_last_output_ = kills;
                    last_output_h_ = time_h;
                    const double n = static_cast<double>(nk.size());
                    out = {resting, activated, n > 0 ? sum_div / n : 0.0, static_cast<double>(kills), per_h, capacity};
                  }});
}

// IL-2 or IL-12 in the own voxel activate resting NK; without them activated NK slowly
// return to rest (assumption).
void NkCell::update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const double* il2 = world.fields().data(il2_);
  const double* il12 = world.fields().data(il12_);
  // Exact thinning: the drive lies in [0, 1], so a uniform above the probability at the
  // largest rate of a state means no switch whatever the cytokines are.
  const double no_activation_above = thinning_bound(p_.activation_rate_per_h, step.dt_h);
  const double no_deactivation_above = thinning_bound(p_.deactivation_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    const bool activated = state[r] == as_int(NkState::Activated);
    const std::uint32_t v = pop.voxel[r];
    if (!activated && il2[v] <= 0.0 && il12[v] <= 0.0) continue;  // no drive: no activation, no draw
    rng::RandomStream stream = world.stream(kUpdatePurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= (activated ? no_deactivation_above : no_activation_above)) continue;
    const double drive = 1.0 - (1.0 - p_.activation_by_il2(il2[v])) * (1.0 - p_.activation_by_il12(il12[v]));
    const double rate = activated ? p_.deactivation_rate_per_h * (1.0 - drive) : p_.activation_rate_per_h * drive;
    if (rate <= 0.0) continue;
    if (u < step_probability(rate, step.dt_h))
      state[r] = activated ? as_int(NkState::Resting) : as_int(NkState::Activated);
  }
}

// An activated NK lyses each neighbouring MSC with the inhibited kill rate, scaled down
// for autologous cells and by the HLA-I that licensing raises (docs/ODD.md section 3.3.2,
// Fate). Then death, division (activated, IL-2, inhibited) and migration compete.
void NkCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  const double* il2 = world.fields().data(il2_);
  const Lattice& lattice = world.lattice();
  std::uint64_t kills = 0;
  // A resting NK does not divide: its total rate is death + migration.
  const AnyEventProbability any_event(p_.death_rate_per_h + p_.move_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const bool activated = state[r] == as_int(NkState::Activated);
    if (activated && msc_ && p_.msc_kill_rate_per_h > 0.0) {
      const double cytotoxicity = p_.msc_kill_rate_per_h * cytotoxicity_inhibitors_->remaining_fraction(world, v);
      Population& msc = world.population(msc_->population);
      for_each_neighbour(world, v, [&](AgentHandle h) {
        if (h.population != msc_->population) return;
        const double allo = msc_->is_allogeneic(world, h.row) ? 1.0 : p_.autologous_kill_factor;
        const double hla = 1.0 - p_.licensing_protection * msc_->licensing_level(world, h.row);
        if (stream.uniform() < step_probability(cytotoxicity * allo * hla, step.dt_h)) {
          if (std::atomic_ref<std::uint8_t>(msc.killed[h.row]).exchange(1, std::memory_order_relaxed) == 0) ++kills;
        }
      });
    }
    const double division = activated ? p_.division_rate_per_h * p_.proliferation_by_il2(il2[v]) *
                                            proliferation_inhibitors_->remaining_fraction(world, v)
                                      : 0.0;
    const std::array<double, 3> rates = {p_.death_rate_per_h, division, p_.move_rate_per_h};
    switch (draw_competing_event(rates, any_event, stream.uniform())) {
      case 0: pop.fate[r] = Fate::Die; break;
      case 1: {
        const std::uint32_t target = random_free_neighbour(lattice, v, stream);
        if (target != Population::kNoVoxel) pop.divide_to[r] = target;
        break;
      }
      case 2: {
        const std::uint32_t target = random_hop_target(lattice, v, stream);
        if (target != Lattice::kEmpty) pop.move_to[r] = target;
        break;
      }
      default: break;
    }
  }
  if (kills > 0) msc_kills_.fetch_add(kills, std::memory_order_relaxed);
}

// Activated NK secrete IFN-gamma (inhibited) and TNF-alpha, and damage stressed
// parenchyma (antigen-bearing or already damaged) of their own voxel.
void NkCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double* ifng = f.data(ifng_);
  double* tnfa = f.data(tnfa_);
  const double* antigen = f.data(antigen_);
  double* health = f.data(health_);
  const double dt = step.dt_h;
  const SourceStep ifng_step = world.fields().source_step(ifng_, 0.0, step.dt_h);
  const SourceStep tnfa_step = world.fields().source_step(tnfa_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    if (state[r] != as_int(NkState::Activated)) continue;
    const std::uint32_t v = pop.voxel[r];
    ifng[v] = ifng_step.apply(ifng[v], p_.ifng_ng_per_ml_per_h * ifng_inhibitors_->remaining_fraction(world, v));
    tnfa[v] = tnfa_step.apply(tnfa[v], p_.tnfa_ng_per_ml_per_h);
    if (p_.in_vitro) continue;
    const double stress = 1.0 - (1.0 - p_.stress_by_antigen(antigen[v])) * health[v];
    const double rate = p_.tissue_damage_per_h * stress * cytotoxicity_inhibitors_->remaining_fraction(world, v);
    if (rate > 0.0) damage_voxel(health[v], rate, dt);
  }
}

}  // namespace mscsim::models
