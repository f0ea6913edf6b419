#pragma once
// Short constructors for catalogue entries, so a model's parameter table reads as data:
//   real_parameter("cell.relaxation_time_constant_h", 12, 0.1, 1000, "h", "Author 2020", "...")
#include <cstdint>
#include <string>
#include <vector>

#include "sim/params/parameter_catalogue.hpp"

namespace mscsim {

inline ParameterSpec real_parameter(std::string key, double value, double min, double max, std::string unit,
                                    std::string reference, std::string description) {
  ParameterSpec s;
  s.key = std::move(key);
  s.type = ValueType::Real;
  s.default_value = value;
  s.min = min;
  s.max = max;
  s.unit = std::move(unit);
  s.reference = std::move(reference);
  s.description = std::move(description);
  return s;
}

inline ParameterSpec integer_parameter(std::string key, std::int64_t value, double min, double max, std::string unit,
                                       std::string reference, std::string description) {
  ParameterSpec s = real_parameter(std::move(key), 0.0, min, max, std::move(unit), std::move(reference),
                                   std::move(description));
  s.type = ValueType::Integer;
  s.default_value = value;
  return s;
}

inline ParameterSpec flag_parameter(std::string key, bool value, std::string reference, std::string description) {
  ParameterSpec s;
  s.key = std::move(key);
  s.type = ValueType::Bool;
  s.default_value = value;
  s.unit = "1";
  s.reference = std::move(reference);
  s.description = std::move(description);
  return s;
}

inline ParameterSpec text_parameter(std::string key, std::string value, std::vector<std::string> choices,
                                    std::string reference, std::string description) {
  ParameterSpec s;
  s.key = std::move(key);
  s.type = ValueType::Text;
  s.default_value = std::move(value);
  s.choices = std::move(choices);
  s.unit = "text";
  s.reference = std::move(reference);
  s.description = std::move(description);
  return s;
}

// Marks the lower bound as exclusive (a rate or a time constant that must be > min).
inline ParameterSpec exclusive_min(ParameterSpec s) {
  s.min_exclusive = true;
  return s;
}

}  // namespace mscsim
