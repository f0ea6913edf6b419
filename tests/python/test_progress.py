"""The progress line appears on a terminal for runs longer than about two seconds. When
stderr is not a terminal (a Slurm log, a pipe) plain lines appear every 10 s, or every
--progress SECONDS, never with a carriage return; --quiet silences both."""

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


def progress_lines(stderr):
    """The lines of stderr, each checked to be a whole plain progress line."""
    assert "\r" not in stderr, repr(stderr)
    lines = stderr.splitlines()
    for line in lines:
        assert line.startswith("tissue_large: ") and "% |" in line and "h simulated" in line, line
        assert "agent-steps/s" in line and "ETA" in line and "elapsed" in line, line
    return lines


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY")
def test_only_plain_lines_every_ten_seconds_when_stderr_is_not_a_terminal(tmp_path):
    result = subprocess.run([BINARY, *LONG_RUN, "-o", str(tmp_path / "run.h5")], capture_output=True, text=True,
                            check=True)
    # About 4 s of work: no line at all on an idle machine, one per 10 s on a busy one.
    wall_s = float(result.stdout.split(" lattice in ")[1].split(" s wall")[0])
    assert len(progress_lines(result.stderr)) <= wall_s / 10, result.stderr


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY")
def test_progress_option_sets_the_interval_of_the_lines(tmp_path):
    result = subprocess.run([BINARY, *LONG_RUN, "--progress", "0.2", "-o", str(tmp_path / "run.h5")],
                            capture_output=True, text=True, check=True)
    lines = progress_lines(result.stderr)
    assert len(lines) >= 3, result.stderr
    percents = [float(line.split(": ")[1].split("%")[0]) for line in lines]
    assert percents == sorted(percents) and 0 < percents[-1] <= 100, percents


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY")
def test_quiet_silences_progress_lines(tmp_path):
    result = subprocess.run([BINARY, *LONG_RUN, "--progress", "0.2", "--quiet", "-o", str(tmp_path / "run.h5")],
                            capture_output=True, text=True, check=True)
    assert result.stderr == "" and result.stdout == ""


@pytest.mark.skipif(not BINARY or not shutil.which("script"), reason="needs MSCSIM_BINARY and util-linux script")
def test_progress_option_gives_plain_lines_on_a_terminal(tmp_path):
    screen = under_terminal(LONG_RUN + ["--progress", "0.2"], tmp_path)
    # The terminal turns each "\n" into "\r\n"; no other carriage return may be left.
    assert "\r" not in screen.replace("\r\n", "\n") and screen.count("tissue_large: ") >= 3, screen
