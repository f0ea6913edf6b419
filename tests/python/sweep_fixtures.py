"""Synthetic sweep folders for the statistics and sensitivity tests, laid out by hand with
h5py exactly as docs/sweeps.md ("What a sweep writes") specifies, so the Python side is
tested against the documented format rather than against whatever the C++ writer does today.
"""

from pathlib import Path

import h5py
import numpy as np
import pandas as pd

TEXT = h5py.string_dtype("utf-8")


def compound(frame: pd.DataFrame) -> np.ndarray:
    """Text columns as vlen UTF-8, integer columns as int64, the rest float64."""
    fields = []
    for name in frame.columns:
        kind = frame[name].dtype.kind
        fields.append((name, TEXT if kind == "O" else np.int64 if kind in "iub" else np.float64))
    array = np.empty(len(frame), dtype=fields)
    for name, dtype in fields:
        values = frame[name]
        array[name] = values.astype(str).to_numpy(dtype=object) if dtype is TEXT else values.to_numpy()
    return array


def write_sweep(directory, runs: pd.DataFrame, axes: list, endpoints: list, *, control="",
                sampling="grid", replicates=1, name="synthetic", fmt="mscsim-sweep-summary",
                schema_version=1, h5=True, csv=True):
    """Writes DIR/summary.h5 and DIR/summary.csv. `runs` holds the summary columns in order;
    `axes` dicts with key, kind, scale, is_dose, from, to; `endpoints` dicts with column,
    series, reducer, unit."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if h5:
        with h5py.File(directory / "summary.h5", "w") as f:
            f.attrs["format"] = fmt
            f.attrs["schema_version"] = np.int32(schema_version)
            f.attrs["sweep_name"] = name
            f.attrs["base_scenario"] = "../disease/base.toml"
            f.attrs["control_arm"] = control
            f.attrs["sweep_seed"] = np.uint64(20261203)
            f.attrs["replicates"] = np.int32(replicates)
            f.attrs["sampling"] = sampling
            f.create_dataset("runs", data=compound(runs))
            axes_frame = pd.DataFrame(axes, columns=["key", "kind", "scale", "is_dose", "from", "to"])
            axes_frame["is_dose"] = axes_frame["is_dose"].astype(np.int64)
            axes_frame["from"] = axes_frame["from"].astype(float)
            axes_frame["to"] = axes_frame["to"].astype(float)
            f.create_dataset("axes", data=compound(axes_frame))
            f.create_dataset("endpoints", data=compound(
                pd.DataFrame(endpoints, columns=["column", "series", "reducer", "unit"])))
    if csv:
        runs.to_csv(directory / "summary.csv", index=False, na_rep="NaN")
    return directory


def run_id(arm, point, replicate):
    return f"{arm}-p{point:04d}-r{replicate:03d}"


def base_columns(arm, point, replicate, seed, status="ok"):
    return {"run_id": run_id(arm, point, replicate), "arm": arm, "point": point, "replicate": replicate,
            "seed": seed, "status": status, "wall_s": 1.0 if status == "ok" else np.nan}


def write_trajectory(path, times, series: dict):
    """A minimal run file (docs/output-format.md) with the given series ("group/name")."""
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "mscsim-trajectory"
        f.attrs["schema_version"] = np.int32(1)
        group = f.create_group("timeseries")
        group.create_dataset("time_h", data=np.asarray(times, dtype=float))
        for key, values in series.items():
            parent, leaf = key.rsplit("/", 1)
            sub = group.require_group(parent)
            sub.create_dataset(leaf, data=np.asarray(values, dtype=float)).attrs["unit"] = "1"
        f.create_group("fields").create_dataset("time_h", data=np.zeros(0))
        f.create_group("agents")
        f.create_group("meta").attrs["wall_s"] = 1.0
