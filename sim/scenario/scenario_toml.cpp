// The resolved scenario as TOML. It is written into every output for provenance and must
// load back to the same scenario, so values use to_toml_text (exact reals) and every
// declared parameter is written, defaults included.
#include <algorithm>

#include "sim/params/key_path.hpp"
#include "sim/params/value_rules.hpp"
#include "sim/scenario/scenario.hpp"

namespace mscsim {
namespace {

// One [table] or [[list]] of the output, holding parameters in declaration order.
struct Section {
  std::string name;  // "" for top-level keys
  bool is_list = false;
  std::vector<const ParameterSpec*> specs;
};

// "event.*.window.start_h" -> ("event", "window.start_h"); "run.dt_h" -> ("run", "dt_h").
std::pair<std::string, std::string> section_and_key(const std::string& key) {
  const std::size_t star = key.find(".*.");
  if (star != std::string::npos) return {key.substr(0, star), key.substr(star + 3)};
  return {std::string(key_path::parent(key)), std::string(key_path::last_segment(key))};
}

std::vector<Section> sections_of(const ParameterCatalogue& catalogue) {
  std::vector<Section> sections{Section{}};  // top-level keys must precede every header
  for (const ParameterSpec& spec : catalogue.parameters()) {
    // A plain variable, not a structured binding: clang before 16 cannot capture those.
    const std::string name = section_and_key(spec.key).first;
    auto it = std::find_if(sections.begin(), sections.end(), [&](const Section& s) { return s.name == name; });
    if (it == sections.end()) {
      sections.push_back(Section{name, catalogue.find_list(name) != nullptr, {}});
      it = sections.end() - 1;
    }
    it->specs.push_back(&spec);
  }
  return sections;
}

std::string comment(const ParameterSpec& spec) {
  std::string range = value_rules::range_text(spec);
  if (spec.type == ValueType::Integer || spec.type == ValueType::Real) range = "range " + range;
  return "  # " + value_rules::one_line(spec.unit) + (range.empty() ? "" : ", " + range) + ", " +
         value_rules::one_line(spec.reference);
}

}  // namespace

std::string Scenario::to_toml() const {
  std::string out = "# Resolved scenario from " + value_rules::one_line(source_name_) + "\n";
  out += "# Every parameter, defaults included; each commented with unit, valid range and reference.\n";
  if (catalogue_ == nullptr) return out;

  auto write_line = [&](const std::string& relative, const std::string& key, const ParameterSpec& spec) {
    out += relative + " = " + to_toml_text(value(key)) + comment(spec) + "\n";
  };
  for (const Section& section : sections_of(*catalogue_)) {
    if (section.specs.empty()) continue;
    if (!section.is_list) {
      if (!section.name.empty()) out += "\n[" + section.name + "]\n";
      for (const ParameterSpec* spec : section.specs) {
        write_line(std::string(key_path::last_segment(spec->key)), spec->key, *spec);
      }
      continue;
    }
    const std::size_t n = list_size(section.name);
    if (n == 0) out += "\n# [[" + section.name + "]]: no elements\n";
    for (std::size_t i = 0; i < n; ++i) {
      out += "\n[[" + section.name + "]]\n";
      const std::string element = section.name + "." + std::to_string(i);
      for (const ParameterSpec* spec : section.specs) {
        const std::string relative = section_and_key(spec->key).second;
        write_line(relative, element + "." + relative, *spec);
      }
    }
  }
  return out;
}

}  // namespace mscsim
