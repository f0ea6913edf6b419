"""% suppression of T-cell proliferation in the mixed lymphocyte reaction (validation fact 3,
docs/ODD.md section 4).

Runs scenarios/in_vitro/mlr.toml through the mscsim binary at a series of MSC counts and,
for every seed, once more with no MSCs (``--set msc.initial_count=0``, the matched
control with the same seed), then reports

    % suppression = 100 (1 - divisions_with / divisions_control)

of the precursor-weighted mean divisions per founder T cell
(``/timeseries/t_proliferation/mean_divisions`` at the end of the run; CD4 and CD8 too).

Command line::

    python3 -m mscsim_analysis.suppression --binary build/mscsim \\
        [--scenario scenarios/in_vitro/mlr.toml] [--msc 1 10 33 100 333 500] [--seeds 1 2 3] \\
        [--set KEY=VALUE ...]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .trajectory import Trajectory

# MSC counts for MSC:T 1:1000, 1:100, 1:30, 1:10, 1:3 and 1:2 with the 1000 responders of mlr.toml.
DEFAULT_MSC_COUNTS = (1, 10, 33, 100, 333, 500)
PROLIFERATION_SERIES = {
    "all": "t_proliferation/mean_divisions",
    "cd4": "t_proliferation/cd4_mean_divisions",
    "cd8": "t_proliferation/cd8_mean_divisions",
}


def default_scenario() -> Path:
    root = os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2])
    return Path(root) / "scenarios" / "in_vitro" / "mlr.toml"


def percent_suppression(divisions_with: float, divisions_control: float) -> float:
    """100 (1 - with / control); NaN when the control did not proliferate."""
    if divisions_control <= 0:
        return float("nan")
    return 100.0 * (1.0 - divisions_with / divisions_control)


def final_proliferation(binary, scenario, msc_count: int, seed: int, extra_sets=(), workdir=None) -> dict:
    """Runs one MLR and returns the end-of-run mean divisions (all, cd4, cd8)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        out = Path(tmp) / "mlr.h5"
        command = [str(binary), "run", str(scenario), "--quiet", "-o", str(out), "--seed", str(seed),
                   "--set", f"msc.initial_count={msc_count}"]
        for assignment in extra_sets:
            command += ["--set", assignment]
        subprocess.run(command, check=True)
        with Trajectory(out) as run:
            last = run.series().iloc[-1]
    return {name: float(last[series]) for name, series in PROLIFERATION_SERIES.items()}


@dataclass
class SuppressionRow:
    msc_count: int
    seed: int
    divisions: dict
    control_divisions: dict

    def suppression(self, which: str = "all") -> float:
        return percent_suppression(self.divisions[which], self.control_divisions[which])


def suppression_series(binary, scenario=None, msc_counts=DEFAULT_MSC_COUNTS, seeds=(1,), extra_sets=()):
    """% suppression of T proliferation for every MSC count and seed against the matched control."""
    scenario = scenario or default_scenario()
    rows = []
    for seed in seeds:
        control = final_proliferation(binary, scenario, 0, seed, extra_sets)
        for n in msc_counts:
            rows.append(SuppressionRow(n, seed, final_proliferation(binary, scenario, n, seed, extra_sets), control))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.environ.get("MSCSIM_BINARY", "mscsim"))
    parser.add_argument("--scenario", default=None)
    parser.add_argument("--msc", type=int, nargs="+", default=list(DEFAULT_MSC_COUNTS))
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--set", dest="sets", action="append", default=[])
    args = parser.parse_args(argv)
    rows = suppression_series(args.binary, args.scenario, args.msc, args.seeds, args.sets)
    print("msc_cells  seed  divisions  control  suppression_%  cd4_%  cd8_%")
    for r in rows:
        print(f"{r.msc_count:9d}  {r.seed:4d}  {r.divisions['all']:9.3f}  {r.control_divisions['all']:7.3f}"
              f"  {r.suppression('all'):13.1f}  {r.suppression('cd4'):5.1f}  {r.suppression('cd8'):5.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
