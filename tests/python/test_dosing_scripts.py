"""scripts/window end to end on a short cut of the aGVHD scenario (3 doses x 2 replicates and
an untreated arm, 48 simulated hours: 8 runs of about 1-2 s), and both dosing scripts'
refusal of bad arguments: exit 2, one line on stderr, nothing written."""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("MSCSIM_BINARY", str(ROOT / "build" / "mscsim"))
SCENARIO = ROOT / "scenarios" / "disease" / "agvhd_steroid_refractory_iv.toml"


def script(name, *args):
    env = {**os.environ, "MSCSIM_BINARY": BINARY}
    return subprocess.run([str(ROOT / "scripts" / name), *map(str, args)], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def window(tmp_path_factory):
    if not Path(BINARY).is_file():
        pytest.skip(f"no mscsim binary at {BINARY}")
    out = tmp_path_factory.mktemp("window") / "study"
    result = script("window", SCENARIO, "-o", out, "--doses", "1e5:1e8:3", "--replicates", 2, "--jobs", 2,
                    "--bootstrap", 200, "--set", "run.duration_h=48")
    assert result.returncode == 0, result.stderr
    return out, result


def test_window_writes_the_dose_response_and_its_report(window):
    out, result = window
    table = pd.read_csv(out / "window.csv")
    np.testing.assert_allclose(table["dose_cells_per_kg"], [1e5, 10 ** 6.5, 1e8])
    summary = pd.read_csv(out / "sweep" / "summary.csv")
    assert (summary["status"] == "ok").all() and len(summary) == 8
    # The paired differences are the summary's own numbers: treated - untreated by replicate.
    endpoint = "tissue/disease_activity:mean"
    control = summary[summary["arm"] == "untreated"].sort_values("replicate")[endpoint].to_numpy()
    for i, row in table.iterrows():
        treated = summary[(summary["arm"] == "treated") & (summary["point"] == i)].sort_values("replicate")
        assert row["diff_mean"] == pytest.approx(np.mean(treated[endpoint].to_numpy() - control), rel=1e-9)
        assert row["diff_ci_low"] <= row["diff_mean"] <= row["diff_ci_high"]
    # Lung entrapment of the iv dose grows with the dose (a harm proxy that moves).
    lung = table["biodistribution/lung/total:peak mean"].to_numpy()
    assert lung[0] > 0 and np.all(np.diff(lung) > 0)
    study = json.loads((out / "window.json").read_text())
    for key in ("med", "med_interval", "plateau_dose", "plateau_interval", "margin", "harms"):
        assert key in study
    page = (out / "report" / "index.html").read_text()
    assert "data:image/png;base64" in page and "minimal effective dose" in result.stdout
    # Every run's seed is shared by its treated and untreated runs (common random numbers).
    seeds = summary.groupby("replicate")["seed"].nunique()
    assert (seeds == 1).all()


BAD_WINDOW = [
    (["--replicates", "1"], "--replicates 1"),
    (["--doses", "1e6:1e5:3"], "--doses"),
    (["--set", "dose.0.no_such_key=1"], "no_such_key"),
    (["--set", "run.duration_h=-5"], "duration_h"),
    (["--jobs", "two"], "--jobs"),
]


@pytest.mark.parametrize("extra,word", BAD_WINDOW)
def test_window_refuses_bad_arguments_with_one_line(tmp_path, extra, word):
    out = tmp_path / "study"
    result = script("window", SCENARIO, "-o", out, *extra)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0], result.stderr
    assert not out.exists()


def test_window_refuses_a_missing_scenario_and_a_used_folder(tmp_path):
    result = script("window", tmp_path / "none.toml", "-o", tmp_path / "a")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "a").exists()
    used = tmp_path / "used"
    used.mkdir()
    (used / "keep.txt").write_text("x")
    result = script("window", SCENARIO, "-o", used)
    assert result.returncode == 2 and "not empty" in result.stderr and sorted(os.listdir(used)) == ["keep.txt"]


BAD_SEARCH = [
    (["--trials", "0"], "--trials 0"),
    (["--trials", "2", "--replicates", "1"], "--replicates 1"),
    (["--trials", "2", "--routes", "iv,teleport"], "teleport"),
    ([], "--trials"),
]


@pytest.mark.parametrize("extra,word", BAD_SEARCH)
def test_optimize_regimen_refuses_bad_arguments_with_one_line(tmp_path, extra, word):
    pytest.importorskip("optuna")
    out = tmp_path / "search"
    result = script("optimize-regimen", SCENARIO, "-o", out, *extra)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and word in lines[0], result.stderr
    assert not out.exists()
