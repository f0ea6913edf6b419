// MODEL.md section 11, fact 3: in a mixed lymphocyte reaction, suppression of T-cell
// proliferation rises with the MSC:T ratio. Di Nicola 2002: 60-98 % suppression, CD8 about
// 75 %, CD4 about 65 %; Liu 2004: adult MSCs suppress at 1:3 but little at 1:30, and
// 1:100-1:1000 does not suppress. Nothing in the model reads the ratio: responders primed
// by mature DCs make IFN-gamma, which licenses the MSCs, whose kynurenine, PGE2, TGF-beta
// and PD-L1 then reach a strength that depends on how many MSCs share the well.
//
// Design: R = 6 seeds; for each seed the MLR runs without MSCs (matched control) and with
// 1, 10, 33, 333 and 500 MSCs (MSC:T 1:1000, 1:100, 1:30, 1:3, 1:2), and the per-seed
// % suppression of the precursor-weighted mean divisions is averaged over seeds.
// Calibration (development runs with other seeds): means about 1, 2, 14, 62 and 68 %, with
// a per-seed standard deviation of at most 8 points (1:100 and below) and 5 points (1:30
// and above), so SE = sd / sqrt(6). Criteria, with their distance from the expected value in
// standard errors (normal approximation, one-sided):
//   near zero    1:1000 and 1:100 below 25 %                    (>= 6 SE)
//   substantial  1:3 and 1:2 above 45 %                         (>= 12 SE)
//   monotone     1:30 above the pooled 1:1000 + 1:100 values    (gap 13, SE 3.1: 4.2 SE)
//                1:3 at least 10 points above 1:30              (gap 48, SE 2.9: 13 SE)
//                1:2 no more than 10 points below 1:3           (gap +6, SE 2.9: 5.5 SE)
// The largest single chance-failure probability is about 1.5e-5 (4.2 SE), so the designed
// false-failure rate of the whole test is below 1e-4.
#include "mlr_support.hpp"

namespace mscsim::validation {
namespace {

TEST(TCellValidation, MlrSuppressionRisesWithTheMscToTRatio) {
  constexpr int kReplicates = 6;
  constexpr std::uint64_t kFirstSeed = 3001;
  const std::vector<int> msc_cells = {1, 10, 33, 333, 500};  // 1:1000, 1:100, 1:30, 1:3, 1:2
  std::vector<std::vector<double>> suppression(msc_cells.size());
  std::vector<double> cd4, cd8;
  for (int r = 0; r < kReplicates; ++r) {
    const std::uint64_t seed = kFirstSeed + static_cast<std::uint64_t>(r);
    const MlrEnd control = run_mlr({msc_count(0)}, seed);
    for (std::size_t i = 0; i < msc_cells.size(); ++i) {
      const MlrEnd with = run_mlr({msc_count(msc_cells[i])}, seed);
      suppression[i].push_back(percent_suppression(with[kMeanDivisions], control[kMeanDivisions]));
      if (msc_cells[i] == 500) {
        cd4.push_back(percent_suppression(with["t_proliferation/cd4_mean_divisions"],
                                          control["t_proliferation/cd4_mean_divisions"]));
        cd8.push_back(percent_suppression(with["t_proliferation/cd8_mean_divisions"],
                                          control["t_proliferation/cd8_mean_divisions"]));
      }
    }
  }
  const double at_1000 = mean(suppression[0]), at_100 = mean(suppression[1]), at_30 = mean(suppression[2]),
               at_3 = mean(suppression[3]), at_2 = mean(suppression[4]);
  std::vector<double> low = suppression[0];
  low.insert(low.end(), suppression[1].begin(), suppression[1].end());
  RecordProperty("suppression_1_1000_percent", std::to_string(at_1000));
  RecordProperty("suppression_1_100_percent", std::to_string(at_100));
  RecordProperty("suppression_1_30_percent", std::to_string(at_30));
  RecordProperty("suppression_1_3_percent", std::to_string(at_3));
  RecordProperty("suppression_1_2_percent", std::to_string(at_2));
  std::printf("MLR %% suppression: 1:1000 %.1f, 1:100 %.1f, 1:30 %.1f, 1:3 %.1f, 1:2 %.1f (CD4 %.1f, CD8 %.1f at 1:2)\n",
              at_1000, at_100, at_30, at_3, at_2, mean(cd4), mean(cd8));

  EXPECT_LT(at_1000, 25.0) << "Liu 2004: 1:1000 does not suppress";
  EXPECT_LT(at_100, 25.0) << "Liu 2004: 1:100 does not suppress";
  EXPECT_GT(at_3, 45.0) << "Liu 2004, Di Nicola 2002: MSCs suppress at 1:3";
  EXPECT_GT(at_2, 45.0) << "Di Nicola 2002: 60-98 % suppression at high ratios";
  EXPECT_GT(at_30 - mean(low), 0.0) << "suppression rises from 1:100-1:1000 to 1:30";
  EXPECT_GT(at_3 - at_30, 10.0) << "suppression rises from 1:30 to 1:3";
  EXPECT_GT(at_2 - at_3, -10.0) << "suppression does not fall from 1:3 to 1:2";
}

}  // namespace
}  // namespace mscsim::validation
