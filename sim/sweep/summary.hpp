#pragma once
// The summary of a sweep: one row per planned run (identity, swept values, seed, status,
// wall time, endpoints), rebuilt from the run files alone, so it is the same whichever
// executor ran them and however often it is rebuilt (docs/sweeps.md).
#include <string>
#include <vector>

#include "sim/sweep/endpoints.hpp"
#include "sim/sweep/run_plan.hpp"
#include "sim/sweep/sweep_folder.hpp"

namespace mscsim::sweep {

struct SummaryCounts {
  std::size_t ok = 0, failed = 0, missing = 0;
};

// Writes DIR/summary.h5 and DIR/summary.csv (each atomically). Throws OutputError.
SummaryCounts write_summary(const SweepSpec& spec, const std::vector<PlannedRun>& plan, const SweepFolder& folder,
                            const std::vector<EndpointSpec>& endpoints);

}  // namespace mscsim::sweep
