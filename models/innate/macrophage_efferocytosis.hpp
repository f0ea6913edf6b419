#pragma once
// Macrophages engulf apoptotic MSCs and then turn IDO-producing and M2-like (docs/ODD.md
// section 3.3.2, Fate, and section 3.3.4, Macrophages; Galleu 2017: the recipient's cytotoxic cells
// kill infused MSCs, and the phagocytes that engulf the apoptotic MSCs produce IDO, which
// the immunosuppression in GVHD required; de Witte 2018: monocytes that phagocytose MSCs
// turn anti-inflammatory). A mechanism with its own switch, macrophage.msc_efferocytosis_enabled;
// switched off, nothing of it exists in the run (no field, column, rule or series).
//
// 1. An MSC that dies on the lattice (baseline apoptosis, or killed by NK cells or CTLs)
//    leaves one cell equivalent of apoptotic remains in its voxel: the field
//    "apoptotic_msc" (cells per voxel; does not diffuse; cleared by everything the model
//    does not represent with a half-life). An MSC that leaves through a vessel does not.
// 2. Remains in a voxel are engulfed by one of the macrophages in that voxel or its Moore
//    neighbourhood at rate engulfment_rate x remains x number of such macrophages; the one
//    that engulfs them (each equally likely) takes all the remains of the voxel.
// 3. The engulfing macrophage turns M2 and produces IDO (kynurenine into the kyn field) for
//    efferocytic_ido_duration_h (its column "efferocytic_ido_h" counts the hours left).
#include <cstdint>
#include <string>
#include <vector>

#include "models/common/hill.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

inline constexpr const char* kApoptoticMscField = "apoptotic_msc";
inline constexpr const char* kEfferocyticIdoColumn = "efferocytic_ido_h";
inline constexpr const char* kMscEfferocytosisSwitch = "macrophage.msc_efferocytosis_enabled";

struct MscEfferocytosisParameters {
  bool enabled = false;
  double engulfment_rate_per_h = 0.0;  // per cell equivalent of remains and per macrophage in contact
  double remains_half_life_h = 0.0;
  double ido_duration_h = 0.0;
  double kyn_ng_per_ml_per_h = 0.0;
};

void declare_msc_efferocytosis_parameters(ParameterCatalogue& catalogue);
MscEfferocytosisParameters read_msc_efferocytosis_parameters(const Scenario& scenario);

// Whether a lattice MSC at the end of the agent phases dies into apoptotic remains: it was
// killed (NK, CTL) or chose to die, and is not leaving the tissue through a vessel.
inline bool dies_into_apoptotic_remains(bool killed, bool own_death, bool leaving_through_vessel) {
  return killed || (own_death && !leaving_through_vessel);
}

// Probability that the remains of one voxel are engulfed within dt_h by one of
// `macrophages` macrophages in contact, each engulfing at rate_per_h per cell equivalent.
inline double engulfment_probability(double remains_cells, int macrophages, double rate_per_h, double dt_h) {
  if (remains_cells <= 0.0 || macrophages <= 0) return 0.0;
  return step_probability(rate_per_h * remains_cells * static_cast<double>(macrophages), dt_h);
}

// Hours of IDO production left after a step of an efferocytic macrophage.
inline double ido_hours_left(double hours_left, double dt_h) { return hours_left > dt_h ? hours_left - dt_h : 0.0; }

class MacrophageEfferocytosis final : public Model {
 public:
  std::string name() const override { return "macrophage_efferocytosis"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  // Registers after the MSC and macrophage models (models/innate/register.cpp): its rules
  // act on both populations, whose ids a rule needs when it is registered.
  void build(ModelBuilder& builder) override;

 private:
  void note_cells_leaving(World& world);
  void release_remains(World& world, std::size_t begin, std::size_t end) const;
  void engulf(World& world, const StepInfo& step);
  void produce_ido(World& world, const StepInfo& step, std::size_t begin, std::size_t end) const;

  MscEfferocytosisParameters p_;
  PopulationId msc_ = 0, macrophage_ = 0;
  ColumnId state_ = 0, next_state_ = 0, ido_hours_ = 0;
  FieldId remains_ = 0, kyn_ = 0;
  std::vector<std::uint32_t> msc_rows_leaving_;  // this step, ascending
  std::uint64_t engulfed_ = 0;
};

}  // namespace mscsim::models
