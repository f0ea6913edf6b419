#pragma once
// Dotted key paths ("event.0.start_h") and their list patterns ("event.*.start_h").
// Private to sim/params and sim/scenario.
#include <string>
#include <string_view>
#include <vector>

namespace mscsim::key_path {

// Segments between dots; an empty path gives one empty segment.
std::vector<std::string_view> split(std::string_view key);

// A segment that can be written as a bare TOML key: letters, digits, '_' and '-'.
bool is_bare_segment(std::string_view segment);

// A list element index: decimal digits only, no sign, no leading zero (so "07" stays a
// name and cannot alias element 7).
bool is_index_segment(std::string_view segment);

// Everything before the last dot ("" for a top-level key) and everything after it.
std::string_view parent(std::string_view key);
std::string_view last_segment(std::string_view key);

// The pattern of a concrete key: every index segment that directly follows a list name
// becomes "*". is_list(prefix) says whether a prefix (already in pattern form) is a list.
template <class IsList>
std::string to_pattern(std::string_view key, const IsList& is_list) {
  std::string out;
  for (std::string_view segment : split(key)) {
    const bool index = !out.empty() && is_index_segment(segment) && is_list(std::string_view(out));
    if (!out.empty()) out += '.';
    out += index ? std::string_view("*") : segment;
  }
  return out;
}

// Replace the "*" segments of a pattern by the segments at the same places in a concrete
// key, where it has them ("event.*.start_h" + "event.3.strt_h" gives "event.3.start_h").
std::string fill_pattern(std::string_view pattern, std::string_view concrete);

}  // namespace mscsim::key_path
