"""scripts/window: the therapeutic window of a disease scenario (docs/dosing.md).

    scripts/window SCENARIO.toml -o DIR [--doses 1e5:1e8:7] [--replicates 6] [--jobs N]
                   [--executor local|mpi|slurm] [--endpoint COLUMN] [--margin X]
                   [--sensitivity LHS.toml|SWEEP_DIR [--top 2]] [--set KEY=VALUE ...]

One sweep (DIR/window_sweep.toml, run into DIR/sweep/): the scenario's dose 0 over a
geometric grid of cells/kg and an untreated arm (the infusion after the end of the run),
every dose and the control with the same replicate seeds, so every difference is paired.
Writes DIR/window.csv (per dose: the endpoint's and harm proxies' means and paired
differences with 95 % intervals), DIR/window.json (the minimal effective dose, the plateau
and decline doses with bootstrap intervals), figures and DIR/report/index.html; with
--sensitivity also the parameters the endpoint is most sensitive to and the window at the
low and high end of each (dosing_unknowns.py).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from . import dosing_stats
from .dosing_sweep import DosingError, Parser, check_sweep, replicate_values, run_sweep, sweep_text, untreated_arm

PRIMARY = "tissue/disease_activity:mean"
DOSE_KEY = "dose.0.cells_per_kg"
# Harm proxies: (endpoint, harm sign (+1: larger is more harmful), label). MSC1-driven
# inflammation: the MSC balance falls when more MSCs lean MSC1 (docs/ODD.md 3.3.2); lung
# entrapment: first-pass trapping of an iv dose (Lee 2009; Fischer 2009).
HARM_PROXIES = [
    ("balance/msc_balance:mean", -1, "MSC balance, time average (lower: more MSC1, pro-inflammatory)"),
    ("biodistribution/lung/total:peak", +1, "MSCs trapped in the lungs, peak (cells)"),
]
DEFAULT_SEED = 20261203


def parse_doses(text: str) -> np.ndarray:
    """"FROM:TO:N" (geometric, both ends, N >= 2) or a comma list of doses (cells/kg, > 0)."""
    try:
        if ":" in text:
            low, high, count = text.split(":")
            low, high, count = float(low), float(high), int(count)
            if not (0 < low < high and math.isfinite(high)) or count < 2:
                raise ValueError
            return np.geomspace(low, high, count)
        values = np.array(sorted(float(v) for v in text.split(",")))
        if len(values) < 2 or not np.all(np.isfinite(values)) or values[0] <= 0 or np.any(np.diff(values) <= 0):
            raise ValueError
        return values
    except ValueError:
        raise DosingError(f"--doses '{text}': expected FROM:TO:N (0 < FROM < TO, N >= 2) or an increasing "
                          "comma list of positive doses") from None


def parse_set(items: list) -> dict:
    """KEY=VALUE overrides (TOML value text: 1.5, "ia", true)."""
    out = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise DosingError(f"--set '{item}': expected KEY=VALUE")
        out[key.strip()] = typed(value.strip())
    return out


def typed(text: str):
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text.strip('"')


def window_sweep(scenario: Path, doses, replicates: int, seed: int, common_set: dict | None = None) -> str:
    treated = {"name": "treated", "set": {}, "axes": None}
    axis = {"key": DOSE_KEY, "values": [float(d) for d in doses]}
    return sweep_text(scenario, seed, replicates, [untreated_arm(), treated], common_set, axes=[axis],
                      comment=f"Therapeutic window of {scenario.name} (scripts/window, docs/dosing.md): "
                              f"{len(doses)} doses x {replicates} replicates + untreated, common random numbers.")


def analyse(sweep_dir: Path, doses, endpoint: str = PRIMARY, sign: int = -1, margin=None,
            n_boot: int = 2000) -> dict:
    """The window of `endpoint` and the harm proxies from a finished window sweep."""
    columns = [endpoint] + [h[0] for h in HARM_PROXIES]
    values = replicate_values(sweep_dir, columns)
    treated_points = sorted((p for (a, p) in values if a == "treated"))
    control = values[("untreated", 0)]
    grid = np.array([float(values[("treated", p)]["axes"][DOSE_KEY]) for p in treated_points])
    order = np.argsort(grid)
    grid = grid[order]
    matrix = {c: np.array([values[("treated", treated_points[i])][c] for i in order]) for c in columns}
    if np.all(np.isnan(matrix[endpoint])):
        raise DosingError(f"{sweep_dir}: no ok run has the endpoint {endpoint}")
    result = dosing_stats.window(grid, matrix[endpoint], control[endpoint], sign=sign, margin=margin, n_boot=n_boot)
    result.update({"endpoint": endpoint, "doses": grid})
    reference = int(np.flatnonzero(grid == result["plateau_dose"])[0]) if math.isfinite(result["plateau_dose"]) \
        else result["best_index"]
    harms = []
    for column, harm_sign, label in HARM_PROXIES:
        h = matrix[column]
        if np.all(np.isnan(h)) or np.nanmax(np.abs(h)) == 0:
            continue
        keep = dosing_stats.complete_cases(h, np.zeros(h.shape[1]))
        mean, low, high = dosing_stats.mean_interval(h[:, keep])
        rise = dosing_stats.harm_rise_index(harm_sign * h[:, keep], reference)
        harms.append({"endpoint": column, "label": label, "harm_sign": harm_sign, "mean": mean, "low": low,
                      "high": high, "control_mean": float(np.nanmean(control[column])),
                      "reference_dose": float(grid[reference]),
                      "rise_dose": float(grid[rise]) if rise is not None else math.inf})
    result["harms"] = harms
    return result


def dose_text(value: float) -> str:
    if not math.isfinite(value):
        return "none" if value > 0 else "-"
    return f"{value:.3g}"


def interval_text(pair) -> str:
    low, high = pair
    return f"[{dose_text(low) if math.isfinite(low) else '>max'}, {dose_text(high) if math.isfinite(high) else '>max'}]"


def table_rows(result: dict) -> list:
    rows = []
    for i, dose in enumerate(result["doses"]):
        row = {"dose_cells_per_kg": dose, "endpoint": result["endpoint"], "treated_mean": result["treated_mean"][i],
               "control_mean": result["control_mean"], "diff_mean": result["diff_mean"][i],
               "diff_ci_low": result["diff_low"][i], "diff_ci_high": result["diff_high"][i],
               "n_pairs": result["n_replicates"]}
        for harm in result["harms"]:
            name = harm["endpoint"]
            row[f"{name} mean"] = harm["mean"][i]
            row[f"{name} ci_low"] = harm["low"][i]
            row[f"{name} ci_high"] = harm["high"][i]
        rows.append(row)
    return rows


def summary_lines(result: dict) -> list:
    unit = result["endpoint"]
    lines = [f"endpoint {unit} (lower is better)" if result["sign"] < 0 else f"endpoint {unit} (higher is better)",
             f"  untreated mean {result['control_mean']:.4g}; {result['n_replicates']} paired replicates",
             "  cells/kg     difference vs untreated [95 % interval]"]
    for i, dose in enumerate(result["doses"]):
        lines.append(f"  {dose:9.3g}    {result['diff_mean'][i]:+.3g} [{result['diff_low'][i]:+.3g}, "
                     f"{result['diff_high'][i]:+.3g}]")
    lines += [f"  minimal effective dose: {dose_text(result['med'])} cells/kg (grid {dose_text(result['med_grid'])}), "
              f"95 % bootstrap interval {interval_text(result['med_interval'])}",
              f"  best dose: {dose_text(result['best_dose'])} ({result['best_diff']:+.3g}); plateau dose "
              f"(within {result['margin']:.3g} of the best, TOST 90 %): {dose_text(result['plateau_dose'])}, "
              f"95 % bootstrap interval {interval_text(result['plateau_interval'])}",
              f"  more is worse from: {dose_text(result['decline_dose'])}"]
    for harm in result["harms"]:
        direction = "higher" if harm["harm_sign"] > 0 else "lower"
        lines.append(f"  harm proxy {harm['endpoint']} ({direction} is more harmful): more harmful than at "
                     f"{dose_text(harm['reference_dose'])} from {dose_text(harm['rise_dose'])}")
    return lines


def jsonable(value):
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.floating, float)):
        return float(value) if math.isfinite(value) else (None if math.isnan(value) else str(float(value)))
    if isinstance(value, np.integer):
        return int(value)
    return value


def write_results(out: Path, result: dict) -> list:
    import pandas as pd
    csv_path, json_path = out / "window.csv", out / "window.json"
    pd.DataFrame(table_rows(result)).to_csv(csv_path, index=False)
    json_path.write_text(json.dumps(jsonable(result), indent=1) + "\n")
    return [csv_path, json_path]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="window", description="Therapeutic window of a disease scenario: "
                                     "dose-response, minimal effective dose, plateau, harm proxies (docs/dosing.md).")
    parser.add_argument("scenario", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True, help="study folder (must not exist or be empty)")
    parser.add_argument("--doses", default="1e5:1e8:7", help="FROM:TO:N geometric or a comma list (cells/kg)")
    parser.add_argument("--replicates", type=int, default=6, help="paired replicate seeds (>= 2; default 6)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sweep seed (replicate seeds derive from it)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--executor", default="local", choices=["local", "mpi", "slurm"])
    parser.add_argument("--endpoint", default=PRIMARY, help=f"summary column (default {PRIMARY})")
    parser.add_argument("--higher-is-better", action="store_true", help="the endpoint's benefit is an increase")
    parser.add_argument("--margin", type=float, help="plateau margin delta in endpoint units "
                        "(default: 20 %% of the best mean benefit)")
    parser.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples (default 2000)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override applied to every run, e.g. run.duration_h=168")
    parser.add_argument("--sensitivity", type=Path, help="an lhs sweep file to run, or a finished lhs sweep folder")
    parser.add_argument("--top", type=int, default=2, help="parameters whose plausible ends re-run the window")
    parser.add_argument("--ends-doses", help="doses of the re-runs at parameter ends (default: --doses)")
    parser.add_argument("--ends-replicates", type=int, help="replicates of those re-runs (default: --replicates)")
    parser.add_argument("--resume", action="store_true", help="reuse a study folder (finished runs are kept)")
    return parser


def validate(args) -> dict:
    if not args.scenario.is_file():
        raise DosingError(f"{args.scenario}: no such scenario file")
    if args.replicates < 2:
        raise DosingError(f"--replicates {args.replicates}: at least 2 (an interval needs two pairs)")
    if args.jobs < 1:
        raise DosingError(f"--jobs {args.jobs}: at least 1")
    if args.bootstrap < 100:
        raise DosingError(f"--bootstrap {args.bootstrap}: at least 100")
    if args.margin is not None and not (args.margin > 0 and math.isfinite(args.margin)):
        raise DosingError(f"--margin {args.margin}: a positive number")
    if args.top < 1:
        raise DosingError(f"--top {args.top}: at least 1")
    if args.ends_replicates is not None and args.ends_replicates < 2:
        raise DosingError(f"--ends-replicates {args.ends_replicates}: at least 2")
    if args.sensitivity is not None and not args.sensitivity.exists():
        raise DosingError(f"--sensitivity {args.sensitivity}: no such file or folder")
    if args.output.exists() and any(args.output.iterdir()) and not args.resume:
        raise DosingError(f"{args.output}: exists and is not empty (choose another folder or --resume)")
    return parse_set(args.set)


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        common = validate(args)
        doses = parse_doses(args.doses)
        ends_doses = parse_doses(args.ends_doses) if args.ends_doses else doses
        scenario = args.scenario.resolve()
        text = window_sweep(scenario, doses, args.replicates, args.seed, common)
        check_sweep(text, "window")  # a bad scenario or value: nothing written
        out = args.output
        out.mkdir(parents=True, exist_ok=True)
        print(f"window: {len(doses)} doses x {args.replicates} replicates + untreated -> {out / 'sweep'}", flush=True)
        run_sweep(text, out / "window_sweep.toml", out / "sweep", args.jobs, args.executor, args.resume,
                  out / "sweep_output.log")
        sign = 1 if args.higher_is_better else -1
        result = analyse(out / "sweep", doses, args.endpoint, sign, args.margin, args.bootstrap)
        written = write_results(out, result)
        for line in summary_lines(result):
            print(line)
        unknowns = None
        if args.sensitivity is not None:
            from .dosing_unknowns import model_unknowns
            unknowns = model_unknowns(args, scenario, common, ends_doses, sign, result)
        from .dosing_figures import window_report
        written.append(window_report(out, result, scenario, args, unknowns))
        print(f"window: wrote {', '.join(str(p) for p in written)}")
    except DosingError as error:
        print(f"window: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"window: {str(error).splitlines()[0]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
