#include "models/registry.hpp"

namespace mscsim::models {
// This area registers no model yet.
void register_tissue_models(ModelList&) {}
}  // namespace mscsim::models
