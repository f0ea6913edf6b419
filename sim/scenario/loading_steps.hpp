#pragma once
// The steps of loading a scenario, in order: defaults, the TOML document, --set
// overrides, cross-parameter checks. Private to sim/scenario.
#include <string>

#include <toml++/toml.h>

#include "sim/scenario/scenario.hpp"

namespace mscsim::loading {

// Every parameter outside lists gets its default, located at the source with no line.
void set_defaults(const ParameterCatalogue& catalogue, Scenario& scenario);

// A new element at the end of a list, every key at its default, located at `where` (the
// [[list]] header, or "--set KEY" for an override). Throws ScenarioError at `where` if the
// list is already at its maximum size.
void append_list_element(const ParameterCatalogue& catalogue, const std::string& list_name,
                         const SourceLocation& where, Scenario& scenario);

// "unknown key 'x'; did you mean 'y'?" at `where`.
[[noreturn]] void fail_unknown_key(const ParameterCatalogue& catalogue, const SourceLocation& where,
                                   const std::string& key);

// Every key of the document is checked: unknown keys, wrong types and ranges are errors.
void apply_document(const toml::table& document, const ParameterCatalogue& catalogue, Scenario& scenario);

void apply_override(const Override& assignment, const ParameterCatalogue& catalogue, Scenario& scenario);

// The catalogue's cross-parameter rules; their errors get the location of their key.
void run_checks(const ParameterCatalogue& catalogue, const Scenario& scenario);

}  // namespace mscsim::loading
