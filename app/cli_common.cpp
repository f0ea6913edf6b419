#include "app/cli_common.hpp"

#include <iostream>

#include "app/build_info.hpp"

namespace mscsim::cli {

ParsedCommand parse_command(const std::vector<std::string>& args, boost::program_options::options_description& options) {
  namespace po = boost::program_options;
  options.add_options()("help,h", "show this help");
  ParsedCommand parsed;
  po::options_description hidden;
  hidden.add_options()("positional", po::value(&parsed.positional));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("positional", -1);
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), parsed.options);
  po::notify(parsed.options);
  if (parsed.options.count("help")) {
    std::cout << options << "\n";
    parsed.help = true;
  }
  return parsed;
}

Scenario load_scenario(const std::optional<std::string>& path, const std::vector<std::string>& assignments,
                       const ParameterCatalogue& catalogue, std::optional<std::uint64_t> seed) {
  std::vector<Override> overrides;
  for (const std::string& a : assignments) overrides.push_back(Override::parse(a));
  if (seed) overrides.push_back({"run.seed", std::to_string(*seed)});
  if (path) return load_scenario_file(*path, catalogue, overrides);
  return load_scenario_text(kQuickstartScenario, "<built-in quickstart>", catalogue, overrides);
}

}  // namespace mscsim::cli
