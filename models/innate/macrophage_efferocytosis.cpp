#include "models/innate/macrophage_efferocytosis.hpp"

#include <algorithm>
#include <array>

#include "models/common/cell_states.hpp"
#include "sim/engine/model_state.hpp"
#include "sim/core/errors.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kEngulfPurpose = rng::purpose_id("macrophage_efferocytosis.engulfment");
constexpr const char* kGalleu = "Galleu 2017 (phagocytes engulfing apoptotic MSCs produce IDO)";
}  // namespace

void declare_msc_efferocytosis_parameters(ParameterCatalogue& c) {
  c.declare(flag_parameter(kMscEfferocytosisSwitch, false,
                           "Galleu 2017 (optional mechanism switch); off by default because "
                           "the numbers below are uncalibrated assumptions and the validated scenarios exclude it",
                           "Mechanism switch: macrophages engulf apoptotic MSCs and then turn M2 and produce IDO."));
  c.declare(real_parameter("macrophage.msc_efferocytosis_rate_per_h", 1.0, 0.0, 100.0, "1/h",
                           std::string(kGalleu) + "; assumption on the rate (an apoptotic cell in contact is "
                                                  "engulfed within about an hour)",
                           "Rate at which one macrophage on or next to a voxel engulfs one cell equivalent of "
                           "apoptotic MSC remains there."));
  c.declare(exclusive_min(real_parameter(
      "macrophage.apoptotic_msc_half_life_h", 6.0, 0.0, 1.0e4, "h",
      "assumption (apoptotic cells are cleared within hours in tissue)",
      "Half-life of apoptotic MSC remains that no modelled macrophage engulfs (other phagocytes, secondary "
      "necrosis).")));
  c.declare(real_parameter("macrophage.efferocytic_ido_duration_h", 48.0, 0.0, 1.0e4, "h",
                           std::string(kGalleu) + "; assumption on the duration",
                           "Hours a macrophage produces IDO after engulfing apoptotic MSC remains."));
  c.declare(real_parameter("macrophage.efferocytic_kyn_secretion_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h",
                           std::string(kGalleu) + "; assumption on the rate (that of a tolerogenic DC)",
                           "IDO activity (kynurenine) of a macrophage that has engulfed apoptotic MSC remains."));
}

MscEfferocytosisParameters read_msc_efferocytosis_parameters(const Scenario& s) {
  MscEfferocytosisParameters p;
  p.enabled = s.flag(kMscEfferocytosisSwitch);
  p.engulfment_rate_per_h = s.real("macrophage.msc_efferocytosis_rate_per_h");
  p.remains_half_life_h = s.real("macrophage.apoptotic_msc_half_life_h");
  p.ido_duration_h = s.real("macrophage.efferocytic_ido_duration_h");
  p.kyn_ng_per_ml_per_h = s.real("macrophage.efferocytic_kyn_secretion_ng_per_ml_per_h");
  return p;
}

void MacrophageEfferocytosis::declare_parameters(ParameterCatalogue& c) const {
  declare_msc_efferocytosis_parameters(c);
}

void MacrophageEfferocytosis::build(ModelBuilder& b) {
  // Members this model changes during a run: saved in checkpoints (docs/checkpoint.md).
  keep_in_checkpoint(b, "macrophage_efferocytosis", engulfed_);
  p_ = read_msc_efferocytosis_parameters(b.scenario());
  if (!p_.enabled) return;
  World& w = b.world();
  if (!w.has_population(population::kMsc) || !w.has_population(population::kMacrophage))
    throw ConfigurationError(std::string(kMscEfferocytosisSwitch) +
                             " needs the MSC and macrophage models registered before it");
  msc_ = w.population_id(population::kMsc);
  macrophage_ = w.population_id(population::kMacrophage);
  const Population& macrophages = w.population(macrophage_);
  state_ = macrophages.column_id("state");
  next_state_ = macrophages.column_id("next_state");
  ido_hours_ = macrophages.column_id(kEfferocyticIdoColumn);

  FieldSpec remains;
  remains.name = kApoptoticMscField;
  remains.unit = "cells";
  remains.diffusion_um2_per_s = 0.0;  // apoptotic bodies stay where the cell died
  remains.half_life_h = p_.remains_half_life_h;
  remains_ = b.add_field(remains);
  kyn_ = w.fields().id_of("kyn");

  b.add_initializer([this](World&) {
    engulfed_ = 0;
    msc_rows_leaving_.clear();
  });
  // Registered after recruitment, so it sees the cells that leave through vessels this step.
  b.add_world_rule({"macrophage_efferocytosis.msc_leaving", WorldPoint::BeforeAgents,
                    [this](World& w2, const StepInfo&) { note_cells_leaving(w2); }});
  b.add_agent_rule({"macrophage_efferocytosis.apoptotic_msc_remains", msc_, Phase::Secrete,
                    [this](World& w2, const StepInfo&, std::size_t b0, std::size_t e0) { release_remains(w2, b0, e0); }});
  b.add_world_rule({"macrophage_efferocytosis.engulfment", WorldPoint::AfterCommit,
                    [this](World& w2, const StepInfo& st) { engulf(w2, st); }});
  b.add_agent_rule({"macrophage_efferocytosis.ido", macrophage_, Phase::Secrete,
                    [this](World& w2, const StepInfo& st, std::size_t b0, std::size_t e0) { produce_ido(w2, st, b0, e0); }});
  b.add_observer({{{"macrophage", "efferocytic", "cells"}, {"macrophage", "msc_engulfed", "cells"}},
                  [this](const World& world, double, std::vector<double>& out) {
                    const Population& m = world.population(macrophage_);
                    const double* hours = m.real(ido_hours_);
                    double efferocytic = 0.0;
                    for (std::size_t r = 0; r < m.size(); ++r) efferocytic += hours[r] > 0.0 ? 1.0 : 0.0;
                    out = {efferocytic, static_cast<double>(engulfed_)};
                  }});
}

// Before the agent phases, an MSC whose fate is already set is leaving the tissue through a
// vessel (recruitment's egress); its own death and kills by others come later in the step.
void MacrophageEfferocytosis::note_cells_leaving(World& world) {
  msc_rows_leaving_.clear();
  const Population& msc = world.population(msc_);
  for (std::size_t r = 0; r < msc.size(); ++r)
    if (msc.fate[r] != Fate::Stay) msc_rows_leaving_.push_back(static_cast<std::uint32_t>(r));
}

// Secrete phase, per MSC: one that dies this step leaves its remains in its own voxel.
void MacrophageEfferocytosis::release_remains(World& world, std::size_t begin, std::size_t end) const {
  const Population& msc = world.population(msc_);
  double* remains = world.fields().data(remains_);
  for (std::size_t r = begin; r < end; ++r) {
    const bool killed = msc.killed[r] != 0;
    const bool own_death = msc.fate[r] == Fate::Die;
    if (!killed && !own_death) continue;
    const bool leaving = std::binary_search(msc_rows_leaving_.begin(), msc_rows_leaving_.end(), r);
    if (dies_into_apoptotic_remains(killed, own_death, leaving)) remains[msc.voxel[r]] += 1.0;
  }
}

// After the commit, voxel by voxel in index order (serial, one stream per voxel and step):
// the macrophages on the voxel and its Moore neighbours compete for its remains.
void MacrophageEfferocytosis::engulf(World& world, const StepInfo& step) {
  const Lattice& lattice = world.lattice();
  double* remains = world.fields().data(remains_);
  Population& macrophages = world.population(macrophage_);
  std::int32_t* state = macrophages.integer(state_);
  std::int32_t* next_state = macrophages.integer(next_state_);
  double* ido_hours = macrophages.real(ido_hours_);
  const std::size_t voxels = world.shape().voxel_count();
  std::array<std::uint32_t, Lattice::kMaxNeighbours + 1> in_contact{};
  for (std::size_t i = 0; i < voxels; ++i) {
    if (remains[i] <= 0.0) continue;
    const auto v = static_cast<std::uint32_t>(i);
    int n = 0;
    auto consider = [&](std::uint32_t u) {
      const std::uint32_t code = lattice.raw(u);
      if (code == Lattice::kEmpty) return;
      const AgentHandle h = Lattice::decode(code);
      if (h.population == macrophage_) in_contact[static_cast<std::size_t>(n++)] = h.row;
    };
    consider(v);
    lattice.for_each_neighbour_voxel(v, consider);
    const double p = engulfment_probability(remains[i], n, p_.engulfment_rate_per_h, step.dt_h);
    if (p <= 0.0) continue;
    rng::RandomStream stream = world.stream(kEngulfPurpose, v, step.step);
    if (stream.uniform() >= p) continue;
    const std::uint32_t row = in_contact[static_cast<std::size_t>(stream.below(static_cast<std::uint64_t>(n)))];
    remains[i] = 0.0;
    // Engulfing apoptotic cells turns macrophages anti-inflammatory (de Witte 2018) and,
    // for apoptotic MSCs, IDO-producing (Galleu 2017).
    state[row] = next_state[row] = as_int(MacrophageState::M2);
    ido_hours[row] = p_.ido_duration_h;
    ++engulfed_;
  }
}

// Secrete phase, per macrophage: kynurenine into its own voxel while the IDO program lasts.
void MacrophageEfferocytosis::produce_ido(World& world, const StepInfo& step, std::size_t begin,
                                          std::size_t end) const {
  Population& macrophages = world.population(macrophage_);
  double* ido_hours = macrophages.real(ido_hours_);
  double* kyn = world.fields().data(kyn_);
  const SourceStep kyn_step = world.fields().source_step(kyn_, 0.0, step.dt_h);
  for (std::size_t r = begin; r < end; ++r) {
    if (ido_hours[r] <= 0.0) continue;
    const std::uint32_t v = macrophages.voxel[r];
    kyn[v] = kyn_step.apply(kyn[v], p_.kyn_ng_per_ml_per_h);
    ido_hours[r] = ido_hours_left(ido_hours[r], step.dt_h);
  }
}

}  // namespace mscsim::models
