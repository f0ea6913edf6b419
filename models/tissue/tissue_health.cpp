#include "models/tissue/tissue_health.hpp"

#include <algorithm>
#include <array>

#include "sim/engine/model_state.hpp"
#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

void TissueHealth::declare_parameters(ParameterCatalogue& c) const {
  c.declare(text_parameter("tissue.setting", "tissue", {"tissue", "in_vitro_well"}, "assumption (model structure)",
                           "tissue: target-organ slab with parenchyma and vessels; in_vitro_well: a culture well "
                           "bottom (no parenchyma damage, no vessels)."));
  c.declare(real_parameter("tissue.tnfa_damage_per_h", 0.02, 0.0, 100.0, "1/h", "assumption",
                           "Largest rate at which TNF-alpha damages parenchyma."));
  c.declare(exclusive_min(real_parameter("tissue.tnfa_damage_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "calibrated: rescaled to physiological TNF-alpha (0.1-5 ng/mL, Saxne 1988; Aggarwal 2005) once receptor uptake bounds it; the old 5 ng/mL sat below the unbounded 40-300 ng/mL, always saturated", "TNF-alpha giving half the largest damage rate.")));
  c.declare(real_parameter("tissue.antibody_damage_per_h", 0.02, 0.0, 100.0, "1/h",
                           "assumption (antibody-mediated disease)",
                           "Largest rate at which antibody / immune complex damages parenchyma."));
  c.declare(exclusive_min(real_parameter("tissue.antibody_damage_half_max_ng_per_ml", 5.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "Antibody giving half the largest damage rate.")));
  c.declare(real_parameter("tissue.damp_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Danger signals released by a fully damaged voxel (scaled by 1 - health)."));
  c.declare(real_parameter("tissue.dsrna_release_ng_per_ml_per_health_lost", 150.0, 0.0, 1.0e5, "ng/mL",
                           "Kariko 2004 (RNA released from necrotic cells activates TLR3); Cavassani 2008 (TLR3 "
                           "senses necrotic-cell RNA in inflamed tissue); calibrated: with msc.damp_half_max, "
                           "MSC2 in a strongly inflamed lesion (aGVHD, Waterman 2010)",
                           "TLR3 ligand (dsRNA) released into a voxel per unit of parenchymal health lost there "
                           "(a voxel whose cells all die releases this much)."));
  c.declare(real_parameter("tissue.cxcl12_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "CXCL12 (SDF-1) released by a fully damaged voxel."));
  c.declare(real_parameter("tissue.ccl2_release_ng_per_ml_per_h", 1.0, 0.0, 1.0e4, "ng/mL/h", "assumption",
                           "Inflammatory chemokines released by a fully damaged voxel."));
  // Cytokine disease drivers (docs/ODD.md sections 3.3.1 and 4.1): off by default.
  c.declare(real_parameter("tissue.il17_damage_per_h", 0.0, 0.0, 100.0, "1/h",
                           "Miossec 2009 (IL-17 drives tissue inflammation through neutrophils, lumped); "
                           "assumption on the rate (default off)",
                           "Largest rate at which IL-17 (Th17) damages parenchyma (Th17-driven disease)."));
  c.declare(real_parameter("tissue.il17_ccl2_release_ng_per_ml_per_h", 0.0, 0.0, 1.0e4, "ng/mL/h",
                           "Miossec 2009 (IL-17 makes stromal cells release chemokines); assumption on the rate "
                           "(default off)",
                           "Inflammatory chemokines released by a voxel at saturating IL-17, damaged or not."));
  c.declare(exclusive_min(real_parameter("tissue.il17_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL", "assumption",
                                         "IL-17 giving half of its largest damage and chemokine release.")));
  c.declare(real_parameter("tissue.il4_fibrosis_per_h", 0.0, 0.0, 100.0, "1/h",
                           "Wynn 2004 (Th2 cytokines IL-4/IL-13 drive fibrosis); assumption on the rate (default off)",
                           "Largest rate at which IL-4 (Th2; IL-13 lumped) replaces functional parenchyma by "
                           "fibrosis (lowers health; systemic sclerosis)."));
  c.declare(exclusive_min(real_parameter("tissue.il4_fibrosis_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "IL-4 giving half the largest fibrosis rate.")));
  c.declare(real_parameter("tissue.tgfb_fibrosis_per_h", 0.0, 0.0, 100.0, "1/h",
                           "Wynn 2004 (TGF-beta is the central profibrotic cytokine); assumption on the rate "
                           "(default off: in the model TGF-beta is also the MSC2/Treg suppressive mediator)",
                           "Largest rate at which TGF-beta replaces functional parenchyma by fibrosis."));
  c.declare(exclusive_min(real_parameter("tissue.tgfb_fibrosis_half_max_ng_per_ml", 1.0, 0.0, 1.0e4, "ng/mL",
                                         "assumption", "TGF-beta giving half the largest fibrosis rate.")));
}

void TissueHealth::build(ModelBuilder& b) {
  // Members this model changes during a run: saved in checkpoints (docs/checkpoint.md).
  keep_in_checkpoint(b, "tissue_health", previous_health_);
  const Scenario& s = b.scenario();
  p_.in_vitro = s.text("tissue.setting") == "in_vitro_well";
  p_.tnfa_damage_per_h = s.real("tissue.tnfa_damage_per_h");
  p_.damage_by_tnfa = {s.real("tissue.tnfa_damage_half_max_ng_per_ml"), 1.0};
  p_.antibody_damage_per_h = s.real("tissue.antibody_damage_per_h");
  p_.damage_by_antibody = {s.real("tissue.antibody_damage_half_max_ng_per_ml"), 1.0};
  p_.damp_release_ng_per_ml_per_h = s.real("tissue.damp_release_ng_per_ml_per_h");
  p_.cxcl12_release_ng_per_ml_per_h = s.real("tissue.cxcl12_release_ng_per_ml_per_h");
  p_.ccl2_release_ng_per_ml_per_h = s.real("tissue.ccl2_release_ng_per_ml_per_h");
  p_.dsrna_release_ng_per_ml_per_health_lost = s.real("tissue.dsrna_release_ng_per_ml_per_health_lost");
  p_.il17_damage_per_h = s.real("tissue.il17_damage_per_h");
  p_.il17_ccl2_release_ng_per_ml_per_h = s.real("tissue.il17_ccl2_release_ng_per_ml_per_h");
  p_.response_to_il17 = {s.real("tissue.il17_half_max_ng_per_ml"), 1.0};
  p_.il4_fibrosis_per_h = s.real("tissue.il4_fibrosis_per_h");
  p_.fibrosis_by_il4 = {s.real("tissue.il4_fibrosis_half_max_ng_per_ml"), 1.0};
  p_.tgfb_fibrosis_per_h = s.real("tissue.tgfb_fibrosis_per_h");
  p_.fibrosis_by_tgfb = {s.real("tissue.tgfb_fibrosis_half_max_ng_per_ml"), 1.0};
  p_.cytokine_drivers = p_.il17_damage_per_h > 0.0 || p_.il17_ccl2_release_ng_per_ml_per_h > 0.0 ||
                        p_.il4_fibrosis_per_h > 0.0 || p_.tgfb_fibrosis_per_h > 0.0;

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
  dsrna_ = f.id_of("dsrna");
  cxcl12_ = f.id_of("cxcl12");
  ccl2_ = f.id_of("ccl2");
  il17_ = f.id_of("il17");
  il4_ = f.id_of("il4");
  tgfb_ = f.id_of("tgfb");
  if (p_.in_vitro) return;  // a culture well has no parenchyma
  // A separate pass that runs only when a scenario switches a cytokine driver on, so runs
  // without one do exactly what they did before.
  if (p_.cytokine_drivers)
    b.add_world_rule({"tissue.cytokine_disease_drivers", WorldPoint::AfterCommit,
                      [this](World& w, const StepInfo& st) { cytokine_drivers(w, st); }});
  b.add_world_rule({"tissue.damage_and_danger_signals", WorldPoint::AfterCommit,
                    [this](World& w, const StepInfo& st) { update(w, st); }});
}

// After the agents have acted: soluble damage (TNF-α, antibody), then release of danger
// signals and chemokines by damaged voxels. Voxels are independent: parallel, same bits.
// Once TNF-α has diffused, nearly every voxel is inflamed and slightly damaged, so nothing
// is skipped; the work is written to vectorize instead, in blocks of voxels: the damage
// factor by the exp_minus polynomial for all of them (std::exp only where a rate is large),
// and the branches of the scalar rule ("no damaging signal", "no damage") as selects, which
// keep those voxels' values exactly as they were.
void TissueHealth::update(World& world, const StepInfo& step) const {
  FieldSet& f = world.fields();
  double* health = f.data(health_);
  const double* tnfa = f.data(tnfa_);
  const double* antibody = f.data(antibody_);
  double* damp = f.data(damp_);
  double* cxcl12 = f.data(cxcl12_);
  double* ccl2 = f.data(ccl2_);
  double* dsrna = f.data(dsrna_);
  const double dt = step.dt_h;
  const std::size_t voxels = world.shape().voxel_count();
  // The first step compares with the intact tissue every scenario starts from.
  if (previous_health_.size() != voxels) previous_health_.assign(health, health + voxels);
  double* previous = previous_health_.data();
  const double dsrna_release = p_.dsrna_release_ng_per_ml_per_health_lost;
  const SourceStep damp_step = world.fields().source_step(damp_, 0.0, step.dt_h);
  const SourceStep cxcl12_step = world.fields().source_step(cxcl12_, 0.0, step.dt_h);
  const SourceStep ccl2_step = world.fields().source_step(ccl2_, 0.0, step.dt_h);
  // Both curves are c / (K + c) (tissue.* has no Hill exponent); the generic path is kept
  // for curves of another shape.
  const bool first_order = p_.damage_by_tnfa.exponent == 1.0 && p_.damage_by_antibody.exponent == 1.0;
  const double tnfa_k = p_.damage_by_tnfa.half_max, antibody_k = p_.damage_by_antibody.half_max;
  const double tnfa_rate = p_.tnfa_damage_per_h, antibody_rate = p_.antibody_damage_per_h;
  const double damp_release = p_.damp_release_ng_per_ml_per_h, cxcl12_release = p_.cxcl12_release_ng_per_ml_per_h,
               ccl2_release = p_.ccl2_release_ng_per_ml_per_h;
  constexpr std::size_t kBlock = 512;
  const auto blocks = static_cast<std::int64_t>((voxels + kBlock - 1) / kBlock);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < blocks; ++b) {
    const std::size_t begin = static_cast<std::size_t>(b) * kBlock;
    const std::size_t n = std::min(kBlock, voxels - begin);
    std::array<double, kBlock> exponent;  // rate · dt of the soluble damage
    std::array<double, kBlock> factor;    // exp(−rate · dt)
    if (first_order) {
#pragma omp simd
      for (std::size_t j = 0; j < n; ++j) {
        const double t = tnfa[begin + j] > 0.0 ? tnfa[begin + j] : 0.0;
        const double a = antibody[begin + j] > 0.0 ? antibody[begin + j] : 0.0;
        exponent[j] = (tnfa_rate * (t / (tnfa_k + t)) + antibody_rate * (a / (antibody_k + a))) * dt;
      }
    } else {
      for (std::size_t j = 0; j < n; ++j)
        exponent[j] = (tnfa_rate * p_.damage_by_tnfa(tnfa[begin + j]) +
                       antibody_rate * p_.damage_by_antibody(antibody[begin + j])) *
                      dt;
    }
    double largest = 0.0;
#pragma omp simd reduction(max : largest)
    for (std::size_t j = 0; j < n; ++j) {
      factor[j] = exp_minus_small(exponent[j]);
      largest = std::max(largest, exponent[j]);
    }
    if (largest >= kExpMinusPolynomialLimit)
      for (std::size_t j = 0; j < n; ++j)
        if (exponent[j] >= kExpMinusPolynomialLimit) factor[j] = exp_minus(exponent[j]);
    // A voxel with no damaging signal has factor exactly 1 (exp_minus_small(0) = 1), and one
    // without damage releases 0: keep · c + gain · 0 = c, as keep is exactly 1 (no uptake).
#pragma omp simd
    for (std::size_t j = 0; j < n; ++j) {
      const std::size_t v = begin + j;
      const double h = health[v] * factor[j];
      health[v] = h;
      const double damage = 1.0 - h > 0.0 ? 1.0 - h : 0.0;
      damp[v] = damp_step.apply(damp[v], damp_release * damage);
      cxcl12[v] = cxcl12_step.apply(cxcl12[v], cxcl12_release * damage);
      ccl2[v] = ccl2_step.apply(ccl2[v], ccl2_release * damage);
      // Cells that died this step (net loss of health since the last step, by any cause)
      // spill their RNA, the tissue's TLR3 ligand (Kariko 2004).
      const double lost = previous[v] - h > 0.0 ? previous[v] - h : 0.0;
      dsrna[v] += dsrna_release * lost;
      previous[v] = h;
    }
  }
}

// Cytokine disease drivers (before the soluble damage of update(), which then releases
// danger signals from the total damage): IL-17 damage and chemokine induction, IL-4 and
// TGF-beta fibrosis. Voxels are independent: parallel, same bits.
void TissueHealth::cytokine_drivers(World& world, const StepInfo& step) const {
  FieldSet& f = world.fields();
  double* health = f.data(health_);
  double* ccl2 = f.data(ccl2_);
  const double* il17 = f.data(il17_);
  const double* il4 = f.data(il4_);
  const double* tgfb = f.data(tgfb_);
  const double dt = step.dt_h;
  const auto voxels = static_cast<std::int64_t>(world.shape().voxel_count());
  const SourceStep ccl2_step = f.source_step(ccl2_, 0.0, dt);
  const bool chemokines = p_.il17_ccl2_release_ng_per_ml_per_h > 0.0;
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < voxels; ++i) {
    const auto v = static_cast<std::size_t>(i);
    const double h17 = p_.response_to_il17(il17[v]);
    const double rate = p_.il17_damage_per_h * h17 + p_.il4_fibrosis_per_h * p_.fibrosis_by_il4(il4[v]) +
                        p_.tgfb_fibrosis_per_h * p_.fibrosis_by_tgfb(tgfb[v]);
    if (rate > 0.0) damage_voxel(health[v], rate, dt);
    if (chemokines && h17 > 0.0) ccl2[v] = ccl2_step.apply(ccl2[v], p_.il17_ccl2_release_ng_per_ml_per_h * h17);
  }
}

}  // namespace mscsim::models
