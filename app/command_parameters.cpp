// mscsim parameters [PREFIX] [--markdown] [--output FILE]
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "models/register_models.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {

int command_parameters(const std::vector<std::string>& args) {
  po::options_description options(
      "mscsim parameters [PREFIX] [options]\n\nLists every parameter of the engine and the models: key (unit in the "
      "name), default, valid range, unit and reference. With PREFIX, only the keys that start with it (msc. or "
      "suppression.t_proliferation).\n\noptions");
  std::string output;
  options.add_options()("markdown", "print the Markdown of docs/parameters.md")(
      "output", po::value(&output), "write to FILE instead of standard output (only if the content changed)");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  if (parsed.positional.size() > 1) throw UsageError("mscsim parameters takes at most one key prefix");
  const auto& vm = parsed.options;
  const std::string prefix = parsed.positional.empty() ? "" : parsed.positional[0];
  if (!prefix.empty() && (vm.count("markdown") || !output.empty()))
    throw UsageError("a key prefix lists parameters on the terminal; --markdown and --output write all of them");
  const ModelList models = models::create_models();
  const ParameterCatalogue catalogue = models::build_catalogue(models);
  std::string text;
  if (vm.count("markdown")) {
    text = catalogue.to_markdown();
  } else {
    std::ostringstream out;
    for (const ParameterSpec& p : catalogue.parameters()) {
      if (!p.key.starts_with(prefix)) continue;
      out << p.key << " = " << to_toml_text(p.default_value) << "  [" << p.unit << "]  " << p.reference << "\n";
    }
    text = out.str();
    if (text.empty())
      throw UsageError("no parameter key starts with '" + prefix + "' (mscsim parameters lists them all)");
  }
  if (output.empty()) {
    std::cout << text;
    return kSuccess;
  }
  std::ifstream existing(output);
  std::stringstream old;
  old << existing.rdbuf();
  if (old.str() != text) {
    std::ofstream out(output);
    if (!out) throw OutputError("cannot write " + output);
    out << text;
  }
  return kSuccess;
}

}  // namespace mscsim::cli
