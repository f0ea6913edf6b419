"""The clinical trial table (scenarios/trials/trials.toml) and its comparison with virtual
cohorts (scripts/trials, docs/cohorts.md).

A row's rate is responders/evaluated with its exact (Clopper-Pearson) 95 % interval; the
model's rate is the treated arm of the row's cohort (DIR/cohort_report.json) with its own
interval. They disagree when the two intervals do not overlap (a deliberately lenient test:
it flags only differences that both samples resolve)."""

from __future__ import annotations

import math
import re
import tomllib
from pathlib import Path

from mscsim_analysis.cohort import clopper_pearson

REQUIRED = ("key", "disease", "source", "source_detail", "controlled", "dose", "cell_source", "route", "result",
            "criterion", "scenario", "cohort")
OPTIONAL = ("patients", "controls", "responders", "evaluated", "control_responders", "control_evaluated", "note")


class TrialTableError(Exception):
    """A malformed trial table (exit 2)."""


def reference_keys(references: Path) -> set:
    return {m.group(1).strip() for m in re.finditer(r"^### (.+)$", references.read_text(), re.M)}


def load(path: Path, references: Path | None = None):
    """The rows of the trial table, checked: known fields only, required fields present,
    counts consistent, every source a key of docs/references.md, every scenario and cohort
    path an existing file."""
    try:
        table = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as e:
        raise TrialTableError(f"{path}: {e}") from None
    if set(table) != {"trial"}:
        raise TrialTableError(f"{path}: expected only [[trial]] tables, got {sorted(set(table) - {'trial'})}")
    keys = reference_keys(references) if references else None
    rows, seen = [], set()
    for i, row in enumerate(table["trial"]):
        where = f"{path}: trial {i} ({row.get('key', '?')})"
        unknown = set(row) - set(REQUIRED) - set(OPTIONAL)
        if unknown:
            raise TrialTableError(f"{where}: unknown fields {sorted(unknown)}")
        missing = [f for f in REQUIRED if f not in row]
        if missing:
            raise TrialTableError(f"{where}: missing fields {missing}")
        if row["key"] in seen:
            raise TrialTableError(f"{where}: key used twice")
        seen.add(row["key"])
        if keys is not None and row["source"] not in keys:
            raise TrialTableError(f"{where}: source '{row['source']}' is not a key of {references}")
        for arm in ("", "control_"):
            k, n = row.get(f"{arm}responders"), row.get(f"{arm}evaluated")
            if (k is None) != (n is None):
                raise TrialTableError(f"{where}: give both {arm}responders and {arm}evaluated, or neither")
            if k is not None and not (isinstance(k, int) and isinstance(n, int) and 0 <= k <= n and n >= 1):
                raise TrialTableError(f"{where}: {arm}responders/{arm}evaluated must be counts with 0 <= k <= n")
        for field in ("scenario", "cohort"):
            if row[field] and not (path.parent / row[field]).is_file():
                raise TrialTableError(f"{where}: {field} '{row[field]}' is not a file")
        if row["cohort"] and not row["scenario"]:
            raise TrialTableError(f"{where}: a cohort needs the row's scenario")
        rows.append(row)
    return rows


def trial_rate(row, arm=""):
    """(k, n, rate, low, high) of the trial's arm, or None without counts."""
    k, n = row.get(f"{arm}responders"), row.get(f"{arm}evaluated")
    if k is None:
        return None
    low, high = clopper_pearson(k, n)
    return (k, n, k / n, low, high)


def overlap(a, b):
    return not (a[1] < b[0] or b[1] < a[0])


def compare(row, report):
    """The row's trial rate(s) beside the model's, and whether they disagree."""
    out = {"key": row["key"], "source": row["source"], "criterion": row["criterion"]}
    verdicts = []
    for arm, model_arm, label in (("", "treated", "treated"), ("control_", "untreated", "control")):
        trial = trial_rate(row, arm)
        model = report["arms"][model_arm]
        out[f"{label}_trial"] = trial
        out[f"{label}_model"] = (model["responders"], model["patients"], model["rate"], model["ci_low"], model["ci_high"])
        if trial is None or math.isnan(model["rate"]):
            continue
        agree = overlap((trial[3], trial[4]), (model["ci_low"], model["ci_high"]))
        verdicts.append("agrees" if agree else f"DISAGREES ({label})")
    out["verdict"] = ", ".join(verdicts) if verdicts else "no rate to compare"
    return out


def percent_text(rate):
    if rate is None:
        return "-"
    k, n, p, low, high = rate
    return f"{k}/{n} = {100 * p:.0f} % [{100 * low:.0f}, {100 * high:.0f}]"
