#include "sim/io/trajectory_writer.hpp"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "sim/core/errors.hpp"
#include "sim/io/buffered_series.hpp"
#include "sim/io/field_frame_codec.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_datasets.hpp"
#include "sim/io/hdf5_tree.hpp"
#include "sim/io/output_lock.hpp"
#include "sim/io/trajectory_layout.hpp"

namespace mscsim {

namespace layout = trajectory_layout;

namespace {

// Rows kept in memory before they are appended to the file; also how often the file is
// flushed, so a long run's output grows (and can be inspected) as it goes.
constexpr std::size_t kRowsPerFlush = 64;

// The largest snapshot (float32 bytes, all fields) whose deflate a one-thread run moves to a
// thread of its own; that needs a copy of the snapshot, so a larger one (a 3-D lattice:
// 19 fields of 128^3 voxels are 160 MB) is deflated in place, one field at a time.
constexpr std::size_t kMaxBackgroundBytes = std::size_t{64} << 20;

struct FieldState {
  hdf5::Dataset dataset;
  LatticeShape shape;
  std::optional<std::size_t> last_snapshot;
};

// One agent column: its dataset and what the first snapshot said about it (later snapshots
// must say the same: after start_live no attribute may change).
struct AgentColumnState {
  std::string name;
  bool integer = false;
  std::optional<std::int64_t> missing;
  std::map<std::string, std::vector<std::string>> value_names;
  bool names_known = true;  // false for a table reopened from a file (names not re-read)
  hdf5::Dataset dataset;
};

// The agent table (trajectory_layout): appendable, so snapshots need no new objects once
// the file is live.
struct AgentTable {
  hdf5::Dataset time_h;
  hdf5::Dataset first_row;
  hdf5::Dataset agent_count;
  std::vector<AgentColumnState> columns;
  std::vector<std::string> type_names;
  std::uint64_t rows = 0;
};

// A column that holds no values is stored as int64 when it says it holds integers.
bool holds_integers(const AgentColumnData& column) { return !column.integers.empty() || column.integer; }

void write_metadata(hid_t file, const RunMetadata& meta) {
  const hdf5::Group group = hdf5::create_group(file, layout::kMetaGroup);
  const hid_t g = group.get();
  hdf5::write_attribute(g, "version", meta.version);
  hdf5::write_attribute(g, "git_commit", meta.git_commit);
  hdf5::write_attribute(g, "seed", meta.seed);
  hdf5::write_attribute(g, "threads", meta.threads);
  hdf5::write_attribute(g, "started_utc", meta.started_utc);
  hdf5::write_attribute(g, "wall_s", meta.wall_s);
  hdf5::write_attribute(g, "agent_steps", meta.agent_steps);
  hdf5::write_attribute(g, "agent_steps_per_s", meta.agent_steps_per_s);
  hdf5::write_attribute(g, "field_updates_per_s", meta.field_updates_per_s);
  hdf5::write_attribute(g, "scenario_name", meta.scenario_name);
  hdf5::write_attribute(g, "duration_h", meta.duration_h);
  hdf5::write_attribute(g, "dt_h", meta.dt_h);
  hdf5::write_attribute(g, "peak_rss_bytes", meta.peak_rss_bytes);
  hdf5::write_string_dataset(file, layout::kScenarioDataset, meta.scenario_toml);
}

// The number of agents in a snapshot; every column must have exactly that many values.
std::size_t checked_agent_count(const std::vector<AgentColumnData>& columns) {
  std::set<std::string> seen;
  std::optional<std::size_t> count;
  for (const AgentColumnData& column : columns) {
    layout::require_member_name("agent column", column.name);
    if (!seen.insert(column.name).second)
      throw ConfigurationError("agent column '" + column.name + "' appears twice in one snapshot");
    if (!column.reals.empty() && (!column.integers.empty() || column.integer))
      throw ConfigurationError("agent column '" + column.name + "' has both real and integer values");
    if ((column.missing || !column.value_names.empty()) && !column.reals.empty())
      throw ConfigurationError("agent column '" + column.name + "' names codes or a missing code but holds reals");
    const std::size_t n = column.reals.size() + column.integers.size();
    if (count && *count != n)
      throw ConfigurationError("agent column '" + column.name + "' has " + std::to_string(n) +
                               " values; earlier columns have " + std::to_string(*count));
    count = n;
  }
  return count.value_or(0);
}

}  // namespace

struct TrajectoryWriter::Impl {
  // Declared first so it is closed last, after every object inside it.
  hdf5::File file;
  hdf5::Group timeseries;
  hdf5::Group fields;
  hdf5::Group agents;

  std::optional<hdf5::BufferedSeries> row_times;
  std::vector<hdf5::BufferedSeries> series;
  std::set<std::string> series_paths;
  bool rows_started = false;

  hdf5::Dataset field_times;
  std::size_t field_snapshots = 0;
  std::map<std::string, FieldState> field_states;
  // A snapshot's frames being deflated on another thread (one-thread runs: see
  // write_fields); written by write_pending_frames. FieldState pointers stay valid (map).
  struct PendingFrames {
    std::vector<FieldState*> states;
    std::size_t snapshot = 0;
    std::future<std::vector<std::vector<std::uint8_t>>> encoded;
  };
  std::optional<PendingFrames> pending_frames;

  std::size_t agent_snapshots = 0;
  std::optional<AgentTable> agent_table;

  hdf5::Group events;
  bool events_written = false;

  // Set when continuing a restarted run's file: declare_series opens instead of creating.
  bool resuming = false;
  // The series in declaration order (their datasets are reopened in this order).
  std::vector<std::string> series_order;
  // In SWMR mode (start_live): only appending to existing datasets.
  bool live = false;
  std::filesystem::path path;

  explicit Impl(const std::filesystem::path& partial) : file(hdf5::create_file(partial)), path(partial) {}
  // A checkpoint's copy of the file, possibly taken while it was live.
  Impl(const std::filesystem::path& partial, bool) : file(hdf5::open_file_left_live(partial)), path(partial) {}

  void open_agent_table() {
    agent_table.reset();
    agent_snapshots = 0;
    if (!hdf5::exists(agents.get(), layout::kAgentCount)) return;
    AgentTable table;
    auto open = [&](const std::string& name) {
      return hdf5::make<hdf5::Kind::dataset>(H5Dopen2(agents.get(), name.c_str(), H5P_DEFAULT),
                                             "cannot open /agents/" + name);
    };
    table.time_h = open(layout::kTimeDataset);
    table.first_row = open(layout::kAgentFirstRow);
    table.agent_count = open(layout::kAgentCount);
    table.type_names = hdf5::read_attribute_strings(agents.get(), layout::kTypeNamesAttribute);
    const hdf5::Group group = hdf5::open_group(agents.get(), layout::kAgentColumnGroup);
    for (const std::string& name : hdf5::member_names(group.get())) {
      AgentColumnState column;
      column.name = name;
      column.names_known = false;
      column.dataset = hdf5::make<hdf5::Kind::dataset>(H5Dopen2(group.get(), name.c_str(), H5P_DEFAULT),
                                                       "cannot open /agents/columns/" + name);
      const auto type = hdf5::make<hdf5::Kind::datatype>(H5Dget_type(column.dataset.get()), "read type of " + name);
      column.integer = H5Tget_class(type.get()) == H5T_INTEGER;
      if (const auto missing = hdf5::read_attribute_text(column.dataset.get(), layout::kMissingValueAttribute))
        column.missing = std::stoll(*missing);
      table.columns.push_back(std::move(column));
    }
    const std::vector<double> first = hdf5::read_doubles(table.first_row.get());
    const std::vector<double> count = hdf5::read_doubles(table.agent_count.get());
    agent_snapshots = count.size();
    if (!count.empty()) table.rows = static_cast<std::uint64_t>(first.back() + count.back());
    agent_table = std::move(table);
  }

  // The agent table, created from the first snapshot's columns.
  void create_agent_table(const std::vector<AgentColumnData>& columns, const std::vector<std::string>& type_names) {
    AgentTable table;
    table.type_names = type_names;
    hdf5::write_attribute(agents.get(), layout::kTypeNamesAttribute, type_names);
    hdf5::ExtendibleLayout per_snapshot;
    per_snapshot.frames_per_chunk = 64;
    table.time_h = hdf5::create_extendible(agents.get(), layout::kTimeDataset, per_snapshot);
    hdf5::write_attribute(table.time_h.get(), layout::kUnitAttribute, "h");
    per_snapshot.stored_type = H5T_STD_U64LE;
    per_snapshot.nan_fill = false;
    table.first_row = hdf5::create_extendible(agents.get(), layout::kAgentFirstRow, per_snapshot);
    table.agent_count = hdf5::create_extendible(agents.get(), layout::kAgentCount, per_snapshot);
    const hdf5::Group group = hdf5::create_group(agents.get(), layout::kAgentColumnGroup, /*track_order=*/true);
    for (const AgentColumnData& column : columns) {
      AgentColumnState state;
      state.name = column.name;
      state.integer = holds_integers(column);
      state.missing = column.missing;
      state.value_names = column.value_names;
      hdf5::ExtendibleLayout rows;
      // 4 Ki agents per chunk, compressed: each flush recompresses only the partly filled
      // last chunk, so smaller chunks keep snapshots cheap (16 Ki made output 1.8x slower).
      rows.frames_per_chunk = hsize_t{1} << 12;
      rows.compress = true;
      rows.stored_type = state.integer ? H5T_STD_I64LE : H5T_IEEE_F64LE;
      rows.nan_fill = !state.integer;
      state.dataset = hdf5::create_extendible(group.get(), column.name, rows);
      hdf5::write_attribute(state.dataset.get(), layout::kUnitAttribute, column.unit);
      if (column.missing) hdf5::write_attribute(state.dataset.get(), layout::kMissingValueAttribute, *column.missing);
      for (const auto& [population, names] : column.value_names)
        hdf5::write_attribute(state.dataset.get(),
                              population.empty() ? std::string(layout::kValueNamesAttribute)
                                                 : std::string(layout::kValueNamesAttribute) + "." + population,
                              names);
      table.columns.push_back(std::move(state));
    }
    agent_table = std::move(table);
  }

  // Leaves SWMR mode so that objects can be created: flushes, closes and reopens the file
  // for ordinary writing with every dataset handle restored. A normal run never needs this
  // before finish (start_live comes after the first snapshot has created every object);
  // SWMR readers opening the file meanwhile are refused and try again.
  void reopen_for_new_objects() {
    write_pending_frames(/*wait=*/true);
    flush_rows();
    const bool was_resuming = resuming;
    const bool had_rows = rows_started;
    std::map<std::string, std::optional<std::size_t>> last_snapshots;
    for (const auto& [name, state] : field_states) last_snapshots[name] = state.last_snapshot;
    std::vector<AgentColumnState> agent_columns;
    if (agent_table) agent_columns = std::move(agent_table->columns);
    agent_table.reset();
    close();
    file = hdf5::reopen_for_writing(path);
    live = false;
    open_layout();
    resuming = was_resuming;
    rows_started = had_rows;
    for (const std::string& series_path : series_order)
      series.emplace_back(hdf5::make<hdf5::Kind::dataset>(
          H5Dopen2(timeseries.get(), series_path.c_str(), H5P_DEFAULT), "cannot open /timeseries/" + series_path));
    for (auto& [name, state] : field_states) state.last_snapshot = last_snapshots[name];
    if (agent_table)
      for (std::size_t c = 0; c < agent_table->columns.size() && c < agent_columns.size(); ++c) {
        agent_table->columns[c].value_names = std::move(agent_columns[c].value_names);
        agent_table->columns[c].names_known = agent_columns[c].names_known;
      }
  }

  // The groups and counters of a file written up to a checkpoint (every buffer flushed).
  void open_layout() {
    resuming = true;
    if (hdf5::read_attribute_text(file.get(), layout::kFormatAttribute).value_or("") != layout::kFormatName)
      throw OutputError("the checkpoint's trajectory is not an mscsim trajectory");
    timeseries = hdf5::open_group(file.get(), layout::kSeriesGroup);
    fields = hdf5::open_group(file.get(), layout::kFieldGroup);
    agents = hdf5::open_group(file.get(), layout::kAgentGroup);
    events = hdf5::open_group(file.get(), layout::kEventGroup);
    if (!hdf5::member_names(events.get()).empty()) throw OutputError("the checkpoint's trajectory already has events");
    row_times.emplace(hdf5::make<hdf5::Kind::dataset>(
        H5Dopen2(timeseries.get(), layout::kTimeDataset, H5P_DEFAULT), "cannot open /timeseries/time_h"));
    rows_started = true;
    field_times = hdf5::make<hdf5::Kind::dataset>(H5Dopen2(fields.get(), layout::kTimeDataset, H5P_DEFAULT),
                                                  "cannot open /fields/time_h");
    field_snapshots = static_cast<std::size_t>(hdf5::dims_of(field_times.get()).at(0));
    for (const std::string& name : hdf5::member_names(fields.get())) {
      if (name == layout::kTimeDataset) continue;
      FieldState state;
      state.dataset = hdf5::make<hdf5::Kind::dataset>(H5Dopen2(fields.get(), name.c_str(), H5P_DEFAULT),
                                                      "cannot open /fields/" + name);
      const std::vector<std::uint64_t> dims = hdf5::dims_of(state.dataset.get());
      state.shape.nx = static_cast<int>(dims.back());
      state.shape.ny = static_cast<int>(dims[dims.size() - 2]);
      state.shape.nz = dims.size() == 4 ? static_cast<int>(dims[1]) : 1;
      field_states.emplace(name, std::move(state));
    }
    open_agent_table();
  }

  void create_layout() {
    hdf5::write_attribute(file.get(), layout::kFormatAttribute, layout::kFormatName);
    hdf5::write_attribute(file.get(), layout::kSchemaAttribute, kTrajectorySchemaVersion);
    timeseries = hdf5::create_group(file.get(), layout::kSeriesGroup);
    fields = hdf5::create_group(file.get(), layout::kFieldGroup);
    agents = hdf5::create_group(file.get(), layout::kAgentGroup);
    events = hdf5::create_group(file.get(), layout::kEventGroup);
    row_times.emplace(timeseries.get(), layout::kTimeDataset, "h", /*dense_attributes=*/true);
    hdf5::make_scale(row_times->id(), layout::kTimeDataset);
    hdf5::ExtendibleLayout times;
    times.frames_per_chunk = 256;
    times.dense_attributes = true;
    field_times = hdf5::create_extendible(fields.get(), layout::kTimeDataset, times);
    hdf5::write_attribute(field_times.get(), layout::kUnitAttribute, "h");
    hdf5::make_scale(field_times.get(), layout::kTimeDataset);
  }

  void go_live() {
    flush_rows();
    hdf5::start_live_writing(file.get());
    live = true;
  }

  // Writes the frames deflated in the background; unless `wait`, only when they are ready.
  void write_pending_frames(bool wait) {
    if (!pending_frames) return;
    if (!wait && pending_frames->encoded.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return;
    PendingFrames done = std::move(*pending_frames);
    pending_frames.reset();
    const std::vector<std::vector<std::uint8_t>> encoded = done.encoded.get();
    for (std::size_t i = 0; i < encoded.size(); ++i) {
      hdf5::write_encoded_frame(done.states[i]->dataset.get(), done.snapshot, encoded[i]);
      done.states[i]->last_snapshot = done.snapshot;
    }
  }

  void flush_rows() {
    write_pending_frames(/*wait=*/false);
    row_times->flush();
    for (hdf5::BufferedSeries& s : series) s.flush();
    hdf5::flush(file.get());
  }

  // Closes every object, then the file itself, reporting a failed close: that is where
  // HDF5 writes its remaining buffers.
  void close() {
    write_pending_frames(/*wait=*/true);
    agent_table.reset();
    field_states.clear();
    field_times.reset();
    series.clear();
    row_times.reset();
    events.reset();
    agents.reset();
    fields.reset();
    timeseries.reset();
    file.close_or_throw("cannot close trajectory file");
  }
};

namespace {

std::filesystem::path partial_path_of(const std::filesystem::path& final_path) {
  std::filesystem::path partial = final_path;
  partial += ".partial";
  return partial;
}

// OUT.h5.partial for an output path that names a file, with its folder created.
std::filesystem::path checked_partial_path(const std::filesystem::path& final_path) {
  if (final_path.empty() || !final_path.has_filename())
    throw OutputError("output path '" + final_path.string() + "' does not name a file");
  std::filesystem::path partial = partial_path_of(final_path);
  if (partial.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(partial.parent_path(), error);
    if (error)
      throw OutputError("cannot create folder " + partial.parent_path().string() + ": " + error.message());
  }
  return partial;
}

}  // namespace

TrajectoryWriter::TrajectoryWriter(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  const hdf5::QuietErrors quiet;
  const std::filesystem::path partial = checked_partial_path(final_path_);
  // One writer per output: the lock comes before anything that creates or truncates.
  lock_ = std::make_unique<OutputLock>(final_path_);
  // A partial file that cannot be created (a folder in the way) is not ours to remove.
  impl_ = std::make_unique<Impl>(partial);
  try {
    impl_->create_layout();
  } catch (...) {
    impl_.reset();
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
}

TrajectoryWriter::TrajectoryWriter(std::filesystem::path final_path, std::span<const std::uint8_t> written_so_far)
    : final_path_(std::move(final_path)) {
  const hdf5::QuietErrors quiet;
  const std::filesystem::path partial = checked_partial_path(final_path_);
  lock_ = std::make_unique<OutputLock>(final_path_);
  try {
    {
      std::ofstream out(partial, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(written_so_far.data()),
                static_cast<std::streamsize>(written_so_far.size()));
      out.close();
      if (!out) throw OutputError("cannot write " + partial.string());
    }
    impl_ = std::make_unique<Impl>(partial, true);
    impl_->open_layout();
  } catch (...) {
    impl_.reset();
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    throw;
  }
}

TrajectoryWriter::~TrajectoryWriter() {
  const hdf5::QuietErrors quiet;
  impl_.reset();
  if (!finished_ && lock_) {
    std::error_code ignored;
    std::filesystem::remove(partial_path(), ignored);
  }
  lock_.reset();
}

std::filesystem::path TrajectoryWriter::partial_path() const { return partial_path_of(final_path_); }

void TrajectoryWriter::declare_series(std::vector<SeriesSpec> specs) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("declare_series after finish");
  Impl& w = *impl_;
  if (w.rows_started && !w.resuming) throw ConfigurationError("declare every series before the first append_row");
  const bool was_live = w.live;
  if (was_live) w.reopen_for_new_objects();
  if (w.resuming) {
    if (!w.series.empty()) throw ConfigurationError("declare_series called twice on a resumed trajectory");
    for (const SeriesSpec& spec : specs) {
      const std::string path = spec.group + "/" + spec.name;
      if (!hdf5::exists(w.timeseries.get(), path))
        throw OutputError("the checkpoint's trajectory has no series " + path);
      w.series.emplace_back(hdf5::make<hdf5::Kind::dataset>(
          H5Dopen2(w.timeseries.get(), path.c_str(), H5P_DEFAULT), "cannot open /timeseries/" + path));
      w.series_order.push_back(path);
    }
    return;
  }
  for (const SeriesSpec& spec : specs) {
    const std::vector<std::string> parts = layout::split_group_path("series group", spec.group);
    layout::require_member_name("series", spec.name);
    const std::string path = spec.group + "/" + spec.name;
    if (!w.series_paths.insert(path).second) throw ConfigurationError("series " + path + " declared twice");
    // A nested group ("biodistribution/lung") is created one level at a time.
    std::string group;
    for (const std::string& part : parts) {
      group += (group.empty() ? "" : "/") + part;
      if (!hdf5::exists(w.timeseries.get(), group)) {
        hdf5::create_group(w.timeseries.get(), group);
      } else if (!hdf5::is_group(w.timeseries.get(), group)) {
        throw ConfigurationError("series group '" + spec.group + "' clashes with /timeseries/" + group);
      }
    }
    if (hdf5::exists(w.timeseries.get(), path))
      throw ConfigurationError("series " + path + " clashes with the series group /timeseries/" + path);
    w.series.emplace_back(w.timeseries.get(), path, spec.unit);
    w.series_order.push_back(path);
    hdf5::attach_scale(w.series.back().id(), w.row_times->id(), 0);  // rows are indexed by time_h
  }
  if (was_live) w.go_live();
}

void TrajectoryWriter::append_row(double time_h, std::span<const double> values) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("append_row after finish");
  Impl& w = *impl_;
  if (values.size() != w.series.size())
    throw ConfigurationError("append_row got " + std::to_string(values.size()) + " values for " +
                             std::to_string(w.series.size()) + " declared series");
  w.rows_started = true;
  w.row_times->push(time_h);
  for (std::size_t i = 0; i < values.size(); ++i) w.series[i].push(values[i]);
  if (w.row_times->pending() >= kRowsPerFlush) w.flush_rows();
}

void TrajectoryWriter::begin_field_snapshot(double time_h) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("begin_field_snapshot after finish");
  Impl& w = *impl_;
  // A followed file shows the rows and the previous snapshot's fields up to here.
  w.write_pending_frames(/*wait=*/true);
  if (w.live) w.flush_rows();
  hdf5::write_frames(w.field_times.get(), w.field_snapshots, 1, H5T_NATIVE_DOUBLE, &time_h);
  ++w.field_snapshots;
}

void TrajectoryWriter::write_field(const std::string& name, const std::string& unit, const LatticeShape& shape,
                                   std::span<const double> data) {
  const FieldFrame frame{name, unit, data};
  write_fields(shape, std::span<const FieldFrame>(&frame, 1));
}

void TrajectoryWriter::write_fields(const LatticeShape& shape, std::span<const FieldFrame> frames) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_field after finish");
  Impl& w = *impl_;
  if (w.field_snapshots == 0) throw ConfigurationError("write_field before begin_field_snapshot");
  const std::size_t snapshot = w.field_snapshots - 1;
  std::set<std::string> in_this_call;
  std::vector<FieldState*> states;
  for (const FieldFrame& frame : frames) {
    const std::string& name = frame.name;
    layout::require_member_name("field", name);
    if (name == layout::kTimeDataset) throw ConfigurationError("a field cannot be called time_h");
    if (frame.data.size() != shape.voxel_count())
      throw ConfigurationError("field " + name + " has " + std::to_string(frame.data.size()) + " values for " +
                               std::to_string(shape.voxel_count()) + " voxels");
    auto found = w.field_states.find(name);
    if (found == w.field_states.end()) {
      const bool was_live = w.live;
      if (was_live) w.reopen_for_new_objects();
      hdf5::ExtendibleLayout layout_of_frames;
      layout_of_frames.stored_type = H5T_IEEE_F32LE;
      layout_of_frames.compress = true;
      // One frame per chunk: write_encoded_frame writes a whole chunk.
      layout_of_frames.frames_per_chunk = 1;
      if (shape.is_3d()) layout_of_frames.frame_dims.push_back(static_cast<hsize_t>(shape.nz));
      layout_of_frames.frame_dims.push_back(static_cast<hsize_t>(shape.ny));
      layout_of_frames.frame_dims.push_back(static_cast<hsize_t>(shape.nx));
      FieldState state{hdf5::create_extendible(w.fields.get(), name, layout_of_frames), shape, std::nullopt};
      hdf5::write_attribute(state.dataset.get(), layout::kUnitAttribute, frame.unit);
      hdf5::write_attribute(state.dataset.get(), "voxel_um", shape.voxel_um);
      hdf5::attach_scale(state.dataset.get(), w.field_times.get(), 0);  // frames are indexed by time_h
      found = w.field_states.emplace(name, std::move(state)).first;
      if (was_live) w.go_live();
    }
    FieldState& state = found->second;
    if (state.shape.nx != shape.nx || state.shape.ny != shape.ny || state.shape.nz != shape.nz)
      throw ConfigurationError("field " + name + " changed shape between snapshots");
    if (state.last_snapshot == snapshot || !in_this_call.insert(name).second)
      throw ConfigurationError("field " + name + " written twice in one snapshot");
    states.push_back(&state);
  }

  // float32 halves the size of the largest part of the output; fields are smooth
  // concentrations whose 7 significant digits exceed the model's accuracy.
  if (!hdf5::can_encode_frames()) {
    for (std::size_t i = 0; i < frames.size(); ++i) {
      const std::vector<float> values(frames[i].data.begin(), frames[i].data.end());
      hdf5::write_frames(states[i]->dataset.get(), snapshot, 1, H5T_NATIVE_FLOAT, values.data());
      states[i]->last_snapshot = snapshot;
    }
    return;
  }
  // The compression is the costly part of a snapshot. On one thread, and when the copy it
  // needs is small (kMaxBackgroundBytes), it is moved off the run's path: the frames are
  // converted and shuffled here (a copy, since the fields change in the next step),
  // deflated on a thread of their own while the run goes on, and written at the next write
  // that needs them (the next snapshot, a checkpoint, the end) or at a flush once ready.
  // Otherwise they are deflated here, as many fields at a time as there are threads, in
  // parallel, each batch written before the next is encoded, so a large 3-D lattice needs
  // only one frame's buffers per thread. HDF5 (not thread-safe) is called by this thread only.
  for (FieldState* state : states) state->last_snapshot = snapshot;
  const std::size_t frame_bytes = shape.voxel_count() * sizeof(float);
  if (omp_get_max_threads() == 1 && frame_bytes * frames.size() <= kMaxBackgroundBytes) {
    w.write_pending_frames(/*wait=*/true);  // one batch in flight at a time
    std::vector<std::vector<std::uint8_t>> shuffled;
    for (const FieldFrame& frame : frames) shuffled.push_back(hdf5::shuffle_field_frame(frame.data));
    Impl::PendingFrames pending;
    pending.states = std::move(states);
    pending.snapshot = snapshot;
    pending.encoded = std::async(std::launch::async, [shuffled = std::move(shuffled)] {
      std::vector<std::vector<std::uint8_t>> encoded;
      for (const std::vector<std::uint8_t>& frame : shuffled) encoded.push_back(hdf5::deflate_shuffled_frame(frame));
      return encoded;
    });
    w.pending_frames = std::move(pending);
    return;
  }
  const auto batch = static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
  for (std::size_t first = 0; first < frames.size(); first += batch) {
    const std::size_t count = std::min(batch, frames.size() - first);
    std::vector<std::vector<std::uint8_t>> encoded(count);
    bool failed = false;
#pragma omp parallel for schedule(static, 1) if (count > 1)
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
      try {
        encoded[static_cast<std::size_t>(i)] = hdf5::encode_field_frame(frames[first + static_cast<std::size_t>(i)].data);
      } catch (...) {
#pragma omp atomic write
        failed = true;
      }
    }
    if (failed) throw OutputError("cannot compress a field snapshot of " + w.path.string());
    for (std::size_t i = 0; i < count; ++i)
      hdf5::write_encoded_frame(states[first + i]->dataset.get(), snapshot, encoded[i]);
  }
}

void TrajectoryWriter::write_agent_snapshot(double time_h, const std::vector<AgentColumnData>& columns,
                                            const std::vector<std::string>& type_names) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_agent_snapshot after finish");
  Impl& w = *impl_;
  const std::size_t count = checked_agent_count(columns);
  if (!w.agent_table) {
    const bool was_live = w.live;
    if (was_live) w.reopen_for_new_objects();
    if (!w.agent_table) w.create_agent_table(columns, type_names);
    if (was_live) w.go_live();
  }
  AgentTable& table = *w.agent_table;
  // Every snapshot has the first one's columns: the table's datasets and attributes are
  // fixed once the file is live.
  const std::string snapshot_name = "agent snapshot " + std::to_string(w.agent_snapshots);
  if (type_names != table.type_names)
    throw ConfigurationError(snapshot_name + " has other population names than the first snapshot");
  if (columns.size() != table.columns.size())
    throw ConfigurationError(snapshot_name + " has " + std::to_string(columns.size()) + " columns; the first had " +
                             std::to_string(table.columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const AgentColumnState& state = table.columns[c];
    const AgentColumnData& column = columns[c];
    if (column.name != state.name || holds_integers(column) != state.integer || column.missing != state.missing ||
        (state.names_known && column.value_names != state.value_names))
      throw ConfigurationError(snapshot_name + " column '" + column.name + "' differs from column '" + state.name +
                               "' of the first snapshot (name, kind, missing code or value names)");
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const AgentColumnData& column = columns[c];
    if (table.columns[c].integer)
      hdf5::write_frames(table.columns[c].dataset.get(), table.rows, count, H5T_NATIVE_INT64, column.integers.data());
    else
      hdf5::write_frames(table.columns[c].dataset.get(), table.rows, count, H5T_NATIVE_DOUBLE, column.reals.data());
    // A snapshot without agents still leaves every column as long as the table says.
    hdf5::grow_to(table.columns[c].dataset.get(), table.rows + count);
  }
  // The index last: a reader that sees snapshot k in it finds its rows already written.
  const std::uint64_t first = table.rows;
  const std::uint64_t n = count;
  hdf5::write_frames(table.time_h.get(), w.agent_snapshots, 1, H5T_NATIVE_DOUBLE, &time_h);
  hdf5::write_frames(table.first_row.get(), w.agent_snapshots, 1, H5T_NATIVE_UINT64, &first);
  hdf5::write_frames(table.agent_count.get(), w.agent_snapshots, 1, H5T_NATIVE_UINT64, &n);
  table.rows += count;
  ++w.agent_snapshots;
  // The rows so far with it, so a reader following the file sees the series reach the
  // snapshot's time (flush_rows flushes the file).
  w.flush_rows();
}

void TrajectoryWriter::write_events(const std::vector<EventTableData>& tables) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_events after finish");
  Impl& w = *impl_;
  if (w.events_written) throw ConfigurationError("write_events called twice");
  // The event log is written once, at the end: the file leaves SWMR mode for good.
  if (w.live) w.reopen_for_new_objects();
  std::set<std::string> kinds;
  for (const EventTableData& table : tables) {
    layout::require_member_name("event kind", table.kind);
    if (!kinds.insert(table.kind).second) throw ConfigurationError("event kind '" + table.kind + "' appears twice");
    const std::size_t count = table.time_h.size();
    std::set<std::string> names{layout::kTimeDataset};
    for (const EventColumnData& column : table.columns) {
      layout::require_member_name("event column", column.name);
      if (!names.insert(column.name).second)
        throw ConfigurationError("event column '" + table.kind + "/" + column.name + "' appears twice or is time_h");
      const std::size_t n = column.is_text ? column.texts.size() : column.reals.size();
      if (n != count || (column.is_text ? !column.reals.empty() : !column.texts.empty()))
        throw ConfigurationError("event column '" + table.kind + "/" + column.name + "' has " + std::to_string(n) +
                                 " values for " + std::to_string(count) + " events");
    }
    const hdf5::Group group = hdf5::create_group(w.events.get(), table.kind, /*track_order=*/true);
    hdf5::write_attribute(group.get(), "event_count", static_cast<std::uint64_t>(count));
    const hdf5::Dataset times = hdf5::write_vector(group.get(), layout::kTimeDataset, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                                   table.time_h.data(), count);
    hdf5::write_attribute(times.get(), layout::kUnitAttribute, "h");
    for (const EventColumnData& column : table.columns) {
      const hdf5::Dataset dataset = column.is_text ? hdf5::write_string_vector(group.get(), column.name, column.texts)
                                                   : hdf5::write_vector(group.get(), column.name, H5T_IEEE_F64LE,
                                                                        H5T_NATIVE_DOUBLE, column.reals.data(), count);
      hdf5::write_attribute(dataset.get(), layout::kUnitAttribute, column.unit);
    }
  }
  w.events_written = true;
  hdf5::flush(w.file.get());
}

void TrajectoryWriter::start_live() {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("start_live after finish");
  if (impl_->live) return;
  impl_->go_live();
}

void TrajectoryWriter::flush() {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("flush after finish");
  impl_->write_pending_frames(/*wait=*/true);
  impl_->flush_rows();
}

void TrajectoryWriter::close_as_partial() {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("close_as_partial after finish");
  impl_->write_pending_frames(/*wait=*/true);
  impl_->flush_rows();
  for (auto& [name, state] : impl_->field_states) hdf5::grow_to(state.dataset.get(), impl_->field_snapshots);
  impl_->close();
  impl_.reset();
  finished_ = true;  // keeps the partial file
  lock_.reset();
}

void TrajectoryWriter::finish(const RunMetadata& meta) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("finish called twice");
  Impl& w = *impl_;
  w.write_pending_frames(/*wait=*/true);
  w.flush_rows();
  // Every field gets one frame per snapshot time; frames a field skipped read as NaN.
  for (auto& [name, state] : w.field_states) hdf5::grow_to(state.dataset.get(), w.field_snapshots);
  // /meta is new: written after SWMR mode ends, so a reader that finds it sees the whole run.
  if (w.live) w.reopen_for_new_objects();
  write_metadata(w.file.get(), meta);
  w.close();
  impl_.reset();

  std::error_code error;
  std::filesystem::rename(partial_path(), final_path_, error);
  if (error)
    throw OutputError("cannot rename " + partial_path().string() + " to " + final_path_.string() + ": " +
                      error.message());
  finished_ = true;
  lock_.reset();
}

}  // namespace mscsim
