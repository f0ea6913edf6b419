"""mscsim_analysis.Trajectory reads a file laid out as docs/output-format.md describes.

The file is written here with h5py itself, so the test pins the documented layout rather
than whatever the C++ writer happens to do.
"""

import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))

from mscsim_analysis import SCHEMA_VERSION, Trajectory  # noqa: E402

SCENARIO = '[run]\nname = "small"\nseed = 42\n'


def write_small_trajectory(path, schema_version=SCHEMA_VERSION, format_name="mscsim-trajectory"):
    text = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as f:
        f.attrs["format"] = format_name
        f.attrs["schema_version"] = np.int32(schema_version)

        meta = f.create_group("meta")
        meta.attrs["version"] = "0.1.0"
        meta.attrs["seed"] = np.uint64(42)
        meta.attrs["threads"] = np.int32(2)
        meta.attrs["wall_s"] = 1.25
        meta.create_dataset("scenario", data=SCENARIO, dtype=text)

        series = f.create_group("timeseries")
        series.create_dataset("time_h", data=[0.0, 0.5, 1.0], maxshape=(None,), chunks=(256,))
        series["time_h"].attrs["unit"] = "h"
        count = series.create_group("population").create_dataset(
            "count", data=[10.0, 11.0, 13.0], maxshape=(None,), chunks=(256,))
        count.attrs["unit"] = "cells"
        mean = series.create_group("concentration").create_dataset(
            "mean", data=[0.0, 0.25, 0.5], maxshape=(None,), chunks=(256,))
        mean.attrs["unit"] = "ng/mL"

        fields = f.create_group("fields")
        fields.create_dataset("time_h", data=[0.0, 1.0], maxshape=(None,), chunks=(256,))
        values = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
        signal = fields.create_dataset("signal", data=values, maxshape=(None, 3, 4), chunks=(1, 3, 4),
                                       compression="gzip", compression_opts=1, shuffle=True)
        signal.attrs["unit"] = "ng/mL"

        agents = f.create_group("agents")
        if schema_version != 1:
            # Schema 2: one table; snapshot k is rows first_row[k] ... + agent_count[k].
            agents.attrs["type_names"] = np.array(["kind_a", "kind_b"], dtype=text)
            agents.create_dataset("time_h", data=[1.0, 2.0], maxshape=(None,), chunks=(64,))
            agents.create_dataset("first_row", data=np.array([0, 3], dtype=np.uint64), maxshape=(None,), chunks=(64,))
            agents.create_dataset("agent_count", data=np.array([3, 0], dtype=np.uint64), maxshape=(None,), chunks=(64,))
            columns = agents.create_group("columns", track_order=True)
            columns.create_dataset("x_um", data=[1.5, 2.5, 3.5], maxshape=(None,), chunks=(16,)).attrs["unit"] = "um"
            columns.create_dataset("type", data=np.array([0, 1, 1], dtype=np.int64), maxshape=(None,),
                                   chunks=(16,)).attrs["unit"] = "1"
            return
        first = agents.create_group("0", track_order=True)
        first.attrs["time_h"] = 1.0
        first.attrs["type_names"] = np.array(["kind_a", "kind_b"], dtype=text)
        first.create_dataset("x_um", data=[1.5, 2.5, 3.5]).attrs["unit"] = "um"
        first.create_dataset("type", data=np.array([0, 1, 1], dtype=np.int64)).attrs["unit"] = "1"
        empty = agents.create_group("1", track_order=True)
        empty.attrs["time_h"] = 2.0
        empty.attrs["type_names"] = np.array(["kind_a", "kind_b"], dtype=text)
        empty.create_dataset("x_um", shape=(0,), dtype=np.float64).attrs["unit"] = "um"


@pytest.mark.parametrize("version", [1, 2])  # 1: one group per agent snapshot, 2: one table
def test_reads_meta_series_fields_and_agents(tmp_path, version):
    path = tmp_path / "small.h5"
    write_small_trajectory(path, schema_version=version)
    with Trajectory(path) as trajectory:
        assert trajectory.schema_version == version
        assert trajectory.meta["seed"] == 42
        assert trajectory.meta["threads"] == 2
        assert trajectory.meta["version"] == "0.1.0"
        assert trajectory.scenario_toml == SCENARIO

        series = trajectory.series()
        assert list(series.columns) == ["concentration/mean", "population/count"]
        assert series.index.name == "time_h"
        assert list(series.index) == [0.0, 0.5, 1.0]
        assert list(series["population/count"]) == [10.0, 11.0, 13.0]
        assert trajectory.series_units()["concentration/mean"] == "ng/mL"

        assert trajectory.field_names() == ["signal"]
        times, values = trajectory.field("signal")
        assert list(times) == [0.0, 1.0]
        assert values.shape == (2, 3, 4)
        assert values.dtype == np.float32
        assert values[1, 2, 3] == 23.0

        assert trajectory.agent_snapshot_count == 2
        agents = trajectory.agents(0)
        assert list(agents.columns) == ["x_um", "type"]
        assert list(trajectory.agent_times()) == [1.0, 2.0]
        assert list(agents["type"]) == [0, 1, 1]
        assert agents.attrs["time_h"] == 1.0
        assert agents.attrs["type_names"] == ["kind_a", "kind_b"]
        assert len(trajectory.agents(1)) == 0
        with pytest.raises(KeyError):
            trajectory.agents(2)


def test_wrong_schema_version_raises_value_error(tmp_path):
    path = tmp_path / "future.h5"
    write_small_trajectory(path, schema_version=3)
    with pytest.raises(ValueError, match="schema version 3"):
        Trajectory(path)


def test_foreign_file_raises_value_error(tmp_path):
    path = tmp_path / "foreign.h5"
    write_small_trajectory(path, format_name="something-else")
    with pytest.raises(ValueError, match="not an mscsim trajectory"):
        Trajectory(path)
