#include "models/msc/msc.hpp"

#include <algorithm>
#include <cmath>

#include "models/common/cell_states.hpp"
#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kInitPurpose = rng::purpose_id("msc.initial_placement");
constexpr std::uint64_t kUpdatePurpose = rng::purpose_id("msc.update");
constexpr std::uint64_t kActPurpose = rng::purpose_id("msc.act");
}  // namespace

void Msc::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("msc.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "MSCs placed at random free voxels before the first step."));
  c.declare(exclusive_min(real_parameter("msc.licensing_half_max_ifng_ng_per_ml", 2.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption (licensing experiments use 10-100 ng/mL, MODEL.md section 2)",
                                         "IFN-gamma giving half-maximal licensing (K_lic).")));
  c.declare(real_parameter("msc.licensing_hill", 2.0, 0.1, 10.0, "1", "assumption",
                           "Hill exponent of licensing by IFN-gamma (n)."));
  c.declare(real_parameter("msc.licensing_ifng_alone", 0.3, 0.0, 1.0, "1",
                           "assumption; Ren 2008 (IFN-gamma plus TNF-alpha needed for full suppression)",
                           "Licensing reached with IFN-gamma but no TNF-alpha (a0)."));
  c.declare(exclusive_min(real_parameter("msc.licensing_half_max_tnfa_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption (Ren 2008 used 10-30 ng/mL)",
                                         "TNF-alpha giving half of the co-signal (K_tnf).")));
  c.declare(exclusive_min(real_parameter("msc.licensing_time_constant_h", 12.0, 0.0, 1.0e3, "h",
                                         "MODEL.md section 3 (IDO appears over 24-48 h of priming)",
                                         "Time constant of licensing relaxing to its target (tau_lic).")));
  c.declare(exclusive_min(real_parameter("msc.polarization_time_constant_h", 24.0, 0.0, 1.0e3, "h", "assumption",
                                         "Time constant of polarization relaxing to tanh(g u) (tau_pol).")));
  c.declare(real_parameter("msc.polarization_gain", 3.0, 0.0, 100.0, "1", "assumption",
                           "Gain g of the polarization drive in tanh(g u)."));
  c.declare(real_parameter("msc.polarization_licensing_weight", 2.0, -100.0, 100.0, "1",
                           "assumption; Waterman 2010, Bernardo & Fibbe 2013",
                           "Weight w_lic of licensing in the drive u (strong IFN-gamma + TNF-alpha -> MSC2)."));
  c.declare(real_parameter("msc.polarization_licensing_threshold", 0.3, 0.0, 1.0, "1", "assumption",
                           "Licensing level theta above which the drive favours MSC2."));
  c.declare(real_parameter("msc.polarization_noise_per_sqrt_h", 0.05, 0.0, 10.0, "1/sqrt(h)", "assumption",
                           "Noise sigma_pol of polarization (Euler-Maruyama)."));
  c.declare(real_parameter("msc.phenotype_threshold", 0.33, 0.0, 1.0, "1", "MODEL.md section 3",
                           "theta_label: MSC1 if p < -theta, MSC2 if p > theta, else MSC0."));
  c.declare(real_parameter("msc.potency_log_sd", 0.25, 0.0, 3.0, "1", "assumption (donor heterogeneity)",
                           "Standard deviation of log potency; potency is lognormal with mean 1."));
  const char* secretion_ref = "assumption (calibrated in MODEL.md section 11 facts)";
  c.declare(real_parameter("msc.kyn_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", secretion_ref,
                           "IDO activity of a fully licensed MSC2 (scaled by max(p,0) licensing potency)."));
  c.declare(real_parameter("msc.pge2_secretion_ng_per_ml_per_h", 5.0, 0.0, 1.0e4, "ng/mL/h", secretion_ref,
                           "PGE2 of a fully licensed MSC2."));
  c.declare(real_parameter("msc.tgfb_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", secretion_ref,
                           "Active TGF-beta of a fully licensed MSC2."));
  c.declare(real_parameter("msc.il6_secretion_ng_per_ml_per_h", 2.0, 0.0, 1.0e4, "ng/mL/h", secretion_ref,
                           "IL-6 of a fully polarized MSC1 (scaled by max(-p,0))."));
  c.declare(real_parameter("msc.ccl2_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", secretion_ref,
                           "Inflammatory chemokines of a fully polarized MSC1."));
  c.declare(exclusive_min(real_parameter("msc.apoptosis_half_life_h", 48.0, 0.0, 1.0e6, "h",
                                         "assumption; Lee 2009, Eggenhofer 2012",
                                         "Tissue half-life of an MSC from baseline apoptosis.")));
  c.declare(real_parameter("msc.speed_um_per_h", 10.0, 0.0, 1.0e4, "um/h", "assumption (MSCs are slow)",
                           "Random-walk speed."));
}

void Msc::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("msc.initial_count");
  p_.licensing_by_ifng = {s.real("msc.licensing_half_max_ifng_ng_per_ml"), s.real("msc.licensing_hill")};
  p_.costimulation_by_tnfa = {s.real("msc.licensing_half_max_tnfa_ng_per_ml"), 1.0};
  p_.licensing_ifng_alone = s.real("msc.licensing_ifng_alone");
  p_.licensing_time_constant_h = s.real("msc.licensing_time_constant_h");
  p_.polarization_time_constant_h = s.real("msc.polarization_time_constant_h");
  p_.polarization_gain = s.real("msc.polarization_gain");
  p_.licensing_weight = s.real("msc.polarization_licensing_weight");
  p_.licensing_threshold = s.real("msc.polarization_licensing_threshold");
  p_.polarization_noise_per_sqrt_h = s.real("msc.polarization_noise_per_sqrt_h");
  p_.phenotype_threshold = s.real("msc.phenotype_threshold");
  p_.potency_log_sd = s.real("msc.potency_log_sd");
  p_.kyn_secretion_ng_per_ml_per_h = s.real("msc.kyn_secretion_ng_per_ml_per_h");
  p_.pge2_secretion_ng_per_ml_per_h = s.real("msc.pge2_secretion_ng_per_ml_per_h");
  p_.tgfb_secretion_ng_per_ml_per_h = s.real("msc.tgfb_secretion_ng_per_ml_per_h");
  p_.il6_secretion_ng_per_ml_per_h = s.real("msc.il6_secretion_ng_per_ml_per_h");
  p_.ccl2_secretion_ng_per_ml_per_h = s.real("msc.ccl2_secretion_ng_per_ml_per_h");
  p_.apoptosis_rate_per_h = std::log(2.0) / s.real("msc.apoptosis_half_life_h");
  p_.move_rate_per_h = s.real("msc.speed_um_per_h") / s.real("tissue.voxel_um");

  World& w = b.world();
  population_ = b.add_population(population::kMsc, {{"licensing_level", ColumnType::Real, "1", 0.0},
                                                    {"polarization", ColumnType::Real, "1", 0.0},
                                                    {"potency", ColumnType::Real, "1", 1.0},
                                                    {"mhc2", ColumnType::Real, "1", 0.0},
                                                    {"stress", ColumnType::Real, "1", 0.0},
                                                    {"cxcr4", ColumnType::Real, "1", 1.0},
                                                    {"allogeneic", ColumnType::Integer, "1", 1.0}});
  const Population& pop = w.population(population_);
  licensing_ = pop.column_id("licensing_level");
  polarization_ = pop.column_id("polarization");
  potency_ = pop.column_id("potency");
  const FieldSet& f = w.fields();
  ifng_ = f.id_of("ifng");
  tnfa_ = f.id_of("tnfa");
  kyn_ = f.id_of("kyn");
  pge2_ = f.id_of("pge2");
  tgfb_ = f.id_of("tgfb");
  il6_ = f.id_of("il6");
  ccl2_ = f.id_of("ccl2");

  b.add_initializer([this](World& world) {
    rng::RandomStream stream = world.stream(kInitPurpose, 0, 0);
    const auto voxels = choose_free_voxels(world.lattice(), static_cast<std::size_t>(p_.initial_count), stream);
    for (std::uint32_t v : voxels) {
      const std::size_t row = world.spawn(population_, v);
      // Lognormal potency with mean 1: exp(sd N - sd^2 / 2).
      const double sd = p_.potency_log_sd;
      world.population(population_).real(potency_)[row] = std::exp(sd * stream.normal() - 0.5 * sd * sd);
    }
  });
  b.add_agent_rule({"msc.licensing_and_polarization", population_, Phase::Update,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { update_state(w2, st, b0, e0); }});
  b.add_agent_rule({"msc.fate_and_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"msc.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});

  b.add_observer({{{"msc", "msc0", "cells"},
                   {"msc", "msc1", "cells"},
                   {"msc", "msc2", "cells"},
                   {"balance", "msc_balance", "1"},
                   {"msc", "mean_licensing_level", "1"},
                   {"msc", "mean_polarization", "1"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& msc = world.population(population_);
                    const double* p = msc.real(polarization_);
                    const double* l = msc.real(licensing_);
                    double n0 = 0, n1 = 0, n2 = 0, sum_l = 0, sum_p = 0;
                    for (std::size_t r = 0; r < msc.size(); ++r) {
                      if (p[r] < -p_.phenotype_threshold) ++n1;
                      else if (p[r] > p_.phenotype_threshold) ++n2;
                      else ++n0;
                      sum_l += l[r];
                      sum_p += p[r];
                    }
                    const double n = static_cast<double>(msc.size());
                    out = {n0, n1, n2, n > 0 ? (n2 - n1) / n : 0.0, n > 0 ? sum_l / n : 0.0, n > 0 ? sum_p / n : 0.0};
                  }});
}

// Licensing relaxes toward H(ifng)·(a0 + (1 − a0)·H(tnfa)) (Ren 2008: IFN-gamma alone licenses
// partly; with TNF-alpha fully). Polarization relaxes toward tanh(g·u) with
// u = w_lic (licensing − theta), plus Euler–Maruyama noise (MODEL.md section 3).
void Msc::update_state(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  double* licensing = pop.real(licensing_);
  double* polarization = pop.real(polarization_);
  const double* ifng = world.fields().data(ifng_);
  const double* tnfa = world.fields().data(tnfa_);
  const double lic_step = relaxation_fraction(p_.licensing_time_constant_h, step.dt_h);
  const double pol_step = relaxation_fraction(p_.polarization_time_constant_h, step.dt_h);
  const double noise = p_.polarization_noise_per_sqrt_h * std::sqrt(step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    const double target = p_.licensing_by_ifng(ifng[v]) *
                          (p_.licensing_ifng_alone + (1.0 - p_.licensing_ifng_alone) * p_.costimulation_by_tnfa(tnfa[v]));
    licensing[r] += (target - licensing[r]) * lic_step;
    const double drive = p_.licensing_weight * (licensing[r] - p_.licensing_threshold);
    double p = polarization[r] + (fast_tanh(p_.polarization_gain * drive) - polarization[r]) * pol_step;
    if (noise > 0.0) {
      rng::RandomStream stream = world.stream(kUpdatePurpose, pop.id[r], step.step);
      p += noise * stream.normal();
    }
    polarization[r] = std::clamp(p, -1.0, 1.0);
  }
}

void Msc::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const double p_death = step_probability(p_.apoptosis_rate_per_h, step.dt_h);
  const double p_move = step_probability(p_.move_rate_per_h, step.dt_h);
  const Lattice& lattice = world.lattice();
  const auto neighbourhood = static_cast<std::uint64_t>(lattice.neighbourhood_size());
  for (std::size_t r = begin; r < end; ++r) {
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    if (stream.uniform() < p_death) {
      pop.fate[r] = Fate::Die;
      continue;
    }
    if (stream.uniform() < p_move) {
      const std::uint32_t target = lattice.neighbour(pop.voxel[r], static_cast<int>(stream.below(neighbourhood)));
      if (target != Lattice::kEmpty && lattice.is_free(target)) pop.move_to[r] = target;
    }
  }
}

// Suppressive mediators scale with max(p,0)·licensing·potency, pro-inflammatory ones with
// max(−p,0)·potency (MODEL.md section 3, Waterman 2010).
void Msc::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const double* licensing = pop.real(licensing_);
  const double* polarization = pop.real(polarization_);
  const double* potency = pop.real(potency_);
  FieldSet& f = world.fields();
  double* kyn = f.data(kyn_);
  double* pge2 = f.data(pge2_);
  double* tgfb = f.data(tgfb_);
  double* il6 = f.data(il6_);
  double* ccl2 = f.data(ccl2_);
  const double dt = step.dt_h;
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    const double suppressive = std::max(polarization[r], 0.0) * licensing[r] * potency[r];
    const double inflammatory = std::max(-polarization[r], 0.0) * potency[r];
    kyn[v] = apply_source(kyn[v], p_.kyn_secretion_ng_per_ml_per_h * suppressive, 0.0, dt);
    pge2[v] = apply_source(pge2[v], p_.pge2_secretion_ng_per_ml_per_h * suppressive, 0.0, dt);
    tgfb[v] = apply_source(tgfb[v], p_.tgfb_secretion_ng_per_ml_per_h * suppressive, 0.0, dt);
    il6[v] = apply_source(il6[v], p_.il6_secretion_ng_per_ml_per_h * inflammatory, 0.0, dt);
    ccl2[v] = apply_source(ccl2[v], p_.ccl2_secretion_ng_per_ml_per_h * inflammatory, 0.0, dt);
  }
}

}  // namespace mscsim::models
