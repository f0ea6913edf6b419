"""The dosing studies' one way of running the simulator: they write a sweep file and run it
with `mscsim sweep`, so the local, MPI and Slurm executors (docs/sweeps.md, docs/cluster.md)
all work, and every comparison is paired by replicate seed (common random numbers: replicate
r has the same seed in every arm and at every point of one sweep seed).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from .sweep_summary import read_summary

ROOT = Path(__file__).resolve().parents[2]
UNTREATED_TIME_H = 1.0e6  # the infusion falls after the end of any run: the untreated control


class DosingError(Exception):
    """Bad input or a failed sweep; one line for the user (exit status 2)."""


class Parser(argparse.ArgumentParser):
    """Bad arguments: one line on stderr and exit status 2 (argparse prints its usage first)."""

    def error(self, message):
        print(f"{self.prog}: {message}", file=sys.stderr)
        raise SystemExit(2)


def binary() -> str:
    """$MSCSIM_BINARY, else the source tree's build/mscsim, else `mscsim` on PATH."""
    for candidate in (os.environ.get("MSCSIM_BINARY"), ROOT / "build" / "mscsim", shutil.which("mscsim")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise DosingError("mscsim binary not found (set MSCSIM_BINARY or build build/mscsim)")


def toml_value(value) -> str:
    """A TOML literal for a number, text or boolean (the values a sweep's `set` holds)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise DosingError(f"not a finite number: {value}")
        text = repr(float(value))
        return text if any(c in text for c in ".eE") else text + ".0"
    return json.dumps(str(value))


def inline_table(values: dict) -> str:
    return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in values.items()) + " }"


def sweep_text(scenario: Path, seed: int, replicates: int, arms: list, common_set: dict | None = None,
               control: str | None = "untreated", axes: list | None = None, comment: str = "") -> str:
    """A sweep file: `arms` are dicts (name, set, axes: list of axis keys or None for all);
    `axes` dicts (key, values or log_range (from, to, points))."""
    lines = [f"# {line}" for line in comment.splitlines()] + ["[sweep]", f"base = {json.dumps(str(scenario))}",
                                                              f"seed = {int(seed)}", f"replicates = {int(replicates)}"]
    if control:
        lines.append(f"control = {json.dumps(control)}")
    if common_set:
        lines.append(f"set = {inline_table(common_set)}")
    for axis in axes or []:
        lines += ["", "[[axis]]", f"key = {json.dumps(axis['key'])}"]
        if "log_range" in axis:
            low, high, points = axis["log_range"]
            lines.append(f"log_range = {{ from = {toml_value(float(low))}, to = {toml_value(float(high))}, "
                         f"points = {int(points)} }}")
        else:
            lines.append("values = [" + ", ".join(toml_value(v) for v in axis["values"]) + "]")
    for arm in arms:
        lines += ["", "[[arm]]", f"name = {json.dumps(arm['name'])}"]
        if arm.get("set"):
            lines.append(f"set = {inline_table(arm['set'])}")
        if arm.get("axes") is not None:
            lines.append("axes = [" + ", ".join(json.dumps(a) for a in arm["axes"]) + "]")
    return "\n".join(lines) + "\n"


def untreated_arm() -> dict:
    return {"name": "untreated", "set": {"dose.0.time_h": UNTREATED_TIME_H}, "axes": []}


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def check_sweep(text: str, name: str = "check") -> None:
    """Loads and validates every run's scenario (`mscsim sweep --dry-run`: nothing written);
    raises DosingError with mscsim's one-line message when the sweep or a value is bad."""
    with tempfile.TemporaryDirectory(prefix="mscsim-dosing-") as tmp:
        path = Path(tmp) / f"{name}.toml"
        path.write_text(text)
        result = subprocess.run([binary(), "sweep", str(path), "-o", str(Path(tmp) / "out"), "--dry-run"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise DosingError(first_line(result.stderr) or f"mscsim sweep --dry-run exited {result.returncode}")


def run_sweep(text: str, file: Path, directory: Path, jobs: int, executor: str = "local",
              resume: bool = False, log=None) -> None:
    """Writes the sweep file and runs it into `directory` (execute_sweep)."""
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)
    execute_sweep(file, directory, jobs, executor, resume, log)


def execute_sweep(file: Path, directory: Path, jobs: int, executor: str = "local", resume: bool = False,
                  log=None) -> None:
    """Runs a sweep file into `directory`. Failed runs (exit 5) leave NaN rows that the
    statistics drop; any other non-zero exit is an error."""
    command = [binary(), "sweep", str(file), "-o", str(directory), "--jobs", str(jobs), "--executor", executor, "-q"]
    if resume and directory.exists():
        command.append("--resume")
    submitted = time.time()
    result = subprocess.run(command, capture_output=True, text=True)
    if executor == "slurm" and result.returncode == 0:
        wait_for_summary(directory, submitted)
    if log is not None:
        Path(log).write_text(result.stdout + result.stderr)
    if result.returncode not in (0, 5):
        raise DosingError(f"{directory}: mscsim sweep exited {result.returncode}: "
                          f"{first_line(result.stderr) or first_line(result.stdout)}")


def wait_for_summary(directory: Path, since: float, poll_s: float = 10.0) -> None:
    """`mscsim sweep --executor slurm` submits a job array and returns (docs/cluster.md); the
    array's last task or the merge job writes DIR/summary.csv. Waits until one newer than the
    submission is there."""
    summary = Path(directory) / "summary.csv"
    while not (summary.exists() and summary.stat().st_mtime >= since - 1.0):
        time.sleep(poll_s)


def replicate_values(directory: Path, endpoints: list) -> dict:
    """{(arm, point): {endpoint: array over replicate 0..R-1 (NaN unless ok)}} of a finished
    sweep, with the arm's `set:<key>` axis values under the key "axes"."""
    summary = read_summary(directory)
    runs = summary.runs
    replicates = int(summary.replicates or (runs["replicate"].max() + 1))
    out = {}
    for (arm, point), group in runs.groupby(["arm", "point"], sort=False):
        entry = {"axes": {c[4:]: group[c].iloc[0] for c in summary.axis_columns}}
        ok = group["status"] == "ok"
        for endpoint in endpoints:
            values = np.full(replicates, np.nan)
            if endpoint in group.columns:
                rows = group[ok]
                values[rows["replicate"].to_numpy(dtype=int)] = rows[endpoint].to_numpy(dtype=float)
            entry[endpoint] = values
        out[(arm, int(point))] = entry
    return out
