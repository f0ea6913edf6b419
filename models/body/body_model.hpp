#pragma once
// The body (docs/ODD.md sections 1.2 and 3.3.7): the doses of a scenario become cohorts of MSCs
// that move between well-mixed compartments by a continuous-time Markov chain (one chain
// per cohort, rates from its product and from the state of the target tissue), enter the
// target tissue lattice as agents by the sampling fraction f = V_lattice / V_target, and
// are kept on exact books: compartments + live lattice agents == cells given.
//
// Each step (world rule after the commit, serial): the cohort's lattice deaths are moved
// to `cleared` by counting its live agents; each cohort's counts move by one multinomial
// draw per compartment over exp(K dt); of the cells that entered the target tissue this
// step a binomial share f lands on the lattice (on free vessel voxels; from the CSF, on
// free voxels anywhere), the others stay in `target_tissue`. Each infusion is a scheduled
// event that draws the thawing losses and the route's split and logs a "dose" event.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "models/body/biodistribution.hpp"
#include "models/body/body_parameters.hpp"
#include "models/body/dosing.hpp"
#include "models/body/rate_matrix.hpp"
#include "models/msc/msc_factory.hpp"
#include "sim/compartments/compartment_chain.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

class Recruitment;

class Body final : public Model {
 public:
  // `recruitment` gives the vessel voxels where cells arriving from the blood land; without
  // it they land anywhere.
  explicit Body(const Recruitment* recruitment = nullptr) : recruitment_(recruitment) {}

  std::string name() const override { return "body"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

  const BodyParameters& parameters() const { return p_; }
  const std::vector<Infusion>& infusions() const { return infusions_; }
  const std::vector<CohortBooks>& books() const { return books_; }
  double sampling_fraction() const { return sampling_fraction_; }
  // Known after initialization.
  const CohortHoming& homing(std::size_t cohort) const { return homing_[cohort]; }
  double tissue_death_rate_per_h() const { return tissue_death_rate_per_h_; }

 private:
  void initialize(World& world, const Scenario& scenario);
  void infuse(World& world, const StepInfo& step, std::size_t cohort);
  void transfer(World& world, const StepInfo& step);
  void move_cohort(World& world, const StepInfo& step, std::size_t cohort, const TissueSignals& tissue);
  // Places up to `count` cells of a cohort on the lattice; returns how many found a voxel.
  std::int64_t enter_lattice_from_blood(World& world, std::size_t cohort, std::int64_t count,
                                        rng::RandomStream& stream) const;
  std::int64_t enter_lattice_anywhere(World& world, std::size_t cohort, std::int64_t count,
                                      rng::RandomStream& stream) const;
  std::int64_t enter_lattice_at_site(World& world, std::size_t cohort, std::int64_t count,
                                     rng::RandomStream& stream) const;
  LatticeCensus census(const World& world) const;
  TissueSignals tissue_signals(const World& world) const;

  const Recruitment* recruitment_;
  BodyParameters p_;
  std::vector<Infusion> infusions_;
  std::vector<CohortBooks> books_;
  std::vector<CohortHoming> homing_;
  // The chain of each cohort with the rates it was built from (rebuilt when they change).
  std::vector<std::unique_ptr<CompartmentChain>> chains_;
  std::vector<Eigen::MatrixXd> chain_rates_;
  std::vector<std::int64_t> flows_;  // scratch: one step's flows i -> j
  std::optional<MscFactory> factory_;
  double sampling_fraction_ = 0.0;
  double tissue_death_rate_per_h_ = 0.0;
  double phenotype_threshold_ = 0.33;
  FieldId cxcl12_ = 0, ifng_ = 0;
  PopulationId msc_ = 0;
  ColumnId cohort_column_ = 0, polarization_column_ = 0;
  std::size_t dose_event_ = 0;
};

}  // namespace mscsim::models
