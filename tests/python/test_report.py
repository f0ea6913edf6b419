"""scripts/report on one run: every panel is written, not blank, of its stated pixel size; the
HTML parses and embeds every image; the lattice GIF animates the snapshots; the reader gives
names, not codes; a truncated, foreign or unfinished file is refused in one line with exit 2."""

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

from mscsim_analysis import run_figures
from mscsim_analysis.frames import (RunFileError, agent_snapshot, biodistribution, field_snapshot, open_run)
from mscsim_analysis.report import main as report_main
from mscsim_analysis.report import run_report

BINARY = os.environ.get("MSCSIM_BINARY")
SOURCE = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
REPORT = SOURCE / "scripts" / "report"


def _run(out, *arguments):
    if not BINARY:
        pytest.skip("MSCSIM_BINARY is not set (run through ctest)")
    subprocess.run([BINARY, "run", "--quiet", *arguments, "-o", str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def quickstart(tmp_path_factory):
    """6 h of the quickstart, agent snapshots every 2 h (4 snapshots)."""
    return _run(tmp_path_factory.mktemp("qs") / "quick.h5", "--set", "run.duration_h=6",
                "--set", "run.snapshot_every_h=2")


@pytest.fixture(scope="module")
def dosed(tmp_path_factory):
    """The aGVHD scenario cut to 12 h with its iv dose at 1 h: biodistribution, disease, damage."""
    return _run(tmp_path_factory.mktemp("dosed") / "agvhd.h5",
                str(SOURCE / "scenarios/disease/agvhd_steroid_refractory_iv.toml"),
                "--set", "run.duration_h=12", "--set", "run.snapshot_every_h=6", "--set", "dose.0.time_h=1")


@pytest.fixture(scope="module")
def dosed_report(dosed, tmp_path_factory):
    """The dosed run's report, written once (without the GIF: --no-gif)."""
    folder = tmp_path_factory.mktemp("dosed_report") / "report"
    return run_report(dosed, folder, gif=False), folder


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources, self.external = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.sources.append(attrs.get("src", ""))
        for key in ("src", "href"):
            if key in attrs and not attrs[key].startswith("data:"):
                self.external.append((tag, attrs[key]))


def parse_html(path):
    parser = _Images()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    parser.close()
    return parser


def assert_not_blank(path):
    with Image.open(path) as image:
        pixels = np.asarray(image.convert("RGB")).astype(np.int32)
    assert pixels.std() > 10, f"{path} is (nearly) one colour"
    packed = (pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]
    assert len(np.unique(packed)) > 50, f"{path} has almost no content"


def test_every_panel_of_a_dosed_run(dosed_report):
    page, folder = dosed_report
    names = {p.path.name for p in page.pictures}
    assert {"biodistribution.png", "msc_balance.png", "immune_balance.png", "disease.png", "cells.png",
            "lattice.png", "field_ifng.png", "field_tnfa.png", "field_health.png"} <= names
    for picture in page.pictures:
        assert picture.path.stat().st_size > 5_000
        with Image.open(picture.path) as image:
            assert image.size == picture.size, picture.path.name
        if picture.path.suffix == ".png":
            assert_not_blank(picture.path)
    kinds = {"biodistribution.png": "biodistribution", "lattice.png": "lattice", "field_ifng.png": "field"}
    for name, kind in kinds.items():
        with Image.open(folder / name) as image:
            assert image.size == run_figures.pixels(kind)
    parsed = parse_html(folder / "index.html")
    assert len(parsed.sources) == len(page.pictures)
    assert all(s.startswith(("data:image/png;base64,", "data:image/gif;base64,")) for s in parsed.sources)
    assert parsed.external == []


def test_field_captions_state_fixed_limits(dosed_report):
    page, _ = dosed_report
    ifng = next(p for p in page.pictures if p.path.name == "field_ifng.png")
    assert "Colour scale fixed at 0–" in ifng.caption and "every snapshot" in ifng.caption
    health = next(p for p in page.pictures if p.path.name == "field_health.png")
    assert "fixed at 0–1 " in health.caption
    assert not any(p.path.suffix == ".gif" for p in page.pictures)


def test_script_writes_the_default_folder_and_a_gif(quickstart):
    result = subprocess.run([str(REPORT), str(quickstart)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    folder = quickstart.with_name("quick_report")
    assert (folder / "index.html").exists()
    with Image.open(folder / "lattice.gif") as gif:
        assert gif.n_frames >= 3
        assert gif.size == (420, 420)
    assert (folder / "lattice.gif").stat().st_size < 1_500_000
    assert not (folder / "biodistribution.png").exists()  # no doses in the quickstart
    parsed = parse_html(folder / "index.html")
    assert any(s.startswith("data:image/gif;base64,") for s in parsed.sources)
    assert parsed.external == []
    text = (folder / "index.html").read_text()
    for word in ("quickstart", "20261121", "commit"):
        assert word in text


def test_reader_gives_names_and_spacing(dosed):
    with open_run(dosed) as run:
        cells = agent_snapshot(run, -1)
        assert cells.attrs["time_h"] == pytest.approx(12.0)
        assert set(cells["population"]) <= {"msc", "dc", "macrophage", "nk", "cd4_t", "cd8_t", "treg", "b_cell"}
        cd4 = cells[cells["population"] == "cd4_t"]
        assert set(cd4["state"]) <= {"naive", "activated", "th1", "th2", "th17"} and len(cd4)
        bio = biodistribution(run)
        assert ("lung", "total") in bio.columns and bio[("lung", "total")].max() > 0
        assert list(bio.columns.names) == ["compartment", "phenotype"]
        field = field_snapshot(run, "ifng", -1)
        assert field.values.shape == (60, 60) and field.voxel_um == 20.0
        assert field.extent_um == (1200.0, 1200.0)
        assert len(field.to_frame()) == 3600


def test_a_truncated_file_is_refused_by_the_script(quickstart, tmp_path):
    truncated = tmp_path / "truncated.h5"
    truncated.write_bytes(quickstart.read_bytes()[:30_000])
    result = subprocess.run([str(REPORT), str(truncated)], capture_output=True, text=True)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert str(truncated) in result.stderr and result.stdout == ""
    assert not truncated.with_name("truncated_report").exists()


def test_foreign_partial_and_missing_files_are_refused(quickstart, tmp_path, capsys):
    def _refused(path):
        assert report_main([str(path)]) == 2
        captured = capsys.readouterr()
        assert len(captured.err.strip().splitlines()) == 1, captured.err
        assert str(path) in captured.err and captured.out == ""
        return captured.err

    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f.create_dataset("x", data=[1, 2, 3])
    assert "not an mscsim trajectory" in _refused(foreign)
    partial = tmp_path / "run.h5.partial"
    partial.write_bytes(quickstart.read_bytes())
    assert "unfinished" in _refused(partial)
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    _refused(text)
    _refused(tmp_path / "missing.h5")
    with pytest.raises(RunFileError):
        open_run(tmp_path / "missing.h5")
