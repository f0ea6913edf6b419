#include "sim/params/value.hpp"

namespace mscsim {

const char* type_name(ValueType t) {
  switch (t) {
    case ValueType::Bool: return "boolean";
    case ValueType::Integer: return "integer";
    case ValueType::Real: return "real number";
    case ValueType::Text: return "string";
    case ValueType::IntegerArray: return "array of integers";
    case ValueType::RealArray: return "array of numbers";
  }
  return "unknown type";
}

}  // namespace mscsim
