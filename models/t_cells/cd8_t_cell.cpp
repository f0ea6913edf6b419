#include "models/t_cells/cd8_t_cell.hpp"

#include <array>
#include <atomic>

#include "models/common/cell_states.hpp"
#include "models/common/contact.hpp"
#include "models/common/cotherapy.hpp"
#include "models/common/newcomers.hpp"
#include "models/t_cells/t_cell_shared.hpp"
#include "models/tissue/tissue_health.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kActPurpose = rng::purpose_id("cd8_t.act");
constexpr std::uint64_t kKillPurpose = rng::purpose_id("cd8_t.msc_killing");
constexpr const char* kPop = population::kCd8T;
}  // namespace

const std::vector<std::string>& cd8_state_names() {
  static const std::vector<std::string> names = {"naive", "ctl"};
  return names;
}

void Cd8TCell::declare_parameters(ParameterCatalogue& c) const {
  const std::string p = kPop;
  declare_t_cell_seeding(c, p, cd8_state_names(), "naive");
  // CD8 T cells make little IL-2 and divide on the IL-2 that CD4 helpers release into the
  // medium (Bevan 2004), while a CD4 cell is served first by its own IL-2 (autocrine, at the
  // synapse): CD8 proliferation needs more IL-2 in the voxel. When MSCs suppress the CD4
  // helpers, CD8 lose this help too, hence CD8 suppressed more than CD4 (Di Nicola 2002).
  TCellKineticsDefaults d;
  d.il2_half_max_ng_per_ml = 0.5;
  d.il2_half_max_reference =
      "Bevan 2004 (CD8 T cells depend on IL-2 from CD4 help); calibrated: "
      "Di Nicola 2002, CD8 about 75 %, CD4 about 65 % suppression in the MLR";
  declare_t_cell_kinetics(c, p, d);
  declare_t_cell_priming(c, p);
  c.declare(real_parameter(p + ".ifng_secretion_ctl_ng_per_ml_per_h", 30.0, 0.0, 1.0e4, "ng/mL/h",
                           "assumption (dense effector neighbourhood reaches ng/mL)",
                           "IFN-gamma released by a CTL."));
  c.declare(real_parameter(p + ".tnfa_secretion_ctl_ng_per_ml_per_h", 30.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "TNF-alpha released by a CTL."));
  c.declare(real_parameter(p + ".tissue_damage_per_h", 0.1, 0.0, 100.0, "1/h", "assumption",
                           "Rate at which a CTL damages the antigen-bearing parenchyma of its voxel."));
  c.declare(real_parameter(p + ".antigen_recognition_threshold", 0.1, 0.0, 1.0e6, "1", "assumption",
                           "Antigen load of a voxel above which a CTL recognises and damages it."));
  c.declare(real_parameter(p + ".msc_kill_rate_per_h", 0.01, 0.0, 100.0, "1/h",
                           "assumption; Rasmusson 2003 (MSCs largely escape CTL lysis)",
                           "Rate at which a CTL kills one neighbouring allogeneic MSC."));
}

void Cd8TCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  const std::string p = kPop;
  p_.seeding = read_t_cell_seeding(s, p, cd8_state_names());
  p_.kinetics = read_t_cell_kinetics(s, p);
  p_.priming = read_t_cell_priming(s, p);
  p_.contact = TCellContactSuppression::read(s);
  p_.ifng_ctl_ng_per_ml_per_h = s.real(p + ".ifng_secretion_ctl_ng_per_ml_per_h");
  p_.tnfa_ctl_ng_per_ml_per_h = s.real(p + ".tnfa_secretion_ctl_ng_per_ml_per_h");
  // Corticosteroids lower cytokine output (docs/ODD.md section 3.3.1; factor 1 without).
  p_.ifng_ctl_ng_per_ml_per_h *= read_cotherapy(s).cytokine_secretion;
  p_.tnfa_ctl_ng_per_ml_per_h *= read_cotherapy(s).cytokine_secretion;
  p_.tissue_damage_per_h = s.real(p + ".tissue_damage_per_h");
  p_.antigen_recognition_threshold = s.real(p + ".antigen_recognition_threshold");
  p_.msc_kill_rate_per_h = s.real(p + ".msc_kill_rate_per_h");

  World& w = b.world();
  const PrimedTCellColumns columns = add_primed_t_cell_population(b, p, population_);
  state_ = columns.state;
  next_state_ = columns.next_state;
  divisions_ = columns.divisions;
  contact_time_ = columns.contact_time;
  antigen_specific_ = columns.antigen_specific;
  const FieldSet& f = w.fields();
  il2_ = f.id_of("il2");
  ifng_ = f.id_of("ifng");
  tnfa_ = f.id_of("tnfa");
  antigen_ = f.id_of("antigen");
  activation_inhibitors_ = std::make_unique<InhibitorSet>(s, w, kTActivation, t_activation_inhibitor_table());
  proliferation_inhibitors_ =
      std::make_unique<InhibitorSet>(s, w, kTProliferation, t_proliferation_inhibitor_table());
  cytotoxicity_inhibitors_ = std::make_unique<InhibitorSet>(s, w, kCtlCytotoxicity, ctl_cytotoxicity_inhibitor_table());

  count_divisions_at_birth(w, population_, divisions_);
  set_primed_t_cell_newcomer_hook(w, population_, columns, as_int(Cd8State::Naive), p_.priming.responder_fraction);
  b.add_initializer([this](World& world) {
    contacts_.resolve(world, p_.contact.msc_presentation_mhc2_threshold);
    health_ = world.fields().id_of(kHealthField);
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.seeding.count), "cd8_t.initial_placement",
                   p_.seeding.state);
  });
  b.add_agent_rule({"cd8_t.priming_killing_division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"cd8_t.secretion_and_tissue_damage", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer(state_count_observer(population_, state_, p, cd8_state_names()));
}

void Cd8TCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  double* contact_time = pop.real(contact_time_);
  const std::int32_t* specific = pop.integer(antigen_specific_);
  const std::int32_t* divisions = pop.integer(divisions_);
  const double* il2 = world.fields().data(il2_);
  const Lattice& lattice = world.lattice();
  const TCellKinetics& k = p_.kinetics;
  const double dt = step.dt_h;
  const double p_move = step_probability(k.move_rate_per_h, dt);
  // Exact thinning bound of a CTL, [divisions > 0]: death and division at their largest
  // (no IL-2 survival, saturating IL-2, no suppression).
  const std::array<double, 2> no_event_above = {thinning_bound(k.max_death_and_division_rate(0), dt),
                                                thinning_bound(k.max_death_and_division_rate(1), dt)};
  const bool kills_msc = contacts_.has_msc() && p_.msc_kill_rate_per_h > 0.0;
  const ContactKilling killing(p_.msc_kill_rate_per_h, dt, lattice.neighbourhood_size());
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();

    if (state[r] == as_int(Cd8State::Naive)) {
      // Priming by mature DCs only: MSCs lack the co-stimulation CD8 priming needs
      // (docs/ODD.md section 3.3.3-3.3.6). Same contact-time rule as CD4 (Mempel 2004). A cell that does
      // not recognise the antigen is never engaged, whatever its neighbours.
      const TCellNeighbourhood near = specific[r] != 0 ? contacts_.scan(world, v) : TCellNeighbourhood{};
      const bool engaged = specific[r] != 0 && near.mature_dc > 0;
      if (engaged) contact_time[r] += dt;
      const double activation =
          engaged && contact_time[r] >= p_.priming.priming_contact_h
              ? p_.priming.activation_rate_per_h * activation_inhibitors_->remaining_fraction(world, v) *
                    near.contact_remaining(p_.contact)
              : 0.0;
      const std::array<double, 2> rates = {k.resting_death_rate_per_h, activation};
      switch (draw_competing_event(rates, dt, u)) {
        case 0: pop.fate[r] = Fate::Die; break;
        case 1: next_state[r] = as_int(Cd8State::Ctl); break;
        default:
          if (!engaged) maybe_hop(pop, r, lattice, p_move, stream);
          break;
      }
      continue;
    }

    // CTL: division while IL-2 is present, slowed by MSC mediators and contact (Di Nicola
    // 2002). Death and division only lower with IL-2 and suppression: above the bound
    // nothing happens whatever the neighbours are, and they need not be scanned.
    int event = -1;
    if (u < no_event_above[divisions[r] != 0]) {
      const TCellNeighbourhood near = contacts_.scan(world, v);
      const double division = k.division_rate(divisions[r]) * k.proliferation_by_il2(il2[v]) *
                              proliferation_inhibitors_->remaining_fraction(world, v) *
                              near.contact_remaining(p_.contact);
      // Each rate here must stay within the thinning bound above (no_event_above).
      const std::array<double, 2> rates = {k.effector_death_with_il2(il2[v]), division};
      event = draw_competing_event(rates, dt, u);
    }
    apply_death_division_or_hop(pop, r, event, lattice, p_move, stream);

    // Killing of allogeneic MSCs on contact (docs/ODD.md section 3.3.2, Fate), a push through the
    // atomic kill mark: each neighbouring allogeneic MSC dies with the inhibited kill
    // probability, thinned (ContactKilling) so that the neighbours are listed only when
    // a kill is possible at the uninhibited rate.
    if (!kills_msc) continue;
    const double w = stream.uniform();
    if (w >= killing.any_candidate) continue;
    std::array<std::uint32_t, Lattice::kMaxNeighbours> msc_rows;
    const int mscs = contacts_.scan_msc(world, v, msc_rows);
    const MscContactView& msc = contacts_.msc();
    int allogeneic = 0;
    for (int i = 0; i < mscs; ++i)
      if (msc.is_allogeneic(world, msc_rows[static_cast<std::size_t>(i)]))
        msc_rows[static_cast<std::size_t>(allogeneic++)] = msc_rows[static_cast<std::size_t>(i)];
    if (allogeneic == 0) continue;
    const double p_kill =
        step_probability(p_.msc_kill_rate_per_h * cytotoxicity_inhibitors_->remaining_fraction(world, v), dt);
    rng::RandomStream kill_stream = world.stream(kKillPurpose, pop.id[r], step.step);
    killing.draw(w, allogeneic, p_kill, kill_stream, [&](int j) {
      std::atomic_ref<std::uint8_t>(world.population(msc.population).killed[msc_rows[static_cast<std::size_t>(j)]])
          .store(1, std::memory_order_relaxed);
    });
  }
}

// Secrete: apply the state decided in Interact, release IFN-gamma and TNF-alpha, take up
// IL-2, and damage antigen-bearing parenchyma in the own voxel (docs/ODD.md section 3.3.1).
void Cd8TCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double *il2 = f.data(il2_), *ifng = f.data(ifng_), *tnfa = f.data(tnfa_), *health = f.data(health_);
  const double* antigen = f.data(antigen_);
  const double dt = step.dt_h;
  // Every CD8 cell consumes IFN-gamma through its receptor (Oyler-Yaniv 2017); CTLs make it.
  const double ifng_uptake = p_.kinetics.ifng_uptake_per_h;
  const SourceStep ifng_step = world.fields().source_step(ifng_, ifng_uptake, step.dt_h);
  const SourceStep tnfa_step = world.fields().source_step(tnfa_, 0.0, step.dt_h);
  const SourceStep il2_uptake_step = world.fields().source_step(il2_, p_.kinetics.il2_uptake_per_h, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    if (state[r] != as_int(Cd8State::Ctl)) {
      if (ifng_uptake > 0.0) ifng[pop.voxel[r]] = ifng_step.apply(ifng[pop.voxel[r]], 0.0);
      continue;
    }
    const std::uint32_t v = pop.voxel[r];
    ifng[v] = ifng_step.apply(ifng[v], p_.ifng_ctl_ng_per_ml_per_h);
    tnfa[v] = tnfa_step.apply(tnfa[v], p_.tnfa_ctl_ng_per_ml_per_h);
    il2[v] = il2_uptake_step.apply(il2[v], 0.0);
    if (antigen[v] > p_.antigen_recognition_threshold && p_.tissue_damage_per_h > 0.0)
      damage_voxel(health[v], p_.tissue_damage_per_h * cytotoxicity_inhibitors_->remaining_fraction(world, v), dt);
  }
}

}  // namespace mscsim::models
