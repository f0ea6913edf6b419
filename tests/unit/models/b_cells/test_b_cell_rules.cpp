// Unit tests of the B-cell rules (docs/ODD.md section 3.3.3-3.3.6, row B).
#include <gtest/gtest.h>

#include "tests/unit/models/innate/innate_test_support.hpp"

namespace mscsim::models {
namespace {

using testing::medium;
using testing::run_well;

TEST(BCell, ActivationNeedsAntigenAndHelp) {
  const std::string b = "[b_cell]\ninitial_count = 100\n";
  const std::string antigen = "[fields.antigen]\ninitial_ng_per_ml = 5.0\n";
  const auto no_antigen = run_well(b + medium("il4", 5.0), 24.0);
  EXPECT_EQ(no_antigen.at("b_cell/naive"), no_antigen.at("agents/b_cell"));
  const auto no_help = run_well(b + antigen, 24.0);
  EXPECT_EQ(no_help.at("b_cell/activated") + no_help.at("b_cell/plasma") + no_help.at("b_cell/breg"), 0.0);
  const auto helped = run_well(b + antigen + medium("il4", 5.0), 24.0);
  EXPECT_GT(helped.at("b_cell/activated") + helped.at("b_cell/plasma") + helped.at("b_cell/breg"), 50.0);
  EXPECT_GT(helped.at("b_cell/mean_divisions"), 0.0);
}

TEST(BCell, PlasmaCellsSecreteAntibodyAndMscFactorsLowerIt) {
  const std::string plasma = "[b_cell]\ninitial_count = 100\ninitial_state = \"plasma\"\n";
  const auto plain = run_well(plasma, 12.0);
  EXPECT_GT(plain.at("fields/antibody_mean"), 0.0);
  const auto suppressed = run_well(plasma + medium("pge2", 10.0) + medium("kyn", 10.0), 12.0);
  EXPECT_LT(suppressed.at("b_cell/antibody_secretion_ng_per_ml_per_h"),
            0.5 * plain.at("b_cell/antibody_secretion_ng_per_ml_per_h"));
  EXPECT_LT(suppressed.at("fields/antibody_mean"), plain.at("fields/antibody_mean"));
}

TEST(BCell, MscFactorsArrestProliferation) {
  const std::string activated = "[b_cell]\ninitial_count = 100\ninitial_state = \"activated\"\n";
  const auto plain = run_well(activated, 24.0);
  const auto suppressed = run_well(activated + medium("pge2", 10.0) + medium("kyn", 10.0), 24.0);
  EXPECT_LT(suppressed.at("b_cell/mean_divisions"), 0.6 * plain.at("b_cell/mean_divisions"));
}

TEST(BCell, RegulatoryBCellsSecreteIl10) {
  const auto bregs = run_well("[b_cell]\ninitial_count = 100\ninitial_state = \"breg\"\n", 6.0);
  EXPECT_GT(bregs.at("fields/il10_mean"), 0.0);
}

}  // namespace
}  // namespace mscsim::models
