// libFuzzer target: scenario text (and --set overrides) loaded as `mscsim check` loads it.
// Bad input may only end in an InputError (exit 2 in mscsim); anything else is a finding:
// a sanitizer report, an assertion, another exception, or a valid scenario whose resolved
// TOML (written into every output for provenance) does not load back to itself.
//
// Overrides ride inside the TOML as comment lines "#set key=value", so every seed stays a
// valid scenario file and the fuzzer mutates file and overrides together.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "models/register_models.hpp"
#include "sim/engine/preflight.hpp"
#include "sim/scenario/scenario.hpp"

namespace {

const mscsim::ParameterCatalogue& catalogue() {
  static const mscsim::ModelList models = mscsim::models::create_models();
  static const mscsim::ParameterCatalogue catalogue = mscsim::models::build_catalogue(models);
  return catalogue;
}

std::vector<mscsim::Override> overrides_in(std::string_view text) {
  constexpr std::string_view marker = "#set ";
  std::vector<mscsim::Override> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    if (line.starts_with(marker)) out.push_back(mscsim::Override::parse(line.substr(marker.size())));
    start = end + 1;
  }
  return out;
}

[[noreturn]] void finding(const char* what, const std::string& detail) {
  std::fprintf(stderr, "fuzz_scenario: %s: %s\n", what, detail.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string source = "fuzz.toml";
  std::string resolved;
  try {
    const mscsim::Scenario scenario = mscsim::load_scenario_text(text, source, catalogue(), overrides_in(text));
    const mscsim::RunEstimate estimate = mscsim::estimate_run(scenario, catalogue());
    // No machine limits (they depend on the machine), but the checks that always apply.
    mscsim::check_run_limits(scenario, estimate, mscsim::RunLimits{}, 1, false);
    resolved = scenario.to_toml();
  } catch (const mscsim::InputError&) {
    return 0;  // rejected with a message: what bad input should get
  }
  try {
    const mscsim::Scenario again = mscsim::load_scenario_text(resolved, source, catalogue());
    if (again.to_toml() != resolved) finding("resolved scenario loads back differently", resolved);
  } catch (const mscsim::InputError& e) {
    finding("resolved scenario does not load back", e.what());
  }
  return 0;
}
