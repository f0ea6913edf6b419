"""The therapeutic window of a dose-response with common random numbers (docs/dosing.md,
"Definitions"): the minimal effective dose, the plateau dose, the decline above the best
dose and the harm rise, each with a bootstrap interval over the replicate seeds.

Input everywhere: `doses` (k increasing values), `treated` (k x R: the endpoint at each dose
for replicate seeds 0..R-1) and `control` (R: the untreated run of the same seeds), so that
treated[i, r] - control[r] is a paired difference. `sign` = -1 when lower is better (disease
activity), +1 when higher is better; the benefit e = sign * (treated - control) is then
positive when the dose helps.
"""

from __future__ import annotations

import functools
import math

import numpy as np
from scipy import stats

LEVEL = 0.95          # two-sided intervals of differences and of the bootstrap
EQUIVALENCE_ALPHA = 0.05  # TOST: the 1 - 2 alpha = 90 % interval must lie within (-delta, delta)
DEFAULT_MARGIN_FRACTION = 0.2  # delta = 20 % of the best mean benefit unless stated


@functools.lru_cache(maxsize=None)
def t_quantile(level: float, n: int) -> float:
    """The two-sided Student t quantile for n values (cached: the bootstrap asks it often)."""
    return float(stats.t.ppf(0.5 + level / 2, n - 1))


def mean_interval(x: np.ndarray, level: float = LEVEL) -> tuple:
    """Mean and Student t interval along the last axis (no NaN expected; n >= 2)."""
    x = np.asarray(x, dtype=float)
    n = x.shape[-1]
    mean = x.mean(axis=-1)
    if n < 2:
        return mean, np.full_like(mean, np.nan), np.full_like(mean, np.nan)
    half = t_quantile(level, n) * x.std(axis=-1, ddof=1) / math.sqrt(n)
    return mean, mean - half, mean + half


def complete_cases(treated: np.ndarray, control: np.ndarray, extra=()) -> np.ndarray:
    """Replicates with a value at every dose, in the control and in every `extra` array."""
    keep = ~np.isnan(control) & ~np.isnan(treated).any(axis=0)
    for array in extra:
        keep &= ~np.isnan(np.asarray(array, dtype=float)).reshape(-1, len(control)).any(axis=0)
    return keep


def minimal_effective_index(benefit_low: np.ndarray):
    """Index of the lowest dose whose benefit interval lies above zero; None when none does."""
    hits = np.flatnonzero(np.asarray(benefit_low) > 0)
    return int(hits[0]) if len(hits) else None


def minimal_effective_dose(doses, benefit: np.ndarray, level: float = LEVEL) -> float:
    """The minimal effective dose (MED): the lowest grid dose d_m whose paired benefit
    interval (Student t, `level`) lies above zero, refined by log-linear interpolation of the
    interval's lower bound L between d_(m-1) (L <= 0) and d_m (L > 0) to the dose where
    L crosses zero. d_0 when the lowest dose already qualifies (the MED is then at or below
    it); inf when no dose does."""
    doses = np.asarray(doses, dtype=float)
    _, low, _ = mean_interval(benefit, level)
    m = minimal_effective_index(low)
    if m is None:
        return math.inf
    if m == 0 or not np.isfinite(low[m - 1]):
        return float(doses[m])
    x0, x1 = math.log10(doses[m - 1]), math.log10(doses[m])
    fraction = (0.0 - low[m - 1]) / (low[m] - low[m - 1])
    return float(10 ** (x0 + fraction * (x1 - x0)))


def plateau_index(benefit: np.ndarray, margin: float, alpha: float = EQUIVALENCE_ALPHA):
    """The plateau: the lowest dose whose benefit is equivalent to the best dose's within
    +-margin, by two one-sided tests on the paired differences e_i - e_best (their
    1 - 2 alpha Student t interval lies inside (-margin, margin)). The best dose (largest mean
    benefit) always qualifies. Returns (plateau index, best index)."""
    benefit = np.asarray(benefit, dtype=float)
    best = int(np.argmax(benefit.mean(axis=1)))
    mean, low, high = mean_interval(benefit - benefit[best], 1 - 2 * alpha)
    for i in range(len(benefit)):
        if i == best or (low[i] > -margin and high[i] < margin):
            return i, best
    return best, best


def decline_index(benefit: np.ndarray, best: int, level: float = LEVEL):
    """The lowest dose above the best whose benefit is lower than the best's (paired interval
    of e_i - e_best below zero): more is worse from there. None when no such dose."""
    benefit = np.asarray(benefit, dtype=float)
    for i in range(best + 1, len(benefit)):
        _, _, high = mean_interval(benefit[i] - benefit[best], level)
        if high < 0:
            return i
    return None


def harm_rise_index(harm: np.ndarray, reference: int, level: float = LEVEL):
    """For a harm proxy oriented so that larger is more harmful (k x R, paired by replicate):
    the lowest dose above `reference` where the proxy is higher than at `reference`
    (paired interval above zero). None when none is."""
    harm = np.asarray(harm, dtype=float)
    for i in range(reference + 1, len(harm)):
        _, low, _ = mean_interval(harm[i] - harm[reference], level)
        if low > 0:
            return i
    return None


def percentile_interval(values: np.ndarray, level: float = LEVEL) -> tuple:
    """The percentile interval of bootstrap doses (inf: no such dose in that resample); an end
    is inf when more than (1 - level)/2 of the resamples had none. Order statistics, so the
    interval is the same on the log and the linear dose scale."""
    values = np.asarray(values, dtype=float)
    # Inverted CDF: an order statistic, never an interpolation towards inf.
    low, high = np.quantile(values, [(1 - level) / 2, (1 + level) / 2], method="inverted_cdf")
    return float(low), float(high)


def window(doses, treated, control, sign: int = -1, margin: float | None = None,
           margin_fraction: float = DEFAULT_MARGIN_FRACTION, n_boot: int = 2000, seed: int = 20261203,
           level: float = LEVEL) -> dict:
    """The window of one endpoint on complete replicates: per dose the paired difference
    with its interval, the MED, the plateau and the decline dose, and bootstrap intervals
    of the MED and the plateau dose (resampling replicate seeds with replacement, the same
    seeds for every dose and the control, so pairs stay pairs; `seed` makes it repeatable).
    `margin` (endpoint units) defaults to `margin_fraction` of the best mean benefit."""
    doses = np.asarray(doses, dtype=float)
    treated = np.asarray(treated, dtype=float)
    control = np.asarray(control, dtype=float)
    keep = complete_cases(treated, control)
    treated, control = treated[:, keep], control[keep]
    n = int(keep.sum())
    if n < 2:
        raise ValueError(f"{n} complete replicate(s): the window needs at least 2")
    diff = treated - control
    benefit = sign * diff
    d_mean, d_low, d_high = mean_interval(diff, level)
    e_mean = benefit.mean(axis=1)
    benefit_low = -d_high if sign < 0 else d_low
    best_benefit = float(e_mean.max())
    if margin is None:
        margin = margin_fraction * best_benefit if best_benefit > 0 else math.nan
    med = minimal_effective_dose(doses, benefit, level)
    effective = math.isfinite(med)
    plateau, best = plateau_index(benefit, margin) if effective and margin > 0 else (None, int(np.argmax(e_mean)))
    decline = decline_index(benefit, best, level) if effective else None
    rng = np.random.default_rng(seed)
    boot_med, boot_plateau = np.empty(n_boot), np.empty(n_boot)
    for b in range(n_boot):
        pick = rng.integers(0, n, n)
        if len(np.unique(pick)) < 2:  # one seed repeated: a zero-width interval, no information
            boot_med[b] = boot_plateau[b] = math.inf
            continue
        e = benefit[:, pick]
        boot_med[b] = minimal_effective_dose(doses, e, level)
        if effective and margin > 0:
            boot_plateau[b] = doses[plateau_index(e, margin)[0]] if math.isfinite(boot_med[b]) else math.inf
        else:
            boot_plateau[b] = math.inf
    return {
        "n_replicates": n, "sign": sign, "margin": margin, "level": level,
        "diff_mean": d_mean, "diff_low": d_low, "diff_high": d_high,
        "treated_mean": treated.mean(axis=1), "control_mean": float(control.mean()),
        "best_index": best, "best_dose": float(doses[best]), "best_diff": float(d_mean[best]),
        "med": med, "med_grid": float(doses[minimal_effective_index(benefit_low)]) if effective else math.inf,
        "med_interval": percentile_interval(boot_med, level),
        "med_none_fraction": float(np.mean(~np.isfinite(boot_med))),
        "plateau_dose": float(doses[plateau]) if plateau is not None else math.inf,
        "plateau_interval": percentile_interval(boot_plateau, level),
        "decline_dose": float(doses[decline]) if decline is not None else math.inf,
        "n_boot": n_boot, "boot_seed": seed,
    }
