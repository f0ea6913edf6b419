// mscsim check SCENARIO.toml [--set key=value]...
#include <boost/program_options.hpp>
#include <iostream>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "models/register_models.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {

int command_check(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim check SCENARIO.toml [options]\n\nValidates a scenario and prints it fully resolved (every default "
      "filled in, with units, ranges and references) as TOML. Exit code 0 if valid, 2 if not.\n\noptions");
  std::vector<std::string> assignments;
  options.add_options()(
      "set", po::value(&assignments)->composing(), "override a parameter: --set key.path=value (repeatable)");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& positional = parsed.positional;
  if (positional.size() != 1) throw UsageError("mscsim check takes exactly one scenario file (see mscsim check --help)");
  const ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const Scenario scenario = load_scenario(positional[0], assignments, catalogue);
  std::cout << scenario.to_toml();
  return kSuccess;
}

}  // namespace mscsim::cli
