"""Read an mscsim trajectory file (HDF5) into numpy arrays and pandas tables.

The layout is documented in docs/output-format.md. Like the C++ TrajectoryReader, this
refuses files whose schema version it was not written for, rather than misreading them.
It reads a run's "OUT.h5.partial" while the run writes it (HDF5 SWMR): what it shows is the
file as of its writer's last flush; open it again (or call refresh()) to see more.
"""

from __future__ import annotations

from pathlib import Path

import h5py
import numpy as np
import pandas as pd

SCHEMA_VERSION = 2  # the version mscsim writes
# 1: one group per agent snapshot (/agents/<k>); 2: one appendable agent table.
READABLE_SCHEMA_VERSIONS = (1, 2)
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
        self._file = open_h5(self.path)
        try:
            self._check_identity()
            # Another handle on the same file in this process shares HDF5's cache of its
            # metadata, which only a refresh brings up to the writer's last flush.
            self.refresh()
        except Exception:
            self._file.close()
            raise

    def _check_identity(self):
        attrs = self._file.attrs
        if _plain(attrs.get("format")) != FORMAT_NAME:
            raise ValueError(f"file {self.path} is not an mscsim trajectory "
                             f"(root attribute 'format' is not '{FORMAT_NAME}')")
        version = _plain(attrs.get("schema_version", "missing"))
        if version not in READABLE_SCHEMA_VERSIONS:
            raise ValueError(f"file {self.path} has schema version {version}; "
                             f"this reader reads {' and '.join(map(str, READABLE_SCHEMA_VERSIONS))}")

    def close(self):
        self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def live(self) -> bool:
        """Whether the file is open as a SWMR reader (a run was writing it when opened)."""
        return bool(self._file.swmr_mode)

    @property
    def finished(self) -> bool:
        """Whether the run that wrote the file finished (finish() writes /meta last)."""
        return "meta" in self._file

    def refresh(self):
        """A live file: show what its writer has flushed since (new rows and snapshots)."""
        if self.live:
            def visit(_name, obj):
                if isinstance(obj, h5py.Dataset):
                    obj.refresh()
            self._file.visititems(visit)

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
        times = self._file["timeseries"]["time_h"][()]
        # A live file's series grow one after another: keep the rows every one has.
        rows = min([len(times)] + [len(v) for v in columns.values()])
        index = pd.Index(times[:rows], name="time_h")
        return pd.DataFrame({key: values[:rows] for key, values in sorted(columns.items())}, index=index)

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
        times, values = fields["time_h"][()], fields[name][()]
        if self.live:  # a snapshot's time is written before its fields
            rows = min(len(times), len(values))
            times, values = times[:rows], values[:rows]
        return times, values

    def _agent_table(self):
        """(time_h, first_row, agent_count, columns group) of a schema-2 file, None for a
        schema-1 file (one group per snapshot). A live file lists only the snapshots whose
        rows are all in the columns."""
        agents = self._file.get("agents")
        if agents is None or "agent_count" not in agents:
            return None
        columns = agents["columns"]
        rows = min((d.shape[0] for d in columns.values()), default=0)
        times, first, count = (agents[name][()] for name in ("time_h", "first_row", "agent_count"))
        n = min(len(times), len(first), len(count))
        while n > 0 and int(first[n - 1]) + int(count[n - 1]) > rows:
            n -= 1
        return times[:n], first[:n].astype(np.int64), count[:n].astype(np.int64), columns

    @property
    def agent_snapshot_count(self) -> int:
        if "agents" not in self._file:
            return 0
        table = self._agent_table()
        return len(self._file["agents"]) if table is None else len(table[0])

    def agent_times(self) -> np.ndarray:
        """The time of every agent snapshot, in h."""
        table = self._agent_table()
        if table is not None:
            return np.asarray(table[0], dtype=float)
        return np.array([float(self._file["agents"][str(k)].attrs["time_h"]) for k in range(self.agent_snapshot_count)])

    def agents(self, snapshot: int) -> pd.DataFrame:
        """Agent snapshot k: one row per agent, columns in the order they were written.
        Integer columns (ids, codes, voxel indices, counts) keep an integer dtype, except
        where some agents' type lacks the column: those read as NaN (float64), as in files
        written before integer columns. df.attrs holds time_h, type_names, units and
        value_names: {column: {population or "": [name of code 0, 1, ...]}} for the columns
        that name their codes ("population": {"": type_names}; "state": per population)."""
        count = self.agent_snapshot_count
        if not 0 <= snapshot < count:
            raise KeyError(f"file {self.path} has {count} agent snapshots; "
                           f"snapshot {snapshot} does not exist")
        table = self._agent_table()
        if table is None:
            group = self._file["agents"][str(snapshot)]
            datasets = dict(group.items())
            rows = slice(None)
            time_h = float(group.attrs["time_h"])
            type_names = _plain(group.attrs.get("type_names", []))
        else:
            times, first, counts, columns = table
            datasets = dict(columns.items())
            rows = slice(int(first[snapshot]), int(first[snapshot] + counts[snapshot]))
            time_h = float(times[snapshot])
            type_names = _plain(self._file["agents"].attrs.get("type_names", []))
        frame = pd.DataFrame({name: _column_values(dataset, rows) for name, dataset in datasets.items()})
        frame.attrs["time_h"] = time_h
        frame.attrs["type_names"] = type_names
        frame.attrs["units"] = {name: _plain(d.attrs.get("unit", "")) for name, d in datasets.items()}
        frame.attrs["value_names"] = {name: names for name, names in
                                      ((name, _value_names(d)) for name, d in datasets.items()) if names}
        return frame


def open_h5(path):
    """h5py.File read-only; a file that a run is still writing (HDF5 SWMR mode, which
    refuses plain readers) is opened as a SWMR reader."""
    try:
        return h5py.File(path, "r")
    except (OSError, RuntimeError) as plain:  # h5py raises RuntimeError for some damaged files
        try:
            return h5py.File(path, "r", libver="latest", swmr=True)
        except (OSError, RuntimeError):
            raise OSError(str(plain)) from None


def _column_values(dataset, rows=slice(None)):
    """An agent column as numpy values; an integer column's missing_value code becomes NaN."""
    values = dataset[rows]
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
