#include "models/b_cells/b_cell.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_b_cell_models(ModelList& models) { models.push_back(std::make_unique<BCell>()); }
}  // namespace mscsim::models
