#include "sim/engine/run.hpp"

#include <omp.h>
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <optional>

#include "sim/io/checkpoint_file.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {

namespace {

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void write_field_snapshot(TrajectoryWriter& writer, const World& world, double time_h) {
  writer.begin_field_snapshot(time_h);
  const FieldSet& fields = world.fields();
  std::vector<FieldFrame> frames;
  for (FieldId f = 0; f < fields.size(); ++f)
    frames.push_back({fields.spec(f).name, fields.spec(f).unit,
                      std::span<const double>(fields.data(f), world.shape().voxel_count())});
  writer.write_fields(world.shape(), frames);
}

// One dataset per attribute over all agents: id, population, x, y, z, then the union of
// the populations' columns by name. A column that is Integer in every population having it
// is stored as integers (kMissingCode for agents whose type lacks it), with the names of
// its codes per population when the models named them; any other column as reals (NaN for
// agents whose type lacks it).
constexpr std::int64_t kMissingCode = std::numeric_limits<std::int64_t>::min();

void write_agent_snapshot(TrajectoryWriter& writer, const World& world, double time_h) {
  std::vector<AgentColumnData> columns(5);
  const char* builtin[] = {"id", "population", "x", "y", "z"};
  for (int i = 0; i < 5; ++i) {
    columns[i].name = builtin[i];
    columns[i].integer = true;
  }
  columns[0].unit = columns[1].unit = "1";
  columns[2].unit = columns[3].unit = columns[4].unit = "voxels";
  std::map<std::string, std::size_t> position;
  std::vector<std::string> type_names;
  for (PopulationId p = 0; p < world.population_count(); ++p) {
    type_names.push_back(world.population(p).name());
    for (const ColumnSpec& spec : world.population(p).columns()) {
      if (!spec.in_snapshot) continue;
      auto found = position.find(spec.name);
      if (found == position.end()) {
        found = position.emplace(spec.name, columns.size()).first;
        AgentColumnData data;
        data.name = spec.name;
        data.unit = spec.unit;
        data.integer = true;
        columns.push_back(data);
      }
      AgentColumnData& data = columns[found->second];
      data.integer = data.integer && spec.type == ColumnType::Integer;
      if (!spec.value_names.empty()) data.value_names[world.population(p).name()] = spec.value_names;
    }
  }
  columns[1].value_names[""] = type_names;
  const LatticeShape& shape = world.shape();
  const std::size_t total = world.agent_count();
  for (std::size_t c = 0; c < 5; ++c) columns[c].integers.reserve(total);
  for (std::size_t c = 5; c < columns.size(); ++c) {
    if (columns[c].integer) {
      columns[c].integers.assign(total, kMissingCode);
    } else {
      columns[c].reals.assign(total, std::numeric_limits<double>::quiet_NaN());
      columns[c].value_names.clear();
    }
  }
  std::vector<bool> somebody_lacks(columns.size(), false);
  std::size_t offset = 0;
  for (PopulationId p = 0; p < world.population_count(); ++p) {
    const Population& pop = world.population(p);
    for (std::size_t r = 0; r < pop.size(); ++r) {
      columns[0].integers.push_back(static_cast<std::int64_t>(pop.id[r]));
      columns[1].integers.push_back(p);
      columns[2].integers.push_back(shape.x_of(pop.voxel[r]));
      columns[3].integers.push_back(shape.y_of(pop.voxel[r]));
      columns[4].integers.push_back(shape.z_of(pop.voxel[r]));
    }
    std::vector<bool> has(columns.size(), false);
    for (ColumnId c = 0; c < pop.columns().size(); ++c) {
      if (!pop.columns()[c].in_snapshot) continue;
      const std::size_t out_column = position.at(pop.columns()[c].name);
      has[out_column] = true;
      AgentColumnData& out = columns[out_column];
      if (out.integer) {
        const std::int32_t* values = pop.integer(c);
        for (std::size_t r = 0; r < pop.size(); ++r) out.integers[offset + r] = values[r];
      } else {
        for (std::size_t r = 0; r < pop.size(); ++r) out.reals[offset + r] = pop.value_as_real(c, r);
      }
    }
    for (std::size_t c = 5; c < columns.size(); ++c)
      if (!has[c]) somebody_lacks[c] = true;
    offset += pop.size();
  }
  for (std::size_t c = 5; c < columns.size(); ++c)
    if (columns[c].integer && somebody_lacks[c]) columns[c].missing = kMissingCode;
  writer.write_agent_snapshot(time_h, columns, type_names);
}

}  // namespace

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024u;  // Linux reports KiB
}

RunReport run_to_file(const Scenario& scenario, ModelList& models, const RunOptions& options) {
  const ThreadAllocation allocation = choose_thread_count(options.threads);
  omp_set_num_threads(allocation.threads);
  RunReport report;
  report.threads = omp_get_max_threads();
  report.threads_source = allocation.source;
  const std::string started = utc_now_iso8601();
  const double wall_start = omp_get_wtime();

  Simulation sim(scenario, models);
  const RunSettings& run = sim.settings();
  const std::string scenario_toml = scenario.to_toml();
  std::optional<TrajectoryWriter> output;
  if (options.restart)
    output.emplace(options.output_path, options.restart->output_trajectory);
  else
    output.emplace(options.output_path);
  TrajectoryWriter& writer = *output;
  writer.declare_series(sim.series());
  sim.initialize();
  if (options.restart) {
    // The initializers ran as in the first run (the same seed gives the same derived
    // model state); the checkpoint then overwrites everything the steps had changed.
    ByteReader state(options.restart->state, "checkpoint of " + options.output_path.string());
    sim.restore_state(state);
    report.restarted_from_h = sim.time_h();
  }
  const double setup_s = omp_get_wtime() - wall_start;

  // Time in the observers and the HDF5 output, for the profile (the part of the run that
  // is not a step, with the set-up).
  double output_s = 0.0;
  std::vector<double> row;
  auto output_row = [&] {
    const double t0 = omp_get_wtime();
    sim.observe(row);
    writer.append_row(sim.time_h(), row);
    output_s += omp_get_wtime() - t0;
  };
  auto snapshot = [&] {
    const double t0 = omp_get_wtime();
    write_field_snapshot(writer, sim.world(), sim.time_h());
    if (run.agent_snapshots) write_agent_snapshot(writer, sim.world(), sim.time_h());
    output_s += omp_get_wtime() - t0;
  };
  if (!options.restart) {
    output_row();
    snapshot();
  }
  // Every object of the file now exists: from here readers may follow it (SWMR).
  writer.start_live();

  const CheckpointOptions& checkpointing = options.checkpoint;
  const std::uint64_t checkpoint_every_steps =
      checkpointing.every_h > 0 ? std::max<std::uint64_t>(1, std::llround(checkpointing.every_h / run.dt_h)) : 0;
  auto write_checkpoint_now = [&] {
    const double t0 = omp_get_wtime();
    writer.flush();
    ByteWriter state;
    sim.save_state(state);
    CheckpointHeader header;
    header.version = options.version;
    header.git_commit = options.git_commit;
    header.scenario_toml = scenario_toml;
    header.output_path = std::filesystem::absolute(options.output_path).string();
    header.steps_done = sim.steps_done();
    header.time_h = sim.time_h();
    header.checkpoint_every_h = checkpointing.every_h;
    header.written_utc = utc_now_iso8601();
    header.model_states = sim.model_state_names();
    write_checkpoint(checkpointing.path, header, state.bytes(), writer.partial_path());
    ++report.checkpoints_written;
    report.checkpoint_s += omp_get_wtime() - t0;
    std::error_code ignored;
    report.checkpoint_bytes = std::filesystem::file_size(checkpointing.path, ignored);
  };

  ProgressReporter progress(options.progress, run.duration_h, run.name);
  while (!sim.finished()) {
    sim.step();
    const std::uint64_t k = sim.steps_done();
    if (k % run.output_every_steps == 0 || sim.finished()) output_row();
    if ((run.snapshot_every_steps > 0 && k % run.snapshot_every_steps == 0) || sim.finished()) snapshot();
    progress.update(sim.time_h(), sim.agent_steps());
    const bool stop_time = options.stop_at_h >= 0 && sim.time_h() >= options.stop_at_h - 0.5 * run.dt_h;
    const bool stop = !sim.finished() && (stop_time || (options.stop_requested && options.stop_requested()));
    const bool due = checkpoint_every_steps > 0 && k % checkpoint_every_steps == 0 && !sim.finished();
    if (!checkpointing.path.empty() && (due || stop)) write_checkpoint_now();
    if (stop) {
      progress.finish();
      writer.close_as_partial();
      report.stopped = true;
      report.output_path = options.output_path;
      report.scenario_name = run.name;
      report.duration_h = sim.time_h();
      report.steps = sim.steps_done();
      report.wall_s = omp_get_wtime() - wall_start;
      return report;
    }
  }
  progress.finish();

  const FieldSet& fields = sim.world().fields();
  report.output_path = options.output_path;
  report.scenario_name = run.name;
  report.duration_h = sim.time_h();
  report.steps = sim.steps_done();
  report.agent_steps = sim.agent_steps();
  report.field_updates_per_s =
      fields.solve_seconds() > 0 ? static_cast<double>(fields.voxel_field_updates()) / fields.solve_seconds() : 0.0;
  report.engine_bytes = sim.world().bytes();
  report.final_agents = sim.world().agent_count();
  report.voxels = sim.world().shape().voxel_count();
  report.fields = fields.size();
  report.series = sim.series();
  report.final_values = row;
  report.profile = sim.profile();
  report.profile.push_back({"run.setup", setup_s});

  RunMetadata meta;
  meta.version = options.version;
  meta.git_commit = options.git_commit;
  meta.seed = run.seed;
  meta.threads = report.threads;
  meta.started_utc = started;
  meta.scenario_toml = scenario.to_toml();
  meta.scenario_name = run.name;
  meta.duration_h = report.duration_h;
  meta.dt_h = run.dt_h;
  meta.agent_steps = report.agent_steps;
  meta.field_updates_per_s = report.field_updates_per_s;
  // Wall time of the whole run, output included, measured just before the file closes.
  report.wall_s = omp_get_wtime() - wall_start;
  report.agent_steps_per_s = report.wall_s > 0 ? static_cast<double>(report.agent_steps) / report.wall_s : 0.0;
  report.peak_rss_bytes = peak_rss_bytes();
  meta.wall_s = report.wall_s;
  meta.agent_steps_per_s = report.agent_steps_per_s;
  meta.peak_rss_bytes = report.peak_rss_bytes;
  const double t0 = omp_get_wtime();
  writer.write_events(sim.world().events().tables());
  writer.finish(meta);
  report.profile.push_back({"run.output", output_s + (omp_get_wtime() - t0)});
  report.profile.push_back({"run.checkpoints", report.checkpoint_s});
  // The finished trajectory makes the checkpoint useless (and it holds a copy of the output).
  if (!checkpointing.path.empty()) {
    std::error_code ignored;
    std::filesystem::remove(checkpointing.path, ignored);
  }
  return report;
}

}  // namespace mscsim
