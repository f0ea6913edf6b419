"""What the model does not know (scripts/window --sensitivity; docs/dosing.md): the
parameters the endpoint is most sensitive to, by partial rank correlation over a Latin
hypercube sweep (sensitivity.py; Marino et al. 2008), and the window re-run with each of the
top parameters at the low and the high end of its plausible range (the sweep's sample range),
so that the report says how far the recommended doses move with what the model assumes.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from .dosing_sweep import DosingError, execute_sweep, run_sweep
from .dosing_window import analyse, dose_text, interval_text, window_sweep
from .sensitivity import prcc_table
from .sweep_summary import read_summary


def sensitivity_folder(args, out: Path) -> Path:
    """A finished lhs sweep folder, or the given lhs sweep file run into DIR/sensitivity_sweep."""
    source = args.sensitivity
    if source.is_dir():
        return source
    directory = out / "sensitivity_sweep"
    print(f"window: sensitivity sweep {source} -> {directory}", flush=True)
    execute_sweep(source, directory, args.jobs, args.executor, args.resume, out / "sensitivity_output.log")
    return directory


def ranking(directory: Path, endpoint: str) -> tuple:
    """(PRCC table of `endpoint` sorted by |PRCC|, {parameter: (from, to)})."""
    summary = read_summary(directory)
    if summary.sampling != "lhs":
        raise DosingError(f"{directory}: the sensitivity sweep must use [sampling] method = \"lhs\"")
    if endpoint not in summary.endpoint_columns:
        raise DosingError(f"{directory}: the sensitivity sweep has no endpoint {endpoint}")
    table = prcc_table(summary, [endpoint])
    if table.empty:
        raise DosingError(f"{directory}: too few ok runs for PRCC")
    table = table.assign(abs_prcc=table["prcc"].abs()).sort_values("abs_prcc", ascending=False)
    axes = summary.axes[summary.axes["kind"] == "sample"]
    ranges = {k: (float(f), float(t)) for k, f, t in zip(axes["key"], axes["from"], axes["to"])}
    return table.drop(columns="abs_prcc").reset_index(drop=True), ranges


def model_unknowns(args, scenario: Path, common: dict, doses, sign: int, baseline: dict) -> dict:
    out = args.output
    directory = sensitivity_folder(args, out)
    table, ranges = ranking(directory, args.endpoint)
    table.to_csv(out / "unknowns_prcc.csv", index=False)
    top = list(dict.fromkeys(table["parameter"]))[: args.top]
    replicates = args.ends_replicates or args.replicates
    ends = []
    # When the re-runs use another grid or fewer replicates than the main window, the
    # baseline is re-run with those too: fewer replicates alone make equivalence harder to
    # show (the plateau moves up) and a coarser grid moves both doses.
    same = replicates == args.replicates and len(doses) == len(baseline["doses"]) and \
        all(abs(a / b - 1) < 1e-9 for a, b in zip(doses, baseline["doses"]))
    cases = [] if same else [("(none)", "baseline", None)]
    cases += [(p, end, value) for p in top for end, value in zip(("low", "high"), ranges[p])]
    for parameter, end, value in cases:
        name = "baseline" if value is None else f"{parameter.replace('.', '_')}_{end}"
        overrides = dict(common) if value is None else {**common, parameter: value}
        text = window_sweep(scenario, doses, replicates, args.seed, overrides)
        print(f"window: {parameter} = {value if value is not None else 'as in the scenario'} ({end}) -> "
              f"{out / 'ends' / name}", flush=True)
        run_sweep(text, out / "ends" / f"{name}.toml", out / "ends" / name, args.jobs, args.executor,
                  args.resume, out / "ends" / f"{name}.log")
        result = analyse(out / "ends" / name, doses, args.endpoint, sign, baseline["margin"], args.bootstrap)
        ends.append({"parameter": parameter, "end": end, "value": math.nan if value is None else value,
                     "med": result["med"],
                     "med_interval": result["med_interval"], "plateau_dose": result["plateau_dose"],
                     "plateau_interval": result["plateau_interval"], "best_dose": result["best_dose"],
                     "best_diff": result["best_diff"], "control_mean": result["control_mean"]})
    frame = pd.DataFrame([{**{k: v for k, v in e.items() if not k.endswith("interval")},
                           "med_low": e["med_interval"][0], "med_high": e["med_interval"][1],
                           "plateau_low": e["plateau_interval"][0], "plateau_high": e["plateau_interval"][1]}
                          for e in ends])
    frame.to_csv(out / "unknowns.csv", index=False)
    summary = read_summary(directory)
    n_points = int(table["n_points"].max())
    lines = [f"Sensitivity: PRCC of {args.endpoint} over {n_points} Latin-hypercube points "
             f"({len(ranges)} parameters, {summary.replicates} replicate(s) each; {directory}). Largest |PRCC|: "
             + "; ".join(f"{r.parameter} {r.prcc:+.2f} (p {r.p:.2g}{', significant' if r.significant else ''})"
                         for r in table.head(5).itertuples()) + "."]
    lines.append(f"Main window: MED {dose_text(baseline['med'])} {interval_text(baseline['med_interval'])}, "
                 f"plateau {dose_text(baseline['plateau_dose'])} {interval_text(baseline['plateau_interval'])}.")
    for e in ends:
        setting = "baseline re-run on the re-runs' grid" if e["end"] == "baseline" else \
            f"{e['parameter']} = {e['value']:.3g} ({e['end']} end)"
        lines.append(f"{setting}: MED {dose_text(e['med'])} "
                     f"{interval_text(e['med_interval'])}, plateau {dose_text(e['plateau_dose'])} "
                     f"{interval_text(e['plateau_interval'])}, best {dose_text(e['best_dose'])} "
                     f"({e['best_diff']:+.3g}; untreated {e['control_mean']:.3g}); {replicates} replicates.")
    for line in lines:
        print(f"  {line}")
    reference = next((e for e in ends if e["end"] == "baseline"), baseline)
    return {"table": table, "ends": [e for e in ends if e["end"] != "baseline"], "baseline": reference,
            "lines": lines}
