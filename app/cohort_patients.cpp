#include "app/cohort_patients.hpp"

#include <cmath>
#include <cstdio>

#include "sim/params/parameter_catalogue.hpp"
#include "sim/rng/random_stream.hpp"

namespace mscsim::cohort {
namespace {

// Redraws of a truncated attribute before giving up; the loader refuses windows that keep
// less than 0.1 % of the distribution, so 10^5 draws fail with probability < e^-100.
constexpr int kMaxRedraws = 100000;

// Six significant digits: what a patient record would state, and the value the runs get
// (the same text goes into the sweep file and into patients.csv).
std::string real_text(double x) {
  char text[40];
  std::snprintf(text, sizeof text, "%.6g", x);
  return to_toml_text(Value{std::stod(text)});
}

double draw_real(const Attribute& a, rng::RandomStream& stream) {
  for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
    double x = 0.0;
    switch (a.distribution) {
      case Distribution::normal: x = a.mean + a.sd * stream.normal(); break;
      case Distribution::lognormal: x = a.median * std::exp(a.sigma * stream.normal()); break;
      case Distribution::uniform: return a.from + (a.to - a.from) * stream.uniform();
      case Distribution::choice: return 0.0;  // not a real-valued draw
    }
    if (!a.truncated || (x >= a.min && x <= a.max)) return x;
  }
  throw ScenarioError(a.where, a.key, "no draw fell inside the truncation window after 100000 tries");
}

std::string draw_value(const Attribute& a, rng::RandomStream& stream, bool integer) {
  if (a.distribution == Distribution::choice) {
    double total = 0.0;
    for (double w : a.weights) total += w;
    const double u = stream.uniform() * total;
    double cumulative = 0.0;
    std::size_t chosen = a.choices.size() - 1;
    for (std::size_t i = 0; i < a.choices.size(); ++i) {
      cumulative += a.weights[i];
      if (u < cumulative && a.weights[i] > 0.0) {
        chosen = i;
        break;
      }
    }
    return to_toml_text(a.choices[chosen].value);
  }
  const double x = draw_real(a, stream);
  return integer ? std::to_string(std::llround(x)) : real_text(x);
}

// TOML text of a key: quoted, so dotted scenario paths stay one key of the inline table.
std::string quoted(const std::string& key) { return to_toml_text(Value{key}); }

std::string set_table(const std::vector<sweep::Assignment>& set) {
  std::string out = "{";
  for (std::size_t i = 0; i < set.size(); ++i) {
    out += (i == 0 ? " " : ", ") + quoted(set[i].key) + " = " + to_toml_text(set[i].value.value);
  }
  return out + (set.empty() ? "}" : " }");
}

// A CSV field: strings lose their TOML quotes; commas and quotes are escaped.
std::string csv_field(const std::string& toml_text) {
  std::string text = toml_text;
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<Patient> draw_patients(const CohortSpec& spec, int patients, const IntegerKey& is_integer) {
  std::vector<Patient> out(static_cast<std::size_t>(patients));
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (const Attribute& a : spec.attributes) {
      rng::RandomStream stream(spec.seed, rng::purpose_id("cohort.patient"), i, rng::purpose_id(a.key));
      out[i].values.push_back(draw_value(a, stream, is_integer(a.key)));
    }
    // Each patient's own stochastic history (infiltrate, killing, migration), shared by its
    // treated and untreated runs; 62 bits, as sweep replicate seeds.
    rng::RandomStream stream(spec.seed, rng::purpose_id("cohort.patient_seed"), i, 0);
    out[i].seed = stream() & ((std::uint64_t{1} << 62) - 1);
  }
  return out;
}

std::string sweep_text(const CohortSpec& spec, const std::string& base, const std::vector<Patient>& patients) {
  std::string out;
  out += "# Written by `mscsim cohort` from cohort '" + spec.name + "' (docs/cohorts.md); do not edit.\n";
  out += "# " + std::to_string(patients.size()) + " patients drawn with cohort seed " + std::to_string(spec.seed) +
         "; patient i is point i of both arms (zipped axes), so treated and untreated are paired.\n";
  out += "[sweep]\n";
  out += "name = " + quoted(spec.name) + "\n";
  out += "base = " + quoted(base) + "\n";
  out += "seed = " + std::to_string(spec.seed) + "\n";
  out += "replicates = 1\n";
  out += "combine = \"zip\"\n";
  out += "control = \"untreated\"\n";
  if (!spec.set.empty()) out += "set = " + set_table(spec.set) + "\n";
  for (std::size_t a = 0; a < spec.attributes.size(); ++a) {
    out += "\n[[axis]]\n";
    out += "key = " + quoted(spec.attributes[a].key) + "\n";
    out += "dose = false\n";
    out += "values = [";
    for (std::size_t i = 0; i < patients.size(); ++i) {
      out += (i == 0 ? "" : i % 8 == 0 ? ",\n  " : ", ") + patients[i].values[a];
    }
    out += "]\n";
  }
  out += "\n[[axis]]\n";
  out += "key = \"run.seed\"   # each patient's own seed, the same in both arms\n";
  out += "dose = false\n";
  out += "values = [";
  for (std::size_t i = 0; i < patients.size(); ++i) {
    out += (i == 0 ? "" : i % 4 == 0 ? ",\n  " : ", ") + std::to_string(patients[i].seed);
  }
  out += "]\n";
  out += "\n[[arm]]\nname = \"untreated\"\nset = " + set_table(spec.untreated) + "\n";
  out += "\n[[arm]]\nname = \"treated\"\nset = " + set_table(spec.treated) + "\n";
  return out;
}

std::string patients_csv(const CohortSpec& spec, const std::vector<Patient>& patients) {
  std::string out = "patient";
  for (const Attribute& a : spec.attributes) out += "," + csv_field(a.key);
  out += "\n";
  for (std::size_t i = 0; i < patients.size(); ++i) {
    out += std::to_string(i);
    for (const std::string& v : patients[i].values) out += "," + csv_field(v);
    out += "\n";
  }
  return out;
}

}  // namespace mscsim::cohort
