// Nested series groups and the event log: written by TrajectoryWriter, read back through
// TrajectoryReader, and the EventLog that collects events during a run.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scratch_directory.hpp"
#include "sim/core/errors.hpp"
#include "sim/engine/event_log.hpp"
#include "sim/io/trajectory_reader.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {
namespace {

TEST(TrajectoryNesting, NestedSeriesGroupsReadBack) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "nested.h5";
  {
    TrajectoryWriter writer(path);
    writer.declare_series({{"biodistribution/lung", "msc0", "cells"},
                           {"biodistribution/lung", "total", "cells"},
                           {"biodistribution/cohort_0", "lung", "cells"},
                           {"plain", "value", "1"}});
    const double row0[4] = {1.0, 2.0, 3.0, 4.0};
    const double row1[4] = {5.0, 6.0, 7.0, 8.0};
    writer.append_row(0.0, row0);
    writer.append_row(1.0, row1);
    writer.finish(RunMetadata{});
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.series_names(),
            (std::vector<std::string>{"biodistribution/cohort_0/lung", "biodistribution/lung/msc0",
                                      "biodistribution/lung/total", "plain/value"}));
  EXPECT_EQ(reader.series("biodistribution/lung/total"), (std::vector<double>{2.0, 6.0}));
  EXPECT_EQ(reader.series("biodistribution/cohort_0/lung"), (std::vector<double>{3.0, 7.0}));
  EXPECT_EQ(reader.series_unit("biodistribution/lung/msc0"), "cells");
  EXPECT_THROW(reader.series("biodistribution/lung"), OutputError);  // a group, not a series
}

TEST(TrajectoryEvents, EventTablesReadBack) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "events.h5";
  EventLog log;
  const std::size_t dose = log.declare("dose", {{"cohort", "1"}, {"route", "text", true}, {"cells_given", "cells"}});
  log.declare("quiet", {{"value", "1"}});
  log.record(dose, 0.0, {0.0, std::string("iv"), 7.0e7});
  log.record(dose, 24.5, {1.0, std::string("intra-articular µ"), 3.0e6});
  {
    TrajectoryWriter writer(path);
    writer.write_events(log.tables());
    EXPECT_THROW(writer.write_events(log.tables()), ConfigurationError);  // once only
    writer.finish(RunMetadata{});
  }
  TrajectoryReader reader(path);
  EXPECT_EQ(reader.event_kinds(), (std::vector<std::string>{"dose", "quiet"}));
  EXPECT_EQ(reader.event_columns("dose"), (std::vector<std::string>{"time_h", "cohort", "route", "cells_given"}));
  EXPECT_EQ(reader.event_values("dose", "time_h"), (std::vector<double>{0.0, 24.5}));
  EXPECT_EQ(reader.event_values("dose", "cells_given"), (std::vector<double>{7.0e7, 3.0e6}));
  EXPECT_EQ(reader.event_texts("dose", "route"), (std::vector<std::string>{"iv", "intra-articular µ"}));
  EXPECT_TRUE(reader.event_column_is_text("dose", "route"));
  EXPECT_FALSE(reader.event_column_is_text("dose", "cohort"));
  EXPECT_TRUE(reader.event_values("quiet", "value").empty());
  EXPECT_THROW(reader.event_columns("missing"), OutputError);
  EXPECT_THROW(reader.event_values("dose", "missing"), OutputError);
}

TEST(TrajectoryEvents, FileWithoutEventsHasAnEmptyLog) {
  test_support::ScratchDirectory dir;
  const auto path = dir / "none.h5";
  {
    TrajectoryWriter writer(path);
    writer.finish(RunMetadata{});
  }
  EXPECT_TRUE(TrajectoryReader(path).event_kinds().empty());
}

TEST(TrajectoryEvents, MalformedTablesAreConfigurationErrors) {
  test_support::ScratchDirectory dir;
  TrajectoryWriter writer(dir / "bad.h5");
  EventTableData short_column{"dose", {0.0, 1.0}, {{"cells", "cells", false, {1.0}, {}}}};
  EXPECT_THROW(writer.write_events({short_column}), ConfigurationError);
  EventTableData time_column{"dose", {0.0}, {{"time_h", "h", false, {1.0}, {}}}};
  EXPECT_THROW(writer.write_events({time_column}), ConfigurationError);
  EventTableData bad_kind{"a/b", {}, {}};
  EXPECT_THROW(writer.write_events({bad_kind}), ConfigurationError);
}

TEST(EventLog, RejectsMisuse) {
  EventLog log;
  const std::size_t dose = log.declare("dose", {{"cohort", "1"}, {"route", "text", true}});
  EXPECT_THROW(log.declare("dose", {}), ConfigurationError);
  EXPECT_THROW(log.declare("other", {{"x", "1"}, {"x", "1"}}), ConfigurationError);
  EXPECT_THROW(log.declare("other", {{"time_h", "h"}}), ConfigurationError);
  EXPECT_THROW(log.declare("bad/kind", {}), ConfigurationError);
  EXPECT_THROW(log.record(dose, 0.0, {1.0}), ConfigurationError);                     // too few values
  EXPECT_THROW(log.record(dose, 0.0, {std::string("iv"), 1.0}), ConfigurationError);  // wrong types
  EXPECT_THROW(log.record(7, 0.0, {}), ConfigurationError);
  log.record(dose, 2.0, {3.0, std::string("ia")});
  ASSERT_EQ(log.tables().size(), 1u);
  EXPECT_EQ(log.tables()[0].time_h, (std::vector<double>{2.0}));
  EXPECT_EQ(log.tables()[0].columns[0].reals, (std::vector<double>{3.0}));
  EXPECT_EQ(log.tables()[0].columns[1].texts, (std::vector<std::string>{"ia"}));
}

}  // namespace
}  // namespace mscsim
