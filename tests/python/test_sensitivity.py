"""Sensitivity analysis (docs/sweeps.md, "Sensitivity analysis"): PRCC recovers the known
ranking of a monotone nonlinear model and keeps a null parameter non-significant; the Sobol
estimators recover the analytic indices of the Ishigami function; scripts/sensitivity reads
lhs and saltelli sweep folders laid out by hand in the documented format."""

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.stats import qmc

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from mscsim_analysis.sensitivity import main as sensitivity_main  # noqa: E402
from mscsim_analysis.sensitivity import prcc, prcc_pvalue, significant, sobol_indices  # noqa: E402
from sweep_fixtures import base_columns, write_sweep, write_trajectory  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def monotone_model(x, rng):
    """Known order of influence x1 > x2 > x3, x4 without any: every term monotone, two of them
    strongly nonlinear (so a linear correlation would understate them)."""
    return 10 * x[:, 0] ** 3 + 3 * np.exp(x[:, 1]) + 3 * np.sqrt(x[:, 2]) + 0.6 * rng.standard_normal(len(x))


def test_prcc_recovers_the_ranking_of_a_monotone_model():
    # N = 200 Latin hypercube points. Over 300 seeds this model gave the right order and
    # significant x1..x3 (Bonferroni, 0.05/4) every time; expected PRCC ~ 0.90, 0.79, 0.50, 0.
    # The null x4 is non-significant unless a false positive of the test itself, probability
    # 0.05/4 = 1.25 % for a new seed (this seed is fixed, so the test is reproducible).
    n, k = 200, 4
    x = qmc.LatinHypercube(d=k, seed=20080921).random(n)
    y = monotone_model(x, np.random.default_rng(178))
    r = prcc(x, y)[:, 0]
    p = prcc_pvalue(r, n, k)
    assert abs(r[0]) > abs(r[1]) > abs(r[2]) > abs(r[3]), r
    assert (r[:3] > 0).all()
    assert (p[:3] < 0.05 / k).all(), p
    assert p[3] >= 0.05 / k, p
    # Rank based: a monotone transform of the output changes nothing.
    assert np.allclose(prcc(x, np.exp(y / 10)), prcc(x, y))


def test_prcc_equals_partial_correlation_from_the_inverse_rank_correlation_matrix():
    # An independent route to the same number: -P_jy / sqrt(P_jj P_yy) with P the inverse of
    # the correlation matrix of the ranks; and the p value from the stated t formula.
    rng = np.random.default_rng(3)
    x = rng.uniform(size=(60, 3))
    y = x[:, 0] - 2 * x[:, 1] ** 2 + 0.5 * rng.standard_normal(60)
    ranks = stats.rankdata(np.column_stack([x, y]), axis=0)
    inverse = np.linalg.inv(np.corrcoef(ranks, rowvar=False))
    expected = [-inverse[j, 3] / math.sqrt(inverse[j, j] * inverse[3, 3]) for j in range(3)]
    r = prcc(x, y)[:, 0]
    assert np.allclose(r, expected)
    dof = 60 - 2 - 2
    t = r * np.sqrt(dof / (1 - r ** 2))
    assert np.allclose(prcc_pvalue(r, 60, 3), 2 * stats.t.sf(abs(t), dof))
    assert np.isnan(prcc(x, np.ones(60))).all()  # a constant output has no rank correlation
    # Bonferroni over the k parameters: 0.03 is significant alone but not among 3.
    assert significant(0.01, 3) and not significant(0.03, 3) and significant(0.03, 1)
    assert not significant(float("nan"), 3)


ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1


def ishigami(x):
    return np.sin(x[:, 0]) + ISHIGAMI_A * np.sin(x[:, 1]) ** 2 + ISHIGAMI_B * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices():
    """Analytic S1 and ST of the Ishigami function (Saltelli et al. 2010)."""
    a, b, pi = ISHIGAMI_A, ISHIGAMI_B, math.pi
    v = a ** 2 / 8 + b * pi ** 4 / 5 + b ** 2 * pi ** 8 / 18 + 0.5
    v1, v2, v13 = 0.5 * (1 + b * pi ** 4 / 5) ** 2, a ** 2 / 8, 8 * b ** 2 * pi ** 8 / 225
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def saltelli_matrices(n, rng):
    a = rng.uniform(-math.pi, math.pi, (n, 3))
    b = rng.uniform(-math.pi, math.pi, (n, 3))
    ab = [np.where(np.arange(3) == i, b, a) for i in range(3)]
    return a, b, ab


def test_sobol_recovers_the_ishigami_indices():
    # N = 8192 iid base rows. Over 30 seeds the estimators' SD was at most 0.013 (S1) and
    # 0.018 (ST, x1); the tolerance 0.07 is >= 3.8 SD for every index, so a correct estimator
    # fails with probability < 1e-3 for a new seed. It catches a wrong estimator or a wrong
    # AB<i> column (errors 0.13 to 0.44) and a factor 2 in Jansen's ST.
    s1, st = ishigami_indices()
    assert s1 == pytest.approx([0.3139, 0.4424, 0.0], abs=1e-4)
    assert st == pytest.approx([0.5576, 0.4424, 0.2437], abs=1e-4)
    a, b, ab = saltelli_matrices(8192, np.random.default_rng(2010))
    result = sobol_indices(ishigami(a), ishigami(b), np.column_stack([ishigami(m) for m in ab]), n_boot=200)
    assert result["S1"] == pytest.approx(s1, abs=0.07)
    assert result["ST"] == pytest.approx(st, abs=0.07)
    for name in ("S1", "ST"):
        assert (result[f"{name}_low"] <= result[name]).all() and (result[name] <= result[f"{name}_high"]).all()
        assert (result[f"{name}_high"] - result[f"{name}_low"] < 0.16).all()


def run_sensitivity(directory, *args):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)  # the wrapper sets it
    return subprocess.run([str(ROOT / "scripts" / "sensitivity"), str(directory), *args],
                          capture_output=True, text=True, env=env, timeout=60)


ENDPOINTS = [{"column": f"tissue/damage:{r}", "series": "tissue/damage", "reducer": r, "unit": "1"}
             for r in ("final", "mean")]
TIMES = [0.0, 24.0, 48.0, 72.0]


def lhs_sweep(directory, points=40, replicates=2, files=True):
    """Arms untreated (no axes) and treated with three sample axes (k1, k2, k3; k3 null) over
    a Latin hypercube. The damage series rises linearly to 10 k1^3 + 3 exp(k2) + noise at 72 h
    (zero at 0 h for every run)."""
    x = qmc.LatinHypercube(d=3, seed=1).random(points)
    rng = np.random.default_rng(2)
    rows = []

    def add(arm, point, r, values, strength):
        final = strength + 0.3 * rng.standard_normal()
        series = np.array(TIMES) / TIMES[-1] * final
        row = base_columns(arm, point, r, 100 + r)
        row.update({f"set:treg.k{i + 1}": v for i, v in enumerate(values)})
        row.update({"tissue/damage:final": final, "tissue/damage:mean": np.trapz(series, TIMES) / TIMES[-1]})
        rows.append(row)
        if files:
            write_trajectory(directory / "runs" / f"{row['run_id']}.h5", TIMES, {"tissue/damage": series})

    (directory / "runs").mkdir(parents=True)
    for r in range(replicates):
        add("untreated", 0, r, [np.nan] * 3, 5.0)
    for p in range(points):
        for r in range(replicates):
            add("treated", p, r, x[p], 10 * x[p, 0] ** 3 + 3 * np.exp(x[p, 1]))
    axes = [{"key": f"treg.k{i}", "kind": "sample", "scale": "linear", "is_dose": 0, "from": 0.0, "to": 1.0}
            for i in (1, 2, 3)]
    return write_sweep(directory, pd.DataFrame(rows), axes, ENDPOINTS, control="untreated", sampling="lhs",
                       replicates=replicates)


def test_sensitivity_lhs_sweep_end_to_end(tmp_path):
    lhs_sweep(tmp_path)
    done = run_sensitivity(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "tissue/damage:final prcc: treg.k1 +0." in done.stdout
    out = tmp_path / "sensitivity"
    table = pd.read_csv(out / "prcc.csv")
    assert set(table["arm"]) == {"treated"} and len(table) == 2 * 3
    final = table[table["endpoint"] == "tissue/damage:final"].set_index("parameter")
    assert final.loc["treg.k1", "prcc"] > final.loc["treg.k2", "prcc"] > abs(final.loc["treg.k3", "prcc"])
    assert final.loc["treg.k1", "significant"] and final.loc["treg.k2", "significant"]
    assert not final.loc["treg.k3", "significant"]
    assert (final["n_points"] == 40).all()
    assert (table["significant"] == (table["p"] < 0.05 / 3)).all()
    timed = pd.read_csv(out / "prcc_over_time.csv")
    assert sorted(set(timed["time_h"])) == TIMES and len(timed) == 4 * 3
    assert timed[timed["time_h"] == 0.0]["prcc"].isna().all()  # zero everywhere at 0 h
    late = timed[timed["time_h"] == 72.0].set_index("parameter")
    assert late.loc["treg.k1", "prcc"] == pytest.approx(final.loc["treg.k1", "prcc"])
    for endpoint in ("tissue_damage_final", "tissue_damage_mean"):
        assert (out / f"tornado_{endpoint}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sensitivity_saltelli_sweep_end_to_end(tmp_path):
    # Ishigami through the summary table: design:block / design:row rows as mscsim writes them,
    # one run per point, N = 2048 base rows: tolerance 0.15 (>= 4 SD of each index at this N,
    # scaled from the SDs measured at N = 8192 above).
    n = 2048
    a, b, ab = saltelli_matrices(n, np.random.default_rng(1))
    rows, point = [], 0
    for block, matrix in [("A", a), ("B", b)] + [(f"AB{i + 1}", m) for i, m in enumerate(ab)]:
        values = ishigami(matrix)
        for j in range(n):
            row = base_columns("base", point, 0, 7)
            row.update({f"set:x{i + 1}": matrix[j, i] for i in range(3)})
            row.update({"design:block": block, "design:row": j, "y:final": values[j]})
            rows.append(row)
            point += 1
    axes = [{"key": f"x{i}", "kind": "sample", "scale": "linear", "is_dose": 0, "from": -math.pi, "to": math.pi}
            for i in (1, 2, 3)]
    write_sweep(tmp_path, pd.DataFrame(rows), axes, [{"column": "y:final", "series": "y", "reducer": "final",
                                                      "unit": "1"}], sampling="saltelli")
    done = run_sensitivity(tmp_path, "-o", str(tmp_path / "out"), "--bootstrap", "200")
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(tmp_path / "out" / "sobol.csv").set_index("parameter")
    s1, st = ishigami_indices()
    assert list(table.index) == ["x1", "x2", "x3"]
    assert table["S1"].to_numpy() == pytest.approx(s1, abs=0.15)
    assert table["ST"].to_numpy() == pytest.approx(st, abs=0.15)
    assert (table["n_base_rows"] == n).all()
    assert (tmp_path / "out" / "sobol_y_final.png").exists()


def test_sensitivity_refuses_grid_sweeps_and_too_few_runs(tmp_path, capsys):
    lhs_sweep(tmp_path / "few", points=4, replicates=1, files=False)
    assert sensitivity_main([str(tmp_path / "few")]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "too few ok runs" in err
    grid = tmp_path / "grid"
    write_sweep(grid, pd.DataFrame([base_columns("base", 0, 0, 1) | {"y:final": 1.0}]), [],
                [{"column": "y:final", "series": "y", "reducer": "final", "unit": "1"}])
    done = run_sensitivity(grid)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "sampling" in done.stderr
    assert sensitivity_main([str(tmp_path / "absent")]) == 2
