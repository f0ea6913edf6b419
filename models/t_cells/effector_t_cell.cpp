#include "models/t_cells/effector_t_cell.hpp"

#include <cmath>

#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kInitPurpose = rng::purpose_id("effector_t.initial_placement");
constexpr std::uint64_t kActPurpose = rng::purpose_id("effector_t.act");

// MSC mediators that slow T-cell proliferation (MODEL.md sections 4 and 6).
const std::vector<InhibitorDefaults>& proliferation_inhibitor_table() {
  static const std::vector<InhibitorDefaults> table = {
      {"kyn", 0.2, 0.9, 1.0, "Meisel 2004 (IDO; tryptophan restores proliferation)"},
      {"pge2", 0.5, 0.6, 1.0, "Aggarwal & Pittenger 2005; Duffy 2011"},
      {"tgfb", 0.5, 0.5, 1.0, "Di Nicola 2002 (anti-TGF-beta partly restores proliferation)"},
  };
  return table;
}
}  // namespace

void EffectorTCell::declare_parameters(ParameterCatalogue& c) const {
  c.declare(integer_parameter("effector_t.initial_count", 0, 0, 1.0e8, "cells", "assumption",
                              "Activated effector T cells placed at random free voxels before the first step."));
  c.declare(exclusive_min(real_parameter("effector_t.division_time_h", 8.0, 0.0, 1.0e4, "h",
                                         "MODEL.md section 4 (default 8 h)",
                                         "Division time with saturating IL-2 and no suppression.")));
  c.declare(exclusive_min(real_parameter("effector_t.il2_half_max_ng_per_ml", 0.01, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "IL-2 giving half-maximal proliferation.")));
  c.declare(real_parameter("effector_t.death_per_day", 0.75, 0.0, 100.0, "1/day",
                           "MODEL.md section 4 (effector death 0.5-1 per day, assumption)",
                           "Effector T-cell death rate."));
  c.declare(real_parameter("effector_t.speed_um_per_h", 300.0, 0.0, 1.0e4, "um/h",
                           "assumption (two-photon 5-10 um/min, MODEL.md section 4)", "Random-walk speed."));
  c.declare(real_parameter("effector_t.ifng_secretion_ng_per_ml_per_h", 30.0, 0.0, 1.0e4, "ng/mL/h",
                           "assumption (dense Th1 neighbourhood reaches ng/mL, MODEL.md section 2)",
                           "IFN-gamma released into the cell's voxel."));
  c.declare(real_parameter("effector_t.tnfa_secretion_ng_per_ml_per_h", 30.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "TNF-alpha released into the cell's voxel."));
  c.declare(real_parameter("effector_t.il2_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "IL-2 released into the cell's voxel."));
  c.declare(real_parameter("effector_t.il2_uptake_per_h", 1.0, 0.0, 1.0e4, "1/h", "assumption",
                           "First-order IL-2 consumption in the cell's voxel."));
  InhibitorSet::declare(c, "t_proliferation", proliferation_inhibitor_table());
}

void EffectorTCell::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.initial_count = s.integer("effector_t.initial_count");
  p_.division_rate_per_h = std::log(2.0) / s.real("effector_t.division_time_h");
  p_.proliferation_by_il2 = {s.real("effector_t.il2_half_max_ng_per_ml"), 1.0};
  p_.death_rate_per_h = s.real("effector_t.death_per_day") / 24.0;
  p_.move_rate_per_h = s.real("effector_t.speed_um_per_h") / s.real("tissue.voxel_um");
  p_.ifng_secretion_ng_per_ml_per_h = s.real("effector_t.ifng_secretion_ng_per_ml_per_h");
  p_.tnfa_secretion_ng_per_ml_per_h = s.real("effector_t.tnfa_secretion_ng_per_ml_per_h");
  p_.il2_secretion_ng_per_ml_per_h = s.real("effector_t.il2_secretion_ng_per_ml_per_h");
  p_.il2_uptake_per_h = s.real("effector_t.il2_uptake_per_h");

  World& w = b.world();
  population_ = b.add_population("effector_t", {{"divisions", ColumnType::Integer, "1", 0.0}});
  divisions_ = w.population(population_).column_id("divisions");
  il2_ = w.fields().id_of("il2");
  ifng_ = w.fields().id_of("ifng");
  tnfa_ = w.fields().id_of("tnfa");
  proliferation_inhibitors_ =
      std::make_unique<InhibitorSet>(s, w, "t_proliferation", proliferation_inhibitor_table());

  // Mother and daughter both count the division (a CFSE-like generation number).
  w.set_birth_hook(population_, [this](World& world, PopulationId p, std::size_t daughter, std::size_t mother,
                                       rng::RandomStream&) {
    std::int32_t* divisions = world.population(p).integer(divisions_);
    divisions[daughter] = ++divisions[mother];
  });
  b.add_initializer([this](World& world) {
    rng::RandomStream stream = world.stream(kInitPurpose, 0, 0);
    for (std::uint32_t v : choose_free_voxels(world.lattice(), static_cast<std::size_t>(p_.initial_count), stream))
      world.spawn(population_, v);
  });
  b.add_agent_rule({"effector_t.fate_division_migration", population_, Phase::Interact,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { act(w2, st, b0, e0); }});
  b.add_agent_rule({"effector_t.secretion", population_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { secrete(w2, st, b0, e0); }});
  b.add_observer({{{"effector_t", "mean_divisions", "divisions"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& t = world.population(population_);
                    const std::int32_t* d = t.integer(divisions_);
                    double sum = 0;
                    for (std::size_t r = 0; r < t.size(); ++r) sum += d[r];
                    out = {t.size() > 0 ? sum / static_cast<double>(t.size()) : 0.0};
                  }});
}

// Death, division and movement are competing events out of one state: one categorical
// draw over their rates (MODEL.md section 0), so probabilities never exceed 1.
void EffectorTCell::act(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  const double* il2 = world.fields().data(il2_);
  const Lattice& lattice = world.lattice();
  const auto neighbourhood = static_cast<std::uint64_t>(lattice.neighbourhood_size());
  // exp(-(death + move + division) dt) = exp(-(death + move) dt) · exp(-division dt): the
  // constant part once per call, the per-agent part by the fast small-argument exp.
  const double constant_survival = std::exp(-(p_.death_rate_per_h + p_.move_rate_per_h) * step.dt_h);
  // No agent divides faster than the unsuppressed rate, so no event can happen when the
  // uniform lies above that bound: the (costly) suppression is then not evaluated. The
  // outcome is the same as evaluating it for everyone.
  const double p_any_bound = 1.0 - constant_survival * exp_minus(p_.division_rate_per_h * step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    rng::RandomStream stream = world.stream(kActPurpose, pop.id[r], step.step);
    const double u = stream.uniform();
    if (u >= p_any_bound) continue;
    const std::uint32_t v = pop.voxel[r];
    const double division_rate = p_.division_rate_per_h * p_.proliferation_by_il2(il2[v]) *
                                 proliferation_inhibitors_->remaining_fraction(world, v);
    const double total = p_.death_rate_per_h + division_rate + p_.move_rate_per_h;
    if (total <= 0.0) continue;
    const double p_any = 1.0 - constant_survival * exp_minus(division_rate * step.dt_h);
    if (u >= p_any) continue;
    const double pick = u / p_any * total;  // which event, reusing the same uniform
    if (pick < p_.death_rate_per_h) {
      pop.fate[r] = Fate::Die;
      continue;
    }
    // Daughters and moves go to one random Moore neighbour, if it exists and is free.
    const std::uint32_t target = lattice.neighbour(v, static_cast<int>(stream.below(neighbourhood)));
    if (target == Lattice::kEmpty || !lattice.is_free(target)) continue;
    if (pick < p_.death_rate_per_h + division_rate) {
      pop.divide_to[r] = target;
    } else {
      pop.move_to[r] = target;
    }
  }
}

void EffectorTCell::secrete(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const {
  Population& pop = world.population(population_);
  FieldSet& f = world.fields();
  double* ifng = f.data(ifng_);
  double* tnfa = f.data(tnfa_);
  double* il2 = f.data(il2_);
  const double dt = step.dt_h;
  for (std::size_t r = begin; r < end; ++r) {
    const std::uint32_t v = pop.voxel[r];
    ifng[v] = apply_source(ifng[v], p_.ifng_secretion_ng_per_ml_per_h, 0.0, dt);
    tnfa[v] = apply_source(tnfa[v], p_.tnfa_secretion_ng_per_ml_per_h, 0.0, dt);
    il2[v] = apply_source(il2[v], p_.il2_secretion_ng_per_ml_per_h, p_.il2_uptake_per_h, dt);
  }
}

}  // namespace mscsim::models
