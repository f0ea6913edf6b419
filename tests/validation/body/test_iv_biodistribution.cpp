// docs/ODD.md section 4, fact 7: after an intravenous dose the lungs hold most of the cells
// within an hour, liver and spleen overtake the lungs over 24-72 h, and fewer than 5 %
// reach the target (Fischer 2009; Lee 2009; Eggenhofer 2012; Kraitchman 2005; Devine
// 2003: 0.1-2.7 % engraftment); intra-arterial and local routes put more cells in the
// target (Toma 2009; Sanchez-Diaz 2021): below, counted as cells found in the target.
//
// A default iv dose (1e6 cells/kg, 70 kg: 7e7 cells) into a quiet tissue, and into one
// whose CXCR4-CXCL12 pull is at its largest (basal extravasation raised to basal + the
// full CXCR4 term: saturating CXCL12 and cxcr4 = 1). Criterion: the inequalities below,
// in each of 2 seeded replicates. Each fraction is a mean of 7e7 independent cells, so its
// standard deviation is below 1e-4, while the smallest margin (liver + spleen over lungs at
// 72 h) is above 0.3 and the others above 0.03: a failure would need a deviation of more
// than 100 standard deviations; the designed false-failure rate is below 1e-20.
#include <cstdio>
#include <map>

#include "body_fact_support.hpp"

namespace mscsim::validation {
namespace {

const std::vector<std::string> kSmall = {"tissue.size_voxels=[20, 20]", "run.dt_h=0.1"};

double fraction(const BodyRun& run, const std::string& place, double t_h) {
  const std::size_t row = run.row_at(t_h);
  return run.cohort(0, place, row) / run.cohort(0, "given", row);
}

double target_fraction(const BodyRun& run, double t_h) {
  return fraction(run, "target", t_h) + fraction(run, "target_tissue", t_h) + fraction(run, "lattice", t_h);
}

BodyRun run_route(const std::string& route, std::uint64_t seed, std::vector<std::string> extra = {},
                  const std::vector<std::string>& size = kSmall) {
  std::vector<std::string> assignments = size;
  assignments.push_back("dose.0.route=\"" + route + "\"");
  assignments.insert(assignments.end(), extra.begin(), extra.end());
  return run_body_scenario("iv_dose.toml", assignments, seed);
}

TEST(BodyFacts, IvDoseGoesToLungsFirstThenLiverAndSpleen) {
  const double strongest_pull = 0.005 + 0.05;  // homing.extravasation_basal + cxcr4 term at saturation
  for (std::uint64_t seed : {8101u, 8102u}) {
    for (const auto& extra : std::vector<std::vector<std::string>>{
             {}, {"homing.extravasation_basal_rate_per_h=" + std::to_string(strongest_pull)}}) {
      const BodyRun run = run_route("iv", seed, extra);
      // Lungs first: most of the dose within an hour (Fischer 2009; Eggenhofer 2012).
      EXPECT_GT(fraction(run, "lung", 1.0), 0.5);
      EXPECT_GT(fraction(run, "lung", 1.0), fraction(run, "liver", 1.0) + fraction(run, "spleen", 1.0));
      // Then liver and spleen: ahead of the lungs at 72 h, but not yet at 6 h (Eggenhofer
      // 2012; Kraitchman 2005; Gholamrezanezhad 2011).
      EXPECT_LT(fraction(run, "liver", 6.0) + fraction(run, "spleen", 6.0), fraction(run, "lung", 6.0));
      EXPECT_GT(fraction(run, "liver", 72.0) + fraction(run, "spleen", 72.0), fraction(run, "lung", 72.0));
      // Few reach the target at any time (Lee 2009; Devine 2003).
      for (double t : run.series.time_h) {
        if (t > 0.0) {
          EXPECT_LT(target_fraction(run, t), 0.05) << "at " << t << " h";
        }
      }
    }
  }
}

// The ia/local half measured as its consequence, as histology would count it: the MSCs
// found in the target's tissue sample (the lattice of scenarios/body/iv_dose.toml, 50 x 50
// voxels, full size; a 1 mL target) at 24 h and 72 h after the same dose given iv, ia or local. Nothing
// is read back from the route parameters: a cell found there was carried by the body model
// (arrest, transit, extravasation, retention), sampled onto the lattice and survived the
// tissue's rules until then. R = 4 seeds per route (the same seeds), counts pooled over
// the seeds.
// Criterion: for ia and for local, at 24 h and 72 h, the exact one-sided 99.95 % Poisson
// lower bound of the pooled count exceeds 5 times the exact one-sided 99.95 % upper bound
// of the iv count ("several-fold more", Toma 2009; Sanchez-Diaz 2021), and intra-arterial
// cells bypass the lungs (lung share below 10 % at 1 h; Du 2014; Byun 2013).
// False-failure rate: each bound misses its true mean with probability 5e-4, so a
// comparison can fail by chance only if the true ia (local) mean were within the sum of
// the two bound widths of 5 times the iv mean; measured on the test's seeds (printout;
// docs/ODD.md section 4) the pooled ia counts are several hundred against an iv upper
// bound near 8 (no iv cell found), so ia's lower bound sits several times above the
// threshold: with 4 comparisons the rate is below 1e-4 if the counts are Poisson (the
// per-seed counts in the printout vary about as Poisson counts do). Power: an ia or local
// route that put fewer than about 10 times as many cells in the sample as iv would fail.
TEST(BodyFacts, IaAndLocalRoutesPutMoreCellsInTheTarget) {
  const std::vector<std::uint64_t> seeds = {8201, 8202, 8203, 8204};
  // A 1 mL target (a lesion of about 1 cm^3) so that its 1 mm^2 sample holds enough cells
  // to count: in the scenario's 10 mL organ ia leaves only 6-13 cells per seed there
  // (64 over 8 seeds at 24 h against 0 for iv), too few for a sharp interval.
  const std::vector<std::string> full_sample = {"run.dt_h=0.1", "target.volume_ml=1"};
  std::map<std::string, std::map<double, double>> found;  // route -> time -> pooled count
  for (const std::string route : {"iv", "ia", "local"}) {
    std::printf("%-5s cells found in the target sample at 24 h / 72 h:", route.c_str());
    for (std::uint64_t seed : seeds) {
      const BodyRun run = run_route(route, seed, {}, full_sample);
      for (double t : {24.0, 72.0}) found[route][t] += run.summed("lattice", run.row_at(t));
      std::printf(" %.0f/%.0f", run.summed("lattice", run.row_at(24.0)), run.summed("lattice", run.row_at(72.0)));
      if (route == "ia") {
        EXPECT_LT(fraction(run, "lung", 1.0), 0.1) << "Du 2014: ia cells bypass the lungs";
      }
    }
    std::printf("\n");
  }
  constexpr double kAlpha = 5e-4;
  for (double t : {24.0, 72.0}) {
    const double iv_upper = poisson_upper_bound(found["iv"][t], kAlpha);
    for (const std::string route : {"ia", "local"}) {
      const double lower = poisson_lower_bound(found[route][t], kAlpha);
      std::printf("%.0f h: %s %.0f cells (lower bound %.1f) vs iv %.0f (upper bound %.1f), pooled over %zu seeds\n", t,
                  route.c_str(), found[route][t], lower, found["iv"][t], iv_upper, seeds.size());
      EXPECT_GT(lower, 5.0 * iv_upper) << route << " at " << t << " h: Toma 2009, Sanchez-Diaz 2021";
    }
  }
}

}  // namespace
}  // namespace mscsim::validation
