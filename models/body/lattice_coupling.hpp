#pragma once
// Coupling of the target compartment to the tissue lattice (docs/ODD.md section 1.2): the
// lattice stands for a sample of volume V_lattice of a target organ of volume V_target, so
// each cell entering the target tissue lands on the lattice with probability
// f = V_lattice / V_target (a binomial draw over the cells entering in one step); the
// others stay in the off-lattice compartment target_tissue. Cells arriving from the blood
// land on free vessel voxels; cells of a local injection around the injection site.
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/lattice/lattice.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim::models {

// V_lattice in mL: voxel count x voxel_um^3 (a 2-D lattice is one voxel deep); 1 mL = 1e12 um^3.
double lattice_volume_ml(const LatticeShape& shape);
// f = V_lattice / V_target.
double sampling_fraction(const LatticeShape& shape, double target_volume_ml);

// The voxel of an injection site given in um (a negative coordinate: the lattice centre;
// a 3-D lattice: the middle layer).
std::uint32_t injection_voxel(const LatticeShape& shape, double x_um, double y_um);

// Puts one new cell in a free voxel (spawns it).
using PlaceCell = std::function<void(std::uint32_t voxel)>;

// Up to `count` cells on distinct free vessel voxels chosen uniformly, then (vessels full)
// on free neighbours of random vessels; with no vessels, on random free voxels. Returns
// how many were placed (fewer when the surroundings are full).
std::size_t place_at_vessels(const Lattice& lattice, const std::vector<std::uint32_t>& vessels, std::size_t count,
                             rng::RandomStream& stream, const PlaceCell& place);
// Up to `count` cells on free voxels within radius_um of `centre`, doubling the radius
// until all are placed or the lattice is covered. Returns how many were placed.
std::size_t place_near(const Lattice& lattice, std::uint32_t centre, double radius_um, std::size_t count,
                       rng::RandomStream& stream, const PlaceCell& place);
// Up to `count` cells on free voxels anywhere, uniformly. Returns how many were placed.
std::size_t place_anywhere(const Lattice& lattice, std::size_t count, rng::RandomStream& stream,
                           const PlaceCell& place);

}  // namespace mscsim::models
