// Reductions of a time series into sweep endpoints, against values worked by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/sweep/endpoints.hpp"

using namespace mscsim::sweep;

TEST(SweepEndpoints, ReductionsOfAKnownSeries) {
  const std::vector<double> t{0.0, 1.0, 3.0};
  const std::vector<double> y{2.0, 4.0, 0.0};
  EXPECT_DOUBLE_EQ(reduce(Reducer::final, t, y), 0.0);
  EXPECT_DOUBLE_EQ(reduce(Reducer::peak, t, y), 4.0);
  EXPECT_DOUBLE_EQ(reduce(Reducer::auc, t, y), 3.0 + 4.0);      // trapezoids 0.5*(2+4)*1 + 0.5*(4+0)*2
  EXPECT_DOUBLE_EQ(reduce(Reducer::mean, t, y), 7.0 / 3.0);     // over the 3 h spanned
  EXPECT_TRUE(std::isnan(reduce(Reducer::mean, {}, {})));
  EXPECT_DOUBLE_EQ(reduce(Reducer::mean, {5.0}, {1.5}), 1.5);   // one row: its value
}

TEST(SweepEndpoints, GroupPatternsMatchOneLevel) {
  EXPECT_TRUE(series_matches("balance/*", "balance/m2_vs_m1"));
  EXPECT_FALSE(series_matches("balance/*", "balance/x/y"));
  EXPECT_FALSE(series_matches("balance/*", "balances/a"));
  EXPECT_TRUE(series_matches("tissue/disease_activity", "tissue/disease_activity"));
  EXPECT_FALSE(series_matches("tissue/disease_activity", "tissue/disease_activity_x"));
}
