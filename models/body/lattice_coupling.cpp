#include "models/body/lattice_coupling.hpp"

#include <algorithm>
#include <cmath>

#include "sim/lattice/placement.hpp"

namespace mscsim::models {

double lattice_volume_ml(const LatticeShape& shape) {
  const double edge_um = shape.voxel_um;
  return static_cast<double>(shape.voxel_count()) * edge_um * edge_um * edge_um * 1.0e-12;
}

double sampling_fraction(const LatticeShape& shape, double target_volume_ml) {
  return lattice_volume_ml(shape) / target_volume_ml;
}

std::uint32_t injection_voxel(const LatticeShape& shape, double x_um, double y_um) {
  auto coordinate = [&shape](double um, int extent) {
    if (um < 0.0) return extent / 2;
    return std::clamp(static_cast<int>(std::floor(um / shape.voxel_um)), 0, extent - 1);
  };
  return shape.index(coordinate(x_um, shape.nx), coordinate(y_um, shape.ny), shape.nz / 2);
}

std::size_t place_at_vessels(const Lattice& lattice, const std::vector<std::uint32_t>& vessels, std::size_t count,
                             rng::RandomStream& stream, const PlaceCell& place) {
  if (vessels.empty()) return place_anywhere(lattice, count, stream, place);
  std::vector<std::uint32_t> free;
  for (std::uint32_t v : vessels)
    if (lattice.is_free(v)) free.push_back(v);
  // Partial Fisher-Yates: distinct free vessels, uniformly.
  const std::size_t on_vessels = std::min(count, free.size());
  for (std::size_t i = 0; i < on_vessels; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(stream.below(free.size() - i));
    std::swap(free[i], free[j]);
    place(free[i]);
  }
  std::size_t placed = on_vessels;
  // Every vessel taken: beside a random vessel, with a bounded number of tries.
  for (std::size_t tries = 0; placed < count && tries < 4 * (count - on_vessels); ++tries) {
    const std::uint32_t vessel = vessels[stream.below(vessels.size())];
    const std::uint32_t target = random_free_neighbour(lattice, vessel, stream);
    if (target == Lattice::kEmpty) continue;
    place(target);
    ++placed;
  }
  return placed;
}

std::size_t place_near(const Lattice& lattice, std::uint32_t centre, double radius_um, std::size_t count,
                       rng::RandomStream& stream, const PlaceCell& place) {
  const LatticeShape& shape = lattice.shape();
  const double diagonal_um =
      shape.voxel_um * std::sqrt(static_cast<double>(shape.nx) * shape.nx + static_cast<double>(shape.ny) * shape.ny +
                                 static_cast<double>(shape.nz) * shape.nz);
  std::size_t placed = 0;
  for (double radius = radius_um; placed < count; radius *= 2.0) {
    for (std::uint32_t v : choose_free_voxels_near(lattice, centre, radius, count - placed, stream)) {
      place(v);
      ++placed;
    }
    if (radius > diagonal_um) break;
  }
  return placed;
}

std::size_t place_anywhere(const Lattice& lattice, std::size_t count, rng::RandomStream& stream,
                           const PlaceCell& place) {
  const std::vector<std::uint32_t> chosen = choose_free_voxels(lattice, count, stream);
  for (std::uint32_t v : chosen) place(v);
  return chosen.size();
}

}  // namespace mscsim::models
