// Routes (docs/ODD.md section 3.3.7): where an infusion's cells go at injection, the sites each
// route accepts, and the intra-arterial micro-occlusion risk.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "models/body/routes.hpp"
#include "sim/core/errors.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

std::int64_t at(const InjectionSplit& s, Compartment c) {
  return s.compartments[index_of(c)];
}
std::int64_t total(const InjectionSplit& s) {
  return std::accumulate(s.compartments.begin(), s.compartments.end(), std::int64_t{0}) + s.into_tissue;
}

TEST(Routes, EachRouteHasItsEntry) {
  const BodyParameters p;
  rng::RandomStream stream(7, rng::purpose_id("test.routes"), 0, 0);
  const std::int64_t n = 1'000'000;
  const InjectionSplit iv = split_injection(p, Route::Iv, n, 20.0, stream);
  EXPECT_EQ(at(iv, Compartment::VenousBlood), n);
  const InjectionSplit it = split_injection(p, Route::Intrathecal, n, 20.0, stream);
  EXPECT_EQ(at(it, Compartment::Csf), n);
  const InjectionSplit ip = split_injection(p, Route::Ip, n, 20.0, stream);
  EXPECT_EQ(at(ip, Compartment::Peritoneum), n);
  for (const InjectionSplit* s : {&iv, &it, &ip}) {
    EXPECT_EQ(total(*s), n);
    EXPECT_EQ(s->micro_occlusion_risk, 0.0);
  }
}

// Binomial shares: within 6 standard deviations (seeded; 2e-9 per draw).
TEST(Routes, IntraArterialArrestsMostCellsInTheTargetOnFirstPass) {
  const BodyParameters p;
  rng::RandomStream stream(7, rng::purpose_id("test.routes"), 1, 0);
  const std::int64_t n = 1'000'000;
  const InjectionSplit ia = split_injection(p, Route::Ia, n, 20.0, stream);
  const double sd = std::sqrt(n * 0.92 * 0.08);
  EXPECT_NEAR(static_cast<double>(at(ia, Compartment::Target)), 0.92 * n, 6.0 * sd);  // Toma 2009
  EXPECT_EQ(ia.arrested_in_target, at(ia, Compartment::Target));
  EXPECT_EQ(at(ia, Compartment::Target) + at(ia, Compartment::VenousBlood), n);
  EXPECT_EQ(at(ia, Compartment::Lung), 0);  // bypasses the lungs
  EXPECT_GT(ia.micro_occlusion_risk, 0.0);
}

TEST(Routes, LocalInjectionStaysLocal) {
  const BodyParameters p;
  rng::RandomStream stream(7, rng::purpose_id("test.routes"), 2, 0);
  const std::int64_t n = 1'000'000;
  const InjectionSplit local = split_injection(p, Route::Local, n, 20.0, stream);
  const double sd = std::sqrt(n * 0.02 * 0.98);
  EXPECT_NEAR(static_cast<double>(at(local, Compartment::VenousBlood)), 0.02 * n, 6.0 * sd);
  EXPECT_EQ(total(local), n);
  EXPECT_GT(local.into_tissue, at(local, Compartment::VenousBlood));
}

TEST(Routes, MicroOcclusionRiskGrowsWithCellSizeAndCount) {
  const BodyParameters p;  // Ge 2014: larger MSCs obstruct vessels
  EXPECT_EQ(micro_occlusion_risk(p, 0, 30.0), 0.0);
  EXPECT_LT(micro_occlusion_risk(p, 1'000'000, 15.0), micro_occlusion_risk(p, 1'000'000, 30.0));
  EXPECT_LT(micro_occlusion_risk(p, 1'000'000, 30.0), micro_occlusion_risk(p, 100'000'000, 30.0));
  EXPECT_LE(micro_occlusion_risk(p, 1'000'000'000'000, 60.0), 1.0);
  // expected occluded = arrested * H(d; d50, n); risk = 1 - exp(-occluded / arterioles)
  const double occluded = expected_occluded_arterioles(p, 1'000'000, 35.0);
  EXPECT_DOUBLE_EQ(occluded, 500'000.0);
  EXPECT_DOUBLE_EQ(micro_occlusion_risk(p, 1'000'000, 35.0), -std::expm1(-occluded / p.target_precapillary_arterioles));
}

TEST(Routes, SitesBelongToTheirRoute) {
  EXPECT_TRUE(route_accepts_site(Route::Ia, "intracoronary"));
  EXPECT_TRUE(route_accepts_site(Route::Ia, "hepatic_artery"));
  EXPECT_TRUE(route_accepts_site(Route::Local, "fistula_wall"));
  EXPECT_TRUE(route_accepts_site(Route::Local, "default"));
  EXPECT_FALSE(route_accepts_site(Route::Iv, "fistula_wall"));
  EXPECT_FALSE(route_accepts_site(Route::Local, "carotid"));
  EXPECT_EQ(resolved_site(Route::Ia, "default"), "target_artery");
  EXPECT_EQ(resolved_site(Route::Local, "intra_articular"), "intra_articular");
  for (const std::string& name : route_names()) EXPECT_EQ(route_name(route_of(name)), name);
  EXPECT_THROW(route_of("oral"), ConfigurationError);
}

}  // namespace
