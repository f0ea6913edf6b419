// EveryCohortIsAccountedForExactly (docs/ODD.md section 1.2: "cleared" keeps the count so
// nothing is lost from the books). Five routes, a repeated iv dose and a freshly thawed
// product go into an inflamed tissue whose T cells and NK cells kill MSCs on the lattice
// (scenarios/body/routes_inflamed.toml). At every output time, for every cohort, its
// counts summed over the body compartments + its live agents on the lattice (counted from
// the agents themselves) + cleared equal the cells given, exactly; the cohorts add up to
// the summed series in every phenotype column; a cohort's phenotypes add up to its total in
// every place; thawing losses are in cleared from the infusion on. Deterministic
// (seeded), exact integer arithmetic: no false failures.
#include "body_fact_support.hpp"

namespace mscsim::validation {
namespace {

TEST(BodyFacts, EveryCohortIsAccountedForExactly) {
  const BodyRun run = run_body_scenario("routes_inflamed.toml", {}, 9301);
  const std::vector<std::string> names = models::compartment_names();
  const std::size_t cohorts = run.homing.size();
  ASSERT_EQ(cohorts, 6u);
  ASSERT_EQ(run.events.size(), 1u);
  const EventTableData& doses = run.events[0];
  ASSERT_EQ(doses.time_h.size(), cohorts);
  // The dose events are logged in time order; index them by cohort.
  auto column = [&](const std::string& name) {
    const std::vector<double>* values = nullptr;
    const std::vector<double>* cohort_of_event = nullptr;
    for (const EventColumnData& c : doses.columns) {
      if (c.name == name) values = &c.reals;
      if (c.name == "cohort") cohort_of_event = &c.reals;
    }
    if (name == "time_h") values = &doses.time_h;
    if (values == nullptr || cohort_of_event == nullptr) throw std::logic_error("no column " + name);
    std::vector<double> by_cohort(cohorts, -1.0);
    const std::vector<double>& source = *values;
    for (std::size_t e = 0; e < source.size(); ++e)
      by_cohort.at(static_cast<std::size_t>((*cohort_of_event)[e])) = source[e];
    return by_cohort;
  };
  const std::vector<double> infused_at = column("time_h");
  const std::vector<double> cells_given = column("cells_given");
  const std::vector<double> survived_thaw = column("cells_surviving_thaw");

  double most_on_lattice = 0.0;
  for (std::size_t row = 0; row < run.series.rows.size(); ++row) {
    const double t = run.series.time_h[row];
    for (std::size_t k = 0; k < cohorts; ++k) {
      double sum = run.cohort(k, "lattice", row);
      for (const std::string& place : names) sum += run.cohort(k, place, row);
      const double given = run.cohort(k, "given", row);
      EXPECT_EQ(sum, given) << "cohort " << k << " at " << t << " h";
      // An infusion at time T happens at the start of the step from T: the row at T is before it.
      const bool infused = t > infused_at[k];
      EXPECT_EQ(given, infused ? cells_given[k] : 0.0) << "cohort " << k << " at " << t << " h";
      if (infused) {
        EXPECT_GE(run.cohort(k, "cleared", row), cells_given[k] - survived_thaw[k]);
      }
      most_on_lattice = std::max(most_on_lattice, run.cohort(k, "lattice", row));
    }
    // Every place, the lattice included, column by column: the phenotypes of a cohort add
    // up to its total, and the cohorts add up to the summed series.
    std::vector<std::string> places = names;
    places.emplace_back("lattice");
    for (const std::string& place : places) {
      for (const char* phenotype : {"msc0", "msc1", "msc2", "total"}) {
        double over_cohorts = 0.0;
        for (std::size_t k = 0; k < cohorts; ++k) over_cohorts += run.cohort(k, place, row, phenotype);
        EXPECT_EQ(run.summed(place, row, phenotype), over_cohorts) << place << "/" << phenotype << " at " << t << " h";
      }
      for (std::size_t k = 0; k < cohorts; ++k) {
        const double by_phenotype =
            run.cohort(k, place, row, "msc0") + run.cohort(k, place, row, "msc1") + run.cohort(k, place, row, "msc2");
        EXPECT_EQ(by_phenotype, run.cohort(k, place, row)) << "cohort " << k << " " << place << " at " << t << " h";
      }
    }
  }
  // The books were tested where it matters: cells reached the lattice and died there, and
  // the thawed cohort lost cells at thawing.
  EXPECT_GT(most_on_lattice, 20.0);
  EXPECT_LT(survived_thaw[2], cells_given[2]);  // the ia dose (cohort 2) was freshly thawed
  EXPECT_GT(run.series.final("biodistribution/whole_organ/lattice_scaled"), 0.0);
}

}  // namespace
}  // namespace mscsim::validation
