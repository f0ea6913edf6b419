#pragma once
// The endpoints a sweep summarises for every run (docs/sweeps.md): the one place that
// says which series of a run answer the questions users ask of a sweep.
#include <vector>

#include "sim/sweep/endpoints.hpp"

namespace mscsim::models {

std::vector<sweep::EndpointSpec> sweep_endpoints();

}  // namespace mscsim::models
