"""scripts/trials: run the cohort of every row of the trial table that has one, and print the
trial's response rate beside the model's (docs/cohorts.md, "The trial table")."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from pathlib import Path

from mscsim_analysis import trials_table


def parse(argv):
    p = argparse.ArgumentParser(prog="scripts/trials", description=__doc__)
    p.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2], help=argparse.SUPPRESS)
    p.add_argument("--patients", type=int, help="patients per cohort (default: each cohort file's number)")
    p.add_argument("--jobs", type=int, default=2, help="runs at a time (default 2)")
    p.add_argument("--only", action="append", default=[], metavar="KEY", help="only this row (repeatable)")
    p.add_argument("-o", "--output", type=Path, default=Path("out/trials"), help="folder of the cohorts (default out/trials)")
    p.add_argument("--binary", type=Path, help="the mscsim executable (default ROOT/build/mscsim)")
    p.add_argument("--list", action="store_true", help="print the table's rows and run nothing")
    args = p.parse_args(argv)
    if args.patients is not None and args.patients < 1:
        p.error("--patients must be at least 1")
    return args


def run_cohort(binary, cohort, folder, args):
    """Runs (or resumes) a cohort; returns its report."""
    argv = [str(binary), "cohort", str(cohort), "-o", str(folder), "--jobs", str(args.jobs)]
    if args.patients:
        argv += ["--patients", str(args.patients)]
    if (folder / "cohort_sweep.toml").exists():
        argv.append("--resume")
    print(f"$ {' '.join(argv)}", flush=True)
    r = subprocess.run(argv, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{cohort.name}: mscsim cohort exited with {r.returncode}: {r.stderr.strip()}")
    return json.loads((folder / "cohort_report.json").read_text())


def main(argv=None):
    args = parse(sys.argv[1:] if argv is None else argv)
    table = args.root / "scenarios" / "trials" / "trials.toml"
    try:
        rows = trials_table.load(table, args.root / "docs" / "references.md")
    except trials_table.TrialTableError as e:
        print(f"scripts/trials: error: {e}", file=sys.stderr)
        return 2
    unknown = set(args.only) - {r["key"] for r in rows}
    if unknown:
        print(f"scripts/trials: error: no row {sorted(unknown)} in {table}", file=sys.stderr)
        return 2
    if args.list:
        for r in rows:
            rate = trials_table.percent_text(trials_table.trial_rate(r))
            print(f"{r['key']:<42} {r['source']:<15} {rate:<26} cohort: {r['cohort'] or '-'}")
        return 0
    selected = [r for r in rows if (not args.only or r["key"] in args.only)]
    runnable = [r for r in selected if r["cohort"] and trials_table.trial_rate(r)]
    if not runnable:
        print("scripts/trials: no selected row has a cohort and a response rate", file=sys.stderr)
        return 2
    binary = args.binary or args.root / "build" / "mscsim"
    reports = {}
    results = []
    for r in runnable:
        cohort = (table.parent / r["cohort"]).resolve()
        folder = args.output / (cohort.stem + (f"-n{args.patients}" if args.patients else ""))
        if cohort not in reports:
            try:
                reports[cohort] = run_cohort(binary, cohort, folder, args)
            except RuntimeError as e:
                print(f"scripts/trials: error: {e}", file=sys.stderr)
                return 3
        results.append(trials_table.compare(r, reports[cohort]))
    print()
    print(f"{'trial':<36} {'criterion':<44} {'trial rate [95 %]':<24} {'model rate [95 %]':<24} verdict")
    for c in results:
        print(f"{c['key']:<36} {c['criterion'][:44]:<44} {trials_table.percent_text(c['treated_trial']):<24} "
              f"{trials_table.percent_text(c['treated_model']):<24} {c['verdict']}")
        if c["control_trial"]:
            print(f"{'  control / untreated':<36} {'':<44} {trials_table.percent_text(c['control_trial']):<24} "
                  f"{trials_table.percent_text(c['control_model']):<24}")
    print("\nIntervals: exact (Clopper-Pearson) 95 %; the model's from its cohort's patients (one run each). "
          "'DISAGREES' where the trial's and the model's intervals do not overlap. No rule or parameter was "
          "tuned to any row.")
    args.output.mkdir(parents=True, exist_ok=True)
    with (args.output / "trials_comparison.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["key", "source", "arm", "trial_k", "trial_n", "trial_rate", "trial_low", "trial_high",
                    "model_k", "model_n", "model_rate", "model_low", "model_high", "verdict"])
        for c in results:
            for label in ("treated", "control"):
                t, m = c[f"{label}_trial"], c[f"{label}_model"]
                if t:
                    w.writerow([c["key"], c["source"], label, *t, *m, c["verdict"]])
    return 0


if __name__ == "__main__":
    sys.exit(main())
