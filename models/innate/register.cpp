#include "models/innate/dendritic_cell.hpp"
#include "models/innate/macrophage.hpp"
#include "models/innate/macrophage_efferocytosis.hpp"
#include "models/innate/nk_cell.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_innate_models(ModelList& models) {
  models.push_back(std::make_unique<DendriticCell>());
  models.push_back(std::make_unique<Macrophage>());
  models.push_back(std::make_unique<NkCell>());
  models.push_back(std::make_unique<MacrophageEfferocytosis>());  // after the MSC and macrophage models
}
}  // namespace mscsim::models
