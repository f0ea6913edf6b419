#include "sim/sweep/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>

#include "sim/core/errors.hpp"
#include "sim/io/table_file.hpp"
#include "sim/io/trajectory_reader.hpp"

namespace mscsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What one complete run contributes.
struct RunValues {
  double wall_s = kNaN;
  std::map<std::string, double> endpoints;  // column -> value
};

std::string unquoted(const std::string& toml_text) {
  if (toml_text.size() >= 2 && toml_text.front() == '"' && toml_text.back() == '"') {
    std::string out;
    for (std::size_t i = 1; i + 1 < toml_text.size(); ++i) {
      if (toml_text[i] == '\\' && i + 2 < toml_text.size()) ++i;
      out += toml_text[i];
    }
    return out;
  }
  return toml_text;
}

bool is_number(const std::string& text, double* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  if (end == nullptr || *end != '\0') return false;
  *value = x;
  return true;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string real_text(double x) {
  if (std::isnan(x)) return "";
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

}  // namespace

SummaryCounts write_summary(const SweepSpec& spec, const std::vector<PlannedRun>& plan, const SweepFolder& folder,
                            const std::vector<EndpointSpec>& endpoints) {
  SummaryCounts counts;
  std::vector<std::string> status(plan.size());
  std::vector<RunValues> values(plan.size());
  std::vector<EndpointColumn> columns;  // in declaration order, discovered from the files
  std::set<std::string> known_columns;
  std::vector<std::vector<EndpointColumn>> per_spec(endpoints.size());

  for (std::size_t i = 0; i < plan.size(); ++i) {
    const PlannedRun& run = plan[i];
    const RunState state = folder.state(run.id);
    if (state != RunState::complete) {
      status[i] = state == RunState::failed ? "failed" : "missing";
      ++(state == RunState::failed ? counts.failed : counts.missing);
      continue;
    }
    TrajectoryReader reader(folder.run_file(run.id));
    status[i] = "ok";
    ++counts.ok;
    const std::string wall = reader.meta_attribute("wall_s");
    values[i].wall_s = wall.empty() ? kNaN : std::strtod(wall.c_str(), nullptr);
    const std::vector<double> time_h = reader.time_h();
    const std::vector<std::string> names = reader.series_names();
    for (std::size_t e = 0; e < endpoints.size(); ++e) {
      for (const std::string& series : names) {
        if (!series_matches(endpoints[e].series, series)) continue;
        const std::vector<double> y = reader.series(series);
        for (Reducer reducer : endpoints[e].reducers) {
          const std::string column = series + ":" + to_string(reducer);
          values[i].endpoints[column] = reduce(reducer, time_h, y);
          if (known_columns.insert(column).second) {
            std::string unit = reader.series_unit(series);
            if (reducer == Reducer::auc) unit = unit.empty() || unit == "1" ? "h" : unit + " h";
            per_spec[e].push_back({column, series, reducer, unit});
          }
        }
      }
    }
  }
  for (auto& list : per_spec) {
    std::stable_sort(list.begin(), list.end(), [](const EndpointColumn& a, const EndpointColumn& b) { return a.series < b.series; });
    columns.insert(columns.end(), list.begin(), list.end());
  }

  // The run table.
  Table runs{"runs", {}};
  auto text_column = [&](const std::string& name, auto&& of) {
    TableColumn c{name, TableColumn::Type::text, {}, {}, {}, {}};
    for (std::size_t i = 0; i < plan.size(); ++i) c.texts.push_back(of(i));
    runs.columns.push_back(std::move(c));
  };
  auto integer_column = [&](const std::string& name, auto&& of) {
    TableColumn c{name, TableColumn::Type::integer, {}, {}, {}, {}};
    for (std::size_t i = 0; i < plan.size(); ++i) c.integers.push_back(of(i));
    runs.columns.push_back(std::move(c));
  };
  auto real_column = [&](const std::string& name, auto&& of) {
    TableColumn c{name, TableColumn::Type::real, {}, {}, {}, {}};
    for (std::size_t i = 0; i < plan.size(); ++i) c.reals.push_back(of(i));
    runs.columns.push_back(std::move(c));
  };
  text_column("run_id", [&](std::size_t i) { return plan[i].id; });
  text_column("arm", [&](std::size_t i) { return plan[i].arm; });
  integer_column("point", [&](std::size_t i) { return static_cast<std::int64_t>(plan[i].point); });
  integer_column("replicate", [&](std::size_t i) { return static_cast<std::int64_t>(plan[i].replicate); });
  {
    TableColumn c{"seed", TableColumn::Type::unsigned_integer, {}, {}, {}, {}};
    for (const PlannedRun& run : plan) c.unsigned_values.push_back(run.seed);
    runs.columns.push_back(std::move(c));
  }
  text_column("status", [&](std::size_t i) { return status[i]; });
  real_column("wall_s", [&](std::size_t i) { return values[i].wall_s; });
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    bool numeric = true;
    for (const PlannedRun& run : plan) {
      double x = 0;
      if (!run.axis_values[a].empty() && !is_number(run.axis_values[a], &x)) numeric = false;
    }
    const std::string name = "set:" + spec.axes[a].key;
    if (numeric) {
      real_column(name, [&](std::size_t i) {
        double x = kNaN;
        is_number(plan[i].axis_values[a], &x);
        return x;
      });
    } else {
      text_column(name, [&](std::size_t i) { return unquoted(plan[i].axis_values[a]); });
    }
  }
  if (spec.sampling == Sampling::saltelli) {
    text_column("design:block", [&](std::size_t i) { return plan[i].design_block; });
    integer_column("design:row", [&](std::size_t i) { return plan[i].design_row; });
  }
  for (const EndpointColumn& column : columns) {
    real_column(column.column, [&](std::size_t i) {
      const auto it = values[i].endpoints.find(column.column);
      return it == values[i].endpoints.end() ? kNaN : it->second;
    });
  }

  // Axes and endpoints, described.
  Table axes{"axes", {}};
  {
    TableColumn key{"key", TableColumn::Type::text, {}, {}, {}, {}}, kind = key, scale = key;
    kind.name = "kind";
    scale.name = "scale";
    TableColumn dose{"is_dose", TableColumn::Type::integer, {}, {}, {}, {}};
    TableColumn from{"from", TableColumn::Type::real, {}, {}, {}, {}}, to = from;
    to.name = "to";
    for (const Axis& axis : spec.axes) {
      key.texts.push_back(axis.key);
      kind.texts.push_back(to_string(axis.kind));
      scale.texts.push_back(axis.log_scale ? "log" : "linear");
      dose.integers.push_back(axis.is_dose ? 1 : 0);
      from.reals.push_back(axis.kind == AxisKind::values ? kNaN : axis.from);
      to.reals.push_back(axis.kind == AxisKind::values ? kNaN : axis.to);
    }
    axes.columns = {key, kind, scale, dose, from, to};
  }
  Table endpoint_table{"endpoints", {}};
  {
    TableColumn column{"column", TableColumn::Type::text, {}, {}, {}, {}}, series = column, reducer = column, unit = column;
    series.name = "series";
    reducer.name = "reducer";
    unit.name = "unit";
    for (const EndpointColumn& c : columns) {
      column.texts.push_back(c.column);
      series.texts.push_back(c.series);
      reducer.texts.push_back(to_string(c.reducer));
      unit.texts.push_back(c.unit);
    }
    endpoint_table.columns = {column, series, reducer, unit};
  }
  const std::vector<NamedAttribute> attributes{
      {"format", std::string("mscsim-sweep-summary")},
      {"schema_version", std::int64_t{1}},
      {"sweep_name", spec.name},
      {"base_scenario", folder.recorded_base().string()},
      {"control_arm", spec.control},
      {"sweep_seed", spec.seed},
      {"replicates", std::int64_t{spec.replicates}},
      {"sampling", std::string(to_string(spec.sampling))},
  };
  write_table_file(folder.summary_h5(), attributes, {runs, axes, endpoint_table});

  // The same run table as CSV.
  std::string csv;
  for (std::size_t j = 0; j < runs.columns.size(); ++j) csv += (j ? "," : "") + csv_field(runs.columns[j].name);
  csv += "\n";
  for (std::size_t i = 0; i < plan.size(); ++i) {
    for (std::size_t j = 0; j < runs.columns.size(); ++j) {
      const TableColumn& c = runs.columns[j];
      if (j) csv += ",";
      switch (c.type) {
        case TableColumn::Type::real: csv += real_text(c.reals[i]); break;
        case TableColumn::Type::integer: csv += std::to_string(c.integers[i]); break;
        case TableColumn::Type::unsigned_integer: csv += std::to_string(c.unsigned_values[i]); break;
        case TableColumn::Type::text: csv += csv_field(c.texts[i]); break;
      }
    }
    csv += "\n";
  }
  write_file_atomically(folder.summary_csv(), csv);
  return counts;
}

}  // namespace mscsim::sweep
