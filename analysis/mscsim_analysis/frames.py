"""A run file (or a sweep folder) as pandas tables in the domain's words.

    from mscsim_analysis.frames import open_run, time_series, biodistribution, field_snapshot, agent_snapshot
    with open_run("out/quickstart.h5") as run:
        series = time_series(run)               # index time_h, one column per series
        where = biodistribution(run)            # index time_h, columns (compartment, phenotype)
        ifng = field_snapshot(run, "ifng", -1)  # .values (2-D/3-D array), .voxel_um, .time_h
        cells = agent_snapshot(run, -1)         # population and state as names

docs/analysis.md has more examples. Every function takes an open Trajectory; open_run turns
the ways a file can be unusable (missing, a .partial of a run that never finished,
truncated, not HDF5, another format or schema) into a RunFileError with one line of text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .sweep_summary import SweepSummary, read_summary
from .trajectory import Trajectory
from .vocabulary import COMPARTMENTS, DEFAULT_PHENOTYPE_THRESHOLD, MSC_PHENOTYPES, msc_phenotype, state_name


class RunFileError(Exception):
    """A file that cannot be reported on; str() is one line for the user."""


class RunFileBusy(RunFileError):
    """A live run file that could not be read just now (its writer is between writes)."""


def open_run(path, live: bool = False) -> Trajectory:
    """Opens a finished run file, or raises RunFileError saying in one line why not.
    live: also a run's growing OUT.h5.partial (docs/output-format.md), without /meta."""
    path = Path(path)
    if path.name.endswith(".partial") and not live:
        raise RunFileError(f"{path}: an unfinished run (.partial); it is renamed to .h5 only when the run succeeds")
    if not path.exists():
        raise RunFileError(f"{path}: no such file")
    if path.is_dir():
        raise RunFileError(f"{path}: a folder, not a run file")
    try:
        run = Trajectory(path)
    except OSError as error:
        reason = str(error).split("(")[0].strip() or "unreadable"
        if live and path.name.endswith(".partial") and _looks_like_hdf5(path):
            raise RunFileBusy(f"{path}: cannot be read just now ({reason})") from None
        raise RunFileError(f"{path}: not a readable HDF5 file, truncated or of another kind ({reason})") from None
    except ValueError as error:
        raise RunFileError(str(error)) from None
    try:
        missing = [g for g in ("timeseries", "fields", "agents") if g not in run._file]
        if missing:
            raise RunFileError(f"{path}: an mscsim file without /{missing[0]}; it is damaged")
        if not run.meta and not live:
            raise RunFileError(f"{path}: has no /meta, so the run never finished")
        run.series()  # reads every series: a truncated dataset fails here, not in a plot
    except RunFileError:
        run.close()
        raise
    except (OSError, KeyError, ValueError) as error:
        run.close()
        if live and run.live:
            raise RunFileBusy(f"{path}: cannot be read just now ({str(error).splitlines()[0]})") from None
        raise RunFileError(f"{path}: damaged run file ({str(error).splitlines()[0]})") from None
    return run


def _looks_like_hdf5(path: Path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(8) == b"\x89HDF\r\n\x1a\n"
    except OSError:
        return False


def time_series(run: Trajectory) -> pd.DataFrame:
    """Every series, index time_h, columns "group/name" (see docs/output-format.md);
    df.attrs["units"] maps a column to its unit."""
    frame = run.series()
    frame.attrs["units"] = run.series_units()
    return frame


def biodistribution(run: Trajectory) -> pd.DataFrame:
    """The dosed MSCs by place and phenotype, summed over cohorts: index time_h, columns a
    MultiIndex (compartment, phenotype) with phenotype in msc0, msc1, msc2, total; unit cells.
    Empty (no columns) for a run without doses. `.stack(0)` gives one row per time and place."""
    series = run.series()
    columns = {}
    for place in COMPARTMENTS:
        for phenotype in MSC_PHENOTYPES + ["total"]:
            key = f"biodistribution/{place}/{phenotype}"
            if key in series:
                columns[(place, phenotype)] = series[key]
    frame = pd.DataFrame(columns, index=series.index)
    frame.columns = pd.MultiIndex.from_tuples(list(columns), names=["compartment", "phenotype"])
    return frame


def doses(run: Trajectory) -> pd.DataFrame:
    """One row per infusion (the /events/dose table), empty when the run had none."""
    return run.events().get("dose", pd.DataFrame())


@dataclass
class FieldSnapshot:
    """One field at one snapshot. `values` is [y, x] (2-D) or [z, y, x] (3-D), voxel (0, 0)
    at the origin; `voxel_um` is the edge of a voxel in µm."""

    name: str
    unit: str
    time_h: float
    snapshot: int
    values: np.ndarray
    voxel_um: float

    @property
    def extent_um(self) -> tuple:
        """(width, height) of the lattice in µm."""
        return self.values.shape[-1] * self.voxel_um, self.values.shape[-2] * self.voxel_um

    def to_frame(self) -> pd.DataFrame:
        """One row per voxel: x_um, y_um (and z_um), value (voxel centres)."""
        grids = np.meshgrid(*[(np.arange(n) + 0.5) * self.voxel_um for n in self.values.shape], indexing="ij")
        names = ["z_um", "y_um", "x_um"][-self.values.ndim:]
        frame = pd.DataFrame({name: grid.ravel() for name, grid in zip(names, grids)})
        frame["value"] = self.values.ravel()
        return frame


def field_snapshot(run: Trajectory, name: str, snapshot: int = -1) -> FieldSnapshot:
    """Field `name` at snapshot `snapshot` (negative counts from the end)."""
    times, values = run.field(name)
    if not len(times):
        raise KeyError(f"{run.path} has no field snapshots")
    index = range(len(times))[snapshot]
    dataset = run._file["fields"][name]
    return FieldSnapshot(name, str(_attr(dataset, "unit", "")), float(times[index]), index,
                         np.asarray(values[index]), float(_attr(dataset, "voxel_um", 1.0)))


def field_limits(run: Trajectory, name: str) -> tuple:
    """(low, high) over every snapshot of the run, NaN ignored."""
    _, values = run.field(name)
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)


def _attr(dataset, key, default):
    value = dataset.attrs.get(key, default)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


def phenotype_threshold(run: Trajectory) -> float:
    """msc.phenotype_threshold of the run's resolved scenario (its default when absent)."""
    try:
        scenario = tomllib.loads(run.scenario_toml or "")
    except tomllib.TOMLDecodeError:
        return DEFAULT_PHENOTYPE_THRESHOLD
    return float(scenario.get("msc", {}).get("phenotype_threshold", DEFAULT_PHENOTYPE_THRESHOLD))


def agent_snapshot(run: Trajectory, snapshot: int = -1) -> pd.DataFrame:
    """Agent snapshot `snapshot` (negative counts from the end), one row per cell, with the
    population and the state as names: `population` (e.g. "cd4_t"), `state` ("th1"; for MSCs
    the phenotype "msc0"/"msc1"/"msc2" from polarization and msc.phenotype_threshold),
    `population_code` and `state_code` keep the stored integers (state_code NaN for MSCs).
    df.attrs: time_h, type_names, units."""
    count = run.agent_snapshot_count
    if count == 0:
        raise KeyError(f"{run.path} has no agent snapshots")
    index = range(count)[snapshot]
    raw = run.agents(index)
    names = list(raw.attrs.get("type_names", []))
    frame = raw.copy()
    codes = raw["population"].to_numpy() if "population" in raw else np.zeros(0, dtype=int)
    frame["population_code"] = codes
    frame["population"] = [names[c] if 0 <= c < len(names) else f"type {c}" for c in codes]
    state_codes = raw["state"].to_numpy(dtype=float) if "state" in raw else np.full(len(raw), np.nan)
    frame["state_code"] = state_codes
    threshold = phenotype_threshold(run)
    polarization = raw["polarization"].to_numpy(dtype=float) if "polarization" in raw else None
    # The file's own names of the state codes (per population); older files have none and
    # state_name falls back to the vocabulary's table.
    file_names = raw.attrs.get("value_names", {}).get("state", {})
    states = []
    for row, (population, code) in enumerate(zip(frame["population"], state_codes)):
        if population == "msc" and polarization is not None and np.isfinite(polarization[row]):
            states.append(msc_phenotype(polarization[row], threshold))
        else:
            states.append(state_name(population, code, file_names.get(population)))
    frame["state"] = states
    frame.attrs.update(raw.attrs)
    frame.attrs["snapshot"] = index
    return frame


def sweep_table(directory) -> tuple[pd.DataFrame, SweepSummary]:
    """The sweep folder's summary: (one row per run, the SweepSummary with axes, endpoints and
    control arm). Reuses sweep_summary.read_summary."""
    summary = read_summary(directory)
    return summary.runs, summary
