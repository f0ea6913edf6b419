#include "models/registry.hpp"
#include "models/t_cells/cd4_t_cell.hpp"
#include "models/t_cells/cd8_t_cell.hpp"
#include "models/t_cells/regulatory_t_cell.hpp"
#include "models/t_cells/t_cell_readouts.hpp"
#include "models/t_cells/t_cell_shared.hpp"

namespace mscsim::models {
void register_t_cell_models(ModelList& models) {
  models.push_back(std::make_unique<TCellShared>());
  models.push_back(std::make_unique<Cd4TCell>());
  models.push_back(std::make_unique<Cd8TCell>());
  models.push_back(std::make_unique<RegulatoryTCell>());
  models.push_back(std::make_unique<TCellReadouts>());
}
}  // namespace mscsim::models
