#include "sim/io/trajectory_writer.hpp"

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <system_error>

#include "sim/core/errors.hpp"
#include "sim/io/buffered_series.hpp"
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

struct FieldState {
  hdf5::Dataset dataset;
  LatticeShape shape;
  std::optional<std::size_t> last_snapshot;
};

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

  std::size_t agent_snapshots = 0;

  hdf5::Group events;
  bool events_written = false;

  // Set when continuing a restarted run's file: declare_series opens instead of creating.
  bool resuming = false;

  explicit Impl(const std::filesystem::path& partial) : file(hdf5::create_file(partial)) {}
  Impl(const std::filesystem::path& partial, bool writable) : file(hdf5::open_file(partial, writable)) {}

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
    agent_snapshots = hdf5::member_names(agents.get()).size();
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

  void flush_rows() {
    row_times->flush();
    for (hdf5::BufferedSeries& s : series) s.flush();
    hdf5::flush(file.get());
  }

  // Closes every object, then the file itself, reporting a failed close: that is where
  // HDF5 writes its remaining buffers.
  void close() {
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
  if (w.resuming) {
    if (!w.series.empty()) throw ConfigurationError("declare_series called twice on a resumed trajectory");
    for (const SeriesSpec& spec : specs) {
      const std::string path = spec.group + "/" + spec.name;
      if (!hdf5::exists(w.timeseries.get(), path))
        throw OutputError("the checkpoint's trajectory has no series " + path);
      w.series.emplace_back(hdf5::make<hdf5::Kind::dataset>(
          H5Dopen2(w.timeseries.get(), path.c_str(), H5P_DEFAULT), "cannot open /timeseries/" + path));
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
    hdf5::attach_scale(w.series.back().id(), w.row_times->id(), 0);  // rows are indexed by time_h
  }
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
  hdf5::write_frames(w.field_times.get(), w.field_snapshots, 1, H5T_NATIVE_DOUBLE, &time_h);
  ++w.field_snapshots;
}

void TrajectoryWriter::write_field(const std::string& name, const std::string& unit, const LatticeShape& shape,
                                   std::span<const double> data) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_field after finish");
  Impl& w = *impl_;
  if (w.field_snapshots == 0) throw ConfigurationError("write_field before begin_field_snapshot");
  layout::require_member_name("field", name);
  if (name == layout::kTimeDataset) throw ConfigurationError("a field cannot be called time_h");
  if (data.size() != shape.voxel_count())
    throw ConfigurationError("field " + name + " has " + std::to_string(data.size()) + " values for " +
                             std::to_string(shape.voxel_count()) + " voxels");
  const std::size_t snapshot = w.field_snapshots - 1;

  auto found = w.field_states.find(name);
  if (found == w.field_states.end()) {
    hdf5::ExtendibleLayout frames;
    frames.stored_type = H5T_IEEE_F32LE;
    frames.compress = true;
    frames.frames_per_chunk = 1;
    if (shape.is_3d()) frames.frame_dims.push_back(static_cast<hsize_t>(shape.nz));
    frames.frame_dims.push_back(static_cast<hsize_t>(shape.ny));
    frames.frame_dims.push_back(static_cast<hsize_t>(shape.nx));
    FieldState state{hdf5::create_extendible(w.fields.get(), name, frames), shape, std::nullopt};
    hdf5::write_attribute(state.dataset.get(), layout::kUnitAttribute, unit);
    hdf5::write_attribute(state.dataset.get(), "voxel_um", shape.voxel_um);
    hdf5::attach_scale(state.dataset.get(), w.field_times.get(), 0);  // frames are indexed by time_h
    found = w.field_states.emplace(name, std::move(state)).first;
  }
  FieldState& state = found->second;
  if (state.shape.nx != shape.nx || state.shape.ny != shape.ny || state.shape.nz != shape.nz)
    throw ConfigurationError("field " + name + " changed shape between snapshots");
  if (state.last_snapshot == snapshot) throw ConfigurationError("field " + name + " written twice in one snapshot");

  // float32 halves the size of the largest part of the output; fields are smooth
  // concentrations whose 7 significant digits exceed the model's accuracy.
  const std::vector<float> values(data.begin(), data.end());
  hdf5::write_frames(state.dataset.get(), snapshot, 1, H5T_NATIVE_FLOAT, values.data());
  state.last_snapshot = snapshot;
}

void TrajectoryWriter::write_agent_snapshot(double time_h, const std::vector<AgentColumnData>& columns,
                                            const std::vector<std::string>& type_names) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_agent_snapshot after finish");
  Impl& w = *impl_;
  const std::size_t count = checked_agent_count(columns);

  const hdf5::Group snapshot =
      hdf5::create_group(w.agents.get(), std::to_string(w.agent_snapshots), /*track_order=*/true);
  hdf5::write_attribute(snapshot.get(), "time_h", time_h);
  hdf5::write_attribute(snapshot.get(), "type_names", type_names);
  hdf5::write_attribute(snapshot.get(), "agent_count", static_cast<std::uint64_t>(count));
  for (const AgentColumnData& column : columns) {
    // A column with no values (no agents) is stored as int64 when it says it holds
    // integers, as float64 otherwise.
    const hdf5::Dataset dataset =
        column.integers.empty() && !column.integer
            ? hdf5::write_vector(snapshot.get(), column.name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, column.reals.data(),
                                 count)
            : hdf5::write_vector(snapshot.get(), column.name, H5T_STD_I64LE, H5T_NATIVE_INT64,
                                 column.integers.data(), count);
    hdf5::write_attribute(dataset.get(), layout::kUnitAttribute, column.unit);
    if (column.missing) hdf5::write_attribute(dataset.get(), layout::kMissingValueAttribute, *column.missing);
    for (const auto& [population, names] : column.value_names)
      hdf5::write_attribute(dataset.get(),
                            population.empty() ? std::string(layout::kValueNamesAttribute)
                                               : std::string(layout::kValueNamesAttribute) + "." + population,
                            names);
  }
  ++w.agent_snapshots;
  hdf5::flush(w.file.get());
}

void TrajectoryWriter::write_events(const std::vector<EventTableData>& tables) {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("write_events after finish");
  Impl& w = *impl_;
  if (w.events_written) throw ConfigurationError("write_events called twice");
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

void TrajectoryWriter::flush() {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("flush after finish");
  impl_->flush_rows();
}

void TrajectoryWriter::close_as_partial() {
  const hdf5::QuietErrors quiet;
  if (!impl_) throw ConfigurationError("close_as_partial after finish");
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
  w.flush_rows();
  // Every field gets one frame per snapshot time; frames a field skipped read as NaN.
  for (auto& [name, state] : w.field_states) hdf5::grow_to(state.dataset.get(), w.field_snapshots);
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
