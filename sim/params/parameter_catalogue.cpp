#include "sim/params/parameter_catalogue.hpp"

#include <cmath>
#include <set>

#include "sim/core/errors.hpp"
#include "sim/params/key_path.hpp"
#include "sim/params/value_rules.hpp"

namespace mscsim {
namespace {

[[noreturn]] void reject(std::string_view what, std::string_view name, const std::string& problem) {
  throw ConfigurationError(std::string(what) + " '" + std::string(name) + "': " + problem);
}

bool starts_with_path(std::string_view key, std::string_view prefix) {
  return key.size() > prefix.size() && key.starts_with(prefix) && key[prefix.size()] == '.';
}

// A key must be writable as bare TOML keys; "*" only directly after a declared list.
void check_key_shape(const ParameterSpec& spec, const ParameterCatalogue& catalogue) {
  if (spec.key.empty()) reject("parameter", spec.key, "empty key");
  std::string prefix;
  bool previous_was_list = false;
  for (std::string_view segment : key_path::split(spec.key)) {
    if (segment == "*") {
      if (!previous_was_list) reject("parameter", spec.key, "'*' must follow the name of a declared list");
    } else if (!key_path::is_bare_segment(segment)) {
      reject("parameter", spec.key, "each part of a key must be letters, digits, '_' or '-'");
    } else if (previous_was_list) {
      reject("parameter", spec.key, "keys inside list '" + prefix + "' must be written '" + prefix + ".*.<name>'");
    }
    if (!prefix.empty()) prefix += '.';
    prefix += segment;
    previous_was_list = segment != "*" && catalogue.find_list(prefix) != nullptr;
  }
  if (previous_was_list) reject("parameter", spec.key, "a list name cannot also be a parameter");
}

void check_bounds(const ParameterSpec& spec) {
  const bool numeric = spec.type == ValueType::Integer || spec.type == ValueType::Real ||
                       spec.type == ValueType::IntegerArray || spec.type == ValueType::RealArray;
  if (!numeric) return;
  if (std::isnan(spec.min) || std::isnan(spec.max)) reject("parameter", spec.key, "range bound is NaN");
  const bool empty = spec.min > spec.max || (spec.min == spec.max && (spec.min_exclusive || spec.max_exclusive));
  if (empty) reject("parameter", spec.key, "empty range " + value_rules::range_text(spec));
}

void check_choices(const ParameterSpec& spec) {
  if (spec.choices.empty()) return;
  if (spec.type != ValueType::Text) reject("parameter", spec.key, "choices are only for string parameters");
  std::set<std::string_view> seen;
  for (const std::string& c : spec.choices) {
    if (c.empty()) reject("parameter", spec.key, "empty choice");
    if (!seen.insert(c).second) reject("parameter", spec.key, "choice '" + c + "' listed twice");
  }
}

}  // namespace

void ParameterCatalogue::declare(ParameterSpec spec) {
  check_key_shape(spec, *this);
  if (index_.contains(spec.key)) reject("parameter", spec.key, "declared twice");
  for (const ParameterSpec& other : specs_) {
    if (starts_with_path(other.key, spec.key) || starts_with_path(spec.key, other.key)) {
      reject("parameter", spec.key, "clashes with '" + other.key + "': a key cannot be both a value and a table");
    }
  }
  if (spec.unit.empty()) reject("parameter", spec.key, "no unit (use \"1\" for dimensionless quantities)");
  if (spec.reference.empty()) reject("parameter", spec.key, "no reference (use \"assumption\" if there is none)");
  if (type_of(spec.default_value) != spec.type) {
    reject("parameter", spec.key,
           std::string("default is ") + value_rules::with_article(type_name(type_of(spec.default_value))) +
               " but the parameter is declared " + value_rules::with_article(type_name(spec.type)));
  }
  if (spec.min_length > spec.max_length) reject("parameter", spec.key, "min_length is above max_length");
  check_bounds(spec);
  check_choices(spec);
  if (auto bad = value_rules::violation(spec, spec.default_value)) {
    reject("parameter", spec.key, "default outside its own range: " + *bad);
  }
  index_.emplace(spec.key, specs_.size());
  specs_.push_back(std::move(spec));
}

void ParameterCatalogue::declare_list(ListSpec list) {
  for (std::string_view segment : key_path::split(list.name)) {
    if (!key_path::is_bare_segment(segment)) {
      reject("list", list.name, "each part of a list name must be letters, digits, '_' or '-' (no nested lists)");
    }
  }
  if (find_list(list.name) != nullptr) reject("list", list.name, "declared twice");
  if (list.max_elements == 0) reject("list", list.name, "max_elements must be at least 1");
  for (const ParameterSpec& spec : specs_) {
    if (spec.key == list.name || starts_with_path(spec.key, list.name) || starts_with_path(list.name, spec.key)) {
      reject("list", list.name, "clashes with parameter '" + spec.key + "' (declare lists before their keys)");
    }
  }
  lists_.push_back(std::move(list));
}

void ParameterCatalogue::add_check(ScenarioCheck check) {
  if (!check) throw ConfigurationError("add_check: empty scenario check");
  checks_.push_back(std::move(check));
}

const ParameterSpec* ParameterCatalogue::find(std::string_view key) const {
  const std::string pattern =
      key_path::to_pattern(key, [this](std::string_view prefix) { return find_list(prefix) != nullptr; });
  const auto it = index_.find(pattern);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

const ListSpec* ParameterCatalogue::find_list(std::string_view name) const {
  for (const ListSpec& list : lists_) {
    if (list.name == name) return &list;
  }
  return nullptr;
}

bool ParameterCatalogue::is_table(std::string_view prefix) const {
  if (prefix.empty()) return true;
  const std::string pattern =
      key_path::to_pattern(prefix, [this](std::string_view p) { return find_list(p) != nullptr; });
  for (const ParameterSpec& spec : specs_) {
    if (starts_with_path(spec.key, pattern)) return true;
  }
  return false;
}

}  // namespace mscsim
