#include "sim/lattice/lattice.hpp"

#include <algorithm>
#include <cmath>

#include "sim/core/errors.hpp"

namespace mscsim {

Lattice::Lattice(LatticeShape shape) : shape_(shape), occupancy_(shape.voxel_count(), kEmpty) {
  if (shape.nx < 1 || shape.ny < 1 || shape.nz < 1)
    throw ConfigurationError("lattice dimensions must be positive");
  if (shape.voxel_count() >= kEmpty) throw ConfigurationError("lattice too large for 32-bit voxel indices");
  const int zr = shape.is_3d() ? 1 : 0;
  for (int dz = -zr; dz <= zr; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (dx != 0 || dy != 0 || dz != 0)
          offsets_.push_back({dx, dy, dz, dx + static_cast<std::int64_t>(shape.nx) * (dy + static_cast<std::int64_t>(shape.ny) * dz)});
}

void Lattice::clear_all() { std::fill(occupancy_.begin(), occupancy_.end(), kEmpty); }

int Lattice::neighbours(std::uint32_t voxel, std::array<std::uint32_t, kMaxNeighbours>& out) const {
  const int x = shape_.x_of(voxel), y = shape_.y_of(voxel), z = shape_.z_of(voxel);
  int n = 0;
  for (const Offset& o : offsets_) {
    const int nx = x + o.dx, ny = y + o.dy, nz = z + o.dz;
    if (shape_.contains(nx, ny, nz)) out[n++] = shape_.index(nx, ny, nz);
  }
  return n;
}

double Lattice::distance_um(std::uint32_t a, std::uint32_t b) const {
  const double dx = shape_.x_of(a) - shape_.x_of(b);
  const double dy = shape_.y_of(a) - shape_.y_of(b);
  const double dz = shape_.z_of(a) - shape_.z_of(b);
  return std::sqrt(dx * dx + dy * dy + dz * dz) * shape_.voxel_um;
}

}  // namespace mscsim
