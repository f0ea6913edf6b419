// mscsim info OUT.h5
#include <boost/program_options.hpp>
#include <cstdio>
#include <vector>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "app/cli_common.hpp"
#include "app/commands.hpp"
#include "app/output_path.hpp"
#include "sim/io/trajectory_reader.hpp"

namespace po = boost::program_options;

namespace mscsim::cli {
namespace {

// A file that is not a trajectory is bad input (exit 2); an unfinished or damaged one is
// an output that was not written (exit 3). Either way `info` says so rather than print
// blank metadata.
std::unique_ptr<TrajectoryReader> open_trajectory(const std::string& path) {
  // Checked first: while its run writes it, HDF5's own file lock keeps it from opening.
  if (path.ends_with(".partial"))
    throw OutputError(path + ": an unfinished trajectory (.partial): its run is still writing it or failed; a "
                             "finished run renames it without .partial");
  if (!looks_like_hdf5(path))
    throw InputError({path, 0, 0}, "", "not an HDF5 file, so not an mscsim trajectory");
  std::unique_ptr<TrajectoryReader> file;
  try {
    file = std::make_unique<TrajectoryReader>(path);
  } catch (const NotATrajectoryError& e) {
    throw InputError({}, "", e.what());
  }
  if (!file->is_finished())
    throw OutputError(path + ": an unfinished trajectory (no /meta): the run that wrote it did not finish");
  return file;
}

// A number stored as text in /meta, rounded for people: 3 significant digits
// ("7.527193623998755" -> "7.53", "1198270.6238940097" -> "1.2e+06"); other text unchanged.
std::string rounded(const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return text;
  }
  if (used != text.size()) return text;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return buffer;
}

// The last agent snapshot by name: cells per population, and the cells in each named state
// ("cd4_t  906; state: naive 149, activated 4, th1 752, th17 1"); states nobody is in are left out.
void print_last_snapshot(const TrajectoryReader& file) {
  const std::size_t last = file.agent_snapshot_count() - 1;
  const std::vector<std::string> populations = file.agent_population_names();
  const std::vector<double> population = file.agent_column(last, "population");
  std::printf("  cells at t = %g h (last snapshot), by population and state:\n", file.agent_snapshot_time_h(last));
  std::vector<std::pair<std::string, std::vector<double>>> columns;  // the integer columns, read once
  for (const std::string& column : file.agent_columns(last))
    if (column == "state" && file.agent_column_is_integer(last, column))  // not next_state: the same after a step
      columns.emplace_back(column, file.agent_column(last, column));
  for (std::size_t p = 0; p < populations.size(); ++p) {
    std::size_t cells = 0;
    for (double code : population) cells += code == static_cast<double>(p);
    std::string line;
    for (const auto& [column, codes] : columns) {
      const std::vector<std::string> names = file.agent_value_names(last, column, populations[p]);
      if (names.empty()) continue;
      std::vector<std::size_t> counts(names.size(), 0);
      for (std::size_t a = 0; a < codes.size(); ++a)
        if (population[a] == static_cast<double>(p) && codes[a] >= 0 && codes[a] < static_cast<double>(names.size()))
          ++counts[static_cast<std::size_t>(codes[a])];
      line += "; " + column + ":";
      const char* separator = " ";
      for (std::size_t v = 0; v < names.size(); ++v) {
        if (counts[v] == 0) continue;  // short: only the states someone is in
        line += separator + names[v] + " " + std::to_string(counts[v]);
        separator = ", ";
      }
    }
    std::printf("    %-14s %8zu%s\n", populations[p].c_str(), cells, line.c_str());
  }
}

}  // namespace

int command_info(const std::vector<std::string>& args) {
  po::options_description options("mscsim info OUT.h5 [options]\n\nSummarises a trajectory file: scenario, seed, "
                                  "duration, series with their final values, snapshots.\n\noptions");
  options.add_options()("scenario", "print the stored resolved scenario (TOML) and stop");
  const ParsedCommand parsed = parse_command(args, options);
  if (parsed.help) return kSuccess;
  const auto& vm = parsed.options;
  const auto& positional = parsed.positional;
  if (positional.size() != 1) throw UsageError("mscsim info takes exactly one trajectory file");
  if (!std::filesystem::exists(positional[0])) throw UsageError(positional[0] + ": no such file");
  const std::unique_ptr<TrajectoryReader> opened = open_trajectory(positional[0]);
  const TrajectoryReader& file = *opened;
  if (vm.count("scenario")) {
    std::cout << file.scenario_toml();
    return kSuccess;
  }
  const auto time = file.time_h();
  std::printf("%s\n", positional[0].c_str());
  std::printf("  scenario     %s\n", file.meta_attribute("scenario_name").c_str());
  std::printf("  mscsim       %s (commit %s), schema %d\n", file.meta_attribute("version").c_str(),
              file.meta_attribute("git_commit").c_str(), file.schema_version());
  std::printf("  seed         %s\n", file.meta_attribute("seed").c_str());
  std::printf("  simulated    %s h with dt %s h, %zu output times\n", file.meta_attribute("duration_h").c_str(),
              file.meta_attribute("dt_h").c_str(), time.size());
  std::printf("  run          %s threads, started %s, %s s wall\n", file.meta_attribute("threads").c_str(),
              file.meta_attribute("started_utc").c_str(), rounded(file.meta_attribute("wall_s")).c_str());
  std::printf("  throughput   %s agent-steps/s, %s voxel-field updates/s\n",
              rounded(file.meta_attribute("agent_steps_per_s")).c_str(),
              rounded(file.meta_attribute("field_updates_per_s")).c_str());
  std::printf("  series (value at t = %g h):\n", time.empty() ? 0.0 : time.back());
  for (const std::string& name : file.series_names()) {
    const auto values = file.series(name);
    std::printf("    %-36s %12.4g %s\n", name.c_str(), values.empty() ? 0.0 : values.back(),
                file.series_unit(name).c_str());
  }
  const auto field_times = file.field_times_h();
  std::printf("  fields: %zu snapshots of", field_times.size());
  for (const std::string& f : file.field_names()) std::printf(" %s", f.c_str());
  std::printf("\n  agent snapshots: %zu\n", file.agent_snapshot_count());
  if (file.agent_snapshot_count() > 0) print_last_snapshot(file);
  // The event log: one line per event, its columns as name=value.
  for (const std::string& kind : file.event_kinds()) {
    const std::vector<std::string> columns = file.event_columns(kind);
    const std::vector<double> times = file.event_values(kind, "time_h");
    std::printf("  events '%s': %zu\n", kind.c_str(), times.size());
    std::vector<std::vector<std::string>> cells(times.size());
    for (const std::string& column : columns) {
      if (column == "time_h") continue;
      std::vector<std::string> texts;
      if (file.event_column_is_text(kind, column)) {
        texts = file.event_texts(kind, column);
      } else {
        char buffer[32];
        for (double v : file.event_values(kind, column)) {
          std::snprintf(buffer, sizeof buffer, "%g", v);
          texts.emplace_back(buffer);
        }
      }
      for (std::size_t e = 0; e < texts.size() && e < cells.size(); ++e) cells[e].push_back(column + "=" + texts[e]);
    }
    for (std::size_t e = 0; e < times.size(); ++e) {
      std::printf("    t = %g h:", times[e]);
      for (const std::string& cell : cells[e]) std::printf(" %s", cell.c_str());
      std::printf("\n");
    }
  }
  return kSuccess;
}

}  // namespace mscsim::cli
