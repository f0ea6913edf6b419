#include "app/cohort_spec.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "sim/params/value_rules.hpp"
#include "sim/scenario/toml_parse.hpp"

namespace mscsim::cohort {
namespace {

// Cohort files are a few kilobytes; a mistaken path (a binary, a device) is refused.
constexpr std::uintmax_t kMaxCohortFileBytes = 1 << 20;
// Each patient is two runs; beyond this a cohort is a mistake (or a sweep of cohorts).
constexpr std::int64_t kMaxPatients = 100000;

using sweep::Assignment;
using sweep::LocatedValue;

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

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

  void only_keys(const toml::table& table, const std::string& prefix, std::initializer_list<const char*> allowed) const {
    for (const auto& entry : table) {
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return entry.first.str() == a; });
      if (known) continue;
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      fail(at(entry.first), prefix + std::string(entry.first.str()),
           "unknown key in a cohort file (expected one of: " + list + ")");
    }
  }

  const toml::table& table(const toml::node& node, const std::string& path, const char* example) const {
    if (!node.is_table()) fail(at(node), path, std::string("expected a table such as ") + example);
    return *node.as_table();
  }

  const toml::node& required(const toml::table& t, const char* key, const std::string& path, const std::string& why) const {
    const toml::node* node = t.get(key);
    if (node == nullptr) fail(at(t), path + (path.empty() ? "" : ".") + key, "missing: " + why);
    return *node;
  }

  std::string text(const toml::node& node, const std::string& path) const {
    if (!node.is_string()) fail(at(node), path, "expected a string");
    return node.as_string()->get();
  }

  double real(const toml::node& node, const std::string& path) const {
    double x = 0.0;
    if (node.is_integer()) x = static_cast<double>(node.as_integer()->get());
    else if (node.is_floating_point()) x = node.as_floating_point()->get();
    else fail(at(node), path, "expected a number");
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
    if (node.is_boolean()) out.value = node.as_boolean()->get();
    else if (node.is_integer()) out.value = node.as_integer()->get();
    else if (node.is_floating_point()) out.value = real(node, path);
    else if (node.is_string()) out.value = node.as_string()->get();
    else if (node.is_array()) out.value = numbers(*node.as_array(), path);
    else fail(at(node), path, "expected a boolean, number, string or array of numbers");
    return out;
  }

  Value numbers(const toml::array& array, const std::string& path) const {
    bool all_integers = true;
    for (const toml::node& element : array) {
      if (!element.is_number()) fail(at(element), path, "array elements must be numbers");
      all_integers = all_integers && element.is_integer();
    }
    if (all_integers) {
      std::vector<std::int64_t> v;
      for (const toml::node& element : array) v.push_back(element.as_integer()->get());
      return v;
    }
    std::vector<double> v;
    for (const toml::node& element : array) v.push_back(real(element, path));
    return v;
  }

  // { "run.duration_h" = 48.0, ... }; nested tables are dotted keys written differently.
  std::vector<Assignment> assignments(const toml::node& node, const std::string& path) const {
    if (!node.is_table()) fail(at(node), path, "expected a table of scenario keys, e.g. { \"run.duration_h\" = 48.0 }");
    std::vector<Assignment> out;
    for (const auto& [key, element] : *node.as_table()) {
      const std::string scenario_key(key.str());
      if (element.is_table()) {
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
  if (std::filesystem::is_directory(path, ec)) throw ScenarioError(where, "", "cannot open cohort file: it is a directory");
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw ScenarioError(where, "", std::filesystem::exists(path, ec) ? "cannot open cohort file: not a regular file"
                                                                      : "cannot open cohort file: No such file or directory");
  }
  if (std::filesystem::file_size(path, ec) > kMaxCohortFileBytes) {
    throw ScenarioError(where, "", "cohort file larger than 1 MiB; is it the right file?");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(where, "", std::string("cannot open cohort file: ") + std::strerror(errno));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

// Reads the one distribution table of an attribute ({ mean = 70.0, sd = 12.0 } and so on).
void read_distribution(const Reader& r, const toml::table& t, const std::string& path, Attribute& a) {
  int forms = 0;
  for (const char* form : {"normal", "lognormal", "uniform", "choice"}) forms += t.contains(form) ? 1 : 0;
  if (forms != 1) {
    r.fail(a.where, path, "an attribute needs exactly one of normal, lognormal, uniform or choice (got " +
                              std::to_string(forms) + ")");
  }
  const auto numbers = [&](const char* form, std::initializer_list<const char*> keys, const char* example) {
    const std::string fpath = path + "." + form;
    const toml::table& d = r.table(*t.get(form), fpath, example);
    r.only_keys(d, fpath + ".", keys);
    std::vector<double> out;
    for (const char* k : keys) out.push_back(r.real(r.required(d, k, fpath, std::string("'") + k + "'"), fpath + "." + k));
    return std::make_pair(out, &d);
  };
  if (t.contains("normal")) {
    a.distribution = Distribution::normal;
    const auto [v, d] = numbers("normal", {"mean", "sd"}, "{ mean = 70.0, sd = 12.0 }");
    a.mean = v[0];
    a.sd = v[1];
    if (!(a.sd > 0.0)) r.fail(r.at(*d->get("sd")), path + ".normal.sd", "sd must be above zero");
  } else if (t.contains("lognormal")) {
    a.distribution = Distribution::lognormal;
    const auto [v, d] = numbers("lognormal", {"median", "sigma"}, "{ median = 40.0, sigma = 0.4 }");
    a.median = v[0];
    a.sigma = v[1];
    if (!(a.median > 0.0)) r.fail(r.at(*d->get("median")), path + ".lognormal.median", "median must be above zero");
    if (!(a.sigma > 0.0)) r.fail(r.at(*d->get("sigma")), path + ".lognormal.sigma", "sigma must be above zero");
  } else if (t.contains("uniform")) {
    a.distribution = Distribution::uniform;
    const auto [v, d] = numbers("uniform", {"from", "to"}, "{ from = 0.5, to = 0.9 }");
    a.from = v[0];
    a.to = v[1];
    if (!(a.from < a.to)) r.fail(r.at(*d->get("from")), path + ".uniform", "from must be below to");
  } else {
    a.distribution = Distribution::choice;
    const std::string cpath = path + ".choice";
    const toml::table& c = r.table(*t.get("choice"), cpath, "{ values = [\"iv\", \"ia\"], weights = [3, 1] }");
    r.only_keys(c, cpath + ".", {"values", "weights"});
    const toml::node& values = r.required(c, "values", cpath, "the list of values to choose from");
    if (!values.is_array() || values.as_array()->empty()) r.fail(r.at(values), cpath + ".values", "expected a non-empty array");
    for (const toml::node& v : *values.as_array()) a.choices.push_back(r.value(v, cpath + ".values"));
    a.weights.assign(a.choices.size(), 1.0);
    if (const toml::node* weights = c.get("weights")) {
      if (!weights->is_array() || weights->as_array()->size() != a.choices.size()) {
        r.fail(r.at(*weights), cpath + ".weights", "expected one weight per value (" + std::to_string(a.choices.size()) + ")");
      }
      double total = 0.0;
      std::size_t i = 0;
      for (const toml::node& w : *weights->as_array()) {
        const double x = r.real(w, cpath + ".weights");
        if (x < 0.0) r.fail(r.at(w), cpath + ".weights", "weights must not be negative");
        a.weights[i++] = x;
        total += x;
      }
      if (!(total > 0.0)) r.fail(r.at(*weights), cpath + ".weights", "at least one weight must be above zero");
    }
  }
  if (const toml::node* truncate = t.get("truncate")) {
    const std::string tpath = path + ".truncate";
    if (a.distribution != Distribution::normal && a.distribution != Distribution::lognormal) {
      r.fail(r.at(*truncate), tpath, "only normal and lognormal attributes are truncated");
    }
    const toml::table& b = r.table(*truncate, tpath, "{ min = 40.0, max = 130.0 }");
    r.only_keys(b, tpath + ".", {"min", "max"});
    a.min = r.real(r.required(b, "min", tpath, "'min'"), tpath + ".min");
    a.max = r.real(r.required(b, "max", tpath, "'max'"), tpath + ".max");
    if (!(a.min < a.max)) r.fail(r.at(b), tpath, "min must be below max");
    a.truncated = true;
    // Redrawing must succeed: refuse a window that keeps almost none of the distribution.
    double mass = 1.0;
    if (a.distribution == Distribution::normal) {
      mass = 0.5 * (std::erfc(-(a.max - a.mean) / (a.sd * std::sqrt(2.0))) -
                    std::erfc(-(a.min - a.mean) / (a.sd * std::sqrt(2.0))));
    } else if (a.max > 0.0) {
      const auto cdf = [&](double x) {
        return x <= 0.0 ? 0.0 : 0.5 * std::erfc(-(std::log(x) - std::log(a.median)) / (a.sigma * std::sqrt(2.0)));
      };
      mass = cdf(a.max) - cdf(a.min);
    } else {
      mass = 0.0;
    }
    if (mass < 1e-3) {
      r.fail(r.at(b), tpath, "the window keeps less than 0.1 % of the distribution; widen it or move the distribution");
    }
  }
}

Responder read_responder(const Reader& r, const toml::table& t) {
  r.only_keys(t, "responder.", {"endpoint", "rule", "threshold", "margin", "relative_margin", "criterion"});
  Responder out;
  const toml::node& endpoint = r.required(t, "endpoint", "responder", "the summary column that decides, e.g. \"tissue/disease_activity:final\"");
  out.endpoint = r.text(endpoint, "responder.endpoint");
  out.endpoint_where = r.at(endpoint);
  const std::size_t colon = out.endpoint.rfind(':');
  const std::string reducer = colon == std::string::npos ? "" : out.endpoint.substr(colon + 1);
  if (colon == std::string::npos || colon == 0 ||
      (reducer != "final" && reducer != "mean" && reducer != "peak" && reducer != "auc")) {
    r.fail(r.at(endpoint), "responder.endpoint",
           "expected \"<series>:<reducer>\" with reducer final, mean, peak or auc (docs/sweeps.md), got \"" + out.endpoint + "\"");
  }
  const char* const rules = "\"at_most\", \"at_least\", \"below_start\" or \"below_untreated\"";
  const toml::node& rule = r.required(t, "rule", "responder", rules);
  const std::string rule_text = r.text(rule, "responder.rule");
  if (rule_text == "at_most") out.rule = ResponderRule::at_most;
  else if (rule_text == "at_least") out.rule = ResponderRule::at_least;
  else if (rule_text == "below_untreated") out.rule = ResponderRule::below_untreated;
  else if (rule_text == "below_start") out.rule = ResponderRule::below_start;
  else r.fail(r.at(rule), "responder.rule", std::string("expected ") + rules + ", got \"" + rule_text + "\"");
  const bool threshold_rule = out.rule == ResponderRule::at_most || out.rule == ResponderRule::at_least;
  if (threshold_rule) {
    out.threshold = r.real(r.required(t, "threshold", "responder", "the value the endpoint is compared with"), "responder.threshold");
    for (const char* k : {"margin", "relative_margin"}) {
      if (const toml::node* n = t.get(k)) {
        r.fail(r.at(*n), std::string("responder.") + k, "goes with rule = \"below_start\" or \"below_untreated\"");
      }
    }
  } else {
    if (const toml::node* n = t.get("threshold")) r.fail(r.at(*n), "responder.threshold", "goes with rule = \"at_most\" or \"at_least\"");
    if (out.rule == ResponderRule::below_untreated && !t.contains("margin") && !t.contains("relative_margin")) {
      r.fail(r.at(t), "responder.margin", "below_untreated needs margin (absolute) and/or relative_margin (a fraction)");
    }
    if (const toml::node* n = t.get("margin")) {
      out.margin = r.real(*n, "responder.margin");
      if (out.margin < 0.0) r.fail(r.at(*n), "responder.margin", "must not be negative");
    }
    if (const toml::node* n = t.get("relative_margin")) {
      out.relative_margin = r.real(*n, "responder.relative_margin");
      if (out.relative_margin < 0.0 || out.relative_margin >= 1.0) {
        r.fail(r.at(*n), "responder.relative_margin", "must be a fraction in [0, 1)");
      }
    }
  }
  out.criterion = r.text(r.required(t, "criterion", "responder", "the clinical criterion this definition stands for (text)"),
                         "responder.criterion");
  if (out.criterion.empty()) r.fail(r.at(*t.get("criterion")), "responder.criterion", "must not be empty");
  return out;
}

}  // namespace

const char* to_string(Distribution distribution) {
  switch (distribution) {
    case Distribution::normal: return "normal";
    case Distribution::lognormal: return "lognormal";
    case Distribution::uniform: return "uniform";
    case Distribution::choice: return "choice";
  }
  return "?";
}

const char* to_string(ResponderRule rule) {
  switch (rule) {
    case ResponderRule::at_most: return "at_most";
    case ResponderRule::at_least: return "at_least";
    case ResponderRule::below_untreated: return "below_untreated";
    case ResponderRule::below_start: return "below_start";
  }
  return "?";
}

CohortSpec load_cohort_file(const std::filesystem::path& path) { return load_cohort_text(read_text(path), path); }

CohortSpec load_cohort_text(const std::string& text, const std::filesystem::path& path) {
  const std::string file = path.string();
  const Reader r(file);
  auto parsed = toml_input::parse(text, file);
  if (const auto* failure = std::get_if<toml_input::Failure>(&parsed)) {
    throw ScenarioError({file, failure->line, failure->column}, "", failure->description);
  }
  const toml::table& doc = std::get<toml::table>(parsed);
  r.only_keys(doc, "", {"cohort", "arms", "attribute", "responder"});

  CohortSpec spec;
  spec.file = path;
  spec.text = text;
  const toml::node* cohort_node = doc.get("cohort");
  if (cohort_node == nullptr) r.fail({file, 1, 1}, "cohort", "a cohort file needs a [cohort] table with base, seed and patients");
  const toml::table& cohort = r.table(*cohort_node, "cohort", "[cohort]");
  r.only_keys(cohort, "cohort.", {"name", "base", "seed", "patients", "set"});
  spec.name = path.stem().string();
  if (const toml::node* n = cohort.get("name")) {
    spec.name = r.text(*n, "cohort.name");
    if (!valid_name(spec.name)) r.fail(r.at(*n), "cohort.name", "use letters, digits, '_' and '-' (at most 64)");
  }
  if (!valid_name(spec.name)) r.fail(r.at(cohort), "cohort.name", "the file's name is not a valid cohort name: give name = \"...\"");
  const toml::node& base = r.required(cohort, "base", "cohort", "the base disease scenario, relative to the cohort file");
  spec.base_where = r.at(base);
  const std::filesystem::path base_path = r.text(base, "cohort.base");
  spec.base = base_path.is_absolute() ? base_path : path.parent_path() / base_path;
  const toml::node& seed = r.required(cohort, "seed", "cohort", "the cohort seed (patients and run seeds derive from it)");
  const std::int64_t seed_value = r.integer(seed, "cohort.seed");
  if (seed_value < 0) r.fail(r.at(seed), "cohort.seed", "must be a non-negative integer");
  spec.seed = static_cast<std::uint64_t>(seed_value);
  const toml::node& patients = r.required(cohort, "patients", "cohort", "the number of virtual patients");
  spec.patients_where = r.at(patients);
  const std::int64_t n = r.integer(patients, "cohort.patients");
  if (n < 1 || n > kMaxPatients) {
    r.fail(r.at(patients), "cohort.patients", "must be between 1 and " + std::to_string(kMaxPatients) + ", got " + std::to_string(n));
  }
  spec.patients = static_cast<int>(n);
  if (const toml::node* s = cohort.get("set")) spec.set = r.assignments(*s, "cohort.set");

  const toml::node* arms_node = doc.get("arms");
  if (arms_node == nullptr) {
    r.fail({file, 1, 1}, "arms", "a cohort needs [arms.untreated] (and optionally [arms.treated]) with the set that makes the arm");
  }
  const toml::table& arms = r.table(*arms_node, "arms", "[arms.untreated] set = { \"dose.0.time_h\" = 1.0e6 }");
  r.only_keys(arms, "arms.", {"treated", "untreated"});
  for (const char* arm : {"treated", "untreated"}) {
    const toml::node* a = arms.get(arm);
    if (a == nullptr) continue;
    const std::string apath = std::string("arms.") + arm;
    const toml::table& at = r.table(*a, apath, "{ set = { ... } }");
    r.only_keys(at, apath + ".", {"set"});
    if (const toml::node* s = at.get("set")) (std::strcmp(arm, "treated") == 0 ? spec.treated : spec.untreated) = r.assignments(*s, apath + ".set");
  }
  if (spec.treated.empty() && spec.untreated.empty()) {
    r.fail(r.at(arms), "arms", "the treated and untreated arms are the same run: give the untreated arm a set "
                               "(e.g. { \"dose.0.time_h\" = 1.0e6 }: the dose falls after the end)");
  }

  const toml::node* attributes = doc.get("attribute");
  if (attributes == nullptr) r.fail({file, 1, 1}, "attribute", "a cohort needs at least one [[attribute]]: patients would all be the same");
  if (!attributes->is_array_of_tables()) r.fail(r.at(*attributes), "attribute", "write attributes as [[attribute]] tables");
  std::size_t i = 0;
  for (const toml::node& node : *attributes->as_array()) {
    const toml::table& t = *node.as_table();
    const std::string path = "attribute." + std::to_string(i++);
    r.only_keys(t, path + ".", {"key", "normal", "lognormal", "uniform", "choice", "truncate"});
    Attribute a;
    const toml::node& key = r.required(t, "key", path, "the scenario key path the attribute sets");
    a.key = r.text(key, path + ".key");
    a.where = r.at(key);
    if (a.key.empty()) r.fail(a.where, path + ".key", "empty key path");
    if (a.key == "run.seed") r.fail(a.where, path + ".key", "run.seed is not a patient attribute (the cohort seed sets it)");
    for (const Attribute& other : spec.attributes) {
      if (other.key == a.key) r.fail(a.where, path + ".key", "'" + a.key + "' is already an attribute");
    }
    read_distribution(r, t, path, a);
    spec.attributes.push_back(std::move(a));
  }

  const toml::node* responder = doc.get("responder");
  if (responder == nullptr) r.fail({file, 1, 1}, "responder", "a cohort needs a [responder] table (who counts as a responder)");
  spec.responder = read_responder(r, r.table(*responder, "responder", "[responder]"));
  return spec;
}

}  // namespace mscsim::cohort
