#include "models/body/body_model.hpp"
#include "models/registry.hpp"
#include "models/tissue/recruitment.hpp"

namespace mscsim::models {
// After the tissue area: cells arriving from the blood land on the recruitment model's
// vessel voxels, which its initializer places before the body's initializer runs.
void register_body_models(ModelList& models) {
  const Recruitment* recruitment = nullptr;
  for (const auto& model : models)
    if (const auto* r = dynamic_cast<const Recruitment*>(model.get())) recruitment = r;
  models.push_back(std::make_unique<Body>(recruitment));
}
}  // namespace mscsim::models
