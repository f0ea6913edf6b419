"""Read a sweep's summary (docs/sweeps.md, "What a sweep writes") into a pandas table.

`mscsim sweep` writes one row per run into `summary.h5` (compound dataset `/runs`, with the
axes, endpoints and sweep identity beside it) and the same rows into `summary.csv`. The
statistics and the sensitivity analysis read it through here, so that both see the same
strings (decoded to str), the same NaN for missing values and the same metadata. Like the
trajectory reader, this refuses a file of another format or schema version instead of
misreading it. summary.csv is the fallback for a folder without summary.h5 (copied without
it, or written by a tool that only writes CSV); it carries no metadata, which is then
recovered, as far as it can be, from the columns and from the folder's sweep.toml.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

SUMMARY_FORMAT = "mscsim-sweep-summary"
SUMMARY_SCHEMA_VERSION = 1

# Columns every summary has, in front of the set:, design: and endpoint columns.
FIXED_COLUMNS = ["run_id", "arm", "point", "replicate", "seed", "status", "wall_s"]
TEXT_COLUMNS = ["run_id", "arm", "status", "design:block"]
INTEGER_COLUMNS = ["point", "replicate", "seed", "design:row"]

# docs/sweeps.md: dose axes by default are keys under dose.N. ending in cells_per_kg or cells.
_DEFAULT_DOSE_KEY = re.compile(r"^dose\.\d+\.(.*\.)?(cells_per_kg|cells)$")


def _text(value) -> str:
    """A stored string (bytes from h5py, numpy scalar, str) as a str; NUL padding of
    fixed-length strings removed."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8").rstrip("\0")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value[()])
    if isinstance(value, np.generic):
        return _text(value.item())
    return str(value)


def _plain(value):
    """An attribute value as a plain Python object."""
    if isinstance(value, (bytes, np.bytes_, str)):
        return _text(value)
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _compound_frame(dataset) -> pd.DataFrame:
    """A compound dataset as a DataFrame in field order, strings decoded to str."""
    data = dataset[()]
    columns = {}
    for name in data.dtype.names:
        values = data[name]
        if values.dtype.kind in ("O", "S", "U"):
            values = [_text(v) for v in values]
        columns[name] = values
    return pd.DataFrame(columns, columns=list(data.dtype.names))


@dataclass
class SweepSummary:
    """One sweep's summary: `runs` (one row per run, all statuses), `axes` (key, kind, scale,
    is_dose, from, to), `endpoints` (column, series, reducer, unit) and the root attributes.
    `source` is the file it was read from (summary.h5, or summary.csv as the fallback)."""

    directory: Path
    source: Path
    runs: pd.DataFrame
    axes: pd.DataFrame
    endpoints: pd.DataFrame
    attrs: dict = field(default_factory=dict)

    @property
    def from_hdf5(self) -> bool:
        return self.source.suffix == ".h5"

    @property
    def control_arm(self) -> str | None:
        """The arm every other arm is compared against; None when the sweep names none."""
        name = self.attrs.get("control_arm", "") or ""
        return name or None

    @property
    def sampling(self) -> str:
        """"grid", "lhs" or "saltelli"."""
        return self.attrs.get("sampling", "grid") or "grid"

    @property
    def replicates(self) -> int | None:
        value = self.attrs.get("replicates")
        return int(value) if value is not None else None

    @property
    def endpoint_columns(self) -> list:
        return [c for c in self.endpoints["column"] if c in self.runs.columns]

    @property
    def units(self) -> dict:
        """Endpoint column -> unit text ("" where unknown)."""
        return dict(zip(self.endpoints["column"], self.endpoints["unit"]))

    @property
    def axis_columns(self) -> list:
        """The run table's `set:<key>` columns, in axis order."""
        return [f"set:{key}" for key in self.axes["key"] if f"set:{key}" in self.runs.columns]

    def dose_axes(self) -> list:
        """Keys of the axes marked as doses."""
        return [key for key, dose in zip(self.axes["key"], self.axes["is_dose"]) if int(dose)]

    def sample_axes(self) -> list:
        """Keys of the `sample` axes (the parameters of an lhs or saltelli design)."""
        return [key for key, kind in zip(self.axes["key"], self.axes["kind"]) if kind == "sample"]

    def ok_runs(self) -> pd.DataFrame:
        """The runs that finished (status ok): the only ones that count."""
        return self.runs[self.runs["status"] == "ok"].reset_index(drop=True)

    def arm_order(self) -> list:
        """Arm names in the order they first appear in the run table (the sweep file's)."""
        return list(dict.fromkeys(self.runs["arm"]))


def _check_identity(path: Path, attrs) -> None:
    fmt = _plain(attrs.get("format", "missing"))
    if fmt != SUMMARY_FORMAT:
        raise ValueError(f"{path} is not an mscsim sweep summary (root attribute 'format' is "
                         f"'{fmt}', expected '{SUMMARY_FORMAT}')")
    version = _plain(attrs.get("schema_version", "missing"))
    if version != SUMMARY_SCHEMA_VERSION:
        raise ValueError(f"{path} has sweep summary schema version {version}; "
                         f"this reader reads {SUMMARY_SCHEMA_VERSION}")


def _normalise_runs(runs: pd.DataFrame) -> pd.DataFrame:
    """Types as docs/sweeps.md gives them, whichever file they came from: text columns as str
    (missing -> ""), integer columns as int64 where complete, everything else numeric where it
    parses (a text axis such as dose.0.route stays text, with "" where an arm does not vary it)."""
    runs = runs.copy()
    for column in runs.columns:
        values = runs[column]
        if column in TEXT_COLUMNS:
            runs[column] = values.fillna("").astype(str)
        elif column in INTEGER_COLUMNS:
            numeric = pd.to_numeric(values, errors="coerce")
            runs[column] = numeric.astype("int64") if numeric.notna().all() else numeric
        elif values.dtype == object:
            text = values.fillna("").astype(str)
            numeric = pd.to_numeric(text.replace("", np.nan), errors="coerce")
            if numeric.notna().sum() == (text != "").sum():
                runs[column] = numeric.astype(float)
            else:
                runs[column] = text
    return runs


def _read_hdf5(directory: Path, path: Path) -> SweepSummary:
    with h5py.File(path, "r") as f:
        _check_identity(path, f.attrs)
        for name in ("runs", "axes", "endpoints"):
            if name not in f:
                raise ValueError(f"{path} has no /{name} table")
        attrs = {key: _plain(value) for key, value in f.attrs.items()}
        runs = _normalise_runs(_compound_frame(f["runs"]))
        axes = _compound_frame(f["axes"])
        endpoints = _compound_frame(f["endpoints"])
    missing = [c for c in ("run_id", "arm", "point", "replicate", "status") if c not in runs.columns]
    if missing:
        raise ValueError(f"{path}: /runs lacks the columns {', '.join(missing)}")
    axes = axes.reindex(columns=["key", "kind", "scale", "is_dose", "from", "to"])
    axes["is_dose"] = pd.to_numeric(axes["is_dose"], errors="coerce").fillna(0).astype(int)
    endpoints = endpoints.reindex(columns=["column", "series", "reducer", "unit"]).fillna("")
    return SweepSummary(directory, path, runs, axes, endpoints, attrs)


def _sweep_file_metadata(directory: Path) -> dict:
    """What the folder's copy of the sweep file says about axes, control and sampling (the CSV
    fallback's only metadata source); empty when there is no readable sweep.toml."""
    path = directory / "sweep.toml"
    try:
        spec = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    axes = []
    for axis in spec.get("axis", []):
        kind = next((k for k in ("values", "range", "log_range", "sample") if k in axis), "values")
        sample = axis.get("sample", {}) if isinstance(axis.get("sample"), dict) else {}
        scale = "log" if kind == "log_range" or sample.get("scale") == "log" else "linear"
        bounds = axis.get(kind, {}) if isinstance(axis.get(kind), dict) else {}
        key = str(axis.get("key", ""))
        axes.append({"key": key, "kind": kind, "scale": scale,
                     "is_dose": int(axis.get("dose", bool(_DEFAULT_DOSE_KEY.match(key)))),
                     "from": float(bounds.get("from", math.nan)), "to": float(bounds.get("to", math.nan))})
    sweep = spec.get("sweep", {})
    sampling = spec.get("sampling", {})
    return {"axes": axes, "control_arm": str(sweep.get("control", "")),
            "sampling": str(sampling.get("method", "grid")), "sweep_name": str(sweep.get("name", "")),
            "replicates": sweep.get("replicates")}


def _read_csv(directory: Path, path: Path) -> SweepSummary:
    try:
        runs = pd.read_csv(path, keep_default_na=False, na_values=["", "NaN", "nan", "NA"], dtype=str)
    except pd.errors.ParserError as error:
        raise ValueError(f"{path}: {error}") from error
    missing = [c for c in ("run_id", "arm", "point", "replicate", "status") if c not in runs.columns]
    if missing:
        raise ValueError(f"{path} is not a sweep summary (no column {', '.join(missing)})")
    runs = _normalise_runs(runs)
    meta = _sweep_file_metadata(directory)
    set_keys = [c[len("set:"):] for c in runs.columns if c.startswith("set:")]
    known = {a["key"]: a for a in meta.get("axes", [])}
    axes = [known.get(key, {"key": key, "kind": "", "scale": "linear",
                            "is_dose": int(bool(_DEFAULT_DOSE_KEY.match(key))), "from": math.nan, "to": math.nan})
            for key in set_keys]
    endpoint_columns = [c for c in runs.columns
                        if ":" in c and not c.startswith(("set:", "design:")) and c not in FIXED_COLUMNS]
    endpoints = pd.DataFrame({"column": endpoint_columns,
                              "series": [c.rsplit(":", 1)[0] for c in endpoint_columns],
                              "reducer": [c.rsplit(":", 1)[1] for c in endpoint_columns],
                              "unit": ["" for _ in endpoint_columns]})
    sampling = meta.get("sampling") or ("saltelli" if "design:block" in runs.columns else "grid")
    attrs = {"sweep_name": meta.get("sweep_name", directory.name), "control_arm": meta.get("control_arm", ""),
             "sampling": sampling}
    if meta.get("replicates") is not None:
        attrs["replicates"] = int(meta["replicates"])
    elif len(runs):
        attrs["replicates"] = int(runs["replicate"].max()) + 1
    axes_frame = pd.DataFrame(axes, columns=["key", "kind", "scale", "is_dose", "from", "to"])
    return SweepSummary(directory, path, runs, axes_frame, endpoints, attrs)


def read_summary(path) -> SweepSummary:
    """The summary of the sweep folder `path` (or of the summary.h5/summary.csv file itself):
    summary.h5 when it exists, else summary.csv. Raises FileNotFoundError when neither exists
    and ValueError for a file that is not a sweep summary of this schema version."""
    path = Path(path)
    if path.is_dir():
        directory = path
        h5_path, csv_path = path / "summary.h5", path / "summary.csv"
        if h5_path.exists():
            return _read_hdf5_checked(directory, h5_path)
        if csv_path.exists():
            return _read_csv(directory, csv_path)
        raise FileNotFoundError(f"{path} holds neither summary.h5 nor summary.csv")
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    if path.suffix == ".csv":
        return _read_csv(path.parent, path)
    return _read_hdf5_checked(path.parent, path)


def _read_hdf5_checked(directory: Path, path: Path) -> SweepSummary:
    """_read_hdf5 with an unreadable file (truncated, not HDF5) reported as ValueError."""
    try:
        return _read_hdf5(directory, path)
    except OSError as error:
        raise ValueError(f"{path} is not a readable HDF5 file ({error})") from error
