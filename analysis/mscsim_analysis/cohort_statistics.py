"""Statistics of a virtual cohort (docs/cohorts.md): the exact interval of a response rate,
the interval and test of a paired difference of rates, and logistic regression.

References: Clopper & Pearson 1934; Newcombe 1998 (paired differences, method 10);
McNemar 1947.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

LEVEL = 0.95



def clopper_pearson(k, n, level=LEVEL):
    """Exact (Clopper-Pearson) interval of a binomial proportion k/n."""
    if n == 0:
        return (math.nan, math.nan)
    alpha = 1.0 - level
    low = 0.0 if k == 0 else float(stats.beta.ppf(alpha / 2, k, n - k + 1))
    high = 1.0 if k == n else float(stats.beta.ppf(1 - alpha / 2, k + 1, n - k))
    return (low, high)


def wilson(k, n, level=LEVEL):
    """Wilson score interval of k/n."""
    if n == 0:
        return (math.nan, math.nan)
    z = float(stats.norm.ppf(1 - (1 - level) / 2))
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def paired_difference(treated, untreated, level=LEVEL):
    """Difference of two paired proportions (treated - untreated).

    Pairs with a missing side are dropped. Interval: Newcombe 1998 method 10 (Wilson score
    intervals of both margins combined with the phi correlation of the pairs). Test: exact
    McNemar (two-sided binomial test of the discordant pairs b, c against 1/2)."""
    pairs = [(t, u) for t, u in zip(treated, untreated) if t is not None and u is not None]
    n = len(pairs)
    a = sum(1 for t, u in pairs if t and u)
    b = sum(1 for t, u in pairs if t and not u)
    c = sum(1 for t, u in pairs if not t and u)
    d = n - a - b - c
    out = {"n_pairs": n, "both": a, "treated_only": b, "untreated_only": c, "neither": d}
    if n == 0:
        out.update(difference=math.nan, ci_low=math.nan, ci_high=math.nan, p=math.nan)
        return out
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = wilson(a + b, n, level)
    l2, u2 = wilson(a + c, n, level)
    denominator = (a + b) * (c + d) * (a + c) * (b + d)
    phi = (a * d - b * c) / math.sqrt(denominator) if denominator > 0 else 0.0
    delta = math.sqrt(max(0.0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2))
    epsilon = math.sqrt(max(0.0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2))
    diff = p1 - p2
    p_value = float(stats.binomtest(b, b + c, 0.5).pvalue) if b + c > 0 else 1.0
    out.update(difference=diff, ci_low=max(-1.0, diff - delta), ci_high=min(1.0, diff + epsilon), p=p_value)
    return out


def logistic_regression(x, y, max_iterations=50, tolerance=1e-10):
    """Maximum-likelihood logistic regression y ~ 1 + x by Newton's method (IRLS).

    x: (n, k) array, y: (n,) of 0/1. Returns dict with coefficients (intercept first),
    Wald standard errors, z, two-sided p, converged, separated. When the data separate
    (some combination of the predictors splits responders from non-responders perfectly) the
    maximum-likelihood estimates do not exist: `separated` is True and the estimates NaN."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = x.shape
    design = np.column_stack([np.ones(n), x])
    beta = np.zeros(k + 1)
    nan = np.full(k + 1, math.nan)
    result = {"coefficients": nan, "se": nan, "z": nan, "p": nan, "converged": False, "separated": False}
    if n <= k + 1 or y.min() == y.max():
        result["separated"] = bool(y.min() == y.max())
        return result
    for _ in range(max_iterations):
        eta = design @ beta
        mu = 1.0 / (1.0 + np.exp(-eta))
        w = mu * (1.0 - mu)
        information = design.T @ (design * w[:, None])
        score = design.T @ (y - mu)
        try:
            step = np.linalg.solve(information, score)
        except np.linalg.LinAlgError:
            result["separated"] = True
            return result
        beta = beta + step
        if np.max(np.abs(beta)) > 30:  # fitted probabilities run to 0 and 1: separation
            result["separated"] = True
            return result
        if np.max(np.abs(step)) < tolerance:
            result["converged"] = True
            break
    if not result["converged"]:
        return result
    mu = 1.0 / (1.0 + np.exp(-(design @ beta)))
    information = design.T @ (design * (mu * (1.0 - mu))[:, None])
    try:
        covariance = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        result["separated"] = True
        return result
    se = np.sqrt(np.maximum(np.diag(covariance), 0.0))
    z = beta / se
    result.update(coefficients=beta, se=se, z=z, p=2.0 * stats.norm.sf(np.abs(z)))
    return result
