// docs/parameters.md, generated from the catalogue so the documentation cannot drift
// from what the loader accepts.
#include <algorithm>
#include <vector>

#include "sim/params/key_path.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/params/value_rules.hpp"

namespace mscsim {
namespace {

// Table cells are one line and must not end the cell early.
std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string code(std::string_view text) { return text.empty() ? "" : "`" + cell(text) + "`"; }

std::string group_of(const std::string& key) {
  const std::string_view first = key_path::split(key).front();
  return key.find('.') == std::string::npos ? std::string() : std::string(first);
}

}  // namespace

std::string ParameterCatalogue::to_markdown() const {
  std::vector<std::string> groups;
  for (const ParameterSpec& spec : specs_) {
    const std::string group = group_of(spec.key);
    if (std::find(groups.begin(), groups.end(), group) == groups.end()) groups.push_back(group);
  }

  std::string out = "# Scenario parameters\n\n";
  out += "Generated from the parameter catalogue; every key below is accepted in a scenario file or by ";
  out += "`--set key=value`, and nothing else is.\n";
  for (const std::string& group : groups) {
    out += "\n## " + (group.empty() ? std::string("Top level") : "`" + group + "`") + "\n\n";
    if (const ListSpec* list = find_list(group)) {
      out += "A list of tables, written `[[" + group + "]]` once per element (at most " +
             std::to_string(list->max_elements) + "). " + cell(list->description) + "\n\n";
    }
    out += "| key | unit | default | range | reference | description |\n";
    out += "|---|---|---|---|---|---|\n";
    for (const ParameterSpec& spec : specs_) {
      if (group_of(spec.key) != group) continue;
      out += "| " + code(spec.key) + " | " + cell(spec.unit) + " | " + code(to_toml_text(spec.default_value)) +
             " | " + cell(value_rules::range_text(spec)) + " | " + cell(spec.reference) + " | " +
             cell(spec.description) + " |\n";
    }
  }
  return out;
}

}  // namespace mscsim
