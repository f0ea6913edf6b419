#pragma once
// A sweep made ready to run: the sweep file read, the run table made, and every run's
// scenario loaded and checked against the catalogue before anything is written, so a bad
// value fails in one line naming the sweep file's line that gave it.
#include <filesystem>
#include <string>
#include <vector>

#include "sim/params/parameter_catalogue.hpp"
#include "sim/sweep/run_plan.hpp"

namespace mscsim::cli {

struct PreparedSweep {
  sweep::SweepSpec spec;
  std::vector<sweep::PlannedRun> plan;
  std::vector<double> duration_h;  // simulated time of each run
};

// `text_origin`: when the sweep text comes from a sweep folder's copy, the path of the
// original file (its folder resolves a relative base); empty for a file read directly.
PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file, const ParameterCatalogue& catalogue,
                            const std::filesystem::path& text_origin = {});

// Runs `python -m mscsim_analysis.sweep_stats DIR`, which prints the statistics table and
// stores it in summary.h5. Returns false (after one line on stderr) when it could not.
bool compute_statistics(const std::filesystem::path& dir, bool quiet);

}  // namespace mscsim::cli
