#include "models/endpoints.hpp"

namespace mscsim::models {

std::vector<sweep::EndpointSpec> sweep_endpoints() {
  using sweep::Reducer;
  // A series a scenario does not write (no doses: no biodistribution) gives no column.
  return {
      // Disease: the clinical picture over the course and at its end.
      {"tissue/disease_activity", {Reducer::final, Reducer::mean, Reducer::peak}},
      {"tissue/mean_damage", {Reducer::final, Reducer::mean}},
      // The Yin-Yang of the MSCs and the immune balance indices (log2 ratios).
      {"balance/*", {Reducer::final, Reducer::mean}},
      {"msc/fraction_msc2", {Reducer::final, Reducer::mean}},
      {"msc/mean_licensing_level", {Reducer::final, Reducer::mean}},
      // MSCs at the target: on the lattice, in the whole target organ, and in the lungs
      // (first-pass entrapment after iv, a harm proxy).
      {"agents/msc", {Reducer::final, Reducer::peak, Reducer::auc}},
      {"biodistribution/lattice/total", {Reducer::final, Reducer::peak, Reducer::auc}},
      {"biodistribution/whole_organ/organ", {Reducer::peak, Reducer::auc}},
      {"biodistribution/lung/total", {Reducer::peak, Reducer::auc}},
      // In vitro readouts: T-cell proliferation (MLR) and the cells present.
      {"t_proliferation/mean_divisions", {Reducer::final}},
      {"agents/total", {Reducer::final}},
  };
}

}  // namespace mscsim::models
