#pragma once
// The dosing schedule (docs/ODD.md section 3.3.7): a `[[dose]]` list, any number of doses, each
// with a time, an amount (exactly one of cells_per_kg x body.weight_kg, cells, or
// cells_per_site x sites), a route and site, a repeat (every_h, count) and a product table
// `[dose.product]` (keys declared by models/msc/msc_product.hpp). Each infusion (each
// repeat of each dose) is one cohort, numbered in list order, then repeat order.
#include <cstdint>
#include <string>
#include <vector>

#include "models/body/routes.hpp"
#include "models/msc/msc_product.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim::models {

// At most this many infusions in one scenario (each becomes a cohort with its own series).
inline constexpr std::size_t kMaxInfusions = 200;

struct Infusion {
  std::size_t cohort = 0;
  std::size_t dose_index = 0;  // element of the [[dose]] list
  std::int64_t repeat = 0;     // 0 for the first infusion of that dose
  double time_h = 0.0;
  std::int64_t cells = 0;  // cells given, before thawing losses
  Route route = Route::Iv;
  std::string site;  // resolved: never "default"
  MscProduct product;
  // Local routes: the injection site on the lattice (negative x or y: the lattice centre).
  double injection_x_um = -1.0;
  double injection_y_um = -1.0;
  double injection_radius_um = 200.0;
};

// Declares the [[dose]] list, its keys and its product table, and the checks that tie them
// together (exactly one amount, a site that belongs to the route, repeats with an interval,
// no dose into an in vitro well).
void declare_dose_parameters(ParameterCatalogue& catalogue);

// Every infusion of the scenario, in cohort order.
std::vector<Infusion> read_infusions(const Scenario& scenario);

}  // namespace mscsim::models
