#pragma once
// Writes one run's trajectory to HDF5 (layout: docs/output-format.md, schema version
// kTrajectorySchemaVersion). The file is written as "<path>.partial" and renamed to
// <path> only by finish(); a writer destroyed without finish() removes the partial file,
// so a failed run never leaves a file that looks complete and never touches <path>.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/lattice/lattice_shape.hpp"

namespace mscsim {

// 2: agent snapshots in one appendable table (/agents/columns, first_row, agent_count), so
// the file can be written in SWMR mode; 1: one group per snapshot (/agents/<k>).
inline constexpr int kTrajectorySchemaVersion = 2;

struct RunMetadata {
  std::string version;        // mscsim version
  std::string git_commit;
  std::uint64_t seed = 0;
  int threads = 1;
  std::string started_utc;    // ISO 8601, "2026-11-21T07:00:00Z"
  double wall_s = 0.0;
  std::uint64_t agent_steps = 0;
  double agent_steps_per_s = 0.0;
  double field_updates_per_s = 0.0;
  std::string scenario_toml;  // resolved scenario, stored as /meta/scenario
  std::string scenario_name;
  double duration_h = 0.0;
  double dt_h = 0.0;
  std::uint64_t peak_rss_bytes = 0;
};

// One field's values for write_fields: shape.voxel_count() values, x fastest.
struct FieldFrame {
  std::string name;
  std::string unit;
  std::span<const double> data;
};

// One named 1-D series under /timeseries/<group>/<name>.
struct SeriesSpec {
  std::string group;  // "agents", "fields", "balance", ...
  std::string name;
  std::string unit;   // stored as attribute "unit"
};

// One attribute (column) of an agent snapshot; values for every agent in the snapshot.
struct AgentColumnData {
  std::string name;
  std::string unit;
  // At most one of these is non-empty. Integers are stored as int64, reals as float64.
  std::vector<double> reals;
  std::vector<std::int64_t> integers;
  // Stored as int64 even with no values (a snapshot without agents).
  bool integer = false;
  // Integer columns: the code of agents whose population lacks the column (attribute
  // missing_value; readers turn it into NaN).
  std::optional<std::int64_t> missing = std::nullopt;
  // Category codes: value_names[key][i] names code i, for every agent (key "", attribute
  // value_names) or for the agents of one population (key = its name, attribute
  // value_names.<population>).
  std::map<std::string, std::vector<std::string>> value_names = {};
};

// One column of an event table: one value per event, numbers or text.
struct EventColumnData {
  std::string name;
  std::string unit;
  bool is_text = false;
  std::vector<double> reals;       // when !is_text
  std::vector<std::string> texts;  // when is_text
};

// The events of one kind (/events/<kind>): when each happened and its columns.
struct EventTableData {
  std::string kind;  // "dose"
  std::vector<double> time_h;
  std::vector<EventColumnData> columns;
};

class OutputLock;

class TrajectoryWriter {
 public:
  // Opens "<final_path>.partial" (creating parent folders). Throws OutputError if the
  // partial file cannot be created, or if another process is writing the same output
  // (OutputLock on "<final_path>.lock", taken before anything is created or truncated).
  // Does not touch final_path.
  explicit TrajectoryWriter(std::filesystem::path final_path);
  // Continues a run restarted from a checkpoint: takes the lock, writes `written_so_far`
  // (the trajectory file as it stood at the checkpoint) to "<final_path>.partial" and
  // carries on after its last row and snapshot. declare_series then opens the series the
  // file already holds, which must be the declared ones. Throws OutputError.
  TrajectoryWriter(std::filesystem::path final_path, std::span<const std::uint8_t> written_so_far);
  ~TrajectoryWriter();
  TrajectoryWriter(const TrajectoryWriter&) = delete;
  TrajectoryWriter& operator=(const TrajectoryWriter&) = delete;

  // Declare all series before the first append_row.
  void declare_series(std::vector<SeriesSpec> series);
  // One row: time and one value per declared series, in declaration order.
  void append_row(double time_h, std::span<const double> values);

  // Field snapshot: data has shape.voxel_count() values, x fastest. Stored as float32
  // /fields/<name> with dims [snapshot, (z,) y, x], gzip-compressed; all fields of one
  // snapshot share the time written to /fields/time_h (call begin_field_snapshot first).
  void begin_field_snapshot(double time_h);
  void write_field(const std::string& name, const std::string& unit, const LatticeShape& shape,
                   std::span<const double> data);
  // Several fields of the current snapshot at once, the same file as write_field for each:
  // their frames are compressed in parallel (OpenMP, one field per task, the encoded bytes
  // do not depend on the thread count) and then written in the order given.
  void write_fields(const LatticeShape& shape, std::span<const FieldFrame> frames);

  // Agent snapshot k: rows appended to /agents/columns/<column> for each column, and its
  // time, first row and agent count appended to /agents/time_h, first_row, agent_count.
  // Every snapshot has the columns (names, order, kind, missing code, value names) and
  // population names of the first.
  void write_agent_snapshot(double time_h, const std::vector<AgentColumnData>& columns,
                            const std::vector<std::string>& type_names);

  // The event log: /events/<kind>/time_h and /events/<kind>/<column> for each table (even
  // one with no events). Call at most once, before finish.
  void write_events(const std::vector<EventTableData>& tables);

  // Write /meta, flush, close and rename "<path>.partial" to <path> (atomic on one filesystem).
  void finish(const RunMetadata& meta);

  // Switches the file to HDF5 SWMR mode (single writer, multiple readers), so readers can
  // open "<path>.partial" and follow it while the run goes on. Call it once every object
  // the run writes exists (after the first row, field and agent snapshot); an object first
  // written later (a new series, field or the agent table) briefly takes the file out of
  // SWMR mode, refusing readers that open meanwhile. write_events and finish end it.
  void start_live();

  // Appends the rows still in memory and pushes everything to disk, so partial_path() is a
  // valid HDF5 file holding every row and snapshot written so far (taken into a checkpoint).
  void flush();
  // For a run stopped before its end: flushes and closes the file and keeps it as
  // "<path>.partial" (without /meta and /events), releasing the lock.
  void close_as_partial();

  const std::filesystem::path& final_path() const { return final_path_; }
  std::filesystem::path partial_path() const;

 private:
  struct Impl;
  std::unique_ptr<OutputLock> lock_;  // released after the partial file is closed or removed
  std::unique_ptr<Impl> impl_;
  std::filesystem::path final_path_;
  bool finished_ = false;
};

}  // namespace mscsim
