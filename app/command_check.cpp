// mscsim check SCENARIO.toml [--set key=value]... [--changed]
#include <boost/program_options.hpp>
#include <iostream>
#include <string>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "models/register_models.hpp"
#include "sim/engine/preflight.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {
namespace {

// "event.*.cells" -> "event.2.cells".
std::string element_key(const std::string& spec_key, std::size_t index) {
  const std::size_t star = spec_key.find(".*.");
  return spec_key.substr(0, star) + "." + std::to_string(index) + spec_key.substr(star + 2);
}

std::string where(const SourceLocation& at) {
  if (at.line == 0) return at.file;
  return at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

// The parameters whose resolved value differs from the catalogue default, one line each with
// the default and where the value was set. List elements ([[dose]]) are compared with the
// defaults of an element.
std::string changed_text(const Scenario& scenario, const ParameterCatalogue& catalogue) {
  std::string lines;
  std::size_t count = 0;
  auto report = [&](const std::string& key, const ParameterSpec& spec) {
    const Value& value = scenario.value(key);
    if (value == spec.default_value) return;
    ++count;
    lines += key + " = " + to_toml_text(value) + "  # default " + to_toml_text(spec.default_value) + ", set at " +
             where(scenario.location_of(key)) + "\n";
  };
  for (const ParameterSpec& spec : catalogue.parameters()) {
    const std::size_t star = spec.key.find(".*.");
    if (star == std::string::npos) {
      report(spec.key, spec);
      continue;
    }
    const std::size_t n = scenario.list_size(spec.key.substr(0, star));
    for (std::size_t i = 0; i < n; ++i) report(element_key(spec.key, i), spec);
  }
  return "# " + std::to_string(count) + " parameter" + (count == 1 ? "" : "s") + " of " + scenario.source_name() +
         " differ from the defaults\n" + lines;
}

}  // namespace

int command_check(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim check SCENARIO.toml [options]\n\nValidates a scenario and prints it fully resolved (every default "
      "filled in, with units, ranges and references) as TOML, then the pre-flight estimate (steps, voxels, memory, "
      "output size). Exit code 0 if valid, 2 if not, or if the run would exceed 10^9 steps or the memory "
      "available.\n\noptions");
  std::vector<std::string> assignments;
  options.add_options()
      ("set", po::value(&assignments)->composing(), "override a parameter: --set key.path=value (repeatable)")
      ("no-limits", "accept a scenario beyond the pre-flight limits (10^9 steps, the memory available)")
      ("changed", "print only the parameters that differ from the defaults (with the default and where each was set)");
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
  if (parsed.options.count("changed")) {
    std::cout << changed_text(scenario, catalogue);
    return kSuccess;
  }
  std::cout << scenario.to_toml() << estimate_text(estimate, limits);
  return kSuccess;
}

}  // namespace mscsim::cli
