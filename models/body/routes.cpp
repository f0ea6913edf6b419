#include "models/body/routes.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/errors.hpp"
#include "sim/rng/distributions.hpp"

namespace mscsim::models {

namespace {

struct RouteSites {
  Route route;
  const char* name;
  std::vector<std::string> sites;  // first: default
};

const std::vector<RouteSites>& route_table() {
  static const std::vector<RouteSites> table = {
      {Route::Iv, "iv", {"peripheral_vein", "central_vein"}},
      {Route::Ia, "ia", {"target_artery", "intracoronary", "hepatic_artery", "carotid"}},
      {Route::Local, "local", {"intralesional", "intramuscular", "subcutaneous", "intra_articular", "fistula_wall"}},
      {Route::Intrathecal, "intrathecal", {"lumbar"}},
      {Route::Ip, "ip", {"peritoneal_cavity"}},
  };
  return table;
}

const RouteSites& entry(Route route) {
  for (const RouteSites& r : route_table())
    if (r.route == route) return r;
  throw ConfigurationError("unknown route");
}

}  // namespace

std::vector<std::string> route_names() {
  std::vector<std::string> names;
  for (const RouteSites& r : route_table()) names.emplace_back(r.name);
  return names;
}

Route route_of(const std::string& name) {
  for (const RouteSites& r : route_table())
    if (name == r.name) return r.route;
  throw ConfigurationError("unknown route '" + name + "'");
}

const char* route_name(Route route) {
  return entry(route).name;
}

const std::vector<std::string>& sites_of(Route route) {
  return entry(route).sites;
}

std::vector<std::string> all_site_names() {
  std::vector<std::string> names{"default"};
  for (const RouteSites& r : route_table()) names.insert(names.end(), r.sites.begin(), r.sites.end());
  return names;
}

bool route_accepts_site(Route route, const std::string& site) {
  const std::vector<std::string>& sites = sites_of(route);
  return site == "default" || std::find(sites.begin(), sites.end(), site) != sites.end();
}

std::string resolved_site(Route route, const std::string& site) {
  return site == "default" ? sites_of(route).front() : site;
}

double expected_occluded_arterioles(const BodyParameters& p, std::int64_t arrested_cells, double diameter_um) {
  return static_cast<double>(arrested_cells) * p.ia_occlusion_by_diameter(diameter_um);
}

double micro_occlusion_risk(const BodyParameters& p, std::int64_t arrested_cells, double diameter_um) {
  return -std::expm1(-expected_occluded_arterioles(p, arrested_cells, diameter_um) / p.target_precapillary_arterioles);
}

InjectionSplit split_injection(const BodyParameters& p, Route route, std::int64_t cells, double diameter_um,
                               rng::RandomStream& stream) {
  InjectionSplit split;
  auto& n = split.compartments;
  switch (route) {
    case Route::Iv:
      n[index_of(Compartment::VenousBlood)] = cells;
      break;
    case Route::Ia: {
      const std::int64_t arrested = rng::binomial(stream, cells, p.ia_first_pass_arrest_fraction);
      n[index_of(Compartment::Target)] = arrested;
      n[index_of(Compartment::VenousBlood)] = cells - arrested;
      split.arrested_in_target = arrested;
      split.micro_occlusion_risk = micro_occlusion_risk(p, arrested, diameter_um);
      break;
    }
    case Route::Local: {
      const std::int64_t systemic = rng::binomial(stream, cells, p.local_systemic_fraction);
      n[index_of(Compartment::VenousBlood)] = systemic;
      split.into_tissue = cells - systemic;
      break;
    }
    case Route::Intrathecal:
      n[index_of(Compartment::Csf)] = cells;
      break;
    case Route::Ip:
      n[index_of(Compartment::Peritoneum)] = cells;
      break;
  }
  return split;
}

}  // namespace mscsim::models
