"""The one Python table of state names (mscsim_analysis.vocabulary.STATE_NAMES) against the C++
models: the enumerations in models/common/cell_states.hpp, the allowed values that `mscsim
parameters` lists for each <population>.initial_state (the models' state_names(), whose position
is the code), a run seeded in each population's last state, and the per-state series names.
Any change of a C++ enumeration that the table does not follow fails here."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from mscsim_analysis.frames import agent_snapshot, open_run, time_series
from mscsim_analysis.vocabulary import STATE_ENUMS, STATE_NAMES, state_name

BINARY = os.environ.get("MSCSIM_BINARY")
SOURCE = os.environ.get("MSCSIM_SOURCE_DIR")


def test_table_matches_the_cpp_enumerations():
    if not SOURCE:
        pytest.skip("MSCSIM_SOURCE_DIR is not set (run through ctest)")
    header = (Path(SOURCE) / "models/common/cell_states.hpp").read_text()
    enums = dict(re.findall(r"enum class (\w+)\s*:\s*std::int32_t\s*\{([^}]*)\}", header))
    assert set(STATE_ENUMS.values()) == set(enums), "a state enumeration was added or removed"
    for population, enum in STATE_ENUMS.items():
        members = [m.split("=") for m in enums[enum].split(",") if m.strip()]
        names = [name.strip().lower() for name, _ in members]
        codes = [int(code) for _, code in members]
        assert codes == list(range(len(codes))), f"{enum}: codes are not 0, 1, 2, ..."
        assert names == STATE_NAMES[population], f"{enum} in C++ is {names}"


def test_table_matches_the_allowed_initial_states():
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    text = subprocess.run([BINARY, "parameters", "--markdown"], check=True, capture_output=True, text=True).stdout
    allowed = dict(re.findall(r"\| `(\w+)\.initial_state` \|[^|]*\|[^|]*\| one of: ([^|]+) \|", text))
    assert set(allowed) == set(STATE_NAMES)
    for population, names in allowed.items():
        assert [n.strip() for n in names.split(",")] == STATE_NAMES[population]


def test_a_run_decodes_to_the_seeded_state_names(tmp_path):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    out = tmp_path / "states.h5"
    sets = [f'{population}.initial_state="{names[-1]}"' for population, names in STATE_NAMES.items()]
    subprocess.run([BINARY, "run", "--quiet", "--set", "run.duration_h=0.1",
                    *[a for s in sets for a in ("--set", s)], "-o", str(out)], check=True)
    with open_run(out) as run:
        cells = agent_snapshot(run, 0)
        series = time_series(run)
    for population, names in STATE_NAMES.items():
        states = set(cells.loc[cells["population"] == population, "state"])
        assert states == {names[-1]}, population
        for name in names:  # the models' per-state count series use the same names
            assert f"{population}/{name}" in series, f"{population}/{name}"
    msc = cells[cells["population"] == "msc"]
    assert len(msc) and set(msc["state"]) <= {"msc0", "msc1", "msc2"}
    assert msc["state_code"].isna().all()


def test_unknown_and_missing_codes():
    assert state_name("cd4_t", 2) == "th1"
    assert state_name("cd4_t", 2.0) == "th1"
    assert state_name("cd4_t", float("nan")) == ""
    assert state_name("cd4_t", 9) == "state 9"
