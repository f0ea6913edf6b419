#include "app/cli_common.hpp"

#include "app/build_info.hpp"

namespace mscsim::cli {

Scenario load_scenario(const std::optional<std::string>& path, const std::vector<std::string>& assignments,
                       const ParameterCatalogue& catalogue, std::optional<std::uint64_t> seed) {
  std::vector<Override> overrides;
  for (const std::string& a : assignments) overrides.push_back(Override::parse(a));
  if (seed) overrides.push_back({"run.seed", std::to_string(*seed)});
  if (path) return load_scenario_file(*path, catalogue, overrides);
  return load_scenario_text(kQuickstartScenario, "<built-in quickstart>", catalogue, overrides);
}

}  // namespace mscsim::cli
