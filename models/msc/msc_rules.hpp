#pragma once
// The MSC's rules as plain functions of its state and local signals (docs/ODD.md section 3.3.2),
// shared by the agent model and by the ex vivo product preparation (pre-licensing), and
// tested one by one in tests/unit/models/msc.
#include <algorithm>
#include <cmath>

#include "models/common/hill.hpp"
#include "models/msc/msc_parameters.hpp"

namespace mscsim::models {

// The continuous, noise-free part of an MSC's state.
struct MscState {
  double licensing = 0.0;     // ℓ ∈ [0, 1]
  double ido_level = 0.0;     // IDO expression ∈ [0, 1]
  double mhc2 = 0.0;          // ∈ [0, 1]
  double polarization = 0.0;  // p ∈ [−1, 1]
};

// The co-signal of licensing: TNF-alpha or IL-1 (Ren 2008: IFN-gamma with any of TNF-alpha,
// IL-1alpha or IL-1beta), two independent receptors, so the co-signal is
// 1 − (1 − H(tnfa; K_tnf)) (1 − H(il1b; K_il1)).
inline double licensing_costimulation(const MscParameters& p, double tnfa_ng_per_ml, double il1b_ng_per_ml) {
  return 1.0 - (1.0 - p.costimulation_by_tnfa(tnfa_ng_per_ml)) * (1.0 - p.costimulation_by_il1b(il1b_ng_per_ml));
}

// ℓ∞ = H(ifng; K_lic, n) · (a0 + (1 − a0) · co-signal): IFN-gamma alone licenses partly,
// with TNF-alpha or IL-1beta fully (Ren 2008; Krampera 2006).
inline double licensing_target(const MscParameters& p, double ifng_ng_per_ml, double tnfa_ng_per_ml,
                               double il1b_ng_per_ml = 0.0) {
  return p.licensing_by_ifng(ifng_ng_per_ml) *
         (p.licensing_ifng_alone +
          (1.0 - p.licensing_ifng_alone) * licensing_costimulation(p, tnfa_ng_per_ml, il1b_ng_per_ml));
}

// MHC-II is bell-shaped in IFN-gamma: induced at low, repressed at high concentrations
// (Chan 2006); TGF-beta lowers it (Romieu-Mourez 2007: human MSCs express IFN-gamma-induced
// MHC-II most in low-density cultures, and TGF-beta reduces it). MSCs release TGF-beta
// themselves, so densely seeded MSCs present less than sparse ones.
inline double mhc2_target(const MscParameters& p, double ifng_ng_per_ml, double tgfb_ng_per_ml = 0.0) {
  return p.mhc2_induction_by_ifng(ifng_ng_per_ml) * (1.0 - p.mhc2_repression_by_ifng(ifng_ng_per_ml)) *
         (1.0 - p.mhc2_tgfb_repression_max * p.mhc2_repression_by_tgfb(tgfb_ng_per_ml));
}

// IFN-gamma-induced IDO follows licensing, but post-thaw stress blocks its induction
// (François 2012: thawed MSCs are IFN-gamma-refractory for about a day).
inline double ido_target(double licensing, double stress) {
  return licensing * (1.0 - stress);
}

// u = w_lic (ℓ − θ) + w_tlr3 (tlr3 + H(dsrna; K3)) − w_tlr4 (tlr4 + H(damp; K4)): licensing
// and TLR3 ligands push toward MSC2, TLR4 ligands toward MSC1 (Waterman 2010), whether they
// come from ex vivo priming (tlr3, tlr4: poly(I:C), LPS) or from the tissue (dsRNA released
// by dying cells, Kariko 2004; danger signals such as HMGB1, Scaffidi 2002). The TLR4 term
// is scaled by the cell's TLR4 responsiveness r4, a property of its source tissue
// (Raicevic 2011: umbilical-cord MSCs lack TLR4): u = ... − r4 w_tlr4 (tlr4 + H(damp; K4)).
inline double polarization_drive(const MscParameters& p, double licensing, double tlr3_signal, double tlr4_signal,
                                 double damp_ng_per_ml, double dsrna_ng_per_ml = 0.0,
                                 double tlr4_responsiveness = 1.0) {
  return p.licensing_weight * (licensing - p.licensing_threshold) +
         p.tlr3_weight * (tlr3_signal + p.tlr3_signal_by_dsrna(dsrna_ng_per_ml)) -
         tlr4_responsiveness * p.tlr4_weight * (tlr4_signal + p.tlr4_signal_by_damp(damp_ng_per_ml));
}

// Post-thaw stress falls linearly from 1 to 0 over thaw_recovery_h (the specification keeps it as
// the impairment time left, `stress_lag_h`, here as a fraction of the recovery time).
inline double stress_after(double stress, double thaw_recovery_h, double dt_h) {
  return std::max(0.0, stress - dt_h / thaw_recovery_h);
}

// Niche support (anoikis, Frisch 1994; Bartosh 2010): the fraction by which apoptosis and
// movement are lowered for an MSC whose Moore neighbours are MSCs in this fraction.
inline double niche_protection(const MscParameters& p, double msc_neighbour_fraction) {
  return p.niche_protection_max * p.niche_protection_by_neighbours(msc_neighbour_fraction);
}

// CXCR4 is lost in culture (Marquez-Curtis 2013).
inline double cxcr4_for_passage(const MscParameters& p, double passage) {
  return std::exp(-passage / p.cxcr4_passage_scale);
}
// Replicative senescence grows with passage (assumption): SASP IL-6 and potency loss.
inline double senescence_for_passage(const MscParameters& p, double passage) {
  return -std::expm1(-passage / p.senescence_passage_scale);
}
inline double potency_factor_for_passage(const MscParameters& p, double passage) {
  return 1.0 - p.potency_loss_at_full_senescence * senescence_for_passage(p, passage);
}

// One step of the deterministic part of the state in constant local signals.
inline void relax_state(const MscParameters& p, MscState& s, double ifng, double tnfa, double tlr3_signal,
                        double tlr4_signal, double damp, double stress, double dt_h, double tgfb = 0.0,
                        double il1b = 0.0, double dsrna = 0.0, double tlr4_responsiveness = 1.0) {
  s.licensing +=
      (licensing_target(p, ifng, tnfa, il1b) - s.licensing) * relaxation_fraction(p.licensing_time_constant_h, dt_h);
  s.ido_level += (ido_target(s.licensing, stress) - s.ido_level) * relaxation_fraction(p.ido_time_constant_h, dt_h);
  s.mhc2 += (mhc2_target(p, ifng, tgfb) - s.mhc2) * relaxation_fraction(p.mhc2_time_constant_h, dt_h);
  const double u = polarization_drive(p, s.licensing, tlr3_signal, tlr4_signal, damp, dsrna, tlr4_responsiveness);
  s.polarization +=
      (fast_tanh(p.polarization_gain * u) - s.polarization) * relaxation_fraction(p.polarization_time_constant_h, dt_h);
}

// Ex vivo pre-licensing (Polchert 2008): the same equations integrated, without noise,
// over `hours` in medium holding the given IFN-gamma and TNF-alpha. Licensing is exact
// (a first-order relaxation to a constant target); the others follow it in steps of at
// most 0.01 h.
inline MscState prelicensed_state(const MscParameters& p, double ifng, double tnfa, double hours) {
  MscState s;
  if (hours <= 0.0) return s;
  const int steps = static_cast<int>(std::ceil(hours / 0.01));
  const double dt = hours / steps;
  for (int i = 0; i < steps; ++i) relax_state(p, s, ifng, tnfa, 0.0, 0.0, 0.0, 0.0, dt);
  return s;
}

}  // namespace mscsim::models
