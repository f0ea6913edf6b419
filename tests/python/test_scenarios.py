"""Every shipped scenario validates, and the teaching scenarios show what their comments
promise a student (run at their own seeds, so the outcome is reproducible)."""

import os
import subprocess
from pathlib import Path

import h5py
import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SWEEPS = sorted((ROOT / "scenarios" / "sweeps").rglob("*.toml"))  # with sweeps/robustness/
# Cohort files and the trial table are checked by `mscsim cohort --check` (test_trials_table.py).
NOT_SCENARIOS = [ROOT / "scenarios" / d for d in ("cohorts", "trials")]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").rglob("*.toml")
                   if p not in SWEEPS and not any(d in p.parents for d in NOT_SCENARIOS))

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT / "scenarios")))
def test_shipped_scenario_is_valid(scenario):
    result = subprocess.run([BINARY, "check", str(scenario)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("cohort", sorted((ROOT / "scenarios" / "cohorts").glob("*.toml")), ids=lambda p: p.name)
def test_shipped_cohort_is_valid(cohort):
    # --check loads the cohort, draws its patients and loads each patient's scenario; it runs nothing.
    result = subprocess.run([BINARY, "cohort", str(cohort), "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("sweep", SWEEPS, ids=lambda p: p.name)
def test_shipped_sweep_is_valid(sweep, tmp_path):
    # --dry-run loads every run's scenario (and times two short calibration runs per arm).
    result = subprocess.run([BINARY, "sweep", str(sweep), "-o", str(tmp_path / "out"), "--dry-run"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Estimated cost" in result.stdout and "unknown" not in result.stdout, result.stdout
    assert not (tmp_path / "out").exists()


def final_balance(name, tmp_path):
    out = tmp_path / f"{name}.h5"
    subprocess.run([BINARY, "run", str(ROOT / "scenarios" / "teaching" / f"{name}.toml"), "--quiet",
                    "--set", "run.duration_h=48", "--set", "run.snapshot_every_h=0", "-o", str(out)], check=True)
    with h5py.File(out, "r") as f:
        return float(f["timeseries/balance/msc_balance"][-1])


def test_teaching_scenarios_span_the_yin_yang(tmp_path):
    msc1 = final_balance("msc1_dominated", tmp_path)
    balanced = final_balance("balanced", tmp_path)
    msc2 = final_balance("msc2_dominated", tmp_path)
    assert msc1 < -0.5, msc1
    assert abs(balanced) < 0.25, balanced
    assert msc2 > 0.5, msc2
