// Co-therapy modifiers (docs/ODD.md section 3.3.1): calcineurin inhibitors lower T activation and
// IL-2, corticosteroids lower immune-cell cytokine secretion and DC maturation, each by a
// factor folded into the cell models' per-build constants.
//
// The field comparisons are exact: in a culture well of cells whose decisions in the first
// step do not depend on the field being compared, the same seed gives the same cells in the
// same voxels, and secretion, decay and diffusion are linear, so after one step the field
// is the factor times the field without the drug.
#include <gtest/gtest.h>

#include <deque>
#include <string>

#include "models/common/cotherapy.hpp"
#include "models/register_models.hpp"
#include "tests/unit/models/model_run.hpp"
#include "sim/engine/simulation.hpp"

using namespace mscsim;
using namespace mscsim::models;

namespace {

struct WellRun : mscsim::models::testing::ModelRun {
  explicit WellRun(const std::string& toml) : ModelRun(toml, "cotherapy_test.toml") {}
  double sum(const char* field) const {
    const FieldSet& f = sim->world().fields();
    const double* c = f.data(f.id_of(field));
    double s = 0.0;
    for (std::size_t v = 0; v < sim->world().shape().voxel_count(); ++v) s += c[v];
    return s;
  }
  double final_value(const std::string& group_slash_name) {
    std::vector<double> row;
    sim->observe(row);
    const auto& specs = sim->series();
    for (std::size_t i = 0; i < specs.size(); ++i)
      if (specs[i].group + "/" + specs[i].name == group_slash_name) return row[i];
    ADD_FAILURE() << "no series " << group_slash_name;
    return 0.0;
  }
  void run_to_end() {
    while (!sim->finished()) sim->step();
  }
};

// A 30 x 30 culture well.
std::string well(double hours) {
  return "[run]\nduration_h = " + std::to_string(hours) +
         "\ndt_h = 0.1\nseed = 7\n[tissue]\nsetting = \"in_vitro_well\"\nsize_voxels = [30, 30]\n";
}

const std::string kCalcineurin =
    "[cotherapy.calcineurin_inhibitor]\nenabled = true\nt_activation_factor = 0.0\nil2_secretion_factor = 0.3\n";
const std::string kSteroid =
    "[cotherapy.corticosteroid]\nenabled = true\ncytokine_secretion_factor = 0.5\ndc_maturation_factor = 0.0\n";

}  // namespace

TEST(CoTherapy, FactorsAreOneUnlessTheDrugIsEnabled) {
  ModelList models = create_models();
  ParameterCatalogue catalogue = build_catalogue(models);
  const Scenario off = load_scenario_text(well(1.0) +
                                              "[cotherapy.calcineurin_inhibitor]\nt_activation_factor = 0.2\n"
                                              "[cotherapy.corticosteroid]\ncytokine_secretion_factor = 0.2\n",
                                          "off.toml", catalogue);
  const CoTherapyFactors f0 = read_cotherapy(off);
  EXPECT_EQ(f0.t_activation, 1.0);
  EXPECT_EQ(f0.il2(), 1.0);
  EXPECT_EQ(f0.cytokine_secretion, 1.0);
  EXPECT_EQ(f0.dc_maturation, 1.0);

  const Scenario on = load_scenario_text(well(1.0) + kCalcineurin + kSteroid, "on.toml", catalogue);
  const CoTherapyFactors f1 = read_cotherapy(on);
  EXPECT_EQ(f1.t_activation, 0.0);
  EXPECT_EQ(f1.il2_secretion, 0.3);
  EXPECT_EQ(f1.cytokine_secretion, 0.5);
  EXPECT_EQ(f1.dc_maturation, 0.0);
  EXPECT_DOUBLE_EQ(f1.il2(), 0.15);  // both drugs lower IL-2
}

TEST(CoTherapy, CalcineurinInhibitorLowersTheIl2Field) {
  // Activated CD4 T cells secrete IL-2; their first-step decisions read the IL-2 already
  // there (none), so after one step the field is exactly the factor times the control.
  const std::string cells = "[cd4_t]\ninitial_count = 200\ninitial_state = \"activated\"\n";
  WellRun control(well(0.1) + cells);
  WellRun treated(well(0.1) + cells + kCalcineurin);
  control.run_to_end();
  treated.run_to_end();
  ASSERT_GT(control.sum("il2"), 0.0);
  EXPECT_NEAR(treated.sum("il2") / control.sum("il2"), 0.3, 1e-9);

  // Over hours (cells now divide and die at IL-2-dependent rates) it stays well below.
  WellRun control_long(well(6.0) + cells);
  WellRun treated_long(well(6.0) + cells + kCalcineurin);
  control_long.run_to_end();
  treated_long.run_to_end();
  EXPECT_LT(treated_long.final_value("fields/il2_mean"), 0.5 * control_long.final_value("fields/il2_mean"));
}

TEST(CoTherapy, CalcineurinInhibitorLowersTActivation) {
  // Naive CD4 T cells that all recognise the antigen among mature DCs, priming after 1 h of
  // contact (docs/ODD.md section 3.3.3-3.3.6); a factor of 0 on the activation rate leaves them naive.
  const std::string cells =
      "[cd4_t]\ninitial_count = 300\nantigen_responder_fraction = 1.0\npriming_contact_h = 1.0\n"
      "[dc]\ninitial_count = 300\ninitial_state = \"mature\"\n";
  WellRun control(well(12.0) + cells);
  WellRun treated(well(12.0) + cells + kCalcineurin);
  control.run_to_end();
  treated.run_to_end();
  const double activated_control = control.final_value("cd4_t/activated") + control.final_value("cd4_t/th1");
  EXPECT_GT(activated_control, 20.0);
  EXPECT_EQ(treated.final_value("cd4_t/activated") + treated.final_value("cd4_t/th1") +
                treated.final_value("cd4_t/th2") + treated.final_value("cd4_t/th17"),
            0.0);
}

TEST(CoTherapy, CorticosteroidLowersCytokineSecretion) {
  // Th1 cells release IFN-gamma and TNF-alpha; their first-step decisions do not read them.
  const std::string cells = "[cd4_t]\ninitial_count = 200\ninitial_state = \"th1\"\n";
  WellRun control(well(0.1) + cells);
  WellRun treated(well(0.1) + cells + kSteroid);
  control.run_to_end();
  treated.run_to_end();
  ASSERT_GT(control.sum("ifng"), 0.0);
  EXPECT_NEAR(treated.sum("ifng") / control.sum("ifng"), 0.5, 1e-9);
  EXPECT_NEAR(treated.sum("tnfa") / control.sum("tnfa"), 0.5, 1e-9);
  EXPECT_NEAR(treated.sum("il2") / control.sum("il2"), 0.5, 1e-9);  // steroids repress IL-2 too

  // M1 macrophages: TNF-alpha, IL-12, IL-6.
  const std::string m1 = "[macrophage]\ninitial_count = 200\ninitial_state = \"m1\"\n";
  WellRun m1_control(well(0.1) + m1);
  WellRun m1_treated(well(0.1) + m1 + kSteroid);
  m1_control.run_to_end();
  m1_treated.run_to_end();
  ASSERT_GT(m1_control.sum("il12"), 0.0);
  EXPECT_NEAR(m1_treated.sum("il12") / m1_control.sum("il12"), 0.5, 1e-9);
  EXPECT_NEAR(m1_treated.sum("il6") / m1_control.sum("il6"), 0.5, 1e-9);
}

TEST(CoTherapy, CorticosteroidLowersDcMaturation) {
  // Immature DCs in a medium full of danger signals mature within a day; a factor of 0 on
  // the maturation rate keeps them immature.
  const std::string cells =
      "[dc]\ninitial_count = 200\n[fields.damp]\ninitial_ng_per_ml = 10.0\nboundary = \"bath\"\n"
      "bath_ng_per_ml = 10.0\nhalf_life_h = 1000.0\n";
  WellRun control(well(12.0) + cells);
  WellRun treated(well(12.0) + cells + kSteroid);
  control.run_to_end();
  treated.run_to_end();
  EXPECT_GT(control.final_value("dc/mature"), 20.0);
  EXPECT_EQ(treated.final_value("dc/mature"), 0.0);
}
