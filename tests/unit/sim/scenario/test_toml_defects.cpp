// The pre-scan for known toml++ 3.3.0 defects: it finds each known shape at its line and
// column, and never refuses valid TOML (every shipped scenario and sweep file, and the
// places where a defect's characters are harmless: strings, comments, keys, arrays).
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_defects.hpp"
#include "tests/unit/sim/scenario/error_text.hpp"
#include "tests/unit/sim/scenario/test_catalogue.hpp"
#include "tests/integration/cli_runner.hpp"

namespace mscsim {
namespace {

std::string found(std::string_view text) {
  const auto f = toml_defects::find(text);
  return f ? std::to_string(f->line) + ":" + std::to_string(f->column) + ": " + f->description : "";
}

TEST(TomlDefects, TableHeaderThatDoesNotStartWithAKey) {
  EXPECT_EQ(found("[[[x]]\n"), "1:3: a table header must start with a key, saw '['");
  EXPECT_EQ(found("a = 1\n[=]\n"), "2:2: a table header must start with a key, saw '='");
  EXPECT_EQ(found("[[ .x]]"), "1:4: a table header must start with a key, saw '.'");
  EXPECT_EQ(found("[\n"), "1:2: a table header must start with a key, saw byte 0x0a");
  EXPECT_EQ(found("[\xc3\xa9]"), "1:2: a table header must start with a key, saw byte 0xc3");
}

TEST(TomlDefects, DateTimeWithoutHour) {
  EXPECT_EQ(found("x = 1979-05-27T:\n"), "1:16: expected the hour of a date-time (two digits) after 'T', saw ':'");
  EXPECT_EQ(found("x = [1, 1979-05-27tZ]"), "1:20: expected the hour of a date-time (two digits) after 't', saw 'Z'");
  EXPECT_EQ(found("d = 1979-05-27T\n"), "1:16: expected the hour of a date-time (two digits) after 'T', saw byte 0x0a");
  EXPECT_EQ(found("t = { d = 1979-05-27T- }"), "1:22: expected the hour of a date-time (two digits) after 'T', saw '-'");
}

TEST(TomlDefects, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(found("x = [\"\xc3\xa9\", 1979-05-27T:]"),
            "1:22: expected the hour of a date-time (two digits) after 'T', saw ':'");
  EXPECT_EQ(found("s = \"\xc3\xa9\"\n[ [x]]\n[[[y]]"), "3:3: a table header must start with a key, saw '['");
}

TEST(TomlDefects, ValidTomlIsNeverRefused) {
  for (const char* text : {
           "a = \"[[[x]]\"\n", "a = '''\n[[[x]]\n'''\n", "a = \"\"\"\n[=]\n\"\"\"\n", "# [[[x]]\n",
           "a = [\n  [1, 2],\n  [3, 4],\n]\n", "a = [[1], [2]]\n", "1979-05-27T = 1\n", "\"[\" = 1\n",
           "[ a . b ]\n", "[[ 'x' ]]\n", "[\"a b\"]\n", "d = 1979-05-27T07:32:00Z\n", "d = 1979-05-27 # c\n",
           "s = \"\"\"a\"\"\"\"\n[x]\n", "s = \"\\\"\"\n[x]\n", "t = { a = [1, {b = 2}] }\n[x]\n",
           // malformed, but toml++ reports these itself
           "[]\n", "[[]]\n", "[ [x]]\n",
       }) {
    EXPECT_EQ(found(text), "") << text;
  }
  const std::filesystem::path scenarios = std::filesystem::path(MSCSIM_SOURCE_DIR) / "scenarios";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(scenarios)) {
    if (entry.path().extension() != ".toml") continue;
    EXPECT_EQ(found(test_support::read_file(entry.path())), "") << entry.path();
  }
}

TEST(TomlDefects, ScenarioLoaderReportsTheDefectAtItsPlace) {
  const ParameterCatalogue catalogue = testing::small_catalogue();
  EXPECT_EQ(testing::scenario_error_of([&] { load_scenario_text("[run]\n[[[x]]\n", "s.toml", catalogue); }),
            "s.toml:2:3: a table header must start with a key, saw '['");
  EXPECT_NE(testing::scenario_error_of([&] {
              load_scenario_text("", "s.toml", catalogue, {Override::parse("run.name=1979-05-27T:")});
            }).find("--set: run.name: cannot read value '1979-05-27T:' as TOML: expected the hour"),
            std::string::npos);
}

}  // namespace
}  // namespace mscsim
