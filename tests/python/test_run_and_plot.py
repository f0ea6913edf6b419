"""End to end in Python: run the binary, read the file with the analysis package, draw
the demo picture."""

import os
import subprocess
from pathlib import Path

import pytest

from mscsim_analysis import Trajectory
from mscsim_analysis.plot_run import plot_run

BINARY = os.environ.get("MSCSIM_BINARY")


@pytest.fixture(scope="module")
def short_run(tmp_path_factory):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    out = tmp_path_factory.mktemp("run") / "short.h5"
    subprocess.run([BINARY, "run", "--quiet", "--set", "run.duration_h=4", "--set", "run.snapshot_every_h=2",
                    "-o", str(out)], check=True)
    return out


def test_series_are_indexed_by_time_and_counts_are_whole(short_run):
    with Trajectory(short_run) as run:
        series = run.series()
        assert series.index.name == "time_h"
        assert series.index[0] == 0.0 and series.index[-1] == pytest.approx(4.0)
        counts = series[[c for c in series.columns if c.startswith("agents/") and c != "agents/total"]].sum(axis=1)
        assert (counts == series["agents/total"]).all()
        assert ((series["balance/msc_balance"] >= -1) & (series["balance/msc_balance"] <= 1)).all()
        assert run.meta["scenario_name"] == "quickstart"


def test_fields_and_agents_have_the_lattice_shape(short_run):
    with Trajectory(short_run) as run:
        times, ifng = run.field("ifng")
        assert list(times) == [0.0, 2.0, 4.0]
        assert ifng.shape == (3, 100, 100)
        agents = run.agents(run.agent_snapshot_count - 1)
        assert {"msc", "cd4_t"} <= set(agents.attrs["type_names"])
        assert agents["x"].between(0, 99).all() and agents["y"].between(0, 99).all()
        # one agent per voxel
        assert not agents.duplicated(["x", "y"]).any()


def test_demo_picture_is_written(short_run, tmp_path):
    png = tmp_path / "run.png"
    plot_run(str(short_run), str(png))
    assert png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
