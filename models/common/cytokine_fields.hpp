#pragma once
// The cytokine and signal fields of docs/ODD.md section 3.3.1, with their diffusion
// coefficients and tissue half-lives as parameters.
#include <vector>

#include "sim/engine/field_parameters.hpp"
#include "sim/engine/model.hpp"

namespace mscsim::models {

// The field table (name, unit, D, half-life and their sources).
const std::vector<FieldDefaults>& cytokine_field_table();

class CytokineFields final : public Model {
 public:
  std::string name() const override { return "cytokine_fields"; }
  void declare_parameters(ParameterCatalogue& catalogue) const override;
  void build(ModelBuilder& builder) override;
};

}  // namespace mscsim::models
