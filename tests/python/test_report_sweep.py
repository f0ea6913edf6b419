"""scripts/report on a small real sweep (quickstart, 4 h, 40 x 40 voxels; a dose axis and a
second axis; a control arm; 3 replicates; --jobs 2): dose-response, heatmap and paired panels of
their stated size, the HTML with every image embedded, the tornado when sensitivity/ exists,
and a folder that is no sweep refused with exit 2."""

import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from mscsim_analysis import sweep_report
from mscsim_analysis.report import main as report_main

BINARY = os.environ.get("MSCSIM_BINARY")
SOURCE = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))

SWEEP = """
[sweep]
base = "{base}"
seed = 5
replicates = 3
control = "no_msc"
set = {{ "run.duration_h" = 4.0, "run.agent_snapshots" = false, "tissue.size_voxels" = [40, 40] }}

[[axis]]
key = "msc.initial_count"
values = [20, 80]
dose = true

[[axis]]
key = "msc.prelicensing_ifng_ng_per_ml"
values = [0.0, 50.0]

[[arm]]
name = "no_msc"
set = {{ "msc.initial_count" = 0 }}
axes = []

[[arm]]
name = "msc"
"""


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    folder = tmp_path_factory.mktemp("sweep")
    spec = folder / "tiny.toml"
    spec.write_text(SWEEP.format(base=SOURCE / "scenarios" / "quickstart.toml"))
    out = folder / "out"
    subprocess.run([BINARY, "sweep", str(spec), "-o", str(out), "--jobs", "2"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def test_sweep_report_panels(sweep, capsys):
    (sweep / "sensitivity").mkdir()
    pd.DataFrame({"arm": ["msc"] * 2, "endpoint": ["tissue/disease_activity:mean"] * 2,
                  "parameter": ["msc.initial_count", "msc.prelicensing_ifng_ng_per_ml"], "prcc": [-0.7, 0.2],
                  "p": [0.001, 0.4], "significant": [True, False], "n_points": [20, 20]}).to_csv(
        sweep / "sensitivity" / "prcc.csv", index=False)
    assert report_main([str(sweep)]) == 0
    folder = sweep / "report"
    expected = {"dose_response.png": "dose_response", "heatmap_msc.png": "heatmap",
                "paired_differences.png": "paired"}
    for name, kind in expected.items():
        with Image.open(folder / name) as image:
            assert image.size == sweep_report.pixels(kind)
        assert (folder / name).stat().st_size > 20_000
    tornado = list(folder.glob("tornado_*.png"))
    assert len(tornado) == 1
    html = (folder / "index.html").read_text()
    assert html.count('<img src="data:image/png;base64,') == 4
    assert 'src="http' not in html and "<script" not in html
    assert "no_msc" in html and "Student t" in html


def test_dose_response_uses_the_statistics_tables(sweep):
    summary = sweep_report.read_summary(sweep)
    tables, _ = sweep_report.compute(summary)
    endpoints = sweep_report.headline_endpoints(summary, tables["arms"])
    assert endpoints[0] == "tissue/disease_activity:mean"
    assert len(endpoints) <= sweep_report.MAX_ENDPOINTS
    written = pd.read_csv(sweep / "statistics_dose_response.csv")  # what mscsim sweep printed
    assert len(written) == len(tables["dose_response"])


def test_a_folder_without_a_summary_is_refused(tmp_path, capsys):
    assert report_main([str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a sweep folder" in err
