// A trajectory written live (HDF5 SWMR mode after start_live) reads back like any other:
// appends after start_live, objects first written after it (which take the file out of
// SWMR mode and back), the event log and /meta written at the end. Readers following the
// file from another process: tests/python/test_live_follow.py.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

std::vector<AgentColumnData> agents(std::vector<std::int64_t> ids) {
  AgentColumnData id{"id", "1", {}, std::move(ids)};
  id.integer = true;
  return {id};
}

TEST(TrajectoryLive, AppendsAndLateObjectsAfterStartLiveReadBack) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "live.h5";
  const LatticeShape shape{2, 2, 1, 20.0};
  {
    TrajectoryWriter writer(path);
    writer.declare_series({{"g", "a", "1"}});
    writer.append_row(0.0, std::vector<double>{1.0});
    writer.begin_field_snapshot(0.0);
    writer.write_field("early", "1", shape, std::vector<double>(4, 1.0));
    writer.write_agent_snapshot(0.0, agents({1, 2}), {"kind"});
    writer.start_live();
    writer.start_live();  // twice is harmless
    for (int i = 1; i <= 100; ++i) writer.append_row(i, std::vector<double>{1.0 + i});
    writer.begin_field_snapshot(100.0);
    writer.write_field("early", "1", shape, std::vector<double>(4, 2.0));
    writer.write_field("late", "1", shape, std::vector<double>(4, 3.0));  // a new object while live
    writer.write_agent_snapshot(100.0, agents({3}), {"kind"});
    writer.append_row(101.0, std::vector<double>{102.0});
    writer.write_events({{"dose", {50.0}, {{"cells", "cells", false, {7.0}, {}}}}});
    writer.finish(RunMetadata{});
  }
  TrajectoryReader reader(path);
  EXPECT_TRUE(reader.is_finished());
  const std::vector<double> a = reader.series("g/a");
  ASSERT_EQ(a.size(), 102u);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i], 1.0 + static_cast<double>(i));
  EXPECT_EQ(reader.field_times_h(), (std::vector<double>{0.0, 100.0}));
  EXPECT_EQ(reader.field_values("early"), (std::vector<float>{1, 1, 1, 1, 2, 2, 2, 2}));
  const std::vector<float> late = reader.field_values("late");
  ASSERT_EQ(late.size(), 8u);
  EXPECT_TRUE(std::isnan(late[0]));  // not written in the first snapshot
  EXPECT_EQ(late[4], 3.0f);
  ASSERT_EQ(reader.agent_snapshot_count(), 2u);
  EXPECT_EQ(reader.agent_column(1, "id"), (std::vector<double>{3.0}));
  EXPECT_EQ(reader.event_values("dose", "cells"), (std::vector<double>{7.0}));
}

TEST(TrajectoryLive, ACopyTakenWhileLiveContinuesAfterARestart) {
  // A checkpoint copies the partial file's bytes after flush(), while the file is live.
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  std::vector<std::uint8_t> bytes;
  {
    TrajectoryWriter writer(path);
    writer.declare_series({{"g", "a", "1"}});
    writer.append_row(0.0, std::vector<double>{1.0});
    writer.write_agent_snapshot(0.0, agents({1}), {"kind"});
    writer.start_live();
    writer.append_row(1.0, std::vector<double>{2.0});
    writer.flush();
    std::ifstream in(writer.partial_path(), std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }  // destroyed without finish: the partial file is removed
  ASSERT_FALSE(bytes.empty());
  {
    TrajectoryWriter writer(path, bytes);
    writer.declare_series({{"g", "a", "1"}});
    writer.start_live();
    writer.append_row(2.0, std::vector<double>{3.0});
    writer.write_agent_snapshot(2.0, agents({1}), {"kind"});
    writer.finish(RunMetadata{});
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.series("g/a"), (std::vector<double>{1.0, 2.0, 3.0}));
  EXPECT_EQ(reader.agent_snapshot_count(), 2u);
}

}  // namespace
}  // namespace mscsim
