#include <toml++/toml.h>

#include "sim/scenario/scenario.hpp"

namespace mscsim {
namespace {

std::string_view trimmed(std::string_view s) {
  const std::size_t first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const std::size_t last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool is_toml_value(std::string_view text) {
  try {
    const toml::table document = toml::parse("v = " + std::string(text));
    return document.size() == 1;
  } catch (const toml::parse_error&) {
    return false;
  }
}

// A bare word the shell left without quotes (--set dose.0.route=ia, --set run.name=my-run):
// letters, digits and . _ - + / : only, not starting like a number, array or table.
bool is_bare_word(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                         c == '_' || c == '-' || c == '+' || c == '/' || c == ':';
    if (!allowed) return false;
  }
  return true;
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
  std::string value(trimmed(assignment.substr(equals + 1)));
  // The shell eats the quotes of --set dose.0.route="ia": a bare word that is not a TOML value
  // is taken as the string it obviously is (a number key then reports "got a string").
  if (is_bare_word(value) && !is_toml_value(value)) value = '"' + value + '"';
  return Override{std::string(key), std::move(value)};
}

}  // namespace mscsim
