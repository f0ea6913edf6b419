"""The regimen search (docs/dosing.md, "Regimen search") on a synthetic noisy objective with
a known optimum, injected in place of the simulator: optuna's seeded TPE sampler over the real
search space (dose, number and spacing of infusions, route), 40 trials of 3 paired replicates,
then the top 3 re-evaluated with 10 fresh replicates."""

import math
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))

pytest.importorskip("optuna")

from mscsim_analysis.dosing_search import Space, describe, overrides, reevaluate, search, top_trials  # noqa: E402
from mscsim_analysis.dosing_stats import mean_interval  # noqa: E402

OPTIMUM = -10.0      # paired difference at the optimum: 10^6.5 cells/kg, 2 infusions, ia
SCENARIO = -2.0      # the scenario's own regimen
NOISE_SD = 0.5       # per replicate, after pairing


def truth(params):
    """The known objective (lower is better): a bowl in log dose, a penalty per infusion away
    from two, and iv worse than ia; the spacing does not matter. Over the space it spans
    -10 ... +19."""
    if params is None:
        return SCENARIO
    return (OPTIMUM + 3.0 * (params["log10_cells_per_kg"] - 6.5) ** 2 + 1.5 * abs(params["count"] - 2)
            + (2.0 if params.get("route") == "iv" else 0.0))


def noisy(seed):
    calls = [0]

    def evaluate(regimens, replicates, sweep_seed, tag):
        calls[0] += 1
        rng = np.random.default_rng([seed, sweep_seed, calls[0]])
        return [truth(p) + rng.normal(0.0, NOISE_SD, replicates) for p in regimens]
    return evaluate


def run(seed):
    evaluate = noisy(seed)
    trials = search(evaluate, Space(routes=["iv", "ia"], product=False), 40, 3, 2, seed)
    best = top_trials(trials, 3)
    rows = reevaluate(evaluate, [(f"top{i + 1}", t.params) for i, t in enumerate(best)], 10, seed + 1)
    return trials, best, rows


def test_search_finds_the_known_optimum_and_the_reevaluation_covers_it():
    # Over seeds 0-49 (this test's code with seed s): the top regimen was ia every time, its
    # true value within 2.0 of the optimum every time (median 0.05, largest 1.52: one infusion
    # too many or too few), and the 99 % interval of the re-evaluation covered its true value
    # every time (1 % expected). So a new seed fails with a probability of about 1-2 %; this
    # seed is fixed and reproducible. A search that maximised instead, or a re-evaluation
    # that reused the search's noise, fails it.
    trials, best, rows = run(7)
    assert len(trials) == 40 and len(rows) == 4
    top = best[0]
    assert top.params["route"] == "ia"
    assert truth(top.params) - OPTIMUM < 2.0
    _, low, high = mean_interval(rows[1]["values"], 0.99)
    assert low <= truth(top.params) <= high
    # The 95 % interval of the top regimen against the scenario's regimen excludes zero: the
    # search's answer beats the scenario by about 8 and the re-evaluation shows it.
    assert rows[1]["vs_scenario_high"] < 0
    assert rows[0]["label"] == "scenario" and rows[0]["diff_mean"] == pytest.approx(SCENARIO, abs=0.5)


def test_best_of_n_is_optimistic_and_the_reevaluation_is_not():
    # Winner's curse: the top trial's search objective is below its true value on average;
    # the re-evaluation (fresh seeds) is not. Measured over seeds 100-139 in blocks of 8: the
    # search's mean bias -0.36 ... -0.56 (sd of one seed's 0.23, of a mean of 8 0.08), the
    # re-evaluation's -0.02 ... +0.11 (sd of one seed's 0.14, of a mean of 8 0.05). The
    # thresholds below are 3 and 4 such sd away from those means: failure rate < 0.5 %.
    search_bias, final_bias = [], []
    for seed in range(100, 108):
        _, best, rows = run(seed)
        search_bias.append(best[0].objective - truth(best[0].params))
        final_bias.append(rows[1]["diff_mean"] - truth(best[0].params))
    assert np.mean(search_bias) < -0.2
    assert abs(np.mean(final_bias)) < 0.25


def test_regimen_overrides_name_scenario_keys():
    params = {"log10_cells_per_kg": 6.0, "count": 3, "every_h": 72, "route": "ia", "prelicensed": True,
              "freshly_thawed": False, "passage": 4}
    keys = overrides(params)
    assert keys["dose.0.cells_per_kg"] == pytest.approx(1e6)
    assert keys["dose.0.count"] == 3 and keys["dose.0.every_h"] == 72.0
    assert keys["dose.0.route"] == "ia" and keys["dose.0.site"] == "default"
    assert keys["dose.0.product.prelicensing_ifng_ng_per_ml"] == 50.0 and keys["dose.0.product.prelicensing_h"] == 48.0
    assert keys["dose.0.product.passage"] == 4 and keys["dose.0.product.freshly_thawed"] is False
    assert "every_h" not in str(overrides({**params, "count": 1}))
    assert overrides(None) == {} and "ia" in describe(params)
    assert math.isclose(float(10 ** params["log10_cells_per_kg"]), 1e6)
