#pragma once
// The one place that wires the biology into the engine: the list of models in the order
// their rules run, and the catalogue of every parameter (engine and models).
#include "sim/engine/model.hpp"
#include "sim/params/parameter_catalogue.hpp"

namespace mscsim::models {

ModelList create_models();

// Engine parameters followed by every model's.
ParameterCatalogue build_catalogue(const ModelList& models);

}  // namespace mscsim::models
