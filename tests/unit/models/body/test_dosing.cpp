// The [[dose]] list (docs/ODD.md section 3.3.7): nested product tables, amounts, repeats, and the
// checks that name the key at fault.
#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "models/body/dosing.hpp"
#include "models/register_models.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

const ParameterCatalogue& catalogue() {
  static const ModelList models = create_models();
  static const ParameterCatalogue c = build_catalogue(models);
  return c;
}

Scenario load(const std::string& toml, const std::vector<Override>& overrides = {}) {
  return load_scenario_text(toml, "dose_test.toml", catalogue(), overrides);
}

// The key a ScenarioError names ("" when it loads).
std::string failing_key(const std::string& toml) {
  try {
    load(toml);
  } catch (const ScenarioError& e) {
    return e.key();
  }
  return "";
}

TEST(Dosing, NestedProductTableLoads) {
  const Scenario s = load(R"(
[[dose]]
cells = 1.0e6
[dose.product]
passage = 6
ccr7 = true
source = "umbilical_cord"
[[dose]]
cells = 2.0e6
)");
  EXPECT_EQ(s.list_size("dose"), 2u);
  EXPECT_EQ(s.integer("dose.0.product.passage"), 6);
  EXPECT_TRUE(s.flag("dose.0.product.ccr7"));
  EXPECT_EQ(s.integer("dose.1.product.passage"), 3);  // default
  const std::vector<Infusion> infusions = read_infusions(s);
  ASSERT_EQ(infusions.size(), 2u);
  EXPECT_EQ(infusions[0].product.passage, 6);
  EXPECT_EQ(infusions[0].product.source, "umbilical_cord");
  EXPECT_TRUE(infusions[0].product.ccr7);
  EXPECT_FALSE(infusions[1].product.ccr7);
  // The resolved scenario writes the product as dotted keys and loads back the same.
  const Scenario again = load(s.to_toml());
  EXPECT_EQ(again.integer("dose.0.product.passage"), 6);
  EXPECT_EQ(again.text("dose.0.product.source"), "umbilical_cord");
  // --set reaches into the product table.
  const Scenario set = load("[[dose]]\ncells = 1.0e6\n", {Override::parse("dose.0.product.passage=9")});
  EXPECT_EQ(set.integer("dose.0.product.passage"), 9);
}

TEST(Dosing, AmountsAndRepeats) {
  const Scenario s = load(R"(
[body]
weight_kg = 60.0
[[dose]]
time_h = 10.0
cells_per_kg = 2.0e6
every_h = 24.0
count = 3
[[dose]]
time_h = 5.0
cells = 4.0e7
route = "ia"
site = "hepatic_artery"
[[dose]]
cells_per_site = 3.76e6
sites = 5
route = "local"
site = "subcutaneous"
)");
  const std::vector<Infusion> infusions = read_infusions(s);
  ASSERT_EQ(infusions.size(), 5u);
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(infusions[k].cohort, k);
    EXPECT_EQ(infusions[k].dose_index, 0u);
    EXPECT_EQ(infusions[k].repeat, static_cast<std::int64_t>(k));
    EXPECT_EQ(infusions[k].cells, 120'000'000);
    EXPECT_DOUBLE_EQ(infusions[k].time_h, 10.0 + 24.0 * static_cast<double>(k));
    EXPECT_EQ(infusions[k].route, Route::Iv);
    EXPECT_EQ(infusions[k].site, "peripheral_vein");
  }
  EXPECT_EQ(infusions[3].cells, 40'000'000);
  EXPECT_EQ(infusions[3].route, Route::Ia);
  EXPECT_EQ(infusions[3].site, "hepatic_artery");
  EXPECT_EQ(infusions[4].cells, 18'800'000);
  EXPECT_EQ(infusions[4].route, Route::Local);
  EXPECT_EQ(infusions[4].cohort, 4u);
}

TEST(Dosing, NoDosesNoInfusions) {
  EXPECT_TRUE(read_infusions(load("")).empty());
}

TEST(Dosing, ChecksNameTheKeyAtFault) {
  EXPECT_EQ(failing_key("[[dose]]\ntime_h = 1.0\n"), "dose.0.cells");                     // no amount
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\ncells_per_kg = 1.0\n"), "dose.0.cells");  // two amounts
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\n[[dose]]\ncells_per_kg = 1.0\ncells_per_site = 2.0\n"),
            "dose.1.cells_per_site");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\nsites = 3\n"), "dose.0.sites");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\nroute = \"iv\"\nsite = \"fistula_wall\"\n"), "dose.0.site");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\ncount = 2\n"), "dose.0.every_h");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\nroute = \"oral\"\n"), "dose.0.route");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\ninjection_x_um = 5000.0\n"), "dose.0.injection_x_um");
  EXPECT_EQ(failing_key("[target]\nvolume_ml = 1.0e-6\n[[dose]]\ncells = 1.0\n"), "target.volume_ml");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\n[dose.product]\npasage = 3\n"), "dose.0.product.pasage");
  EXPECT_EQ(failing_key("[[dose]]\ncells = 1.0\nroute = \"local\"\nsite = \"fistula_wall\"\n"), "");
}

TEST(Dosing, NoDoseIntoAnInVitroWell) {
  try {
    load("[tissue]\nsetting = \"in_vitro_well\"\n[[dose]]\ncells = 1.0e6\n");
    FAIL() << "a dose into a well loaded";
  } catch (const ScenarioError& e) {
    EXPECT_EQ(e.key(), "dose.0.route");
    EXPECT_NE(std::string(e.what()).find("in vitro"), std::string::npos) << e.what();
  }
}

}  // namespace
