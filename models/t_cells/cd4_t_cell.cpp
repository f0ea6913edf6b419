#include "models/t_cells/cd4_t_cell.hpp"

#include <array>

#include "models/common/cell_states.hpp"
#include "models/common/cotherapy.hpp"
#include "models/common/newcomers.hpp"
#include "models/t_cells/t_cell_shared.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kActPurpose = rng::purpose_id("cd4_t.act");
constexpr const char* kPop = population::kCd4T;

void declare_half_max(ParameterCatalogue& c, const std::string& key, double value, const std::string& reference,
                      const std::string& description) {
  c.declare(exclusive_min(real_parameter(key, value, 0.0, 1.0e4, "ng/mL", reference, description)));
}

void declare_secretion(ParameterCatalogue& c, const std::string& key, double value, const std::string& reference,
                       const std::string& description) {
  c.declare(real_parameter(key, value, 0.0, 1.0e4, "ng/mL/h", reference, description));
}
}  // namespace

const std::vector<std::string>& cd4_state_names() {
  static const std::vector<std::string> names = {"naive", "activated", "th1", "th2", "th17"};
  return names;
}

void Cd4TCell::declare_parameters(ParameterCatalogue& c) const {
  const std::string p = kPop;
  declare_t_cell_seeding(c, p, cd4_state_names(), "naive");
  declare_t_cell_kinetics(c, p, TCellKineticsDefaults{});
  declare_t_cell_priming(c, p);
  c.declare(real_parameter(p + ".differentiation_rate_per_h", 1.0 / 24.0, 0.0, 100.0, "1/h",
                           "assumption (helper fates are set within 1-3 days of activation)",
                           "Rate at which an activated cell takes a helper fate at saturating polarizing "
                           "cytokines (scaled by each fate's cytokine signal)."));
  declare_half_max(c, p + ".th1_il12_half_max_ng_per_ml", 0.2, "assumption (IL-12 -> Th1)",
                   "IL-12 giving half of the Th1 signal.");
  declare_half_max(c, p + ".th1_ifng_half_max_ng_per_ml", 1.0, "assumption (IFN-gamma -> Th1)",
                   "IFN-gamma giving half of the Th1 signal.");
  declare_half_max(c, p + ".th2_il4_half_max_ng_per_ml", 0.5, "assumption (IL-4 -> Th2)",
                   "IL-4 giving half of the Th2 signal.");
  declare_half_max(c, p + ".th17_il6_half_max_ng_per_ml", 0.5,
                   "assumption (IL-6 + TGF-beta -> Th17; Guo 2009, Rozenberg 2016)", "IL-6 giving half of the Th17 "
                                                                                   "signal.");
  declare_half_max(c, p + ".th17_tgfb_half_max_ng_per_ml", 0.1, "assumption (IL-6 + TGF-beta -> Th17)",
                   "TGF-beta giving half of the Th17 signal.");
  declare_half_max(c, p + ".itreg_tgfb_half_max_ng_per_ml", 0.1, "assumption; Liu 2010, Kim 2018 (MSCs raise Treg)",
                   "TGF-beta giving half of the induced-Treg signal.");
  declare_half_max(c, p + ".itreg_kyn_half_max_ng_per_ml", 0.1, "assumption (kynurenine favours Treg)",
                   "Kynurenine giving half of the induced-Treg signal.");
  declare_half_max(c, p + ".itreg_il6_block_half_max_ng_per_ml", 0.5,
                   "assumption (IL-6 turns TGF-beta signalling from Treg to Th17)",
                   "IL-6 that halves the induced-Treg signal.");
  c.declare(real_parameter(p + ".msc_presentation_efficacy", 0.5, 0.0, 1.0, "1",
                           "assumption; Chan 2006 (MSCs are conditional APCs without DC co-stimulation); "
                           "calibrated: Le Blanc 2003 (few MSCs stimulate the MLR)",
                           "Activation rate on an MHC-II-high MSC relative to a mature DC."));
  c.declare(real_parameter(p + ".treg_induction_by_tolerogenic_dc_per_h", 0.1, 0.0, 100.0, "1/h",
                           "assumption (tolerogenic DCs induce Treg)",
                           "Rate at which an antigen-specific cell touching a tolerogenic DC becomes an induced "
                           "Treg."));
  declare_secretion(c, p + ".il2_secretion_activated_ng_per_ml_per_h", 10.0, "assumption",
                    "IL-2 released by an activated (not yet polarized) cell.");
  declare_secretion(c, p + ".il2_secretion_th1_ng_per_ml_per_h", 3.0, "assumption; Mosmann 1986 (Th1 make IL-2)",
                    "IL-2 released by a Th1 cell.");
  declare_secretion(c, p + ".ifng_secretion_th1_ng_per_ml_per_h", 30.0,
                    "assumption (dense Th1 neighbourhood reaches ng/mL)",
                    "IFN-gamma released by a Th1 cell.");
  declare_secretion(c, p + ".tnfa_secretion_th1_ng_per_ml_per_h", 30.0, "assumption",
                    "TNF-alpha released by a Th1 cell.");
  declare_secretion(c, p + ".il4_secretion_th2_ng_per_ml_per_h", 5.0, "assumption", "IL-4 released by a Th2 cell.");
  declare_secretion(c, p + ".il17_secretion_th17_ng_per_ml_per_h", 5.0, "assumption",
                    "IL-17 released by a Th17 cell.");
  // Th2 and Th17 cells grow on autocrine factors the model has no field for (IL-4 for Th2,
  // IL-21 for Th17); a disease scenario that needs a self-sustaining Th2 or Th17 infiltrate
  // writes them into the IL-2 field (docs/ODD.md section 4.1). Off by default.
  declare_secretion(c, p + ".il2_secretion_th2_ng_per_ml_per_h", 0.0,
                    "Mosmann 1986 (Th2 clones make little IL-2 and grow on autocrine IL-4); assumption on the "
                    "lumped rate (default off)",
                    "IL-2 (standing for the autocrine T-cell growth signal) released by a Th2 cell.");
  declare_secretion(c, p + ".il2_secretion_th17_ng_per_ml_per_h", 0.0,
                    "Korn 2007; Nurieva 2007 (IL-21 is an autocrine Th17 growth and amplification factor); "
                    "assumption on the lumped rate (default off)",
                    "IL-2 (standing for the autocrine T-cell growth signal) released by a Th17 cell.");
}

void Cd4TCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  const std::string p = kPop;
  p_.seeding = read_t_cell_seeding(s, p, cd4_state_names());
  p_.kinetics = read_t_cell_kinetics(s, p);
  p_.priming = read_t_cell_priming(s, p);
  p_.contact = TCellContactSuppression::read(s);
  p_.differentiation_rate_per_h = s.real(p + ".differentiation_rate_per_h");
  p_.th1_by_il12 = {s.real(p + ".th1_il12_half_max_ng_per_ml"), 1.0};
  p_.th1_by_ifng = {s.real(p + ".th1_ifng_half_max_ng_per_ml"), 1.0};
  p_.th2_by_il4 = {s.real(p + ".th2_il4_half_max_ng_per_ml"), 1.0};
  p_.th17_by_il6 = {s.real(p + ".th17_il6_half_max_ng_per_ml"), 1.0};
  p_.th17_by_tgfb = {s.real(p + ".th17_tgfb_half_max_ng_per_ml"), 1.0};
  p_.itreg_by_tgfb = {s.real(p + ".itreg_tgfb_half_max_ng_per_ml"), 1.0};
  p_.itreg_by_kyn = {s.real(p + ".itreg_kyn_half_max_ng_per_ml"), 1.0};
  p_.itreg_blocked_by_il6 = {s.real(p + ".itreg_il6_block_half_max_ng_per_ml"), 1.0};
  p_.msc_presentation_efficacy = s.real(p + ".msc_presentation_efficacy");
  p_.treg_induction_by_tolerogenic_dc_per_h = s.real(p + ".treg_induction_by_tolerogenic_dc_per_h");
  p_.il2_activated_ng_per_ml_per_h = s.real(p + ".il2_secretion_activated_ng_per_ml_per_h");
  p_.il2_th1_ng_per_ml_per_h = s.real(p + ".il2_secretion_th1_ng_per_ml_per_h");
  p_.ifng_th1_ng_per_ml_per_h = s.real(p + ".ifng_secretion_th1_ng_per_ml_per_h");
  p_.tnfa_th1_ng_per_ml_per_h = s.real(p + ".tnfa_secretion_th1_ng_per_ml_per_h");
  p_.il4_th2_ng_per_ml_per_h = s.real(p + ".il4_secretion_th2_ng_per_ml_per_h");
  p_.il17_th17_ng_per_ml_per_h = s.real(p + ".il17_secretion_th17_ng_per_ml_per_h");
  p_.il2_th2_ng_per_ml_per_h = s.real(p + ".il2_secretion_th2_ng_per_ml_per_h");
  p_.il2_th17_ng_per_ml_per_h = s.real(p + ".il2_secretion_th17_ng_per_ml_per_h");
  // Co-therapy (docs/ODD.md section 3.3.1), folded into the secretion constants: a calcineurin
  // inhibitor lowers IL-2, corticosteroids every pro-inflammatory cytokine (factors 1 without).
  const CoTherapyFactors co = read_cotherapy(s);
  p_.il2_activated_ng_per_ml_per_h *= co.il2();
  p_.il2_th1_ng_per_ml_per_h *= co.il2();
  p_.il2_th2_ng_per_ml_per_h *= co.il2();
  p_.il2_th17_ng_per_ml_per_h *= co.il2();
  p_.ifng_th1_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.tnfa_th1_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.il4_th2_ng_per_ml_per_h *= co.cytokine_secretion;
  p_.il17_th17_ng_per_ml_per_h *= co.cytokine_secretion;

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
  il4_ = f.id_of("il4");
  il17_ = f.id_of("il17");
  il12_ = f.id_of("il12");
  il6_ = f.id_of("il6");
  tgfb_ = f.id_of("tgfb");
  kyn_ = f.id_of("kyn");
  activation_inhibitors_ = std::make_unique<InhibitorSet>(s, w, kTActivation, t_activation_inhibitor_table());
  proliferation_inhibitors_ =
      std::make_unique<InhibitorSet>(s, w, kTProliferation, t_proliferation_inhibitor_table());
  th17_inhibitors_ =
      std::make_unique<InhibitorSet>(s, w, kTh17Differentiation, th17_differentiation_inhibitor_table());

  count_divisions_at_birth(w, population_, divisions_);
  set_primed_t_cell_newcomer_hook(w, population_, columns, as_int(Cd4State::Naive), p_.priming.responder_fraction);
  b.add_initializer([this](World& world) {
    contacts_.resolve(world, p_.contact.msc_presentation_mhc2_threshold);
    has_treg_ = world.has_population(population::kTreg);
    if (has_treg_) treg_population_ = world.population_id(population::kTreg);
    seed_newcomers(world, population_, static_cast<std::size_t>(p_.seeding.count), "cd4_t.initial_placement",
                   p_.seeding.state);
  });
  b.add_agent_rule({"cd4_t.priming_fate_division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"cd4_t.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer(state_count_observer(population_, state_, p, cd4_state_names()));
}

// Interact: the fate events out of the current state are one categorical draw over their
// rates, and the random walk is drawn in steps without one
// (docs/ODD.md section 2). Contact signals are pulled from the Moore neighbourhood.
void Cd4TCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const std::int32_t* state = pop.integer(state_);
  std::int32_t* next_state = pop.integer(next_state_);
  double* contact_time = pop.real(contact_time_);
  const std::int32_t* specific = pop.integer(antigen_specific_);
  const std::int32_t* divisions = pop.integer(divisions_);
  const FieldSet& f = world.fields();
  const double *il2 = f.data(il2_), *ifng = f.data(ifng_), *il12 = f.data(il12_), *il4 = f.data(il4_),
               *il6 = f.data(il6_), *tgfb = f.data(tgfb_), *kyn = f.data(kyn_);
  const Lattice& lattice = world.lattice();
  const TCellKinetics& k = p_.kinetics;
  const double dt = step.dt_h;
  const double p_move = step_probability(k.move_rate_per_h, dt);
  // Exact thinning bounds of activated and effector cells, [activated][divisions > 0]:
  // every rate below at its largest (no IL-2 survival, saturating IL-2 and polarizing
  // cytokines, no suppression, a tolerogenic DC in contact). A uniform above the bound
  // means no event, whatever the fields and the neighbours.
  const double fate_max = 4.0 * p_.differentiation_rate_per_h + p_.treg_induction_by_tolerogenic_dc_per_h;
  double no_event_above[2][2];
  for (int activated = 0; activated < 2; ++activated)
    for (int divided = 0; divided < 2; ++divided)
      no_event_above[activated][divided] =
          thinning_bound(k.max_death_and_division_rate(divided) + (activated != 0 ? fate_max : 0.0), dt);
  for (std::size_t r = begin; r < end; ++r) {
    next_state[r] = state[r];
    const std::uint32_t v = pop.voxel[r];
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();

    if (state[r] != as_int(Cd4State::Naive)) {
      if (u >= no_event_above[state[r] == as_int(Cd4State::Activated)][divisions[r] != 0]) {
        maybe_hop(pop, r, lattice, p_move, stream);
        continue;
      }
      // Th1, Th2 and Th17 cells only die or divide, and contact suppression can only lower
      // the division rate: when the uniform lies above the probability of any event at the
      // uncontacted rate, nothing happens whatever the neighbours are, and the neighbourhood
      // need not be scanned (exact thinning; the outcome is the same as with the scan).
      if (state[r] != as_int(Cd4State::Activated)) {
        const double uncontacted = k.division_rate(divisions[r]) * k.proliferation_by_il2(il2[v]) *
                                   proliferation_inhibitors_->remaining_fraction(world, v);
        const std::array<double, 2> bound = {k.effector_death_with_il2(il2[v]), uncontacted};
        if (draw_competing_event(bound, dt, u) < 0) {
          maybe_hop(pop, r, lattice, p_move, stream);
          continue;
        }
      }
    }
    // A naive cell that does not recognise the antigen is never engaged by an APC: only its
    // death is possible, and its neighbours do not matter (an empty neighbourhood gives the
    // same rates).
    const bool blind = state[r] == as_int(Cd4State::Naive) && specific[r] == 0;
    const TCellNeighbourhood near = blind ? TCellNeighbourhood{} : contacts_.scan(world, v);

    if (state[r] == as_int(Cd4State::Naive)) {
      // Priming: a cell that recognises the antigen stops on an APC and integrates contact
      // time (Mempel 2004); after priming_contact_h it activates at a rate that soluble and
      // contact suppression lower (docs/ODD.md section 3.3.3-3.3.6).
      const bool recognises = specific[r] != 0;
      const int presenting = near.mature_dc + near.msc_presenting;
      const bool engaged = recognises && presenting > 0;
      if (engaged) contact_time[r] += dt;
      // MSCs lack the co-stimulation of a DC: as APCs they activate less well (Chan 2006).
      const double presenter_strength = near.mature_dc > 0 ? 1.0 : p_.msc_presentation_efficacy;
      const double activation =
          engaged && contact_time[r] >= p_.priming.priming_contact_h
              ? p_.priming.activation_rate_per_h * presenter_strength *
                    activation_inhibitors_->remaining_fraction(world, v) * near.contact_remaining(p_.contact)
              : 0.0;
      const double treg_induction =
          recognises && near.tolerogenic_dc > 0 ? p_.treg_induction_by_tolerogenic_dc_per_h : 0.0;
      const bool arrested = engaged || treg_induction > 0.0;
      const std::array<double, 3> rates = {k.resting_death_rate_per_h, activation, treg_induction};
      switch (draw_competing_event(rates, dt, u)) {
        case 0: pop.fate[r] = Fate::Die; break;
        case 1: next_state[r] = as_int(Cd4State::Activated); break;
        case 2:
          if (has_treg_) {
            pop.fate[r] = Fate::Convert;
            pop.convert_to[r] = static_cast<std::uint8_t>(treg_population_);
          }
          break;
        default:
          if (!arrested) maybe_hop(pop, r, lattice, p_move, stream);
          break;
      }
      continue;
    }

    // Activated and effector cells: division while IL-2 is present, slowed by MSC mediators
    // (kyn, PGE2, TGF-beta) and by PD-L1 and Treg contact (Di Nicola 2002; Meisel 2004).
    const double division = k.division_rate(divisions[r]) * k.proliferation_by_il2(il2[v]) *
                            proliferation_inhibitors_->remaining_fraction(world, v) *
                            near.contact_remaining(p_.contact);
    // Fate of an activated cell from the local cytokines (docs/ODD.md section 3.3.3-3.3.6).
    double th1 = 0.0, th2 = 0.0, th17 = 0.0, itreg = 0.0;
    if (state[r] == as_int(Cd4State::Activated)) {
      const double kd = p_.differentiation_rate_per_h;
      th1 = kd * (1.0 - (1.0 - p_.th1_by_il12(il12[v])) * (1.0 - p_.th1_by_ifng(ifng[v])));
      th2 = kd * p_.th2_by_il4(il4[v]);
      th17 = kd * p_.th17_by_il6(il6[v]) * p_.th17_by_tgfb(tgfb[v]) * th17_inhibitors_->remaining_fraction(world, v);
      itreg = has_treg_ ? kd * p_.itreg_by_tgfb(tgfb[v]) * p_.itreg_by_kyn(kyn[v]) *
                              (1.0 - p_.itreg_blocked_by_il6(il6[v]))
                        : 0.0;
    }
    const double treg_induction = state[r] == as_int(Cd4State::Activated) && near.tolerogenic_dc > 0 && has_treg_
                                      ? p_.treg_induction_by_tolerogenic_dc_per_h
                                      : 0.0;
    // Each rate here must stay within the thinning bound above (no_event_above).
    const std::array<double, 7> rates = {k.effector_death_with_il2(il2[v]), division, th1, th2, th17, itreg,
                                         treg_induction};
    switch (draw_competing_event(rates, dt, u)) {
      case 0: pop.fate[r] = Fate::Die; break;
      case 1: {
        const std::uint32_t target = random_free_neighbour_voxel(lattice, v, stream);
        if (target != Lattice::kEmpty) pop.divide_to[r] = target;
        break;
      }
      case 2: next_state[r] = as_int(Cd4State::Th1); break;
      case 3: next_state[r] = as_int(Cd4State::Th2); break;
      case 4: next_state[r] = as_int(Cd4State::Th17); break;
      case 5:
      case 6:
        if (!has_treg_) break;
        pop.fate[r] = Fate::Convert;
        pop.convert_to[r] = static_cast<std::uint8_t>(treg_population_);
        break;
      default: maybe_hop(pop, r, lattice, p_move, stream); break;
    }
  }
}

void Cd4TCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  std::int32_t* state = pop.integer(state_);
  const std::int32_t* next_state = pop.integer(next_state_);
  FieldSet& f = world.fields();
  double *il2 = f.data(il2_), *ifng = f.data(ifng_), *tnfa = f.data(tnfa_), *il4 = f.data(il4_),
         *il17 = f.data(il17_);
  const double uptake = p_.kinetics.il2_uptake_per_h;
  const SourceStep il2_uptake_step = world.fields().source_step(il2_, uptake, step.dt_h);
  // Every CD4 cell consumes IFN-gamma through its receptor (Oyler-Yaniv 2017); Th1 cells make it.
  const double ifng_uptake = p_.kinetics.ifng_uptake_per_h;
  const SourceStep ifng_step = world.fields().source_step(ifng_, ifng_uptake, step.dt_h);
  const SourceStep tnfa_step = world.fields().source_step(tnfa_, 0.0, step.dt_h);
  const SourceStep il4_step = world.fields().source_step(il4_, 0.0, step.dt_h);
  const SourceStep il17_step = world.fields().source_step(il17_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    state[r] = next_state[r];
    const std::uint32_t v = pop.voxel[r];
    switch (static_cast<Cd4State>(state[r])) {
      case Cd4State::Naive: break;
      case Cd4State::Activated:
        il2[v] = il2_uptake_step.apply(il2[v], p_.il2_activated_ng_per_ml_per_h);
        break;
      case Cd4State::Th1:
        il2[v] = il2_uptake_step.apply(il2[v], p_.il2_th1_ng_per_ml_per_h);
        tnfa[v] = tnfa_step.apply(tnfa[v], p_.tnfa_th1_ng_per_ml_per_h);
        break;
      case Cd4State::Th2:
        il2[v] = il2_uptake_step.apply(il2[v], p_.il2_th2_ng_per_ml_per_h);
        il4[v] = il4_step.apply(il4[v], p_.il4_th2_ng_per_ml_per_h);
        break;
      case Cd4State::Th17:
        il2[v] = il2_uptake_step.apply(il2[v], p_.il2_th17_ng_per_ml_per_h);
        il17[v] = il17_step.apply(il17[v], p_.il17_th17_ng_per_ml_per_h);
        break;
    }
    const double ifng_secretion = state[r] == as_int(Cd4State::Th1) ? p_.ifng_th1_ng_per_ml_per_h : 0.0;
    if (ifng_uptake > 0.0 || ifng_secretion > 0.0) ifng[v] = ifng_step.apply(ifng[v], ifng_secretion);
  }
}

}  // namespace mscsim::models
