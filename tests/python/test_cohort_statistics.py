"""The statistics of a virtual cohort (analysis/mscsim_analysis/cohort.py) on data with known
answers: the responder definition on crafted rows, the coverage of the rate interval, the
paired difference and McNemar test, and the logistic regression on a known predictor."""

import math

import numpy as np
import pytest
from scipy import stats

from mscsim_analysis import cohort


# --- Responder definition on crafted endpoint values --------------------------------------

def test_at_most_counts_each_arm_against_the_threshold():
    treated, untreated = [40.0, 50.0, 50.1, None], [60.0, 45.0, 49.0, 30.0]
    t, u = cohort.responders(treated, untreated, {"rule": "at_most", "threshold": 50.0})
    assert t == [True, True, False, None]   # equal to the threshold responds; missing stays missing
    assert u == [False, True, True, True]


def test_at_least_is_the_mirror_rule():
    t, u = cohort.responders([0.5, 0.2], [0.3, float("nan")], {"rule": "at_least", "threshold": 0.3})
    assert t == [True, False]
    assert u == [True, None]                 # NaN (a run without the series) is missing


def test_below_untreated_needs_both_margins_and_leaves_the_untreated_arm_at_zero():
    rule = {"rule": "below_untreated", "margin": 5.0, "relative_margin": 0.1}
    treated = [80.0, 85.0, 88.0, 70.0, None]
    untreated = [90.0, 90.0, 90.0, 75.0, 90.0]
    t, u = cohort.responders(treated, untreated, rule)
    # 80 <= 90-5 and <= 81: yes; 85 <= 85 but > 81: no; 88: no; 70 <= 70 and <= 67.5? no.
    assert t == [True, False, False, False, None]
    assert u == [False, False, False, False, None]


def test_unknown_rule_is_refused():
    with pytest.raises(cohort.CohortInputError):
        cohort.responders([1.0], [1.0], {"rule": "sometimes"})


# --- Rate interval --------------------------------------------------------------------------

def exact_coverage(interval, n, p):
    """Probability that interval(k, n) covers p when k ~ Binomial(n, p), summed exactly."""
    limits = [interval(k, n) for k in range(n + 1)]
    return sum(stats.binom.pmf(k, n, p) for k, (lo, hi) in enumerate(limits) if lo <= p <= hi)


@pytest.mark.parametrize("n", [20, 55])
def test_clopper_pearson_covers_the_true_rate_at_least_at_the_nominal_level(n):
    # Exact: no sampling, so no false failures. The check has power: the Wald interval,
    # checked the same way, misses its level badly at small rates (next assertion).
    for p in np.linspace(0.02, 0.98, 49):
        assert exact_coverage(cohort.clopper_pearson, n, p) >= 0.95 - 1e-12, (n, p)
    wald = lambda k, n: (k / n - 1.96 * math.sqrt(k / n * (1 - k / n) / n), k / n + 1.96 * math.sqrt(k / n * (1 - k / n) / n))
    assert exact_coverage(wald, n, 0.05) < 0.94


def test_clopper_pearson_on_simulated_trials_and_known_values():
    # 4000 simulated trials of n = 40 at p = 0.3 (seeded). Exact coverage there is 0.963; the
    # bound 0.95 lies 3.8 binomial standard errors (0.003) below, so a fresh seed would fail
    # with probability < 1e-4. An interval with true coverage 0.93 would fail with
    # probability > 0.99.
    rng = np.random.default_rng(20261203)
    k = rng.binomial(40, 0.3, size=4000)
    limits = [cohort.clopper_pearson(x, 40) for x in range(41)]
    covered = np.mean([limits[x][0] <= 0.3 <= limits[x][1] for x in k])
    assert covered >= 0.95
    # Le Blanc 2008, 39 of 55: the exact limits are the rates at which 39 or more (lower
    # limit), or 39 or fewer (upper limit), responders have probability 2.5 %.
    lo, hi = cohort.clopper_pearson(39, 55)
    assert stats.binom.sf(38, 55, lo) == pytest.approx(0.025, abs=1e-9)
    assert stats.binom.cdf(39, 55, hi) == pytest.approx(0.025, abs=1e-9)
    assert cohort.clopper_pearson(0, 10)[0] == 0.0 and cohort.clopper_pearson(10, 10)[1] == 1.0


# --- Paired difference ------------------------------------------------------------------------

def test_paired_difference_counts_discordant_pairs_and_uses_the_exact_mcnemar_test():
    treated = [True] * 12 + [True] * 9 + [False] * 2 + [False] * 21 + [None]
    untreated = [True] * 12 + [False] * 9 + [True] * 2 + [False] * 21 + [True]
    d = cohort.paired_difference(treated, untreated)
    assert (d["n_pairs"], d["both"], d["treated_only"], d["untreated_only"], d["neither"]) == (44, 12, 9, 2, 21)
    assert d["difference"] == pytest.approx(7 / 44)
    assert d["p"] == pytest.approx(2 * stats.binom.cdf(2, 11, 0.5))
    assert -1 <= d["ci_low"] < d["difference"] < d["ci_high"] <= 1


def test_paired_interval_covers_the_true_difference_on_simulated_cohorts():
    # 2000 seeded cohorts of 40 pairs, P(untreated) = 0.2, P(treated) = 0.5, correlated
    # through a shared patient factor (latent correlation 0.5). Newcombe's interval is
    # close to nominal but a little below it in small samples: 0.935 here (measured on
    # 3000 other cohorts; 0.950 with 100 pairs). The bound 0.91 lies 4.5 standard errors
    # (0.0055) below 0.935, so a fresh seed fails with probability < 1e-5, and an interval
    # with coverage 0.88 would fail with probability > 0.99.
    rng = np.random.default_rng(7)
    hits = 0
    trials = 2000
    for _ in range(trials):
        z = rng.normal(size=40)
        untreated = list(z < stats.norm.ppf(0.2))
        treated = list(0.5 * z + math.sqrt(0.75) * rng.normal(size=40) < stats.norm.ppf(0.5))
        d = cohort.paired_difference(treated, untreated)
        hits += d["ci_low"] <= 0.3 <= d["ci_high"]
    assert hits / trials >= 0.91


# --- Predictors -------------------------------------------------------------------------------

def test_logistic_regression_recovers_a_known_predictor_and_leaves_a_null_one_near_zero():
    rng = np.random.default_rng(11)
    n = 3000
    x = rng.normal(size=(n, 2))
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-(-0.5 + 1.2 * x[:, 0])))).astype(float)
    fit = cohort.logistic_regression(x, y)
    assert fit["converged"] and not fit["separated"]
    b, se = fit["coefficients"], fit["se"]
    # 4 standard errors: a fresh seed fails with probability about 6e-5 per coefficient.
    assert abs(b[0] - (-0.5)) < 4 * se[0]
    assert abs(b[1] - 1.2) < 4 * se[1] and fit["p"][1] < 1e-10
    assert abs(b[2]) < 4 * se[2]


def test_logistic_regression_reports_separation_instead_of_an_estimate():
    x = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    y = np.array([0, 0, 0, 1, 1, 1], dtype=float)
    fit = cohort.logistic_regression(x, y)
    assert fit["separated"] and math.isnan(fit["coefficients"][1])


def test_text_attributes_become_indicators_and_constants_are_dropped():
    patients = [{"route": r, "w": "70"} for r in ("iv", "ia", "iv", "local")]
    names, columns = cohort.attribute_matrix(patients, ["route", "w"])
    assert names == ["route=ia", "route=local", "w"]
    assert list(columns[0]) == [0, 1, 0, 0] and list(columns[1]) == [0, 0, 0, 1]


def test_below_start_compares_each_run_with_its_own_start():
    rule = {"rule": "below_start", "margin": 1.0}
    t, u = cohort.responders([47.0, 49.0, None], [60.0, 40.0, 45.0], rule,
                             start_treated=[48.0, 48.0, 48.0], start_untreated=[48.0, 41.0, None])
    assert t == [True, False, None]     # 47 <= 48 - 1; 49 is worse than its start
    assert u == [False, True, None]     # 40 <= 41 - 1; a missing start is missing
