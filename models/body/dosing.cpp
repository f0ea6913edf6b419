#include "models/body/dosing.hpp"

#include <cmath>

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {

const char* const kList = "dose";

std::string element(std::size_t i) {
  return std::string(kList) + "." + std::to_string(i) + ".";
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// Volume of the lattice in mL (1 mL = 1e12 um^3); a 2-D lattice is one voxel deep.
double lattice_volume_ml_of(const Scenario& s) {
  double voxels = 1.0;
  for (std::int64_t n : s.integers("tissue.size_voxels")) voxels *= static_cast<double>(n);
  const double edge_um = s.real("tissue.voxel_um");
  return voxels * edge_um * edge_um * edge_um * 1.0e-12;
}

void check_amount(const Scenario& s, const std::string& at) {
  const char* amounts[] = {"cells_per_kg", "cells", "cells_per_site"};
  std::vector<std::string> given;
  for (const char* a : amounts)
    if (s.real(at + a) > 0.0) given.emplace_back(a);
  if (given.size() != 1) {
    const std::string key = at + (given.empty() ? "cells" : given[1]);
    throw ScenarioError({}, key,
                        "a dose needs exactly one amount: cells_per_kg (times body.weight_kg), cells (total) or "
                        "cells_per_site (times sites); " +
                            (given.empty() ? std::string("none is given") : "found " + joined(given)));
  }
  if (s.integer(at + "sites") != 1 && given.front() != "cells_per_site")
    throw ScenarioError({}, at + "sites", "sites multiplies cells_per_site; give cells_per_site with it");
}

void check_dose(const Scenario& s, std::size_t i) {
  const std::string at = element(i);
  check_amount(s, at);
  const Route route = route_of(s.text(at + "route"));
  const std::string& site = s.text(at + "site");
  if (!route_accepts_site(route, site))
    throw ScenarioError({}, at + "site",
                        "site '" + site + "' does not belong to route '" + route_name(route) +
                            "' (its sites: " + joined(sites_of(route)) + ")");
  if (s.integer(at + "count") > 1 && !(s.real(at + "every_h") > 0.0))
    throw ScenarioError(
        {}, at + "every_h",
        "count = " + std::to_string(s.integer(at + "count")) + " infusions need an interval every_h > 0");
  const auto& size = s.integers("tissue.size_voxels");
  const double edge_um = s.real("tissue.voxel_um");
  const char* axes[] = {"injection_x_um", "injection_y_um"};
  for (std::size_t a = 0; a < 2; ++a) {
    const double extent_um = static_cast<double>(size[a]) * edge_um;
    if (s.real(at + axes[a]) > extent_um)
      throw ScenarioError(
          {}, at + axes[a],
          "the injection site lies outside the lattice (" + std::to_string(extent_um) + " um along this axis)");
  }
}

void check_doses(const Scenario& s) {
  const std::size_t n = s.list_size(kList);
  if (n == 0) return;
  if (s.text("tissue.setting") == "in_vitro_well")
    throw ScenarioError({}, element(0) + "route",
                        "a dose goes into a body, and an in vitro well (tissue.setting = \"in_vitro_well\") has "
                        "none: seed the well with msc.initial_count, or set tissue.setting = \"tissue\"");
  std::size_t infusions = 0;
  for (std::size_t i = 0; i < n; ++i) {
    check_dose(s, i);
    infusions += static_cast<std::size_t>(s.integer(element(i) + "count"));
    if (infusions > kMaxInfusions)
      throw ScenarioError({}, element(i) + "count",
                          "more than " + std::to_string(kMaxInfusions) + " infusions in all (each is a cohort)");
  }
  if (lattice_volume_ml_of(s) > s.real("target.volume_ml")) {
    // Blame the key the user set: a grown lattice against the default organ volume is the
    // lattice's fault, not that of a target.volume_ml absent from the file.
    auto given = [&](const char* key) {
      const SourceLocation where = s.location_of(key);
      return where.line > 0 || where.file != s.source_name();
    };
    const char* key = "target.volume_ml";
    if (!given(key)) key = given("tissue.size_voxels") ? "tissue.size_voxels"
                           : given("tissue.voxel_um") ? "tissue.voxel_um"
                                                      : key;
    throw ScenarioError({}, key,
                        "the lattice (tissue.size_voxels x tissue.voxel_um^3 = " +
                            std::to_string(lattice_volume_ml_of(s)) + " mL) is larger than the target organ it "
                            "samples (target.volume_ml = " + std::to_string(s.real("target.volume_ml")) + " mL)");
  }
}

}  // namespace

void declare_dose_parameters(ParameterCatalogue& c) {
  c.declare_list({kList, "Infusions of MSCs into the body; each repeat is one cohort.", 100});
  const std::string at = std::string(kList) + ".*.";
  c.declare(real_parameter(at + "time_h", 0.0, 0.0, 1.0e6, "h", "assumption (scenario input)",
                           "Time of the (first) infusion of this dose."));
  c.declare(real_parameter(at + "cells_per_kg", 0.0, 0.0, 1.0e10, "cells/kg",
                           "Le Blanc 2008 (clinical doses 1-2e6/kg)",
                           "Amount per infusion per kg of body.weight_kg (give exactly one amount)."));
  c.declare(real_parameter(at + "cells", 0.0, 0.0, 1.0e12, "cells", "assumption (scenario input)",
                           "Amount per infusion, total cells (give exactly one amount)."));
  c.declare(real_parameter(at + "cells_per_site", 0.0, 0.0, 1.0e12, "cells",
                           "Granel 2015 (e.g. 3.76e6 per finger in systemic sclerosis)",
                           "Amount per injection site, times `sites` (give exactly one amount)."));
  c.declare(integer_parameter(at + "sites", 1, 1, 1000, "sites", "assumption (scenario input)",
                              "Number of injection sites (multiplies cells_per_site)."));
  c.declare(text_parameter(at + "route", "iv", route_names(), "assumption (scenario input)",
                           "Route: iv, ia (target artery), local (into the target tissue), intrathecal, ip."));
  c.declare(text_parameter(at + "site", "default", all_site_names(), "assumption (scenario input)",
                           "Injection site; must belong to the route (default: the route's first site: "
                           "peripheral_vein, target_artery, intralesional, lumbar, peritoneal_cavity)."));
  c.declare(real_parameter(at + "every_h", 0.0, 0.0, 1.0e6, "h", "assumption (scenario input)",
                           "Interval between repeated infusions of this dose (needed when count > 1)."));
  c.declare(integer_parameter(at + "count", 1, 1, static_cast<double>(kMaxInfusions), "infusions",
                              "Forbes 2014 (e.g. weekly x 4)",
                              "Number of infusions of this dose, every_h apart."));
  c.declare(real_parameter(at + "injection_x_um", -1.0, -1.0, 1.0e7, "um", "assumption",
                           "Local routes: x of the injection site on the lattice (negative: the lattice centre)."));
  c.declare(real_parameter(at + "injection_y_um", -1.0, -1.0, 1.0e7, "um", "assumption",
                           "Local routes: y of the injection site on the lattice (negative: the lattice centre)."));
  c.declare(exclusive_min(real_parameter(at + "injection_radius_um", 200.0, 0.0, 1.0e7, "um", "assumption",
                                         "Local routes: cells entering the lattice are placed within this "
                                         "distance of the injection site (farther when it is full).")));
  declare_msc_product_parameters(c, at + "product.");
  c.add_check(check_doses);
}

std::vector<Infusion> read_infusions(const Scenario& s) {
  std::vector<Infusion> out;
  const double weight_kg = s.real("body.weight_kg");
  for (std::size_t i = 0; i < s.list_size(kList); ++i) {
    const std::string at = element(i);
    Infusion base;
    base.dose_index = i;
    base.route = route_of(s.text(at + "route"));
    base.site = resolved_site(base.route, s.text(at + "site"));
    base.product = read_msc_product(s, at + "product.");
    base.injection_x_um = s.real(at + "injection_x_um");
    base.injection_y_um = s.real(at + "injection_y_um");
    base.injection_radius_um = s.real(at + "injection_radius_um");
    double cells = s.real(at + "cells");
    if (s.real(at + "cells_per_kg") > 0.0) cells = s.real(at + "cells_per_kg") * weight_kg;
    if (s.real(at + "cells_per_site") > 0.0)
      cells = s.real(at + "cells_per_site") * static_cast<double>(s.integer(at + "sites"));
    base.cells = std::llround(cells);
    const std::int64_t count = s.integer(at + "count");
    for (std::int64_t r = 0; r < count; ++r) {
      Infusion infusion = base;
      infusion.cohort = out.size();
      infusion.repeat = r;
      infusion.time_h = s.real(at + "time_h") + static_cast<double>(r) * s.real(at + "every_h");
      out.push_back(std::move(infusion));
    }
  }
  return out;
}

}  // namespace mscsim::models
