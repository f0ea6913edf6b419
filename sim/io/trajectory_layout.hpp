#pragma once
// Names shared by TrajectoryWriter and TrajectoryReader (docs/output-format.md), so the two
// cannot drift apart.
#include <string>
#include <vector>

#include "sim/core/errors.hpp"

namespace mscsim::trajectory_layout {

inline constexpr const char* kFormatName = "mscsim-trajectory";
inline constexpr const char* kFormatAttribute = "format";
inline constexpr const char* kSchemaAttribute = "schema_version";
inline constexpr const char* kMetaGroup = "/meta";
inline constexpr const char* kScenarioDataset = "/meta/scenario";
inline constexpr const char* kSeriesGroup = "/timeseries";
inline constexpr const char* kFieldGroup = "/fields";
inline constexpr const char* kAgentGroup = "/agents";
inline constexpr const char* kEventGroup = "/events";
// The agent table, inside /agents: one extendible dataset per column under "columns" holds
// every snapshot's agents one snapshot after another; snapshot k is rows
// [first_row[k], first_row[k] + agent_count[k]) of each, taken at time_h[k].
inline constexpr const char* kAgentColumnGroup = "columns";
inline constexpr const char* kAgentFirstRow = "first_row";
inline constexpr const char* kAgentCount = "agent_count";
inline constexpr const char* kTypeNamesAttribute = "type_names";  // on /agents
inline constexpr const char* kTimeDataset = "time_h";  // inside /timeseries and /fields
inline constexpr const char* kUnitAttribute = "unit";
// On integer agent columns: the names of the codes, and the code of an agent that lacks the column.
inline constexpr const char* kValueNamesAttribute = "value_names";
inline constexpr const char* kMissingValueAttribute = "missing_value";

// A name becomes one HDF5 link: a '/' would silently create nested groups, and "." or an
// empty name cannot be a link at all.
inline void require_member_name(const std::string& what, const std::string& name) {
  if (name.empty() || name == "." || name.find('/') != std::string::npos)
    throw ConfigurationError(what + " name '" + name + "' must be non-empty and contain no '/'");
}

// A series group may nest ("biodistribution/lung"): each '/'-separated part must be a valid
// member name. Returns the parts, outermost first.
inline std::vector<std::string> split_group_path(const std::string& what, const std::string& path) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t slash = path.find('/', begin);
    parts.push_back(path.substr(begin, slash == std::string::npos ? std::string::npos : slash - begin));
    if (parts.back().empty() || parts.back() == ".")
      throw ConfigurationError(what + " '" + path + "' must be non-empty parts separated by single '/'");
    if (slash == std::string::npos) return parts;
    begin = slash + 1;
  }
}

}  // namespace mscsim::trajectory_layout
