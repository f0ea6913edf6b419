#include "models/msc/msc.hpp"

#include "models/tissue/tissue_health.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "models/common/cell_states.hpp"
#include "models/msc/msc_rules.hpp"
#include "sim/lattice/placement.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kInitPurpose = rng::purpose_id("msc.initial_placement");
constexpr std::uint64_t kUpdatePurpose = rng::purpose_id("msc.update");
constexpr std::uint64_t kActPurpose = rng::purpose_id("msc.act");
}  // namespace

void Msc::declare_parameters(ParameterCatalogue& c) const {
  declare_msc_parameters(c);
}

void Msc::build(ModelBuilder& b) {
  p_ = read_msc_parameters(b.scenario());

  World& w = b.world();
  population_ = b.add_population(population::kMsc, {{"licensing_level", ColumnType::Real, "1", 0.0},
                                                    {"polarization", ColumnType::Real, "1", 0.0},
                                                    {"potency", ColumnType::Real, "1", 1.0},
                                                    {"mhc2", ColumnType::Real, "1", 0.0},
                                                    {"stress", ColumnType::Real, "1", 0.0},
                                                    {"cxcr4", ColumnType::Real, "1", 1.0},
                                                    {"allogeneic", ColumnType::Integer, "1", 1.0},
                                                    {"ido_level", ColumnType::Real, "1", 0.0},
                                                    {"tlr3_signal", ColumnType::Real, "1", 0.0},
                                                    {"tlr4_signal", ColumnType::Real, "1", 0.0},
                                                    {"tlr4_responsiveness", ColumnType::Real, "1", 1.0},
                                                    {"passage", ColumnType::Integer, "passages", 0.0},
                                                    {"cohort", ColumnType::Integer, "1", -1.0},
                                                    {"il4_overexpression_ng_per_ml_per_h", ColumnType::Real, "ng/mL/h", 0.0},
                                                    {"il10_overexpression_ng_per_ml_per_h", ColumnType::Real, "ng/mL/h", 0.0}});
  const Population& pop = w.population(population_);
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
  il4_overexpression_ = pop.column_id("il4_overexpression_ng_per_ml_per_h");
  il10_overexpression_ = pop.column_id("il10_overexpression_ng_per_ml_per_h");
  factory_.emplace(w, b.scenario());
  const FieldSet& f = w.fields();
  ifng_ = f.id_of("ifng");
  tnfa_ = f.id_of("tnfa");
  damp_ = f.id_of("damp");
  dsrna_ = f.id_of("dsrna");
  il1b_ = f.id_of("il1b");
  cxcl12_ = f.id_of("cxcl12");
  kyn_ = f.id_of("kyn");
  pge2_ = f.id_of("pge2");
  tgfb_ = f.id_of("tgfb");
  il6_ = f.id_of("il6");
  ccl2_ = f.id_of("ccl2");
  il4_ = f.id_of("il4");
  il10_ = f.id_of("il10");
  health_ = f.id_of(kHealthField);

  // Seeding: a freshly thawed product loses 1 − thaw_viability of its cells (each survives
  // with that probability), the survivors go to distinct random free voxels.
  b.add_initializer([this](World& world) {
    rng::RandomStream stream = world.stream(kInitPurpose, 0, 0);
    const MscProduct& product = p_.seeded_product;
    std::size_t count = static_cast<std::size_t>(p_.initial_count);
    if (product.freshly_thawed) {
      std::size_t survivors = 0;
      for (std::size_t i = 0; i < count; ++i) survivors += stream.bernoulli(product.thaw_viability) ? 1 : 0;
      count = survivors;
    }
    for (std::uint32_t v : choose_free_voxels(world.lattice(), count, stream))
      factory_->spawn(world, v, product, -1, stream);
  });
  b.add_agent_rule(
      {"msc.licensing_and_polarization", population_, Phase::Update,
       [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { update_state(w2, st, b0, e0); }});
  b.add_agent_rule({"msc.fate_and_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule(
      {"msc.secretion", population_, Phase::Secrete,
       [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  add_observer(b);
}

// Everything an MSC senses in its own voxel (docs/ODD.md section 3.3.2): licensing, IDO
// expression, MHC-II and polarization relax toward their targets; post-thaw stress and the
// primed TLR signals fade; polarization gets Euler–Maruyama noise.
void Msc::update_state(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  double* licensing = pop.real(licensing_);
  double* ido_level = pop.real(ido_level_);
  double* mhc2 = pop.real(mhc2_);
  double* polarization = pop.real(polarization_);
  double* stress = pop.real(stress_);
  double* tlr3 = pop.real(tlr3_signal_);
  double* tlr4 = pop.real(tlr4_signal_);
  const double* tlr4_responsiveness = pop.real(tlr4_responsiveness_);
  const double* ifng = world.fields().data(ifng_);
  const double* tnfa = world.fields().data(tnfa_);
  const double* damp = world.fields().data(damp_);
  const double* tgfb = world.fields().data(tgfb_);
  const double* il1b = world.fields().data(il1b_);
  const double* dsrna = world.fields().data(dsrna_);
  const double primed_signal_kept = std::exp(-step.dt_h / p_.priming_signal_decay_time_h);
  const double noise = p_.polarization_noise_per_sqrt_h * std::sqrt(step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    stress[r] = stress_after(stress[r], p_.thaw_recovery_h, step.dt_h);
    tlr3[r] *= primed_signal_kept;
    tlr4[r] *= primed_signal_kept;
    MscState s{licensing[r], ido_level[r], mhc2[r], polarization[r]};
    relax_state(p_, s, ifng[v], tnfa[v], tlr3[r], tlr4[r], damp[v], stress[r], step.dt_h, tgfb[v], il1b[v], dsrna[v],
                tlr4_responsiveness[r]);
    if (noise > 0.0) {
      rng::RandomStream stream = world.stream(kUpdatePurpose, pop.id[r], step.step);
      s.polarization += noise * stream.normal();
    }
    licensing[r] = s.licensing;
    ido_level[r] = s.ido_level;
    mhc2[r] = s.mhc2;
    polarization[r] = std::clamp(s.polarization, -1.0, 1.0);
  }
}

// Baseline apoptosis and movement compete: one categorical draw over their rates
// (competing events). Both are lowered by niche support, read from the neighbours: an
// MSC inside an injected depot is held by its neighbours and their matrix (no anoikis, no
// wandering off), one that arrived alone through a vessel is not (Frisch 1994; Bartosh
// 2010). Nothing here knows how the cell got there.
void Msc::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const Lattice& lattice = world.lattice();
  const int n = lattice.neighbourhood_size();
  const bool niche = p_.niche_protection_max > 0.0;
  for (std::size_t r = begin; r < end; ++r) {
    double support = 0.0;
    if (niche) {
      int mscs = 0;
      for (int k = 0; k < n; ++k) {
        const std::uint32_t v = lattice.neighbour(pop.voxel[r], k);
        if (v != Lattice::kEmpty && !lattice.is_free(v) && lattice.occupant(v).population == population_) ++mscs;
      }
      support = niche_protection(p_, static_cast<double>(mscs) / n);
    }
    const double apoptosis = p_.apoptosis_rate_per_h * (1.0 - support);
    const double total = apoptosis + p_.move_rate_per_h * (1.0 - support);
    const double p_any = step_probability(total, step.dt_h);
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= p_any) continue;
    if (u / p_any * total < apoptosis) {
      pop.fate[r] = Fate::Die;
      continue;
    }
    const std::uint32_t target = choose_move_target(world, r, stream);
    if (target != Lattice::kEmpty) pop.move_to[r] = target;
  }
}

// Chemotaxis as a biased random walk: neighbour k is chosen with weight
// exp(χ12 · cxcr4 · ΔH(cxcl12) + χccl2 · ΔH(ccl2)), ΔH the receptor occupancy there minus
// here (docs/ODD.md section 3.3.2: up CXCL12 through CXCR4, Marquez-Curtis 2013; weakly up the
// inflammatory chemokines). Without gradients this is the unbiased walk. A move toward an
// occupied voxel or off the lattice fails (the cell stays).
std::uint32_t Msc::choose_move_target(const World& world, std::size_t row, rng::RandomStream& stream) const {
  const Population& pop = world.population(population_);
  const Lattice& lattice = world.lattice();
  const std::uint32_t here = pop.voxel[row];
  const int n = lattice.neighbourhood_size();
  const double chi_cxcl12 = p_.chemotaxis_cxcl12_sensitivity * pop.real(cxcr4_)[row];
  const double chi_ccl2 = p_.chemotaxis_ccl2_sensitivity;
  const double* cxcl12 = world.fields().data(cxcl12_);
  const double* ccl2 = world.fields().data(ccl2_);
  const double cxcl12_here = p_.cxcl12_receptor_occupancy(cxcl12[here]);
  const double ccl2_here = p_.ccl2_receptor_occupancy(ccl2[here]);
  std::array<double, Lattice::kMaxNeighbours> weight{};
  double total = 0.0;
  for (int k = 0; k < n; ++k) {
    const std::uint32_t v = lattice.neighbour(here, k);
    double bias = 0.0;
    if (v != Lattice::kEmpty)
      bias = chi_cxcl12 * (p_.cxcl12_receptor_occupancy(cxcl12[v]) - cxcl12_here) +
             chi_ccl2 * (p_.ccl2_receptor_occupancy(ccl2[v]) - ccl2_here);
    weight[static_cast<std::size_t>(k)] = std::exp(bias);
    total += weight[static_cast<std::size_t>(k)];
  }
  double pick = stream.uniform() * total;
  int chosen = n - 1;
  for (int k = 0; k < n; ++k) {
    pick -= weight[static_cast<std::size_t>(k)];
    if (pick < 0.0) {
      chosen = k;
      break;
    }
  }
  const std::uint32_t target = lattice.neighbour(here, chosen);
  return target != Lattice::kEmpty && lattice.is_free(target) ? target : Lattice::kEmpty;
}

// Suppressive mediators scale with max(p,0) · licensing · potency · (1 − stress), IDO
// activity with the IDO expression level in place of licensing; pro-inflammatory ones
// with max(−p,0) · potency, plus senescence-associated IL-6 growing with passage
// (docs/ODD.md section 3.3.2; Waterman 2010; Boyt 2020). Each mediator has its ablation switch.
void Msc::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const double* licensing = pop.real(licensing_);
  const double* ido_level = pop.real(ido_level_);
  const double* polarization = pop.real(polarization_);
  const double* potency = pop.real(potency_);
  const double* stress = pop.real(stress_);
  const std::int32_t* passage = pop.integer(passage_);
  const double* il4_overexpression = pop.real(il4_overexpression_);
  const double* il10_overexpression = pop.real(il10_overexpression_);
  FieldSet& f = world.fields();
  double* kyn = f.data(kyn_);
  double* pge2 = f.data(pge2_);
  double* tgfb = f.data(tgfb_);
  double* il6 = f.data(il6_);
  double* ccl2 = f.data(ccl2_);
  double* il4 = f.data(il4_);
  double* il10 = f.data(il10_);
  double* health = f.data(health_);
  const double kyn_rate = p_.ido_enabled ? p_.kyn_secretion_ng_per_ml_per_h : 0.0;
  const double pge2_rate = p_.pge2_enabled ? p_.pge2_secretion_ng_per_ml_per_h : 0.0;
  const double tgfb_rate = p_.tgfb_enabled ? p_.tgfb_secretion_ng_per_ml_per_h : 0.0;
  const double basal_tgfb_rate = p_.tgfb_enabled ? p_.basal_tgfb_secretion_ng_per_ml_per_h : 0.0;
  const double il6_rate = p_.il6_enabled ? p_.il6_secretion_ng_per_ml_per_h : 0.0;
  const double sasp_rate = p_.il6_enabled ? p_.sasp_il6_secretion_ng_per_ml_per_h : 0.0;
  const SourceStep kyn_step = world.fields().source_step(kyn_, 0.0, step.dt_h);
  const SourceStep pge2_step = world.fields().source_step(pge2_, 0.0, step.dt_h);
  const SourceStep tgfb_step = world.fields().source_step(tgfb_, 0.0, step.dt_h);
  const SourceStep il6_step = world.fields().source_step(il6_, 0.0, step.dt_h);
  const SourceStep ccl2_step = world.fields().source_step(ccl2_, 0.0, step.dt_h);
  const SourceStep il4_step = world.fields().source_step(il4_, 0.0, step.dt_h);
  const SourceStep il10_step = world.fields().source_step(il10_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    const double msc2_drive = std::max(polarization[r], 0.0) * potency[r] * (1.0 - stress[r]);
    const double inflammatory = std::max(-polarization[r], 0.0) * potency[r];
    const double sasp = senescence_for_passage(p_, passage[r]);
    kyn[v] = kyn_step.apply(kyn[v], kyn_rate * msc2_drive * ido_level[r]);
    pge2[v] = pge2_step.apply(pge2[v], pge2_rate * msc2_drive * licensing[r]);
    // Constitutive TGF-beta (Di Nicola 2002) plus the licensed MSC2 output.
    tgfb[v] = tgfb_step.apply(tgfb[v], tgfb_rate * msc2_drive * licensing[r] +
                                           basal_tgfb_rate * potency[r] * (1.0 - stress[r]));
    il6[v] = il6_step.apply(il6[v], il6_rate * inflammatory + sasp_rate * sasp);
    ccl2[v] = ccl2_step.apply(ccl2[v], p_.ccl2_secretion_ng_per_ml_per_h * inflammatory);
    // Engineered products overexpress IL-4 or IL-10 whatever their polarization (seed 2).
    if (il4_overexpression[r] > 0.0) il4[v] = il4_step.apply(il4[v], il4_overexpression[r]);
    if (il10_overexpression[r] > 0.0) il10[v] = il10_step.apply(il10[v], il10_overexpression[r]);
    // Trophic factors (HGF, TSG-6) help the parenchyma of the MSC's voxel recover
    // (docs/ODD.md section 3.3.1); a culture well's health stays at 1.
    if (p_.trophic_repair_per_h > 0.0)
      repair_voxel(health[v], p_.trophic_repair_per_h * potency[r] * (1.0 - stress[r]), step.dt_h);
  }
}

void Msc::add_observer(ModelBuilder& b) {
  b.add_observer({{{"msc", "msc0", "cells"},
                   {"msc", "msc1", "cells"},
                   {"msc", "msc2", "cells"},
                   {"balance", "msc_balance", "1"},
                   {"msc", "mean_licensing_level", "1"},
                   {"msc", "mean_polarization", "1"},
                   {"msc", "mean_mhc2", "1"},
                   {"msc", "mean_ido_level", "1"},
                   {"msc", "fraction_msc2", "1"},
                   {"msc", "mean_stress", "1"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& msc = world.population(population_);
                    const double* p = msc.real(polarization_);
                    const double* l = msc.real(licensing_);
                    const double* m = msc.real(mhc2_);
                    const double* ido = msc.real(ido_level_);
                    const double* st = msc.real(stress_);
                    double n0 = 0, n1 = 0, n2 = 0, sum_l = 0, sum_p = 0, sum_m = 0, sum_ido = 0, sum_st = 0;
                    for (std::size_t r = 0; r < msc.size(); ++r) {
                      if (p[r] < -p_.phenotype_threshold)
                        ++n1;
                      else if (p[r] > p_.phenotype_threshold)
                        ++n2;
                      else
                        ++n0;
                      sum_l += l[r];
                      sum_p += p[r];
                      sum_m += m[r];
                      sum_ido += ido[r];
                      sum_st += st[r];
                    }
                    const double n = static_cast<double>(msc.size());
                    auto per_cell = [n](double x) { return n > 0 ? x / n : 0.0; };
                    out = {n0,
                           n1,
                           n2,
                           per_cell(n2 - n1),
                           per_cell(sum_l),
                           per_cell(sum_p),
                           per_cell(sum_m),
                           per_cell(sum_ido),
                           per_cell(n2),
                           per_cell(sum_st)};
                  }});
}

}  // namespace mscsim::models
