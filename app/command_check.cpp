// mscsim check SCENARIO.toml [--set key=value]...
#include <boost/program_options.hpp>
#include <iostream>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "models/register_models.hpp"
#include "sim/engine/preflight.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {

int command_check(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim check SCENARIO.toml [options]\n\nValidates a scenario and prints it fully resolved (every default "
      "filled in, with units, ranges and references) as TOML, then the pre-flight estimate (steps, voxels, memory, "
      "output size). Exit code 0 if valid, 2 if not, or if the run would exceed 10^9 steps or the memory "
      "available.\n\noptions");
  std::vector<std::string> assignments;
  options.add_options()
      ("set", po::value(&assignments)->composing(), "override a parameter: --set key.path=value (repeatable)")
      ("no-limits", "accept a scenario beyond the pre-flight limits (10^9 steps, the memory available)");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& positional = parsed.positional;
  if (positional.size() != 1) throw UsageError("mscsim check takes exactly one scenario file (see mscsim check --help)");
  const ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const Scenario scenario = load_scenario(positional[0], assignments, catalogue);
  const RunEstimate estimate = estimate_run(scenario, catalogue);
  const RunLimits limits = machine_limits();
  check_run_limits(scenario, estimate, limits, 0, !parsed.options.count("no-limits"));
  std::cout << scenario.to_toml() << estimate_text(estimate, limits);
  return kSuccess;
}

}  // namespace mscsim::cli
