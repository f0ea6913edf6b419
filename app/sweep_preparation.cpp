#include "app/sweep_preparation.hpp"

#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <map>

#include "sim/scenario/scenario.hpp"
#include "sim/sweep/child_process.hpp"
#include "sim/sweep/sweep_folder.hpp"

#ifndef MSCSIM_ANALYSIS_DIR
#define MSCSIM_ANALYSIS_DIR ""
#endif

namespace mscsim::cli {
namespace {

// The message of an InputError without its "file:line:col: key: " prefix.
std::string bare_message(const InputError& e) {
  const std::string prefix = InputError::format(e.where(), e.key(), "");
  const std::string what = e.what();
  return what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
}

// Re-locates a scenario error caused by a sweep's override at the sweep file's line.
[[noreturn]] void rethrow_in_sweep(const ScenarioError& e, const sweep::PlannedRun& run) {
  if (e.where().file == "--set") {
    // The override whose key the error names, or whose key starts the named key.
    const sweep::RunOverride* culprit = nullptr;
    for (const sweep::RunOverride& o : run.overrides) {
      if (o.key == e.key() || e.key().rfind(o.key + ".", 0) == 0 || o.key.rfind(e.key() + ".", 0) == 0) culprit = &o;
    }
    if (culprit != nullptr) {
      const std::string message = bare_message(e);
      const bool about_the_key = message.rfind("unknown key", 0) == 0 || message.rfind("not a parameter", 0) == 0;
      throw ScenarioError(about_the_key ? culprit->key_where : culprit->where, culprit->key, message);
    }
  }
  // A check across keys of the base scenario with the sweep's values: say which run.
  throw ScenarioError(e.where(), e.key(), bare_message(e) + " (in sweep run " + run.id + ")");
}

}  // namespace

PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file, const ParameterCatalogue& catalogue,
                            const std::filesystem::path& text_origin) {
  PreparedSweep prepared;
  prepared.spec = text_origin.empty() ? sweep::load_sweep_file(sweep_file)
                                      : sweep::load_sweep_text(sweep::read_whole_file(sweep_file), text_origin);
  const sweep::SweepSpec& spec = prepared.spec;
  std::string base_text;
  try {
    base_text = sweep::read_whole_file(spec.base);
  } catch (const std::exception&) {
    throw ScenarioError(spec.base_where, "sweep.base", "cannot read the base scenario " + spec.base.string());
  }
  prepared.plan = sweep::make_plan(spec, [&](const std::string& key) {
    const ParameterSpec* p = catalogue.find(key);
    return p != nullptr && p->type == ValueType::Integer;
  });

  // Replicates differ only by seed: load each (arm, point) once.
  std::map<std::pair<std::string, std::size_t>, double> duration_of_point;
  for (const sweep::PlannedRun& run : prepared.plan) {
    const auto point = std::make_pair(run.arm, run.point);
    auto it = duration_of_point.find(point);
    if (it == duration_of_point.end()) {
      std::vector<Override> overrides;
      for (const sweep::RunOverride& o : run.overrides) overrides.push_back({o.key, o.value_text});
      try {
        const Scenario scenario = load_scenario_text(base_text, spec.base.string(), catalogue, overrides);
        it = duration_of_point.emplace(point, scenario.real("run.duration_h")).first;
      } catch (const ScenarioError& e) {
        rethrow_in_sweep(e, run);
      }
    }
    prepared.duration_h.push_back(it->second);
  }
  return prepared;
}

namespace {

// Where the Python analysis package is: MSCSIM_ANALYSIS_DIR if set; else beside an installed
// binary (PREFIX/bin/mscsim -> PREFIX/share/mscsim/analysis, as `cmake --install` lays it
// out); else the source tree this binary was built from.
std::string analysis_package_dir() {
  const char* env = std::getenv("MSCSIM_ANALYSIS_DIR");
  if (env != nullptr && *env != '\0') return env;
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path installed = exe.parent_path().parent_path() / "share" / "mscsim" / "analysis";
    if (std::filesystem::exists(installed / "mscsim_analysis", ec)) return installed.string();
  }
  return MSCSIM_ANALYSIS_DIR;
}

}  // namespace

bool compute_statistics(const std::filesystem::path& dir, bool quiet) {
  const char* python_env = std::getenv("MSCSIM_PYTHON");
  const std::string python = python_env != nullptr && *python_env != '\0' ? python_env : "/usr/bin/python3";
  const std::string analysis = analysis_package_dir();
  std::error_code ec;
  if (analysis.empty() || !std::filesystem::exists(std::filesystem::path(analysis) / "mscsim_analysis", ec)) {
    std::fprintf(stderr, "mscsim sweep: statistics not computed: the analysis package was not found "
                         "(set MSCSIM_ANALYSIS_DIR to the repository's analysis/ folder)\n");
    return false;
  }
  const char* old = std::getenv("PYTHONPATH");
  const std::string pythonpath = analysis + (old != nullptr && *old != '\0' ? ":" + std::string(old) : "");
  ::setenv("PYTHONPATH", pythonpath.c_str(), 1);
  std::vector<std::string> argv{python, "-m", "mscsim_analysis.sweep_stats", dir.string()};
  if (quiet) argv.push_back("--quiet");
  std::fflush(stdout);
  const sweep::CommandOutput out = sweep::run_and_capture(argv);
  std::fputs(out.out.c_str(), stdout);
  if (out.exit_code != 0) {
    std::fprintf(stderr, "mscsim sweep: statistics not computed (%s exited with %d); the summary is complete; "
                         "retry with: %s -m mscsim_analysis.sweep_stats %s\n",
                 python.c_str(), out.exit_code, python.c_str(), dir.string().c_str());
    return false;
  }
  return true;
}

}  // namespace mscsim::cli
