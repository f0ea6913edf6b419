// Secretion and uptake applied by agents are exact together with the field's decay, for
// any dt: a voxel that secretes at s into a field decaying at λ follows
// c(t) = s/λ (1 − e^{−λt}) at every step boundary, even when λ dt is large.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/fields/field_set.hpp"

using namespace mscsim;

namespace {
double run(double dt_h, double hours, double uptake_per_h) {
  FieldSet fields(LatticeShape{1, 1, 1, 20.0});
  FieldSpec spec;
  spec.name = "signal";
  spec.diffusion_um2_per_s = 0.0;
  spec.half_life_h = 0.06;  // λ = 11.55 per hour, like IL-2
  const FieldId id = fields.add(spec);
  const int steps = static_cast<int>(std::lround(hours / dt_h));
  for (int i = 0; i < steps; ++i) {
    const SourceStep step = fields.source_step(id, uptake_per_h, dt_h);
    fields.data(id)[0] = step.apply(fields.data(id)[0], 2.0);
    fields.solve(dt_h);
  }
  return fields.data(id)[0];
}
}  // namespace

TEST(SourceStep, SecretionWithDecayIsExactForAnyDt) {
  const double lambda = std::log(2.0) / 0.06;
  for (double dt : {0.2, 0.05, 0.01}) {
    const double t = 0.4;
    EXPECT_NEAR(run(dt, t, 0.0), 2.0 / lambda * (1.0 - std::exp(-lambda * t)), 1e-12) << dt;
  }
}

TEST(SourceStep, UptakeAddsToTheLoss) {
  const double lambda = std::log(2.0) / 0.06, uptake = 5.0;
  for (double dt : {0.2, 0.02}) EXPECT_NEAR(run(dt, 10.0, uptake), 2.0 / (lambda + uptake), 1e-12) << dt;
}

TEST(SourceStep, NoDecayNoUptakeIsPlainAccumulation) {
  FieldSet fields(LatticeShape{1, 1, 1, 20.0});
  FieldSpec spec;
  spec.name = "stable";
  spec.half_life_h = 0.0;
  const FieldId id = fields.add(spec);
  const SourceStep step = fields.source_step(id, 0.0, 0.5);
  EXPECT_DOUBLE_EQ(step.keep, 1.0);
  EXPECT_DOUBLE_EQ(step.gain, 0.5);
}
