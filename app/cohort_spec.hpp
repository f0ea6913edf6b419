#pragma once
// A cohort file (docs/cohorts.md): a base disease scenario, a seed, a number of virtual
// patients, their attributes as distributions over scenario key paths, the treated and
// untreated arms, and the responder definition. Loaded and checked completely before
// anything runs; every problem is a ScenarioError naming the file, line:column and key.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sweep/sweep_spec.hpp"

namespace mscsim::cohort {

enum class Distribution { normal, lognormal, uniform, choice };

// One patient attribute: a scenario key and the distribution its value is drawn from.
struct Attribute {
  std::string key;
  Distribution distribution = Distribution::normal;
  double mean = 0.0, sd = 0.0;        // normal
  double median = 0.0, sigma = 0.0;   // lognormal: exp(N(log median, sigma^2))
  double from = 0.0, to = 0.0;        // uniform
  bool truncated = false;             // normal, lognormal: redrawn until inside [min, max]
  double min = 0.0, max = 0.0;
  std::vector<sweep::LocatedValue> choices;  // choice: the values ...
  std::vector<double> weights;               // ... and their relative weights (all 1 by default)
  SourceLocation where;               // the attribute's key line
};

enum class ResponderRule { at_most, at_least, below_untreated, below_start };

// Who responds: a summary endpoint of each run compared with a threshold (in each arm),
// with the same run's series at its start (in each arm: the trajectory's first value), or
// the treated run compared with the same patient's untreated run.
struct Responder {
  std::string endpoint;         // "<series>:<reducer>", a column of the sweep summary
  SourceLocation endpoint_where;
  ResponderRule rule = ResponderRule::at_most;
  double threshold = 0.0;       // at_most, at_least
  double margin = 0.0;          // below_untreated / below_start: value <= reference - margin ...
  double relative_margin = 0.0; // ... and <= reference * (1 - relative_margin)
  std::string criterion;        // the clinical criterion it stands for (text)
};

struct CohortSpec {
  std::filesystem::path file;
  std::string text;
  std::string name;
  std::filesystem::path base;  // resolved against the cohort file's folder
  SourceLocation base_where;
  std::uint64_t seed = 1;
  int patients = 0;
  SourceLocation patients_where;
  std::vector<sweep::Assignment> set;        // every run
  std::vector<sweep::Assignment> treated;    // the treated arm's own overrides
  std::vector<sweep::Assignment> untreated;  // the untreated arm's own overrides
  std::vector<Attribute> attributes;
  Responder responder;
};

// Reads and checks a cohort file. Throws ScenarioError (file:line:column: key: message).
CohortSpec load_cohort_file(const std::filesystem::path& path);
CohortSpec load_cohort_text(const std::string& text, const std::filesystem::path& path);

const char* to_string(Distribution distribution);
const char* to_string(ResponderRule rule);

}  // namespace mscsim::cohort
