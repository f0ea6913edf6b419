// The resolved scenario as TOML: complete, commented, and loading back to the same values.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/scenario/scenario.hpp"
#include "tests/unit/sim/scenario/test_catalogue.hpp"

namespace mscsim {
namespace {

class ScenarioToml : public ::testing::Test {
 protected:
  ParameterCatalogue catalogue = testing::small_catalogue();
};

TEST_F(ScenarioToml, WritesEveryParameterWithUnitRangeAndReference) {
  const Scenario s = load_scenario_text("[[dose]]\nroute = \"ia\"\n", "s.toml", catalogue);
  const std::string text = s.to_toml();
  EXPECT_NE(text.find("\n[run]\nname = \"baseline\"  # 1, assumption\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\ndt_h = 0.05  # h, range (0, 24], assumption\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\nduration_h = 24.0  # h, range (0, 10000], assumption\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\noutput_every_h = 1.0  # h, range (0, inf), assumption\n"), std::string::npos) << text;
  EXPECT_NE(text.find("\n[tissue]\nsize_voxels = [100, 100]  # voxels, length 2..3, each in [1, 4096], assumption\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n[[dose]]\ncells_per_kg = 1e+06  # cells/kg, range [0, inf), Galipeau 2018\n"
                      "route = \"ia\"  # 1, one of: iv, ia, local, assumption\n"),
            std::string::npos)
      << text;
  EXPECT_LT(text.find("[run]"), text.find("[tissue]"));
  EXPECT_LT(text.find("[tissue]"), text.find("[[dose]]"));
}

TEST_F(ScenarioToml, EmptyListIsMentioned) {
  const std::string text = load_scenario_text("", "s.toml", catalogue).to_toml();
  EXPECT_NE(text.find("# [[dose]]: no elements"), std::string::npos) << text;
}

TEST_F(ScenarioToml, LoadsBackToTheSameScenario) {
  const std::vector<Override> overrides = {Override::parse("run.dt_h=0.1"),
                                           Override::parse("run.output_every_h=0.30000000000000004"),
                                           Override::parse("dose.2.cells_per_kg=123456789.125")};
  const Scenario original = load_scenario_text(R"(
[run]
name = "quote \" backslash \\ tab \t end"
duration_h = 1e-300
[tissue]
size_voxels = [1, 4096, 7]
[[dose]]
cells_per_kg = 3.0
[[dose]]
route = "local"
cells_per_kg = 0
)",
                                               "s.toml", catalogue, overrides);
  const std::string text = original.to_toml();
  const Scenario again = load_scenario_text(text, "resolved.toml", catalogue);

  EXPECT_EQ(again.to_toml().substr(again.to_toml().find('\n')), text.substr(text.find('\n')));
  ASSERT_EQ(again.list_size("dose"), 3u);
  for (const char* key : {"run.name", "run.duration_h", "run.dt_h", "run.output_every_h", "tissue.size_voxels",
                          "dose.0.cells_per_kg", "dose.0.route", "dose.1.cells_per_kg", "dose.1.route",
                          "dose.2.cells_per_kg", "dose.2.route"}) {
    EXPECT_EQ(again.value(key), original.value(key)) << key;
  }
  EXPECT_EQ(again.real("run.output_every_h"), 0.30000000000000004);
  EXPECT_EQ(again.real("run.duration_h"), 1e-300);
  EXPECT_EQ(again.real("dose.0.cells_per_kg"), 3.0);
}

TEST_F(ScenarioToml, WholeRealsStayReals) {
  EXPECT_EQ(to_toml_text(Value(3.0)), "3.0");
  EXPECT_EQ(to_toml_text(Value(-0.0)), "-0.0");
  EXPECT_EQ(to_toml_text(Value(1e6)), "1e+06");
  EXPECT_EQ(to_toml_text(Value(0.1)), "0.1");
  EXPECT_EQ(to_toml_text(Value(std::vector<double>{1.0, 0.5})), "[1.0, 0.5]");
  EXPECT_EQ(to_toml_text(Value(std::int64_t{3})), "3");
  EXPECT_EQ(to_toml_text(Value(true)), "true");
  EXPECT_EQ(to_toml_text(Value(std::string("a\"b\n"))), "\"a\\\"b\\n\"");
}

TEST_F(ScenarioToml, AwkwardRealsRoundTripBitForBit) {
  ParameterCatalogue c;
  ParameterSpec x;
  x.key = "x";
  x.type = ValueType::RealArray;
  x.default_value = std::vector<double>{};
  x.unit = "1";
  x.reference = "assumption";
  c.declare(x);
  const std::vector<double> awkward = {5e-324, 1.7976931348623157e308, -2.5e-10, 1.0 / 3.0, 9007199254740993.0,
                                       123456789012345678.0};
  const Scenario s = load_scenario_text("x = " + to_toml_text(Value(awkward)), "s.toml", c);
  const Scenario again = load_scenario_text(s.to_toml(), "again.toml", c);
  EXPECT_EQ(again.reals("x"), awkward);
}


TEST_F(ScenarioToml, NestedTablesTopLevelKeysAndListsInsideTablesRoundTrip) {
  ParameterCatalogue c;
  auto declare = [&c](std::string key, Value value, ValueType type) {
    ParameterSpec spec;
    spec.key = std::move(key);
    spec.type = type;
    spec.default_value = std::move(value);
    spec.unit = "1";
    spec.reference = "assumption";
    c.declare(spec);
  };
  declare("outer.inner.rate", 1.5, ValueType::Real);
  declare("seed", std::int64_t{7}, ValueType::Integer);
  declare("outer.enabled", false, ValueType::Bool);
  c.declare_list({"outer.events", "Timed events.", 4});
  declare("outer.events.*.window.start_h", std::vector<double>{0.0, 1.0}, ValueType::RealArray);
  declare("outer.events.*.label", std::string("none"), ValueType::Text);

  const Scenario s = load_scenario_text(R"(
seed = 9
[outer]
enabled = true
[[outer.events]]
window.start_h = [2, 3.5]
[[outer.events]]
label = "second"
)",
                                        "s.toml", c);
  EXPECT_EQ(s.integer("seed"), 9);
  EXPECT_TRUE(s.flag("outer.enabled"));
  EXPECT_EQ(s.real("outer.inner.rate"), 1.5);
  ASSERT_EQ(s.list_size("outer.events"), 2u);
  EXPECT_EQ(s.reals("outer.events.0.window.start_h"), (std::vector<double>{2.0, 3.5}));
  EXPECT_EQ(s.text("outer.events.1.label"), "second");

  const std::string text = s.to_toml();
  EXPECT_LT(text.find("seed = 9"), text.find('['));
  EXPECT_NE(text.find("\n[[outer.events]]\nwindow.start_h = [2.0, 3.5]  # 1, assumption\n"),
            std::string::npos)
      << text;
  const Scenario again = load_scenario_text(text, "again.toml", c);
  EXPECT_EQ(again.to_toml().substr(again.to_toml().find('\n')), text.substr(text.find('\n')));
}

}  // namespace
}  // namespace mscsim
