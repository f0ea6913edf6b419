// Virtual patients of a cohort (app/cohort_patients.cpp, docs/cohorts.md): drawn from
// counter-based streams, so the same seed gives the same patients whatever their number or
// the order of the attributes; distributions, truncation and choice weights as declared;
// the generated sweep file is the same text every time.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "app/cohort_patients.hpp"
#include "app/cohort_spec.hpp"
#include "sim/params/parameter_catalogue.hpp"

namespace mscsim::cohort {
namespace {

const std::string kAttributes = R"(
[[attribute]]
key = "body.weight_kg"
normal = { mean = 70.0, sd = 14.0 }
truncate = { min = 50.0, max = 90.0 }

[[attribute]]
key = "cd4_t.initial_count"
lognormal = { median = 40.0, sigma = 0.4 }

[[attribute]]
key = "dose.0.route"
choice = { values = ["iv", "ia"], weights = [1, 3] }
)";

std::string cohort_text(int patients, const std::string& attributes = kAttributes) {
  return "[cohort]\nbase = \"disease.toml\"\nseed = 7\npatients = " + std::to_string(patients) +
         "\n[arms.untreated]\nset = { \"dose.0.time_h\" = 1.0e6 }\n" + attributes +
         "[responder]\nendpoint = \"tissue/disease_activity:final\"\nrule = \"below_start\"\ncriterion = \"test\"\n";
}

bool integer_key(const std::string& key) { return key == "cd4_t.initial_count"; }

TEST(CohortPatients, SameSeedSamePatientsWhateverTheirNumberOrTheAttributeOrder) {
  const CohortSpec many = load_cohort_text(cohort_text(20), "c.toml");
  const CohortSpec few = load_cohort_text(cohort_text(5), "c.toml");
  const auto a = draw_patients(many, 20, integer_key);
  const auto b = draw_patients(few, 5, integer_key);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(a[i].values, b[i].values);
  EXPECT_NE(a[0].values, a[1].values);
  // The same attributes in another order: each key keeps its values.
  const std::string reordered = kAttributes.substr(kAttributes.find("[[attribute]]\nkey = \"dose.0.route\"")) +
                                kAttributes.substr(0, kAttributes.find("[[attribute]]\nkey = \"dose.0.route\""));
  const auto c = draw_patients(load_cohort_text(cohort_text(20, reordered), "c.toml"), 20, integer_key);
  for (std::size_t i = 0; i < 20; ++i) {
    EXPECT_EQ(c[i].values[0], a[i].values[2]);
    EXPECT_EQ(c[i].values[1], a[i].values[0]);
  }
}

TEST(CohortPatients, DistributionsTruncationAndWeightsAsDeclared) {
  const int n = 4000;
  const CohortSpec spec = load_cohort_text(cohort_text(n), "c.toml");
  const auto patients = draw_patients(spec, n, integer_key);
  double log_sum = 0.0;
  int ia = 0;
  for (const Patient& p : patients) {
    const double weight = std::stod(p.values[0]);
    EXPECT_GE(weight, 50.0);
    EXPECT_LE(weight, 90.0);
    EXPECT_EQ(p.values[1].find('.'), std::string::npos) << "integer key written as an integer";
    log_sum += std::log(std::stod(p.values[1]));
    ia += p.values[2] == "\"ia\"";
  }
  // Mean of log(count): log 40 within 4 standard errors (0.4 / sqrt(n) = 0.0063, plus the
  // rounding to whole cells); a fresh seed fails with probability below 1e-4.
  EXPECT_NEAR(log_sum / n, std::log(40.0), 4 * 0.4 / std::sqrt(n) + 0.003);
  // Weights 1:3: share of "ia" 0.75 within 4 standard errors (0.0068).
  EXPECT_NEAR(static_cast<double>(ia) / n, 0.75, 4 * std::sqrt(0.75 * 0.25 / n));
}

TEST(CohortPatients, TheSweepFileZipsOneAxisPerAttributeAndIsTheSameTextEveryTime) {
  const CohortSpec spec = load_cohort_text(cohort_text(9), "c.toml");
  const auto patients = draw_patients(spec, 9, integer_key);
  const std::string text = sweep_text(spec, "/abs/disease.toml", patients);
  EXPECT_EQ(text, sweep_text(spec, "/abs/disease.toml", draw_patients(spec, 9, integer_key)));
  EXPECT_NE(text.find("combine = \"zip\""), std::string::npos);
  EXPECT_NE(text.find("replicates = 1"), std::string::npos);
  EXPECT_NE(text.find("control = \"untreated\""), std::string::npos);
  EXPECT_NE(text.find("set = { \"dose.0.time_h\" = 1e+06 }"), std::string::npos) << text;
  const sweep::SweepSpec sweep = sweep::load_sweep_text(text, "/abs/cohort_sweep.toml");
  ASSERT_EQ(sweep.axes.size(), 4u);  // the 3 attributes, then each patient's run seed
  for (const auto& axis : sweep.axes) {
    EXPECT_EQ(axis.values.size(), 9u);
    EXPECT_FALSE(axis.is_dose);
  }
  EXPECT_EQ(to_toml_text(sweep.axes[2].values[4].value), patients[4].values[2]);
  EXPECT_EQ(sweep.axes[3].key, "run.seed");
  EXPECT_EQ(to_toml_text(sweep.axes[3].values[4].value), std::to_string(patients[4].seed));
  EXPECT_NE(patients[4].seed, patients[5].seed);
}

TEST(CohortSpecErrors, NameTheLineAndKey) {
  const auto message = [](const std::string& text) {
    try {
      load_cohort_text(text, "c.toml");
    } catch (const ScenarioError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(cohort_text(0)).rfind("c.toml:4:12:", 0), 0u) << message(cohort_text(0));
  EXPECT_NE(message(cohort_text(0)).find("cohort.patients"), std::string::npos);
  std::string two = cohort_text(3);
  two.replace(two.find("sd = 14.0"), 9, "sd = -1.0");
  EXPECT_NE(message(two).find("attribute.0.normal.sd"), std::string::npos) << message(two);
}

}  // namespace
}  // namespace mscsim::cohort
