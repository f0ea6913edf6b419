#include "models/msc/msc.hpp"
#include "models/registry.hpp"

namespace mscsim::models {
void register_msc_models(ModelList& models) {
  models.push_back(std::make_unique<Msc>());
}
}  // namespace mscsim::models
