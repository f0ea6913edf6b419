#include "models/common/suppression.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
std::string base_key(const std::string& process, const std::string& field) {
  return "suppression." + process + "." + field + ".";
}
}  // namespace

void InhibitorSet::declare(ParameterCatalogue& c, const std::string& process,
                           const std::vector<InhibitorDefaults>& inhibitors) {
  for (const InhibitorDefaults& d : inhibitors) {
    const std::string base = base_key(process, d.field);
    const std::string what = d.field + " on " + process;
    c.declare(exclusive_min(real_parameter(base + "ic50_ng_per_ml", d.ic50, 0.0, 1.0e6, "ng/mL", d.reference,
                                           "Concentration of " + d.field + " giving half of its maximal inhibition of " +
                                               process + ".")));
    c.declare(real_parameter(base + "imax", d.imax, 0.0, 1.0, "1", d.reference,
                             "Largest fraction of " + process + " that " + d.field + " can suppress."));
    c.declare(real_parameter(base + "hill", d.hill, 0.1, 10.0, "1", "assumption", "Hill exponent of " + what + "."));
    c.declare(flag_parameter(base + "enabled", true, "assumption (ablation switch)",
                             "Switch for ablation experiments (false = " + d.field + " does not inhibit " + process +
                                 ")."));
  }
}

InhibitorSet::InhibitorSet(const Scenario& s, const World& world, const std::string& process,
                           const std::vector<InhibitorDefaults>& inhibitors) {
  for (const InhibitorDefaults& d : inhibitors) {
    const std::string base = base_key(process, d.field);
    if (!s.flag(base + "enabled")) continue;
    Active a;
    a.field = world.fields().id_of(d.field);
    a.imax = s.real(base + "imax");
    a.curve = {s.real(base + "ic50_ng_per_ml"), s.real(base + "hill")};
    active_.push_back(a);
  }
}

}  // namespace mscsim::models
