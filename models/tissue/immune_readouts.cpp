#include "models/tissue/immune_readouts.hpp"

#include <cmath>

#include "models/common/cell_states.hpp"
#include "models/tissue/tissue_health.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {

// Number of cells of population `name` in each state (index = state value), empty if the
// run has no such population.
std::array<double, 8> state_histogram(const World& world, const char* name) {
  std::array<double, 8> counts{};
  if (!world.has_population(name)) return counts;
  const Population& pop = world.population(world.population_id(name));
  if (!pop.has_column("state")) {
    counts[0] = static_cast<double>(pop.size());
    return counts;
  }
  const std::int32_t* state = pop.integer(pop.column_id("state"));
  for (std::size_t r = 0; r < pop.size(); ++r)
    if (state[r] >= 0 && state[r] < 8) counts[static_cast<std::size_t>(state[r])] += 1.0;
  return counts;
}

}  // namespace

StateCounts count_states(const World& world) {
  StateCounts c;
  const auto cd4 = state_histogram(world, population::kCd4T);
  c.th1 = cd4[as_int(Cd4State::Th1)];
  c.th2 = cd4[as_int(Cd4State::Th2)];
  c.th17 = cd4[as_int(Cd4State::Th17)];
  const auto treg = state_histogram(world, population::kTreg);
  c.treg = treg[as_int(TregState::Natural)] + treg[as_int(TregState::Induced)];
  c.ctl = state_histogram(world, population::kCd8T)[as_int(Cd8State::Ctl)];
  const auto mac = state_histogram(world, population::kMacrophage);
  c.m1 = mac[as_int(MacrophageState::M1)];
  c.m2 = mac[as_int(MacrophageState::M2)];
  const auto dc = state_histogram(world, population::kDendriticCell);
  c.mature_dc = dc[as_int(DendriticState::Mature)];
  c.tolerogenic_dc = dc[as_int(DendriticState::Tolerogenic)];
  const auto b = state_histogram(world, population::kBCell);
  c.breg = b[as_int(BCellState::Breg)];
  c.activated_b = b[as_int(BCellState::Activated)];
  c.plasma = b[as_int(BCellState::Plasma)];
  return c;
}

double log2_ratio(double a, double b) { return std::log2((a + 1.0) / (b + 1.0)); }

void ImmuneReadouts::declare_parameters(ParameterCatalogue& c) const {
  c.declare(real_parameter("readouts.disease_damage_weight", 0.5, 0.0, 1.0, "1", "assumption (docs/ODD.md)",
                           "Weight of mean tissue damage in the disease activity score; the rest is the share "
                           "of effector cells among effector and regulatory cells."));
}

void ImmuneReadouts::build(ModelBuilder& b) {
  damage_weight_ = b.scenario().real("readouts.disease_damage_weight");
  in_vitro_ = b.scenario().text("tissue.setting") == "in_vitro_well";
  const FieldId health = b.world().fields().id_of(kHealthField);
  b.add_observer({{{"balance", "treg_vs_th1_th17_ctl", "log2"},
                   {"balance", "m2_vs_m1", "log2"},
                   {"balance", "toldc_vs_mdc", "log2"},
                   {"balance", "breg_vs_activated_b_plasma", "log2"},
                   {"balance", "th1_vs_th2", "log2"},
                   {"balance", "th17_vs_treg", "log2"},
                   {"tissue", "mean_damage", "1"},
                   {"tissue", "disease_activity", "score 0-100"}},
                  [this, health](const World& world, double, std::vector<double>& out) {
                    const StateCounts c = count_states(world);
                    // Mean damage over the lattice, summed serially in voxel order.
                    double damage = 0.0;
                    if (!in_vitro_) {
                      const double* h = world.fields().data(health);
                      const std::size_t n = world.shape().voxel_count();
                      for (std::size_t v = 0; v < n; ++v) damage += 1.0 - h[v];
                      damage /= static_cast<double>(n);
                    }
                    const double effector = c.th1 + c.th17 + c.ctl + c.m1 + c.mature_dc;
                    const double regulatory = c.treg + c.m2 + c.tolerogenic_dc + c.breg;
                    const double inflammation =
                        effector + regulatory > 0 ? effector / (effector + regulatory) : 0.5;
                    const double activity = 100.0 * (damage_weight_ * damage + (1.0 - damage_weight_) * inflammation);
                    out = {log2_ratio(c.treg, c.th1 + c.th17 + c.ctl),
                           log2_ratio(c.m2, c.m1),
                           log2_ratio(c.tolerogenic_dc, c.mature_dc),
                           log2_ratio(c.breg, c.activated_b + c.plasma),
                           log2_ratio(c.th1, c.th2),
                           log2_ratio(c.th17, c.treg),
                           damage,
                           activity};
                  }});
}

}  // namespace mscsim::models
