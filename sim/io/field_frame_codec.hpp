#pragma once
// One field snapshot frame encoded exactly as HDF5's own filter pipeline for /fields/<name>
// would encode it (float32 little-endian, shuffle, then deflate in zlib format), so that it
// can be written with H5Dwrite_chunk and read back by any HDF5 reader with no plugin. Doing
// the encoding here instead of inside HDF5 lets the fields of one snapshot be encoded in
// parallel, and lets each byte plane have its own deflate settings (the noisy low mantissa
// bytes stored, the others with run-length matching), which on the bench's fields is about
// 4x faster than HDF5's level-1 compress2 for a file 2 % larger (docs/performance.md,
// "Output off the critical path").
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace mscsim::hdf5 {

// Whether this build can encode frames itself (a little-endian host: float32 in memory is
// already the stored F32LE). Where it cannot, the writer lets HDF5 do the encoding.
bool can_encode_frames();

// values rounded to float32 (as static_cast<float>), their bytes shuffled by position
// (HDF5's shuffle filter, element size 4), then deflated into a zlib stream.
std::vector<std::uint8_t> encode_field_frame(std::span<const double> values);
// The same in two parts: the cheap first (a copy the caller may keep while the values
// change), then the costly deflate, which may run on another thread.
std::vector<std::uint8_t> shuffle_field_frame(std::span<const double> values);
std::vector<std::uint8_t> deflate_shuffled_frame(const std::vector<std::uint8_t>& shuffled);

}  // namespace mscsim::hdf5
