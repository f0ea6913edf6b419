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
  options.add_options()("help,h", "show this help")(
      "set", po::value(&assignments)->composing(), "override a parameter: --set key.path=value (repeatable)");
  po::options_description hidden;
  std::vector<std::string> positional;
  hidden.add_options()("scenario", po::value(&positional));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options << "\n";
    return kSuccess;
  }
  if (positional.size() != 1) throw UsageError("mscsim check takes exactly one scenario file (see mscsim check --help)");
  const ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  const Scenario scenario = load_scenario(positional[0], assignments, catalogue);
  std::cout << scenario.to_toml();
  return kSuccess;
}

}  // namespace mscsim::cli
