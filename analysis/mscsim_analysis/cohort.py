"""The analysis of a virtual cohort (`mscsim cohort`, docs/cohorts.md).

Reads a cohort folder: DIR/cohort.toml (the cohort file, with its responder definition),
DIR/patients.csv (the drawn attributes) and DIR/sweep/summary.csv (one row per run; patient i
is point i of the arms "treated" and "untreated"). Writes

- DIR/cohort_patients.csv: per patient its attributes, the endpoint in each arm and whether
  it responds in each arm;
- DIR/cohort_report.csv and DIR/cohort_report.json: the response rate of each arm with its
  95 % Clopper-Pearson interval, the paired difference (treated - untreated) with Newcombe's
  interval for paired proportions and the exact McNemar test, and which attributes predict
  response (logistic regression by Newton's method / IRLS on standardised attributes, Wald
  intervals; and Spearman's rank correlation of each attribute with the paired benefit);

and prints a summary. Usage: python3 -m mscsim_analysis.cohort DIR [--quiet]. A missing or
malformed folder exits 2 with one line on stderr.

References: Clopper & Pearson 1934; Newcombe 1998 (paired differences, method 10);
McNemar 1947.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import tomllib
from pathlib import Path

import numpy as np
from scipy import stats

from mscsim_analysis.cohort_statistics import (  # noqa: F401 (re-exported for callers and tests)
    LEVEL, clopper_pearson, logistic_regression, paired_difference, wilson)


class CohortInputError(Exception):
    """A cohort folder that cannot be analysed (exit 2)."""


# ---------------------------------------------------------------------------------------
# Responder definition

def _below(value, reference, responder):
    """value at least `margin` below reference and at most (1 - relative_margin) times it."""
    margin = responder.get("margin", 0.0)
    relative = responder.get("relative_margin", 0.0)
    return bool(value <= reference - margin and value <= reference * (1.0 - relative))


def _known(x):
    return x is not None and not math.isnan(x)


def responders(treated, untreated, responder, start_treated=None, start_untreated=None):
    """Per patient (treated responds, untreated responds); None where the endpoint is missing.

    `responder` is the [responder] table of the cohort file: rule at_most / at_least compare
    each run's endpoint with `threshold`; below_start compares it with the same run's series
    at its start (`start_*`: the trajectory's first value), so each arm has its own rate;
    below_untreated makes the treated run a responder when it is below the same patient's
    untreated run, and nobody responds untreated (the untreated run is the reference). The
    below_* rules need the value at least `margin` below and at most (1 - relative_margin)
    times the reference."""
    rule = responder["rule"]
    out_t, out_u = [], []
    if rule == "below_start":
        start_treated = start_treated or [None] * len(treated)
        start_untreated = start_untreated or [None] * len(untreated)
        for value, start, out in ((treated, start_treated, out_t), (untreated, start_untreated, out_u)):
            for v, s in zip(value, start):
                out.append(_below(v, s, responder) if _known(v) and _known(s) else None)
        return out_t, out_u
    for t, u in zip(treated, untreated):
        t_ok, u_ok = _known(t), _known(u)
        if rule == "at_most":
            thr = responder["threshold"]
            out_t.append(bool(t <= thr) if t_ok else None)
            out_u.append(bool(u <= thr) if u_ok else None)
        elif rule == "at_least":
            thr = responder["threshold"]
            out_t.append(bool(t >= thr) if t_ok else None)
            out_u.append(bool(u >= thr) if u_ok else None)
        elif rule == "below_untreated":
            if t_ok and u_ok:
                out_t.append(_below(t, u, responder))
                out_u.append(False)
            else:
                out_t.append(None)
                out_u.append(None)
        else:
            raise CohortInputError(f"unknown responder rule '{rule}'")
    return out_t, out_u


# ---------------------------------------------------------------------------------------
# Reading a cohort folder

def _float(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def read_folder(folder: Path):
    cohort_file = folder / "cohort.toml"
    patients_file = folder / "patients.csv"
    summary_file = folder / "sweep" / "summary.csv"
    for f in (cohort_file, patients_file, summary_file):
        if not f.is_file():
            raise CohortInputError(f"{f}: missing (not a cohort folder of mscsim cohort, or the runs have not finished)")
    try:
        cohort = tomllib.loads(cohort_file.read_text())
    except tomllib.TOMLDecodeError as e:
        raise CohortInputError(f"{cohort_file}: {e}") from None
    if "responder" not in cohort:
        raise CohortInputError(f"{cohort_file}: no [responder] table")
    with patients_file.open(newline="") as f:
        patients = list(csv.DictReader(f))
    with summary_file.open(newline="") as f:
        summary = list(csv.DictReader(f))
    return cohort, patients, summary


def endpoint_by_patient(summary, endpoint, arm, count):
    values = [None] * count
    status = ["missing"] * count
    if summary and endpoint not in summary[0]:
        raise CohortInputError(f"the summary has no column '{endpoint}' (the responder's endpoint); "
                               "does the base scenario write that series?")
    for row in summary:
        if row["arm"] != arm:
            continue
        i = int(row["point"])
        if i >= count:
            continue
        status[i] = row["status"]
        if row["status"] == "ok":
            v = _float(row[endpoint])
            values[i] = None if math.isnan(v) else v
    return values, status


def start_by_patient(folder, series, arm, status):
    """The first value of `series` in each ok run's trajectory (DIR/sweep/runs/<id>.h5)."""
    import h5py

    values = []
    for i, st in enumerate(status):
        path = folder / "sweep" / "runs" / f"{arm}-p{i:04d}-r000.h5"
        if st != "ok" or not path.is_file():
            values.append(None)
            continue
        with h5py.File(path, "r") as f:
            name = f"timeseries/{series}"
            if name not in f:
                raise CohortInputError(f"{path}: no series '{series}' (the responder's endpoint)")
            values.append(float(f[name][0]))
    return values


def attribute_matrix(patients, keys):
    """Numeric predictors: numbers as they are; text attributes as 0/1 indicators of every
    level but the first (in order of appearance). Returns (names, columns)."""
    names, columns = [], []
    for key in keys:
        raw = [p[key] for p in patients]
        numbers = [_float(v) for v in raw]
        if not any(math.isnan(v) for v in numbers):
            if raw and raw[0] in ("true", "false"):
                numbers = [1.0 if v == "true" else 0.0 for v in raw]
            names.append(key)
            columns.append(np.array(numbers))
            continue
        levels = list(dict.fromkeys(raw))
        for level in levels[1:]:
            names.append(f"{key}={level}")
            columns.append(np.array([1.0 if v == level else 0.0 for v in raw]))
    return names, columns


def predictors(patients, keys, responds, benefit):
    """Which attributes predict response in the treated arm."""
    names, columns = attribute_matrix(patients, keys)
    keep = [i for i, c in enumerate(columns) if np.std(c) > 0]
    names = [names[i] for i in keep]
    columns = [columns[i] for i in keep]
    rows = []
    usable = [i for i, r in enumerate(responds) if r is not None]
    if names and usable:
        x = np.column_stack([c[usable] for c in columns])
        means, sds = x.mean(axis=0), x.std(axis=0)
        sds[sds == 0] = 1.0
        fit = logistic_regression((x - means) / sds, np.array([1.0 if responds[i] else 0.0 for i in usable]))
        for j, name in enumerate(names):
            coefficient, se = fit["coefficients"][j + 1], fit["se"][j + 1]
            z = float(stats.norm.ppf(1 - (1 - LEVEL) / 2))
            rows.append({"attribute": name, "method": "logistic regression (per SD, Wald)",
                         "estimate": float(coefficient), "ci_low": float(coefficient - z * se),
                         "ci_high": float(coefficient + z * se), "p": float(fit["p"][j + 1]),
                         "note": ("all or none respond: no estimate" if len(set(responds[i] for i in usable)) == 1 else
                                  "separation: no finite estimate") if fit["separated"] else
                                 ("" if fit["converged"] else "did not converge")})
    paired = [i for i, v in enumerate(benefit) if v is not None]
    for name, column in zip(names, columns):
        if len(paired) < 3:
            break
        values = np.array([benefit[i] for i in paired])
        if np.std(values) == 0:
            continue
        rho, p = stats.spearmanr(column[paired], values)
        rows.append({"attribute": name, "method": "Spearman rank correlation with the paired benefit",
                     "estimate": float(rho), "ci_low": math.nan, "ci_high": math.nan, "p": float(p), "note": ""})
    return rows


def analyse(folder: Path):
    cohort, patients, summary = read_folder(folder)
    responder = cohort["responder"]
    endpoint = responder["endpoint"]
    keys = [a["key"] for a in cohort.get("attribute", [])]
    count = len(patients)
    treated, status_t = endpoint_by_patient(summary, endpoint, "treated", count)
    untreated, status_u = endpoint_by_patient(summary, endpoint, "untreated", count)
    starts = (None, None)
    if responder["rule"] == "below_start":
        series = endpoint.rsplit(":", 1)[0]
        starts = (start_by_patient(folder, series, "treated", status_t), start_by_patient(folder, series, "untreated", status_u))
    resp_t, resp_u = responders(treated, untreated, responder, *starts)
    lower_is_better = responder["rule"] != "at_least"
    benefit = [((u - t) if lower_is_better else (t - u)) if t is not None and u is not None else None
               for t, u in zip(treated, untreated)]

    arms = {}
    for arm, flags in (("treated", resp_t), ("untreated", resp_u)):
        known = [f for f in flags if f is not None]
        k, n = sum(known), len(known)
        low, high = clopper_pearson(k, n)
        arms[arm] = {"responders": k, "patients": n, "rate": k / n if n else math.nan, "ci_low": low, "ci_high": high}
    paired = paired_difference(resp_t, resp_u)
    benefits = [b for b in benefit if b is not None]
    if len(benefits) >= 2:
        mean_b = float(np.mean(benefits))
        half = float(stats.t.ppf(1 - (1 - LEVEL) / 2, len(benefits) - 1) * np.std(benefits, ddof=1) / math.sqrt(len(benefits)))
        endpoint_difference = {"mean": -mean_b if lower_is_better else mean_b, "ci_low": (-mean_b - half) if lower_is_better else mean_b - half,
                               "ci_high": (-mean_b + half) if lower_is_better else mean_b + half, "n_pairs": len(benefits)}
    else:
        endpoint_difference = {"mean": math.nan, "ci_low": math.nan, "ci_high": math.nan, "n_pairs": len(benefits)}
    report = {
        "format": "mscsim-cohort-report", "schema_version": 1,
        "cohort": cohort["cohort"].get("name", folder.name), "base": cohort["cohort"].get("base", ""),
        "seed": cohort["cohort"].get("seed"), "patients": count,
        "responder": responder, "level": LEVEL,
        "rate_method": "Clopper-Pearson exact", "difference_method": "Newcombe 1998 method 10; exact McNemar test",
        "arms": arms, "paired_difference": paired,
        "endpoint_difference": endpoint_difference,
        "runs_not_ok": sum(1 for s in status_t + status_u if s != "ok"),
        "predictors": predictors(patients, keys, resp_t, benefit),
    }
    with (folder / "cohort_patients.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["patient"] + keys + [f"untreated:{endpoint}", f"treated:{endpoint}", "responder_untreated", "responder_treated"])
        text = lambda v: "" if v is None else (str(int(v)) if isinstance(v, bool) else repr(v))
        for i, p in enumerate(patients):
            writer.writerow([p["patient"]] + [p[k] for k in keys] + [text(untreated[i]), text(treated[i]), text(resp_u[i]), text(resp_t[i])])
    with (folder / "cohort_report.csv").open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["quantity", "subject", "estimate", "ci_low", "ci_high", "p", "n", "method"])
        for arm, a in arms.items():
            writer.writerow(["response_rate", arm, a["rate"], a["ci_low"], a["ci_high"], "", a["patients"], "Clopper-Pearson exact, 95 %"])
        writer.writerow(["rate_difference", "treated - untreated", paired["difference"], paired["ci_low"], paired["ci_high"],
                         paired["p"], paired["n_pairs"], "Newcombe 1998 method 10; exact McNemar p"])
        writer.writerow(["endpoint_difference", f"treated - untreated {endpoint}", endpoint_difference["mean"],
                         endpoint_difference["ci_low"], endpoint_difference["ci_high"], "", endpoint_difference["n_pairs"],
                         "paired Student t, 95 %"])
        for row in report["predictors"]:
            writer.writerow(["predictor", row["attribute"], row["estimate"], row["ci_low"], row["ci_high"], row["p"], "",
                             row["method"] + (f" ({row['note']})" if row["note"] else "")])
    (folder / "cohort_report.json").write_text(json.dumps(report, indent=1, default=_json_default, allow_nan=True) + "\n")
    return report


def _json_default(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    raise TypeError(type(value))


def percent(x):
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f} %"


def print_report(report):
    r = report["responder"]
    print(f"Cohort '{report['cohort']}': {report['patients']} patients, each untreated and treated (paired).")
    rule = r["rule"] + (f" {r['threshold']}" if "threshold" in r else
                        f" (margin {r.get('margin', 0)}, relative margin {r.get('relative_margin', 0)})")
    print(f"Responder: {r['endpoint']} {rule}; stands for: {r['criterion']}")
    for arm in ("treated", "untreated"):
        a = report["arms"][arm]
        print(f"  {arm:<9} {a['responders']}/{a['patients']} respond: {percent(a['rate'])} "
              f"[{percent(a['ci_low'])}, {percent(a['ci_high'])}] (95 %, Clopper-Pearson)")
    d = report["paired_difference"]
    print(f"  difference treated - untreated: {percent(d['difference'])} [{percent(d['ci_low'])}, {percent(d['ci_high'])}] "
          f"(Newcombe), McNemar exact p = {d['p']:.3g} ({d['treated_only']} respond only treated, "
          f"{d['untreated_only']} only untreated)")
    e = report["endpoint_difference"]
    print(f"  {r['endpoint']}: treated - untreated {e['mean']:.3g} [{e['ci_low']:.3g}, {e['ci_high']:.3g}] "
          f"(paired t, {e['n_pairs']} pairs)")
    if report["runs_not_ok"]:
        print(f"  {report['runs_not_ok']} runs not ok (left out)")
    if report["predictors"]:
        print("  predictors of response (treated arm):")
        for p in report["predictors"]:
            interval = "" if math.isnan(p["ci_low"]) else f" [{p['ci_low']:.2f}, {p['ci_high']:.2f}]"
            note = f" ({p['note']})" if p["note"] else ""
            print(f"    {p['attribute']:<48} {p['method']}: {p['estimate']:.2f}{interval}, p = {p['p']:.3g}{note}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    quiet = "--quiet" in argv
    args = [a for a in argv if a != "--quiet"]
    if len(args) != 1:
        print("usage: python3 -m mscsim_analysis.cohort DIR [--quiet]", file=sys.stderr)
        return 2
    try:
        report = analyse(Path(args[0]))
    except CohortInputError as e:
        print(f"mscsim_analysis.cohort: error: {e}", file=sys.stderr)
        return 2
    if not quiet:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
