#pragma once
// Checking a value against its ParameterSpec and describing specs in words.
// Shared by the catalogue (checking defaults) and the scenario loader (checking input),
// so a default and a value from a file are held to exactly the same rules.
#include <optional>
#include <string>
#include <string_view>

#include "sim/params/parameter_catalogue.hpp"
#include "sim/params/value.hpp"

namespace mscsim::value_rules {

// Text for a one-line message: line breaks become spaces.
std::string one_line(std::string_view text);

// Shortest text that reads back as the same double ("0.05", "24", "1e+06", "-inf").
std::string number_text(double x);

// "a real number", "an integer", "an array of numbers": type names with their article.
std::string with_article(const std::string& noun);

// What is wrong with a value of the right type: not finite, outside the range, wrong
// array length, not one of the choices. One line without key or location; nullopt if fine.
std::optional<std::string> violation(const ParameterSpec& spec, const Value& value);

// The valid values in words, for comments and docs: "(0, 24]", "[0, inf)", "any",
// "one of: iv, ia, local", "length 2..3, each in [1, 4096]", "length >= 1"; empty for
// booleans, free text and unconstrained arrays.
std::string range_text(const ParameterSpec& spec);

}  // namespace mscsim::value_rules
