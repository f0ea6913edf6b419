// TrajectoryReader refuses files it cannot interpret, with a message that says why. Files
// of another schema are forged with sim/io's own HDF5 helpers.
#include <gtest/gtest.h>

#include <string>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_tree.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

std::string reader_error(const std::filesystem::path& path) {
  try {
    TrajectoryReader reader(path);
  } catch (const OutputError& e) {
    return e.what();
  }
  return "";
}

void write_finished_file(const std::filesystem::path& path) {
  TrajectoryWriter writer(path);
  writer.finish(RunMetadata{});
}

TEST(TrajectorySchema, OtherSchemaVersionIsAnOutputError) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "future.h5";
  write_finished_file(path);
  {
    const hdf5::QuietErrors quiet;
    const hdf5::File file = hdf5::open_file(path, /*writable=*/true);
    hdf5::write_attribute(file.get(), "schema_version", 3);
  }
  const std::string message = reader_error(path);
  EXPECT_EQ(message, "file " + path.string() + " has schema version 3; this mscsim reads 2");
}

TEST(TrajectorySchema, MissingSchemaVersionIsAnOutputError) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "unversioned.h5";
  {
    const hdf5::QuietErrors quiet;
    const hdf5::File file = hdf5::create_file(path);
    hdf5::write_attribute(file.get(), "format", "mscsim-trajectory");
  }
  EXPECT_NE(reader_error(path).find("has schema version missing"), std::string::npos);
}

TEST(TrajectorySchema, ForeignHdf5FileIsAnOutputError) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "foreign.h5";
  {
    const hdf5::QuietErrors quiet;
    const hdf5::File file = hdf5::create_file(path);
    hdf5::write_attribute(file.get(), "schema_version", 1);
  }
  EXPECT_NE(reader_error(path).find("is not an mscsim trajectory"), std::string::npos);
}

TEST(TrajectorySchema, NonHdf5OrMissingFileIsAnOutputError) {
  test_support::ScratchDirectory dir;
  test_support::write_bytes(dir / "text.h5", "this is not HDF5\n");
  EXPECT_NE(reader_error(dir / "text.h5").find("cannot open HDF5 file"), std::string::npos);
  EXPECT_NE(reader_error(dir / "absent.h5").find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace mscsim
