// The file life cycle: "<path>.partial" while running, <path> only after finish(), and a
// failed run never leaves or touches a file that looks complete.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

namespace fs = std::filesystem;

TEST(TrajectoryFiles, PartialFileExistsDuringTheRunAndFinalDoesNot) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "nested" / "deeper" / "run.h5";  // parent folders are created
  TrajectoryWriter writer(path);
  EXPECT_EQ(writer.final_path(), path);
  EXPECT_EQ(writer.partial_path(), fs::path(path.string() + ".partial"));
  writer.declare_series({{"population", "count", "cells"}});
  for (int i = 0; i < 200; ++i) {
    const double value = i;
    writer.append_row(i * 1.0, std::span<const double>(&value, 1));
  }
  EXPECT_TRUE(fs::is_regular_file(writer.partial_path()));
  EXPECT_FALSE(fs::exists(path));
}

TEST(TrajectoryFiles, FinishRenamesThePartialFile) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  TrajectoryWriter writer(path);
  writer.finish(RunMetadata{});
  EXPECT_TRUE(fs::is_regular_file(path));
  EXPECT_FALSE(fs::exists(writer.partial_path()));
  EXPECT_NO_THROW(TrajectoryReader{path});
}

TEST(TrajectoryFiles, FinishReplacesAnOlderResult) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  test_support::write_bytes(path, "older result");
  {
    TrajectoryWriter writer(path);
    writer.finish(RunMetadata{});
  }
  EXPECT_NO_THROW(TrajectoryReader{path});
}

TEST(TrajectoryFiles, DestructorWithoutFinishRemovesPartialAndLeavesFinalUntouched) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  const std::string previous("previous run\0\x01\xff bytes", 22);
  test_support::write_bytes(path, previous);
  const auto modified = fs::last_write_time(path);
  fs::path partial;
  {
    TrajectoryWriter writer(path);
    partial = writer.partial_path();
    writer.declare_series({{"population", "count", "cells"}});
    const double value = 1.0;
    writer.append_row(0.0, std::span<const double>(&value, 1));
    writer.begin_field_snapshot(0.0);
    EXPECT_TRUE(fs::exists(partial));
  }
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_EQ(test_support::read_bytes(path), previous);
  EXPECT_EQ(fs::last_write_time(path), modified);
}

TEST(TrajectoryFiles, PartialLeftByACrashIsTruncated) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  test_support::write_bytes(dir / "run.h5.partial", std::string(100000, 'x'));
  {
    TrajectoryWriter writer(path);
    writer.finish(RunMetadata{});
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.schema_version(), kTrajectorySchemaVersion);
}

TEST(TrajectoryFiles, UnwritableDirectoryIsAnOutputError) {
  test_support::ScratchDirectory dir;
  // A regular file where a folder should be: fails even for root, unlike permissions.
  test_support::write_bytes(dir / "not_a_folder", "x");
  EXPECT_THROW(TrajectoryWriter(dir / "not_a_folder" / "run.h5"), OutputError);
  EXPECT_FALSE(fs::exists(dir / "not_a_folder" / "run.h5"));

  // The folder exists but the partial file cannot be created (a folder is in its way).
  fs::create_directories(dir / "blocked.h5.partial");
  EXPECT_THROW(TrajectoryWriter(dir / "blocked.h5"), OutputError);
  EXPECT_TRUE(fs::is_directory(dir / "blocked.h5.partial"));
  EXPECT_FALSE(fs::exists(dir / "blocked.h5"));

  // Permissions, where they apply (not to root).
  const auto locked = dir / "locked";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  test_support::write_bytes(locked / "probe", "x");
  if (!fs::exists(locked / "probe")) {
    EXPECT_THROW(TrajectoryWriter(locked / "run.h5"), OutputError);
  }
  fs::permissions(locked, fs::perms::owner_all);
}

TEST(TrajectoryFiles, OutputErrorMessageNamesThePath) {
  test_support::ScratchDirectory dir;
  test_support::write_bytes(dir / "file", "x");
  try {
    TrajectoryWriter writer(dir / "file" / "run.h5");
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "file").string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace mscsim
