#pragma once
// The values a scenario parameter can hold.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace mscsim {

enum class ValueType { Bool, Integer, Real, Text, IntegerArray, RealArray };

using Value = std::variant<bool, std::int64_t, double, std::string, std::vector<std::int64_t>, std::vector<double>>;

inline ValueType type_of(const Value& v) { return static_cast<ValueType>(v.index()); }

// "boolean", "integer", "real number", "string", "array of integers", "array of numbers".
const char* type_name(ValueType t);

}  // namespace mscsim
