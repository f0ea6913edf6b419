// Loading a scenario file: defaults, values, and one precise line for every kind of bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sim/scenario/scenario.hpp"
#include "tests/unit/sim/scenario/error_text.hpp"
#include "tests/unit/sim/scenario/test_catalogue.hpp"

namespace mscsim {
namespace {

using testing::scenario_error_of;

class ScenarioLoading : public ::testing::Test {
 protected:
  ParameterCatalogue catalogue = testing::small_catalogue();

  Scenario load(std::string_view text) { return load_scenario_text(text, "s.toml", catalogue); }
  std::string error(std::string_view text) {
    return scenario_error_of([&] { load(text); });
  }
};

TEST_F(ScenarioLoading, EmptyFileGivesEveryDefault) {
  const Scenario s = load("");
  EXPECT_EQ(s.text("run.name"), "baseline");
  EXPECT_EQ(s.real("run.duration_h"), 24.0);
  EXPECT_EQ(s.real("run.dt_h"), 0.05);
  EXPECT_EQ(s.real("run.output_every_h"), 1.0);
  EXPECT_EQ(s.integers("tissue.size_voxels"), (std::vector<std::int64_t>{100, 100}));
  EXPECT_EQ(s.list_size("dose"), 0u);
  EXPECT_EQ(s.source_name(), "s.toml");
  const SourceLocation at = s.location_of("run.dt_h");
  EXPECT_EQ(at.file, "s.toml");
  EXPECT_EQ(at.line, 0);
}

TEST_F(ScenarioLoading, ValuesFromTheFileReplaceDefaults) {
  const Scenario s = load(R"(
[run]
name = "trial"
duration_h = 48      # an integer is accepted for a real parameter
dt_h = 0.1

[tissue]
size_voxels = [64, 32, 16]
)");
  EXPECT_EQ(s.text("run.name"), "trial");
  EXPECT_EQ(s.real("run.duration_h"), 48.0);
  EXPECT_EQ(s.real("run.dt_h"), 0.1);
  EXPECT_EQ(s.real("run.output_every_h"), 1.0);
  EXPECT_EQ(s.integers("tissue.size_voxels"), (std::vector<std::int64_t>{64, 32, 16}));
  const SourceLocation at = s.location_of("run.dt_h");
  EXPECT_EQ(at.file, "s.toml");
  EXPECT_EQ(at.line, 5);
  EXPECT_EQ(at.column, 8);
}

TEST_F(ScenarioLoading, DottedKeysAndInlineTablesAreTheSameKeys) {
  const Scenario s = load("run.dt_h = 0.5\ntissue = { size_voxels = [8, 8] }\n");
  EXPECT_EQ(s.real("run.dt_h"), 0.5);
  EXPECT_EQ(s.integers("tissue.size_voxels"), (std::vector<std::int64_t>{8, 8}));
}

TEST_F(ScenarioLoading, ListElementsTakeDefaultsForKeysNotGiven) {
  const Scenario s = load(R"(
[[dose]]
cells_per_kg = 2e6

[[dose]]
route = "local"

[[dose]]
)");
  ASSERT_EQ(s.list_size("dose"), 3u);
  EXPECT_EQ(s.real("dose.0.cells_per_kg"), 2e6);
  EXPECT_EQ(s.text("dose.0.route"), "iv");
  EXPECT_EQ(s.real("dose.1.cells_per_kg"), 1e6);
  EXPECT_EQ(s.text("dose.1.route"), "local");
  EXPECT_EQ(s.text("dose.2.route"), "iv");
  EXPECT_EQ(s.location_of("dose.1.route").line, 6);
}

TEST_F(ScenarioLoading, FileOnDisk) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "mscsim_scenario_loading.toml";
  std::ofstream(path) << "[run]\ndt_h = 0.25\n";
  const Scenario s = load_scenario_file(path, catalogue);
  EXPECT_EQ(s.real("run.dt_h"), 0.25);
  EXPECT_EQ(s.source_name(), path.string());
  EXPECT_EQ(s.location_of("run.dt_h").file, path.string());
  std::filesystem::remove(path);
}

TEST_F(ScenarioLoading, MissingFileIsNamed) {
  const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / "no_such_scenario.toml";
  EXPECT_EQ(scenario_error_of([&] { load_scenario_file(path, catalogue); }),
            path.string() + ": cannot open scenario file: No such file or directory");
}

TEST_F(ScenarioLoading, DirectoryIsNotAFile) {
  const std::filesystem::path path(::testing::TempDir());
  EXPECT_EQ(scenario_error_of([&] { load_scenario_file(path, catalogue); }),
            path.string() + ": cannot open scenario file: Is a directory");
}

TEST_F(ScenarioLoading, MalformedTomlGivesLineAndColumn) {
  const std::string message = error("[run]\ndt_h = = 0.1\n");
  EXPECT_TRUE(message.starts_with("s.toml:2:8: ")) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST_F(ScenarioLoading, DuplicateKeyIsAParseError) {
  const std::string message = error("[run]\ndt_h = 0.1\ndt_h = 0.2\n");
  EXPECT_TRUE(message.starts_with("s.toml:3:")) << message;
}

TEST_F(ScenarioLoading, UnknownKeySuggestsTheClosestKey) {
  EXPECT_EQ(error("[run]\ndurration_h = 5\n"),
            "s.toml:2:1: run.durration_h: unknown key 'run.durration_h'; did you mean 'run.duration_h'?");
}

TEST_F(ScenarioLoading, UnknownKeyWithoutUnitSuffixSuggestsIt) {
  EXPECT_EQ(error("[run]\nduration = 5\n"),
            "s.toml:2:1: run.duration: unknown key 'run.duration'; did you mean 'run.duration_h'?");
}

TEST_F(ScenarioLoading, UnknownKeyFarFromAnythingHasNoSuggestion) {
  EXPECT_EQ(error("[run]\n  temperature_c = 37\n"), "s.toml:2:3: run.temperature_c: unknown key 'run.temperature_c'");
}

TEST_F(ScenarioLoading, UnknownTableSuggestsTheTable) {
  EXPECT_EQ(error("[rn]\ndt_h = 1\n"), "s.toml:1:2: rn: unknown key 'rn'; did you mean 'run'?");
}

TEST_F(ScenarioLoading, UnknownKeyInsideListElementSuggestsTheConcreteKey) {
  EXPECT_EQ(error("[[dose]]\n[[dose]]\ncels_per_kg = 1\n"),
            "s.toml:3:1: dose.1.cels_per_kg: unknown key 'dose.1.cels_per_kg'; did you mean 'dose.1.cells_per_kg'?");
}

TEST_F(ScenarioLoading, QuotedKeyWithADotIsNotANestedPath) {
  EXPECT_EQ(error("[run]\n\"dt.h\" = 1.0\n"),
            "s.toml:2:1: run.\"dt.h\": unknown key 'run.\"dt.h\"' (a key holds only letters, digits, '_' and '-'; "
            "a quoted key with a dot is one key, not a path)");
}

TEST_F(ScenarioLoading, FirstProblemInTheFileIsReported) {
  EXPECT_EQ(error("[run]\nzeta = 1\nalpha = 2\n"), "s.toml:2:1: run.zeta: unknown key 'run.zeta'");
}

TEST_F(ScenarioLoading, WrongTypeIsNamed) {
  EXPECT_EQ(error("[run]\ndt_h = \"fast\"\n"), "s.toml:2:8: run.dt_h: expected a real number, got a string");
  EXPECT_EQ(error("[run]\nname = 3\n"), "s.toml:2:8: run.name: expected a string, got an integer");
  EXPECT_EQ(error("[tissue]\nsize_voxels = 100\n"),
            "s.toml:2:15: tissue.size_voxels: expected an array of integers, got an integer");
}

TEST_F(ScenarioLoading, IntegerArrayRejectsRealElements) {
  EXPECT_EQ(error("[tissue]\nsize_voxels = [100, 100.0]\n"),
            "s.toml:2:21: tissue.size_voxels: element 1: expected an integer, got a real number");
}

TEST_F(ScenarioLoading, TableWhereAValueIsExpected) {
  EXPECT_EQ(error("[run.dt_h]\nx = 1\n"), "s.toml:1:1: run.dt_h: expected a real number, got a table");
}

TEST_F(ScenarioLoading, ValueWhereATableIsExpected) {
  EXPECT_EQ(error("run = 5\n"), "s.toml:1:7: run: expected a table, got an integer");
}

TEST_F(ScenarioLoading, ListMustBeAListOfTables) {
  EXPECT_EQ(error("[dose]\ncells_per_kg = 1\n"), "s.toml:1:1: dose: expected a list of tables ([[dose]]), got a table");
  EXPECT_EQ(error("dose = [1]\n"),
            "s.toml:1:9: dose: expected a list of tables ([[dose]]), got an array holding an integer");
}

TEST_F(ScenarioLoading, ListLongerThanAllowed) {
  std::string text;
  for (int i = 0; i < 11; ++i) text += "[[dose]]\n";
  EXPECT_EQ(error(text), "s.toml:11:1: dose: too many elements; at most 10 are allowed");
}

TEST_F(ScenarioLoading, OutOfRangeNamesBoundAndUnit) {
  EXPECT_EQ(error("[run]\nduration_h = -1\n"), "s.toml:2:14: run.duration_h: value -1 must be above 0 (unit h)");
  EXPECT_EQ(error("[run]\ndt_h = 30\n"), "s.toml:2:8: run.dt_h: value 30 is above the maximum 24 (unit h)");
}

TEST_F(ScenarioLoading, NegativeDoseIsBelowTheMinimum) {
  EXPECT_EQ(error("[[dose]]\ncells_per_kg = -5e5\n"),
            "s.toml:2:16: dose.0.cells_per_kg: value -5e+05 is below the minimum 0 (unit cells/kg)");
}

TEST_F(ScenarioLoading, NonFiniteRealIsRejected) {
  EXPECT_EQ(error("[run]\noutput_every_h = inf\n"), "s.toml:2:18: run.output_every_h: value inf is not finite");
  EXPECT_EQ(error("[run]\noutput_every_h = nan\n"), "s.toml:2:18: run.output_every_h: value nan is not a number");
}

TEST_F(ScenarioLoading, ArrayLengthAndElementsAreChecked) {
  EXPECT_EQ(error("[tissue]\nsize_voxels = [1, 2, 3, 4]\n"),
            "s.toml:2:15: tissue.size_voxels: array has 4 elements, expected 2 to 3");
  EXPECT_EQ(error("[tissue]\nsize_voxels = [10, 0]\n"),
            "s.toml:2:20: tissue.size_voxels: element 1: value 0 is below the minimum 1 (unit voxels)");
}

TEST_F(ScenarioLoading, TextOutsideItsChoices) {
  EXPECT_EQ(error("[[dose]]\nroute = \"oral\"\n"),
            "s.toml:2:9: dose.0.route: value 'oral' must be one of: iv, ia, local");
}

TEST_F(ScenarioLoading, TimeStepLongerThanOutputIntervalFailsTheCheck) {
  EXPECT_EQ(error("[run]\ndt_h = 2.0\noutput_every_h = 1.0\n"),
            "s.toml:2:8: run.dt_h: time step is longer than the output interval run.output_every_h");
}

TEST_F(ScenarioLoading, CheckOnADefaultValueNamesTheFileWithoutLine) {
  EXPECT_EQ(error("[run]\noutput_every_h = 0.01\n"),
            "s.toml: run.dt_h: time step is longer than the output interval run.output_every_h");
}

TEST_F(ScenarioLoading, AccessorsRejectUndeclaredKeysAndWrongTypes) {
  const Scenario s = load("[[dose]]\n");
  EXPECT_THROW(s.real("run.nothing"), ConfigurationError);
  EXPECT_THROW(s.integer("run.dt_h"), ConfigurationError);
  EXPECT_THROW(s.text("dose.1.route"), ConfigurationError);
  EXPECT_EQ(s.text("dose.0.route"), "iv");
}

TEST_F(ScenarioLoading, EveryMessageIsOneLine) {
  for (const char* text : {"[run\n", "x = \"unterminated\n", "[run]\nname = \"\"\"a\nb\"\"\" \nname = 1\n"}) {
    const std::string message = error(text);
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_TRUE(message.starts_with("s.toml:")) << message;
  }
}

}  // namespace
}  // namespace mscsim
