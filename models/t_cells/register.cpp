#include "models/registry.hpp"
#include "models/t_cells/effector_t_cell.hpp"

namespace mscsim::models {
void register_t_cell_models(ModelList& models) { models.push_back(std::make_unique<EffectorTCell>()); }
}  // namespace mscsim::models
