#pragma once
// One declared catalogue of every scenario parameter: key with unit in its name,
// type, default, valid range, unit, and the reference it comes from (or "assumption").
// Loading, validation, `mscsim check` and docs/parameters.md are all generated from it.
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/params/value.hpp"

namespace mscsim {

class Scenario;

struct ParameterSpec {
  // Dotted key path. Keys inside a list of tables use "*" for the element index:
  // "event.*.cells_per_kg" matches "event.0.cells_per_kg" in a scenario.
  std::string key;
  ValueType type = ValueType::Real;
  Value default_value = 0.0;
  // Inclusive bounds for numbers and for every element of numeric arrays.
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  // Strict bounds where the boundary itself is invalid (e.g. dt_h > 0).
  bool min_exclusive = false;
  bool max_exclusive = false;
  // Allowed array lengths (inclusive); ignored for scalars.
  std::size_t min_length = 0;
  std::size_t max_length = std::numeric_limits<std::size_t>::max();
  // Allowed words for Text parameters; empty = any text.
  std::vector<std::string> choices;
  std::string unit;         // "h", "um", "ng/mL", "cells", "1" for dimensionless
  std::string reference;    // "Hofstra 1998" or "assumption"
  std::string description;  // one sentence, for docs and `mscsim check`
};

// A list of tables in TOML ([[event]]); its element keys are declared as "name.*.key".
struct ListSpec {
  std::string name;
  std::string description;
  std::size_t max_elements = 1000;
};

// A rule that involves several parameters (dt_h <= output_every_h). It throws
// ScenarioError naming the key at fault; the loader fills in the source location.
using ScenarioCheck = std::function<void(const Scenario&)>;

class ParameterCatalogue {
 public:
  // Throws ConfigurationError on a duplicate key, a default of the wrong type, or a
  // default outside its own range: a model that declares nonsense fails at start-up.
  void declare(ParameterSpec spec);
  void declare_list(ListSpec list);
  void add_check(ScenarioCheck check);

  // Spec for a concrete key ("event.3.route" finds "event.*.route"); nullptr if unknown.
  const ParameterSpec* find(std::string_view key) const;
  const ListSpec* find_list(std::string_view name) const;
  // True if some declared key starts with "prefix." (so "run" or "event.0" are tables).
  bool is_table(std::string_view prefix) const;

  // Closest declared keys to an unknown one (edit distance on the last segment and on the
  // whole path), best first; empty when nothing is close.
  std::vector<std::string> suggestions(std::string_view unknown_key) const;

  // In declaration order.
  const std::vector<ParameterSpec>& parameters() const { return specs_; }
  const std::vector<ListSpec>& lists() const { return lists_; }
  const std::vector<ScenarioCheck>& checks() const { return checks_; }

  // docs/parameters.md: one table per top-level group.
  std::string to_markdown() const;

 private:
  std::vector<ParameterSpec> specs_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::vector<ListSpec> lists_;
  std::vector<ScenarioCheck> checks_;
};

// Render a value as TOML text ("1.5", "[100, 100]", "\"iv\"", "true").
std::string to_toml_text(const Value& v);

}  // namespace mscsim
