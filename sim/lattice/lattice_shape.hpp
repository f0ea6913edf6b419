#pragma once
// The geometry of the voxel grid shared by agents and fields.
#include <cstddef>
#include <cstdint>

namespace mscsim {

struct LatticeShape {
  int nx = 1;
  int ny = 1;
  int nz = 1;             // 1 for a 2-D lattice
  double voxel_um = 20.0;  // edge length of a cubic voxel

  bool is_3d() const { return nz > 1; }
  std::size_t voxel_count() const {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) * static_cast<std::size_t>(nz);
  }
  // x fastest, then y, then z.
  std::uint32_t index(int x, int y, int z = 0) const {
    return static_cast<std::uint32_t>(x + nx * (y + static_cast<std::int64_t>(ny) * z));
  }
  int x_of(std::uint32_t v) const { return static_cast<int>(v % static_cast<std::uint32_t>(nx)); }
  int y_of(std::uint32_t v) const { return static_cast<int>((v / static_cast<std::uint32_t>(nx)) % static_cast<std::uint32_t>(ny)); }
  int z_of(std::uint32_t v) const { return static_cast<int>(v / (static_cast<std::uint32_t>(nx) * static_cast<std::uint32_t>(ny))); }
  bool contains(int x, int y, int z = 0) const { return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz; }
};

}  // namespace mscsim
