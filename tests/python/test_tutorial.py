"""docs/tutorial.md is a test: every ```sh block runs, in order, in a scratch folder laid out
like the repository (build/mscsim, scenarios/, scripts/, analysis/), and what the text says
the reader will see is checked. Run by ctest as python.tutorial (label tutorial)."""

import csv
import os
import re
import subprocess
from pathlib import Path

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
TUTORIAL = ROOT / "docs" / "tutorial.md"

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")


def shell_blocks(markdown: str) -> list:
    return re.findall(r"^```sh\n(.*?)^```$", markdown, re.M | re.S)


def commands_of(block: str) -> list:
    """One entry per command; a heredoc stays with the command that opens it."""
    commands, current, heredoc_end = [], [], None
    for line in block.splitlines():
        current.append(line)
        if heredoc_end is not None:
            if line == heredoc_end:
                heredoc_end = None
                commands.append("\n".join(current))
                current = []
            continue
        opened = re.search(r"<<'?(\w+)'?", line)
        if opened:
            heredoc_end = opened.group(1)
            continue
        commands.append("\n".join(current))
        current = []
    return [c for c in commands if c.strip()]


@pytest.fixture(scope="module")
def tutorial_run(tmp_path_factory):
    """Runs every command of the tutorial; returns {command: (stdout, stderr)} and the folder."""
    work = tmp_path_factory.mktemp("tutorial")
    (work / "build").mkdir()
    (work / "build" / "mscsim").symlink_to(Path(BINARY).resolve())
    for name in ("scenarios", "scripts", "analysis"):
        (work / name).symlink_to(ROOT / name)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["MSCSIM_BINARY"] = str(work / "build" / "mscsim")
    outputs = {}
    blocks = shell_blocks(TUTORIAL.read_text())
    assert len(blocks) >= 5, "the tutorial lost its command blocks"
    for block in blocks:
        for command in commands_of(block):
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=work, env=env,
                                    capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"tutorial command failed: {command}\n{result.stdout}\n{result.stderr}"
            outputs[command.splitlines()[0]] = (result.stdout, result.stderr)
    return outputs, work


def output_of(outputs, start):
    matches = [out for command, (out, _) in outputs.items() if command.startswith(start)]
    assert matches, f"no tutorial command starts with {start!r}"
    return matches[0]


def test_quickstart_info_shows_scenario_and_balance(tutorial_run):
    outputs, _ = tutorial_run
    info = output_of(outputs, "build/mscsim info out/tutorial/quickstart.h5")
    assert "quickstart" in info and "seed" in info
    assert "balance/msc_balance" in info and "agents/msc" in info and "agents/cd4_t" in info


def test_check_changed_shows_the_lesion_steroids_and_dose(tutorial_run):
    outputs, _ = tutorial_run
    changed = output_of(outputs, "build/mscsim check scenarios/disease/agvhd_steroid_refractory_iv.toml --changed")
    assert "differ from the defaults" in changed.splitlines()[0]
    assert "cotherapy.corticosteroid.enabled = true" in changed
    assert re.search(r"^dose\.0\.cells_per_kg = \S+  # default 0\.0", changed, re.M)
    assert "dose.0.site = \"peripheral_vein\"" in changed and "dose.0.route" not in changed
    assert "cd4_t.initial_count" in changed and "cd8_t.initial_count" in changed


def test_treated_has_mscs_and_untreated_none(tutorial_run):
    import h5py

    _, work = tutorial_run
    with h5py.File(work / "out/tutorial/treated.h5", "r") as treated, \
            h5py.File(work / "out/tutorial/untreated.h5", "r") as untreated:
        assert treated["timeseries/agents/msc"][-1] > 0
        assert untreated["timeseries/agents/msc"][-1] == 0
        assert "tissue/disease_activity" in untreated["timeseries"] or "disease_activity" in untreated["timeseries/tissue"]
    assert (work / "out/tutorial/compare/index.html").is_file()


def test_sweep_dry_run_then_twelve_runs_with_paired_statistics(tutorial_run):
    outputs, work = tutorial_run
    dry = output_of(outputs, "build/mscsim sweep out/tutorial/dose_sweep.toml -o out/tutorial/dose --dry-run")
    assert "12 runs" in dry, dry
    with open(work / "out/tutorial/dose/summary.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12 and all(r["status"] == "ok" for r in rows)
    assert sorted({r["arm"] for r in rows}) == ["iv", "untreated"]
    assert sum(r["arm"] == "untreated" for r in rows) == 3


def test_report_is_one_page(tutorial_run):
    _, work = tutorial_run
    page = work / "out/tutorial/dose_report/index.html"
    assert page.is_file() and page.stat().st_size > 1000
    assert list((work / "out/tutorial/dose_report").glob("*.png"))


def test_the_text_names_only_files_that_exist():
    for link in re.findall(r"\]\(([^)#]+)\)", TUTORIAL.read_text()):
        assert (TUTORIAL.parent / link).exists(), link
    for path in re.findall(r"`(scenarios/[\w/.]+)`", TUTORIAL.read_text()):
        assert (ROOT / path).exists(), path
