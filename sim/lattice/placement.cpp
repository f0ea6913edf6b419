#include "sim/lattice/placement.hpp"

#include <utility>

namespace mscsim {

namespace {
std::vector<std::uint32_t> pick(std::vector<std::uint32_t> candidates, std::size_t count, rng::RandomStream& stream) {
  const std::size_t n = candidates.size();
  const std::size_t k = count < n ? count : n;
  for (std::size_t i = 0; i < k; ++i) {
    const std::size_t j = i + static_cast<std::size_t>(stream.below(n - i));
    std::swap(candidates[i], candidates[j]);
  }
  candidates.resize(k);
  return candidates;
}
}  // namespace

std::vector<std::uint32_t> choose_free_voxels(const Lattice& lattice, std::size_t count, rng::RandomStream& stream) {
  std::vector<std::uint32_t> free;
  free.reserve(lattice.voxel_count());
  for (std::uint32_t v = 0; v < lattice.voxel_count(); ++v)
    if (lattice.is_free(v)) free.push_back(v);
  return pick(std::move(free), count, stream);
}

std::vector<std::uint32_t> choose_free_voxels_near(const Lattice& lattice, std::uint32_t centre, double radius_um,
                                                   std::size_t count, rng::RandomStream& stream) {
  std::vector<std::uint32_t> free;
  for (std::uint32_t v = 0; v < lattice.voxel_count(); ++v)
    if (lattice.is_free(v) && lattice.distance_um(v, centre) <= radius_um) free.push_back(v);
  return pick(std::move(free), count, stream);
}

std::uint32_t random_free_neighbour(const Lattice& lattice, std::uint32_t voxel, rng::RandomStream& stream) {
  std::array<std::uint32_t, Lattice::kMaxNeighbours> around;
  const int n = lattice.neighbours(voxel, around);
  int free = 0;
  for (int i = 0; i < n; ++i)
    if (lattice.is_free(around[i])) around[free++] = around[i];
  if (free == 0) {
    (void)stream();  // keep the number of draws fixed
    return 0xFFFFFFFFu;
  }
  return around[stream.below(static_cast<std::uint64_t>(free))];
}

}  // namespace mscsim
