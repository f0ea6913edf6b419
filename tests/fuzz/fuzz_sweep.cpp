// libFuzzer target: sweep file text read and planned as `mscsim sweep --dry-run` does,
// the first runs' overrides applied to a default base scenario. Bad input may only end in
// an InputError (exit 2 in mscsim); anything else (a sanitizer report, an assertion,
// another exception) is a finding.
#include <cstdint>
#include <string>

#include "models/register_models.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace {

const mscsim::ParameterCatalogue& catalogue() {
  static const mscsim::ModelList models = mscsim::models::create_models();
  static const mscsim::ParameterCatalogue catalogue = mscsim::models::build_catalogue(models);
  return catalogue;
}

// Plans beyond this many runs are valid but would only slow the fuzzer down.
constexpr double kMaxPlannedRuns = 2000;
// Scenario loads per input: enough to reach every kind of override.
constexpr std::size_t kLoadedRuns = 3;

// The plan's size, as make_plan will make it (a sampled arm has only sample axes).
double run_count(const mscsim::sweep::SweepSpec& spec) {
  using mscsim::sweep::AxisKind;
  double total = 0;
  for (const mscsim::sweep::Arm& arm : spec.arms) {
    double points = 1;
    if (!arm.axes.empty() && spec.axes[arm.axes[0]].kind == AxisKind::sample) {
      const double k = static_cast<double>(arm.axes.size());
      points = spec.sampling == mscsim::sweep::Sampling::lhs ? spec.samples : spec.samples * (k + 2);
    } else {
      for (std::size_t a : arm.axes) {
        const mscsim::sweep::Axis& axis = spec.axes[a];
        points *= axis.kind == AxisKind::values ? static_cast<double>(axis.values.size()) : axis.points;
      }
    }
    total += points * spec.replicates;
  }
  return total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const mscsim::sweep::SweepSpec spec = mscsim::sweep::load_sweep_text(text, "sweeps/fuzz.toml");
    if (run_count(spec) > kMaxPlannedRuns) return 0;
    const auto plan = mscsim::sweep::make_plan(spec, [](const std::string& key) {
      const mscsim::ParameterSpec* p = catalogue().find(key);
      return p != nullptr && p->type == mscsim::ValueType::Integer;
    });
    for (std::size_t i = 0; i < plan.size() && i < kLoadedRuns; ++i) {
      std::vector<mscsim::Override> overrides;
      for (const auto& o : plan[i].overrides) overrides.push_back({o.key, o.value_text});
      try {
        (void)mscsim::load_scenario_text("", "base.toml", catalogue(), overrides);
      } catch (const mscsim::InputError&) {
      }
    }
  } catch (const mscsim::InputError&) {
    return 0;
  }
  return 0;
}
