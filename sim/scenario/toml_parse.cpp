#include "sim/scenario/toml_parse.hpp"

#include "sim/params/value_rules.hpp"
#include "sim/scenario/toml_defects.hpp"

namespace mscsim::toml_input {

std::variant<toml::table, Failure> parse(std::string_view text, std::string_view source_name) {
  if (const auto defect = toml_defects::find(text)) {
    return Failure{defect->line, defect->column, defect->description};
  }
  try {
    return toml::parse(text, source_name);
  } catch (const toml::parse_error& error) {
    const toml::source_position& at = error.source().begin;
    return Failure{static_cast<int>(at.line), static_cast<int>(at.column),
                   value_rules::one_line(error.description())};
  }
}

}  // namespace mscsim::toml_input
