#include "models/body/body_model.hpp"

#include <cmath>

#include "models/body/lattice_coupling.hpp"
#include "models/common/cell_states.hpp"
#include "models/tissue/recruitment.hpp"
#include "sim/engine/model_state.hpp"
#include "sim/rng/distributions.hpp"

namespace mscsim::models {

namespace {
constexpr std::uint64_t kInfusionPurpose = rng::purpose_id("body.infusion");
constexpr std::uint64_t kTransferPurpose = rng::purpose_id("body.transfer");
constexpr std::uint64_t kLatticeEntryPurpose = rng::purpose_id("body.lattice_entry");

// Mean of a field over every voxel, summed in voxel order (the same bits at any thread count).
double field_mean(const World& world, FieldId field) {
  const double* c = world.fields().data(field);
  const std::size_t n = world.shape().voxel_count();
  double sum = 0.0;
  for (std::size_t v = 0; v < n; ++v) sum += c[v];
  return n > 0 ? sum / static_cast<double>(n) : 0.0;
}
// True when every rate of `rates` is within `tolerance` (relative) of the same rate in
// `previous` (a zero rate must stay zero).
bool rates_within_tolerance(const Eigen::MatrixXd& rates, const Eigen::MatrixXd& previous, double tolerance) {
  if (rates.rows() != previous.rows() || rates.cols() != previous.cols()) return false;
  for (Eigen::Index i = 0; i < rates.rows(); ++i)
    for (Eigen::Index j = 0; j < rates.cols(); ++j)
      if (std::abs(rates(i, j) - previous(i, j)) > tolerance * std::abs(previous(i, j))) return false;
  return true;
}
}  // namespace

void Body::declare_parameters(ParameterCatalogue& c) const {
  declare_body_parameters(c);
  declare_dose_parameters(c);
}

void Body::build(ModelBuilder& b) {
  // Members this model changes during a run: saved in checkpoints (docs/checkpoint.md).
  keep_in_checkpoint(b, "body", books_, chains_, chain_rates_);
  const Scenario& scenario = b.scenario();
  p_ = read_body_parameters(scenario);
  infusions_ = read_infusions(scenario);
  // The loader refuses doses in an in vitro well; without doses the body adds nothing.
  if (infusions_.empty()) return;

  World& world = b.world();
  sampling_fraction_ = models::sampling_fraction(world.shape(), p_.target_volume_ml);
  cxcl12_ = world.fields().id_of("cxcl12");
  ifng_ = world.fields().id_of("ifng");
  books_.assign(infusions_.size(), CohortBooks{});
  homing_.assign(infusions_.size(), CohortHoming{});
  chains_.resize(infusions_.size());
  chain_rates_.assign(infusions_.size(), Eigen::MatrixXd());
  flows_.assign(kCompartmentCount * kCompartmentCount, 0);

  dose_event_ = world.events().declare("dose", {{"cohort", "1"},
                                                {"dose", "1"},
                                                {"repeat", "1"},
                                                {"route", "text", true},
                                                {"site", "text", true},
                                                {"phenotype_at_release", "text", true},
                                                {"cells_given", "cells"},
                                                {"cells_surviving_thaw", "cells"},
                                                {"cells_arrested_in_target", "cells"},
                                                {"cells_into_lattice", "cells"},
                                                {"micro_occlusion_risk", "1"},
                                                {"sampling_fraction", "1"}});

  b.add_initializer([this, &scenario](World& w) { initialize(w, scenario); });
  for (const Infusion& infusion : infusions_) {
    const std::size_t cohort = infusion.cohort;
    b.add_event({infusion.time_h, "body.dose_" + std::to_string(cohort),
                 [this, cohort](World& w, const StepInfo& st) { infuse(w, st, cohort); }});
  }
  b.add_world_rule({"body.compartment_transfer", WorldPoint::AfterCommit,
                    [this](World& w, const StepInfo& st) { transfer(w, st); }});
  b.add_observer({biodistribution_series(infusions_.size()), [this](const World& w, double, std::vector<double>& out) {
                    biodistribution_values(books_, census(w), sampling_fraction_, out);
                  }});
}

// Runs after every model is built, so the MSC population and its columns exist.
void Body::initialize(World& world, const Scenario& scenario) {
  factory_.emplace(world, scenario);
  if (!factory_->available()) throw ConfigurationError("body: doses need the MSC population");
  msc_ = world.population_id(population::kMsc);
  cohort_column_ = world.population(msc_).column_id("cohort");
  polarization_column_ = world.population(msc_).column_id("polarization");
  phenotype_threshold_ = factory_->parameters().phenotype_threshold;
  tissue_death_rate_per_h_ = factory_->parameters().apoptosis_rate_per_h;
  for (const Infusion& infusion : infusions_) {
    const MscProduct& product = infusion.product;
    homing_[infusion.cohort] = {product.diameter_um, factory_->cxcr4(product), product.allogeneic, product.ccr7,
                                product.cxcr5};
    books_[infusion.cohort].phenotype_at_release = factory_->phenotype_at_release(product);
  }
}

// One infusion: a freshly thawed product loses 1 − thaw_viability of its cells (binomial;
// the dead go straight to `cleared`), then the route decides where the survivors go.
void Body::infuse(World& world, const StepInfo& step, std::size_t cohort) {
  const Infusion& infusion = infusions_[cohort];
  CohortBooks& books = books_[cohort];
  rng::RandomStream stream = world.stream(kInfusionPurpose, cohort, step.step);
  const std::int64_t given = infusion.cells;
  const std::int64_t alive =
      infusion.product.freshly_thawed ? rng::binomial(stream, given, infusion.product.thaw_viability) : given;
  const InjectionSplit split = split_injection(p_, infusion.route, alive, infusion.product.diameter_um, stream);
  for (std::size_t c = 0; c < kCompartmentCount; ++c) books.compartments[c] += split.compartments[c];
  books.compartments[index_of(Compartment::Cleared)] += given - alive;
  books.given += given;
  books.infused = true;

  // A local injection puts cells straight into the target tissue: the lattice's share
  // around the injection site, the rest off the lattice.
  std::int64_t into_lattice = 0;
  if (split.into_tissue > 0) {
    const std::int64_t drawn = rng::binomial(stream, split.into_tissue, sampling_fraction_);
    into_lattice = enter_lattice_at_site(world, cohort, drawn, stream);
    books.lattice += into_lattice;
    books.compartments[index_of(Compartment::TargetTissue)] += split.into_tissue - into_lattice;
  }
  world.events().record(
      dose_event_, step.time_h,
      {static_cast<double>(cohort), static_cast<double>(infusion.dose_index), static_cast<double>(infusion.repeat),
       std::string(route_name(infusion.route)), infusion.site, std::string(phenotype_name(books.phenotype_at_release)),
       static_cast<double>(given), static_cast<double>(alive), static_cast<double>(split.arrested_in_target),
       static_cast<double>(into_lattice), split.micro_occlusion_risk, sampling_fraction_});
}

TissueSignals Body::tissue_signals(const World& world) const {
  return {field_mean(world, cxcl12_), field_mean(world, ifng_)};
}

LatticeCensus Body::census(const World& world) const {
  LatticeCensus counts(books_.size(), {0, 0, 0});
  if (!factory_) return counts;
  const Population& pop = world.population(msc_);
  const std::int32_t* cohort = pop.integer(cohort_column_);
  const double* polarization = pop.real(polarization_column_);
  for (std::size_t r = 0; r < pop.size(); ++r) {
    if (cohort[r] < 0 || static_cast<std::size_t>(cohort[r]) >= counts.size()) continue;  // seeded cells
    ++counts[static_cast<std::size_t>(cohort[r])]
            [static_cast<std::size_t>(phenotype_of(polarization[r], phenotype_threshold_))];
  }
  return counts;
}

void Body::transfer(World& world, const StepInfo& step) {
  // Lattice deaths of this step (apoptosis, killing, leaving through a vessel) go to the
  // books as cleared: the cohort's live agents are counted, nothing else is inferred.
  const LatticeCensus live = census(world);
  for (std::size_t k = 0; k < books_.size(); ++k) {
    CohortBooks& books = books_[k];
    const std::int64_t alive = live[k][0] + live[k][1] + live[k][2];
    if (alive > books.lattice)
      throw ConfigurationError("body: cohort " + std::to_string(k) + " has " + std::to_string(alive) +
                               " live agents but only " + std::to_string(books.lattice) + " entered the lattice");
    books.compartments[index_of(Compartment::Cleared)] += books.lattice - alive;
    books.lattice = alive;
  }
  const TissueSignals tissue = tissue_signals(world);
  for (std::size_t k = 0; k < books_.size(); ++k) move_cohort(world, step, k, tissue);
}

void Body::move_cohort(World& world, const StepInfo& step, std::size_t cohort, const TissueSignals& tissue) {
  CohortBooks& books = books_[cohort];
  if (!books.infused) return;
  const std::size_t cleared = index_of(Compartment::Cleared);
  bool moving = false;
  for (std::size_t c = 0; c < kCompartmentCount; ++c) moving = moving || (c != cleared && books.compartments[c] > 0);
  if (!moving) return;

  // The rates follow the tissue's CXCL12 and IFN-gamma, which drift slowly; exp(K dt) is
  // recomputed when some rate moved by more than body.rate_update_tolerance of itself.
  Eigen::MatrixXd rates = body_rate_matrix(p_, homing_[cohort], tissue, tissue_death_rate_per_h_);
  if (!chains_[cohort] || !rates_within_tolerance(rates, chain_rates_[cohort], p_.rate_update_tolerance)) {
    chains_[cohort] = std::make_unique<CompartmentChain>(compartment_names(), rates);
    chain_rates_[cohort] = std::move(rates);
  }
  rng::RandomStream stream = world.stream(kTransferPurpose, cohort, step.step);
  chains_[cohort]->step(books.compartments, step.dt_h, stream, flows_);

  // Cells that entered the target tissue this step (from its vessels, or from the CSF).
  const std::size_t tissue_index = index_of(Compartment::TargetTissue);
  const std::size_t csf = index_of(Compartment::Csf);
  std::int64_t from_blood = 0;
  for (std::size_t i = 0; i < kCompartmentCount; ++i)
    if (i != tissue_index && i != csf) from_blood += flows_[i * kCompartmentCount + tissue_index];
  const std::int64_t from_csf = flows_[csf * kCompartmentCount + tissue_index];
  if (from_blood + from_csf == 0) return;
  rng::RandomStream entry = world.stream(kLatticeEntryPurpose, cohort, step.step);
  std::int64_t placed = 0;
  if (from_blood > 0)
    placed += enter_lattice_from_blood(world, cohort, rng::binomial(entry, from_blood, sampling_fraction_), entry);
  if (from_csf > 0)
    placed += enter_lattice_anywhere(world, cohort, rng::binomial(entry, from_csf, sampling_fraction_), entry);
  books.compartments[tissue_index] -= placed;
  books.lattice += placed;
}

std::int64_t Body::enter_lattice_from_blood(World& world, std::size_t cohort, std::int64_t count,
                                            rng::RandomStream& stream) const {
  if (count <= 0) return 0;
  static const std::vector<std::uint32_t> kNoVessels;
  const std::vector<std::uint32_t>& vessels = recruitment_ != nullptr ? recruitment_->vessel_voxels() : kNoVessels;
  const Infusion& infusion = infusions_[cohort];
  return static_cast<std::int64_t>(
      place_at_vessels(world.lattice(), vessels, static_cast<std::size_t>(count), stream, [&](std::uint32_t voxel) {
        factory_->spawn(world, voxel, infusion.product, static_cast<std::int32_t>(cohort), stream);
      }));
}

std::int64_t Body::enter_lattice_anywhere(World& world, std::size_t cohort, std::int64_t count,
                                          rng::RandomStream& stream) const {
  if (count <= 0) return 0;
  const Infusion& infusion = infusions_[cohort];
  return static_cast<std::int64_t>(
      place_anywhere(world.lattice(), static_cast<std::size_t>(count), stream, [&](std::uint32_t voxel) {
        factory_->spawn(world, voxel, infusion.product, static_cast<std::int32_t>(cohort), stream);
      }));
}

std::int64_t Body::enter_lattice_at_site(World& world, std::size_t cohort, std::int64_t count,
                                         rng::RandomStream& stream) const {
  if (count <= 0) return 0;
  const Infusion& infusion = infusions_[cohort];
  const std::uint32_t centre = injection_voxel(world.shape(), infusion.injection_x_um, infusion.injection_y_um);
  return static_cast<std::int64_t>(place_near(world.lattice(), centre, infusion.injection_radius_um,
                                              static_cast<std::size_t>(count), stream, [&](std::uint32_t voxel) {
                                                factory_->spawn(world, voxel, infusion.product,
                                                                static_cast<std::int32_t>(cohort), stream);
                                              }));
}

}  // namespace mscsim::models
