"""`mscsim cohort` end to end (docs/cohorts.md): malformed cohort files are refused in one
line before anything is written; a small real cohort (20 patients, a 2-day cut of the aGVHD
scenario on a 30 x 30 lattice) runs and reports; the patients and the generated sweep file
are the same whatever the number of jobs, a resume, the executor (local or mpirun -np 2) or
the number of patients asked for."""

import csv
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

BINARY = os.environ.get("MSCSIM_BINARY")
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BASE = ROOT / "scenarios" / "disease" / "agvhd_steroid_refractory_iv.toml"

pytestmark = pytest.mark.skipif(not BINARY, reason="MSCSIM_BINARY not set")

SHORT_COHORT = f"""
[cohort]
name = "agvhd_short"
base = "{BASE}"
seed = 42
patients = 20
set = {{ "run.duration_h" = 48.0, "tissue.size_voxels" = [30, 30], "run.output_every_h" = 12.0, "run.snapshot_every_h" = 48.0 }}

[arms.untreated]
set = {{ "dose.0.time_h" = 1.0e6 }}

[[attribute]]
key = "body.weight_kg"
normal = {{ mean = 70.0, sd = 14.0 }}
truncate = {{ min = 40.0, max = 130.0 }}

[[attribute]]
key = "cd4_t.initial_count"
lognormal = {{ median = 20.0, sigma = 0.5 }}

[[attribute]]
key = "treg.initial_count"
choice = {{ values = [1, 3, 6], weights = [1, 2, 1] }}

[[attribute]]
key = "cotherapy.corticosteroid.cytokine_secretion_factor"
uniform = {{ from = 0.5, to = 0.9 }}

[responder]
endpoint = "tissue/disease_activity:final"
rule = "at_most"
threshold = 55.0
criterion = "test: activity at 48 h at most 55"
"""


def run(*args, timeout=300):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def write(path, text):
    path.write_text(text)
    return path


def line_of(text, fragment):
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


# --- Malformed cohort files -----------------------------------------------------------------

BAD_COHORTS = {
    # name: (edit of the short cohort, the line fragment and key the error must name)
    "unknown key": (lambda t: t.replace("seed = 42", "seed = 42\ncolour = 1"), "colour = 1", "cohort.colour"),
    "no patients": (lambda t: t.replace("patients = 20", "patients = 0"), "patients = 0", "cohort.patients"),
    "zero sd": (lambda t: t.replace("sd = 14.0", "sd = 0.0"), "sd = 0.0", "attribute.0.normal.sd"),
    "two distributions": (lambda t: t.replace('uniform = { from = 0.5, to = 0.9 }',
                                              'uniform = { from = 0.5, to = 0.9 }\nnormal = { mean = 1.0, sd = 1.0 }'),
                          'key = "cotherapy', "attribute.3"),
    "unknown distribution key": (lambda t: t.replace("median = 20.0", "centre = 20.0"), "centre = 20.0",
                                 "attribute.1.lognormal.centre"),
    "unknown scenario key": (lambda t: t.replace('"cd4_t.initial_count"', '"cd4_t.initial_cuont"'),
                             "initial_cuont", "cd4_t.initial_cuont"),
    "value the scenario rejects": (lambda t: t.replace("from = 0.5, to = 0.9", "from = 5.0, to = 9.0"),
                                   'key = "cotherapy', "cotherapy.corticosteroid.cytokine_secretion_factor"),
    "bad endpoint": (lambda t: t.replace("disease_activity:final", "disease_activity:median"), "disease_activity:median",
                     "responder.endpoint"),
    "truncation keeps nothing": (lambda t: t.replace("min = 40.0, max = 130.0", "min = 400.0, max = 500.0"),
                                 "min = 400.0", "attribute.0.truncate"),
}


@pytest.mark.parametrize("case", sorted(BAD_COHORTS))
def test_malformed_cohort_exits_2_with_one_line_naming_the_place_and_writes_nothing(tmp_path, case):
    edit, fragment, key = BAD_COHORTS[case]
    text = edit(SHORT_COHORT)
    path = write(tmp_path / "bad.toml", text)
    out = tmp_path / "out"
    r = run("cohort", path, "-o", out)
    assert r.returncode == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert f"{path}:{line_of(text, fragment)}:" in lines[0], (lines[0], line_of(text, fragment))
    assert key in lines[0]
    assert not out.exists()


# --- A small real cohort ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def short_cohort(tmp_path_factory):
    work = tmp_path_factory.mktemp("cohort")
    path = write(work / "agvhd_short.toml", SHORT_COHORT)
    out = work / "local"
    r = run("cohort", path, "-o", out, "--jobs", 2)
    assert r.returncode == 0, r.stderr
    return path, out, r.stdout


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_small_cohort_runs_end_to_end_and_reports_rates_that_match_its_patients(short_cohort):
    _, out, stdout = short_cohort
    report = json.loads((out / "cohort_report.json").read_text())
    assert report["format"] == "mscsim-cohort-report" and report["patients"] == 20 and report["runs_not_ok"] == 0
    rows = read_csv(out / "cohort_patients.csv")
    assert len(rows) == 20
    for arm in ("treated", "untreated"):
        endpoint = [float(r[f"{arm}:tissue/disease_activity:final"]) for r in rows]
        flags = [r[f"responder_{arm}"] == "1" for r in rows]
        assert flags == [v <= 55.0 for v in endpoint]
        assert report["arms"][arm]["responders"] == sum(flags) and report["arms"][arm]["patients"] == 20
        lo, hi = report["arms"][arm]["ci_low"], report["arms"][arm]["ci_high"]
        assert lo <= report["arms"][arm]["rate"] <= hi
    # The patients differ (their attributes spread the untreated course) ...
    assert len({r["untreated:tissue/disease_activity:final"] for r in rows}) > 10
    # ... and the report names the predictors it tried.
    assert {p["attribute"] for p in report["predictors"]} >= {"cd4_t.initial_count", "treg.initial_count"}
    assert "respond" in stdout and (out / "cohort_report.csv").is_file()


def test_each_patient_has_its_own_seed_shared_by_its_two_arms(short_cohort):
    """The run seed comes from the cohort's run.seed axis: one per patient, the same in the
    treated and untreated runs (paired), different between patients."""
    _, out, _ = short_cohort
    rows = read_csv(out / "sweep" / "summary.csv")
    seed_of = {(r["arm"], int(r["point"])): int(r["seed"]) for r in rows}
    assert len(seed_of) == 40
    assert all(seed_of[("treated", i)] == seed_of[("untreated", i)] for i in range(20))
    assert len({seed_of[("treated", i)] for i in range(20)}) == 20


def test_patients_and_sweep_file_do_not_depend_on_jobs_resume_or_patient_count(short_cohort, tmp_path):
    path, out, _ = short_cohort
    sweep = (out / "cohort_sweep.toml").read_bytes()
    patients = (out / "patients.csv").read_text().splitlines()
    files = {p.name: p.stat().st_mtime_ns for p in (out / "sweep" / "runs").glob("*.h5")}
    # A resume with another number of jobs finds the same patients and nothing to run.
    r = run("cohort", path, "-o", out, "--jobs", 1, "--resume")
    assert r.returncode == 0, r.stderr
    assert (out / "cohort_sweep.toml").read_bytes() == sweep
    assert {p.name: p.stat().st_mtime_ns for p in (out / "sweep" / "runs").glob("*.h5")} == files
    # Fewer patients are the first ones of the same cohort (patient i does not depend on N).
    r = run("cohort", path, "--patients", 5, "--dry-run", "-o", tmp_path / "dry")
    assert r.returncode == 0, r.stderr
    printed = [line.split()[1:] for line in r.stdout.splitlines() if line.split() and line.split()[0] in "01234"
               and len(line.split()) == 5]
    assert printed == [row.split(",")[1:] for row in patients[1:6]]
    assert not (tmp_path / "dry").exists()
    # Another folder holding this cohort's sweep refuses a different cohort.
    other = write(tmp_path / "other.toml", SHORT_COHORT.replace("seed = 42", "seed = 43"))
    r = run("cohort", other, "-o", out, "--resume")
    assert r.returncode == 2 and "holds another cohort" in r.stderr


def test_mpi_executor_runs_the_same_patients_to_the_same_results(short_cohort, tmp_path):
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun missing (scripts/setup installs openmpi-bin)")
    path, local, _ = short_cohort
    out = tmp_path / "mpi"
    argv = [mpirun, "-np", "2", "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
    r = subprocess.run(argv + [BINARY, "cohort", str(path), "-o", str(out), "--executor", "mpi"],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "executor mpi" in r.stderr and "not" in r.stderr:
        pytest.skip("this mscsim was built without MPI")
    assert r.returncode == 0, r.stderr
    assert (out / "cohort_sweep.toml").read_bytes() == (local / "cohort_sweep.toml").read_bytes()
    assert (out / "patients.csv").read_bytes() == (local / "patients.csv").read_bytes()
    assert (out / "cohort_patients.csv").read_bytes() == (local / "cohort_patients.csv").read_bytes()


def test_below_start_reads_each_runs_first_value_from_its_trajectory(short_cohort, tmp_path):
    """The same runs re-analysed with rule below_start: each run is a responder exactly when
    its final activity is at most its first one (read here independently with h5py)."""
    h5py = pytest.importorskip("h5py")
    _, out, _ = short_cohort
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    text = (copy / "cohort.toml").read_text().replace('rule = "at_most"\nthreshold = 55.0', 'rule = "below_start"\nmargin = 0.5')
    (copy / "cohort.toml").write_text(text)
    r = subprocess.run(["/usr/bin/python3", "-m", "mscsim_analysis.cohort", str(copy), "--quiet"], capture_output=True,
                       text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "analysis")), timeout=120)
    assert r.returncode == 0, r.stderr
    rows = read_csv(copy / "cohort_patients.csv")
    flags = []
    for arm in ("treated", "untreated"):
        for i, row in enumerate(rows):
            with h5py.File(copy / "sweep" / "runs" / f"{arm}-p{i:04d}-r000.h5", "r") as f:
                series = f["timeseries/tissue/disease_activity"][()]
            expected = series[-1] <= series[0] - 0.5
            assert float(row[f"{arm}:tissue/disease_activity:final"]) == pytest.approx(series[-1])
            assert (row[f"responder_{arm}"] == "1") == expected
            flags.append(expected)
    report = json.loads((copy / "cohort_report.json").read_text())
    assert report["responder"]["rule"] == "below_start"
    assert report["arms"]["treated"]["responders"] + report["arms"]["untreated"]["responders"] == sum(flags)
