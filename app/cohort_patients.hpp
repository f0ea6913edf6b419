#pragma once
// Virtual patients of a cohort and the sweep that runs them (docs/cohorts.md).
//
// Patient i's value of attribute `key` is drawn from a Random123 stream keyed by (cohort
// seed, purpose "cohort.patient") at counter (i, hash of key): the same patients come out
// whatever the number of patients asked for, the order of the attributes, the executor or
// the shard. The cohort becomes a plain sweep file: arms "untreated" and "treated", one
// zipped explicit axis per attribute, point i = patient i in both arms (paired).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/cohort_spec.hpp"

namespace mscsim::cohort {

// One patient: per attribute (in file order) its value as TOML text.
struct Patient {
  std::vector<std::string> values;  // TOML value text, one per attribute
  std::uint64_t seed = 0;           // the patient's run seed, the same in both arms
};

// True when a scenario key holds an integer (drawn values are then rounded).
using IntegerKey = std::function<bool(const std::string& key)>;

std::vector<Patient> draw_patients(const CohortSpec& spec, int patients, const IntegerKey& is_integer);

// The sweep file that runs every patient treated and untreated. `base` is written as given
// (the caller passes an absolute path, so the text does not depend on where it is written).
std::string sweep_text(const CohortSpec& spec, const std::string& base, const std::vector<Patient>& patients);

// patients.csv: patient index, then one column per attribute key (strings unquoted).
std::string patients_csv(const CohortSpec& spec, const std::vector<Patient>& patients);

}  // namespace mscsim::cohort
