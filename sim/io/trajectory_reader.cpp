#include "sim/io/trajectory_reader.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <string>
#include <system_error>

#include "sim/core/errors.hpp"
#include "sim/io/hdf5_attributes.hpp"
#include "sim/io/hdf5_datasets.hpp"
#include "sim/io/hdf5_tree.hpp"
#include "sim/io/trajectory_layout.hpp"
#include "sim/io/trajectory_writer.hpp"

namespace mscsim {

namespace layout = trajectory_layout;

struct TrajectoryReader::Impl {
  std::filesystem::path path;
  hdf5::File file;
  int schema_version = 0;

  [[noreturn]] void fail(const std::string& what) const { throw OutputError("file " + path.string() + " " + what); }

  // Opens a dataset by absolute path; `what` names it in the error ("series 'a/b'").
  hdf5::Dataset dataset(const std::string& path_in_file, const std::string& what) const {
    if (!hdf5::exists(file.get(), path_in_file) || hdf5::is_group(file.get(), path_in_file))
      fail("has no " + what);
    return hdf5::make<hdf5::Kind::dataset>(H5Dopen2(file.get(), path_in_file.c_str(), H5P_DEFAULT),
                                           "cannot open " + what + " in " + path.string());
  }

  // Members of a group, or none when the group is absent.
  std::vector<std::string> members(const std::string& group_path) const {
    if (!hdf5::is_group(file.get(), group_path)) return {};
    return hdf5::member_names(hdf5::open_group(file.get(), group_path).get());
  }

  // Snapshots whose rows are all in the columns: a file read while it is written (SWMR)
  // may show the index or a column a flush ahead of the other.
  std::size_t complete_agent_snapshots() const {
    const std::string index = std::string(layout::kAgentGroup) + "/" + layout::kAgentCount;
    if (!hdf5::exists(file.get(), index)) return 0;
    const std::vector<double> first = agent_index(layout::kAgentFirstRow);
    const std::vector<double> count = agent_index(layout::kAgentCount);
    const std::vector<double> times = agent_index(layout::kTimeDataset);
    std::size_t n = std::min({first.size(), count.size(), times.size()});
    double rows = std::numeric_limits<double>::infinity();
    for (const std::string& column : members(agent_column_group()))
      rows = std::min(rows, static_cast<double>(hdf5::dims_of(dataset(agent_column_group() + "/" + column,
                                                                        "agent column '" + column + "'").get())
                                                    .at(0)));
    while (n > 0 && first[n - 1] + count[n - 1] > rows) --n;
    return n;
  }

  std::vector<double> agent_index(const char* name) const {
    const std::string path = std::string(layout::kAgentGroup) + "/" + name;
    return hdf5::read_doubles(dataset(path, "agent snapshot index " + path).get());
  }

  static std::string agent_column_group() {
    return std::string(layout::kAgentGroup) + "/" + layout::kAgentColumnGroup;
  }

  // Rows [first, first + count) of the agent columns hold snapshot k.
  std::pair<std::uint64_t, std::uint64_t> agent_rows(std::size_t snapshot) const {
    const std::size_t count = complete_agent_snapshots();
    if (snapshot >= count)
      fail("has " + std::to_string(count) + " agent snapshots; snapshot " + std::to_string(snapshot) +
           " does not exist");
    return {static_cast<std::uint64_t>(agent_index(layout::kAgentFirstRow).at(snapshot)),
            static_cast<std::uint64_t>(agent_index(layout::kAgentCount).at(snapshot))};
  }

  hdf5::Dataset agent_dataset(std::size_t snapshot, const std::string& column) const {
    agent_rows(snapshot);  // fails clearly for a snapshot that does not exist
    return dataset(agent_column_group() + "/" + column,
                   "agent column '" + column + "' in snapshot " + std::to_string(snapshot));
  }

  void check_identity() {
    const auto format = hdf5::read_attribute_text(file.get(), layout::kFormatAttribute);
    if (format != layout::kFormatName)
      throw NotATrajectoryError("file " + path.string() + " is not an mscsim trajectory (root attribute 'format' is not '" +
                                std::string(layout::kFormatName) + "')");
    const std::string version = hdf5::read_attribute_text(file.get(), layout::kSchemaAttribute).value_or("missing");
    const auto parsed = std::from_chars(version.data(), version.data() + version.size(), schema_version);
    if (parsed.ec != std::errc() || parsed.ptr != version.data() + version.size() ||
        schema_version != kTrajectorySchemaVersion)
      throw NotATrajectoryError("file " + path.string() + " has schema version " + version + "; this mscsim reads " +
                                std::to_string(kTrajectorySchemaVersion));
  }
};

TrajectoryReader::TrajectoryReader(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
  const hdf5::QuietErrors quiet;
  impl_->path = path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) impl_->fail("does not exist or is not a regular file");
  impl_->file = hdf5::open_file(path);
  impl_->check_identity();
}

TrajectoryReader::~TrajectoryReader() {
  const hdf5::QuietErrors quiet;
  impl_.reset();
}

int TrajectoryReader::schema_version() const { return impl_->schema_version; }

bool TrajectoryReader::is_finished() const {
  const hdf5::QuietErrors quiet;
  return hdf5::is_group(impl_->file.get(), layout::kMetaGroup);
}

std::string TrajectoryReader::meta_attribute(const std::string& name) const {
  const hdf5::QuietErrors quiet;
  if (!hdf5::is_group(impl_->file.get(), layout::kMetaGroup)) return "";
  const hdf5::Group meta = hdf5::open_group(impl_->file.get(), layout::kMetaGroup);
  return hdf5::read_attribute_text(meta.get(), name).value_or("");
}

std::string TrajectoryReader::scenario_toml() const {
  const hdf5::QuietErrors quiet;
  if (!hdf5::exists(impl_->file.get(), layout::kScenarioDataset)) return "";
  return hdf5::read_string_dataset(impl_->file.get(), layout::kScenarioDataset);
}

std::vector<double> TrajectoryReader::time_h() const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kSeriesGroup) + "/" + layout::kTimeDataset;
  return hdf5::read_doubles(impl_->dataset(path, "series time " + path).get());
}

std::vector<std::string> TrajectoryReader::series_names() const {
  const hdf5::QuietErrors quiet;
  std::vector<std::string> names;
  // Series groups may nest ("biodistribution/lung/msc0"): walk every group below the top.
  std::vector<std::string> groups = impl_->members(layout::kSeriesGroup);
  while (!groups.empty()) {
    const std::string group = groups.back();
    groups.pop_back();
    const std::string group_path = std::string(layout::kSeriesGroup) + "/" + group;
    if (!hdf5::is_group(impl_->file.get(), group_path)) continue;  // /timeseries/time_h
    for (const std::string& name : impl_->members(group_path)) {
      if (hdf5::is_group(impl_->file.get(), group_path + "/" + name))
        groups.push_back(group + "/" + name);
      else
        names.push_back(group + "/" + name);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<double> TrajectoryReader::series(const std::string& group_slash_name) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kSeriesGroup) + "/" + group_slash_name;
  return hdf5::read_doubles(impl_->dataset(path, "series '" + group_slash_name + "'").get());
}

std::string TrajectoryReader::series_unit(const std::string& group_slash_name) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kSeriesGroup) + "/" + group_slash_name;
  const hdf5::Dataset dataset = impl_->dataset(path, "series '" + group_slash_name + "'");
  return hdf5::read_attribute_text(dataset.get(), layout::kUnitAttribute).value_or("");
}

std::vector<std::string> TrajectoryReader::event_kinds() const {
  const hdf5::QuietErrors quiet;
  return impl_->members(layout::kEventGroup);
}

std::vector<std::string> TrajectoryReader::event_columns(const std::string& kind) const {
  const hdf5::QuietErrors quiet;
  const std::string group = std::string(layout::kEventGroup) + "/" + kind;
  if (!hdf5::is_group(impl_->file.get(), group)) impl_->fail("has no events of kind '" + kind + "'");
  return impl_->members(group);
}

std::vector<double> TrajectoryReader::event_values(const std::string& kind, const std::string& column) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kEventGroup) + "/" + kind + "/" + column;
  return hdf5::read_doubles(impl_->dataset(path, "event column '" + kind + "/" + column + "'").get());
}

std::vector<std::string> TrajectoryReader::event_texts(const std::string& kind, const std::string& column) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kEventGroup) + "/" + kind + "/" + column;
  impl_->dataset(path, "event column '" + kind + "/" + column + "'");  // fails clearly when absent
  return hdf5::read_string_vector(impl_->file.get(), path);
}

bool TrajectoryReader::event_column_is_text(const std::string& kind, const std::string& column) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kEventGroup) + "/" + kind + "/" + column;
  const hdf5::Dataset dataset = impl_->dataset(path, "event column '" + kind + "/" + column + "'");
  const auto type = hdf5::make<hdf5::Kind::datatype>(H5Dget_type(dataset.get()), "cannot read type of " + path);
  return H5Tget_class(type.get()) == H5T_STRING;
}

std::vector<std::string> TrajectoryReader::field_names() const {
  const hdf5::QuietErrors quiet;
  std::vector<std::string> names;
  for (std::string& name : impl_->members(layout::kFieldGroup))
    if (name != layout::kTimeDataset) names.push_back(std::move(name));
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<double> TrajectoryReader::field_times_h() const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kFieldGroup) + "/" + layout::kTimeDataset;
  return hdf5::read_doubles(impl_->dataset(path, "field times " + path).get());
}

std::vector<float> TrajectoryReader::field_values(const std::string& name) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kFieldGroup) + "/" + name;
  return hdf5::read_floats(impl_->dataset(path, "field '" + name + "'").get());
}

std::vector<std::uint64_t> TrajectoryReader::field_dims(const std::string& name) const {
  const hdf5::QuietErrors quiet;
  const std::string path = std::string(layout::kFieldGroup) + "/" + name;
  return hdf5::dims_of(impl_->dataset(path, "field '" + name + "'").get());
}

std::size_t TrajectoryReader::agent_snapshot_count() const {
  const hdf5::QuietErrors quiet;
  return impl_->complete_agent_snapshots();
}

double TrajectoryReader::agent_snapshot_time_h(std::size_t snapshot) const {
  const hdf5::QuietErrors quiet;
  impl_->agent_rows(snapshot);
  return impl_->agent_index(layout::kTimeDataset).at(snapshot);
}

std::vector<std::string> TrajectoryReader::agent_population_names() const {
  const hdf5::QuietErrors quiet;
  if (!hdf5::is_group(impl_->file.get(), layout::kAgentGroup)) return {};
  const hdf5::Group agents = hdf5::open_group(impl_->file.get(), layout::kAgentGroup);
  return hdf5::read_attribute_strings(agents.get(), layout::kTypeNamesAttribute);
}

std::vector<std::string> TrajectoryReader::agent_columns(std::size_t snapshot) const {
  const hdf5::QuietErrors quiet;
  impl_->agent_rows(snapshot);
  return impl_->members(Impl::agent_column_group());
}

std::vector<double> TrajectoryReader::agent_column(std::size_t snapshot, const std::string& column) const {
  const hdf5::QuietErrors quiet;
  const auto [first, count] = impl_->agent_rows(snapshot);
  const hdf5::Dataset dataset = impl_->agent_dataset(snapshot, column);
  std::vector<double> values = hdf5::read_doubles(dataset.get(), first, count);
  if (const auto missing = hdf5::read_attribute_text(dataset.get(), layout::kMissingValueAttribute)) {
    const double code = std::stod(*missing);
    for (double& v : values)
      if (v == code) v = std::numeric_limits<double>::quiet_NaN();
  }
  return values;
}

bool TrajectoryReader::agent_column_is_integer(std::size_t snapshot, const std::string& column) const {
  const hdf5::QuietErrors quiet;
  const hdf5::Dataset dataset = impl_->agent_dataset(snapshot, column);
  const auto type = hdf5::make<hdf5::Kind::datatype>(H5Dget_type(dataset.get()), "cannot read type of " + column);
  return H5Tget_class(type.get()) == H5T_INTEGER;
}

std::vector<std::string> TrajectoryReader::agent_value_names(std::size_t snapshot, const std::string& column,
                                                             const std::string& population) const {
  const hdf5::QuietErrors quiet;
  const hdf5::Dataset dataset = impl_->agent_dataset(snapshot, column);
  const std::string attribute = population.empty() ? std::string(layout::kValueNamesAttribute)
                                                   : std::string(layout::kValueNamesAttribute) + "." + population;
  return hdf5::read_attribute_strings(dataset.get(), attribute);
}

}  // namespace mscsim
