"""The README's facts are true and its commands work: the files, folders and links it names
exist, every scenario folder is described, the quickstart's simulated time is what it says,
and every command in its shell blocks is run (or, where its inputs are made elsewhere, its
program, subcommand and options are checked against --help)."""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
README = (ROOT / "README.md").read_text()


def shell_lines():
    for block in re.findall(r"^```sh\n(.*?)^```$", README, re.M | re.S):
        for line in block.splitlines():
            command = re.sub(r"\s+#.*$", "", line).strip()
            if command:
                yield command


def test_links_and_named_paths_exist():
    for link in re.findall(r"\]\(([^)#:]+)\)", README):
        assert (ROOT / link).exists(), link
    for path in re.findall(r"`((?:scenarios|scripts|docs|analysis|models|tests)/[\w./-]*)`", README):
        assert (ROOT / path.rstrip("/")).exists() or (ROOT / "scenarios" / path).exists(), path


def test_every_scenario_folder_is_described():
    section = README.split("## Scenarios", 1)[1].split("\n## ", 1)[0]
    for folder in sorted(p.name for p in (ROOT / "scenarios").iterdir() if p.is_dir()):
        assert f"`{folder}/`" in section, f"scenarios/{folder}/ is not described in the README"


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")
def test_quickstart_duration_is_what_the_readme_says():
    claimed = float(re.search(r"receiving MSCs, (\d+) h simulated", README).group(1))
    resolved = subprocess.run([BINARY, "check", str(ROOT / "scenarios" / "quickstart.toml")],
                              capture_output=True, text=True, check=True).stdout
    assert float(re.search(r"^duration_h = (\S+)", resolved, re.M).group(1)) == claimed


def options_of(words):
    return [w.split("=")[0] for w in words if w.startswith("--")]


@pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")
def test_readme_commands(tmp_path):
    # A scratch folder laid out like the repository, so the commands run as written.
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "mscsim").symlink_to(Path(BINARY).resolve())
    for name in ("scenarios", "scripts", "analysis"):
        (tmp_path / name).symlink_to(ROOT / name)
    env = dict(os.environ, MSCSIM_BINARY=str(tmp_path / "build" / "mscsim"))
    run, checked = [], []
    for command in shell_lines():
        words = shlex.split(command.split(" 2>")[0])
        program = words[0]
        if program in ("scripts/demo", "scripts/test", "mpirun"):
            # Whole-machine commands: exercised by CI itself and by docs/cluster.md's tests.
            assert (ROOT / program).exists() or program == "mpirun", program
            continue
        if program == "cmake":
            continue  # the install line is tested by test_install.py
        assert (tmp_path / program).exists(), f"README command {command!r}: no {program}"
        inputs = [w for w in words[1:] if re.search(r"\.(h5|toml)$", w) and not w.startswith("-")]
        outputs_after_o = {words[i + 1] for i, w in enumerate(words) if w == "-o" and i + 1 < len(words)}
        runnable = program == "build/mscsim" and all((tmp_path / w).exists() for w in inputs if w not in outputs_after_o)
        runnable = runnable and not any(w in ("sweep", "sweep-merge") for w in words[1:2])
        if runnable:
            result = subprocess.run(words, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, f"{command}\n{result.stderr}"
            run.append(command)
        else:
            sub = [words[1]] if program == "build/mscsim" and not words[1].startswith("-") else []
            help_text = subprocess.run([*words[:1], *sub, "--help"], cwd=tmp_path, env=env,
                                       capture_output=True, text=True, timeout=60)
            assert help_text.returncode == 0, f"{command}: --help failed: {help_text.stderr}"
            for option in options_of(words[1:]):
                assert option in help_text.stdout, f"{command}: {option} is not an option of {' '.join(words[:1] + sub)}"
            checked.append(command)
    assert len(run) >= 8, run
    assert (tmp_path / "out" / "quickstart.h5").is_file()
