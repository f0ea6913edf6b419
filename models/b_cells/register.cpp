#include "models/registry.hpp"

namespace mscsim::models {
// This area registers no model yet.
void register_b_cell_models(ModelList&) {}
}  // namespace mscsim::models
