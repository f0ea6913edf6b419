"""Statistics of a sweep (docs/sweeps.md, "Statistics"): per condition the mean of each
endpoint with its 95 % Student t interval, and the paired difference of every condition
against the control arm.

A sweep gives replicate r the same seed in every arm and at every point (common random
numbers), so the runs of two arms at the same replicate differ only by the arm; the paired
difference removes the run-to-run noise the two share, which is why it is computed from
pairs matched by replicate and not from two independent means. Only runs with status ok
count. The tables go into summary.h5 (group /statistics, written atomically so that a crash
never leaves a half-written summary) and into CSV files beside it; a readable report goes to
stdout.

    /usr/bin/python3 -m mscsim_analysis.sweep_stats DIR [--quiet] [--all]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
from scipy import stats

from .sweep_summary import SweepSummary, read_summary

LEVEL = 0.95
METHOD = "Student t, 95 %, paired by replicate seed"


def t_interval(values, level: float = LEVEL) -> dict:
    """n, mean, sd and the two-sided Student t interval of the mean of `values` (NaN ignored).
    With fewer than two values sd and the interval are NaN: one run says nothing about the
    spread."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    n = len(x)
    mean = float(x.mean()) if n else math.nan
    if n < 2:
        return {"n": n, "mean": mean, "sd": math.nan, "ci_low": math.nan, "ci_high": math.nan}
    sd = float(x.std(ddof=1))
    half = float(stats.t.ppf(0.5 + level / 2, n - 1)) * sd / math.sqrt(n)
    return {"n": n, "mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half}


def paired_difference(arm_values, control_values, level: float = LEVEL) -> dict:
    """The paired difference arm − control of two equally long arrays whose i-th entries come
    from the same replicate seed (pairs with a NaN on either side are dropped): n_pairs, the
    two means, the mean difference with its t interval, the paired t-test (two-sided) and the
    difference in % of the control mean."""
    arm = np.asarray(arm_values, dtype=float)
    control = np.asarray(control_values, dtype=float)
    keep = ~(np.isnan(arm) | np.isnan(control))
    arm, control = arm[keep], control[keep]
    diff = t_interval(arm - control, level)
    n = diff["n"]
    t_value = p_value = math.nan
    if n >= 2:
        se = diff["sd"] / math.sqrt(n)
        if se > 0:
            t_value = diff["mean"] / se
            p_value = float(2 * stats.t.sf(abs(t_value), n - 1))
        elif diff["mean"] != 0:  # every pair differs by the same non-zero amount
            t_value, p_value = math.copysign(math.inf, diff["mean"]), 0.0
    control_mean = float(control.mean()) if n else math.nan
    relative = 100 * diff["mean"] / control_mean if n and control_mean != 0 else math.nan
    return {"n_pairs": n, "control_mean": control_mean, "arm_mean": float(arm.mean()) if n else math.nan,
            "diff_mean": diff["mean"], "diff_sd": diff["sd"], "ci_low": diff["ci_low"],
            "ci_high": diff["ci_high"], "t": t_value, "p": p_value, "rel_diff_pct": relative}


def _present(values: pd.Series) -> pd.Series:
    """Where an axis column holds a value (not NaN, not the empty text of an arm that does not
    vary the axis)."""
    if values.dtype == object:
        return values.fillna("").astype(str) != ""
    return values.notna()


def _value_text(value) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


class Conditions:
    """The (arm, point) conditions of a sweep with the axes each arm varies and the values of
    each point, taken from every run (so a condition whose runs all failed still shows, n=0)."""

    def __init__(self, summary: SweepSummary):
        self.summary = summary
        runs = summary.runs
        self.axis_columns = summary.axis_columns or [c for c in runs.columns if c.startswith("set:")]
        self.arms = summary.arm_order()
        self.varied = {arm: [c for c in self.axis_columns if _present(runs.loc[runs["arm"] == arm, c]).any()]
                       for arm in self.arms}
        first = runs.drop_duplicates(["arm", "point"]).set_index(["arm", "point"])
        self.keys = [(arm, int(point)) for arm in self.arms
                     for point in sorted(runs.loc[runs["arm"] == arm, "point"].unique())]
        self.values = {key: {c: first.loc[key, c] for c in self.varied[key[0]]} for key in self.keys}

    def label(self, key) -> str:
        values = self.values[key]
        if not values:
            return "-"
        return ", ".join(f"{c[len('set:'):]}={_value_text(v)}" for c, v in values.items())

    def points(self, arm) -> list:
        return [point for a, point in self.keys if a == arm]


def _axis_fields(conditions: Conditions, key) -> dict:
    """The condition's value of every axis column (NaN / "" where its arm does not vary it)."""
    runs = conditions.summary.runs
    fields = {}
    for column in conditions.axis_columns:
        text = runs[column].dtype == object
        value = conditions.values[key].get(column, "" if text else math.nan)
        fields[column] = str(value) if text else float(value)
    return fields


def arms_table(summary: SweepSummary, conditions: Conditions) -> pd.DataFrame:
    """One row per condition and endpoint: n, mean, sd and the 95 % t interval (ok runs)."""
    ok = summary.ok_runs()
    units = summary.units
    rows = []
    for key in conditions.keys:
        arm, point = key
        runs = ok[(ok["arm"] == arm) & (ok["point"] == point)]
        for column in summary.endpoint_columns:
            row = {"arm": arm, "point": point, "condition": conditions.label(key)}
            row.update(_axis_fields(conditions, key))
            row.update({"endpoint": column, "unit": units.get(column, "")})
            row.update(t_interval(runs[column].to_numpy(dtype=float)))
            rows.append(row)
    return pd.DataFrame(rows, columns=["arm", "point", "condition", *conditions.axis_columns, "endpoint",
                                       "unit", "n", "mean", "sd", "ci_low", "ci_high"])


def control_point(conditions: Conditions, control: str, arm: str, point: int):
    """The control condition a condition is paired with, or (None, why not)."""
    if conditions.varied[control] == conditions.varied[arm]:
        if point in conditions.points(control):
            return point, ""
        return None, f"{arm} p{point:04d}: control arm {control} has no point {point}"
    control_points = conditions.points(control)
    if len(control_points) == 1:
        return control_points[0], ""
    return None, (f"{arm} p{point:04d}: not paired (control arm {control} varies other axes than {arm} "
                  f"and has {len(control_points)} points)")


def paired_table(summary: SweepSummary, conditions: Conditions) -> tuple[pd.DataFrame, list]:
    """One row per non-control condition and endpoint: the paired difference against the
    control arm, pairs matched by replicate. Returns the table and notes on skipped
    conditions."""
    control = summary.control_arm
    notes = []
    columns = ["arm", "point", "control_point", "condition", *conditions.axis_columns, "endpoint", "unit",
               "n_pairs", "control_mean", "arm_mean", "diff_mean", "diff_sd", "ci_low", "ci_high", "t", "p",
               "rel_diff_pct"]
    if control is None:
        return pd.DataFrame(columns=columns), ["no control arm: no paired differences"]
    if control not in conditions.arms:
        return pd.DataFrame(columns=columns), [f"control arm {control} has no runs in the summary"]
    ok = summary.ok_runs()
    units = summary.units
    rows = []
    for key in conditions.keys:
        arm, point = key
        if arm == control:
            continue
        matched, why = control_point(conditions, control, arm, point)
        if matched is None:
            notes.append(why)
            continue
        arm_runs = ok[(ok["arm"] == arm) & (ok["point"] == point)]
        control_runs = ok[(ok["arm"] == control) & (ok["point"] == matched)]
        pairs = arm_runs.merge(control_runs, on="replicate", suffixes=("", "@control"))
        for column in summary.endpoint_columns:
            row = {"arm": arm, "point": point, "control_point": matched, "condition": conditions.label(key)}
            row.update(_axis_fields(conditions, key))
            row.update({"endpoint": column, "unit": units.get(column, "")})
            row.update(paired_difference(pairs[column].to_numpy(dtype=float),
                                         pairs[f"{column}@control"].to_numpy(dtype=float)))
            rows.append(row)
    return pd.DataFrame(rows, columns=columns), notes


def dose_response_table(summary: SweepSummary, conditions: Conditions, arms: pd.DataFrame,
                        paired: pd.DataFrame) -> pd.DataFrame:
    """For each dose axis and each arm that varies it: per dose value (and values of the other
    axes), the endpoint's mean with its interval and the paired difference against control."""
    rows = []
    for dose_key in summary.dose_axes():
        column = f"set:{dose_key}"
        if column not in conditions.axis_columns or arms.empty:
            continue
        for arm in conditions.arms:
            if column not in conditions.varied[arm]:
                continue
            part = arms[arms["arm"] == arm]
            for _, row in part.iterrows():
                key = (arm, int(row["point"]))
                others = ", ".join(f"{c[len('set:'):]}={_value_text(v)}"
                                   for c, v in conditions.values[key].items() if c != column) or "-"
                out = {"arm": arm, "dose_key": dose_key,
                       "dose": float(pd.to_numeric(pd.Series([row[column]]), errors="coerce")[0]),
                       "other_axes": others, "point": int(row["point"]), "endpoint": row["endpoint"],
                       "unit": row["unit"], "n": int(row["n"]), "mean": row["mean"],
                       "ci_low": row["ci_low"], "ci_high": row["ci_high"],
                       "n_pairs": 0, "diff_mean": math.nan, "diff_ci_low": math.nan,
                       "diff_ci_high": math.nan, "p": math.nan}
                if not paired.empty:
                    match = paired[(paired["arm"] == arm) & (paired["point"] == row["point"])
                                   & (paired["endpoint"] == row["endpoint"])]
                    if len(match):
                        m = match.iloc[0]
                        out.update({"n_pairs": int(m["n_pairs"]), "diff_mean": m["diff_mean"],
                                    "diff_ci_low": m["ci_low"], "diff_ci_high": m["ci_high"], "p": m["p"]})
                rows.append(out)
    if not rows:
        return pd.DataFrame()
    table = pd.DataFrame(rows)
    return table.sort_values(["dose_key", "arm", "other_axes", "endpoint", "dose"], kind="stable",
                             ignore_index=True)


def _compound(table: pd.DataFrame) -> np.ndarray:
    """A DataFrame as a numpy structured array for h5py: text as vlen UTF-8, integers as int64,
    everything else float64."""
    fields, columns = [], []
    for name in table.columns:
        values = table[name]
        if values.dtype == object:
            fields.append((name, h5py.string_dtype("utf-8")))
            columns.append(values.fillna("").astype(str).to_numpy(dtype=object))
        elif pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
            fields.append((name, np.int64))
            columns.append(values.to_numpy(dtype=np.int64))
        else:
            fields.append((name, np.float64))
            columns.append(values.to_numpy(dtype=np.float64))
    array = np.empty(len(table), dtype=fields)
    for (name, _), column in zip(fields, columns):
        array[name] = column
    return array


def write_hdf5(path: Path, tables: dict, notes: list) -> None:
    """Adds (replaces) /statistics in summary.h5 atomically: the file is copied to a temporary
    file in the same folder, written there and renamed over the original, so a reader sees
    either the old summary or the complete new one."""
    handle, temporary = tempfile.mkstemp(prefix=".summary.", suffix=".h5.tmp", dir=path.parent)
    os.close(handle)
    try:
        shutil.copyfile(path, temporary)
        with h5py.File(temporary, "r+") as f:
            if "statistics" in f:
                del f["statistics"]
            group = f.create_group("statistics")
            group.attrs["method"] = METHOD
            group.attrs["level"] = LEVEL
            group.attrs["notes"] = "\n".join(notes)
            for name, table in tables.items():
                if table is not None and not table.empty:
                    group.create_dataset(name, data=_compound(table))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def compute(summary: SweepSummary) -> tuple[dict, list]:
    """The three tables ("arms", "paired", "dose_response"; empty DataFrames where there is
    nothing to show) and the notes (skipped conditions, NaN intervals)."""
    conditions = Conditions(summary)
    arms = arms_table(summary, conditions)
    paired, notes = paired_table(summary, conditions)
    dose = dose_response_table(summary, conditions, arms, paired)
    if len(arms) and arms["n"].max() < 2:
        notes.append("at most 1 ok run per condition: sd, intervals and p are NaN (they need >= 2 replicates)")
    return {"arms": arms, "paired": paired, "dose_response": dose}, notes


def _number(value) -> str:
    return "nan" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.4g}"


def _interval(low, high) -> str:
    return f"[{_number(low)}, {_number(high)}]"


def short_keys(keys) -> dict:
    """Each axis key shortened to its shortest unique dotted suffix ("dose.0.cells_per_kg" ->
    "cells_per_kg"), so that a condition fits a report line."""
    keys = list(keys)
    short = {}
    for key in keys:
        parts = key.split(".")
        for size in range(1, len(parts) + 1):
            suffix = ".".join(parts[-size:])
            if sum(k == suffix or k.endswith("." + suffix) for k in keys) == 1:
                break
        short[key] = suffix
    return short


def _shorten(condition: str, short: dict) -> str:
    if condition == "-":
        return condition
    items = []
    for item in condition.split(", "):
        key, sep, value = item.partition("=")
        items.append(f"{short.get(key, key)}{sep}{value}")
    return ", ".join(items)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def report(summary: SweepSummary, tables: dict, notes: list, all_endpoints: bool = False) -> str:
    """The readable report: per endpoint (those ending in :mean or :final unless
    all_endpoints) the arm means with intervals and the paired differences."""
    runs = summary.runs
    counts = runs["status"].value_counts()
    replicates = summary.replicates
    control = summary.control_arm
    lines = [f"sweep {summary.attrs.get('sweep_name', summary.directory.name)}: {len(runs)} runs, "
             f"{counts.get('ok', 0)} ok, {counts.get('failed', 0)} failed, {counts.get('missing', 0)} missing; "
             f"{replicates if replicates is not None else '?'} replicates; control: {control or 'none'}",
             f"method: {METHOD} (interval = mean +- t(0.975, n-1) sd/sqrt(n))"]
    arms, paired = tables["arms"], tables["paired"]
    endpoints = summary.endpoint_columns
    if not all_endpoints:
        endpoints = [c for c in endpoints if c.endswith((":mean", ":final"))]
    units = summary.units
    short = short_keys(c[len("set:"):] for c in arms.columns if c.startswith("set:"))
    for column in endpoints:
        unit = units.get(column, "")
        lines.append("")
        lines.append(f"{column}" + (f"  [{unit}]" if unit else ""))
        lines.append(f"  {'arm':<14} {'condition':<36} {'n':>4} {'mean':>11}  95 % interval")
        for _, row in arms[arms["endpoint"] == column].iterrows():
            lines.append(f"  {_cut(row['arm'], 14):<14} {_cut(_shorten(row['condition'], short), 36):<36} {row['n']:>4} "
                         f"{_number(row['mean']):>11}  {_interval(row['ci_low'], row['ci_high'])}")
        if control and not paired.empty:
            part = paired[paired["endpoint"] == column]
            if len(part):
                lines.append(f"  paired difference vs {control} (arm - control, pairs by replicate seed):")
                lines.append(f"  {'arm':<14} {'condition':<30} {'pairs':>7} {'difference':>11}  "
                             f"{'95 % interval':<25} {'p':>9} {'% of ctrl':>9}")
                for _, row in part.iterrows():
                    pairs = f"{row['n_pairs']}/{replicates if replicates is not None else '?'}"
                    lines.append(f"  {_cut(row['arm'], 14):<14} {_cut(_shorten(row['condition'], short), 30):<30} {pairs:>7} "
                                 f"{_number(row['diff_mean']):>11}  "
                                 f"{_cut(_interval(row['ci_low'], row['ci_high']), 25):<25} "
                                 f"{_number(row['p']):>9} {_number(row['rel_diff_pct']):>9}")
    if not endpoints:
        lines.append("")
        lines.append("no endpoint ending in :mean or :final (use --all for every endpoint)")
    for note in notes:
        lines.append(f"note: {note}")
    return "\n".join(lines)


def write_csv(directory: Path, tables: dict) -> list:
    written = []
    for name, table in tables.items():
        path = directory / f"statistics_{name}.csv"
        if name == "dose_response" and table.empty:
            path.unlink(missing_ok=True)  # a stale table from an earlier version of the sweep
            continue
        table.to_csv(path, index=False)
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="mscsim_analysis.sweep_stats",
                                     description="Per-arm means and paired differences of a sweep.")
    parser.add_argument("directory", type=Path, help="the sweep folder (holds summary.h5 or summary.csv)")
    parser.add_argument("--quiet", action="store_true", help="write the tables, print nothing")
    parser.add_argument("--all", action="store_true", help="report every endpoint, not only :mean and :final")
    args = parser.parse_args(argv)
    try:
        summary = read_summary(args.directory)
    except (OSError, ValueError, KeyError) as error:
        print(f"sweep_stats: {error}", file=sys.stderr)
        return 2
    tables, notes = compute(summary)
    try:
        if summary.from_hdf5:
            write_hdf5(summary.source, tables, notes)
        else:
            notes.append(f"no summary.h5 in {summary.directory}: tables written to CSV only")
        write_csv(summary.directory, tables)
    except OSError as error:
        print(f"sweep_stats: cannot write the statistics: {error}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(report(summary, tables, notes, args.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())
