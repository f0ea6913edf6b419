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
  };
  LatticeShape shape_;
  std::vector<std::uint32_t> occupancy_;
  std::vector<Offset> offsets_;
};

}  // namespace mscsim
