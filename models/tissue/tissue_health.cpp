#include "models/tissue/tissue_health.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

void TissueHealth::declare_parameters(ParameterCatalogue& c) const {
  c.declare(text_parameter("tissue.setting", "tissue", {"tissue", "in_vitro_well"}, "MODEL.md section 1",
                           "tissue: target-organ slab with parenchyma and vessels; in_vitro_well: a culture well "
                           "bottom (no parenchyma damage, no vessels)."));
  c.declare(real_parameter("tissue.tnfa_damage_per_h", 0.02, 0.0, 100.0, "1/h", "assumption (MODEL.md section 5)",
                           "Largest rate at which TNF-alpha damages parenchyma."));
  c.declare(exclusive_min(real_parameter("tissue.tnfa_damage_half_max_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "TNF-alpha giving half the largest damage rate.")));
  c.declare(real_parameter("tissue.antibody_damage_per_h", 0.02, 0.0, 100.0, "1/h",
                           "assumption (antibody-mediated disease, MODEL.md section 5)",
                           "Largest rate at which antibody / immune complex damages parenchyma."));
  c.declare(exclusive_min(real_parameter("tissue.antibody_damage_half_max_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "Antibody giving half the largest damage rate.")));
  c.declare(real_parameter("tissue.damp_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Danger signals released by a fully damaged voxel (scaled by 1 - health)."));
  c.declare(real_parameter("tissue.cxcl12_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "CXCL12 (SDF-1) released by a fully damaged voxel."));
  c.declare(real_parameter("tissue.ccl2_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Inflammatory chemokines released by a fully damaged voxel."));
}

void TissueHealth::build(ModelBuilder& b) {
  const Scenario& s = b.scenario();
  p_.in_vitro = s.text("tissue.setting") == "in_vitro_well";
  p_.tnfa_damage_per_h = s.real("tissue.tnfa_damage_per_h");
  p_.damage_by_tnfa = {s.real("tissue.tnfa_damage_half_max_ng_per_ml"), 1.0};
  p_.antibody_damage_per_h = s.real("tissue.antibody_damage_per_h");
  p_.damage_by_antibody = {s.real("tissue.antibody_damage_half_max_ng_per_ml"), 1.0};
  p_.damp_release_ng_per_ml_per_h = s.real("tissue.damp_release_ng_per_ml_per_h");
  p_.cxcl12_release_ng_per_ml_per_h = s.real("tissue.cxcl12_release_ng_per_ml_per_h");
  p_.ccl2_release_ng_per_ml_per_h = s.real("tissue.ccl2_release_ng_per_ml_per_h");

  FieldSpec health;
  health.name = kHealthField;
  health.unit = "1";
  health.diffusion_um2_per_s = 0.0;
  health.half_life_h = 0.0;  // no decay: health changes only through damage and repair
  health.initial_value = 1.0;
  health_ = b.add_field(health);
  const FieldSet& f = b.world().fields();
  tnfa_ = f.id_of("tnfa");
  antibody_ = f.id_of("antibody");
  damp_ = f.id_of("damp");
  cxcl12_ = f.id_of("cxcl12");
  ccl2_ = f.id_of("ccl2");
  if (p_.in_vitro) return;  // a culture well has no parenchyma
  b.add_world_rule({"tissue.damage_and_danger_signals", WorldPoint::AfterCommit,
                    [this](World& w, const StepInfo& st) { update(w, st); }});
}

// After the agents have acted: soluble damage (TNF-α, antibody), then release of danger
// signals and chemokines by damaged voxels. Voxels are independent: parallel, same bits.
void TissueHealth::update(World& world, const StepInfo& step) const {
  FieldSet& f = world.fields();
  double* health = f.data(health_);
  const double* tnfa = f.data(tnfa_);
  const double* antibody = f.data(antibody_);
  double* damp = f.data(damp_);
  double* cxcl12 = f.data(cxcl12_);
  double* ccl2 = f.data(ccl2_);
  const double dt = step.dt_h;
  const auto voxels = static_cast<std::int64_t>(world.shape().voxel_count());
  const SourceStep damp_step = world.fields().source_step(damp_, 0.0, step.dt_h);
  const SourceStep cxcl12_step = world.fields().source_step(cxcl12_, 0.0, step.dt_h);
  const SourceStep ccl2_step = world.fields().source_step(ccl2_, 0.0, step.dt_h);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < voxels; ++i) {
    const auto v = static_cast<std::size_t>(i);
    const double rate = p_.tnfa_damage_per_h * p_.damage_by_tnfa(tnfa[v]) +
                        p_.antibody_damage_per_h * p_.damage_by_antibody(antibody[v]);
    if (rate > 0.0) damage_voxel(health[v], rate, dt);
    const double damage = 1.0 - health[v];
    if (damage <= 0.0) continue;
    damp[v] = damp_step.apply(damp[v], p_.damp_release_ng_per_ml_per_h * damage);
    cxcl12[v] = cxcl12_step.apply(cxcl12[v], p_.cxcl12_release_ng_per_ml_per_h * damage);
    ccl2[v] = ccl2_step.apply(ccl2[v], p_.ccl2_release_ng_per_ml_per_h * damage);
  }
}

}  // namespace mscsim::models
