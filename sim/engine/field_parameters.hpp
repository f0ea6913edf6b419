#pragma once
// Declares and reads the parameters of one field: fields.<name>.diffusion_um2_per_s,
// .half_life_h, .initial_<unit>, .boundary ("zero_flux" or "bath"), .bath_<unit>.
// The unit suffix is derived from the field's unit ("ng/mL" -> "ng_per_ml").
#include <string>

#include "sim/fields/field_set.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim {

struct FieldDefaults {
  FieldSpec spec;                    // name, unit and default values
  std::string diffusion_reference;   // source of the diffusion coefficient, or "assumption"
  std::string half_life_reference;   // source of the half-life, or "assumption"
  std::string description;           // what the field stands for
};

// "ng/mL" -> "ng_per_ml", "1" -> "units".
std::string unit_suffix(const std::string& unit);

void declare_field_parameters(ParameterCatalogue& catalogue, const FieldDefaults& defaults);
FieldSpec read_field_spec(const Scenario& scenario, const FieldDefaults& defaults);

}  // namespace mscsim
