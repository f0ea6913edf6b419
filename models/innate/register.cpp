#include "models/registry.hpp"

namespace mscsim::models {
// This area registers no model yet.
void register_innate_models(ModelList&) {}
}  // namespace mscsim::models
