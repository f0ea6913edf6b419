// --set key=value on top of the scenario file. The value is TOML value syntax, read by
// the same parser and converted by the same rules as a value in a file.
#include <optional>

#include "sim/params/key_path.hpp"
#include "sim/params/value_rules.hpp"
#include "sim/scenario/loading_steps.hpp"
#include "sim/scenario/toml_parse.hpp"
#include "sim/scenario/toml_value.hpp"

namespace mscsim::loading {
namespace {

const SourceLocation command_line{"--set", 0, 0};

toml::table parse_value(const Override& assignment, const ParameterSpec& spec) {
  const std::string text = "v = " + assignment.value_text;
  auto parsed = toml_input::parse(text, "--set");
  if (const auto* failure = std::get_if<toml_input::Failure>(&parsed)) {
    // The shell eats the quotes of --set run.name="x"; say so rather than leave a puzzle.
    const std::string hint = spec.type == ValueType::Text
                                 ? " (a string needs quotes that the shell keeps: --set '" + assignment.key +
                                       "=\"" + value_rules::one_line(assignment.value_text) + "\"')"
                                 : "";
    throw ScenarioError(command_line, assignment.key,
                        "cannot read value '" + value_rules::one_line(assignment.value_text) +
                            "' as TOML: " + failure->description + hint);
  }
  toml::table document = std::move(std::get<toml::table>(parsed));
  if (document.size() != 1 || !document.contains("v")) {
    throw ScenarioError(command_line, assignment.key,
                        "value '" + value_rules::one_line(assignment.value_text) + "' is not a single TOML value");
  }
  return document;
}

// The list a key points into and the element index it names ("event.2.start_h"), if any.
struct ListElement {
  std::string list_name;
  std::size_t index = 0;
};

std::optional<ListElement> list_element_of(const ParameterCatalogue& catalogue, const std::string& key) {
  const std::vector<std::string_view> segments = key_path::split(key);
  std::string prefix;
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    if (!prefix.empty()) prefix += '.';
    prefix += segments[i];
    if (catalogue.find_list(prefix) != nullptr && key_path::is_index_segment(segments[i + 1])) {
      return ListElement{prefix, std::stoul(std::string(segments[i + 1]))};
    }
  }
  return std::nullopt;
}

void make_room(const ParameterCatalogue& catalogue, const ListElement& element, Scenario& scenario,
               const std::string& key) {
  const std::size_t size = scenario.list_size(element.list_name);
  if (element.index < size) return;
  if (element.index > size) {
    throw ScenarioError(command_line, key,
                        "list '" + element.list_name + "' has " + std::to_string(size) + " element" +
                            (size == 1 ? "" : "s") + "; index " + std::to_string(element.index) +
                            " would leave a gap (add the next element as '" + element.list_name + "." +
                            std::to_string(size) + "')");
  }
  append_list_element(catalogue, element.list_name, SourceLocation{"--set " + key, 0, 0}, scenario);
}

}  // namespace

void apply_override(const Override& assignment, const ParameterCatalogue& catalogue, Scenario& scenario) {
  const std::string& key = assignment.key;
  for (std::string_view segment : key_path::split(key)) {
    if (!key_path::is_bare_segment(segment)) fail_unknown_key(catalogue, command_line, key);
  }
  const ParameterSpec* spec = catalogue.find(key);
  if (spec == nullptr) {
    if (catalogue.find_list(key) != nullptr || catalogue.is_table(key)) {
      throw ScenarioError(command_line, key, "is a table, not a parameter; set one of its keys");
    }
    fail_unknown_key(catalogue, command_line, key);
  }
  const toml::table document = parse_value(assignment, *spec);
  Value value = toml_value::convert(*document.get("v"), *spec, key, "--set", &command_line);
  if (const std::optional<ListElement> element = list_element_of(catalogue, key)) {
    make_room(catalogue, *element, scenario, key);
  }
  scenario.set(key, std::move(value), command_line);
}

}  // namespace mscsim::loading
