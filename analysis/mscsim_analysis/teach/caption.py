"""A one-paragraph explanation of a run, written from its numbers.

The reasons follow the model's polarization drive (models/msc/msc_rules.hpp): licensing
above its threshold and TLR3 priming push toward MSC2; LPS (TLR4) priming and the tissue's
danger signals push toward MSC1 (Waterman 2010; Ren 2008).
"""

from __future__ import annotations

import numpy as np

BALANCED_WITHIN = 0.1     # |balance| at or below this reads as "balanced"
CLEAR_LEAN = 0.33         # beyond this a lean is "clear"
LICENSED = 0.2            # mean licensing (0-1) that counts as licensed
DANGER_NG_PER_ML = 0.5    # mean danger-signal (DAMP) level that counts as a push to MSC1
HIGH_CYTOKINE_NG_PER_ML = 1.0


def _mean(series: dict, name: str) -> float:
    """Mean over the second half of the run: what the MSCs have been answering lately."""
    values = [v for v in series.get(name) or [] if v is not None]
    return float(np.mean(values[len(values) // 2:])) if values else 0.0


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _signed(x: float) -> str:
    """+0.62 or −0.62 (a true minus sign, as the page's dial shows it)."""
    return f"{x:+.2f}".replace("-", "−")


def caption(result: dict, settings: dict) -> str:
    s = result["series"]
    f = result["final"]
    hours = s["time_h"][-1]
    b = f.get("balance/msc_balance", 0.0)
    n0, n1, n2 = (int(round(f.get(k, 0))) for k in ("msc/msc0", "msc/msc1", "msc/msc2"))
    n = n0 + n1 + n2
    ifng, tnfa = _mean(s, "fields/ifng_mean"), _mean(s, "fields/tnfa_mean")
    licensing = f.get("msc/mean_licensing_level") or 0.0
    damp = _mean(s, "fields/damp_mean")
    priming = settings.get("priming", "none")
    disease0, disease1 = s["tissue/disease_activity"][0], s["tissue/disease_activity"][-1]
    disease = (f"Disease activity went from {disease0:.0f} to {disease1:.0f} (of 100) over "
               f"{hours:.0f} h.")

    if int(settings.get("msc_count", 1)) == 0 or (n == 0 and not s.get("msc/msc0", [0])[0]):
        return (f"No MSCs were given, so there is no Yin–Yang balance to read (the dial stays at 0). "
                f"IFN-γ averaged {ifng:.1f} ng/mL and TNF-α {tnfa:.1f} ng/mL. {disease}")

    given = int(settings.get("msc_count", n))
    alive = f"the {n} MSCs still alive of {given} given" if 0 < n < given else f"{n} MSCs"
    counts = f"{n2} MSC2 and {n1} MSC1 among {alive}"
    if n == 0:
        counts = "no MSCs were left alive at the end"
    toward_msc2, toward_msc1 = [], []
    if licensing >= LICENSED:
        if tnfa >= HIGH_CYTOKINE_NG_PER_ML:
            toward_msc2.append(f"IFN-γ (about {ifng:.1f} ng/mL) together with TNF-α "
                               f"({tnfa:.1f} ng/mL) licensed them (mean licensing {licensing:.2f} of 1)")
        else:
            toward_msc2.append(f"IFN-γ (about {ifng:.1f} ng/mL) licensed them even with little "
                               f"TNF-α ({tnfa:.1f} ng/mL; mean licensing {licensing:.2f} of 1)")
    else:
        toward_msc1.append(f"IFN-γ ({ifng:.1f} ng/mL) and TNF-α ({tnfa:.1f} ng/mL) were too low to "
                           f"license them (mean licensing only {licensing:.2f} of 1)")
    if priming == "poly_ic_tlr3":
        toward_msc2.append("poly(I:C) priming through TLR3 pushed them toward MSC2")
    elif priming == "lps_tlr4":
        toward_msc1.append("LPS priming through TLR4 pushed them toward MSC1")
    if damp >= DANGER_NG_PER_ML:
        toward_msc1.append(f"danger signals from the damaged tissue ({damp:.1f} ng/mL) pushed "
                           f"toward MSC1")

    if abs(b) <= BALANCED_WITHIN:
        first = f"After {hours:.0f} h the MSCs stayed balanced (balance {_signed(b)}: {counts})."
        pulls = []
        if toward_msc2:
            pulls.append("toward MSC2: " + "; ".join(toward_msc2))
        if toward_msc1:
            pulls.append("toward MSC1: " + "; ".join(toward_msc1))
        why = ("The pulls roughly cancelled (" + " — ".join(pulls) + ")." if len(pulls) == 2 else
               "Neither side won clearly (" + " — ".join(pulls) + ")." if pulls else "")
    else:
        side, winners, losers = ("MSC2", toward_msc2, toward_msc1) if b > 0 else ("MSC1", toward_msc1, toward_msc2)
        strength = "clearly" if abs(b) > CLEAR_LEAN else "slightly"
        first = f"After {hours:.0f} h the MSCs leaned {strength} to {side} (balance {_signed(b)}: {counts})."
        why = ""
        if winners:
            why = "This happened because " + " and ".join(winners) + "."
        if losers:
            why += (" This won over the opposite pull: " if winners else " Against the pull: ") + "; ".join(losers) + "."
        why = why.strip()

    mediators = []
    for name, key, label in (("IDO", "ido_knockout", "kynurenine (IDO activity)"),
                             ("PGE2", "pge2_knockout", "PGE2"), ("TGF-β", "tgfb_knockout", "TGF-β")):
        mediators.append((name, label, bool(settings.get(key))))
    knocked = [m[0] for m in mediators if m[2]]
    made = [m[1] for m in mediators if not m[2]]
    kyn = _mean(s, "fields/kyn_mean")
    effects = ""
    if made and n2 > 0:
        effects = ("The MSC2 cells released " + _and(made) +
                   f" (kynurenine averaged {kyn:.2g} ng/mL over the tissue), which can hold back "
                   "T cells and turn macrophages toward M2.")
    elif made:
        effects = "Without MSC2 cells, little " + _and(made) + " was released."
    if knocked:
        effects += (" " + _and(knocked) + (" was" if len(knocked) == 1 else " were") +
                    " knocked out, so the MSCs could not use " + ("it" if len(knocked) == 1 else "them") + ".")
    if settings.get("freshly_thawed"):
        effects += (" The MSCs came freshly thawed: some died and the rest made little IDO "
                    "for about a day.")
    if "macrophage/m1" in f and "macrophage/m2" in f:
        m1, m2 = int(round(f["macrophage/m1"])), int(round(f["macrophage/m2"]))
        side = ("most had turned suppressive" if m2 > m1 else
                "the inflammation kept most of them inflammatory" if m1 > m2 else "neither side won")
        effects += (f" At the end {m2} macrophages were M2 (suppressive) and {m1} M1 "
                    f"(inflammatory): {side}.")
    return " ".join(part for part in (first, why, effects.strip(), disease) if part)
