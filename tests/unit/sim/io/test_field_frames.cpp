// Field snapshot frames encoded by the engine (sim/io/field_frame_codec) and written with
// H5Dwrite_chunk read back through HDF5's own filter pipeline as the float32 of every value,
// whatever the thread count and whether the frames were deflated in the background.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <omp.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "scratch_directory.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

std::vector<std::uint32_t> float_bits(const std::vector<double>& values) {
  std::vector<std::uint32_t> out;
  for (double v : values) out.push_back(std::bit_cast<std::uint32_t>(static_cast<float>(v)));
  return out;
}

std::vector<std::uint32_t> bits(const std::vector<float>& values) {
  std::vector<std::uint32_t> out;
  for (float v : values) out.push_back(std::bit_cast<std::uint32_t>(v));
  return out;
}

// Fields of every kind the codec treats differently: zero (every byte plane constant),
// uniform, smooth (noisy low bytes, stored), and one with the values floats make special.
struct Frames {
  LatticeShape shape{9, 7, 5, 20.0};
  std::vector<std::string> names{"zero", "uniform", "smooth", "special"};
  std::vector<std::vector<double>> values;
  explicit Frames(double phase) {
    const std::size_t n = shape.voxel_count();
    values.assign(4, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
      values[1][i] = 2.5;
      values[2][i] = 1.0 + std::sin(0.05 * static_cast<double>(i) + phase) * 1e-3 * static_cast<double>(i);
      values[3][i] = std::ldexp(static_cast<double>(i % 17) - 8.0, static_cast<int>(i % 61) - 30);
    }
    values[3][0] = -0.0;
    values[3][1] = std::numeric_limits<double>::quiet_NaN();
    values[3][2] = std::numeric_limits<double>::infinity();
    values[3][3] = -std::numeric_limits<double>::infinity();
    values[3][4] = 1e-40;  // float32 denormal
    values[3][5] = 1e300;  // beyond float32: inf
  }
  std::vector<FieldFrame> frames() const {
    std::vector<FieldFrame> out;
    for (std::size_t f = 0; f < names.size(); ++f) out.push_back({names[f], "ng/mL", values[f]});
    return out;
  }
};

void write_two_snapshots(const std::filesystem::path& path, int threads) {
  const int saved = omp_get_max_threads();
  omp_set_num_threads(threads);
  TrajectoryWriter writer(path);
  writer.begin_field_snapshot(0.0);
  writer.write_fields(Frames(0.0).shape, Frames(0.0).frames());
  writer.start_live();
  writer.begin_field_snapshot(1.0);
  const Frames second(1.0);
  writer.write_fields(second.shape, second.frames());
  RunMetadata meta;
  meta.scenario_name = "frames";
  writer.finish(meta);
  omp_set_num_threads(saved);
}

TEST(FieldFrames, ReadBackAsFloat32ThroughHdf5sFiltersAtOneAndThreeThreads) {
  test_support::ScratchDirectory dir;
  for (int threads : {1, 3}) {
    SCOPED_TRACE("threads " + std::to_string(threads));
    const auto path = dir / ("frames" + std::to_string(threads) + ".h5");
    write_two_snapshots(path, threads);
    TrajectoryReader reader(path);
    ASSERT_EQ(reader.field_times_h(), (std::vector<double>{0.0, 1.0}));
    for (std::size_t f = 0; f < 4; ++f) {
      std::vector<std::uint32_t> expected = float_bits(Frames(0.0).values[f]);
      const std::vector<std::uint32_t> later = float_bits(Frames(1.0).values[f]);
      expected.insert(expected.end(), later.begin(), later.end());
      EXPECT_EQ(bits(reader.field_values(Frames(0.0).names[f])), expected) << Frames(0.0).names[f];
    }
    EXPECT_EQ(reader.field_dims("smooth"), (std::vector<std::uint64_t>{2, 5, 7, 9}));
  }
}

TEST(FieldFrames, DatasetsKeepTheStandardShuffleAndDeflatePipeline) {
  // Any HDF5 reader (h5py, ParaView through XDMF) decodes the frames with no plugin.
  test_support::ScratchDirectory dir;
  const auto path = dir / "frames.h5";
  write_two_snapshots(path, 1);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t dataset = H5Dopen2(file, "/fields/smooth", H5P_DEFAULT);
  ASSERT_GE(dataset, 0);
  const hid_t creation = H5Dget_create_plist(dataset);
  ASSERT_EQ(H5Pget_nfilters(creation), 2);
  for (unsigned index : {0u, 1u}) {
    unsigned flags = 0, values[8] = {};
    std::size_t count = 8;
    char name[64] = {};
    unsigned config = 0;
    EXPECT_EQ(H5Pget_filter2(creation, index, &flags, &count, values, sizeof name, name, &config),
              index == 0 ? H5Z_FILTER_SHUFFLE : H5Z_FILTER_DEFLATE);
  }
  // The smooth field's frame is smaller than its raw float32 bytes (something was deflated).
  hsize_t stored = 0;
  const hsize_t offset[4] = {1, 0, 0, 0};
  ASSERT_GE(H5Dget_chunk_storage_size(dataset, offset, &stored), 0);
  EXPECT_LT(stored, Frames(0.0).shape.voxel_count() * sizeof(float));
  const hid_t zero = H5Dopen2(file, "/fields/zero", H5P_DEFAULT);
  ASSERT_GE(H5Dget_chunk_storage_size(zero, offset, &stored), 0);
  EXPECT_LT(stored, Frames(0.0).shape.voxel_count() * sizeof(float) / 20);
  H5Dclose(zero);
  H5Pclose(creation);
  H5Dclose(dataset);
  H5Fclose(file);
}

TEST(FieldFrames, ACheckpointFlushWritesFramesStillBeingDeflated) {
  // One thread: the frames are deflated in the background; flush() (what a checkpoint
  // calls before copying the file) must leave them in the file.
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  {
    TrajectoryWriter writer(path);
    writer.begin_field_snapshot(0.0);
    const Frames frames(0.0);
    writer.write_fields(frames.shape, frames.frames());
    writer.start_live();
    writer.flush();
    // A checkpoint copies the file's bytes as they are now.
    std::filesystem::copy_file(writer.partial_path(), dir / "copy.h5");
    const hid_t file = H5Fopen((dir / "copy.h5").c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    const hid_t dataset = H5Dopen2(file, "/fields/smooth", H5P_DEFAULT);
    std::vector<float> read(frames.shape.voxel_count());
    ASSERT_GE(H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, read.data()), 0);
    EXPECT_EQ(bits(read), float_bits(frames.values[2]));
    H5Dclose(dataset);
    H5Fclose(file);
  }
  omp_set_num_threads(saved);
}

}  // namespace
}  // namespace mscsim
