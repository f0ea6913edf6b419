// The checkpoint file: what is written is read back exactly, a failed write leaves the
// previous checkpoint whole, and what is not a checkpoint is refused as bad input.
#include <gtest/gtest.h>

#include <fstream>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/checkpoint_file.hpp"

using namespace mscsim;

namespace {

CheckpointHeader header_at(std::uint64_t step) {
  CheckpointHeader h;
  h.version = "1.2.3";
  h.git_commit = "abcdef0";
  h.scenario_toml = "# Resolved scenario from x.toml\n[run]\nduration_h = 2.0\n";
  h.output_path = "/tmp/out.h5";
  h.steps_done = step;
  h.time_h = 0.1 * static_cast<double>(step);
  h.checkpoint_every_h = 0.5;
  h.written_utc = "2026-12-03T14:00:00Z";
  h.model_states = {"recruitment", "nk"};
  return h;
}

std::string bytes_of(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(CheckpointFile, RoundTripsHeaderStateAndTrajectory) {
  test_support::ScratchDirectory dir;
  const auto trajectory = dir.path() / "out.h5.partial";
  std::ofstream(trajectory, std::ios::binary) << std::string("\x89HDF\r\n\x1a\n and the rest", 21);
  const std::vector<std::uint8_t> state{0, 1, 2, 255, 7};
  write_checkpoint(dir.path() / "run.ckpt", header_at(42), state, trajectory);

  const Checkpoint read = read_checkpoint(dir.path() / "run.ckpt");
  EXPECT_EQ(read.header.version, "1.2.3");
  EXPECT_EQ(read.header.git_commit, "abcdef0");
  EXPECT_EQ(read.header.scenario_toml, header_at(42).scenario_toml);
  EXPECT_EQ(read.header.output_path, "/tmp/out.h5");
  EXPECT_EQ(read.header.steps_done, 42u);
  EXPECT_EQ(read.header.time_h, 0.1 * 42);
  EXPECT_EQ(read.header.checkpoint_every_h, 0.5);
  EXPECT_EQ(read.state, state);
  const std::string original = bytes_of(trajectory);
  EXPECT_EQ(std::string(read.output_trajectory.begin(), read.output_trajectory.end()), original);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run.ckpt.tmp"));
}

TEST(CheckpointFile, AFailedWriteKeepsThePreviousCheckpointWhole) {
  test_support::ScratchDirectory dir;
  const auto trajectory = dir.path() / "out.h5.partial";
  std::ofstream(trajectory) << "rows";
  write_checkpoint(dir.path() / "run.ckpt", header_at(10), std::vector<std::uint8_t>{1, 2, 3}, trajectory);
  const std::string before = bytes_of(dir.path() / "run.ckpt");
  EXPECT_THROW(write_checkpoint(dir.path() / "run.ckpt", header_at(20), std::vector<std::uint8_t>{4},
                                dir.path() / "no_such_trajectory"),
               OutputError);
  EXPECT_EQ(bytes_of(dir.path() / "run.ckpt"), before);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run.ckpt.tmp"));
  EXPECT_EQ(read_checkpoint_header(dir.path() / "run.ckpt").steps_done, 10u);
}

TEST(CheckpointFile, WhatIsNotACheckpointIsBadInputNamingThePath) {
  test_support::ScratchDirectory dir;
  std::ofstream(dir.path() / "notes.txt") << "not hdf5";
  for (const char* name : {"missing.ckpt", "notes.txt"}) {
    try {
      (void)read_checkpoint(dir.path() / name);
      FAIL() << name << " was read as a checkpoint";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}
