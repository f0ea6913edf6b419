#pragma once
// Occupancy of the voxel grid: at most one agent per voxel, and the neighbourhood
// (Moore: 8 neighbours in 2-D, 26 in 3-D) that contact rules and movement use.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/lattice/lattice_shape.hpp"

namespace mscsim {

// Which agent sits in a voxel: population index (cell type) and row in that population.
struct AgentHandle {
  std::uint32_t population = 0;
  std::uint32_t row = 0;
};

class Lattice {
 public:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;
  static constexpr std::uint32_t kRowBits = 26;  // 64 M rows per population, 63 populations
  static constexpr int kMaxNeighbours = 26;

  explicit Lattice(LatticeShape shape);

  const LatticeShape& shape() const { return shape_; }
  std::size_t voxel_count() const { return occupancy_.size(); }

  bool is_free(std::uint32_t voxel) const { return occupancy_[voxel] == kEmpty; }
  std::uint32_t raw(std::uint32_t voxel) const { return occupancy_[voxel]; }
  AgentHandle occupant(std::uint32_t voxel) const { return decode(occupancy_[voxel]); }
  void place(std::uint32_t voxel, AgentHandle who) { occupancy_[voxel] = encode(who); }
  void clear(std::uint32_t voxel) { occupancy_[voxel] = kEmpty; }
  void clear_all();

  // Neighbours of a voxel inside the lattice; returns how many were written.
  int neighbours(std::uint32_t voxel, std::array<std::uint32_t, kMaxNeighbours>& out) const;
  // Number of Moore offsets (8 or 26), whether or not they fall inside.
  int neighbourhood_size() const { return static_cast<int>(offsets_.size()); }

  // The k-th Moore neighbour (0 <= k < neighbourhood_size()), or kEmpty when it lies
  // outside the lattice. A random hop draws k uniformly; a hop off the edge is refused,
  // so an agent at the edge stays put as often as the missing neighbours would have
  // taken it (a reflecting boundary). Cheaper than listing every neighbour.
  std::uint32_t neighbour(std::uint32_t voxel, int k) const {
    const Offset& o = offsets_[static_cast<std::size_t>(k)];
    const std::uint32_t nx = static_cast<std::uint32_t>(shape_.nx);
    const std::uint32_t row = voxel / nx;
    const int x = static_cast<int>(voxel - row * nx) + o.dx;
    int y, z;
    if (shape_.nz == 1) {
      y = static_cast<int>(row) + o.dy;
      z = 0;
    } else {
      const std::uint32_t ny = static_cast<std::uint32_t>(shape_.ny);
      const std::uint32_t layer = row / ny;
      y = static_cast<int>(row - layer * ny) + o.dy;
      z = static_cast<int>(layer) + o.dz;
    }
    if (!shape_.contains(x, y, z)) return kEmpty;
    return static_cast<std::uint32_t>(static_cast<std::int64_t>(voxel) + o.linear);
  }

  // Calls visit(neighbour_voxel) for every Moore neighbour inside the lattice, in offset
  // order (coordinates computed once: cheaper than neighbour(v, k) for every k).
  template <class Visit>
  void for_each_neighbour_voxel(std::uint32_t voxel, Visit&& visit) const {
    const std::uint32_t nx = static_cast<std::uint32_t>(shape_.nx);
    const std::uint32_t row = voxel / nx;
    const int x = static_cast<int>(voxel - row * nx);
    int y = static_cast<int>(row), z = 0;
    if (shape_.nz > 1) {
      const std::uint32_t ny = static_cast<std::uint32_t>(shape_.ny);
      z = static_cast<int>(row / ny);
      y = static_cast<int>(row - static_cast<std::uint32_t>(z) * ny);
    }
    const bool interior = x > 0 && y > 0 && x + 1 < shape_.nx && y + 1 < shape_.ny &&
                          (shape_.nz == 1 || (z > 0 && z + 1 < shape_.nz));
    for (const Offset& o : offsets_) {
      if (!interior && !shape_.contains(x + o.dx, y + o.dy, z + o.dz)) continue;
      visit(static_cast<std::uint32_t>(static_cast<std::int64_t>(voxel) + o.linear));
    }
  }

  // Distance between voxel centres in micrometres.
  double distance_um(std::uint32_t a, std::uint32_t b) const;

  static std::uint32_t encode(AgentHandle h) { return (h.population << kRowBits) | h.row; }
  static AgentHandle decode(std::uint32_t code) {
    return {code >> kRowBits, code & ((1u << kRowBits) - 1u)};
  }

  std::size_t bytes() const { return occupancy_.capacity() * sizeof(std::uint32_t); }

 private:
  struct Offset {
    int dx, dy, dz;
    std::int64_t linear;  // dx + nx (dy + ny dz)
  };
  LatticeShape shape_;
  std::vector<std::uint32_t> occupancy_;
  std::vector<Offset> offsets_;
};

}  // namespace mscsim
