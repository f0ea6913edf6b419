"""Nested series groups and the event log (docs/output-format.md): the reader handles a
file laid out by hand with h5py, and a dose scenario run by mscsim writes both."""

import os
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "analysis"))

from mscsim_analysis import Trajectory  # noqa: E402

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))


def write_nested(path):
    text = h5py.string_dtype("utf-8")
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "mscsim-trajectory"
        f.attrs["schema_version"] = np.int32(1)
        series = f.create_group("timeseries")
        series.create_dataset("time_h", data=[0.0, 1.0])
        lung = series.create_group("biodistribution").create_group("lung")
        lung.create_dataset("msc0", data=[0.0, 5.0]).attrs["unit"] = "cells"
        series.create_group("plain").create_dataset("value", data=[1.0, 2.0]).attrs["unit"] = "1"
        f.create_group("fields").create_dataset("time_h", data=np.zeros(0))
        f.create_group("agents")
        dose = f.create_group("events").create_group("dose", track_order=True)
        dose.create_dataset("time_h", data=[0.0, 24.0]).attrs["unit"] = "h"
        dose.create_dataset("route", data=np.array(["iv", "ia"], dtype=text)).attrs["unit"] = "text"
        dose.create_dataset("cells_given", data=[7e7, 1e7]).attrs["unit"] = "cells"


def test_reader_walks_nested_groups_and_events(tmp_path):
    path = tmp_path / "nested.h5"
    write_nested(path)
    with Trajectory(path) as run:
        series = run.series()
        assert list(series.columns) == ["biodistribution/lung/msc0", "plain/value"]
        assert series["biodistribution/lung/msc0"].tolist() == [0.0, 5.0]
        assert run.series_units()["biodistribution/lung/msc0"] == "cells"
        doses = run.events()["dose"]
        assert list(doses.columns) == ["time_h", "route", "cells_given"]
        assert doses["route"].tolist() == ["iv", "ia"]
        assert doses.attrs["units"]["cells_given"] == "cells"


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")
def test_dose_run_writes_biodistribution_and_dose_events(tmp_path):
    out = tmp_path / "iv.h5"
    subprocess.run([BINARY, "run", str(ROOT / "scenarios" / "body" / "iv_dose.toml"), "--quiet",
                    "--set", "run.duration_h=4", "--set", "tissue.size_voxels=[10, 10]", "-o", str(out)],
                   check=True)
    with Trajectory(out) as run:
        series = run.series()
        given = series["biodistribution/cohort_0/given"].iloc[-1]
        assert given == 7e7
        cohort = "biodistribution/cohort_0/"
        places = [c for c in series.columns if c.startswith(cohort) and c.endswith("/total")]
        assert len(places) == 13
        assert series[places].iloc[-1].sum() == given
        # Per cohort and place, by phenotype: the phenotypes add up to the total, and the
        # only cohort's columns equal the summed series.
        for total in places:
            place = total[len(cohort):-len("/total")]
            by_phenotype = sum(series[f"{cohort}{place}/{ph}"] for ph in ("msc0", "msc1", "msc2"))
            assert (by_phenotype == series[total]).all(), place
            for column in ("msc0", "msc1", "msc2", "total"):
                assert (series[f"{cohort}{place}/{column}"] == series[f"biodistribution/{place}/{column}"]).all()
        assert series["biodistribution/lung/total"].iloc[-1] > 0.5 * given
        doses = run.events()["dose"]
        assert doses["route"].tolist() == ["iv"]
        assert doses["cells_given"].tolist() == [7e7]
