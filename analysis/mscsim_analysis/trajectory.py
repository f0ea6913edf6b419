"""Read an mscsim trajectory file (HDF5) into numpy arrays and pandas tables.

The layout is documented in docs/output-format.md. Like the C++ TrajectoryReader, this
refuses files whose schema version it was not written for, rather than misreading them.
"""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
import pandas as pd

SCHEMA_VERSION = 1
FORMAT_NAME = "mscsim-trajectory"
VALUE_NAMES_ATTRIBUTE = "value_names"
MISSING_VALUE_ATTRIBUTE = "missing_value"


def _plain(value):
    """An attribute value as a plain Python object (str, int, float, or list of those)."""
    if isinstance(value, (bytes, np.bytes_)):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


class Trajectory:
    """One run's output. Use as a context manager, or call close()."""

    def __init__(self, path):
        self.path = Path(path)
        self._file = h5py.File(self.path, "r")
        try:
            self._check_identity()
        except Exception:
            self._file.close()
            raise

    def _check_identity(self):
        attrs = self._file.attrs
        if _plain(attrs.get("format")) != FORMAT_NAME:
            raise ValueError(f"file {self.path} is not an mscsim trajectory "
                             f"(root attribute 'format' is not '{FORMAT_NAME}')")
        version = _plain(attrs.get("schema_version", "missing"))
        if version != SCHEMA_VERSION:
            raise ValueError(f"file {self.path} has schema version {version}; "
                             f"this reader reads {SCHEMA_VERSION}")

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._file.attrs["schema_version"])

    @property
    def meta(self) -> dict:
        """The /meta attributes (seed, version, git_commit, wall_s, ...); empty if the run
        never finished."""
        if "meta" not in self._file:
            return {}
        return {key: _plain(value) for key, value in self._file["meta"].attrs.items()}

    @property
    def scenario_toml(self) -> str:
        """The resolved scenario; `mscsim run` on this text reproduces the run."""
        if "meta/scenario" not in self._file:
            return ""
        return _plain(self._file["meta/scenario"][()])

    def _series_datasets(self):
        """(key, dataset) for every series: "group/name", where the group may nest
        ("biodistribution/lung/msc0")."""
        found = []

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and "/" in name:
                found.append((name, obj))

        self._file["timeseries"].visititems(visit)
        return found

    def series(self) -> pd.DataFrame:
        """Every time series, indexed by time_h, one column per "group/name" (nested groups
        are joined with "/": "biodistribution/lung/msc0")."""
        columns = {key: dataset[()] for key, dataset in self._series_datasets()}
        index = pd.Index(self._file["timeseries"]["time_h"][()], name="time_h")
        return pd.DataFrame(dict(sorted(columns.items())), index=index)

    def series_units(self) -> dict:
        """The unit of every series, keyed like the columns of series()."""
        return {key: _plain(dataset.attrs.get("unit", "")) for key, dataset in self._series_datasets()}

    def events(self) -> dict:
        """The event log: {kind: DataFrame with time_h and one column per event attribute}
        (e.g. events()["dose"]); empty when the run recorded no events."""
        if "events" not in self._file:
            return {}
        tables = {}
        for kind, group in self._file["events"].items():
            columns = {}
            for name, dataset in group.items():
                values = dataset[()]
                if dataset.dtype.kind in ("O", "S"):
                    values = [_plain(v) for v in values]
                columns[name] = values
            frame = pd.DataFrame(columns)
            frame.attrs["units"] = {name: _plain(d.attrs.get("unit", "")) for name, d in group.items()}
            tables[kind] = frame
        return tables

    def field_names(self) -> list:
        return sorted(name for name in self._file["fields"] if name != "time_h")

    def field(self, name: str):
        """(times in h, float32 array [snapshot, y, x] or [snapshot, z, y, x]). Snapshots in
        which the field was not written hold NaN."""
        fields = self._file["fields"]
        if name == "time_h" or name not in fields:
            raise KeyError(f"file {self.path} has no field '{name}'")
        return fields["time_h"][()], fields[name][()]

    @property
    def agent_snapshot_count(self) -> int:
        return len(self._file["agents"])

    def agents(self, snapshot: int) -> pd.DataFrame:
        """Agent snapshot k: one row per agent, columns in the order they were written.
        Integer columns (ids, codes, voxel indices, counts) keep an integer dtype, except
        where some agents' type lacks the column: those read as NaN (float64), as in files
        written before integer columns. df.attrs holds time_h, type_names, units and
        value_names: {column: {population or "": [name of code 0, 1, ...]}} for the columns
        that name their codes ("population": {"": type_names}; "state": per population)."""
        key = str(snapshot)
        if key not in self._file["agents"]:
            raise KeyError(f"file {self.path} has {self.agent_snapshot_count} agent snapshots; "
                           f"snapshot {snapshot} does not exist")
        group = self._file["agents"][key]
        frame = pd.DataFrame({name: _column_values(dataset) for name, dataset in group.items()})
        frame.attrs["time_h"] = float(group.attrs["time_h"])
        frame.attrs["type_names"] = _plain(group.attrs.get("type_names", []))
        frame.attrs["units"] = {name: _plain(d.attrs.get("unit", "")) for name, d in group.items()}
        frame.attrs["value_names"] = {name: names for name, names in
                                      ((name, _value_names(d)) for name, d in group.items()) if names}
        return frame


def _column_values(dataset):
    """An agent column as numpy values; an integer column's missing_value code becomes NaN."""
    values = dataset[()]
    missing = dataset.attrs.get(MISSING_VALUE_ATTRIBUTE)
    if missing is not None and values.dtype.kind in "iu":
        absent = values == missing
        if absent.any():
            values = values.astype(np.float64)
            values[absent] = np.nan
    return values


def _value_names(dataset) -> dict:
    """{population or "": [names of codes 0, 1, ...]} from the value_names attributes."""
    names = {}
    for attribute, value in dataset.attrs.items():
        if attribute == VALUE_NAMES_ATTRIBUTE:
            names[""] = [str(v) for v in _plain(value)]
        elif attribute.startswith(VALUE_NAMES_ATTRIBUTE + "."):
            names[attribute[len(VALUE_NAMES_ATTRIBUTE) + 1:]] = [str(v) for v in _plain(value)]
    return names
