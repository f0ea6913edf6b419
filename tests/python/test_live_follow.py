"""A run's file can be read while the run writes it (HDF5 SWMR, docs/output-format.md), and
`scripts/report --follow` reports on it as it grows, then writes the final report."""

import os
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pytest

SOURCE = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(SOURCE / "analysis"))

from mscsim_analysis import Trajectory  # noqa: E402
from mscsim_analysis.report import run_report  # noqa: E402

BINARY = os.environ.get("MSCSIM_BINARY")
REPORT = SOURCE / "scripts" / "report"
# The quickstart on one thread with a snapshot, and so a flush, every 4 h.
RUN = [str(SOURCE / "scenarios" / "quickstart.toml"), "--quiet", "--threads", "1", "--set", "run.snapshot_every_h=4"]


@pytest.fixture(autouse=True)
def need_binary():
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")


def open_live(partial: Path, process, timeout_s=120.0):
    """The growing file opened as a SWMR reader, once its writer has gone live."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if process.poll() is not None:
            pytest.fail(f"the run ended ({process.returncode}) before its file could be opened live")
        try:
            return h5py.File(partial, "r", libver="latest", swmr=True)
        except OSError:  # not created yet, or not yet in SWMR mode
            time.sleep(0.05)
    pytest.fail(f"{partial} could not be opened as a SWMR reader within {timeout_s:g} s")


def test_a_run_file_is_read_while_written_and_followed_to_the_final_report(tmp_path):
    out = tmp_path / "live.h5"
    partial = tmp_path / "live.h5.partial"
    report_dir = tmp_path / "report"
    # 48 h: 13 flushes over the seconds the run takes.
    run = subprocess.Popen([BINARY, "run", *RUN, "--set", "run.duration_h=48", "-o", str(out)],
                           stderr=subprocess.PIPE, text=True)
    follower = subprocess.Popen([str(REPORT), "--follow", str(out), "-o", str(report_dir), "--interval", "1", "--no-gif"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        live = open_live(partial, run)
        seen = []  # (rows, time_h and one series as read then, agent snapshots then)
        with live:
            times, balance = live["timeseries/time_h"], live["timeseries/balance/msc_balance"]
            while run.poll() is None:
                times.refresh()
                balance.refresh()
                rows = min(times.shape[0], balance.shape[0])
                if not seen or rows > seen[-1][0]:
                    assert "meta" not in live  # /meta comes only with the finished file
                    seen.append((rows, times[:rows].copy(), balance[:rows].copy()))
                time.sleep(0.05)
        assert run.wait() == 0, run.stderr.read()
        # Three or more sizes seen: the file grew while it was read (the run flushes 13 times,
        # about a second apart on 2 cores, and is polled every 0.05 s: missing 11 of them would
        # take a machine some 20 times faster; the test then fails rather than passes).
        assert len(seen) >= 3, [rows for rows, *_ in seen]
        with h5py.File(out, "r") as final:
            final_times = final["timeseries/time_h"][()]
            final_balance = final["timeseries/balance/msc_balance"][()]
        for rows, early_times, early_balance in seen:
            # What a reader saw mid-run is, bit for bit, the start of the finished file.
            assert np.array_equal(early_times, final_times[:rows])
            assert np.array_equal(early_balance, final_balance[:rows], equal_nan=True)
        assert follower.wait(timeout=600) == 0, follower.stderr.read()
    finally:
        for process in (run, follower):
            if process.poll() is None:
                process.kill()
                process.wait()
    page = (report_dir / "index.html").read_text()
    assert "run in progress" not in page.lower() and 'http-equiv="refresh"' not in page
    assert "lattice.png" in os.listdir(report_dir) and page.count("data:image/png;base64,") >= 5


def test_a_stopped_runs_partial_file_reads_and_renders_as_in_progress(tmp_path):
    out = tmp_path / "stopped.h5"
    done = subprocess.run([BINARY, "run", *RUN, "--set", "run.duration_h=12", "--stop-at-h", "8", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 4, done.stderr  # stopped: the file stays OUT.h5.partial
    partial = tmp_path / "stopped.h5.partial"
    with Trajectory(partial) as run:
        assert not run.finished
        assert run.series().index[-1] == 8.0
        assert list(run.agent_times()) == [0.0, 4.0, 8.0]
        assert len(run.agents(2)) > 0
    page = run_report(partial, tmp_path / "report", live_refresh_s=5)
    html = (tmp_path / "report" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="5">' in html
    assert "Run in progress at t = 8 h" in html and page.notes


def test_follow_refuses_a_foreign_file_and_a_run_that_stopped(tmp_path):
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f.attrs["format"] = "something-else"
    done = subprocess.run([str(REPORT), "--follow", str(foreign), "--interval", "0.2"], capture_output=True, text=True)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1 and "not an mscsim" in done.stderr
    (tmp_path / "truncated.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100)
    done = subprocess.run([str(REPORT), "--follow", str(tmp_path / "truncated.h5"), "--interval", "0.2"],
                          capture_output=True, text=True)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    stopped = tmp_path / "stopped.h5"
    done = subprocess.run([BINARY, "run", "--quiet", "--set", "run.duration_h=2", "--set", "tissue.size_voxels=[20,20]",
                           "--stop-at-h", "1", "-o", str(stopped)], capture_output=True, text=True)
    assert done.returncode == 4, done.stderr
    done = subprocess.run([str(REPORT), "--follow", str(stopped), "--interval", "0.2"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2 and "no run is writing it" in done.stderr, done.stderr

