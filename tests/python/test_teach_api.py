"""The teaching app's JSON API and its controls-to-keys mapping (docs/teaching.md).

The app is started as `scripts/teach --port 0` in its own process group and ended in every
path; the browser test (test_teach_browser.py) reuses `running_app`.
"""

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import h5py
import pytest

SOURCE = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = Path(os.environ.get("MSCSIM_BINARY", SOURCE / "build" / "mscsim"))
sys.path.insert(0, str(SOURCE / "analysis"))

from mscsim_analysis.teach.controls import (  # noqa: E402
    IFNG_SOURCES, TNFA_SOURCES, Scenario, catalogue_defaults, overrides)

needs_binary = pytest.mark.skipif(not BINARY.is_file(), reason=f"no mscsim binary at {BINARY}")


def _kill_group(proc: subprocess.Popen, sig=signal.SIGTERM, wait_s=10.0):
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, sig)
        proc.wait(timeout=wait_s)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)


@contextmanager
def running_app():
    """Start scripts/teach on a free port; yield (base url, process); always end it."""
    env = dict(os.environ, MSCSIM_BINARY=str(BINARY), MSCSIM_SOURCE_DIR=str(SOURCE))
    proc = subprocess.Popen([str(SOURCE / "scripts" / "teach"), "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    try:
        line = {}
        reader = threading.Thread(target=lambda: line.setdefault("text", proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        m = re.search(r"(http://\S+/)", line.get("text", ""))
        if not m:
            _kill_group(proc)
            raise AssertionError(f"scripts/teach printed no address; stderr: {proc.stderr.read()}")
        yield m.group(1), proc
    finally:
        _kill_group(proc)


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def post_json(url, body):
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def wait_done(base, run_id, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        run = get_json(f"{base}api/runs/{run_id}")
        if run["state"] in ("done", "failed"):
            return run
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} not finished after {timeout_s} s")


@needs_binary
def test_controls_write_real_scenario_keys():
    defaults = catalogue_defaults(BINARY)
    balanced = Scenario("balanced", SOURCE / "scenarios/teaching/balanced.toml", defaults)
    # The scenario as written: only the app's own snapshot setting is added.
    assert overrides(balanced, {}) == ["run.snapshot_every_h=6.0"]
    sets = overrides(balanced, {"ifng_level": 2.0, "tnfa_level": 0.0, "priming": "lps_tlr4",
                                "msc_count": 150, "freshly_thawed": True, "ido_knockout": True,
                                "pge2_knockout": True, "tgfb_knockout": True, "th1_count": 500,
                                "damage": 2.5, "duration_h": 24, "seed": 3})
    for key in IFNG_SOURCES:
        assert f"{key}={2.0 * defaults[key]}" in sets
    for key in TNFA_SOURCES:
        assert f"{key}=0.0" in sets
    for expected in ('msc.priming="lps_tlr4"', "msc.initial_count=150", "msc.freshly_thawed=true",
                     "msc.ido_enabled=false", "msc.pge2_enabled=false", "msc.tgfb_enabled=false",
                     "cd4_t.initial_count=500", "fields.damp.initial_ng_per_ml=2.5",
                     "run.duration_h=24.0", "run.seed=3"):
        assert expected in sets
    # Every key the controls write is one the binary accepts.
    check = subprocess.run([str(BINARY), "check", str(balanced.path)] +
                           [a for s in sets for a in ("--set", s)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    for bad in ({"ifng_level": 9.0}, {"priming": "tlr9"}, {"nonsense": 1}, {"freshly_thawed": "yes"}):
        with pytest.raises(ValueError):
            overrides(balanced, bad)


@needs_binary
def test_api_runs_the_binary_and_reports_the_file():
    with running_app() as (base, proc):
        config = get_json(base + "api/config")
        ids = {c["id"] for c in config["controls"]}
        assert {"ifng_level", "tnfa_level", "priming", "msc_count", "freshly_thawed", "ido_knockout",
                "pge2_knockout", "tgfb_knockout"} <= ids
        assert all(c["keys"] and c["tooltip"] for c in config["controls"])
        assert config["order"] == ["msc1_dominated", "balanced", "msc2_dominated"]
        assert config["scenarios"]["msc1_dominated"]["values"]["priming"] == "lps_tlr4"
        assert config["scenarios"]["msc2_dominated"]["values"]["th1_count"] == 600
        assert config["scenarios"]["balanced"]["should_see"]
        page = urllib.request.urlopen(base, timeout=30).read().decode()
        assert "<script src" not in page and "http://" not in page.replace("http://www.w3.org", "")

        status, err = post_json(base + "api/runs", {"scenario": "balanced", "values": {"ifng_level": 7}})
        assert status == 400 and "ifng_level" in err["error"]
        status, err = post_json(base + "api/runs", {"scenario": "nowhere"})
        assert status == 400 and "unknown scenario" in err["error"]

        status, run = post_json(base + "api/runs", {"scenario": "balanced",
                                                    "values": {"duration_h": 12, "ifng_level": 2.0}})
        assert status == 202, run
        assert "--set 'run.duration_h=12.0'" in run["command"]
        assert "cd4_t.ifng_secretion_th1_ng_per_ml_per_h=60.0" in run["command"]
        done = wait_done(base, run["id"])
        assert done["state"] == "done", done["error"]
        result = done["result"]
        with h5py.File(done["file"], "r") as f:
            assert float(f["meta"].attrs["duration_h"]) == 12.0
            assert result["final"]["balance/msc_balance"] == float(f["timeseries/balance/msc_balance"][-1])
            assert len(result["frames"]) == len(f["agents/time_h"]) == 3    # 0, 6 and 12 h
            assert result["frames"][-1]["msc"] == [int(f[f"timeseries/msc/msc{k}"][-1]) for k in range(3)]
        assert result["caption"].startswith("After 12 h")
        assert result["meta"]["app_wall_s"] > 0
        folder = Path(done["file"]).parent
        assert folder.is_dir()

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert not folder.exists(), "the app left its temporary folder behind"
