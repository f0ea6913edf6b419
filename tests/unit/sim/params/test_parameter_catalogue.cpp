// The catalogue refuses nonsense declarations at start-up and answers look-ups by key.
#include <gtest/gtest.h>

#include "sim/core/errors.hpp"
#include "sim/params/parameter_catalogue.hpp"

namespace mscsim {
namespace {

ParameterSpec real_parameter(std::string key, double value = 1.0) {
  ParameterSpec spec;
  spec.key = std::move(key);
  spec.default_value = value;
  spec.min = 0.0;
  spec.max = 10.0;
  spec.unit = "h";
  spec.reference = "assumption";
  spec.description = "A time.";
  return spec;
}

std::string declaration_error(ParameterCatalogue& catalogue, const ParameterSpec& spec) {
  try {
    catalogue.declare(spec);
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected a ConfigurationError for " << spec.key;
  return "";
}

TEST(ParameterCatalogue, TypeNames) {
  EXPECT_STREQ(type_name(ValueType::Bool), "boolean");
  EXPECT_STREQ(type_name(ValueType::Integer), "integer");
  EXPECT_STREQ(type_name(ValueType::Real), "real number");
  EXPECT_STREQ(type_name(ValueType::Text), "string");
  EXPECT_STREQ(type_name(ValueType::IntegerArray), "array of integers");
  EXPECT_STREQ(type_name(ValueType::RealArray), "array of numbers");
}

TEST(ParameterCatalogue, DuplicateKeyIsRejected) {
  ParameterCatalogue c;
  c.declare(real_parameter("run.dt_h"));
  EXPECT_EQ(declaration_error(c, real_parameter("run.dt_h")), "parameter 'run.dt_h': declared twice");
}

TEST(ParameterCatalogue, DefaultOfTheWrongTypeIsRejected) {
  ParameterCatalogue c;
  ParameterSpec spec = real_parameter("run.steps");
  spec.type = ValueType::Integer;
  EXPECT_EQ(declaration_error(c, spec),
            "parameter 'run.steps': default is a real number but the parameter is declared an integer");
}

TEST(ParameterCatalogue, DefaultOutOfItsOwnRangeIsRejected) {
  ParameterCatalogue c;
  EXPECT_EQ(declaration_error(c, real_parameter("run.dt_h", 11.0)),
            "parameter 'run.dt_h': default outside its own range: value 11 is above the maximum 10 (unit h)");
  ParameterSpec exclusive = real_parameter("run.dt_h", 0.0);
  exclusive.min_exclusive = true;
  EXPECT_EQ(declaration_error(c, exclusive),
            "parameter 'run.dt_h': default outside its own range: value 0 must be above 0 (unit h)");
  ParameterSpec array;
  array.key = "tissue.size_voxels";
  array.type = ValueType::IntegerArray;
  array.default_value = std::vector<std::int64_t>{1};
  array.min_length = 2;
  array.unit = "voxels";
  array.reference = "assumption";
  EXPECT_EQ(declaration_error(c, array),
            "parameter 'tissue.size_voxels': default outside its own range: array has 1 element, expected at least 2");
  ParameterSpec choice;
  choice.key = "route";
  choice.type = ValueType::Text;
  choice.default_value = std::string("oral");
  choice.choices = {"iv", "ia"};
  choice.unit = "1";
  choice.reference = "assumption";
  EXPECT_EQ(declaration_error(c, choice),
            "parameter 'route': default outside its own range: value 'oral' must be one of: iv, ia");
  EXPECT_TRUE(c.parameters().empty());
}

TEST(ParameterCatalogue, UnitAndReferenceAreRequired) {
  ParameterCatalogue c;
  ParameterSpec no_unit = real_parameter("run.dt_h");
  no_unit.unit.clear();
  EXPECT_EQ(declaration_error(c, no_unit), "parameter 'run.dt_h': no unit (use \"1\" for dimensionless quantities)");
  ParameterSpec no_reference = real_parameter("run.dt_h");
  no_reference.reference.clear();
  EXPECT_EQ(declaration_error(c, no_reference),
            "parameter 'run.dt_h': no reference (use \"assumption\" if there is none)");
}

TEST(ParameterCatalogue, MalformedDeclarationsAreRejected) {
  ParameterCatalogue c;
  c.declare(real_parameter("run.dt_h"));
  EXPECT_EQ(declaration_error(c, real_parameter("run.dt_h.x")),
            "parameter 'run.dt_h.x': clashes with 'run.dt_h': a key cannot be both a value and a table");
  EXPECT_EQ(declaration_error(c, real_parameter("run")),
            "parameter 'run': clashes with 'run.dt_h': a key cannot be both a value and a table");
  EXPECT_EQ(declaration_error(c, real_parameter("run..x")),
            "parameter 'run..x': each part of a key must be letters, digits, '_' or '-'");
  EXPECT_EQ(declaration_error(c, real_parameter("")), "parameter '': empty key");
  EXPECT_EQ(declaration_error(c, real_parameter("dose.*.x")),
            "parameter 'dose.*.x': '*' must follow the name of a declared list");
  ParameterSpec inverted = real_parameter("run.y");
  inverted.min = 5.0;
  inverted.max = 1.0;
  EXPECT_EQ(declaration_error(c, inverted), "parameter 'run.y': empty range [5, 1]");
  ParameterSpec choices_on_number = real_parameter("run.z");
  choices_on_number.choices = {"a"};
  EXPECT_EQ(declaration_error(c, choices_on_number), "parameter 'run.z': choices are only for string parameters");
}

TEST(ParameterCatalogue, ListKeysUseAStarAfterADeclaredList) {
  ParameterCatalogue c;
  c.declare_list({"dose", "Infusions.", 5});
  c.declare(real_parameter("dose.*.cells_per_kg"));
  EXPECT_EQ(declaration_error(c, real_parameter("dose.cells_per_kg")),
            "parameter 'dose.cells_per_kg': keys inside list 'dose' must be written 'dose.*.<name>'");
  EXPECT_THROW(c.declare_list({"dose", "again", 5}), ConfigurationError);
  EXPECT_THROW(c.declare_list({"bad.*", "nested", 5}), ConfigurationError);
  EXPECT_THROW(c.declare_list({"empty", "none allowed", 0}), ConfigurationError);
  c.declare(real_parameter("run.dt_h"));
  EXPECT_THROW(c.declare_list({"run", "clash", 5}), ConfigurationError);
}

TEST(ParameterCatalogue, FindsConcreteKeysOfListElements) {
  ParameterCatalogue c;
  c.declare(real_parameter("run.dt_h"));
  c.declare_list({"dose", "Infusions.", 5});
  c.declare(real_parameter("dose.*.cells_per_kg"));
  ASSERT_NE(c.find("run.dt_h"), nullptr);
  EXPECT_EQ(c.find("dose.3.cells_per_kg")->key, "dose.*.cells_per_kg");
  EXPECT_EQ(c.find("dose.*.cells_per_kg")->key, "dose.*.cells_per_kg");
  EXPECT_EQ(c.find("dose.03.cells_per_kg"), nullptr);
  EXPECT_EQ(c.find("run.dt"), nullptr);
  EXPECT_EQ(c.find("run"), nullptr);
  EXPECT_NE(c.find_list("dose"), nullptr);
  EXPECT_EQ(c.find_list("run"), nullptr);
  EXPECT_TRUE(c.is_table("run"));
  EXPECT_TRUE(c.is_table("dose.0"));
  EXPECT_FALSE(c.is_table("run.dt_h"));
  EXPECT_FALSE(c.is_table("tissue"));
}

TEST(ParameterCatalogue, SuggestsCloseKeysBestFirst) {
  ParameterCatalogue c;
  c.declare(real_parameter("run.duration_h"));
  c.declare(real_parameter("run.dt_h"));
  c.declare_list({"dose", "Infusions.", 5});
  c.declare(real_parameter("dose.*.cells_per_kg"));
  EXPECT_EQ(c.suggestions("run.durration_h"), std::vector<std::string>{"run.duration_h"});
  EXPECT_EQ(c.suggestions("run.dt"), std::vector<std::string>{"run.dt_h"});
  EXPECT_EQ(c.suggestions("duration_h"), std::vector<std::string>{"run.duration_h"});
  EXPECT_EQ(c.suggestions("run.drtaion_h"), std::vector<std::string>{"run.duration_h"});
  EXPECT_TRUE(c.suggestions("run.speed_h").empty());
  EXPECT_EQ(c.suggestions("dose.4.cels_per_kg"), std::vector<std::string>{"dose.4.cells_per_kg"});
  EXPECT_EQ(c.suggestions("dos"), std::vector<std::string>{"dose"});
  EXPECT_TRUE(c.suggestions("colour").empty());
}

TEST(ParameterCatalogue, MarkdownHasOneTablePerGroup) {
  ParameterCatalogue c;
  ParameterSpec dt = real_parameter("run.dt_h", 0.05);
  dt.min_exclusive = true;
  dt.description = "Time step | of the loop.";
  c.declare(dt);
  c.declare_list({"dose", "Infusions of cells.", 5});
  ParameterSpec route;
  route.key = "dose.*.route";
  route.type = ValueType::Text;
  route.default_value = std::string("iv");
  route.choices = {"iv", "ia"};
  route.unit = "1";
  route.reference = "Galipeau 2018";
  route.description = "Route.";
  c.declare(route);
  const std::string md = c.to_markdown();
  EXPECT_NE(md.find("\n## `run`\n\n| key | unit | default | range | reference | description |\n"
                    "|---|---|---|---|---|---|\n"
                    "| `run.dt_h` | h | `0.05` | (0, 10] | assumption | Time step \\| of the loop. |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("\n## `dose`\n\nA list of tables, written `[[dose]]` once per element (at most 5). Infusions of "
                    "cells.\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `dose.*.route` | 1 | `\"iv\"` | one of: iv, ia | Galipeau 2018 | Route. |\n"),
            std::string::npos)
      << md;
}

TEST(ParameterCatalogue, ChecksAreKeptInOrder) {
  ParameterCatalogue c;
  c.add_check([](const Scenario&) {});
  EXPECT_EQ(c.checks().size(), 1u);
  EXPECT_THROW(c.add_check(ScenarioCheck{}), ConfigurationError);
}

}  // namespace
}  // namespace mscsim
