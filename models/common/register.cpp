#include "models/common/cotherapy.hpp"
#include "models/common/cytokine_fields.hpp"
#include "models/common/receptor_uptake.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_common_models(ModelList& models) {
  models.push_back(std::make_unique<CytokineFields>());
  models.push_back(std::make_unique<CoTherapy>());  // declares cotherapy.*; the cell models read it
  models.push_back(std::make_unique<ReceptorUptake>());
}
}  // namespace mscsim::models
