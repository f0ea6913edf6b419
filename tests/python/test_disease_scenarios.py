"""The disease scenario library (scenarios/disease/, docs/ODD.md section 4.1): every file
validates, and each one runs a short horizon with its dose and writes a trajectory in which
the dose was given and the lesion has begun to form (damage above zero and rising)."""

import os
import re
import subprocess
from pathlib import Path

import h5py
import numpy as np
import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
DISEASE = sorted((ROOT / "scenarios" / "disease").glob("*.toml"))

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")

# Every row of docs/ODD.md section 4.1 has at least one file.
ROWS = ["agvhd", "cgvhd", "crohns_perianal_fistula", "crohns_luminal", "sle", "rheumatoid_arthritis",
        "multiple_sclerosis", "kidney_transplant", "aclf", "systemic_sclerosis"]


def test_every_disease_row_has_a_scenario():
    names = [p.stem for p in DISEASE]
    for row in ROWS:
        assert any(n.startswith(row) for n in names), row


def opening_comment(scenario):
    """The comment block a scenario file opens with, up to its first non-comment line."""
    header = []
    for line in scenario.read_text().splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return "\n".join(header)


@pytest.mark.parametrize("scenario", DISEASE, ids=lambda p: p.stem)
def test_disease_scenario_opens_with_its_source_and_purpose(scenario):
    """Issue 4: each file opens with a comment block that cites the seed table or trial it
    comes from (an author and a year) and states what the scenario is for."""
    text = opening_comment(scenario)
    source = text[text.find("# Source."):text.find("# What it is for.")] if "# Source." in text else ""
    assert source, f"{scenario.name}: no '# Source.' paragraph in the opening comment block"
    assert re.search(r"[A-Z][a-z]+[^\n]*(19|20)\d\d", source), f"{scenario.name}: the source cites no author and year"
    assert "# What it is for." in text, f"{scenario.name}: no '# What it is for.' paragraph"


@pytest.mark.parametrize("scenario", DISEASE, ids=lambda p: p.stem)
def test_disease_scenario_is_valid(scenario):
    result = subprocess.run([BINARY, "check", str(scenario)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("scenario", DISEASE, ids=lambda p: p.stem)
def test_disease_scenario_runs_and_writes_a_trajectory(scenario, tmp_path):
    out = tmp_path / f"{scenario.stem}.h5"
    subprocess.run([BINARY, "run", str(scenario), "--quiet", "--set", "run.duration_h=24",
                    "--set", "run.output_every_h=6", "--set", "run.snapshot_every_h=0", "-o", str(out)],
                   check=True)
    with h5py.File(out, "r") as f:
        ts = f["timeseries"]
        time = ts["time_h"][:]
        assert time[-1] == pytest.approx(24.0)
        damage = ts["tissue/mean_damage"][:]
        activity = ts["tissue/disease_activity"][:]
        assert np.all(np.isfinite(activity)) and np.all((activity >= 0) & (activity <= 100))
        # The lesion forms: damage rises from zero within the first day.
        assert damage[0] == 0.0 and damage[-1] > 0.0, damage
        # The dose at t = 0 was given (every file doses at t = 0).
        assert ts["biodistribution/cohort_0/given"][-1] > 0


INTERVAL = re.compile(r"[-+]?\d+(\.\d+)? \[[-+]?\d+(\.\d+)?, [-+]?\d+(\.\d+)?\]")


@pytest.mark.parametrize("scenario", DISEASE, ids=lambda p: p.stem)
def test_disease_scenario_header_records_its_endpoint_and_measured_effect(scenario):
    """Issue 11, item 1: every disease file says what its primary endpoint means clinically
    and records the treated-minus-untreated effect measured with common seeds (a paired
    difference with its interval, the number of seeds and the sweep seed), so a user can
    see whether the model agrees with the trial before using it."""
    text = opening_comment(scenario)
    assert "Primary endpoint" in text, f"{scenario.name}: no primary endpoint and its clinical meaning"
    measured = text[text.find("# Effect measured"):] if "# Effect measured" in text else ""
    assert measured, f"{scenario.name}: no '# Effect measured' paragraph"
    assert INTERVAL.search(measured), f"{scenario.name}: the measured effect states no interval"
    assert re.search(r"\d+ replicate seeds from sweep seed \d+", measured), f"{scenario.name}: no seeds"
