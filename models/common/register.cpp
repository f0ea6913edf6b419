#include "models/common/cytokine_fields.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_common_models(ModelList& models) { models.push_back(std::make_unique<CytokineFields>()); }
}  // namespace mscsim::models
