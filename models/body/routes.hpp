#pragma once
// Where the cells of one infusion go at the moment of injection (docs/ODD.md section 3.3.7):
//   iv           venous blood (then lungs first);
//   ia           the target's artery (sites target_artery, intracoronary, hepatic_artery,
//                carotid): a binomial share arrests in the target's vessels on the first
//                pass (Toma 2009: 92 %), bypassing the lungs; the rest go on to the venous
//                blood; micro-occlusion risk grows with cell size (Ge 2014);
//   local        into the target tissue around the injection site (intralesional,
//                intramuscular, subcutaneous, intra_articular, fistula_wall); a small share
//                reaches the venous blood (Sanchez-Diaz 2021);
//   intrathecal  into the CSF, which feeds the CNS target slowly (Karussis 2010);
//   ip           into the peritoneal cavity (Bazhanov 2016).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "models/body/body_compartments.hpp"
#include "models/body/body_parameters.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim::models {

enum class Route { Iv, Ia, Local, Intrathecal, Ip };

std::vector<std::string> route_names();   // "iv", "ia", "local", "intrathecal", "ip"
Route route_of(const std::string& name);  // a name from route_names()
const char* route_name(Route route);

// The sites a route accepts; the first is the route's default (used for site = "default").
const std::vector<std::string>& sites_of(Route route);
// Every site word of every route, and "default": the choices of dose.*.site.
std::vector<std::string> all_site_names();
bool route_accepts_site(Route route, const std::string& site);
// The site itself, or the route's default for "default".
std::string resolved_site(Route route, const std::string& site);

// Intra-arterial micro-occlusion (Ge 2014: larger MSCs obstruct vessels): of the cells
// arrested in the target, a share H(d; d50, n) plugs a pre-capillary arteriole, so the
// expected number of occluded arterioles is arrested · H(d); risk = 1 − exp(−occluded /
// arterioles), the expected fraction of the target's arterioles occluded (Poisson).
double expected_occluded_arterioles(const BodyParameters& p, std::int64_t arrested_cells, double diameter_um);
double micro_occlusion_risk(const BodyParameters& p, std::int64_t arrested_cells, double diameter_um);

// The cells of one infusion (after thawing losses) at the moment of injection.
struct InjectionSplit {
  std::array<std::int64_t, kCompartmentCount> compartments{};  // counts per body compartment
  std::int64_t into_tissue = 0;                                // local routes: into the target tissue (lattice or not)
  std::int64_t arrested_in_target = 0;                         // ia: first-pass arrest in the target's vessels
  double micro_occlusion_risk = 0.0;                           // ia only, else 0
};

// Splits `cells` by route, drawing the binomial shares from `stream`.
InjectionSplit split_injection(const BodyParameters& p, Route route, std::int64_t cells, double diameter_um,
                               rng::RandomStream& stream);

}  // namespace mscsim::models
