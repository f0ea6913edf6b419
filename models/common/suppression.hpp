#pragma once
// Named-inhibitor bookkeeping (docs/ODD.md section 2). Each target process (T proliferation,
// NK cytotoxicity, ...) has a list of inhibitors, each a field with IC50, Imax and Hill
// exponent and an on/off switch, and is scaled by Π (1 − Imax_i H(c_i; IC50_i, n_i)).
// An ablation experiment (IDO off, PGE2 off) is one switch in the scenario:
// suppression.<process>.<inhibitor>.enabled = false.
#include <string>
#include <vector>

#include "models/common/hill.hpp"
#include "sim/engine/world.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

struct InhibitorDefaults {
  std::string field;      // field name, e.g. "kyn"
  double ic50 = 1.0;      // ng/mL
  double imax = 1.0;      // 0..1
  double hill = 1.0;
  std::string reference;  // source of the effect
};

class InhibitorSet {
 public:
  // Declares suppression.<process>.<field>.{ic50_ng_per_ml, imax, hill, enabled}.
  static void declare(ParameterCatalogue& catalogue, const std::string& process,
                      const std::vector<InhibitorDefaults>& inhibitors);
  // Reads the values in force and resolves field ids; disabled inhibitors are dropped.
  InhibitorSet(const Scenario& scenario, const World& world, const std::string& process,
               const std::vector<InhibitorDefaults>& inhibitors);

  // Π (1 − Imax H(c)) at one voxel; 1 when nothing inhibits.
  double remaining_fraction(const World& world, std::uint32_t voxel) const {
    double f = 1.0;
    for (const Active& a : active_) f *= 1.0 - a.imax * a.curve(world.fields().data(a.field)[voxel]);
    return f;
  }

 private:
  struct Active {
    FieldId field;
    double imax;
    HillCurve curve;
  };
  std::vector<Active> active_;
};

}  // namespace mscsim::models
