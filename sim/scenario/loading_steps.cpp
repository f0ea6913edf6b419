#include "sim/scenario/loading_steps.hpp"

#include "sim/params/key_path.hpp"

namespace mscsim::loading {
namespace {

bool is_list_element_key(const std::string& key) { return key.find(".*.") != std::string::npos; }

}  // namespace

void set_defaults(const ParameterCatalogue& catalogue, Scenario& scenario) {
  for (const ParameterSpec& spec : catalogue.parameters()) {
    if (!is_list_element_key(spec.key)) scenario.set(spec.key, spec.default_value, {scenario.source_name(), 0, 0});
  }
}

void append_list_element(const ParameterCatalogue& catalogue, const std::string& list_name,
                         const SourceLocation& where, Scenario& scenario) {
  const ListSpec* list = catalogue.find_list(list_name);
  const std::size_t index = scenario.list_size(list_name);
  if (index >= list->max_elements) {
    throw ScenarioError(where, list_name,
                        "too many elements; at most " + std::to_string(list->max_elements) + " are allowed");
  }
  scenario.set_list_size(list_name, index + 1);
  const std::string pattern = list_name + ".*.";
  const std::string element = list_name + "." + std::to_string(index) + ".";
  for (const ParameterSpec& spec : catalogue.parameters()) {
    if (spec.key.starts_with(pattern)) {
      // A default of an element belongs to whatever created the element, so that a check
      // failing on it ("a dose needs an amount") points at the [[dose]] or the --set.
      scenario.set(element + spec.key.substr(pattern.size()), spec.default_value, where);
    }
  }
}

void fail_unknown_key(const ParameterCatalogue& catalogue, const SourceLocation& where, const std::string& key) {
  // A key of 100 kB (a pasted file) is shown shortened; suggestions() skips long keys.
  constexpr std::size_t kShownKeyLength = 200;
  const std::string shown = key.size() > kShownKeyLength ? key.substr(0, kShownKeyLength) + "..." : key;
  std::string message = "unknown key '" + shown + "'";
  const std::vector<std::string> close = catalogue.suggestions(key);
  if (!close.empty()) message += "; did you mean '" + close.front() + "'?";
  throw ScenarioError(where, shown, message);
}

void run_checks(const ParameterCatalogue& catalogue, const Scenario& scenario) {
  for (const ScenarioCheck& check : catalogue.checks()) {
    try {
      check(scenario);
    } catch (const ScenarioError& error) {
      if (!error.where().file.empty()) throw;
      // The check knows the key at fault but not where it was set: add that.
      std::string what = error.what();
      const std::string key_prefix = error.key() + ": ";
      if (!error.key().empty() && what.starts_with(key_prefix)) what.erase(0, key_prefix.size());
      const SourceLocation where =
          error.key().empty() ? SourceLocation{scenario.source_name(), 0, 0} : scenario.location_of(error.key());
      throw ScenarioError(where, error.key(), what);
    }
  }
}

}  // namespace mscsim::loading
