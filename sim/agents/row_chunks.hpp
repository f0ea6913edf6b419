#pragma once
// How the rows of a population are shared between threads, in every agent rule and in
// every pass of the commit: in chunks of kRowChunk rows, each thread a contiguous share of
// the chunks (`schedule(static)` over chunks), the same share in every rule and step.
// A thread therefore works on the rows it touched in the previous rule and step, whose
// cache lines are already its own (a line last written by the other core costs about
// 240 ns on the 2-vCPU development machine; with the rules' rows dealt out dynamically and
// the commit's split differently, the commit and the secretion rules ran no faster on 2
// threads than on 1). Rows are sorted by voxel,
// so a contiguous share is also one band of the lattice, and the field voxels a thread's
// agents read and write are mostly those its agents used before; on that machine this
// gave 13 % more throughput at 2 threads than dealing the chunks round-robin (median of 8
// interleaved pairs of bench runs each, docs/performance.md). The assignment never changes
// results: rows are independent within a pass.
#include <algorithm>
#include <cstddef>
#include <cstdint>

namespace mscsim {

// 1024 rows: at least 4 chunks for a population of a few thousand cells, and a whole
// number of cache lines for columns of 1, 4 and 8 bytes.
inline constexpr std::size_t kRowChunk = 1024;

inline std::int64_t row_chunk_count(std::size_t rows) {
  return static_cast<std::int64_t>((rows + kRowChunk - 1) / kRowChunk);
}
inline std::size_t row_chunk_begin(std::int64_t chunk) { return static_cast<std::size_t>(chunk) * kRowChunk; }
inline std::size_t row_chunk_end(std::int64_t chunk, std::size_t rows) {
  return std::min(rows, row_chunk_begin(chunk) + kRowChunk);
}

}  // namespace mscsim
