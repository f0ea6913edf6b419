#pragma once
// TOML nodes turned into parameter values. Private to sim/scenario: toml++ stays out of
// every public header (it is linked privately to the engine).
#include <string>

#include <toml++/toml.h>

#include "sim/core/errors.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/params/value.hpp"

namespace mscsim::toml_value {

// Where a node sits in its source ("--set" nodes carry no useful line, so pass 0s there).
SourceLocation location_of(const toml::node& node, const std::string& source_name);
SourceLocation location_of(const toml::key& key, const std::string& source_name);

// "a string", "an integer", "a table", ... for "got ..." in messages.
std::string described(const toml::node& node);

// The node as a value of the parameter's type, checked against its range, length and
// choices. Integer parameters take TOML integers only; real parameters also take
// integers. Throws ScenarioError naming `key`, located at the node (or at the offending
// array element) unless `fixed_location` is given.
Value convert(const toml::node& node, const ParameterSpec& spec, const std::string& key,
              const std::string& source_name, const SourceLocation* fixed_location = nullptr);

}  // namespace mscsim::toml_value
