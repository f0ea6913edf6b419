"""scripts/optimize-regimen: a Bayesian-optimisation search for the best regimen of a
disease scenario (docs/dosing.md, "Regimen search").

    scripts/optimize-regimen SCENARIO.toml -o DIR --trials N [--replicates 3] [--jobs 2]
        [--batch B] [--top 3] [--final-replicates 10] [--routes iv,ia] [--seed S] [--set KEY=VALUE]

Search space (dose 0 of the scenario): log10 cells/kg, number of infusions and their spacing,
route (iv/ia where the scenario's route is one of them), IFN-gamma pre-licensing, freshly
thawed or acclimated, passage. Sampler: optuna's TPE, seeded (Bergstra 2011; Akiba 2019).
Each trial is evaluated by R replicate runs paired with R untreated runs of the same seeds
(common random numbers; the untreated runs are run once for the whole search), and its
objective is the mean paired difference (lower is better for disease activity). Trials run
B at a time as the arms of one `mscsim sweep`, so any executor works.

The best of N noisy trials is optimistically biased (its noise was selected along with it);
the top regimens are therefore re-evaluated with more replicates under a fresh sweep seed,
against untreated and against the scenario's own regimen (paired), and it is those numbers
that the report asks the reader to trust.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .dosing_sweep import (DosingError, Parser, check_sweep, replicate_values, run_sweep, sweep_text,
                           untreated_arm)
from .dosing_window import PRIMARY, parse_set
from .sweep_stats import paired_difference, t_interval

PRELICENSING_IFNG_NG_PER_ML = 50.0  # Polchert 2008: IFN-gamma pre-treatment (about 500 U/mL) ...
PRELICENSING_H = 48.0               # ... for 48 h (scenarios/disease/agvhd_iv_prelicensed.toml)
DEFAULT_SEED = 20261203


@dataclass
class Space:
    """The regimen search space. `routes` empty: the scenario's route is kept."""

    dose_low: float = 1e5
    dose_high: float = 1e8
    max_count: int = 4
    every_h: tuple = (24, 168)      # spacing of repeated infusions, in steps of 24 h
    routes: list = field(default_factory=list)
    passages: tuple = (1, 8)        # clinical products are passage 2-5 (docs/parameters.md)
    product: bool = True            # search pre-licensing and thawed/acclimated

    def suggest(self, trial) -> dict:
        params = {"log10_cells_per_kg": trial.suggest_float("log10_cells_per_kg", math.log10(self.dose_low),
                                                            math.log10(self.dose_high)),
                  "count": trial.suggest_int("count", 1, self.max_count)}
        if params["count"] > 1:
            params["every_h"] = trial.suggest_int("every_h", self.every_h[0], self.every_h[1], step=24)
        if len(self.routes) > 1:
            params["route"] = trial.suggest_categorical("route", list(self.routes))
        if self.product:
            params["prelicensed"] = trial.suggest_categorical("prelicensed", [False, True])
            params["freshly_thawed"] = trial.suggest_categorical("freshly_thawed", [False, True])
            params["passage"] = trial.suggest_int("passage", self.passages[0], self.passages[1])
        return params


def overrides(params: dict | None) -> dict:
    """The scenario keys a regimen sets (None: the scenario's own regimen, nothing set)."""
    if params is None:
        return {}
    out = {"dose.0.cells_per_kg": float(10 ** params["log10_cells_per_kg"]), "dose.0.count": int(params["count"])}
    if params["count"] > 1:
        out["dose.0.every_h"] = float(params["every_h"])
    if "route" in params:
        out["dose.0.route"] = params["route"]
        out["dose.0.site"] = "default"  # the route's first site (peripheral_vein, target_artery)
    if "prelicensed" in params:
        out["dose.0.product.prelicensing_ifng_ng_per_ml"] = PRELICENSING_IFNG_NG_PER_ML if params["prelicensed"] else 0.0
        out["dose.0.product.prelicensing_h"] = PRELICENSING_H if params["prelicensed"] else 0.0
    if "freshly_thawed" in params:
        out["dose.0.product.freshly_thawed"] = bool(params["freshly_thawed"])
    if "passage" in params:
        out["dose.0.product.passage"] = int(params["passage"])
    return out


def describe(params: dict | None) -> str:
    if params is None:
        return "the scenario's own regimen"
    parts = [f"{10 ** params['log10_cells_per_kg']:.3g} cells/kg"]
    parts.append(f"x {params['count']} every {params['every_h']} h" if params["count"] > 1 else "x 1")
    if "route" in params:
        parts.append(params["route"])
    if params.get("prelicensed"):
        parts.append("IFN-γ pre-licensed")
    if "freshly_thawed" in params:
        parts.append("freshly thawed" if params["freshly_thawed"] else "acclimated")
    if "passage" in params:
        parts.append(f"passage {params['passage']}")
    return ", ".join(parts)


@dataclass
class Trial:
    number: int
    params: dict
    diffs: np.ndarray  # paired differences treated - untreated over the replicates

    @property
    def objective(self) -> float:
        return float(np.nanmean(self.diffs)) if np.any(~np.isnan(self.diffs)) else math.nan


def search(evaluate, space: Space, n_trials: int, replicates: int, batch: int, seed: int, sign: int = -1) -> list:
    """Asks optuna's seeded TPE sampler for `batch` regimens at a time, evaluates them with
    `evaluate(list of params, replicates, seed, tag) -> list of arrays of paired differences`
    and tells it the objective -sign * mean difference (minimised). Returns the trials."""
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=min(10, max(4, n_trials // 3)))
    study = optuna.create_study(direction="minimize", sampler=sampler)
    trials = []
    while len(trials) < n_trials:
        asked = [study.ask() for _ in range(min(batch, n_trials - len(trials)))]
        params = [space.suggest(t) for t in asked]
        results = evaluate(params, replicates, seed, f"batch{len(trials) // batch:03d}")
        for trial, p, diffs in zip(asked, params, results):
            record = Trial(trial.number, p, np.asarray(diffs, dtype=float))
            trials.append(record)
            if math.isnan(record.objective):
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
            else:
                study.tell(trial, -sign * record.objective)
    return trials


def top_trials(trials: list, k: int, sign: int = -1) -> list:
    """The k best trials by their search objective, one per distinct regimen."""
    seen, out = set(), []
    for trial in sorted((t for t in trials if not math.isnan(t.objective)), key=lambda t: -sign * t.objective):
        key = tuple(sorted(overrides(trial.params).items()))
        if key not in seen:
            seen.add(key)
            out.append(trial)
        if len(out) == k:
            break
    return out


def reevaluate(evaluate, candidates: list, replicates: int, seed: int) -> list:
    """Re-runs the scenario's own regimen and every candidate (label, params) with
    `replicates` fresh seeds (`seed` differs from the search's): per candidate the paired
    difference against untreated and against the scenario's regimen, with 95 % t intervals."""
    regimens = [None] + [params for _, params in candidates]
    results = [np.asarray(r, dtype=float) for r in evaluate(regimens, replicates, seed, "final")]
    scenario = results[0]
    rows = []
    for (label, params), diffs in zip([("scenario", None)] + list(candidates), results):
        vs_untreated = t_interval(diffs)
        vs_scenario = paired_difference(diffs, scenario)  # (y - c) - (y_s - c) = y - y_s, same seeds
        rows.append({"label": label, "regimen": describe(params), "params": params, "values": diffs,
                     "n": vs_untreated["n"],
                     "diff_mean": vs_untreated["mean"], "diff_low": vs_untreated["ci_low"],
                     "diff_high": vs_untreated["ci_high"], "vs_scenario_mean": vs_scenario["diff_mean"],
                     "vs_scenario_low": vs_scenario["ci_low"], "vs_scenario_high": vs_scenario["ci_high"],
                     "vs_scenario_p": vs_scenario["p"]})
    return rows


class SimulatorEvaluator:
    """Evaluates regimens with `mscsim sweep`: one sweep per batch (one arm per regimen), the
    untreated runs once per sweep seed and replicate count (same seeds: paired)."""

    def __init__(self, scenario: Path, out: Path, endpoint: str, jobs: int, executor: str, common: dict):
        self.scenario, self.out, self.endpoint = scenario, out, endpoint
        self.jobs, self.executor, self.common = jobs, executor, common
        self.controls = {}

    def _sweep(self, name: str, arms: list, replicates: int, seed: int) -> dict:
        text = sweep_text(self.scenario, seed, replicates, arms, self.common, control=None,
                          comment=f"Regimen search {name} (scripts/optimize-regimen, docs/dosing.md).")
        directory = self.out / "sweeps" / name
        run_sweep(text, self.out / "sweeps" / f"{name}.toml", directory, self.jobs, self.executor, resume=True,
                  log=self.out / "sweeps" / f"{name}.log")
        return replicate_values(directory, [self.endpoint])

    def control(self, replicates: int, seed: int) -> np.ndarray:
        key = (replicates, seed)
        if key not in self.controls:
            values = self._sweep(f"untreated_s{seed}_r{replicates}", [untreated_arm()], replicates, seed)
            self.controls[key] = values[("untreated", 0)][self.endpoint]
        return self.controls[key]

    def __call__(self, regimens: list, replicates: int, seed: int, tag: str) -> list:
        control = self.control(replicates, seed)
        arms = [{"name": f"r{i:02d}", "set": overrides(p), "axes": None} for i, p in enumerate(regimens)]
        values = self._sweep(tag, arms, replicates, seed)
        return [values[(arm["name"], 0)][self.endpoint] - control for arm in arms]


def scenario_dose(path: Path) -> dict:
    """The scenario's first [[dose]] (the one the search varies); DosingError without one."""
    try:
        data = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DosingError(f"{path}: {str(error).splitlines()[0]}") from None
    doses = data.get("dose") or []
    if not doses or "cells_per_kg" not in doses[0]:
        raise DosingError(f"{path}: the scenario has no [[dose]] with cells_per_kg to vary")
    return doses[0]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="optimize-regimen", description="Bayesian-optimisation regimen search (docs/dosing.md).")
    parser.add_argument("scenario", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--trials", type=int, required=True, help="optuna trials (each: R paired replicates)")
    parser.add_argument("--replicates", type=int, default=3, help="paired replicates per trial (default 3)")
    parser.add_argument("--batch", type=int, help="trials per sweep (default: --jobs)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--executor", default="local", choices=["local", "mpi", "slurm"])
    parser.add_argument("--top", type=int, default=3, help="regimens re-evaluated at the end (default 3)")
    parser.add_argument("--final-replicates", type=int, default=10, help="replicates of the re-evaluation")
    parser.add_argument("--routes", help="comma list of routes to search (default: iv,ia when the scenario's "
                        "route is iv or ia, else the scenario's route only)")
    parser.add_argument("--doses", default="1e5:1e8", help="FROM:TO cells/kg per infusion (log scale)")
    parser.add_argument("--max-count", type=int, default=4, help="most infusions (default 4)")
    parser.add_argument("--no-product", action="store_true", help="do not search product attributes")
    parser.add_argument("--endpoint", default=PRIMARY)
    parser.add_argument("--higher-is-better", action="store_true")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sampler and sweep seed; the "
                        "re-evaluation uses seed + 1")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--resume", action="store_true", help="reuse a study folder (finished runs are kept)")
    return parser


def make_space(args, dose0: dict) -> Space:
    try:
        low, high = (float(v) for v in args.doses.split(":"))
        if not (0 < low < high and math.isfinite(high)):
            raise ValueError
    except ValueError:
        raise DosingError(f"--doses '{args.doses}': expected FROM:TO with 0 < FROM < TO") from None
    route = dose0.get("route", "iv")
    routes = args.routes.split(",") if args.routes else (["iv", "ia"] if route in ("iv", "ia") else [])
    return Space(dose_low=low, dose_high=high, max_count=args.max_count, routes=routes, product=not args.no_product)


def validate(args) -> dict:
    if not args.scenario.is_file():
        raise DosingError(f"{args.scenario}: no such scenario file")
    for name, value, least in (("--trials", args.trials, 1), ("--replicates", args.replicates, 2),
                               ("--jobs", args.jobs, 1), ("--top", args.top, 1),
                               ("--final-replicates", args.final_replicates, 2), ("--max-count", args.max_count, 1)):
        if value < least:
            raise DosingError(f"{name} {value}: at least {least}")
    if args.batch is not None and args.batch < 1:
        raise DosingError(f"--batch {args.batch}: at least 1")
    if args.output.exists() and any(args.output.iterdir()) and not args.resume:
        raise DosingError(f"{args.output}: exists and is not empty (choose another folder or --resume)")
    return parse_set(args.set)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        common = validate(args)
        scenario = args.scenario.resolve()
        space = make_space(args, scenario_dose(scenario))
        # Every route and product value the space can propose, checked before anything is written.
        probe = [{"name": "untreated", "set": {"dose.0.time_h": 1.0e6}, "axes": None}]
        for i, route in enumerate(space.routes or [None]):
            params = {"log10_cells_per_kg": math.log10(space.dose_high), "count": space.max_count, "every_h": 24,
                      "prelicensed": True, "freshly_thawed": True, "passage": space.passages[1]}
            if route:
                params["route"] = route
            probe.append({"name": f"probe{i}", "set": overrides(params), "axes": None})
        check_sweep(sweep_text(scenario, args.seed, 1, probe, common, control=None), "probe")
        out = args.output
        out.mkdir(parents=True, exist_ok=True)
        sign = 1 if args.higher_is_better else -1
        evaluator = SimulatorEvaluator(scenario, out, args.endpoint, args.jobs, args.executor, common)
        print(f"optimize-regimen: {args.trials} trials x {args.replicates} paired replicates, TPE seed {args.seed}",
              flush=True)
        trials = search(evaluator, space, args.trials, args.replicates, args.batch or args.jobs, args.seed, sign)
        best = top_trials(trials, args.top, sign)
        rows = reevaluate(evaluator, [(f"top{i + 1} (trial {t.number})", t.params) for i, t in enumerate(best)],
                          args.final_replicates, args.seed + 1)
        from .dosing_search_report import write_search
        written = write_search(out, scenario, args, trials, best, rows, sign)
        print(f"optimize-regimen: wrote {', '.join(str(p) for p in written)}")
    except DosingError as error:
        print(f"optimize-regimen: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
