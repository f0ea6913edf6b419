"""Architecture rules that keep the engine generic (../shared/STYLE.md, "Shape of the code"):
sim/ knows no biology and includes nothing from models/ or app/; models/ never includes app/;
HDF5 is called only inside sim/io; generated docs are up to date."""

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BIOLOGY_WORDS = re.compile(r"\b(msc|treg|macrophage|ifng|ifn_gamma|tnfa|interferon|cytokine|lymphocyte)\b",
                           re.IGNORECASE)
SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cmake"}


def sources(folder):
    return [p for p in (ROOT / folder).rglob("*") if p.suffix in SOURCE_SUFFIXES]


def test_engine_contains_no_biology_words():
    offenders = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
                 for p in sources("sim")
                 for n, line in enumerate(p.read_text().splitlines(), 1)
                 if BIOLOGY_WORDS.search(line)]
    assert not offenders, "biology inside the engine:\n" + "\n".join(offenders)


@pytest.mark.parametrize("folder, forbidden", [("sim", ("models/", "app/")), ("models", ("app/",))])
def test_include_direction(folder, forbidden):
    pattern = re.compile(r'#include\s+"(' + "|".join(re.escape(f) for f in forbidden) + ")")
    offenders = [str(p.relative_to(ROOT)) for p in sources(folder) if pattern.search(p.read_text())]
    assert not offenders, f"{folder}/ must not include {forbidden}: {offenders}"


def test_hdf5_is_called_only_inside_sim_io():
    pattern = re.compile(r"\bH5[A-Z][A-Za-z]*\s*\(|#include\s*[<\"]hdf5")
    offenders = [str(p.relative_to(ROOT))
                 for folder in ("sim", "models", "app")
                 for p in sources(folder)
                 if pattern.search(p.read_text()) and "sim/io/" not in str(p.relative_to(ROOT))]
    assert not offenders, f"HDF5 used outside sim/io: {offenders}"


def test_parameter_docs_are_generated_from_the_catalogue():
    binary = os.environ.get("MSCSIM_BINARY")
    if not binary:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    generated = subprocess.run([binary, "parameters", "--markdown"], check=True, capture_output=True,
                               text=True).stdout
    assert (ROOT / "docs" / "parameters.md").read_text() == generated, \
        "docs/parameters.md is stale: rebuild (the build regenerates it) and commit it"
