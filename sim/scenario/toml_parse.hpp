#pragma once
// The one door to the TOML parser for every input mscsim reads: scenario files, --set
// values and sweep files. Text with a known toml++ defect (sim/scenario/toml_defects.hpp)
// is refused before the library sees it. Private to the engine: toml++ stays out of every
// public header.
#include <string>
#include <string_view>
#include <variant>

#include <toml++/toml.h>

namespace mscsim::toml_input {

// Why a text is not a TOML document, where (1-based; 0 = unknown).
struct Failure {
  int line = 0;
  int column = 0;
  std::string description;  // one line
};

std::variant<toml::table, Failure> parse(std::string_view text, std::string_view source_name);

}  // namespace mscsim::toml_input
