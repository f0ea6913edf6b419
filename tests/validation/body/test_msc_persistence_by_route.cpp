// Biodistribution over time: locally injected MSCs persist in the target for weeks (Sanchez-Diaz
// 2021: up to about 33 days in muscle); iv-infused MSCs are mostly cleared within days
// (Lee 2009: most gone from the lungs within 24 h; Eggenhofer 2012). Measured as an
// experimenter would (cells found in the target over time, and the living share of the
// dose), on scenarios/body/persistence_by_route.toml; nothing in the model reads the
// route: a local depot survives because its cells hold each other (niche support against
// anoikis, Frisch 1994; Bartosh 2010), cells that arrive singly do not.
//
// Criteria (R = 3 seeds, each must pass):
//   local  cells on the lattice at day 14 >= 35 % of those at 6 h       (weeks: a half-life
//          of at least about 9 days; 48 h for a lone cell would leave < 1 %)
//          and still present at day 21 (> 10 % of the 6-h count)
//   iv     cleared share of the dose >= 50 % at day 3 and >= 80 % at day 7 (mostly
//          cleared within days)
//          and the iv cells that reached the lattice are lost faster than the local ones:
//          day-7 / day-2 lattice ratio below the local one
// Development seed (docs/ODD.md, "MSC persistence"): local lattice 291 at 36 h, 228 at
// 7.5 d, 152 at 13.5 d, 100 at 19.5 d (day-14 share about 0.5, binomial SE 0.03 for ~300
// cells, so the 0.35 bound is 5 SE away); iv cleared share 0.70 at 3 d and 0.92 at 7 d (a
// multinomial of 3 x 10^7 cells: SE < 1e-3). False-failure rate below 1e-4 per criterion
// except the last (lattice ratios iv vs local, development 0.66 vs about 0.8), which is
// the least certain. Power: a local half-life of a week or less (day-14 share <= 0.25)
// fails, as does an iv product that survives in the body for more than a few days.
#include "../validation_support.hpp"

using namespace mscsim::validation;

namespace {

const std::string& persistence_scenario() {
  static const std::string path = scenario_path("body/persistence_by_route.toml");
  return path;
}

double at_time(const RunSeries& run, const std::string& series, double time_h) {
  const std::vector<double> v = run.series(series);
  for (std::size_t k = 0; k < v.size(); ++k)
    if (run.time_h[k] >= time_h - 1e-9) return v[k];
  return v.back();
}

}  // namespace

TEST(BodyFacts, LocallyInjectedMscsPersistForWeeksIvInfusedAreClearedWithinDays) {
  for (std::uint64_t seed : {5101u, 5102u, 5103u}) {
    const RunSeries local = run_scenario(persistence_scenario(), {}, seed);
    const RunSeries iv = run_scenario(persistence_scenario(),
                                      {"dose.0.route=\"iv\"", "dose.0.site=\"peripheral_vein\"", "target.volume_ml=0.01",
                                       "run.duration_h=168"},
                                      seed);
    const std::string lattice = "biodistribution/lattice/total";
    const double local_6h = at_time(local, lattice, 6.0), local_2d = at_time(local, lattice, 48.0);
    const double local_7d = at_time(local, lattice, 168.0), local_14d = at_time(local, lattice, 336.0),
                 local_21d = at_time(local, lattice, 504.0);
    const double given = iv.final("biodistribution/cohort_0/given");
    const double iv_cleared_3d = at_time(iv, "biodistribution/cleared/total", 72.0) / given;
    const double iv_cleared_7d = at_time(iv, "biodistribution/cleared/total", 168.0) / given;
    const double iv_2d = at_time(iv, lattice, 48.0), iv_7d = at_time(iv, lattice, 168.0);
    std::printf("seed %llu: local lattice 6 h %.0f, 2 d %.0f, 7 d %.0f, 14 d %.0f, 21 d %.0f; iv cleared share 3 d "
                "%.3f, 7 d %.3f, iv lattice 2 d %.0f, 7 d %.0f\n",
                static_cast<unsigned long long>(seed), local_6h, local_2d, local_7d, local_14d, local_21d,
                iv_cleared_3d, iv_cleared_7d, iv_2d, iv_7d);
    ASSERT_GT(local_6h, 50.0);
    EXPECT_GE(local_14d / local_6h, 0.35) << "Sanchez-Diaz 2021: local MSCs persist for weeks";
    EXPECT_GT(local_21d / local_6h, 0.10) << "Sanchez-Diaz 2021: still present at 3 weeks";
    EXPECT_GE(iv_cleared_3d, 0.50) << "Lee 2009, Eggenhofer 2012: iv MSCs mostly cleared within days";
    EXPECT_GE(iv_cleared_7d, 0.80) << "Lee 2009, Eggenhofer 2012: iv MSCs mostly cleared within days";
    ASSERT_GT(iv_2d, 5.0);
    EXPECT_LT(iv_7d / iv_2d, local_7d / local_2d) << "lone cells that arrived through vessels are lost faster";
  }
}
