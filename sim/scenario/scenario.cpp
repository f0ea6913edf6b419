#include "sim/scenario/scenario.hpp"

#include <variant>

#include "sim/params/value_rules.hpp"

namespace mscsim {
namespace {

template <class T>
const T& typed(const Scenario& scenario, std::string_view key, ValueType wanted) {
  const Value& v = scenario.value(key);
  if (type_of(v) != wanted) {
    throw ConfigurationError("parameter '" + std::string(key) + "' is " +
                             value_rules::with_article(type_name(type_of(v))) + ", read as " +
                             value_rules::with_article(type_name(wanted)));
  }
  return std::get<T>(v);
}

}  // namespace

const Value& Scenario::value(std::string_view key) const {
  const auto it = values_.find(key);
  if (it != values_.end()) return it->second;
  const bool declared = catalogue_ != nullptr && catalogue_->find(key) != nullptr;
  throw ConfigurationError("parameter '" + std::string(key) + "' " +
                           (declared ? "has no value (list element beyond the list's size?)"
                                     : "is not declared in the parameter catalogue"));
}

double Scenario::real(std::string_view key) const { return typed<double>(*this, key, ValueType::Real); }

std::int64_t Scenario::integer(std::string_view key) const {
  return typed<std::int64_t>(*this, key, ValueType::Integer);
}

bool Scenario::flag(std::string_view key) const { return typed<bool>(*this, key, ValueType::Bool); }

const std::string& Scenario::text(std::string_view key) const {
  return typed<std::string>(*this, key, ValueType::Text);
}

const std::vector<std::int64_t>& Scenario::integers(std::string_view key) const {
  return typed<std::vector<std::int64_t>>(*this, key, ValueType::IntegerArray);
}

const std::vector<double>& Scenario::reals(std::string_view key) const {
  return typed<std::vector<double>>(*this, key, ValueType::RealArray);
}

std::size_t Scenario::list_size(std::string_view list_name) const {
  const auto it = list_sizes_.find(list_name);
  return it == list_sizes_.end() ? 0 : it->second;
}

SourceLocation Scenario::location_of(std::string_view key) const {
  const auto it = locations_.find(key);
  return it == locations_.end() ? SourceLocation{source_name_, 0, 0} : it->second;
}

void Scenario::set(std::string key, Value v, SourceLocation where) {
  // The loader has already checked the value; this guards against loader bugs only.
  if (catalogue_ != nullptr) {
    const ParameterSpec* spec = catalogue_->find(key);
    if (spec == nullptr) throw ConfigurationError("Scenario::set: undeclared parameter '" + key + "'");
    if (spec->type != type_of(v)) {
      throw ConfigurationError("Scenario::set: parameter '" + key + "' is declared " +
                               value_rules::with_article(type_name(spec->type)) + ", given " +
                               value_rules::with_article(type_name(type_of(v))));
    }
  }
  locations_.insert_or_assign(key, std::move(where));
  values_.insert_or_assign(std::move(key), std::move(v));
}

void Scenario::set_list_size(std::string list_name, std::size_t n) {
  list_sizes_.insert_or_assign(std::move(list_name), n);
}

void Scenario::set_source(std::string source_name, const ParameterCatalogue* catalogue) {
  source_name_ = std::move(source_name);
  catalogue_ = catalogue;
}

}  // namespace mscsim
