#include "sim/scenario/scenario.hpp"

namespace mscsim {
namespace {

std::string_view trimmed(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

}  // namespace

Override Override::parse(std::string_view assignment) {
  const SourceLocation where{"--set", 0, 0};
  // Split at the first '=' only: the value may itself contain '=' (a string "a=b").
  const std::size_t equals = assignment.find('=');
  if (equals == std::string_view::npos) {
    throw ScenarioError(where, "", "expected key=value, got '" + std::string(assignment) + "' (no '=')");
  }
  const std::string_view key = trimmed(assignment.substr(0, equals));
  if (key.empty()) {
    throw ScenarioError(where, "", "expected key=value, got '" + std::string(assignment) + "' (empty key)");
  }
  return Override{std::string(key), std::string(trimmed(assignment.substr(equals + 1)))};
}

}  // namespace mscsim
