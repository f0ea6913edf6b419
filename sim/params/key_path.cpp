#include "sim/params/key_path.hpp"

#include <algorithm>
#include <cctype>

namespace mscsim::key_path {

std::vector<std::string_view> split(std::string_view key) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = key.find('.', start);
    if (dot == std::string_view::npos) {
      out.push_back(key.substr(start));
      return out;
    }
    out.push_back(key.substr(start, dot - start));
    start = dot + 1;
  }
}

bool is_bare_segment(std::string_view segment) {
  return !segment.empty() && std::all_of(segment.begin(), segment.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
}

bool is_index_segment(std::string_view segment) {
  if (segment.empty() || segment.size() > 9) return false;
  if (segment.size() > 1 && segment.front() == '0') return false;
  return std::all_of(segment.begin(), segment.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

std::string_view parent(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : key.substr(0, dot);
}

std::string_view last_segment(std::string_view key) {
  const std::size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

std::string fill_pattern(std::string_view pattern, std::string_view concrete) {
  const std::vector<std::string_view> from = split(pattern);
  const std::vector<std::string_view> given = split(concrete);
  std::string out;
  for (std::size_t i = 0; i < from.size(); ++i) {
    if (i > 0) out += '.';
    const bool take = from[i] == "*" && i < given.size() && is_index_segment(given[i]);
    out += take ? given[i] : from[i];
  }
  return out;
}

}  // namespace mscsim::key_path
