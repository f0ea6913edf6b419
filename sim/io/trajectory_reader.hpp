#pragma once
// Reads a trajectory file written by TrajectoryWriter (checks the schema version).
// Used by `mscsim info` and by tests that compare runs through the HDF5 library.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace mscsim {

// An HDF5 file that is not an mscsim trajectory (no root attribute format = "mscsim
// trajectory", or another schema version): not damaged output, but the wrong input.
class NotATrajectoryError : public OutputError {
 public:
  using OutputError::OutputError;
};

class TrajectoryReader {
 public:
  // Throws OutputError if the file cannot be opened, is not an mscsim trajectory, or has
  // a schema version this build does not read.
  explicit TrajectoryReader(const std::filesystem::path& path);
  ~TrajectoryReader();

  int schema_version() const;
  // Whether the run that wrote the file finished: finish() writes /meta last, so a
  // ".partial" file (a run still writing, or one that failed) has none.
  bool is_finished() const;
  // /meta attributes as text ("seed" -> "42"); empty string when absent.
  std::string meta_attribute(const std::string& name) const;
  std::string scenario_toml() const;

  std::vector<double> time_h() const;
  // "group/name" for every series, sorted.
  std::vector<std::string> series_names() const;
  std::vector<double> series(const std::string& group_slash_name) const;
  std::string series_unit(const std::string& group_slash_name) const;

  // Field names, snapshot times, and one whole field dataset flattened (float32 values).
  std::vector<std::string> field_names() const;
  std::vector<double> field_times_h() const;
  std::vector<float> field_values(const std::string& name) const;
  std::vector<std::uint64_t> field_dims(const std::string& name) const;

  // The event log: kinds ("dose"), the column names of one kind (time_h first), one numeric
  // column as doubles and one text column as strings.
  std::vector<std::string> event_kinds() const;
  std::vector<std::string> event_columns(const std::string& kind) const;
  std::vector<double> event_values(const std::string& kind, const std::string& column) const;
  std::vector<std::string> event_texts(const std::string& kind, const std::string& column) const;
  bool event_column_is_text(const std::string& kind, const std::string& column) const;

  // Number of agent snapshots and one column of one snapshot (as doubles).
  // A file read while it is written counts only the snapshots whose rows are all there.
  std::size_t agent_snapshot_count() const;
  double agent_snapshot_time_h(std::size_t snapshot) const;
  // The populations, in the order of the codes of the "population" column.
  std::vector<std::string> agent_population_names() const;
  std::vector<std::string> agent_columns(std::size_t snapshot) const;
  // Integer columns come back as doubles too; an agent whose type lacks the column (the
  // column's missing_value) reads as NaN.
  std::vector<double> agent_column(std::size_t snapshot, const std::string& column) const;
  // Whether the column is stored as integers (ids, codes, voxel indices, counts).
  bool agent_column_is_integer(std::size_t snapshot, const std::string& column) const;
  // The names of a code column's values: for every agent (population ""; the population
  // column names the populations) or for the agents of one population (state columns).
  // Empty when the file names none.
  std::vector<std::string> agent_value_names(std::size_t snapshot, const std::string& column,
                                             const std::string& population = "") const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace mscsim
