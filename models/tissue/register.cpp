#include "models/registry.hpp"
#include "models/tissue/tissue_health.hpp"

namespace mscsim::models {
void register_tissue_models(ModelList& models) { models.push_back(std::make_unique<TissueHealth>()); }
}  // namespace mscsim::models
