"""`mscsim run` writes OUT.xdmf beside OUT.h5, and ParaView's own XDMF reader (pvpython,
headless) opens it: the times, the grid (cells, spacing in um) and every value of a field
at a later snapshot equal what the HDF5 file holds, for a 2-D and a 3-D lattice. Run by
ctest as python.xdmf_paraview (label paraview), after `scripts/setup --paraview`."""

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import h5py
import numpy as np
import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
PVPYTHON = shutil.which("pvpython")

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")

# Runs inside pvpython: reads the sidecar with ParaView's XDMF reader at every time step.
PROBE = r'''
import json, sys
from paraview import servermanager
from paraview.simple import XDMFReader
reader = XDMFReader(FileNames=[sys.argv[1]])
out = {"times": list(reader.TimestepValues), "arrays": list(reader.CellArrayStatus), "frames": []}
for t in reader.TimestepValues:
    reader.UpdatePipeline(t)
    grid = servermanager.Fetch(reader)
    values = grid.GetCellData().GetArray(sys.argv[2])
    out["frames"].append({"dims": list(grid.GetDimensions()), "spacing": list(grid.GetSpacing()),
                          "values": [values.GetValue(i) for i in range(values.GetNumberOfTuples())]})
print("PROBE " + json.dumps(out))
'''


def run(tmp_path, name, size):
    out = tmp_path / f"{name}.h5"
    result = subprocess.run([BINARY, "run", "--quiet", "-o", str(out), "--set", "run.duration_h=3",
                             "--set", f"tissue.size_voxels={size}", "--set", "run.snapshot_every_h=1",
                             "--set", "tissue.voxel_um=25"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("size", ["[30,20]", "[12,10,4]"], ids=["2d", "3d"])
def test_sidecar_describes_every_snapshot(tmp_path, size):
    h5 = run(tmp_path, "fields", size)
    sidecar = h5.with_suffix(".xdmf")
    assert sidecar.is_file()
    root = ET.parse(sidecar).getroot()
    grids = root.findall("./Domain/Grid/Grid")
    with h5py.File(h5, "r") as f:
        times = f["fields/time_h"][:]
        names = sorted(k for k in f["fields"] if k != "time_h")
    assert [float(g.find("Time").get("Value")) for g in grids] == list(times)
    assert sorted(a.get("Name") for a in grids[0].findall("Attribute")) == names
    # The HDF5 file is named relative to the sidecar, so the pair can be moved together.
    assert grids[0].find("Attribute/DataItem/DataItem[@Format='HDF']").text.startswith("fields.h5:/fields/")


@pytest.mark.skipif(not PVPYTHON, reason="needs ParaView's pvpython (scripts/setup --paraview)")
@pytest.mark.parametrize("size,cells", [("[30,20]", (30, 20, 1)), ("[12,10,4]", (12, 10, 4))], ids=["2d", "3d"])
def test_paraview_reads_the_hdf5_fields_through_the_sidecar(tmp_path, size, cells):
    h5 = run(tmp_path, "pv", size)
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([PVPYTHON, "--force-offscreen-rendering", str(probe), str(h5.with_suffix(".xdmf")), "ccl2"],
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    read = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("PROBE "))[6:])
    with h5py.File(h5, "r") as f:
        times = f["fields/time_h"][:]
        field = f["fields/ccl2"][:]
        names = sorted(k for k in f["fields"] if k != "time_h")
    assert read["times"] == list(times)
    assert sorted(read["arrays"]) == names
    assert len(read["frames"]) == len(times) >= 3
    for frame, expected in zip(read["frames"], field):
        assert frame["dims"] == [n + 1 for n in cells]          # points: one more than cells per axis
        assert frame["spacing"] == [25.0, 25.0, 25.0]          # um, from tissue.voxel_um
        # VTK cell order (x fastest, then y, then z) is the C order of [(z,) y, x].
        np.testing.assert_array_equal(np.asarray(frame["values"], dtype=np.float32), expected.ravel())
    assert np.any(field[-1] != field[0]), "the field should change over the run (a weak test otherwise)"
