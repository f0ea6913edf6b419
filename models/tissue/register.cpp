#include "models/registry.hpp"
#include "models/tissue/immune_readouts.hpp"
#include "models/tissue/recruitment.hpp"
#include "models/tissue/tissue_health.hpp"

namespace mscsim::models {
void register_tissue_models(ModelList& models) {
  models.push_back(std::make_unique<TissueHealth>());
  models.push_back(std::make_unique<Recruitment>());  // vessels are placed before any cell
  models.push_back(std::make_unique<ImmuneReadouts>());
}
}  // namespace mscsim::models
