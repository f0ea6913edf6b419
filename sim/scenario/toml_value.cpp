#include "sim/scenario/toml_value.hpp"

#include "sim/params/value_rules.hpp"

namespace mscsim::toml_value {
namespace {

SourceLocation from_region(const toml::source_region& region, const std::string& source_name) {
  return {source_name, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

struct Converter {
  const ParameterSpec& spec;
  const std::string& key;
  const std::string& source_name;
  const SourceLocation* fixed_location;

  [[noreturn]] void fail(const toml::node& at, const std::string& what) const {
    throw ScenarioError(fixed_location ? *fixed_location : location_of(at, source_name), key, what);
  }

  [[noreturn]] void wrong_type(const toml::node& at, const std::string& expected,
                               const std::string& prefix = "") const {
    fail(at, prefix + "expected " + value_rules::with_article(expected) + ", got " + described(at));
  }

  std::int64_t integer(const toml::node& at, const std::string& prefix = "") const {
    if (const auto* x = at.as_integer()) return x->get();
    wrong_type(at, "integer", prefix);
  }

  double real(const toml::node& at, const std::string& expected, const std::string& prefix = "") const {
    if (const auto* x = at.as_floating_point()) return x->get();
    if (const auto* x = at.as_integer()) return static_cast<double>(x->get());
    wrong_type(at, expected, prefix);
  }

  template <class T, class Element>
  std::vector<T> array(const toml::node& at, const Element& element) const {
    const toml::array* items = at.as_array();
    if (items == nullptr) wrong_type(at, type_name(spec.type));
    std::vector<T> out;
    out.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
      out.push_back(element((*items)[i], "element " + std::to_string(i) + ": "));
    }
    return out;
  }

  Value operator()(const toml::node& at) const {
    switch (spec.type) {
      case ValueType::Bool:
        if (const auto* x = at.as_boolean()) return x->get();
        wrong_type(at, type_name(spec.type));
      case ValueType::Integer: return integer(at);
      case ValueType::Real: return real(at, type_name(spec.type));
      case ValueType::Text:
        if (const auto* x = at.as_string()) return x->get();
        wrong_type(at, type_name(spec.type));
      case ValueType::IntegerArray:
        return array<std::int64_t>(at, [this](const toml::node& e, const std::string& p) { return integer(e, p); });
      case ValueType::RealArray:
        return array<double>(at, [this](const toml::node& e, const std::string& p) { return real(e, "number", p); });
    }
    fail(at, "parameter of unknown type");
  }
};

// The element a range message talks about ("element 2: ..."), to point at it exactly.
const toml::node& offending_node(const toml::node& node, const std::string& problem) {
  const toml::array* items = node.as_array();
  if (items == nullptr || !problem.starts_with("element ")) return node;
  const std::size_t index = std::stoul(problem.substr(8));
  return index < items->size() ? (*items)[index] : node;
}

}  // namespace

SourceLocation location_of(const toml::node& node, const std::string& source_name) {
  return from_region(node.source(), source_name);
}

SourceLocation location_of(const toml::key& key, const std::string& source_name) {
  return from_region(key.source(), source_name);
}

std::string described(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a real number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

Value convert(const toml::node& node, const ParameterSpec& spec, const std::string& key,
              const std::string& source_name, const SourceLocation* fixed_location) {
  const Converter converter{spec, key, source_name, fixed_location};
  Value value = converter(node);
  if (auto problem = value_rules::violation(spec, value)) converter.fail(offending_node(node, *problem), *problem);
  return value;
}

}  // namespace mscsim::toml_value
