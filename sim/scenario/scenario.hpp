#pragma once
// A resolved, validated scenario: every declared parameter has a value (from the file,
// a --set override, or its default). Immutable once loaded; models read what they need
// into plain structs at set-up, never by string in the step loop.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/params/parameter_catalogue.hpp"
#include "sim/params/value.hpp"

namespace mscsim {

// "--set key.path=value": the value is TOML value syntax (2e6, [100,100], "iv", true).
struct Override {
  std::string key;
  std::string value_text;
  // Parses "key=value"; throws InputError (file "--set") if there is no '=' or key is empty.
  static Override parse(std::string_view assignment);
};

class Scenario {
 public:
  Scenario() = default;

  // Typed accessors. Throw ConfigurationError for an undeclared key or a type mismatch
  // (a programming error: the catalogue declares every key a model reads).
  double real(std::string_view key) const;
  std::int64_t integer(std::string_view key) const;
  bool flag(std::string_view key) const;
  const std::string& text(std::string_view key) const;
  const std::vector<std::int64_t>& integers(std::string_view key) const;
  const std::vector<double>& reals(std::string_view key) const;
  const Value& value(std::string_view key) const;

  // Number of elements of a list of tables ([[event]]), 0 when absent.
  std::size_t list_size(std::string_view list_name) const;

  // Where a key was set (file/line/column), or {source name, 0, 0} for defaults.
  SourceLocation location_of(std::string_view key) const;
  // Name of the file (or "<built-in quickstart>") the scenario came from.
  const std::string& source_name() const { return source_name_; }

  // The fully resolved scenario as TOML: every parameter, defaults filled in, each line
  // commented with unit, range and reference. Loading this text gives the same scenario.
  std::string to_toml() const;

  // Used by the loader.
  void set(std::string key, Value v, SourceLocation where);
  void set_list_size(std::string list_name, std::size_t n);
  void set_source(std::string source_name, const ParameterCatalogue* catalogue);

 private:
  std::string source_name_;
  const ParameterCatalogue* catalogue_ = nullptr;
  std::map<std::string, Value, std::less<>> values_;
  std::map<std::string, SourceLocation, std::less<>> locations_;
  std::map<std::string, std::size_t, std::less<>> list_sizes_;
};

// Load and validate completely before anything runs. Every failure is a ScenarioError
// with file, line/column where known, and key path: missing file, malformed TOML,
// unknown key (with "did you mean"), wrong type, out-of-range value, failed checks.
Scenario load_scenario_file(const std::filesystem::path& path, const ParameterCatalogue& catalogue,
                            const std::vector<Override>& overrides = {});
Scenario load_scenario_text(std::string_view toml_text, const std::string& source_name,
                            const ParameterCatalogue& catalogue, const std::vector<Override>& overrides = {});

}  // namespace mscsim
