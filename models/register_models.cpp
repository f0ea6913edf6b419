#include "models/register_models.hpp"

#include "models/cytokine_fields.hpp"
#include "models/effector_t_cell.hpp"
#include "models/msc.hpp"
#include "sim/engine/engine_parameters.hpp"

namespace mscsim::models {

ModelList create_models() {
  ModelList models;
  models.push_back(std::make_unique<CytokineFields>());  // fields first: cell types look them up
  models.push_back(std::make_unique<Msc>());
  models.push_back(std::make_unique<EffectorTCell>());
  return models;
}

ParameterCatalogue build_catalogue(const ModelList& models) {
  ParameterCatalogue catalogue;
  declare_engine_parameters(catalogue);
  for (const auto& model : models) model->declare_parameters(catalogue);
  return catalogue;
}

}  // namespace mscsim::models
