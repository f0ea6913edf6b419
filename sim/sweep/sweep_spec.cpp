#include "sim/sweep/sweep_spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>

#include "sim/params/value_rules.hpp"
#include "sim/scenario/toml_parse.hpp"

namespace mscsim::sweep {
namespace {

// Sweep files are a few kilobytes; refusing huge ones keeps a mistaken path (a binary, a
// device) from being read into memory.
constexpr std::uintmax_t kMaxSweepFileBytes = 1 << 20;
// Far beyond any sweep that can be run, and small enough that the run table fits in memory:
// three axes of 100000 points would otherwise be planned until memory runs out.
constexpr double kMaxRuns = 1e6;

// A count of runs as digits ("2000000"), or as 1e+20 when it is astronomical.
std::string count_text(double n) {
  if (n >= 1e15) return value_rules::number_text(n);
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", n);
  return text;
}

class Reader {
 public:
  Reader(std::string file) : file_(std::move(file)) {}

  SourceLocation at(const toml::node& node) const {
    const auto& begin = node.source().begin;
    return {file_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  SourceLocation at(const toml::key& key) const {
    const auto& begin = key.source().begin;
    return {file_, static_cast<int>(begin.line), static_cast<int>(begin.column)};
  }
  [[noreturn]] void fail(const SourceLocation& where, const std::string& key, const std::string& what) const {
    throw ScenarioError(where, key, value_rules::one_line(what));
  }

  // Every key of `table` must be one of `allowed`.
  void only_keys(const toml::table& table, const std::string& prefix, std::initializer_list<const char*> allowed) const {
    for (const auto& entry : table) {
      const toml::key& key = entry.first;
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key.str() == a; });
      if (!known) {
        std::string list;
        for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
        fail(at(key), prefix + std::string(key.str()), "unknown key in a sweep file (expected one of: " + list + ")");
      }
    }
  }

  const toml::table* table_at(const toml::table& parent, const char* key, const std::string& path) const {
    const toml::node* node = parent.get(key);
    if (node == nullptr) return nullptr;
    if (!node->is_table()) fail(at(*node), path, "expected a table");
    return node->as_table();
  }

  std::string text(const toml::node& node, const std::string& path) const {
    if (!node.is_string()) fail(at(node), path, "expected a string");
    return node.as_string()->get();
  }

  double real(const toml::node& node, const std::string& path) const {
    if (node.is_integer()) return static_cast<double>(node.as_integer()->get());
    if (!node.is_floating_point()) fail(at(node), path, "expected a number");
    const double x = node.as_floating_point()->get();
    if (!std::isfinite(x)) fail(at(node), path, "expected a finite number");
    return x;
  }

  std::int64_t integer(const toml::node& node, const std::string& path) const {
    if (!node.is_integer()) fail(at(node), path, "expected an integer");
    return node.as_integer()->get();
  }

  // A scenario value: boolean, integer, real, string, or an array of numbers.
  LocatedValue value(const toml::node& node, const std::string& path) const {
    LocatedValue out{Value{}, at(node)};
    if (node.is_boolean()) {
      out.value = node.as_boolean()->get();
    } else if (node.is_integer()) {
      out.value = node.as_integer()->get();
    } else if (node.is_floating_point()) {
      out.value = real(node, path);
    } else if (node.is_string()) {
      out.value = node.as_string()->get();
    } else if (node.is_array()) {
      const toml::array& array = *node.as_array();
      bool all_integers = true;
      for (const toml::node& element : array) {
        if (!element.is_number()) fail(at(element), path, "array elements must be numbers");
        all_integers = all_integers && element.is_integer();
      }
      if (all_integers) {
        std::vector<std::int64_t> v;
        for (const toml::node& element : array) v.push_back(element.as_integer()->get());
        out.value = std::move(v);
      } else {
        std::vector<double> v;
        for (const toml::node& element : array) v.push_back(real(element, path));
        out.value = std::move(v);
      }
    } else {
      fail(at(node), path, "expected a boolean, number, string or array of numbers");
    }
    return out;
  }

  // An inline table of scenario assignments: { "run.duration_h" = 24.0, ... }.
  std::vector<Assignment> assignments(const toml::node& node, const std::string& path) const {
    if (!node.is_table()) fail(at(node), path, "expected a table of scenario keys, e.g. { \"run.duration_h\" = 24.0 }");
    std::vector<Assignment> out;
    for (const auto& [key, element] : *node.as_table()) {
      const std::string scenario_key(key.str());
      if (element.is_table()) {
        // A nested table ({ run = { duration_h = 1 } }) is a dotted key written differently.
        for (Assignment& inner : assignments(element, path + "." + scenario_key)) {
          inner.key = scenario_key + "." + inner.key;
          out.push_back(std::move(inner));
        }
        continue;
      }
      out.push_back(Assignment{scenario_key, value(element, path + "." + scenario_key)});
    }
    return out;
  }

 private:
  std::string file_;
};

std::string read_text(const std::filesystem::path& path) {
  const SourceLocation where{path.string(), 0, 0};
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ScenarioError(where, "", "cannot open sweep file: it is a directory");
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw ScenarioError(where, "", std::filesystem::exists(path, ec) ? "cannot open sweep file: not a regular file"
                                                                      : "cannot open sweep file: No such file or directory");
  }
  if (std::filesystem::file_size(path, ec) > kMaxSweepFileBytes) {
    throw ScenarioError(where, "", "sweep file larger than 1 MiB; is it the right file?");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(where, "", std::string("cannot open sweep file: ") + std::strerror(errno));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool valid_arm_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// A dose axis: any key under dose.N. naming a number of cells.
bool looks_like_dose(const std::string& key) {
  const auto ends_with = [&](const std::string& s) {
    return key.size() >= s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0;
  };
  return key.rfind("dose.", 0) == 0 && (ends_with("cells_per_kg") || ends_with("cells"));
}

Axis read_axis(const Reader& r, const toml::table& t, std::size_t index) {
  const std::string path = "axis." + std::to_string(index);
  r.only_keys(t, path + ".", {"key", "values", "range", "log_range", "sample", "dose"});
  Axis axis;
  const toml::node* key = t.get("key");
  if (key == nullptr) r.fail(r.at(t), path, "an axis needs 'key', the scenario key path it varies");
  axis.key = r.text(*key, path + ".key");
  axis.where = r.at(*key);
  if (axis.key.empty()) r.fail(axis.where, path + ".key", "empty key path");

  int forms = 0;
  for (const char* form : {"values", "range", "log_range", "sample"}) forms += t.contains(form) ? 1 : 0;
  if (forms != 1) {
    r.fail(axis.where, path, "an axis needs exactly one of values, range, log_range or sample (got " +
                                 std::to_string(forms) + ")");
  }
  if (const toml::node* values = t.get("values")) {
    const std::string vpath = path + ".values";
    if (!values->is_array()) r.fail(r.at(*values), vpath, "expected an array of values");
    if (values->as_array()->empty()) r.fail(r.at(*values), vpath, "empty axis: give at least one value");
    axis.kind = AxisKind::values;
    for (const toml::node& v : *values->as_array()) axis.values.push_back(r.value(v, vpath));
  }
  for (const char* form : {"range", "log_range", "sample"}) {
    const toml::node* node = t.get(form);
    if (node == nullptr) continue;
    const std::string fpath = path + "." + form;
    if (!node->is_table()) r.fail(r.at(*node), fpath, "expected a table such as { from = 1.0, to = 10.0, points = 5 }");
    const toml::table& range = *node->as_table();
    const bool is_sample = std::strcmp(form, "sample") == 0;
    if (is_sample) {
      r.only_keys(range, fpath + ".", {"from", "to", "scale"});
      axis.kind = AxisKind::sample;
    } else {
      r.only_keys(range, fpath + ".", {"from", "to", "points"});
      axis.kind = std::strcmp(form, "range") == 0 ? AxisKind::range : AxisKind::log_range;
      axis.log_scale = axis.kind == AxisKind::log_range;
    }
    static const char* const kNeeded[] = {"from", "to", "points"};
    for (std::size_t n = 0; n < (is_sample ? 2u : 3u); ++n) {
      if (!range.contains(kNeeded[n])) r.fail(r.at(range), fpath, std::string("missing '") + kNeeded[n] + "'");
    }
    axis.from = r.real(*range.get("from"), fpath + ".from");
    axis.to = r.real(*range.get("to"), fpath + ".to");
    if (const toml::node* scale = range.get("scale")) {
      const std::string s = r.text(*scale, fpath + ".scale");
      if (s != "linear" && s != "log") r.fail(r.at(*scale), fpath + ".scale", "expected \"linear\" or \"log\", got \"" + s + "\"");
      axis.log_scale = s == "log";
    }
    if (!is_sample) {
      const std::int64_t points = r.integer(*range.get("points"), fpath + ".points");
      if (points < 1 || points > 100000) {
        r.fail(r.at(*range.get("points")), fpath + ".points", "points must be between 1 and 100000, got " + std::to_string(points));
      }
      axis.points = static_cast<int>(points);
    }
    if (axis.from > axis.to) r.fail(r.at(*range.get("from")), fpath, "from must not exceed to");
    if (axis.log_scale && !(axis.from > 0.0 && axis.to > 0.0)) {
      r.fail(r.at(*range.get("from")), fpath,
             "a log range must lie above zero (from " + value_rules::number_text(axis.from) + " to " +
                 value_rules::number_text(axis.to) + " touches or crosses zero)");
    }
    if (axis.points == 1 && axis.from != axis.to && !is_sample) {
      r.fail(r.at(*range.get("points")), fpath + ".points", "one point cannot span a range; use points >= 2 or values");
    }
  }
  axis.is_dose = looks_like_dose(axis.key);
  if (const toml::node* dose = t.get("dose")) {
    if (!dose->is_boolean()) r.fail(r.at(*dose), path + ".dose", "expected true or false");
    axis.is_dose = dose->as_boolean()->get();
  }
  return axis;
}

}  // namespace

const char* to_string(AxisKind kind) {
  switch (kind) {
    case AxisKind::values: return "values";
    case AxisKind::range: return "range";
    case AxisKind::log_range: return "log_range";
    case AxisKind::sample: return "sample";
  }
  return "?";
}

const char* to_string(Sampling sampling) {
  switch (sampling) {
    case Sampling::grid: return "grid";
    case Sampling::lhs: return "lhs";
    case Sampling::saltelli: return "saltelli";
  }
  return "?";
}

SweepSpec load_sweep_file(const std::filesystem::path& path) { return load_sweep_text(read_text(path), path); }

SweepSpec load_sweep_text(const std::string& text, const std::filesystem::path& path) {
  const std::string file = path.string();
  const Reader r(file);
  auto parsed = toml_input::parse(text, file);
  if (const auto* failure = std::get_if<toml_input::Failure>(&parsed)) {
    throw ScenarioError({file, failure->line, failure->column}, "", failure->description);
  }
  const toml::table& doc = std::get<toml::table>(parsed);
  r.only_keys(doc, "", {"sweep", "axis", "arm", "sampling"});

  SweepSpec spec;
  spec.file = path;
  spec.text = text;
  const toml::table* sweep = r.table_at(doc, "sweep", "sweep");
  if (sweep == nullptr) r.fail({file, 1, 1}, "sweep", "a sweep file needs a [sweep] table with at least 'base'");
  r.only_keys(*sweep, "sweep.", {"name", "base", "seed", "replicates", "combine", "control", "set"});

  spec.name = path.stem().string();
  if (const toml::node* n = sweep->get("name")) {
    spec.name = r.text(*n, "sweep.name");
    if (!valid_arm_name(spec.name)) r.fail(r.at(*n), "sweep.name", "use letters, digits, '_' and '-' (at most 64)");
  }
  const toml::node* base = sweep->get("base");
  if (base == nullptr) r.fail(r.at(*sweep), "sweep.base", "missing: the base scenario file, relative to the sweep file");
  spec.base_where = r.at(*base);
  const std::filesystem::path base_path = r.text(*base, "sweep.base");
  spec.base = base_path.is_absolute() ? base_path : path.parent_path() / base_path;
  if (const toml::node* n = sweep->get("seed")) {
    const std::int64_t seed = r.integer(*n, "sweep.seed");
    if (seed < 0) r.fail(r.at(*n), "sweep.seed", "must be a non-negative integer");
    spec.seed = static_cast<std::uint64_t>(seed);
  }
  if (const toml::node* n = sweep->get("replicates")) {
    const std::int64_t replicates = r.integer(*n, "sweep.replicates");
    if (replicates < 1 || replicates > 999) {
      r.fail(r.at(*n), "sweep.replicates", "must be between 1 and 999, got " + std::to_string(replicates));
    }
    spec.replicates = static_cast<int>(replicates);
  }
  if (const toml::node* n = sweep->get("combine")) {
    const std::string c = r.text(*n, "sweep.combine");
    if (c != "factorial" && c != "zip") r.fail(r.at(*n), "sweep.combine", "expected \"factorial\" or \"zip\", got \"" + c + "\"");
    spec.combine = c == "zip" ? Combine::zip : Combine::factorial;
  }
  const toml::node* control = sweep->get("control");
  if (control != nullptr) spec.control = r.text(*control, "sweep.control");
  if (const toml::node* n = sweep->get("set")) spec.set = r.assignments(*n, "sweep.set");

  if (const toml::node* axes = doc.get("axis")) {
    if (!axes->is_array_of_tables()) r.fail(r.at(*axes), "axis", "write axes as [[axis]] tables");
    std::size_t i = 0;
    for (const toml::node& a : *axes->as_array()) spec.axes.push_back(read_axis(r, *a.as_table(), i++));
  }
  for (std::size_t i = 0; i < spec.axes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (spec.axes[i].key == spec.axes[j].key) r.fail(spec.axes[i].where, spec.axes[i].key, "this key already has an axis");
    }
  }

  if (const toml::table* sampling = r.table_at(doc, "sampling", "sampling")) {
    r.only_keys(*sampling, "sampling.", {"method", "samples"});
    const toml::node* method = sampling->get("method");
    if (method == nullptr) r.fail(r.at(*sampling), "sampling.method", "missing: \"lhs\" or \"saltelli\"");
    const std::string m = r.text(*method, "sampling.method");
    if (m != "lhs" && m != "saltelli") r.fail(r.at(*method), "sampling.method", "expected \"lhs\" or \"saltelli\", got \"" + m + "\"");
    spec.sampling = m == "lhs" ? Sampling::lhs : Sampling::saltelli;
    const toml::node* samples = sampling->get("samples");
    if (samples == nullptr) r.fail(r.at(*sampling), "sampling.samples", "missing: the number of samples");
    const std::int64_t n = r.integer(*samples, "sampling.samples");
    if (n < 2 || n > 100000) r.fail(r.at(*samples), "sampling.samples", "must be between 2 and 100000, got " + std::to_string(n));
    spec.samples = static_cast<int>(n);
  }

  if (const toml::node* arms = doc.get("arm")) {
    if (!arms->is_array_of_tables()) r.fail(r.at(*arms), "arm", "write arms as [[arm]] tables");
    std::size_t i = 0;
    for (const toml::node& node : *arms->as_array()) {
      const toml::table& t = *node.as_table();
      const std::string path = "arm." + std::to_string(i++);
      r.only_keys(t, path + ".", {"name", "set", "axes"});
      Arm arm;
      const toml::node* name = t.get("name");
      if (name == nullptr) r.fail(r.at(t), path + ".name", "an arm needs a name");
      arm.name = r.text(*name, path + ".name");
      arm.where = r.at(*name);
      if (!valid_arm_name(arm.name)) r.fail(arm.where, path + ".name", "use letters, digits, '_' and '-' (at most 64)");
      for (const Arm& other : spec.arms) {
        if (other.name == arm.name) r.fail(arm.where, path + ".name", "arm name '" + arm.name + "' is used twice");
      }
      if (const toml::node* set = t.get("set")) arm.set = r.assignments(*set, path + ".set");
      if (const toml::node* axes = t.get("axes")) {
        if (!axes->is_array()) r.fail(r.at(*axes), path + ".axes", "expected an array of axis keys");
        for (const toml::node& a : *axes->as_array()) {
          const std::string key = r.text(a, path + ".axes");
          const auto it = std::find_if(spec.axes.begin(), spec.axes.end(), [&](const Axis& x) { return x.key == key; });
          if (it == spec.axes.end()) r.fail(r.at(a), path + ".axes", "'" + key + "' is not the key of any [[axis]]");
          arm.axes.push_back(static_cast<std::size_t>(it - spec.axes.begin()));
        }
        std::sort(arm.axes.begin(), arm.axes.end());
        arm.axes.erase(std::unique(arm.axes.begin(), arm.axes.end()), arm.axes.end());
      } else {
        for (std::size_t a = 0; a < spec.axes.size(); ++a) arm.axes.push_back(a);
      }
      spec.arms.push_back(std::move(arm));
    }
  }
  if (spec.arms.empty()) {
    Arm arm;
    arm.name = "base";
    arm.where = r.at(*sweep);
    for (std::size_t a = 0; a < spec.axes.size(); ++a) arm.axes.push_back(a);
    spec.arms.push_back(std::move(arm));
  }
  if (control != nullptr) {
    const bool found = std::any_of(spec.arms.begin(), spec.arms.end(), [&](const Arm& a) { return a.name == spec.control; });
    if (!found) r.fail(r.at(*control), "sweep.control", "no arm is named '" + spec.control + "'");
  }

  // Designs and combinations must make sense for every arm.
  double runs = 0;  // a double: a factorial product may exceed every integer type
  for (const Arm& arm : spec.arms) {
    std::size_t sampled = 0, listed = 0;
    std::size_t zip_length = 0;
    for (std::size_t a : arm.axes) {
      const Axis& axis = spec.axes[a];
      if (axis.kind == AxisKind::sample) {
        ++sampled;
        continue;
      }
      ++listed;
      const std::size_t n = axis.kind == AxisKind::values ? axis.values.size() : static_cast<std::size_t>(axis.points);
      if (spec.combine == Combine::zip && zip_length != 0 && n != zip_length) {
        r.fail(axis.where, axis.key, "combine = \"zip\" needs axes of equal length (" + std::to_string(n) + " vs " +
                                         std::to_string(zip_length) + ")");
      }
      zip_length = n;
    }
    if (sampled > 0 && spec.sampling == Sampling::grid) {
      const Axis& first = spec.axes[*std::find_if(arm.axes.begin(), arm.axes.end(), [&](std::size_t a) {
        return spec.axes[a].kind == AxisKind::sample;
      })];
      r.fail(first.where, first.key, "'sample' axes need a [sampling] table (method = \"lhs\" or \"saltelli\")");
    }
    if (sampled > 0 && listed > 0) {
      r.fail(arm.where, "arm " + arm.name, "an arm cannot mix 'sample' axes with values/range axes");
    }
    if (spec.sampling != Sampling::grid && listed > 0) {
      r.fail(arm.where, "arm " + arm.name, "with [sampling], an arm's axes must all be 'sample' axes");
    }
    double points = 1;
    if (sampled > 0) {
      points = spec.sampling == Sampling::lhs ? spec.samples : spec.samples * (static_cast<double>(sampled) + 2);
    } else if (spec.combine == Combine::zip) {
      points = arm.axes.empty() ? 1 : static_cast<double>(zip_length);
    } else {
      for (std::size_t a : arm.axes) {
        const Axis& axis = spec.axes[a];
        points *= axis.kind == AxisKind::values ? static_cast<double>(axis.values.size()) : axis.points;
      }
    }
    // A run.seed given by the sweep is the run's seed (cohorts: one seed per patient); its
    // replicates would be the same run again.
    if (spec.replicates > 1) {
      for (std::size_t a : arm.axes) {
        if (spec.axes[a].key == "run.seed") {
          r.fail(spec.axes[a].where, "run.seed", "an axis over run.seed gives each run its seed: it needs replicates = 1");
        }
      }
      for (const std::vector<Assignment>* set : {static_cast<const std::vector<Assignment>*>(&spec.set), &arm.set}) {
        for (const Assignment& s : *set) {
          if (s.key == "run.seed") r.fail(s.value.where, "run.seed", "run.seed set by the sweep fixes every run's seed: it needs replicates = 1");
        }
      }
    }
    runs += points * spec.replicates;
    if (runs > kMaxRuns) {
      r.fail(arm.where, "arm " + arm.name,
             "the sweep has more than " + count_text(kMaxRuns) + " runs (arms x points x replicates, " +
                 count_text(runs) + " up to this arm); split it or use [sampling]");
    }
  }
  return spec;
}

}  // namespace mscsim::sweep
