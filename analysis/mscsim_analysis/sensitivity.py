"""Global sensitivity analysis of a sampled sweep (docs/sweeps.md, "Sensitivity analysis").

A sweep with `[sampling] method = "lhs"` spreads its `sample` axes over a Latin hypercube;
the question it answers is which parameter drives which endpoint, and in which direction.
Partial rank correlation (PRCC, Marino et al. 2008) answers it for monotone, possibly
nonlinear relations, and is computed for every endpoint of the summary and, over time, for
every endpoint series of the runs' files at every output time (an influence can rise and
fade). A `method = "saltelli"` sweep holds the A, B and AB<i> matrices of Saltelli's design;
from them come Sobol first-order and total indices (Saltelli et al. 2010 for S1, Jansen 1999
for ST), which also count interactions and need no monotonicity.

Replicates of a design point share its parameter values; their mean is the point's output,
so that N is the number of design points and the run-to-run noise (reduced by averaging) is
not mistaken for independent samples.

    scripts/sensitivity SWEEP_DIR [-o OUTDIR]
"""

from __future__ import annotations

import argparse
import fnmatch
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from .sweep_summary import SweepSummary, read_summary
from .trajectory import Trajectory

ALPHA = 0.05


class SensitivityError(Exception):
    """The sweep cannot be analysed (no sampling design, too few ok runs): one line for the
    user, exit status 2."""


# ---------------------------------------------------------------- PRCC (Marino et al. 2008)

def prcc(x, y) -> np.ndarray:
    """Partial rank correlation of each column of x (N x k) with each column of y (N x m):
    a k x m array. Both are rank-transformed (ties averaged); for parameter j, the ranks of
    x_j and of y are regressed (least squares, with intercept) on the ranks of the other
    parameters, and the PRCC is the Pearson correlation of the two residuals. NaN where y is
    constant, or where a column of y has missing values and too few complete rows remain."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    n, k = x.shape
    result = np.full((k, y.shape[1]), np.nan)
    complete = ~np.isnan(y).any(axis=0)
    if complete.any():
        result[:, complete] = _prcc_complete(x, y[:, complete])
    for column in np.flatnonzero(~complete):  # each with its own finite rows
        rows = ~np.isnan(y[:, column])
        if rows.sum() >= k + 2:
            result[:, column] = _prcc_complete(x[rows], y[rows, column][:, None])[:, 0]
    return result


def _prcc_complete(x, y) -> np.ndarray:
    n, k = x.shape
    rx = stats.rankdata(x, axis=0)
    ry = stats.rankdata(y, axis=0)
    out = np.full((k, y.shape[1]), np.nan)
    centred = ry - ry.mean(axis=0)
    scale = np.einsum("ij,ij->j", centred, centred)
    constant = np.ptp(ry, axis=0) == 0
    for j in range(k):
        others = np.column_stack([np.ones(n), np.delete(rx, j, axis=1)])
        q, _ = np.linalg.qr(others)
        ex = rx[:, j] - q @ (q.T @ rx[:, j])
        ey = ry - q @ (q.T @ ry)
        sx = float(ex @ ex)
        sy = np.einsum("ij,ij->j", ey, ey)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = (ex @ ey) / np.sqrt(sx * sy)
        # A constant y, or a y the other parameters explain exactly, leaves no residual.
        r[constant | (sy <= 1e-12 * scale) | (sx <= 1e-12)] = np.nan
        out[j] = np.clip(r, -1.0, 1.0)
    return out


def prcc_pvalue(r, n: int, k: int) -> np.ndarray:
    """Two-sided p of H0: PRCC = 0 (Marino et al. 2008): t = r sqrt((N-2-p)/(1-r^2)) with
    N-2-p degrees of freedom, p = k-1 the number of parameters partialled out."""
    r = np.asarray(r, dtype=float)
    dof = n - 2 - (k - 1)
    if dof < 1:
        return np.full(r.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = r * np.sqrt(dof / (1.0 - r * r))
    p = 2 * stats.t.sf(np.abs(t), dof)
    return np.where(np.isnan(r), np.nan, p)


def significant(p: float, k: int, alpha: float = ALPHA) -> bool:
    """Significant at alpha after Bonferroni over the k parameters tested (p < alpha / k): with
    k PRCCs per endpoint, an unadjusted 0.05 would flag a null parameter in 1 - 0.95^k of the
    endpoints."""
    return bool(np.isfinite(p) and p < alpha / k)


# --------------------------------------------------- Sobol (Saltelli 2010, Jansen 1999)

def sobol_indices(f_a, f_b, f_ab, n_boot: int = 1000, seed: int = 20100201, level: float = 0.95) -> dict:
    """First-order (S1) and total (ST) indices from the outputs of Saltelli's design: f_a and
    f_b (N) at the rows of A and B, f_ab (N x k) at AB_i (A with column i from B).

        V    = Var(f_A, f_B together)
        S1_i = mean(f_B (f_ABi - f_A)) / V          (Saltelli et al. 2010, table 2 (b))
        ST_i = mean((f_A - f_ABi)^2) / (2 V)        (Jansen 1999)

    with every f centred on the mean of f_A and f_B (which ST does not notice and S1 needs).

    Intervals: percentiles of n_boot bootstrap resamples of the N rows (seeded, so a rerun
    gives the same numbers). Returns arrays S1, S1_low, S1_high, ST, ST_low, ST_high (k) and V."""
    f_a = np.asarray(f_a, dtype=float)
    f_b = np.asarray(f_b, dtype=float)
    f_ab = np.asarray(f_ab, dtype=float)
    n, k = f_ab.shape

    def estimate(a, b, ab):
        # a, b: (..., N); ab: (..., N) for one parameter. The outputs are centred on the mean of
        # f_A and f_B first: that leaves the expectations unchanged but removes the mean's
        # contribution to the S1 estimator's variance (fatal when the mean is large beside the
        # spread, as for a score near 50 that a parameter moves by 0.01).
        both = np.concatenate([a, b], axis=-1)
        centre = both.mean(axis=-1, keepdims=True)
        a, b, ab = a - centre, b - centre, ab - centre
        v = np.var(both, axis=-1, ddof=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            s1 = np.mean(b * (ab - a), axis=-1) / v
            st = np.mean((a - ab) ** 2, axis=-1) / (2 * v)
        return s1, st, v

    rng = np.random.default_rng(seed)
    rows = rng.integers(0, n, size=(n_boot, n))
    tail = 100 * (1 - level) / 2
    out = {name: np.full(k, np.nan) for name in ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high")}
    variance = math.nan
    for i in range(k):
        s1, st, variance = estimate(f_a, f_b, f_ab[:, i])
        boot_s1, boot_st, _ = estimate(f_a[rows], f_b[rows], f_ab[:, i][rows])
        out["S1"][i], out["ST"][i] = s1, st
        if n_boot and np.isfinite(boot_s1).any():  # a resample of equal outputs has no variance
            out["S1_low"][i], out["S1_high"][i] = np.nanpercentile(boot_s1, [tail, 100 - tail])
            out["ST_low"][i], out["ST_high"][i] = np.nanpercentile(boot_st, [tail, 100 - tail])
    out["V"] = float(variance)
    return out


# ---------------------------------------------------------------- the sweep's designs

def _sample_columns(summary: SweepSummary, runs: pd.DataFrame) -> list:
    """The `set:` columns of the sample axes that these runs vary (all numeric `set:` columns
    they vary when the summary does not say which axes are sample axes: the CSV fallback
    without sweep.toml)."""
    keys = summary.sample_axes()
    columns = [f"set:{k}" for k in keys] if keys else [c for c in runs.columns if c.startswith("set:")]
    return [c for c in columns if c in runs.columns and runs[c].dtype != object and runs[c].notna().any()]


def design_points(summary: SweepSummary, arm: str) -> tuple[pd.DataFrame, list]:
    """One row per design point of the arm with at least one ok run: the parameter values, the
    mean of each endpoint over the point's ok replicates, `replicates_ok` and the run ids."""
    runs = summary.ok_runs()
    runs = runs[runs["arm"] == arm]
    params = _sample_columns(summary, runs)
    if runs.empty or not params:
        return pd.DataFrame(), params
    endpoints = summary.endpoint_columns
    grouped = runs.groupby("point", sort=True)
    points = grouped[params].first()
    extra = [c for c in ("design:block", "design:row") if c in runs.columns]
    if extra:
        points = points.join(grouped[extra].first())
    points = points.join(grouped[endpoints].mean())
    points["replicates_ok"] = grouped.size()
    points["run_ids"] = grouped["run_id"].agg(list)
    return points.reset_index(), params


def sampled_arms(summary: SweepSummary) -> list:
    """Arms that vary at least one sample axis (a control arm without axes is not one)."""
    runs = summary.runs
    return [arm for arm in summary.arm_order() if _sample_columns(summary, runs[runs["arm"] == arm])]


def _label(column: str) -> str:
    return column[len("set:"):] if column.startswith("set:") else column


def prcc_table(summary: SweepSummary, endpoints: list) -> pd.DataFrame:
    """PRCC of every sample axis with every endpoint, per sampled arm, with the Marino t-test
    and significance at ALPHA after Bonferroni over the arm's parameters."""
    frames = []
    for arm in sampled_arms(summary):
        points, params = design_points(summary, arm)
        k = len(params)
        if len(points) < k + 2:
            continue
        r = prcc(points[params].to_numpy(float), points[endpoints].to_numpy(float))
        p = prcc_pvalue(r, len(points), k)
        for e, endpoint in enumerate(endpoints):
            for j, param in enumerate(params):
                n_used = int(points[endpoint].notna().sum())
                p_value = float(prcc_pvalue(r[j, e], n_used, k)) if n_used != len(points) else float(p[j, e])
                frames.append({"arm": arm, "endpoint": endpoint, "parameter": _label(param), "prcc": r[j, e],
                               "p": p_value, "significant": significant(p_value, k), "n_points": n_used})
    return pd.DataFrame(frames, columns=["arm", "endpoint", "parameter", "prcc", "p", "significant", "n_points"])


def _point_series(directory: Path, run_ids: list, series: list) -> pd.DataFrame | None:
    """The mean over a point's replicates of its runs' endpoint series (time_h index); None when
    none of its run files can be read."""
    frames = []
    for run_id in run_ids:
        path = directory / "runs" / f"{run_id}.h5"
        if not path.exists():
            continue
        try:
            with Trajectory(path) as trajectory:
                frame = trajectory.series()
        except (OSError, ValueError, KeyError):
            continue
        frames.append(frame.reindex(columns=series))
    if not frames:
        return None
    return pd.concat(frames).groupby(level=0).mean()


def prcc_over_time(summary: SweepSummary, notes: list) -> pd.DataFrame:
    """For every output time shared by the design points' run files: PRCC of every sample axis
    with every endpoint series at that time (replicates averaged per point)."""
    series = list(dict.fromkeys(s for s in summary.endpoints["series"] if s))
    frames = []
    for arm in sampled_arms(summary):
        points, params = design_points(summary, arm)
        k = len(params)
        per_point, rows = [], []
        for index, run_ids in enumerate(points["run_ids"] if len(points) else []):
            frame = _point_series(summary.directory, run_ids, series)
            if frame is not None:
                per_point.append(frame)
                rows.append(index)
        if len(per_point) < k + 2:
            notes.append(f"{arm}: {len(per_point)} design points have readable run files in "
                         f"{summary.directory / 'runs'}; PRCC over time needs {k + 2}")
            continue
        if len(per_point) < len(points):
            notes.append(f"{arm}: PRCC over time from {len(per_point)} of {len(points)} design points "
                         "(the others' run files are missing or unreadable)")
        times = per_point[0].index
        for frame in per_point[1:]:
            times = times.intersection(frame.index)
        x = points.iloc[rows][params].to_numpy(float)
        present = [s for s in series if any(s in f.columns and f[s].notna().any() for f in per_point)]
        if not present:
            continue
        # cube[point, time, series]
        cube = np.stack([f.reindex(index=times, columns=present).to_numpy(float) for f in per_point])
        n = len(per_point)
        for t_index, time in enumerate(times):
            r = prcc(x, cube[:, t_index, :])
            p = prcc_pvalue(r, n, k)
            for s, name in enumerate(present):
                for j, param in enumerate(params):
                    frames.append((arm, name, float(time), _label(param), r[j, s], p[j, s]))
    return pd.DataFrame(frames, columns=["arm", "series", "time_h", "parameter", "prcc", "p"])


def _ab_parameters(points: pd.DataFrame, params: list) -> dict:
    """AB<i> block name -> the parameter column it takes from B: the column in which its rows
    differ from A's rows at the same base row (docs/sweeps.md: AB<i> = A with column i from B).
    Falls back to the i-th sample axis where the values cannot tell (equal values)."""
    a = points[points["design:block"] == "A"].set_index("design:row")[params]
    mapping = {}
    for block in sorted({b for b in points["design:block"] if re.fullmatch(r"AB\d+", b)}, key=lambda b: int(b[2:])):
        ab = points[points["design:block"] == block].set_index("design:row")[params]
        rows = a.index.intersection(ab.index)
        differs = (~np.isclose(ab.loc[rows].to_numpy(float), a.loc[rows].to_numpy(float), rtol=1e-12,
                               atol=0.0)).sum(axis=0)
        index = int(block[2:]) - 1
        if len(rows) and differs.max() > 0 and (differs > 0).sum() == 1:
            mapping[block] = params[int(np.argmax(differs))]
        elif 0 <= index < len(params):
            mapping[block] = params[index]
    return mapping


def sobol_table(summary: SweepSummary, endpoints: list, n_boot: int, notes: list) -> pd.DataFrame:
    """Sobol S1 and ST of every sample axis for every endpoint, per sampled arm, from the base
    rows complete in A, B and every AB<i> (ok runs, replicates averaged)."""
    out = []
    for arm in sampled_arms(summary):
        points, params = design_points(summary, arm)
        if points.empty or "design:block" not in points.columns:
            continue
        mapping = _ab_parameters(points, params)
        blocks = list(mapping)
        if not blocks:
            notes.append(f"{arm}: no AB<i> blocks in the design")
            continue
        table = {b: points[points["design:block"] == b].set_index("design:row") for b in ["A", "B", *blocks]}
        for endpoint in endpoints:
            columns = {b: t[endpoint].dropna() for b, t in table.items()}
            rows = columns["A"].index
            for b in columns:
                rows = rows.intersection(columns[b].index)
            rows = rows.sort_values()
            if len(rows) < 2:
                notes.append(f"{arm} {endpoint}: {len(rows)} complete base rows; Sobol indices need >= 2")
                continue
            f_ab = np.column_stack([columns[b].loc[rows].to_numpy(float) for b in blocks])
            result = sobol_indices(columns["A"].loc[rows].to_numpy(float), columns["B"].loc[rows].to_numpy(float),
                                   f_ab, n_boot=n_boot)
            for i, block in enumerate(blocks):
                out.append({"arm": arm, "endpoint": endpoint, "parameter": _label(mapping[block]),
                            **{name: float(result[name][i]) for name in
                               ("S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high")},
                            "variance": result["V"], "n_base_rows": len(rows)})
    return pd.DataFrame(out, columns=["arm", "endpoint", "parameter", "S1", "S1_low", "S1_high", "ST", "ST_low",
                                      "ST_high", "variance", "n_base_rows"])


# ---------------------------------------------------------------- plots

def _file_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")


def _plot_name(prefix: str, arm: str, endpoint: str, several_arms: bool) -> str:
    return f"{prefix}_{_file_name(arm) + '_' if several_arms else ''}{_file_name(endpoint)}.png"


def tornado_plots(table: pd.DataFrame, outdir: Path) -> list:
    """One horizontal bar chart per (arm,) endpoint: PRCC of each parameter, largest |PRCC| on
    top, significant bars (Bonferroni) solid and starred, the others pale."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    several = table["arm"].nunique() > 1
    for (arm, endpoint), part in table.groupby(["arm", "endpoint"], sort=False):
        if part["prcc"].isna().all():  # constant over the design: nothing to draw
            continue
        part = part.assign(order=part["prcc"].abs().fillna(-1)).sort_values("order")
        fig, ax = plt.subplots(figsize=(6.4, 1.2 + 0.35 * len(part)))
        colors = [("#c0392b" if v > 0 else "#2e6da4") if sig else "#cccccc"
                  for v, sig in zip(part["prcc"], part["significant"])]
        values = part["prcc"].fillna(0.0)
        ax.barh(range(len(part)), values, color=colors, edgecolor="black", linewidth=0.4)
        ax.set_yticks(range(len(part)))
        ax.set_yticklabels(part["parameter"], fontsize=8)
        for y, (v, sig) in enumerate(zip(values, part["significant"])):
            if sig:
                ax.text(v + (0.02 if v >= 0 else -0.02), y, "*", va="center", ha="left" if v >= 0 else "right")
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_xlim(-1.05, 1.05)
        k = len(part)
        ax.set_xlabel(f"PRCC  (* p < {ALPHA:g}/{k}, Bonferroni; grey: not significant)")
        ax.set_title(f"{endpoint}" + (f"  ({arm})" if several else ""), fontsize=9)
        fig.tight_layout()
        path = outdir / _plot_name("tornado", arm, endpoint, several)
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    return written


def sobol_plots(table: pd.DataFrame, outdir: Path) -> list:
    """One bar chart per (arm,) endpoint: S1 and ST of each parameter with bootstrap intervals."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    several = table["arm"].nunique() > 1
    for (arm, endpoint), part in table.groupby(["arm", "endpoint"], sort=False):
        if part["ST"].isna().all():  # constant over the design: nothing to draw
            continue
        part = part.assign(order=part["ST"].abs().fillna(-1)).sort_values("order", ascending=False)
        x = np.arange(len(part))
        fig, ax = plt.subplots(figsize=(max(4.0, 1.0 + 0.7 * len(part)), 3.6))
        for offset, name, color in ((-0.2, "S1", "#2e6da4"), (0.2, "ST", "#e08e2b")):
            values = part[name].to_numpy(float)
            errors = np.abs(np.vstack([values - part[f"{name}_low"], part[f"{name}_high"] - values]))
            ax.bar(x + offset, values, width=0.4, color=color, label=name,
                   yerr=np.nan_to_num(errors), capsize=2, error_kw={"linewidth": 0.6})
        ax.set_xticks(x)
        ax.set_xticklabels(part["parameter"], rotation=30, ha="right", fontsize=8)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_ylabel("Sobol index (bars: bootstrap 95 %)")
        ax.set_title(f"{endpoint}" + (f"  ({arm})" if several else ""), fontsize=9)
        ax.legend(fontsize=8)
        fig.tight_layout()
        path = outdir / _plot_name("sobol", arm, endpoint, several)
        fig.savefig(path, dpi=100)
        plt.close(fig)
        written.append(path)
    return written


# ---------------------------------------------------------------- command line

def _select(columns: list, patterns: list) -> list:
    if not patterns:
        return list(columns)
    return [c for c in columns if any(fnmatch.fnmatchcase(c, p) for p in patterns)]


def headline(table: pd.DataFrame, value: str, width: int = 118) -> list:
    """One line per (arm,) endpoint ending in :mean or :final: the parameters by |value|, with a
    star where significant (PRCC) -- the gist, for the terminal."""
    lines, constant = [], []
    several = table["arm"].nunique() > 1
    for (arm, endpoint), part in table.groupby(["arm", "endpoint"], sort=False):
        if part[value].isna().all():
            constant.append(endpoint)
            continue
        if not endpoint.endswith((":mean", ":final")):
            continue
        part = part.assign(order=part[value].abs().fillna(-1)).sort_values("order", ascending=False)
        starred = part["significant"] if "significant" in part else [False] * len(part)
        items = [f"{p} {v:+.2f}{'*' if sig else ''}" for p, v, sig in zip(part["parameter"], part[value], starred)]
        line = f"  {endpoint}{' (' + arm + ')' if several else ''} {value}: " + ", ".join(items)
        lines.append(line if len(line) <= width else line[: width - 3] + "...")
    if constant:
        names = sorted(set(constant))
        lines.append(f"{len(names)} endpoints do not vary over the design (no index, no plot): "
                     + ", ".join(names[:4]) + (", ..." if len(names) > 4 else ""))
    return lines


def analyse(directory: Path, outdir: Path, patterns=(), n_boot: int = 1000, over_time: bool = True,
            plots: bool = True) -> tuple[list, list]:
    """Runs the analysis the sweep's sampling calls for; returns (files written, notes)."""
    summary = read_summary(directory)
    if summary.sampling not in ("lhs", "saltelli"):
        raise SensitivityError(f"{directory}: sampling is '{summary.sampling}'; sensitivity analysis needs "
                               "a [sampling] method = \"lhs\" or \"saltelli\" sweep")
    endpoints = _select(summary.endpoint_columns, list(patterns))
    if not endpoints:
        raise SensitivityError(f"{directory}: no endpoint columns" + (" match the --endpoint patterns" if patterns else ""))
    arms = sampled_arms(summary)
    if not arms:
        raise SensitivityError(f"{directory}: no arm varies a sample axis")
    notes, written = [], []
    outdir.mkdir(parents=True, exist_ok=True)
    if summary.sampling == "lhs":
        sizes = {arm: design_points(summary, arm) for arm in arms}
        if all(len(points) < len(params) + 2 for points, params in sizes.values()):
            counts = ", ".join(f"{arm}: {len(p)} points with ok runs for {len(q)} parameters" for arm, (p, q) in sizes.items())
            raise SensitivityError(f"{directory}: too few ok runs for PRCC (needs parameters + 2 design points; {counts})")
        table = prcc_table(summary, endpoints)
        path = outdir / "prcc.csv"
        table.to_csv(path, index=False)
        written.append(path)
        if over_time:
            timed = prcc_over_time(summary, notes)
            path = outdir / "prcc_over_time.csv"
            timed.to_csv(path, index=False)
            written.append(path)
        if plots:
            written += tornado_plots(table, outdir)
        notes += headline(table, "prcc")
    else:
        if "design:block" not in summary.runs.columns:
            raise SensitivityError(f"{directory}: a saltelli sweep without design:block / design:row columns")
        table = sobol_table(summary, endpoints, n_boot, notes)
        if table.empty:
            raise SensitivityError(f"{directory}: too few ok runs for Sobol indices (no endpoint has 2 base rows "
                                   "complete in A, B and every AB<i>)")
        path = outdir / "sobol.csv"
        table.to_csv(path, index=False)
        written.append(path)
        if plots:
            written += sobol_plots(table, outdir)
        notes += headline(table, "ST")
    return written, notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="sensitivity", description="PRCC (lhs) or Sobol indices (saltelli) "
                                     "of a sampled mscsim sweep.")
    parser.add_argument("directory", type=Path, help="the sweep folder (summary.h5 or summary.csv, runs/)")
    parser.add_argument("-o", "--outdir", type=Path, help="where to write (default: SWEEP_DIR/sensitivity)")
    parser.add_argument("--endpoint", action="append", default=[], metavar="GLOB",
                        help="only endpoints matching this pattern (repeatable), e.g. 'tissue/*:mean'")
    parser.add_argument("--bootstrap", type=int, default=1000, help="Sobol bootstrap resamples (default 1000)")
    parser.add_argument("--no-over-time", action="store_true", help="skip PRCC over time (reads every run file)")
    parser.add_argument("--no-plots", action="store_true")
    args = parser.parse_args(argv)
    outdir = args.outdir or args.directory / "sensitivity"
    try:
        written, notes = analyse(args.directory, outdir, args.endpoint, args.bootstrap, not args.no_over_time,
                                 not args.no_plots)
    except (SensitivityError, OSError, ValueError, KeyError) as error:
        print(f"sensitivity: {error}", file=sys.stderr)
        return 2
    for note in notes:
        print(note if note.startswith("  ") else f"note: {note}")
    print(f"sensitivity: wrote {len(written)} files to {outdir}: "
          + ", ".join(p.name for p in written[:6]) + (", ..." if len(written) > 6 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
