"""scripts/compare: runs overlaid, two replicate groups (quickstart with and without MSCs, 2
seeds each, 4 h) with the differences beyond the replicate spread marked; the marking rule on
numbers; a foreign file refused with exit 2."""

import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from mscsim_analysis import compare
from mscsim_analysis.compare import exceeds_spread

BINARY = os.environ.get("MSCSIM_BINARY")
SOURCE = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))


@pytest.fixture(scope="module")
def groups(tmp_path_factory):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    folder = tmp_path_factory.mktemp("compare")
    made = {"msc": [], "none": []}
    for seed in (1, 2):
        for name, count in (("msc", 300), ("none", 0)):
            out = folder / f"{name}_{seed}.h5"
            subprocess.run([BINARY, "run", "--quiet", "--seed", str(seed), "--set", "run.duration_h=4",
                            "--set", f"msc.initial_count={count}", "--set", "run.agent_snapshots=false",
                            "-o", str(out)], check=True)
            made[name].append(out)
    return made


def test_overlay_and_groups(groups, tmp_path):
    out = tmp_path / "cmp"
    result = subprocess.run([str(SOURCE / "scripts" / "compare"), str(groups["msc"][0]), str(groups["none"][0]),
                             "--replicates-a", *map(str, groups["msc"]), "--replicates-b", *map(str, groups["none"]),
                             "--label-a", "MSCs", "--label-b", "no MSCs", "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    for name in ("overlay.png", "groups.png"):
        with Image.open(out / name) as image:
            assert image.size == compare.pixels()
        assert (out / name).stat().st_size > 30_000
    html = (out / "index.html").read_text()
    assert html.count('<img src="data:image/png;base64,') == 2 and 'src="http' not in html
    # 300 MSCs against none: the MSC count differs far beyond the spread at every time.
    assert "MSCs: 5 time(s)" in html


def test_the_marking_rule():
    times = np.array([0.0, 1.0, 2.0])
    a = (pd.Series([1.0, 2.0, 3.0], index=times), pd.Series([0.1, 0.1, 1.0], index=times), 3)
    b = (pd.Series([1.05, 1.0, 2.0], index=times), pd.Series([0.1, 0.1, 1.0], index=times), 3)
    # threshold 2 * sqrt(0.01/3 + 0.01/3) = 0.163 (first two), 1.63 (last)
    assert exceeds_spread(a, b, times).tolist() == [False, True, False]
    single = (a[0], a[1], 1)
    assert not exceeds_spread(single, b, times).any()


def test_a_foreign_file_is_refused(tmp_path, capsys):
    foreign = tmp_path / "x.h5"
    foreign.write_text("nope")
    assert compare.main([str(foreign), str(foreign)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(foreign) in err
    assert compare.main(["--replicates-a", str(foreign)]) == 2
