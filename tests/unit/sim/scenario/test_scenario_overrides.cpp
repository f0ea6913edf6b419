// --set key=value: parsed as TOML, checked like a value in the file, applied after it.
#include <gtest/gtest.h>

#include "sim/scenario/scenario.hpp"
#include "tests/unit/sim/scenario/error_text.hpp"
#include "tests/unit/sim/scenario/test_catalogue.hpp"

namespace mscsim {
namespace {

using testing::scenario_error_of;

class ScenarioOverrides : public ::testing::Test {
 protected:
  ParameterCatalogue catalogue = testing::small_catalogue();

  Scenario load(std::string_view text, const std::vector<std::string>& sets) {
    std::vector<Override> overrides;
    for (const std::string& s : sets) overrides.push_back(Override::parse(s));
    return load_scenario_text(text, "s.toml", catalogue, overrides);
  }
  std::string error(std::string_view text, const std::vector<std::string>& sets) {
    return scenario_error_of([&] { load(text, sets); });
  }
};

TEST_F(ScenarioOverrides, ParseSplitsAtTheFirstEquals) {
  const Override o = Override::parse(" run.name = \"a=b\" ");
  EXPECT_EQ(o.key, "run.name");
  EXPECT_EQ(o.value_text, "\"a=b\"");
}

TEST_F(ScenarioOverrides, ParseRejectsMissingEqualsAndEmptyKey) {
  EXPECT_EQ(scenario_error_of([] { Override::parse("run.dt_h"); }),
            "--set: expected key=value, got 'run.dt_h' (no '=')");
  EXPECT_EQ(scenario_error_of([] { Override::parse(" =0.1"); }), "--set: expected key=value, got ' =0.1' (empty key)");
  EXPECT_THROW(Override::parse("x"), InputError);
}

TEST_F(ScenarioOverrides, OverrideReplacesFileAndDefaultValues) {
  const Scenario s = load("[run]\ndt_h = 0.1\n",
                          {"run.dt_h=0.2", "tissue.size_voxels=[10, 20, 30]", "run.name=\"x\"", "run.duration_h=2"});
  EXPECT_EQ(s.real("run.dt_h"), 0.2);
  EXPECT_EQ(s.real("run.duration_h"), 2.0);
  EXPECT_EQ(s.text("run.name"), "x");
  EXPECT_EQ(s.integers("tissue.size_voxels"), (std::vector<std::int64_t>{10, 20, 30}));
  const SourceLocation at = s.location_of("run.dt_h");
  EXPECT_EQ(at.file, "--set");
  EXPECT_EQ(at.line, 0);
}

TEST_F(ScenarioOverrides, LaterOverrideWins) {
  EXPECT_EQ(load("", {"run.dt_h=0.2", "run.dt_h=0.3"}).real("run.dt_h"), 0.3);
}

TEST_F(ScenarioOverrides, OverrideChangesAnExistingListElement) {
  const Scenario s = load("[[dose]]\n", {"dose.0.route=\"ia\""});
  EXPECT_EQ(s.list_size("dose"), 1u);
  EXPECT_EQ(s.text("dose.0.route"), "ia");
}

TEST_F(ScenarioOverrides, OverrideAtTheListSizeAppendsAnElement) {
  const Scenario s = load("[[dose]]\n", {"dose.1.cells_per_kg=5e5", "dose.2.route=\"local\""});
  ASSERT_EQ(s.list_size("dose"), 3u);
  EXPECT_EQ(s.real("dose.1.cells_per_kg"), 5e5);
  EXPECT_EQ(s.text("dose.1.route"), "iv");
  EXPECT_EQ(s.real("dose.2.cells_per_kg"), 1e6);
  EXPECT_EQ(s.text("dose.2.route"), "local");
}

TEST_F(ScenarioOverrides, OverrideBeyondTheListSizeIsAGap) {
  EXPECT_EQ(error("[[dose]]\n", {"dose.3.route=\"ia\""}),
            "--set: dose.3.route: list 'dose' has 1 element; index 3 would leave a gap (add the next element as "
            "'dose.1')");
}

TEST_F(ScenarioOverrides, UnknownKeySuggestsTheClosestKey) {
  EXPECT_EQ(error("", {"run.durration_h=5"}),
            "--set: run.durration_h: unknown key 'run.durration_h'; did you mean 'run.duration_h'?");
  EXPECT_EQ(error("", {"run.colour=5"}), "--set: run.colour: unknown key 'run.colour'");
}

TEST_F(ScenarioOverrides, TableIsNotAParameter) {
  EXPECT_EQ(error("", {"run=5"}), "--set: run: is a table, not a parameter; set one of its keys");
}

TEST_F(ScenarioOverrides, OutOfRange) {
  EXPECT_EQ(error("", {"run.dt_h=-1"}), "--set: run.dt_h: value -1 must be above 0 (unit h)");
  EXPECT_EQ(error("", {"dose.0.cells_per_kg=-1.5"}),
            "--set: dose.0.cells_per_kg: value -1.5 is below the minimum 0 (unit cells/kg)");
}

TEST_F(ScenarioOverrides, WrongTypeAndBadSyntax) {
  EXPECT_EQ(error("", {"run.dt_h=\"slow\""}), "--set: run.dt_h: expected a real number, got a string");
  // A bare word that the shell left without quotes is a string: fine for a text key, a
  // one-line type error for a number key.
  EXPECT_EQ(error("", {"run.dt_h=slow"}), "--set: run.dt_h: expected a real number, got a string");
  const std::string spaced = error("", {"run.name=my run"});
  EXPECT_EQ(spaced.rfind("--set: run.name: cannot read value 'my run' as TOML: ", 0), 0u) << spaced;
  EXPECT_TRUE(spaced.ends_with(" (a string needs quotes that the shell keeps: --set 'run.name=\"my run\"')"))
      << spaced;
  EXPECT_EQ(error("", {"run.dt_h="}).rfind("--set: run.dt_h: cannot read value '' as TOML: ", 0), 0u);
  EXPECT_EQ(error("", {"run.dt_h=1\nrun = 2"}).find('\n'), std::string::npos);
}

TEST_F(ScenarioOverrides, BareWordIsTakenAsTextWithoutInnerQuotes) {
  EXPECT_EQ(load("", {"dose.0.route=ia"}).text("dose.0.route"), "ia");
  EXPECT_EQ(load("", {"dose.0.route=\"local\""}).text("dose.0.route"), "local");
  EXPECT_EQ(load("", {"run.name=run-2.b"}).text("run.name"), "run-2.b");
  EXPECT_EQ(load("", {"run.dt_h=0.1"}).real("run.dt_h"), 0.1);
}

TEST_F(ScenarioOverrides, OverrideCanFixWhatTheChecksWouldReject) {
  EXPECT_EQ(load("[run]\ndt_h = 2.0\n", {"run.output_every_h=4"}).real("run.output_every_h"), 4.0);
}

TEST_F(ScenarioOverrides, CheckFailureCausedByAnOverrideNamesIt) {
  EXPECT_EQ(error("", {"run.dt_h=2.5"}),
            "--set: run.dt_h: time step is longer than the output interval run.output_every_h");
}

}  // namespace
}  // namespace mscsim
