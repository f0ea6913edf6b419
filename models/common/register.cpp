#include "models/common/cotherapy.hpp"
#include "models/common/cytokine_fields.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_common_models(ModelList& models) {
  models.push_back(std::make_unique<CytokineFields>());
  models.push_back(std::make_unique<CoTherapy>());  // declares cotherapy.*; the cell models read it
}
}  // namespace mscsim::models
