"""`cmake --install` puts mscsim and the analysis scripts on PATH under the prefix, with the
Python package and the scenarios they need; and the licence and citation files are valid."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SCRIPTS = ("report", "compare", "teach", "sensitivity", "window", "optimize-regimen")


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    if not BINARY:
        pytest.skip("needs MSCSIM_BINARY (run through ctest)")
    build_dir = Path(BINARY).resolve().parent
    prefix = tmp_path_factory.mktemp("prefix")
    result = subprocess.run(["cmake", "--install", str(build_dir), "--prefix", str(prefix)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return prefix


def test_install_puts_the_binary_and_the_scripts_in_bin(prefix):
    assert os.access(prefix / "bin" / "mscsim", os.X_OK)
    for name in SCRIPTS:
        assert os.access(prefix / "bin" / f"mscsim-{name}", os.X_OK), name
    assert (prefix / "share" / "mscsim" / "analysis" / "mscsim_analysis" / "report.py").is_file()
    assert (prefix / "share" / "mscsim" / "scenarios" / "teaching" / "balanced.toml").is_file()
    assert (prefix / "share" / "doc" / "mscsim" / "LICENSE").is_file()


def test_installed_programs_run_from_the_prefix_alone(prefix, tmp_path):
    # Only the prefix on PATH and no PYTHONPATH: the installed copies must find their package.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MSCSIM_BINARY", "MSCSIM_SOURCE_DIR")}
    env["PATH"] = f"{prefix / 'bin'}:/usr/bin:/bin"
    help_text = subprocess.run(["mscsim", "--help"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert help_text.returncode == 0 and "run" in help_text.stdout, help_text.stderr
    scenario = prefix / "share" / "mscsim" / "scenarios" / "quickstart.toml"
    run = subprocess.run(["mscsim", "run", str(scenario), "--quiet", "-o", "q.h5", "--set", "run.duration_h=2",
                          "--set", "tissue.size_voxels=[30,30]", "--set", "run.snapshot_every_h=1"],
                         env=env, capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = subprocess.run(["mscsim-report", "q.h5", "-o", "report", "--no-gif"], env=env,
                            capture_output=True, text=True, cwd=tmp_path)
    assert report.returncode == 0, report.stdout + report.stderr
    assert (tmp_path / "report" / "index.html").is_file()
    for name in ("sensitivity", "window", "optimize-regimen"):
        usage = subprocess.run([f"mscsim-{name}", "--help"], env=env, capture_output=True, text=True, cwd=tmp_path)
        assert usage.returncode == 0, (name, usage.stderr)


def test_citation_cff_is_valid_cff_1_2_0():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors"):
        assert cff.get(key), key
    assert all("name" in a or "family-names" in a for a in cff["authors"])
    assert cff["license"] == "BSD-3-Clause"
    project_version = re.search(r"project\(mscsim VERSION (\S+)", (ROOT / "CMakeLists.txt").read_text()).group(1)
    assert str(cff["version"]) == project_version
    for ref in cff.get("references", []):
        assert ref.get("type") and ref.get("title") and ref.get("authors"), ref


def test_license_is_bsd_3_clause_and_the_readme_says_so():
    assert (ROOT / "LICENSE").read_text().startswith("BSD 3-Clause License")
    assert "BSD-3-Clause" in (ROOT / "README.md").read_text()


def test_cmake_is_available_for_the_install_test():
    assert shutil.which("cmake")
