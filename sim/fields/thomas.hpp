#pragma once
// Tridiagonal (Thomas) solves of one backward-Euler diffusion step along one axis:
//   (I − r L) c_new = c_old,  r = D dt / dx²,
// L the 1-D second difference. At an edge the missing neighbour is either a mirror of
// the edge voxel (zero flux) or a ghost voxel held at the bath value (Dirichlet).
// The matrix is the same for every line of an axis, so the elimination factors are
// computed once per (field, axis, dt) and every line reuses them.
// Private to sim/fields.
#include <cstddef>
#include <vector>

namespace mscsim::fields_detail {

// Elimination factors of one axis. For line length n:
//   upper[i]     modified super-diagonal c'_i (upper[n-1] unused, 0)
//   inv_pivot[i] 1 / (b_i − a c'_{i-1}), the reciprocal pivot
// with a = c = −r off the diagonal.
struct LineFactors {
  std::size_t n = 0;
  double r = 0.0;
  double edge_source = 0.0;  // r · bath_value added at both ends for a bath, else 0
  std::vector<double> upper;
  std::vector<double> inv_pivot;
};

// Factors of (I − r L) for a line of n voxels; bath = true puts ghosts at bath_value.
LineFactors factor_line(std::size_t n, double r, bool bath, double bath_value);

// Solves `count` contiguous lines in place, line k starting at first + k * stride. The
// right-hand side is c · scale (scale carries the decay of this step, applied before
// diffusion) plus the bath terms. Lines are taken eight at a time in lockstep: one line's
// recurrence is a chain of dependent multiply-adds, and interleaving independent chains
// keeps the floating-point units busy (about 4x faster). The operations on each voxel are
// the same whatever the grouping.
void solve_contiguous_lines(double* first, std::size_t stride, std::size_t count, const LineFactors& f,
                            double scale);

// Solves `width` neighbouring lines at once, in place: line k, voxel i is at
// base[i * stride + k]. The recurrence runs along i; the inner loop over k is
// contiguous, so whole rows (y axis) or planes (z axis) are swept together and vectorise.
// Each voxel sees the same operations whatever the width, so results do not depend on
// how lines are grouped (field_set.cpp also keeps the groups fixed, so even the split
// between vector and scalar code is the same at any thread count).
void solve_strided_lines(double* base, std::size_t stride, std::size_t width, const LineFactors& f);

}  // namespace mscsim::fields_detail
