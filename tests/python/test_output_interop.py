"""A run file explains itself to generic HDF5 tools (docs/output-format.md): category codes
carry their names, integer columns are integers, and the time axes are dimension scales."""

import os
import subprocess

import h5py
import numpy as np
import pytest

from mscsim_analysis import Trajectory
from mscsim_analysis.frames import agent_snapshot
from mscsim_analysis.vocabulary import STATE_NAMES, state_name

BINARY = os.environ.get("MSCSIM_BINARY")


@pytest.fixture(scope="module")
def run_file(tmp_path_factory):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    out = tmp_path_factory.mktemp("run") / "interop.h5"
    subprocess.run([BINARY, "run", "--quiet", "--set", "run.duration_h=2", "-o", str(out)], check=True)
    return out


def test_state_columns_name_their_codes_per_population(run_file):
    with h5py.File(run_file, "r") as f:
        snapshot = f["agents/columns"]  # every snapshot's agents, one after another
        populations = [str(name) for name in snapshot["population"].attrs["value_names"]]
        assert populations == [str(name) for name in f["agents"].attrs["type_names"]]
        state = snapshot["state"]
        named = {key.split(".", 1)[1]: [str(v) for v in value]
                 for key, value in state.attrs.items() if key.startswith("value_names.")}
        assert named, "the state column names none of its codes"
        for population, names in named.items():
            # The file's names are the models' own, which the Python table copies.
            assert names == STATE_NAMES[population], population
        assert "msc" not in named  # MSCs have no state column


def test_reader_prefers_the_files_names_and_falls_back_to_the_table(run_file):
    with Trajectory(run_file) as run:
        agents = run.agents(0)
        names = agents.attrs["value_names"]
        assert names["population"][""] == agents.attrs["type_names"]
        assert "cd4_t" in names["state"]
        frame = agent_snapshot(run, 0)
    # A name the file gives wins over the table; without one the table answers.
    assert state_name("cd4_t", 1, ["resting", "busy"]) == "busy"
    assert state_name("cd4_t", 1) == STATE_NAMES["cd4_t"][1]
    t_cells = frame[frame["population"] == "cd4_t"]
    assert len(t_cells) and set(t_cells["state"]) <= set(STATE_NAMES["cd4_t"])


def test_integer_columns_are_stored_as_integers(run_file):
    with h5py.File(run_file, "r") as f:
        snapshot = f["agents/columns"]
        for name in ("id", "population", "x", "y", "z", "state", "next_state", "divisions"):
            assert snapshot[name].dtype.kind == "i", (name, snapshot[name].dtype)
        for name in ("licensing_level", "polarization"):
            assert snapshot[name].dtype.kind == "f", (name, snapshot[name].dtype)
        # MSCs lack a state: their rows hold the column's missing_value code.
        state = snapshot["state"]
        missing = state.attrs["missing_value"]
        is_msc = snapshot["population"][:] == list(f["agents"].attrs["type_names"]).index("msc")
        assert is_msc.any()
        assert (state[:][is_msc] == missing).all() and (state[:][~is_msc] >= 0).all()
        is_msc = is_msc[:int(f["agents/agent_count"][0])]  # snapshot 0: the table's first rows
    with Trajectory(run_file) as run:
        agents = run.agents(0)
        assert agents["id"].dtype.kind == "i" and agents["x"].dtype.kind == "i"
        assert agents["state"][is_msc].isna().all() and agents["state"][~is_msc].notna().all()


def test_time_axes_are_dimension_scales_attached_to_what_they_index(run_file):
    with h5py.File(run_file, "r") as f:
        row_time = f["timeseries/time_h"]
        assert h5py.h5ds.is_scale(row_time.id)
        for name in ("agents/total", "balance/msc_balance", "fields/ifng_mean"):
            series = f["timeseries"][name]
            assert series.dims[0][0] == row_time, name
            assert series.dims[0][0].name == "/timeseries/time_h"
        field_time = f["fields/time_h"]
        assert h5py.h5ds.is_scale(field_time.id)
        fields = [name for name in f["fields"] if name != "time_h"]
        assert fields
        for name in fields:
            assert f["fields"][name].dims[0][0] == field_time, name
        assert np.array_equal(f["fields"][fields[0]].dims[0][0][:], field_time[:])
