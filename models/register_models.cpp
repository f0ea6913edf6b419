#include "models/register_models.hpp"

#include "models/registry.hpp"
#include "sim/engine/engine_parameters.hpp"

namespace mscsim::models {

ModelList create_models() {
  ModelList models;
  register_common_models(models);  // fields first: every cell type looks them up
  register_tissue_models(models);
  register_msc_models(models);
  register_body_models(models);  // after tissue (vessel voxels) and MSC (the cells it doses)
  register_innate_models(models);
  register_t_cell_models(models);
  register_b_cell_models(models);
  return models;
}

ParameterCatalogue build_catalogue(const ModelList& models) {
  ParameterCatalogue catalogue;
  declare_engine_parameters(catalogue);
  for (const auto& model : models) model->declare_parameters(catalogue);
  return catalogue;
}

}  // namespace mscsim::models
