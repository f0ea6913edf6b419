// Values written as TOML text. Reals must read back bit for bit and stay reals, so the
// resolved scenario written into every output reproduces the run exactly.
#include <charconv>
#include <cstdio>
#include <variant>

#include "sim/params/parameter_catalogue.hpp"

namespace mscsim {
namespace {

std::string real_text(double x) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, x);
  std::string out(buffer, result.ptr);
  // "24" would read back as an integer; "24.0" keeps it a real. "1e+06", "inf" and
  // "nan" are already floats in TOML.
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

std::string string_text(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

template <class T, class Render>
std::string array_text(const std::vector<T>& values, const Render& render) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i == 0 ? "" : ", ") + render(values[i]);
  return out + "]";
}

}  // namespace

std::string to_toml_text(const Value& v) {
  switch (type_of(v)) {
    case ValueType::Bool: return std::get<bool>(v) ? "true" : "false";
    case ValueType::Integer: return std::to_string(std::get<std::int64_t>(v));
    case ValueType::Real: return real_text(std::get<double>(v));
    case ValueType::Text: return string_text(std::get<std::string>(v));
    case ValueType::IntegerArray:
      return array_text(std::get<std::vector<std::int64_t>>(v), [](std::int64_t x) { return std::to_string(x); });
    case ValueType::RealArray: return array_text(std::get<std::vector<double>>(v), real_text);
  }
  return "";
}

}  // namespace mscsim
