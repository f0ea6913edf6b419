// Everything written by TrajectoryWriter reads back bit for bit through TrajectoryReader.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <hdf5_hl.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

std::vector<std::uint64_t> bits(const std::vector<double>& values) {
  std::vector<std::uint64_t> out;
  for (double v : values) out.push_back(std::bit_cast<std::uint64_t>(v));
  return out;
}

std::vector<std::uint32_t> bits(const std::vector<float>& values) {
  std::vector<std::uint32_t> out;
  for (float v : values) out.push_back(std::bit_cast<std::uint32_t>(v));
  return out;
}

RunMetadata sample_metadata() {
  RunMetadata meta;
  meta.version = "0.1.0";
  meta.git_commit = "f1fc339";
  meta.seed = std::numeric_limits<std::uint64_t>::max();
  meta.threads = 4;
  meta.started_utc = "2026-11-21T07:00:00Z";
  meta.wall_s = 12.5;
  meta.agent_steps = 123456789012ULL;
  meta.agent_steps_per_s = 1.0 / 3.0;
  meta.field_updates_per_s = 2.5e6;
  meta.scenario_toml = "[run]\nname = \"round trip\"  # µm, °C\nduration_h = 48.0\n";
  meta.scenario_name = "round trip";
  meta.duration_h = 48.0;
  meta.dt_h = 0.1;
  meta.peak_rss_bytes = 5'000'000'000ULL;
  return meta;
}

TEST(TrajectoryRoundTrip, SeriesAcrossSeveralFlushesReadBackBitwise) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "run.h5";
  // 150 rows: two full blocks of 64 and a remainder flushed by finish().
  std::vector<double> times, counts, means;
  {
    TrajectoryWriter writer(path);
    writer.declare_series({{"population", "count", "cells"}, {"concentration", "mean", "ng/mL"}});
    writer.declare_series({{"population", "fraction", "1"}});
    for (int i = 0; i < 150; ++i) {
      const double t = i * 0.1;
      const double row[3] = {static_cast<double>(100 + i), std::sin(t) / 3.0, i == 7 ? -0.0 : 1e-310 * i};
      times.push_back(t);
      counts.push_back(row[0]);
      means.push_back(row[1]);
      writer.append_row(t, row);
    }
    writer.finish(sample_metadata());
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.schema_version(), kTrajectorySchemaVersion);
  EXPECT_EQ(bits(reader.time_h()), bits(times));
  EXPECT_EQ(reader.series_names(),
            (std::vector<std::string>{"concentration/mean", "population/count", "population/fraction"}));
  EXPECT_EQ(bits(reader.series("population/count")), bits(counts));
  EXPECT_EQ(bits(reader.series("concentration/mean")), bits(means));
  EXPECT_EQ(std::bit_cast<std::uint64_t>(reader.series("population/fraction")[7]), std::bit_cast<std::uint64_t>(-0.0));
  EXPECT_EQ(reader.series_unit("concentration/mean"), "ng/mL");
  EXPECT_EQ(reader.series_unit("population/count"), "cells");
  EXPECT_THROW(reader.series("population/missing"), OutputError);
}

TEST(TrajectoryRoundTrip, MetadataAndScenarioReadBack) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "meta.h5";
  const RunMetadata meta = sample_metadata();
  {
    TrajectoryWriter writer(path);
    writer.finish(meta);
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.scenario_toml(), meta.scenario_toml);
  EXPECT_EQ(reader.meta_attribute("version"), "0.1.0");
  EXPECT_EQ(reader.meta_attribute("git_commit"), "f1fc339");
  EXPECT_EQ(reader.meta_attribute("seed"), "18446744073709551615");
  EXPECT_EQ(reader.meta_attribute("threads"), "4");
  EXPECT_EQ(reader.meta_attribute("started_utc"), "2026-11-21T07:00:00Z");
  EXPECT_EQ(reader.meta_attribute("wall_s"), "12.5");
  EXPECT_EQ(reader.meta_attribute("agent_steps"), "123456789012");
  EXPECT_EQ(std::stod(reader.meta_attribute("agent_steps_per_s")), 1.0 / 3.0);
  EXPECT_EQ(reader.meta_attribute("field_updates_per_s"), "2500000");
  EXPECT_EQ(reader.meta_attribute("scenario_name"), "round trip");
  EXPECT_EQ(reader.meta_attribute("duration_h"), "48");
  EXPECT_EQ(reader.meta_attribute("dt_h"), "0.1");
  EXPECT_EQ(reader.meta_attribute("peak_rss_bytes"), "5000000000");
  EXPECT_EQ(reader.meta_attribute("no_such_attribute"), "");
  EXPECT_TRUE(reader.time_h().empty());
  EXPECT_TRUE(reader.series_names().empty());
  EXPECT_TRUE(reader.field_names().empty());
  EXPECT_EQ(reader.agent_snapshot_count(), 0u);
}

TEST(TrajectoryRoundTrip, TwoDimensionalFieldsReadBackAsFloat32) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "fields.h5";
  const LatticeShape shape{5, 3, 1, 20.0};
  std::vector<double> first(shape.voxel_count()), second(shape.voxel_count());
  for (std::size_t i = 0; i < first.size(); ++i) {
    first[i] = 0.1 * static_cast<double>(i) + 1.0 / 7.0;
    second[i] = -1e-3 * static_cast<double>(i * i);
  }
  {
    TrajectoryWriter writer(path);
    writer.begin_field_snapshot(0.0);
    writer.write_field("signal_a", "ng/mL", shape, first);
    writer.begin_field_snapshot(6.0);
    writer.write_field("signal_a", "ng/mL", shape, second);
    writer.write_field("signal_b", "mM", shape, first);  // appears only in the second snapshot
    writer.finish(sample_metadata());
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.field_names(), (std::vector<std::string>{"signal_a", "signal_b"}));
  EXPECT_EQ(reader.field_times_h(), (std::vector<double>{0.0, 6.0}));
  EXPECT_EQ(reader.field_dims("signal_a"), (std::vector<std::uint64_t>{2, 3, 5}));

  std::vector<float> expected;
  for (double v : first) expected.push_back(static_cast<float>(v));
  for (double v : second) expected.push_back(static_cast<float>(v));
  EXPECT_EQ(bits(reader.field_values("signal_a")), bits(expected));

  // A snapshot a field skipped reads as NaN, so frame i always belongs to time i.
  const std::vector<float> late = reader.field_values("signal_b");
  ASSERT_EQ(late.size(), 2 * shape.voxel_count());
  for (std::size_t i = 0; i < shape.voxel_count(); ++i) {
    EXPECT_TRUE(std::isnan(late[i]));
    EXPECT_EQ(late[shape.voxel_count() + i], static_cast<float>(first[i]));
  }
}

TEST(TrajectoryRoundTrip, ThreeDimensionalFieldHasDimsSnapshotZYX) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "field3d.h5";
  const LatticeShape shape{4, 3, 2, 10.0};
  std::vector<double> values(shape.voxel_count());
  for (int z = 0; z < shape.nz; ++z)
    for (int y = 0; y < shape.ny; ++y)
      for (int x = 0; x < shape.nx; ++x) values[shape.index(x, y, z)] = 100.0 * z + 10.0 * y + x;
  {
    TrajectoryWriter writer(path);
    writer.begin_field_snapshot(1.5);
    writer.write_field("signal", "ng/mL", shape, values);
    writer.finish(sample_metadata());
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.field_dims("signal"), (std::vector<std::uint64_t>{1, 2, 3, 4}));
  const std::vector<float> read = reader.field_values("signal");
  ASSERT_EQ(read.size(), values.size());
  // [snapshot][z][y][x] flattened is the lattice index: x fastest, then y, then z.
  EXPECT_EQ(read[static_cast<std::size_t>(shape.index(3, 2, 1))], 123.0f);
  EXPECT_EQ(read[static_cast<std::size_t>(shape.index(1, 0, 1))], 101.0f);
}

TEST(TrajectoryRoundTrip, AgentSnapshotsIncludingAnEmptyOne) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "agents.h5";
  const std::vector<double> x_um{1.0 / 3.0, 20.0, -0.0};
  const std::vector<std::int64_t> type{0, 2, (std::int64_t{1} << 53)};
  {
    TrajectoryWriter writer(path);
    writer.write_agent_snapshot(
        2.0, {{"x_um", "um", x_um, {}}, {"type", "1", {}, type}, {"age_h", "h", {5.0, 6.0, 7.0}, {}}},
        {"kind_a", "kind_b", "kind_c"});
    // No agents left: every column still there, empty.
    writer.write_agent_snapshot(4.0, {{"x_um", "um", {}, {}}, {"type", "1", {}, {}, true}, {"age_h", "h", {}, {}}},
                                {"kind_a", "kind_b", "kind_c"});
    writer.write_agent_snapshot(5.0, {{"x_um", "um", {8.0}, {}}, {"type", "1", {}, {1}}, {"age_h", "h", {9.0}, {}}},
                                {"kind_a", "kind_b", "kind_c"});
    // The agent table is fixed by the first snapshot (the file may be live by then).
    EXPECT_THROW(writer.write_agent_snapshot(6.0, {{"x_um", "um", {}, {}}, {"type", "1", {}, {}, true}},
                                             {"kind_a", "kind_b", "kind_c"}),
                 ConfigurationError);
    EXPECT_THROW(writer.write_agent_snapshot(6.0, {{"x_um", "um", {}, {}}, {"type", "1", {}, {}}, {"age_h", "h", {}, {}}},
                                             {"kind_a", "kind_b", "kind_c"}),
                 ConfigurationError);  // type as reals
    EXPECT_THROW(writer.write_agent_snapshot(6.0, {{"x_um", "um", {}, {}}, {"type", "1", {}, {}, true}, {"age_h", "h", {}, {}}},
                                             {"kind_a"}),
                 ConfigurationError);
    writer.finish(sample_metadata());
  }
  TrajectoryReader reader(path);
  ASSERT_EQ(reader.agent_snapshot_count(), 3u);
  EXPECT_EQ(reader.agent_population_names(), (std::vector<std::string>{"kind_a", "kind_b", "kind_c"}));
  EXPECT_EQ(reader.agent_snapshot_time_h(2), 5.0);
  EXPECT_EQ(reader.agent_columns(0), (std::vector<std::string>{"x_um", "type", "age_h"}));
  EXPECT_EQ(bits(reader.agent_column(0, "x_um")), bits(x_um));
  EXPECT_EQ(reader.agent_column(0, "type"), (std::vector<double>{0.0, 2.0, 9007199254740992.0}));
  EXPECT_EQ(reader.agent_column(2, "x_um"), (std::vector<double>{8.0}));  // rows after the empty snapshot
  EXPECT_EQ(reader.agent_column(2, "type"), (std::vector<double>{1.0}));
  EXPECT_EQ(reader.agent_columns(1), (std::vector<std::string>{"x_um", "type", "age_h"}));
  EXPECT_TRUE(reader.agent_column(1, "x_um").empty());
  EXPECT_TRUE(reader.agent_column(1, "type").empty());
  EXPECT_THROW(reader.agent_columns(3), OutputError);
  EXPECT_THROW(reader.agent_column(0, "missing"), OutputError);
}

TEST(TrajectoryRoundTrip, CodeColumnsAreIntegersWithTheirNamesAndAMissingCode) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "codes.h5";
  constexpr std::int64_t kMissing = std::numeric_limits<std::int64_t>::min();
  {
    TrajectoryWriter writer(path);
    AgentColumnData population{"population", "1", {}, {0, 1, 1}};
    population.integer = true;
    population.value_names[""] = {"kind_a", "kind_b"};
    AgentColumnData state{"state", "1", {}, {kMissing, 2, 0}};
    state.integer = true;
    state.missing = kMissing;
    state.value_names["kind_b"] = {"resting", "busy", "tired"};
    writer.write_agent_snapshot(0.0, {population, state, {"size", "um", {1.0, 2.0, 3.0}, {}}}, {"kind_a", "kind_b"});
    AgentColumnData no_population = population;
    no_population.integers.clear();
    AgentColumnData no_state = state;
    no_state.integers.clear();
    writer.write_agent_snapshot(1.0, {no_population, no_state, {"size", "um", {}, {}}}, {"kind_a", "kind_b"});
    AgentColumnData renamed = no_state;
    renamed.value_names["kind_b"] = {"resting", "busy", "asleep"};
    EXPECT_THROW(writer.write_agent_snapshot(2.0, {no_population, renamed, {"size", "um", {}, {}}}, {"kind_a", "kind_b"}),
                 ConfigurationError);  // names are attributes, fixed by the first snapshot
    AgentColumnData reals_with_names{"bad", "1", {1.0}, {}};
    reals_with_names.value_names[""] = {"a"};
    EXPECT_THROW(writer.write_agent_snapshot(2.0, {reals_with_names}, {}), ConfigurationError);
    writer.finish(sample_metadata());
  }
  TrajectoryReader reader(path);
  EXPECT_TRUE(reader.agent_column_is_integer(0, "population"));
  EXPECT_TRUE(reader.agent_column_is_integer(0, "state"));
  EXPECT_FALSE(reader.agent_column_is_integer(0, "size"));
  EXPECT_TRUE(reader.agent_column_is_integer(1, "state"));  // even with no values
  EXPECT_EQ(reader.agent_value_names(0, "population"), (std::vector<std::string>{"kind_a", "kind_b"}));
  EXPECT_EQ(reader.agent_value_names(0, "state", "kind_b"), (std::vector<std::string>{"resting", "busy", "tired"}));
  EXPECT_TRUE(reader.agent_value_names(0, "state", "kind_a").empty());
  EXPECT_TRUE(reader.agent_value_names(0, "size").empty());
  const std::vector<double> states = reader.agent_column(0, "state");
  ASSERT_EQ(states.size(), 3u);
  EXPECT_TRUE(std::isnan(states[0]));  // kind_a has no state: the missing code reads as NaN
  EXPECT_EQ(states[1], 2.0);
  EXPECT_EQ(states[2], 0.0);
}

TEST(TrajectoryRoundTrip, TimeAxesAreDimensionScalesOfTheSeriesAndFields) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "scales.h5";
  // Thousands of series (a run with hundreds of infusions): the time axis's REFERENCE_LIST
  // outgrows the 64 KiB of an object header.
  constexpr int kSeries = 5000;
  {
    TrajectoryWriter writer(path);
    std::vector<SeriesSpec> specs;
    for (int i = 0; i < kSeries; ++i) specs.push_back({"group/g" + std::to_string(i % 50), "s" + std::to_string(i), "1"});
    writer.declare_series(specs);
    writer.append_row(0.0, std::vector<double>(kSeries, 1.0));
    const LatticeShape shape{2, 2, 1, 20.0};
    writer.begin_field_snapshot(0.0);
    writer.write_field("signal", "1", shape, std::vector<double>(4, 1.0));
    writer.finish(sample_metadata());
  }
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t row_time = H5Dopen2(file, "/timeseries/time_h", H5P_DEFAULT);
  const hid_t field_time = H5Dopen2(file, "/fields/time_h", H5P_DEFAULT);
  const hid_t first = H5Dopen2(file, "/timeseries/group/g0/s0", H5P_DEFAULT);
  const hid_t last = H5Dopen2(file, ("/timeseries/group/g49/s" + std::to_string(kSeries - 1)).c_str(), H5P_DEFAULT);
  const hid_t field = H5Dopen2(file, "/fields/signal", H5P_DEFAULT);
  EXPECT_GT(H5DSis_scale(row_time), 0);
  EXPECT_GT(H5DSis_scale(field_time), 0);
  EXPECT_EQ(H5DSis_scale(first), 0);
  EXPECT_GT(H5DSis_attached(first, row_time, 0), 0);
  EXPECT_GT(H5DSis_attached(last, row_time, 0), 0);
  EXPECT_GT(H5DSis_attached(field, field_time, 0), 0);
  EXPECT_EQ(H5DSis_attached(field, row_time, 0), 0);
  EXPECT_EQ(H5DSget_num_scales(first, 0), 1);
  char name[16] = {};
  H5DSget_scale_name(row_time, name, sizeof name);
  EXPECT_STREQ(name, "time_h");
  for (const hid_t d : {row_time, field_time, first, last, field}) H5Dclose(d);
  H5Fclose(file);
  // The reader still lists exactly the series (the scale attributes are no members).
  EXPECT_EQ(TrajectoryReader(path).series_names().size(), static_cast<std::size_t>(kSeries));
}

TEST(TrajectoryRoundTrip, MisuseIsAConfigurationError) {
  test_support::ScratchDirectory dir;
  TrajectoryWriter writer(dir / "misuse.h5");
  const LatticeShape shape{2, 2, 1, 20.0};
  const std::vector<double> four(4, 1.0);
  EXPECT_THROW(writer.write_field("signal", "1", shape, four), ConfigurationError);  // no snapshot begun
  writer.declare_series({{"population", "count", "cells"}});
  EXPECT_THROW(writer.declare_series({{"population", "count", "cells"}}), ConfigurationError);
  // Groups may nest ("a/b"), but every part must be a name.
  for (const char* bad : {"bad//group", "/lead", "trail/", ".", "a/./b", ""})
    EXPECT_THROW(writer.declare_series({{bad, "x", ""}}), ConfigurationError) << bad;
  EXPECT_THROW(writer.declare_series({{"population/count", "x", ""}}), ConfigurationError);  // a series, not a group
  EXPECT_THROW(writer.declare_series({{"population", "bad/name", ""}}), ConfigurationError);
  const double two[2] = {1.0, 2.0};
  EXPECT_THROW(writer.append_row(0.0, two), ConfigurationError);
  writer.append_row(0.0, std::span<const double>(two, 1));
  EXPECT_THROW(writer.declare_series({{"late", "x", ""}}), ConfigurationError);
  writer.begin_field_snapshot(0.0);
  EXPECT_THROW(writer.write_field("signal", "1", shape, std::vector<double>(3, 0.0)), ConfigurationError);
  writer.write_field("signal", "1", shape, four);
  EXPECT_THROW(writer.write_field("signal", "1", shape, four), ConfigurationError);
  EXPECT_THROW(writer.write_agent_snapshot(0.0, {{"a", "", {1.0}, {}}, {"b", "", {1.0, 2.0}, {}}}, {}),
               ConfigurationError);
  writer.finish(sample_metadata());
  EXPECT_THROW(writer.append_row(1.0, std::span<const double>(two, 1)), ConfigurationError);
  EXPECT_THROW(writer.finish(sample_metadata()), ConfigurationError);
}

}  // namespace
}  // namespace mscsim
