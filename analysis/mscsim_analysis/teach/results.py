"""What the page shows, read from a run's HDF5 file (docs/output-format.md).

`read_run` reads a finished file; `peek_run` reads the newest agent snapshot of a running
`.partial`, which mscsim writes in HDF5 SWMR mode so that readers can follow it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import h5py
import numpy as np

from ..trajectory import FORMAT_NAME, READABLE_SCHEMA_VERSIONS, Trajectory

# Lattice categories (index = code sent to the page). MSCs by state, immune cells by type.
CATEGORIES = ("MSC0", "MSC1", "MSC2", "T cell", "Treg", "macrophage", "DC", "NK", "B cell")
_POPULATION_CATEGORY = {"cd4_t": 3, "cd8_t": 3, "treg": 4, "macrophage": 5, "dc": 6, "nk": 7,
                        "b_cell": 8}
# Indices where up means more regulation (a ratio of regulatory to inflammatory cells, log2).
REGULATORY_INDICES = ("balance/m2_vs_m1", "balance/treg_vs_th1_th17_ctl", "balance/toldc_vs_mdc",
                      "balance/breg_vs_activated_b_plasma")
# Indices where up means more inflammation.
INFLAMMATORY_INDICES = ("balance/th1_vs_th2", "balance/th17_vs_treg")
SERIES = ("balance/msc_balance", "tissue/disease_activity", "msc/msc0", "msc/msc1", "msc/msc2",
          "msc/mean_licensing_level", "msc/mean_ido_level", "fields/ifng_mean", "fields/tnfa_mean",
          "fields/kyn_mean", "fields/pge2_mean", "fields/tgfb_mean", "fields/damp_mean",
          "t_proliferation/mean_divisions", "macrophage/m1", "macrophage/m2") + REGULATORY_INDICES + INFLAMMATORY_INDICES


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, (bytes, np.bytes_)) else str(value)


def _check(f: h5py.File, path):
    if _text(f.attrs.get("format", "")) != FORMAT_NAME:
        raise ValueError(f"{path} is not an mscsim trajectory")
    if int(f.attrs.get("schema_version", -1)) not in READABLE_SCHEMA_VERSIONS:
        raise ValueError(f"{path} has schema version {f.attrs.get('schema_version')}; "
                         f"this app reads {READABLE_SCHEMA_VERSIONS}")


def _frame(agents, threshold: float) -> dict:
    """One lattice frame from an agent snapshot (Trajectory.agents)."""
    names = list(agents.attrs["type_names"])
    population = agents["population"].to_numpy()
    x = agents["x"].to_numpy().astype(int)
    y = agents["y"].to_numpy().astype(int)
    category = np.full(population.shape, -1, dtype=int)
    msc_rows = np.zeros(population.shape, dtype=bool)
    for code, name in enumerate(names):
        rows = population == code
        if name == "msc":
            msc_rows = rows
            p = agents["polarization"].to_numpy()[rows]
            category[rows] = np.where(p < -threshold, 1, np.where(p > threshold, 2, 0))
        elif name in _POPULATION_CATEGORY:
            category[rows] = _POPULATION_CATEGORY[name]
    keep = category >= 0
    # MSCs last, so the page draws them on top of the immune cells.
    order = np.concatenate([np.flatnonzero(keep & ~msc_rows), np.flatnonzero(keep & msc_rows)])
    n_msc = int(msc_rows.sum())
    n1 = int((category == 1).sum())
    n2 = int((category == 2).sum())
    return {"time_h": float(agents.attrs["time_h"]),
            "x": x[order].tolist(), "y": y[order].tolist(), "c": category[order].tolist(),
            "msc_balance": (n2 - n1) / n_msc if n_msc else 0.0,
            "msc": [n_msc - n1 - n2, n1, n2]}


def _lattice_size(scenario: dict) -> list[int]:
    size = scenario.get("tissue", {}).get("size_voxels", [200, 200])
    return [int(size[0]), int(size[1])]


def read_run(path: str | Path) -> dict:
    """Everything the page draws for a finished run, plus the exact numbers it shows."""
    with h5py.File(path, "r") as f:
        _check(f, path)
        scenario = tomllib.loads(_text(f["meta/scenario"][()]))
        threshold = float(scenario.get("msc", {}).get("phenotype_threshold", 0.33))
        meta = {k: (v.item() if isinstance(v, np.generic) else _text(v) if isinstance(v, bytes) else v)
                for k, v in f["meta"].attrs.items()}
        ts = f["timeseries"]
        series = {"time_h": ts["time_h"][:].tolist()}
        for name in SERIES:
            if name in ts:
                series[name] = [float(v) if np.isfinite(v) else None for v in ts[name][:]]
    with Trajectory(path) as run:
        frames = [_frame(run.agents(k), threshold) for k in range(run.agent_snapshot_count)]
    final = {name: values[-1] for name, values in series.items() if values}
    return {"series": series, "frames": frames, "final": final,
            "lattice": _lattice_size(scenario), "threshold": threshold,
            "meta": {"wall_s": float(meta.get("wall_s", 0.0)), "seed": int(meta.get("seed", 0)),
                     "threads": int(meta.get("threads", 0)), "version": str(meta.get("version", "")),
                     "duration_h": float(meta.get("duration_h", 0.0)), "dt_h": float(meta.get("dt_h", 0.0)),
                     "scenario_name": str(meta.get("scenario_name", ""))}}


def peek_run(partial: str | Path, threshold: float) -> dict | None:
    """The newest complete agent snapshot of a running file, or None when there is none
    yet (or the file is between writes: the caller just tries again later)."""
    try:
        # Trajectory counts only snapshots whose rows are all written.
        with Trajectory(partial) as run:
            n = run.agent_snapshot_count
            return _frame(run.agents(n - 1), threshold) if n else None
    except (OSError, KeyError, ValueError):
        return None
