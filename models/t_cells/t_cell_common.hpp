#pragma once
// What CD4, CD8 and regulatory T cells share (docs/ODD.md section 3.3.3-3.3.6): the categorical draw
// over competing events, the kinetics every T cell has (IL-2-driven division, death,
// random walk, IL-2 uptake), priming by antigen-presenting cells, the neighbourhood a T
// cell senses in the Interact phase (APCs, Tregs, PD-L1 on MSCs, allogeneic MSCs) and the
// contact suppression it applies to itself (the "pulled" contact effects of
// models/README.md).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/common/competing_events.hpp"
#include "models/common/hill.hpp"
#include "models/msc/msc_contact.hpp"
#include "sim/engine/model.hpp"
#include "sim/engine/world.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {



// A random free Moore neighbour of `voxel` for a daughter or a hop, or Lattice::kEmpty when
// the chosen neighbour lies outside the lattice or is taken (docs/ODD.md section 3.3.3-3.3.6: no free
// voxel, no division).
inline std::uint32_t random_free_neighbour_voxel(const Lattice& lattice, std::uint32_t voxel,
                                                 rng::RandomStream& stream) {
  const auto k = static_cast<int>(stream.below(static_cast<std::uint64_t>(lattice.neighbourhood_size())));
  const std::uint32_t target = lattice.neighbour(voxel, k);
  return target != Lattice::kEmpty && lattice.is_free(target) ? target : Lattice::kEmpty;
}

// The random walk is drawn apart from the fate events (death, division, activation, fate),
// in steps where none of them happened: a hop is not a change of state, and a walk of many
// hops per hour would otherwise crowd the slow fate events out of the categorical draw at
// practical dt, making their rates depend on the step.
inline void maybe_hop(Population& pop, std::size_t row, const Lattice& lattice, double p_move,
                      rng::RandomStream& stream) {
  if (p_move <= 0.0 || stream.uniform() >= p_move) return;
  const std::uint32_t target = random_free_neighbour_voxel(lattice, pop.voxel[row], stream);
  if (target != Lattice::kEmpty) pop.move_to[row] = target;
}

// Applies the outcome of a death/division draw (event 0: death, 1: division into a random
// free neighbour, -1: none, then a random-walk hop), shared by every T-cell population.
inline void apply_death_division_or_hop(Population& pop, std::size_t row, int event, const Lattice& lattice,
                                        double p_move, rng::RandomStream& stream) {
  if (event == 0) {
    pop.fate[row] = Fate::Die;
  } else if (event == 1) {
    const std::uint32_t target = random_free_neighbour_voxel(lattice, pop.voxel[row], stream);
    if (target != Lattice::kEmpty) pop.divide_to[row] = target;
  } else {
    maybe_hop(pop, row, lattice, p_move, stream);
  }
}

// Killing by contact, thinned: each of `targets` neighbours dies independently with
// probability p_kill <= q = 1 − exp(−max_rate dt). Behind it stand candidate trials, one
// per neighbour slot of the neighbourhood, independent with probability q each. One
// uniform w decides whether any candidate succeeds (probability any_candidate =
// 1 − (1 − q)^slots) and, if so, which first (by inversion of w); the later ones are drawn
// from a stream. A successful candidate j <= targets kills target j with probability
// p_kill / q, so every target dies with probability p_kill, independently of the others,
// and a w at or above any_candidate (almost always) settles that nobody dies without
// listing the neighbours.
struct ContactKilling {
  double max_rate_per_h = 0.0;
  double dt_h = 0.0;
  int slots = 0;               // neighbourhood size (8 or 26)
  double candidate = 0.0;      // q
  double any_candidate = 0.0;  // 1 − (1 − q)^slots

  ContactKilling(double max_rate, double dt, int neighbourhood_size)
      : max_rate_per_h(max_rate),
        dt_h(dt),
        slots(neighbourhood_size),
        candidate(step_probability(max_rate, dt)),
        any_candidate(step_probability(neighbourhood_size * max_rate, dt)) {}

  // Calls kill(j) for each target j (0-based, in the caller's order) that dies; w is the
  // uniform that was compared with any_candidate.
  template <class Kill>
  void draw(double w, int targets, double p_kill, rng::RandomStream& stream, Kill&& kill) const {
    int first = 1;  // (1 − q)^(first − 1) > 1 − w >= (1 − q)^first
    while (first < slots && w >= step_probability(first * max_rate_per_h, dt_h)) ++first;
    const double accept = p_kill / candidate;
    for (int j = first; j <= targets; ++j) {
      if (j != first && stream.uniform() >= candidate) continue;
      if (stream.uniform() < accept) kill(j - 1);
    }
  }
};

// Division, death, movement and IL-2 uptake of one T-cell population, read from
// <population>.* keys (declare_t_cell_kinetics).
struct TCellKinetics {
  double division_rate_per_h = 0.0;        // ln 2 / division time, with saturating IL-2
  double first_division_rate_per_h = 0.0;  // 1 / mean time to the first division after activation
  HillCurve proliferation_by_il2;
  double resting_death_rate_per_h = 0.0;   // naive (or natural Treg) cells
  double effector_death_rate_per_h = 0.0;  // activated and effector cells without IL-2
  double il2_survival_max = 0.0;           // fraction of effector death that saturating IL-2 prevents
  double move_rate_per_h = 0.0;            // voxel hops per hour = speed / voxel edge
  double il2_uptake_per_h = 0.0;           // first-order consumption by IL-2 receptor-bearing cells
  double ifng_uptake_per_h = 0.0;          // first-order consumption through the IFN-gamma receptor

  // A freshly activated cell grows into a blast before its first division (Gett & Hodgkin
  // 2000); later divisions follow at the division time.
  double division_rate(std::int32_t divisions_done) const {
    return divisions_done == 0 ? first_division_rate_per_h : division_rate_per_h;
  }

  // Activated T cells die of cytokine withdrawal when IL-2 runs out (docs/ODD.md section 3.3.3-3.3.6:
  // effector death after antigen clears); IL-2 keeps them alive while it lasts.
  double effector_death_with_il2(double il2) const {
    return effector_death_rate_per_h * (1.0 - il2_survival_max * proliferation_by_il2(il2));
  }

  // Largest death plus division rate of an activated or effector cell (no IL-2 survival,
  // saturating IL-2, no soluble or contact suppression): the bound of exact thinning.
  double max_death_and_division_rate(std::int32_t divisions_done) const {
    return effector_death_rate_per_h + division_rate(divisions_done);
  }
};

struct TCellKineticsDefaults {
  double division_time_h = 8.0;
  const char* division_reference = "assumption (default 8 h)";
  double first_division_time_h = 30.0;
  double il2_half_max_ng_per_ml = 0.01;
  const char* il2_half_max_reference = "assumption";
  double resting_death_per_day = 0.05;
  const char* resting_death_reference = "assumption (resting T cells survive weeks)";
  double effector_death_per_day = 0.75;
  double il2_survival_max = 0.8;
  double speed_um_per_h = 450.0;
  double il2_uptake_per_h = 1.0;
  const char* il2_uptake_reference = "assumption";
  double ifng_uptake_per_h = 2.0;
};

void declare_t_cell_kinetics(ParameterCatalogue& catalogue, const std::string& population,
                             const TCellKineticsDefaults& defaults);
TCellKinetics read_t_cell_kinetics(const Scenario& scenario, const std::string& population);

// Priming by antigen-presenting cells: a naive T cell that recognises the antigen stops on
// contact with an APC and, after priming_contact_h of accumulated contact (Mempel 2004:
// priming takes hours of contact, 4-8 h), activates at activation_rate_per_h times
// what suppression leaves. Only a fraction of naive cells recognise the antigen at all.
struct TCellPriming {
  double priming_contact_h = 6.0;
  double activation_rate_per_h = 0.5;
  double responder_fraction = 1.0;
};

void declare_t_cell_priming(ParameterCatalogue& catalogue, const std::string& population);
TCellPriming read_t_cell_priming(const Scenario& scenario, const std::string& population);

// Contact suppression shared by every effector T cell (t_cell.* keys, declared by the
// TCellShared model): PD-L1 on neighbouring suppressive MSCs and neighbouring Tregs, each
// as 1 − Imax H(signal; K) (docs/ODD.md sections 3.3.2, 3.3.3-3.3.6 and 2).
struct TCellContactSuppression {
  bool pdl1_enabled = true;
  HillCurve pdl1;  // signal: Σ suppressive contact of neighbouring MSCs
  double pdl1_imax = 0.0;
  HillCurve treg;  // signal: number of neighbouring Tregs
  double treg_imax = 0.0;
  double msc_presentation_mhc2_threshold = 0.5;

  static TCellContactSuppression read(const Scenario& scenario);
};

// What a T cell sees around it (Moore neighbourhood) in the Interact phase.
struct TCellNeighbourhood {
  int mature_dc = 0;            // antigen-presenting DCs
  int tolerogenic_dc = 0;       // Treg-inducing DCs
  int msc_presenting = 0;       // MSCs with MHC-II above the presentation threshold
  int treg = 0;
  int msc = 0;                  // neighbouring MSCs of any kind
  std::array<std::uint32_t, Lattice::kMaxNeighbours> msc_rows{};  // their rows, in neighbourhood order
  double msc_pdl1 = 0.0;        // Σ suppressive contact of neighbouring MSCs

  // Fraction of activation or proliferation that contact suppression leaves.
  double contact_remaining(const TCellContactSuppression& s) const {
    double f = 1.0;
    if (s.pdl1_enabled && msc_pdl1 > 0.0) f *= 1.0 - s.pdl1_imax * s.pdl1(msc_pdl1);
    if (treg > 0) f *= 1.0 - s.treg_imax * s.treg(static_cast<double>(treg));
    return f;
  }
};

// The other populations a T cell senses, looked up by name in an initializer (after every
// model is built); a population that does not exist in this build is skipped.
class TCellContacts {
 public:
  void resolve(const World& world, double msc_presentation_mhc2_threshold);
  TCellNeighbourhood scan(const World& world, std::uint32_t voxel) const;
  // The neighbouring MSCs only (rows in neighbourhood order, as in scan): what a CTL needs
  // for its kill draws when no fate event is possible. Returns their number.
  int scan_msc(const World& world, std::uint32_t voxel, std::array<std::uint32_t, Lattice::kMaxNeighbours>& rows) const;

  bool has_msc() const { return has_msc_; }
  const MscContactView& msc() const { return msc_; }

 private:
  bool has_dc_ = false, has_msc_ = false, has_treg_ = false;
  PopulationId dc_ = 0, treg_ = 0;
  ColumnId dc_state_ = 0;
  MscContactView msc_;
  double mhc2_threshold_ = 0.5;
};

// Seeding of a T-cell population before the first step: `count` cells at random free voxels
// in `initial_state`, each recognising the antigen with probability responder_fraction
// (when the population has that column).
struct TCellSeeding {
  std::int64_t count = 0;
  std::int32_t state = 0;
};

void declare_t_cell_seeding(ParameterCatalogue& catalogue, const std::string& population,
                            const std::vector<std::string>& states, const std::string& default_state);
TCellSeeding read_t_cell_seeding(const Scenario& scenario, const std::string& population,
                                 const std::vector<std::string>& states);

// Columns of a T-cell population that is primed by antigen-presenting cells (CD4, CD8).
struct PrimedTCellColumns {
  ColumnId state = 0, next_state = 0, divisions = 0, contact_time = 0, antigen_specific = 0;
};
// Adds the population with those columns (state, next_state, divisions, contact_time_h,
// antigen_specific) and returns their ids.
PrimedTCellColumns add_primed_t_cell_population(ModelBuilder& builder, const std::string& name,
                                                PopulationId& population);

// How a new primed-T-cell-population cell starts, seeded or recruited (the population's
// newcomer hook, models/common/newcomers.hpp): in its arriving state; a naive newcomer
// recognises the antigen with probability responder_fraction (only a small fraction of
// naive T cells carry a receptor for a given antigen), a newcomer in a later state has met
// it already.
void set_primed_t_cell_newcomer_hook(World& world, PopulationId population, const PrimedTCellColumns& columns,
                                     std::int32_t naive_state, double responder_fraction);

// Count of cells per state: one series <group>/<state name> per name (state values 0, 1, ...).
Observer state_count_observer(PopulationId population, ColumnId state, const std::string& group,
                              const std::vector<std::string>& state_names);

// Mother and daughter both count the division (a CFSE-like generation number).
void count_divisions_at_birth(World& world, PopulationId population, ColumnId divisions);

}  // namespace mscsim::models
