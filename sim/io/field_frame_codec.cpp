#include "sim/io/field_frame_codec.hpp"

#include <zlib.h>

#include <bit>
#include <cstring>
#include <limits>

#include "sim/core/errors.hpp"

namespace mscsim::hdf5 {

namespace {

constexpr int kWindowBits = 15;  // a zlib stream (header and Adler-32), as HDF5's deflate filter writes
constexpr int kMemLevel = 8;

// Converts to float32 and shuffles in one pass: byte k of element i goes to k * n + i.
void shuffle_as_float32(std::span<const double> values, std::uint8_t* out) {
  const std::size_t n = values.size();
  std::uint8_t* plane0 = out;
  std::uint8_t* plane1 = out + n;
  std::uint8_t* plane2 = out + 2 * n;
  std::uint8_t* plane3 = out + 3 * n;
  for (std::size_t i = 0; i < n; ++i) {
    const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(values[i]));
    plane0[i] = static_cast<std::uint8_t>(bits);
    plane1[i] = static_cast<std::uint8_t>(bits >> 8);
    plane2[i] = static_cast<std::uint8_t>(bits >> 16);
    plane3[i] = static_cast<std::uint8_t>(bits >> 24);
  }
}

// Settings per byte plane, chosen by measurement on the bench's 19 fields
// (docs/performance.md, "Output off the critical path"). The two low bytes of a float32
// (the last 16 mantissa bits) of a concentration that varies in space are close to random:
// deflate gains little on them at most of its cost, so they are stored as they are, unless
// the whole plane is one byte (a field that is zero or uniform). Every other plane goes
// through deflate level 1 with run-length matching only (Z_RLE): the high byte (sign and
// exponent) comes in long runs, and on the third byte run-length matching costs fewer
// instructions than level 1's hash search for a file 2 % larger.
struct PlaneSettings {
  int level;
  int strategy;
  bool operator==(const PlaneSettings&) const = default;
};
constexpr PlaneSettings kStored{0, Z_DEFAULT_STRATEGY};
constexpr PlaneSettings kRuns{1, Z_RLE};

PlaneSettings plane_settings(const std::uint8_t* shuffled, std::size_t n, std::size_t plane) {
  if (plane >= 2) return kRuns;
  const std::uint8_t* bytes = shuffled + plane * n;
  std::uint8_t differs = 0;
  for (std::size_t i = 0; i < n; ++i) differs |= static_cast<std::uint8_t>(bytes[i] ^ bytes[0]);
  return differs == 0 ? kRuns : kStored;
}

}  // namespace

bool can_encode_frames() { return std::endian::native == std::endian::little; }

std::vector<std::uint8_t> encode_field_frame(std::span<const double> values) {
  return deflate_shuffled_frame(shuffle_field_frame(values));
}

std::vector<std::uint8_t> shuffle_field_frame(std::span<const double> values) {
  const std::size_t raw_bytes = values.size() * sizeof(float);
  if (raw_bytes > std::numeric_limits<uInt>::max() / 2) throw OutputError("field frame too large to compress");
  std::vector<std::uint8_t> shuffled(raw_bytes);
  shuffle_as_float32(values, shuffled.data());
  return shuffled;
}

std::vector<std::uint8_t> deflate_shuffled_frame(const std::vector<std::uint8_t>& shuffled) {
  const std::size_t raw_bytes = shuffled.size();
  const std::size_t n = raw_bytes / sizeof(float);

  // Each byte plane with its own settings, in one zlib stream (deflateParams between
  // planes ends a deflate block; any inflater reads the stream as one).
  z_stream z{};
  PlaneSettings settings = plane_settings(shuffled.data(), n, 0);
  if (deflateInit2(&z, settings.level, Z_DEFLATED, kWindowBits, kMemLevel, settings.strategy) != Z_OK)
    throw OutputError("cannot start zlib compression of a field frame");
  // Stored blocks add 5 bytes per 64 KiB; compressed ones at most about as much again.
  std::vector<std::uint8_t> encoded(raw_bytes + raw_bytes / 64 + 1024);
  z.next_out = encoded.data();
  z.avail_out = static_cast<uInt>(encoded.size());
  int status = Z_OK;
  for (std::size_t plane = 0; plane < sizeof(float) && status == Z_OK; ++plane) {
    const PlaneSettings wanted = plane_settings(shuffled.data(), n, plane);
    if (!(wanted == settings)) {
      status = deflateParams(&z, wanted.level, wanted.strategy);
      settings = wanted;
      if (status != Z_OK) break;
    }
    z.next_in = const_cast<Bytef*>(shuffled.data() + plane * n);  // zlib does not write through it
    z.avail_in = static_cast<uInt>(n);
    const bool last = plane + 1 == sizeof(float);
    status = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
    if (!last && (status != Z_OK || z.avail_in != 0)) status = Z_BUF_ERROR;
  }
  const std::size_t written = z.total_out;
  deflateEnd(&z);
  if (status != Z_STREAM_END) throw OutputError("zlib could not compress a field frame");
  encoded.resize(written);
  return encoded;
}

}  // namespace mscsim::hdf5
