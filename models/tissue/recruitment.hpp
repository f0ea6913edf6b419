#pragma once
// Blood vessels and the traffic through them (docs/ODD.md sections 1.2 and 3.3.3-3.3.6, Recruitment):
// a fraction of voxels are vessel voxels; each admits cells of every recruitable immune
// population from the blood pools at a rate that rises with the local inflammatory
// chemokine (ccl2), scaled by the sampling fraction, and cells on a vessel voxel leave
// at a basal rate. A culture well has no vessels. An arriving cell starts as a seeded cell
// of its arriving state does: its population's newcomer hook sets its columns
// (models/common/newcomers.hpp).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/common/hill.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

struct RecruitedPopulation {
  std::string name;
  double max_rate_per_vessel_per_h = 0.0;  // at saturating ccl2
  std::int32_t arriving_state = 0;         // state a newcomer arrives in (its newcomer hook sets the columns)
  PopulationId population = 0;             // resolved at initialization
  bool present = false;
};

class Recruitment final : public Model {
 public:
  std::string name() const override { return "recruitment"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;

  const std::vector<std::uint32_t>& vessel_voxels() const { return vessels_; }

 private:
  void traffic(World& world, const StepInfo& step);

  // What one vessel draws in a step, in its fixed order: whether the cell on it leaves
  // (only drawn when the voxel is occupied), then how many cells arrive.
  struct VesselPlan {
    bool occupied = false;
    bool leave = false;
    std::int64_t arrivals = 0;
  };
  VesselPlan plan_vessel(rng::RandomStream& stream, bool occupied, double ccl2, double p_leave, double dt_h,
                         std::span<double> mean) const;
  void vessel_traffic(World& world, std::uint32_t vessel, const StepInfo& step, double p_leave);
  void depart(World& world, std::uint32_t vessel);

  bool in_vitro_ = false;
  double vessel_fraction_ = 0.0;
  HillCurve recruitment_by_ccl2_;
  double recruitment_by_ccl2_basal_ = 0.0;
  double egress_rate_per_h_ = 0.0;
  std::vector<RecruitedPopulation> recruited_;
  std::vector<VesselPlan> plans_;  // per vessel, this step
  std::vector<std::uint32_t> vessels_;
  std::vector<std::uint8_t> is_vessel_;
  FieldId ccl2_ = 0;
  std::uint64_t arrivals_ = 0, departures_ = 0;
};

}  // namespace mscsim::models
