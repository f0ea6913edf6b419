#include "sim/params/value_rules.hpp"

#include <charconv>
#include <cmath>
#include <variant>

namespace mscsim::value_rules {
namespace {

std::string unit_suffix(const ParameterSpec& spec) {
  // "1" marks a dimensionless quantity; "(unit 1)" would only confuse the reader.
  if (spec.unit.empty() || spec.unit == "1") return "";
  return " (unit " + spec.unit + ")";
}

std::optional<std::string> number_violation(const ParameterSpec& spec, double x, const std::string& shown) {
  if (std::isnan(x)) return "value " + shown + " is not a number";
  if (std::isinf(x)) return "value " + shown + " is not finite";
  if (spec.min_exclusive ? x <= spec.min : x < spec.min) {
    const char* bound = spec.min_exclusive ? " must be above " : " is below the minimum ";
    return "value " + shown + bound + number_text(spec.min) + unit_suffix(spec);
  }
  if (spec.max_exclusive ? x >= spec.max : x > spec.max) {
    const char* bound = spec.max_exclusive ? " must be below " : " is above the maximum ";
    return "value " + shown + bound + number_text(spec.max) + unit_suffix(spec);
  }
  return std::nullopt;
}

std::optional<std::string> length_violation(const ParameterSpec& spec, std::size_t n) {
  if (n >= spec.min_length && n <= spec.max_length) return std::nullopt;
  std::string expected;
  if (spec.max_length == std::numeric_limits<std::size_t>::max()) {
    expected = "at least " + std::to_string(spec.min_length);
  } else if (spec.min_length == spec.max_length) {
    expected = "exactly " + std::to_string(spec.min_length);
  } else {
    expected = std::to_string(spec.min_length) + " to " + std::to_string(spec.max_length);
  }
  return "array has " + std::to_string(n) + " element" + (n == 1 ? "" : "s") + ", expected " + expected;
}

template <class T>
std::optional<std::string> array_violation(const ParameterSpec& spec, const std::vector<T>& values) {
  if (auto bad = length_violation(spec, values.size())) return bad;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string shown = std::is_same_v<T, double> ? number_text(static_cast<double>(values[i]))
                                                         : std::to_string(values[i]);
    if (auto bad = number_violation(spec, static_cast<double>(values[i]), shown)) {
      return "element " + std::to_string(i) + ": " + *bad;
    }
  }
  return std::nullopt;
}

std::string choices_text(const std::vector<std::string>& choices) {
  std::string out;
  for (const std::string& c : choices) out += (out.empty() ? "" : ", ") + c;
  return out;
}

std::string interval_text(const ParameterSpec& spec, bool integral) {
  const bool no_min = std::isinf(spec.min) && spec.min < 0;
  const bool no_max = std::isinf(spec.max) && spec.max > 0;
  if (no_min && no_max) return "any";
  auto bound = [integral](double x) {
    if (integral && std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9e18) {
      return std::to_string(static_cast<long long>(x));
    }
    return number_text(x);
  };
  const char open = (spec.min_exclusive || no_min) ? '(' : '[';
  const char close = (spec.max_exclusive || no_max) ? ')' : ']';
  return open + bound(spec.min) + ", " + bound(spec.max) + close;
}

}  // namespace

std::string one_line(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::string number_text(double x) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  return std::string(buffer, result.ptr);
}

std::string with_article(const std::string& noun) {
  const bool vowel = !noun.empty() && std::string_view("aeiou").find(noun.front()) != std::string_view::npos;
  return (vowel ? "an " : "a ") + noun;
}

std::optional<std::string> violation(const ParameterSpec& spec, const Value& value) {
  if (type_of(value) != spec.type) {
    return "expected " + with_article(type_name(spec.type)) + ", got " + with_article(type_name(type_of(value)));
  }
  switch (spec.type) {
    case ValueType::Bool: return std::nullopt;
    case ValueType::Integer: {
      const std::int64_t x = std::get<std::int64_t>(value);
      return number_violation(spec, static_cast<double>(x), std::to_string(x));
    }
    case ValueType::Real: {
      const double x = std::get<double>(value);
      return number_violation(spec, x, number_text(x));
    }
    case ValueType::Text: {
      const std::string& word = std::get<std::string>(value);
      if (spec.choices.empty()) return std::nullopt;
      for (const std::string& c : spec.choices) {
        if (c == word) return std::nullopt;
      }
      return "value '" + word + "' must be one of: " + choices_text(spec.choices);
    }
    case ValueType::IntegerArray: return array_violation(spec, std::get<std::vector<std::int64_t>>(value));
    case ValueType::RealArray: return array_violation(spec, std::get<std::vector<double>>(value));
  }
  return std::nullopt;
}

std::string range_text(const ParameterSpec& spec) {
  switch (spec.type) {
    case ValueType::Bool: return "";
    case ValueType::Text: return spec.choices.empty() ? "" : "one of: " + choices_text(spec.choices);
    case ValueType::Integer: return interval_text(spec, true);
    case ValueType::Real: return interval_text(spec, false);
    case ValueType::IntegerArray:
    case ValueType::RealArray: {
      std::string length;
      if (spec.max_length == std::numeric_limits<std::size_t>::max()) {
        if (spec.min_length > 0) length = "length >= " + std::to_string(spec.min_length);
      } else if (spec.min_length == spec.max_length) {
        length = "length " + std::to_string(spec.min_length);
      } else {
        length = "length " + std::to_string(spec.min_length) + ".." + std::to_string(spec.max_length);
      }
      const std::string each = interval_text(spec, spec.type == ValueType::IntegerArray);
      if (each == "any") return length;
      return length.empty() ? "each in " + each : length + ", each in " + each;
    }
  }
  return "";
}

}  // namespace mscsim::value_rules
