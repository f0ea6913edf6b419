"""The progress line appears on a terminal for runs longer than about two seconds, and
never when stderr is not a terminal or with --quiet."""

import os
import shutil
import subprocess

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
SOURCE = os.environ.get("MSCSIM_SOURCE_DIR", "")
# About 4 s of work on one thread of a small machine.
LONG_RUN = ["run", f"{SOURCE}/scenarios/bench/tissue_large.toml", "--threads", "1",
            "--set", "run.duration_h=20"]


def under_terminal(args, tmp_path):
    """Runs the binary with a pseudo-terminal as stdout/stderr (util-linux `script`)."""
    command = " ".join([BINARY, *args, "-o", str(tmp_path / "run.h5")])
    result = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.mark.skipif(not BINARY or not shutil.which("script"), reason="needs MSCSIM_BINARY and util-linux script")
def test_progress_line_on_a_terminal(tmp_path):
    screen = under_terminal(LONG_RUN, tmp_path)
    assert "% |" in screen and "h simulated" in screen and "agent-steps/s" in screen and "ETA" in screen, screen


@pytest.mark.skipif(not BINARY or not shutil.which("script"), reason="needs MSCSIM_BINARY and util-linux script")
def test_quiet_silences_progress_on_a_terminal(tmp_path):
    screen = under_terminal(LONG_RUN + ["--quiet"], tmp_path)
    assert "ETA" not in screen and screen.strip() == "", screen


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY")
def test_no_progress_when_stderr_is_not_a_terminal(tmp_path):
    result = subprocess.run([BINARY, *LONG_RUN, "-o", str(tmp_path / "run.h5")], capture_output=True, text=True,
                            check=True)
    assert "ETA" not in result.stderr and result.stderr == ""
