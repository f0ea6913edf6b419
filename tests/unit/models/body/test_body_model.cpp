// The body model in small runs: infusions as logged events, thawing losses, the local
// route's cells on the lattice around the injection site, the phenotype at release, and
// the series it adds.
#include <gtest/gtest.h>

#include <deque>
#include <memory>
#include <string>

#include "models/body/body_model.hpp"
#include "models/common/cell_states.hpp"
#include "models/register_models.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/unit/models/model_run.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

struct BodyRun : mscsim::models::testing::ModelRun {
  std::vector<double> row;

  explicit BodyRun(const std::string& toml) : ModelRun(toml, "body_test.toml") {}
  void run_to_end() {
    while (!sim->finished()) sim->step();
    sim->observe(row);
  }
  const Body& body() const {
    for (const auto& m : models)
      if (const auto* b = dynamic_cast<const Body*>(m.get())) return *b;
    throw std::logic_error("no body model");
  }
  double series(const std::string& name) const {
    const auto& specs = sim->series();
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].group + "/" + specs[i].name == name) return row.at(i);
    ADD_FAILURE() << "no series " << name;
    return 0.0;
  }
  bool has_series(const std::string& group) const {
    for (const SeriesSpec& s : sim->series())
      if (s.group == group) return true;
    return false;
  }
  const EventTableData& doses() const { return sim->world().events().tables().at(0); }
  double dose_value(const std::string& column, std::size_t event) const {
    for (const EventColumnData& c : doses().columns)
      if (c.name == column) return c.reals.at(event);
    ADD_FAILURE() << "no column " << column;
    return 0.0;
  }
  std::string dose_text(const std::string& column, std::size_t event) const {
    for (const EventColumnData& c : doses().columns)
      if (c.name == column) return c.texts.at(event);
    ADD_FAILURE() << "no column " << column;
    return "";
  }
};

const char* kQuiet = R"(
[run]
duration_h = 2.0
dt_h = 0.1
seed = 11
output_every_h = 1.0
[tissue]
size_voxels = [40, 40]
[recruitment]
basal_fraction = 0.0
)";

TEST(BodyModel, NoDosesAddsNothing) {
  BodyRun run(kQuiet);
  run.run_to_end();
  EXPECT_FALSE(run.has_series("biodistribution/lung"));
  EXPECT_TRUE(run.sim->world().events().tables().empty());
}

TEST(BodyModel, ThawedIntraArterialDoseIsLoggedAndBalanced) {
  BodyRun run(std::string(kQuiet) + R"(
[[dose]]
time_h = 0.5
cells = 1.0e6
route = "ia"
site = "intracoronary"
[dose.product]
freshly_thawed = true
diameter_um = 30.0
)");
  run.run_to_end();
  ASSERT_EQ(run.doses().time_h.size(), 1u);
  EXPECT_DOUBLE_EQ(run.doses().time_h[0], 0.5);
  EXPECT_EQ(run.dose_text("route", 0), "ia");
  EXPECT_EQ(run.dose_text("site", 0), "intracoronary");
  const double given = run.dose_value("cells_given", 0);
  const double alive = run.dose_value("cells_surviving_thaw", 0);
  const double arrested = run.dose_value("cells_arrested_in_target", 0);
  EXPECT_EQ(given, 1.0e6);
  // Binomial(1e6, 0.8) and Binomial(alive, 0.92): within 6 SD (seeded).
  EXPECT_NEAR(alive, 0.8e6, 6.0 * std::sqrt(1.0e6 * 0.16));
  EXPECT_NEAR(arrested, 0.92 * alive, 6.0 * std::sqrt(alive * 0.92 * 0.08));
  EXPECT_GT(run.dose_value("micro_occlusion_risk", 0), 0.0);
  // The dead of thawing are in `cleared` from the start; the books balance.
  EXPECT_GE(run.series("biodistribution/cohort_0/cleared/total"), given - alive);
  EXPECT_EQ(run.body().books()[0].total(), run.body().books()[0].given);
  EXPECT_EQ(run.series("biodistribution/cohort_0/given"), given);
}

TEST(BodyModel, LocalInjectionPutsTheLatticeShareAroundTheSite) {
  BodyRun run(std::string(kQuiet) + R"(
[target]
volume_ml = 0.001
[[dose]]
cells = 20000.0
route = "local"
site = "intra_articular"
injection_x_um = 200.0
injection_y_um = 600.0
injection_radius_um = 100.0
)");
  run.run_to_end();
  const double f = run.body().sampling_fraction();
  EXPECT_DOUBLE_EQ(f, 40.0 * 40.0 * 8000.0 * 1e-12 / 0.001);
  const double into_lattice = run.dose_value("cells_into_lattice", 0);
  // Binomial(~0.98 * 20000, f): within 6 SD.
  EXPECT_NEAR(into_lattice, 0.98 * 20000.0 * f, 6.0 * std::sqrt(20000.0 * f));
  // Every cohort agent sits near the injection site (10, 30) after 2 h of slow walking.
  const World& world = run.sim->world();
  const Population& msc = world.population(world.population_id(population::kMsc));
  const std::int32_t* cohort = msc.integer(msc.column_id("cohort"));
  std::size_t agents = 0;
  for (std::size_t r = 0; r < msc.size(); ++r) {
    EXPECT_EQ(cohort[r], 0);
    const int dx = world.shape().x_of(msc.voxel[r]) - 10, dy = world.shape().y_of(msc.voxel[r]) - 30;
    EXPECT_LE(dx * dx + dy * dy, 15 * 15);
    ++agents;
  }
  EXPECT_GT(agents, 0u);
  EXPECT_EQ(run.series("biodistribution/lattice/total"), static_cast<double>(agents));
  EXPECT_EQ(run.series("biodistribution/cohort_0/lattice/total"), static_cast<double>(agents));
  EXPECT_NEAR(run.series("biodistribution/whole_organ/lattice_scaled"), agents / f, 1e-6 * agents / f);
  EXPECT_EQ(run.series("biodistribution/whole_organ/tissue"),
            agents + run.series("biodistribution/target_tissue/total"));
  EXPECT_EQ(run.body().books()[0].total(), run.body().books()[0].given);
}

TEST(BodyModel, BodyCompartmentsCountACohortUnderItsPhenotypeAtRelease) {
  // Two cohorts, a pre-licensed one and an untreated one, both partly injected locally so
  // that every place series, the lattice included, holds cells of both.
  BodyRun run(std::string(kQuiet) + R"(
[target]
volume_ml = 0.01
[[dose]]
cells = 1.0e5
route = "local"
[dose.product]
prelicensing_ifng_ng_per_ml = 100.0
prelicensing_tnfa_ng_per_ml = 30.0
prelicensing_h = 48.0
[[dose]]
cells = 1.0e6
)");
  run.run_to_end();
  for (std::size_t k = 0; k < 2; ++k) {
    const std::string label = run.dose_text("phenotype_at_release", k);
    EXPECT_EQ(label, phenotype_name(run.body().books()[k].phenotype_at_release));
  }
  EXPECT_EQ(run.dose_text("phenotype_at_release", 1), "msc0");  // an untreated product
  const std::string released = run.dose_text("phenotype_at_release", 0);
  EXPECT_NE(released, "msc0");  // the pre-licensed product leaves the bag licensed

  std::vector<std::string> places = compartment_names();
  places.emplace_back("lattice");
  const std::vector<std::string> phenotypes = {"msc0", "msc1", "msc2"};
  for (const std::string& place : places) {
    for (std::size_t k = 0; k < 2; ++k) {
      const std::string group = "biodistribution/cohort_" + std::to_string(k) + "/" + place + "/";
      double by_phenotype = 0.0;
      for (const std::string& ph : phenotypes) by_phenotype += run.series(group + ph);
      EXPECT_EQ(by_phenotype, run.series(group + "total")) << group;
      // In a body compartment a cohort counts only under its phenotype at release.
      if (place != "lattice") {
        const std::string own = run.dose_text("phenotype_at_release", k);
        EXPECT_EQ(run.series(group + own), run.series(group + "total")) << group;
      }
    }
    for (const std::string& ph : phenotypes) {
      EXPECT_EQ(run.series("biodistribution/" + place + "/" + ph),
                run.series("biodistribution/cohort_0/" + place + "/" + ph) +
                    run.series("biodistribution/cohort_1/" + place + "/" + ph))
          << place << "/" << ph;
    }
    EXPECT_EQ(run.series("biodistribution/" + place + "/total"),
              run.series("biodistribution/cohort_0/" + place + "/total") +
                  run.series("biodistribution/cohort_1/" + place + "/total"))
        << place;
  }
  // The cells were where the identities bite: both cohorts in the lungs, cohort 0 on the lattice.
  EXPECT_GT(run.series("biodistribution/cohort_0/lung/" + released), 0.0);
  EXPECT_GT(run.series("biodistribution/cohort_1/lung/msc0"), 0.0);
  EXPECT_GT(run.series("biodistribution/cohort_0/lattice/total"), 0.0);
  EXPECT_EQ(run.series("biodistribution/lung/msc0"), run.series("biodistribution/cohort_1/lung/total"));
  for (std::size_t k = 0; k < 2; ++k) {
    double total = 0.0;
    for (const std::string& place : places)
      total += run.series("biodistribution/cohort_" + std::to_string(k) + "/" + place + "/total");
    EXPECT_EQ(total, run.series("biodistribution/cohort_" + std::to_string(k) + "/given"));
  }
}

}  // namespace
