"""scripts/robustness (docs/ODD.md section 4.4): its command line, its sweep files, and its
analysis on a small hand-made sweep whose answer is known (no simulation needed)."""
import importlib.machinery
import importlib.util
import os
import subprocess

import h5py
import numpy as np
import pytest

SOURCE = os.environ.get("MSCSIM_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
SCRIPT = os.path.join(SOURCE, "scripts", "robustness")


def load_script():
    """The script as a module, so the analysis runs in this process (no interpreter start)."""
    loader = importlib.machinery.SourceFileLoader("robustness_script", SCRIPT)
    spec = importlib.util.spec_from_loader("robustness_script", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def run(*args, **kw):
    return subprocess.run(["/usr/bin/python3", SCRIPT, *args], capture_output=True, text=True, **kw)


def test_help_names_the_facts_and_how_to_rerun():
    r = run("--help")
    assert r.returncode == 0
    assert "docs/ODD.md section 4.4" in r.stdout
    for fact in ("mlr_dc", "mlr_low_ratio", "mlr_density", "licensing", "thawed", "tlr", "agvhd"):
        assert fact in r.stdout


def test_every_fact_has_its_sweep_file():
    r = run("--list")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "MISSING" not in r.stdout
    assert len(r.stdout.strip().splitlines()) == 7


def test_unknown_fact_is_refused():
    r = run("no_such_fact")
    assert r.returncode == 2
    assert "unknown fact 'no_such_fact'" in r.stderr


@pytest.mark.skipif(not os.path.exists(os.environ.get("MSCSIM_BINARY", "")), reason="needs MSCSIM_BINARY")
def test_dry_run_checks_a_sweep_file_and_writes_nothing(tmp_path):
    r = run("--dry-run", "thawed", "-o", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert "thawed-p0002-r003" in r.stdout
    assert not (tmp_path / "out").exists()


def write_thawed_sweep(directory, ratio_12h, ratio_48h, replicates=4):
    """A finished two-arm sweep (acclimated, thawed) at two MSC counts with kynurenine per
    MSC in the thawed arm at the given ratios of the acclimated one, plus seed noise."""
    runs = directory / "runs"
    runs.mkdir(parents=True)
    rng = np.random.default_rng(7)
    lines = ["# mscsim sweep plan (hand-made)", "run_id\tarm\tpoint\treplicate\tseed\tset:msc.initial_count"]
    time_h = np.arange(0.0, 49.0)
    for arm in ("acclimated", "thawed"):
        for point, count in enumerate((30, 100)):
            for r in range(replicates):
                run_id = f"{arm}-p{point:04d}-r{r:03d}"
                lines.append(f"{run_id}\t{arm}\t{point}\t{r}\t{1000 + r}\t{count}")
                ratio = np.where(time_h < 30.0, ratio_12h, ratio_48h) if arm == "thawed" else 1.0
                per_cell = 1e-4 * time_h * ratio * (1.0 + 0.01 * rng.standard_normal())
                with h5py.File(runs / f"{run_id}.h5", "w") as h:
                    ts = h.create_group("timeseries")
                    ts["time_h"] = time_h
                    ts["fields/kyn_mean"] = per_cell * count
                    ts["msc/msc0"] = np.full_like(time_h, float(count))
                    ts["msc/msc1"] = np.zeros_like(time_h)
                    ts["msc/msc2"] = np.zeros_like(time_h)
    (directory / "plan.tsv").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("ratio_12h, ratio_48h, expected", [(0.2, 0.95, "yes"), (0.2, 0.5, "no"), (0.9, 0.95, "no")])
def test_analysis_says_whether_the_fact_holds(tmp_path, capsys, ratio_12h, ratio_48h, expected):
    write_thawed_sweep(tmp_path / "thawed_msc_count", ratio_12h, ratio_48h)
    assert load_script().main(["--analyse-only", "thawed", "-o", str(tmp_path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| freshly thawed")]
    assert len(rows) == 2
    for row in rows:
        assert row.rstrip().endswith(f"| {expected} |"), row
    assert (tmp_path / "robustness.md").exists() and (tmp_path / "robustness.csv").exists()
