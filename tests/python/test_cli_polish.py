"""Small conveniences of the command line: `parameters PREFIX`, `check --changed`, `info`
numbers rounded for people and the last snapshot's cells by state name, and `--set
key=word` for text keys without inner quotes."""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")


def mscsim(*args, cwd=None):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, cwd=cwd)


def test_parameters_prefix_lists_only_matching_keys():
    everything = mscsim("parameters").stdout.splitlines()
    msc = mscsim("parameters", "msc.")
    assert msc.returncode == 0, msc.stderr
    lines = msc.stdout.splitlines()
    assert lines and all(line.startswith("msc.") for line in lines)
    assert lines == [line for line in everything if line.startswith("msc.")]
    assert len(lines) < len(everything)


def test_parameters_prefix_that_matches_nothing_is_one_line_exit_2():
    r = mscsim("parameters", "nosuchprefix.")
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "nosuchprefix." in r.stderr, r.stderr
    assert mscsim("parameters", "msc.", "--markdown").returncode == 2


def test_check_changed_lists_only_what_differs_from_the_defaults():
    scenario = ROOT / "scenarios" / "in_vitro" / "mlr.toml"
    r = mscsim("check", str(scenario), "--changed", "--set", "run.dt_h=0.04")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    header, body = lines[0], lines[1:]
    assert re.match(rf"# {len(body)} parameters? of .*mlr\.toml differ from the defaults", header), header
    keys = [line.split(" = ")[0] for line in body]
    assert "run.dt_h" in keys and "tissue.setting" in keys
    dt = next(line for line in body if line.startswith("run.dt_h = "))
    assert "# default 0.05, set at --set" in dt, dt
    setting = next(line for line in body if line.startswith("tissue.setting = "))
    assert re.search(r"set at .*mlr\.toml:\d+:\d+$", setting), setting
    # Nothing that equals its default, and far fewer lines than the full resolved scenario.
    full = mscsim("check", str(scenario)).stdout
    assert len(body) < full.count("\n") / 5
    assert "run.seed" not in keys or "run.seed = 1 " not in r.stdout


def test_check_changed_on_defaults_only_is_empty(tmp_path):
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    r = mscsim("check", str(empty), "--changed")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"# 0 parameters of {empty} differ from the defaults"]


def test_info_rounds_run_numbers_for_people(tmp_path):
    run = mscsim("run", "--quiet", "-o", "r.h5", "--set", "run.duration_h=1", "--set", "tissue.size_voxels=[20,20]",
                 cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    info = mscsim("info", "r.h5", cwd=tmp_path)
    assert info.returncode == 0, info.stderr
    wall = re.search(r"started \S+, (\S+) s wall", info.stdout).group(1)
    throughput = re.search(r"throughput\s+(\S+) agent-steps/s, (\S+) voxel-field", info.stdout).groups()
    for number in (wall, *throughput):
        mantissa = re.sub(r"e[+-]\d+$", "", number).replace(".", "").lstrip("0")
        assert len(mantissa) <= 3, f"{number} is not rounded: {info.stdout}"
    for line in info.stdout.splitlines():
        if line.startswith("    ") and "/" in line.split()[0]:
            value = line.split()[1]
            assert len(re.sub(r"e[+-]\d+$", "", value).replace(".", "").replace("-", "").lstrip("0")) <= 4, line


def test_info_counts_the_last_snapshots_cells_by_state_name(tmp_path):
    run = mscsim("run", "--quiet", "-o", "r.h5", "--set", "run.duration_h=2", "--set", "tissue.size_voxels=[30,30]",
                 cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    info = mscsim("info", "r.h5", cwd=tmp_path).stdout
    assert "cells at t = 2 h (last snapshot), by population and state:" in info
    lines = {line.split()[0]: line for line in info.split("by population and state:\n")[1].splitlines()
             if line.startswith("    ")}
    sys.path.insert(0, str(ROOT / "analysis"))
    from mscsim_analysis.frames import agent_snapshot, open_run
    with open_run(tmp_path / "r.h5") as trajectory:
        cells = agent_snapshot(trajectory, -1)  # names from the file's value_names
    for population, group in cells.groupby("population"):
        line = lines[population]
        assert int(line.split()[1].rstrip(";")) == len(group), line
        if population == "msc":
            continue  # MSCs have no state column (their phenotype comes from polarization)
        expected = ", ".join(f"{name} {count}" for name, count in Counter(group["state"]).items())
        shown = dict(part.rsplit(" ", 1) for part in line.split("state: ")[1].split(", "))
        assert {k: int(v) for k, v in shown.items()} == dict(Counter(group["state"])), (line, expected)
    assert len(info.splitlines()) < 200  # short: one line per population


def test_set_text_value_without_inner_quotes(tmp_path):
    scenario = ROOT / "scenarios" / "body" / "iv_dose.toml"
    bare = mscsim("check", str(scenario), "--changed", "--set", "dose.0.route=ia", "--set", "dose.0.site=target_artery")
    quoted = mscsim("check", str(scenario), "--changed", "--set", 'dose.0.route="ia"',
                    "--set", 'dose.0.site="target_artery"')
    assert bare.returncode == 0, bare.stderr
    assert bare.stdout == quoted.stdout
    assert 'dose.0.route = "ia"' in bare.stdout
    wrong = mscsim("check", str(scenario), "--set", "run.dt_h=fast")
    assert wrong.returncode == 2
    assert wrong.stderr.strip() == "mscsim: error: --set: run.dt_h: expected a real number, got a string", wrong.stderr
    not_a_route = mscsim("check", str(scenario), "--set", "dose.0.route=vein")
    assert not_a_route.returncode == 2 and len(not_a_route.stderr.strip().splitlines()) == 1, not_a_route.stderr
