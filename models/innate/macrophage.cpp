#include "models/innate/macrophage.hpp"

#include <array>

#include "models/common/cell_states.hpp"
#include "models/common/cotherapy.hpp"
#include "models/common/newcomers.hpp"
#include "models/innate/immune_cell_events.hpp"
#include "models/innate/macrophage_efferocytosis.hpp"
#include "models/tissue/tissue_health.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kUpdatePurpose = rng::purpose_id("macrophage.polarization");
constexpr std::uint64_t kActPurpose = rng::purpose_id("macrophage.contact_fate_migration");

const std::vector<std::string>& state_names() {
  static const std::vector<std::string> names = {"m0", "m1", "m2"};
  return names;
}

// Anti-inflammatory mediators that damp the M1 (NF-kB) drive (docs/ODD.md section 2).
const std::vector<InhibitorDefaults>& m1_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"il10", 1.0, 0.8, 1.0, "Németh 2009 (MSC PGE2 -> macrophage IL-10 damps inflammation); assumption on IC50"},
      {"tgfb", 2.0, 0.4, 1.0, "assumption (TGF-beta deactivates macrophages)"},
  };
  return table;
}

void declare_half_max(ParameterCatalogue& c, const std::string& key, double value, const std::string& reference,
                      const std::string& description) {
  c.declare(exclusive_min(real_parameter(key, value, 0.0, 1.0e4, "ng/mL", reference, description)));
}
}  // namespace

void Macrophage::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("macrophage.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "Macrophages placed at random free voxels before the first step."));
  c.declare(text_parameter("macrophage.initial_state", "m0", state_names(), "assumption (model structure)",
                           "State of the initial macrophages."));
  c.declare(real_parameter("macrophage.speed_um_per_h", 120.0, 0.0, 1.0e4, "um/h",
                           "assumption (two-photon ~2 um/min)", "Random-walk speed."));
  c.declare(exclusive_min(real_parameter("macrophage.lifespan_h", 720.0, 0.0, 1.0e6, "h", "assumption",
                                         "Mean lifespan of a macrophage in the tissue or the well.")));
  c.declare(real_parameter("macrophage.m1_polarization_rate_per_h", 0.2, 0.0, 100.0, "1/h",
                           "assumption (IFN-gamma + LPS polarize within hours)",
                           "M0 -> M1 rate at full M1 drive."));
  declare_half_max(c, "macrophage.m1_ifng_half_max_ng_per_ml", 2.0, "assumption", "IFN-gamma giving half the M1 drive.");
  declare_half_max(c, "macrophage.m1_damp_half_max_ng_per_ml", 1.0, "assumption",
                   "Danger signal (TLR4 ligand) giving half the M1 drive.");
  declare_half_max(c, "macrophage.m1_tnfa_half_max_ng_per_ml", 1.0,
                   "calibrated: rescaled to physiological TNF-alpha (0.1-5 ng/mL, Saxne 1988; Aggarwal 2005) once receptor uptake bounds it; the old 5 ng/mL sat below the unbounded 40-300 ng/mL, always saturated", "TNF-alpha giving half the M1 drive.");
  c.declare(real_parameter("macrophage.m2_polarization_rate_per_h", 0.2, 0.0, 100.0, "1/h", "assumption",
                           "M0 -> M2 rate at full M2 drive."));
  declare_half_max(c, "macrophage.m2_il4_half_max_ng_per_ml", 1.0, "assumption", "IL-4 giving half the M2 drive.");
  declare_half_max(c, "macrophage.m2_il10_half_max_ng_per_ml", 1.0, "assumption", "IL-10 giving half the M2 drive.");
  declare_half_max(c, "macrophage.m2_pge2_half_max_ng_per_ml", 0.5, "Németh 2009; assumption on the value",
                   "PGE2 giving half the M2 drive.");
  c.declare(real_parameter("macrophage.repolarization_rate_per_h", 0.1, 0.0, 100.0, "1/h",
                           "Huang 2019 (M1 and M2 are plastic; MSCs convert M1 to M2); assumption on the rate",
                           "M1 -> M2 (and M2 -> M1) rate at full opposite drive."));
  c.declare(real_parameter("macrophage.tsg6_rate_per_h", 0.2, 0.0, 100.0, "1/h",
                           "Choi 2011 (TSG-6 from activated MSCs); assumption on the rate",
                           "M0/M1 -> M2 rate per unit of neighbouring MSC suppressive contact (msc.tsg6_enabled)."));
  c.declare(real_parameter("macrophage.m1_tnfa_secretion_ng_per_ml_per_h", 10.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "TNF-alpha released by an M1 macrophage."));
  c.declare(real_parameter("macrophage.m1_il12_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-12 released by an M1 macrophage."));
  c.declare(real_parameter("macrophage.m1_il6_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-6 released by an M1 macrophage."));
  c.declare(real_parameter("macrophage.m1_il1b_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h",
                           "Mantovani 2004 (M1 macrophages release IL-1beta); assumption on the rate (as IL-6)",
                           "IL-1beta released by an M1 macrophage (co-licenses MSCs with IFN-gamma, Ren 2008)."));
  c.declare(real_parameter("macrophage.m2_il10_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-10 released by an M2 macrophage."));
  c.declare(real_parameter("macrophage.m2_tgfb_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Active TGF-beta released by an M2 macrophage."));
  c.declare(real_parameter("macrophage.pge2_il10_secretion_ng_per_ml_per_h", 3.0, 0.0, 1.0e4, "ng/mL/h",
                           "Németh 2009 (MSC PGE2 via EP2/EP4 makes macrophages release IL-10); assumption on the rate",
                           "Extra IL-10 of any macrophage at saturating PGE2."));
  declare_half_max(c, "macrophage.il10_pge2_half_max_ng_per_ml", 0.5, "Németh 2009; assumption on the value",
                   "PGE2 giving half the PGE2-driven IL-10.");
  c.declare(real_parameter("macrophage.m1_tissue_damage_per_h", 0.02, 0.0, 100.0, "1/h",
                           "assumption (NO-like M1 products)",
                           "Rate at which an M1 macrophage damages the parenchyma of its voxel."));
  c.declare(real_parameter("macrophage.m2_tissue_repair_per_h", 0.02, 0.0, 100.0, "1/h",
                           "assumption",
                           "Rate at which an M2 macrophage repairs the parenchyma of its voxel."));
  InhibitorSet::declare(c, "m1_polarization", m1_inhibitor_table());
}

void Macrophage::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("macrophage.initial_count");
  p_.initial_state = state_index(s.text("macrophage.initial_state"), state_names());
  p_.move_rate_per_h = s.real("macrophage.speed_um_per_h") / s.real("tissue.voxel_um");
  p_.death_rate_per_h = 1.0 / s.real("macrophage.lifespan_h");
  p_.m1_polarization_rate_per_h = s.real("macrophage.m1_polarization_rate_per_h");
  p_.m1_by_ifng = {s.real("macrophage.m1_ifng_half_max_ng_per_ml"), 1.0};
  p_.m1_by_damp = {s.real("macrophage.m1_damp_half_max_ng_per_ml"), 1.0};
  p_.m1_by_tnfa = {s.real("macrophage.m1_tnfa_half_max_ng_per_ml"), 1.0};
  p_.m2_polarization_rate_per_h = s.real("macrophage.m2_polarization_rate_per_h");
  p_.m2_by_il4 = {s.real("macrophage.m2_il4_half_max_ng_per_ml"), 1.0};
  p_.m2_by_il10 = {s.real("macrophage.m2_il10_half_max_ng_per_ml"), 1.0};
  p_.m2_by_pge2 = {s.real("macrophage.m2_pge2_half_max_ng_per_ml"), 1.0};
  p_.repolarization_rate_per_h = s.real("macrophage.repolarization_rate_per_h");
  p_.tsg6_rate_per_h = s.real("macrophage.tsg6_rate_per_h");
  p_.tsg6_enabled = MscContactSwitches::of(s).tsg6_enabled;
  p_.m1_tnfa_ng_per_ml_per_h = s.real("macrophage.m1_tnfa_secretion_ng_per_ml_per_h");
  p_.m1_il12_ng_per_ml_per_h = s.real("macrophage.m1_il12_secretion_ng_per_ml_per_h");
  p_.m1_il6_ng_per_ml_per_h = s.real("macrophage.m1_il6_secretion_ng_per_ml_per_h");
  p_.m1_il1b_ng_per_ml_per_h = s.real("macrophage.m1_il1b_secretion_ng_per_ml_per_h");
  // Corticosteroids lower M1 cytokine output (docs/ODD.md section 3.3.1; factor 1 without).
  const double steroid = read_cotherapy(s).cytokine_secretion;
  p_.m1_tnfa_ng_per_ml_per_h *= steroid;
  p_.m1_il12_ng_per_ml_per_h *= steroid;
  p_.m1_il6_ng_per_ml_per_h *= steroid;
  p_.m1_il1b_ng_per_ml_per_h *= steroid;
  p_.m2_il10_ng_per_ml_per_h = s.real("macrophage.m2_il10_secretion_ng_per_ml_per_h");
  p_.m2_tgfb_ng_per_ml_per_h = s.real("macrophage.m2_tgfb_secretion_ng_per_ml_per_h");
  p_.pge2_driven_il10_ng_per_ml_per_h = s.real("macrophage.pge2_il10_secretion_ng_per_ml_per_h");
  p_.il10_by_pge2 = {s.real("macrophage.il10_pge2_half_max_ng_per_ml"), 1.0};
  p_.in_vitro = s.text("tissue.setting") == "in_vitro_well";
  p_.m1_tissue_damage_per_h = s.real("macrophage.m1_tissue_damage_per_h");
  p_.m2_tissue_repair_per_h = s.real("macrophage.m2_tissue_repair_per_h");

  World& w = b.world();
  const double initial = static_cast<double>(p_.initial_state);
  std::vector<ColumnSpec> columns = {{"state", ColumnType::Integer, "1", initial},
                                     {"next_state", ColumnType::Integer, "1", initial}};
  // Hours of IDO production left after engulfing apoptotic MSCs (macrophage_efferocytosis.hpp);
  // only when that mechanism is on, so runs without it store and write what they did before.
  if (read_msc_efferocytosis_parameters(s).enabled)
    columns.push_back({kEfferocyticIdoColumn, ColumnType::Real, "h", 0.0});
  population_ = b.add_population(population::kMacrophage, std::move(columns));
  const Population& pop = w.population(population_);
  state_ = pop.column_id("state");
  next_state_ = pop.column_id("next_state");
  const FieldSet& f = w.fields();
  ifng_ = f.id_of("ifng");
  damp_ = f.id_of("damp");
  tnfa_ = f.id_of("tnfa");
  il4_ = f.id_of("il4");
  il10_ = f.id_of("il10");
  pge2_ = f.id_of("pge2");
  il12_ = f.id_of("il12");
  il6_ = f.id_of("il6");
  il1b_ = f.id_of("il1b");
  tgfb_ = f.id_of("tgfb");
  health_ = f.id_of(kHealthField);
  m1_inhibitors_ = std::make_unique<InhibitorSet>(s, w, "m1_polarization", m1_inhibitor_table());

  set_state_newcomer_hook(w, population_, state_, next_state_);
  b.add_initializer([this](World& world) {
    if (world.has_population(population::kMsc)) msc_ = MscContactView::of(world);
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.initial_count), "macrophage.initial_placement",
                   p_.initial_state);
  });
  b.add_agent_rule({"macrophage.polarization", population_, Phase::Update,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { update(w2, st, b0, e0); }});
  b.add_agent_rule({"macrophage.tsg6_fate_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"macrophage.secretion_damage_repair", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer({{{"macrophage", "m0", "cells"}, {"macrophage", "m1", "cells"}, {"macrophage", "m2", "cells"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& m = world.population(population_);
                    const std::int32_t* state = m.integer(state_);
                    std::array<double, 3> counts{};
                    for (std::size_t r = 0; r < m.size(); ++r) counts[static_cast<std::size_t>(state[r])] += 1.0;
                    out = {counts[0], counts[1], counts[2]};
                  }});
}

// Own-voxel cytokines set the two drives: M1 = 1 − Π(1 − H) over IFN-gamma, danger
// signals and TNF-alpha, damped by IL-10 and TGF-beta; M2 = 1 − Π(1 − H) over IL-4,
// IL-10 and PGE2 (docs/ODD.md section 3.3.3-3.3.6). M0 polarize, M1 and M2 repolarize; competing
// events of one draw.
void Macrophage::update(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const FieldSet& f = world.fields();
  const double* ifng = f.data(ifng_);
  const double* damp = f.data(damp_);
  const double* tnfa = f.data(tnfa_);
  const double* il4 = f.data(il4_);
  const double* il10 = f.data(il10_);
  const double* pge2 = f.data(pge2_);
  // Exact thinning: the drives are at most 1, so a uniform above the probability at the
  // largest rates of a state means no change whatever the cytokines are (the uniform is
  // the stream's first draw, as in the full draw below).
  const double no_repolarization_above = thinning_bound(p_.repolarization_rate_per_h, step.dt_h);
  std::array<double, 3> no_change_above{};  // by MacrophageState
  no_change_above[static_cast<std::size_t>(MacrophageState::M0)] =
      thinning_bound(p_.m1_polarization_rate_per_h + p_.m2_polarization_rate_per_h, step.dt_h);
  no_change_above[static_cast<std::size_t>(MacrophageState::M1)] = no_repolarization_above;
  no_change_above[static_cast<std::size_t>(MacrophageState::M2)] = no_repolarization_above;
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    // No polarizing cytokine at all: both drives are 0, nothing to draw.
    if (ifng[v] <= 0.0 && damp[v] <= 0.0 && tnfa[v] <= 0.0 && il4[v] <= 0.0 && il10[v] <= 0.0 && pge2[v] <= 0.0)
      continue;
    rng::RandomStream stream = world.stream(kUpdatePurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= no_change_above[static_cast<std::size_t>(state[r])]) continue;
    const double m1_drive = (1.0 - (1.0 - p_.m1_by_ifng(ifng[v])) * (1.0 - p_.m1_by_damp(damp[v])) *
                                       (1.0 - p_.m1_by_tnfa(tnfa[v]))) *
                            m1_inhibitors_->remaining_fraction(world, v);
    const double m2_drive =
        1.0 - (1.0 - p_.m2_by_il4(il4[v])) * (1.0 - p_.m2_by_il10(il10[v])) * (1.0 - p_.m2_by_pge2(pge2[v]));
    // Each rate must stay within no_change_above of its state.
    std::array<double, 2> rates{};  // to M1, to M2
    switch (static_cast<MacrophageState>(state[r])) {
      case MacrophageState::M0:
        rates = {p_.m1_polarization_rate_per_h * m1_drive, p_.m2_polarization_rate_per_h * m2_drive};
        break;
      case MacrophageState::M1: rates = {0.0, p_.repolarization_rate_per_h * m2_drive}; break;
      case MacrophageState::M2: rates = {p_.repolarization_rate_per_h * m1_drive, 0.0}; break;
    }
    const int event = draw_competing_event(rates, step.dt_h, u);
    if (event == 0) state[r] = as_int(MacrophageState::M1);
    if (event == 1) state[r] = as_int(MacrophageState::M2);
  }
}

// TSG-6 from activated MSCs in contact (Moore neighbourhood) quiets NF-kB and pushes M0
// and M1 toward M2 (Choi 2011); with death and migration, one categorical draw.
void Macrophage::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  const Lattice& lattice = world.lattice();
  const MscContactView* msc = (msc_ && p_.tsg6_enabled) ? &*msc_ : nullptr;
  // Most macrophages have no TSG-6 contact: their total rate is death + migration.
  const AnyEventProbability any_event(p_.death_rate_per_h + p_.move_rate_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    double to_m2 = 0.0;
    if (msc != nullptr && state[r] != as_int(MacrophageState::M2))
      to_m2 = p_.tsg6_rate_per_h * msc_suppressive_contact(world, msc, v);
    const std::array<double, 3> rates = {p_.death_rate_per_h, to_m2, p_.move_rate_per_h};
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    switch (draw_competing_event(rates, any_event, stream.uniform())) {
      case 0: pop.fate[r] = Fate::Die; break;
      case 1: next_state[r] = as_int(MacrophageState::M2); break;
      case 2: {
        const std::uint32_t target = random_hop_target(lattice, v, stream);
        if (target != Lattice::kEmpty) pop.move_to[r] = target;
        break;
      }
      default: break;
    }
  }
}

void Macrophage::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double* tnfa = f.data(tnfa_);
  double* il12 = f.data(il12_);
  double* il6 = f.data(il6_);
  double* il1b = f.data(il1b_);
  double* il10 = f.data(il10_);
  double* tgfb = f.data(tgfb_);
  const double* pge2 = f.data(pge2_);
  double* health = f.data(health_);
  const double dt = step.dt_h;
  const SourceStep tnfa_step = world.fields().source_step(tnfa_, 0.0, step.dt_h);
  const SourceStep il12_step = world.fields().source_step(il12_, 0.0, step.dt_h);
  const SourceStep il6_step = world.fields().source_step(il6_, 0.0, step.dt_h);
  const SourceStep il1b_step = world.fields().source_step(il1b_, 0.0, step.dt_h);
  const SourceStep tgfb_step = world.fields().source_step(tgfb_, 0.0, step.dt_h);
  const SourceStep il10_step = world.fields().source_step(il10_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    const std::uint32_t v = pop.voxel[r];
    // PGE2 from MSCs makes any macrophage release IL-10 (Németh 2009).
    double il10_rate = p_.pge2_driven_il10_ng_per_ml_per_h * p_.il10_by_pge2(pge2[v]);
    if (state[r] == as_int(MacrophageState::M1)) {
      tnfa[v] = tnfa_step.apply(tnfa[v], p_.m1_tnfa_ng_per_ml_per_h);
      il12[v] = il12_step.apply(il12[v], p_.m1_il12_ng_per_ml_per_h);
      il6[v] = il6_step.apply(il6[v], p_.m1_il6_ng_per_ml_per_h);
      il1b[v] = il1b_step.apply(il1b[v], p_.m1_il1b_ng_per_ml_per_h);
      if (!p_.in_vitro) damage_voxel(health[v], p_.m1_tissue_damage_per_h, dt);
    } else if (state[r] == as_int(MacrophageState::M2)) {
      il10_rate += p_.m2_il10_ng_per_ml_per_h;
      tgfb[v] = tgfb_step.apply(tgfb[v], p_.m2_tgfb_ng_per_ml_per_h);
      if (!p_.in_vitro) repair_voxel(health[v], p_.m2_tissue_repair_per_h, dt);
    }
    if (il10_rate > 0.0) il10[v] = il10_step.apply(il10[v], il10_rate);
  }
}

}  // namespace mscsim::models
