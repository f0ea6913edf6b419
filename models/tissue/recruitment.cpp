#include "models/tissue/recruitment.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <span>

#include "models/common/cell_states.hpp"
#include "sim/engine/model_state.hpp"
#include "sim/core/errors.hpp"
#include "sim/lattice/placement.hpp"
#include "sim/params/parameter_builders.hpp"
#include "sim/rng/distributions.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kVesselPurpose = rng::purpose_id("recruitment.vessel_placement");
constexpr std::uint64_t kTrafficPurpose = rng::purpose_id("recruitment.traffic");
// Per-cell values of an arriving cell (its population's newcomer hook), from a stream of
// its own, so they neither shift the traffic draws nor depend on the arrival order.
constexpr std::uint64_t kArrivalPurpose = rng::purpose_id("recruitment.arrival");

// Immune populations that enter from blood, with the state they arrive in (docs/ODD.md
// section 3.3.3-3.3.6: naive lymphocytes, resting NK, immature DCs, M0 monocyte-derived macrophages).
struct Recruitable {
  const char* population;
  std::int32_t arriving_state;
  double default_rate_per_vessel_per_h;
};
const Recruitable kRecruitable[] = {
    {population::kCd4T, as_int(Cd4State::Naive), 0.02},
    {population::kCd8T, as_int(Cd8State::Naive), 0.01},
    {population::kTreg, as_int(TregState::Natural), 0.002},
    {population::kBCell, as_int(BCellState::Naive), 0.005},
    {population::kNk, as_int(NkState::Resting), 0.005},
    {population::kDendriticCell, as_int(DendriticState::Immature), 0.005},
    {population::kMacrophage, as_int(MacrophageState::M0), 0.02},
};
constexpr std::size_t kRecruitedPopulations = std::size(kRecruitable);
}  // namespace

void Recruitment::declare_parameters(ParameterCatalogue& c) const {
  c.declare(real_parameter("vessels.fraction", 0.02, 0.0, 1.0, "1", "assumption (default 2 %)",
                           "Fraction of tissue voxels that are blood-vessel voxels (placed at random)."));
  c.declare(exclusive_min(real_parameter("recruitment.ccl2_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "Local ccl2 giving half the largest recruitment rate.")));
  c.declare(real_parameter("recruitment.basal_fraction", 0.05, 0.0, 1.0, "1", "assumption",
                           "Recruitment without inflammation, as a fraction of the largest rate."));
  c.declare(real_parameter("recruitment.egress_per_h", 0.01, 0.0, 100.0, "1/h", "assumption",
                           "Rate at which a cell sitting on a vessel voxel leaves the tissue."));
  for (const Recruitable& r : kRecruitable)
    c.declare(real_parameter(std::string("recruitment.") + r.population + ".per_vessel_per_h",
                             r.default_rate_per_vessel_per_h, 0.0, 1.0e3, "cells/h",
                             "assumption (blood pool size x sampling fraction V_lattice / V_target)",
                             std::string("Largest rate at which one vessel voxel admits ") + r.population +
                                 " cells (at saturating ccl2)."));
}

void Recruitment::build(ModelBuilder& b) {
  // Members this model changes during a run: saved in checkpoints (docs/checkpoint.md).
  keep_in_checkpoint(b, "recruitment", arrivals_, departures_);
  const Scenario& s = b.scenario();
  in_vitro_ = s.text("tissue.setting") == "in_vitro_well";
  if (in_vitro_) return;
  vessel_fraction_ = s.real("vessels.fraction");
  recruitment_by_ccl2_ = {s.real("recruitment.ccl2_half_max_ng_per_ml"), 1.0};
  const double basal = s.real("recruitment.basal_fraction");
  egress_rate_per_h_ = s.real("recruitment.egress_per_h");
  for (const Recruitable& r : kRecruitable) {
    RecruitedPopulation p;
    p.name = r.population;
    p.max_rate_per_vessel_per_h = s.real(std::string("recruitment.") + r.population + ".per_vessel_per_h");
    p.arriving_state = r.arriving_state;
    recruited_.push_back(p);
  }
  ccl2_ = b.world().fields().id_of("ccl2");

  // Vessels are placed before any agent (this initializer runs in registration order,
  // and the tissue area registers before the cell types), so they never depend on cells.
  b.add_initializer([this, basal](World& world) {
    rng::RandomStream stream = world.stream(kVesselPurpose, 0, 0);
    const std::size_t voxels = world.shape().voxel_count();
    const auto count = static_cast<std::size_t>(vessel_fraction_ * static_cast<double>(voxels) + 0.5);
    vessels_ = choose_free_voxels(world.lattice(), count, stream);
    std::sort(vessels_.begin(), vessels_.end());
    is_vessel_.assign(voxels, 0);
    for (std::uint32_t v : vessels_) is_vessel_[v] = 1;
    recruitment_by_ccl2_basal_ = basal;
  });
  // Populations are looked up once every model is built. A recruited cell starts as a
  // seeded cell of its arriving state does, so every recruitable population must say how
  // a newcomer starts (World::set_newcomer_hook, models/common/newcomers.hpp).
  b.add_initializer([this](World& world) {
    for (RecruitedPopulation& p : recruited_) {
      p.present = world.has_population(p.name);
      if (!p.present) continue;
      p.population = world.population_id(p.name);
      if (!world.has_newcomer_hook(p.population))
        throw ConfigurationError("population '" + p.name +
                                 "' is recruited from blood but registers no newcomer hook (how an arriving cell "
                                 "starts)");
    }
  });
  b.add_world_rule({"recruitment.vessel_traffic", WorldPoint::BeforeAgents,
                    [this](World& w, const StepInfo& st) { traffic(w, st); }});
  b.add_observer({{{"recruitment", "arrivals", "cells"}, {"recruitment", "departures", "cells"}},
                  [this](const World&, double, std::vector<double>& out) {
                    out = {static_cast<double>(arrivals_), static_cast<double>(departures_)};
                  }});
}

Recruitment::VesselPlan Recruitment::plan_vessel(rng::RandomStream& stream, bool occupied, double ccl2, double p_leave,
                                                 double dt_h, std::span<double> mean) const {
  VesselPlan plan;
  plan.occupied = occupied;
  plan.leave = occupied && p_leave > 0.0 && stream.uniform() < p_leave;
  const double drive = recruitment_by_ccl2_basal_ + (1.0 - recruitment_by_ccl2_basal_) * recruitment_by_ccl2_(ccl2);
  // Arrivals of all populations together are Poisson with the summed mean; each arrival
  // is then of population i with probability mean_i / Σ mean (splitting a Poisson
  // process: the same law as one Poisson draw per population, at one draw per vessel).
  double total = 0.0;
  for (std::size_t i = 0; i < recruited_.size(); ++i) {
    mean[i] = recruited_[i].present ? recruited_[i].max_rate_per_vessel_per_h * drive * dt_h : 0.0;
    total += mean[i];
  }
  if (total > 0.0) plan.arrivals = rng::poisson(stream, total);
  return plan;
}

// The cell on a vessel voxel leaves through it (unless it already dies or converts).
void Recruitment::depart(World& world, std::uint32_t vessel) {
  const AgentHandle h = world.lattice().occupant(vessel);
  Population& pop = world.population(h.population);
  if (pop.fate[h.row] == Fate::Stay) {
    pop.fate[h.row] = Fate::Die;
    ++departures_;
  }
}

// One vessel's departure and arrivals, from its own stream: arrivals are placed on the
// vessel voxel or a free neighbour.
void Recruitment::vessel_traffic(World& world, std::uint32_t v, const StepInfo& step, double p_leave) {
  Lattice& lattice = world.lattice();
  rng::RandomStream stream = world.stream(kTrafficPurpose, v, step.step);
  std::array<double, kRecruitedPopulations> mean{};
  const VesselPlan plan =
      plan_vessel(stream, !lattice.is_free(v), world.fields().data(ccl2_)[v], p_leave, step.dt_h, mean);
  if (plan.leave) depart(world, v);
  for (std::int64_t arriving = plan.arrivals; arriving > 0; --arriving) {
    const std::size_t which = rng::categorical(stream, std::span<const double>(mean.data(), recruited_.size()));
    const RecruitedPopulation& p = recruited_[which];
    const std::uint32_t target = lattice.is_free(v) ? v : random_free_neighbour(lattice, v, stream);
    if (target == Lattice::kEmpty) break;  // the vessel's surroundings are full
    const std::size_t row = world.spawn(p.population, target);
    rng::RandomStream arrival = world.stream(kArrivalPurpose, world.population(p.population).id[row], step.step);
    world.initialize_newcomer(p.population, row, p.arriving_state, arrival);
    ++arrivals_;
  }
}

// Vessel by vessel in vessel order, as if serial: an arrival can occupy a later vessel's
// voxel, which changes what that vessel draws. The draws of every vessel are made first in
// parallel from the occupancy at the start of the rule; then, in vessel order, a vessel
// whose voxel is still as it was and that admits no cell only applies its departure, and
// the few others (cells arrive, or an earlier arrival took the voxel) are redone in full
// from their own stream: the same result as the serial loop, bit for bit.
void Recruitment::traffic(World& world, const StepInfo& step) {
  const double* ccl2 = world.fields().data(ccl2_);
  const double p_leave = step_probability(egress_rate_per_h_, step.dt_h);
  const Lattice& lattice = world.lattice();
  const auto vessels = static_cast<std::int64_t>(vessels_.size());
  plans_.resize(vessels_.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < vessels; ++i) {
    const std::uint32_t v = vessels_[static_cast<std::size_t>(i)];
    rng::RandomStream stream = world.stream(kTrafficPurpose, v, step.step);
    std::array<double, kRecruitedPopulations> mean{};
    plans_[static_cast<std::size_t>(i)] = plan_vessel(stream, !lattice.is_free(v), ccl2[v], p_leave, step.dt_h, mean);
  }
  for (std::size_t i = 0; i < vessels_.size(); ++i) {
    const std::uint32_t v = vessels_[i];
    const VesselPlan& plan = plans_[i];
    if (plan.arrivals > 0 || plan.occupied == lattice.is_free(v)) {
      vessel_traffic(world, v, step, p_leave);
    } else if (plan.leave) {
      depart(world, v);
    }
  }
}

}  // namespace mscsim::models
