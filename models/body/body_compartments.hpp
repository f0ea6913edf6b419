#pragma once
// The well-mixed places an infused MSC can be in the body (docs/ODD.md sections 1.2 and 3.3.7).
// `target` is the target organ's microvasculature (cells arrested there, e.g. after an
// intra-arterial injection); `target_tissue` is the organ's parenchyma off the lattice
// (the lattice is one small sample of it); `cleared` is absorbing (dead or phagocytosed),
// so nothing is lost from the books.
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace mscsim::models {

enum class Compartment : std::size_t {
  VenousBlood,
  ArterialBlood,
  Lung,
  Liver,
  Spleen,
  LymphNode,
  BoneMarrow,
  Target,
  TargetTissue,
  Csf,
  Peritoneum,
  Cleared,
};

inline constexpr std::size_t kCompartmentCount = 12;

inline constexpr std::array<const char*, kCompartmentCount> kCompartmentNames = {
    "venous_blood", "arterial_blood", "lung",          "liver", "spleen",     "lymph_node",
    "bone_marrow",  "target",         "target_tissue", "csf",   "peritoneum", "cleared"};

constexpr std::size_t index_of(Compartment c) {
  return static_cast<std::size_t>(c);
}

inline std::vector<std::string> compartment_names() {
  return {kCompartmentNames.begin(), kCompartmentNames.end()};
}

}  // namespace mscsim::models
