// "Did you mean" for unknown keys: typos, a forgotten unit suffix ("duration" for
// "duration_h") and a right name in the wrong table are the mistakes seen in practice.
#include <algorithm>
#include <set>

#include "sim/params/key_path.hpp"
#include "sim/params/parameter_catalogue.hpp"

namespace mscsim {
namespace {

// Optimal string alignment distance: Levenshtein plus swaps of neighbours ("nmae").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

bool is_unit_variant(std::string_view given, std::string_view declared) {
  auto extends = [](std::string_view longer, std::string_view shorter) {
    return !shorter.empty() && longer.size() > shorter.size() + 1 && longer.starts_with(shorter) &&
           longer[shorter.size()] == '_';
  };
  return extends(declared, given) || extends(given, declared);
}

constexpr std::size_t not_close = static_cast<std::size_t>(-1);

std::size_t closeness(std::string_view unknown, std::string_view candidate) {
  const std::string_view last_u = key_path::last_segment(unknown);
  const std::string_view last_c = key_path::last_segment(candidate);
  const std::size_t name_distance = is_unit_variant(last_u, last_c) ? 1 : edit_distance(last_u, last_c);
  std::size_t score = name_distance + edit_distance(key_path::parent(unknown), key_path::parent(candidate));
  // The exact name in another table is a likely slip, whatever the tables are called.
  if (name_distance == 0) score = std::min<std::size_t>(score, 1);
  const std::size_t allowed = std::max<std::size_t>(1, last_c.size() / 4);
  return score <= allowed ? score : not_close;
}

}  // namespace

std::vector<std::string> ParameterCatalogue::suggestions(std::string_view unknown_key) const {
  // No parameter key is near this long, and the edit distances would cost seconds
  // (a 100 kB key: 31 s); such a key is a paste error, not a typo.
  constexpr std::size_t kLongestKeyToMatch = 200;
  if (unknown_key.size() > kLongestKeyToMatch) return {};
  const std::string unknown =
      key_path::to_pattern(unknown_key, [this](std::string_view p) { return find_list(p) != nullptr; });

  // Parameters, then the tables and lists that hold them, in declaration order.
  std::vector<std::string> candidates;
  std::set<std::string, std::less<>> seen;
  auto add = [&](std::string_view c) {
    if (!c.empty() && key_path::last_segment(c) != "*" && seen.emplace(c).second) candidates.emplace_back(c);
  };
  for (const ParameterSpec& spec : specs_) add(spec.key);
  for (const ParameterSpec& spec : specs_) {
    for (std::string_view p = key_path::parent(spec.key); !p.empty(); p = key_path::parent(p)) add(p);
  }
  for (const ListSpec& list : lists_) add(list.name);

  std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (score, candidate index)
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] == unknown) continue;
    const std::size_t score = closeness(unknown, candidates[i]);
    if (score != not_close) ranked.emplace_back(score, i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<std::string> out;
  for (const auto& [score, i] : ranked) {
    std::string concrete = key_path::fill_pattern(candidates[i], unknown_key);
    if (std::find(out.begin(), out.end(), concrete) == out.end()) out.push_back(std::move(concrete));
  }
  return out;
}

}  // namespace mscsim
