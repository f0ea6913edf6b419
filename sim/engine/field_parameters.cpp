#include "sim/engine/field_parameters.hpp"

#include <cctype>

namespace mscsim {

std::string unit_suffix(const std::string& unit) {
  if (unit == "1" || unit.empty()) return "units";
  std::string out;
  for (std::size_t i = 0; i < unit.size(); ++i) {
    const char c = unit[i];
    if (c == '/') out += "_per_";
    else if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else out += '_';
  }
  return out;
}

void declare_field_parameters(ParameterCatalogue& c, const FieldDefaults& d) {
  const std::string base = "fields." + d.spec.name + ".";
  const std::string suffix = unit_suffix(d.spec.unit);
  ParameterSpec s;
  s.type = ValueType::Real;

  s.key = base + "diffusion_um2_per_s";
  s.default_value = d.spec.diffusion_um2_per_s;
  s.min = 0.0;
  s.max = 1.0e4;
  s.unit = "um^2/s";
  s.reference = d.diffusion_reference;
  s.description = "Diffusion coefficient of " + d.description + ".";
  c.declare(s);

  s.key = base + "half_life_h";
  s.default_value = d.spec.half_life_h;
  s.min = 0.0;
  s.max = 1.0e6;
  s.min_exclusive = true;
  s.unit = "h";
  s.reference = d.half_life_reference;
  s.description = "Tissue half-life of " + d.description + " (decay rate ln 2 / half-life).";
  c.declare(s);
  s.min_exclusive = false;

  s.key = base + "initial_" + suffix;
  s.default_value = d.spec.initial_value;
  s.max = 1.0e6;
  s.unit = d.spec.unit;
  s.reference = "assumption";
  s.description = "Uniform initial concentration of " + d.description + ".";
  c.declare(s);

  s.key = base + "bath_" + suffix;
  s.default_value = d.spec.bath_value;
  s.description = "Concentration held at the lattice edge when boundary = \"bath\" (culture medium).";
  c.declare(s);

  ParameterSpec b;
  b.key = base + "boundary";
  b.type = ValueType::Text;
  b.default_value = std::string(d.spec.boundary == BoundaryCondition::Bath ? "bath" : "zero_flux");
  b.choices = {"zero_flux", "bath"};
  b.unit = "text";
  b.reference = "assumption (model structure)";
  b.description = "Edge condition: zero_flux (tissue) or bath (Dirichlet, in vitro medium).";
  c.declare(b);
}

FieldSpec read_field_spec(const Scenario& s, const FieldDefaults& d) {
  const std::string base = "fields." + d.spec.name + ".";
  const std::string suffix = unit_suffix(d.spec.unit);
  FieldSpec spec = d.spec;
  spec.diffusion_um2_per_s = s.real(base + "diffusion_um2_per_s");
  spec.half_life_h = s.real(base + "half_life_h");
  spec.initial_value = s.real(base + "initial_" + suffix);
  spec.bath_value = s.real(base + "bath_" + suffix);
  spec.boundary = s.text(base + "boundary") == "bath" ? BoundaryCondition::Bath : BoundaryCondition::ZeroFlux;
  return spec;
}

}  // namespace mscsim
