"""End-to-end tests of the sweep executors (docs/cluster.md): a local pool, MPI and a real
single-node Slurm cluster give the same run files and summary; a sweep stopped by SIGTERM,
SIGINT, SIGKILL or `scancel --signal=TERM` resumes without recomputing a finished run and
ends with the summary of an uninterrupted sweep.

Two tiny sweeps over the quickstart (an untreated arm and a treated arm at two MSC counts,
3 replicates each: 9 runs): "short" (2 h of simulated time, well under a second per run)
for the executor comparisons, "long" (a few seconds per run) for the interruptions, so that
a stop lands while runs are in flight. Each has one uninterrupted local sweep as reference.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import h5py
import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slurm_cluster import SlurmCluster  # noqa: E402

BINARY = os.environ.get("MSCSIM_BINARY")  # replaced by a private copy (fixture `binary`)
ROOT = Path(os.environ.get("MSCSIM_SOURCE_DIR", Path(__file__).resolve().parents[3]))

pytestmark = pytest.mark.skipif(not BINARY, reason="needs MSCSIM_BINARY (run through ctest)")

N_RUNS = 9
INTERRUPTED = 4  # the sweep's exit code after SIGTERM/SIGINT
# /meta attributes that measure the run rather than define it.
TIMING_ATTRS = {"wall_s", "started_utc", "agent_steps_per_s", "field_updates_per_s",
                "peak_rss_bytes"}

SWEEP = """\
[sweep]
name = "{name}"
base = "{base}"
seed = 20261203
replicates = 3
control = "untreated"
set = {{ "run.duration_h" = {duration_h}, "tissue.size_voxels" = [{size}, {size}] }}

[[axis]]
key = "msc.initial_count"
values = [300, 1500]

[[arm]]
name = "untreated"
set = {{ "msc.initial_count" = 0 }}
axes = []

[[arm]]
name = "treated"
"""


# -- helpers ---------------------------------------------------------------------------


def write_sweep(folder, name, duration_h, size):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(SWEEP.format(name=name, base=ROOT / "scenarios" / "quickstart.toml",
                                 duration_h=duration_h, size=size))
    return path


def sweep_cmd(sweep_file, out, *options):
    return [BINARY, "sweep", str(sweep_file), "-o", str(out), *options]


def run_sweep(sweep_file, out, *options, env=None, timeout=180):
    r = subprocess.run(sweep_cmd(sweep_file, out, *options), capture_output=True, text=True,
                       env=env, timeout=timeout)
    return r


def check(r):
    assert r.returncode == 0, f"{r.args} exited {r.returncode}\n{r.stdout}\n{r.stderr}"
    return r


def events(out):
    """(event, run_id) of every line of DIR/sweep.log, in order."""
    path = Path(out) / "sweep.log"
    if not path.exists():
        return []
    return re.findall(r"\b(started|finished|failed) (\S+)", path.read_text())


def finished(out):
    return [rid for e, rid in events(out) if e == "finished"]


def complete_runs(out):
    """{run id: (inode, mtime_ns)} of the complete run files."""
    runs = Path(out) / "runs"
    if not runs.exists():
        return {}
    return {p.name[:-3]: (p.stat().st_ino, p.stat().st_mtime_ns) for p in runs.glob("*.h5")}


def partials(out):
    return sorted(p.name for p in (Path(out) / "runs").glob("*.partial"))


def plan_ids(out):
    lines = [line for line in (Path(out) / "plan.tsv").read_text().splitlines()
             if line and not line.startswith("#")]
    header = lines[0].split("\t")
    assert header[:5] == ["run_id", "arm", "point", "replicate", "seed"], header
    return [line.split("\t")[0] for line in lines[1:]]


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def processes_mentioning(text):
    """PIDs of processes whose command line contains `text` (the sweep's unique folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


def same(a, b):
    """Exact equality of two values read from HDF5 (NaN equal to NaN, bit for bit)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.names:
            return all(same(a[n], b[n]) for n in a.dtype.names)
        if a.dtype.kind == "O":
            return all(same(x, y) for x, y in zip(a.ravel().tolist(), b.ravel().tolist()))
        return a.tobytes() == b.tobytes()
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return type(a) is type(b) and a == b


def run_contents(path):
    """{name: value} of every dataset (and its attributes) under /timeseries, /fields,
    /agents and /events, /meta/scenario, and the /meta attributes other than timing."""
    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            for key, value in obj.attrs.items():
                # Dimension-scale bookkeeping holds object references (file addresses, which
                # differ between a resumed and an uninterrupted file): compare what they name.
                if key == "DIMENSION_LIST":
                    value = tuple(tuple(scale.name for scale in dim.values()) for dim in obj.dims)
                elif key == "REFERENCE_LIST":
                    value = sorted((f[entry[0]].name, int(entry[1])) for entry in value)
                items[f"{name}@{key}"] = value
            if isinstance(obj, h5py.Dataset):
                items[name] = obj[()]
        for top in ["timeseries", "fields", "agents", "events"]:
            assert top in f, f"{path}: no /{top}"
            f[top].visititems(lambda n, o, top=top: visit(f"{top}/{n}", o))
        items["meta/scenario"] = f["meta/scenario"][()]
        for key, value in f["meta"].attrs.items():
            if key not in TIMING_ATTRS:
                items[f"meta@{key}"] = value
    return items


def assert_runs_equal(out, reference):
    mine, theirs = complete_runs(out), complete_runs(reference)
    assert sorted(mine) == sorted(theirs)
    assert len(mine) == N_RUNS
    for rid in sorted(mine):
        a = run_contents(Path(out) / "runs" / f"{rid}.h5")
        b = run_contents(Path(reference) / "runs" / f"{rid}.h5")
        assert sorted(a) == sorted(b), f"{rid}: different datasets"
        differing = [k for k in a if not same(a[k], b[k])]
        assert not differing, f"{rid}: differs from the reference in {differing[:10]}"


def summary_csv(out):
    frame = pd.read_csv(Path(out) / "summary.csv", dtype=str, keep_default_na=False)
    assert "wall_s" in frame.columns
    return frame


def assert_summary_equal(out, reference):
    """summary.csv (as text) and summary.h5 (/runs and the root attributes) equal to the
    reference's in every column but wall_s."""
    a, b = summary_csv(out), summary_csv(reference)
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a.drop(columns="wall_s"), b.drop(columns="wall_s"))
    assert (a["status"] == "ok").all(), a[["run_id", "status"]]
    with h5py.File(Path(out) / "summary.h5", "r") as fa, \
            h5py.File(Path(reference) / "summary.h5", "r") as fb:
        ra, rb = fa["runs"][()], fb["runs"][()]
        assert ra.dtype.names == rb.dtype.names
        for name in ra.dtype.names:
            if name != "wall_s":
                assert same(ra[name], rb[name]), f"summary.h5 /runs column {name} differs"
        for key in fb.attrs:
            assert same(fa.attrs[key], fb.attrs[key]), f"summary.h5 attribute {key} differs"


def assert_resumed_without_recomputing(out, before, log_before):
    """After a resume: the runs complete before it kept their files (same inode and mtime)
    and were not started again (sweep.log)."""
    after = complete_runs(out)
    for rid, stamp in before.items():
        assert after.get(rid) == stamp, f"{rid} was rewritten by the resume"
    new_events = events(out)
    if new_events[:len(log_before)] == log_before:  # sweep.log appended to
        new_events = new_events[len(log_before):]
    restarted = sorted({rid for e, rid in new_events if e == "started" and rid in before})
    assert not restarted, f"resume recomputed complete runs {restarted}"
    started_by_resume = {rid for e, rid in new_events if e == "started"}
    assert started_by_resume == set(plan_ids(out)) - set(before)
    assert not partials(out)


# -- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def binary(tmp_path_factory):
    """A private copy of the binary for the whole module: every sweep here, and its
    reference, runs the same build even when build/mscsim is relinked meanwhile (the
    run files record the build's git commit, which the comparisons include)."""
    global BINARY
    original = BINARY
    copy = tmp_path_factory.mktemp("bin") / "mscsim"
    shutil.copy2(original, copy)
    BINARY = str(copy)
    yield BINARY
    BINARY = original


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("executors")


@pytest.fixture(scope="module")
def short_sweep(work):
    return write_sweep(work / "sweeps", "executors_short", duration_h=2.0, size=60)


@pytest.fixture(scope="module")
def long_sweep(work):
    return write_sweep(work / "sweeps", "executors_long", duration_h=24.0, size=100)


@pytest.fixture(scope="module")
def short_reference(work, short_sweep):
    out = work / "short-local"
    start = time.monotonic()
    r = check(run_sweep(short_sweep, out, "--jobs", "2"))
    print(f"short local sweep, --jobs 2: {time.monotonic() - start:.1f} s")
    assert "untreated" in r.stdout and "treated" in r.stdout, r.stdout  # the statistics
    assert len(plan_ids(out)) == N_RUNS
    assert sorted(complete_runs(out)) == sorted(plan_ids(out))
    assert sorted(finished(out)) == sorted(plan_ids(out))
    assert not partials(out)
    return out


@pytest.fixture(scope="module")
def long_reference(work, long_sweep):
    out = work / "long-local"
    start = time.monotonic()
    check(run_sweep(long_sweep, out, "--jobs", "2"))
    print(f"long local sweep, --jobs 2: {time.monotonic() - start:.1f} s")
    assert sorted(complete_runs(out)) == sorted(plan_ids(out))
    return out


# -- local -----------------------------------------------------------------------------


def test_local_sweep_writes_runs_log_and_summary(short_reference):
    ids = plan_ids(short_reference)
    assert sum(i.startswith("untreated-") for i in ids) == 3
    assert sum(i.startswith("treated-") for i in ids) == 6
    ev = events(short_reference)
    for rid in ids:
        assert ev.index(("started", rid)) < ev.index(("finished", rid))
    summary = summary_csv(short_reference)
    assert sorted(summary["run_id"]) == sorted(ids)
    assert (summary["status"] == "ok").all()
    assert (Path(short_reference) / "summary.h5").exists()


def test_existing_sweep_folder_refused_without_resume(short_sweep, short_reference):
    before = {p: p.stat().st_mtime_ns for p in Path(short_reference).rglob("*")}
    r = run_sweep(short_sweep, short_reference, "--jobs", "2")
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert {p: p.stat().st_mtime_ns for p in Path(short_reference).rglob("*")} == before


def test_resume_of_complete_sweep_runs_nothing(work, short_sweep, short_reference):
    out = work / "short-copy"
    shutil.copytree(short_reference, out)
    before, log_before = complete_runs(out), events(out)
    check(run_sweep(short_sweep, out, "--resume", "--jobs", "2"))
    assert_resumed_without_recomputing(out, before, log_before)
    assert_summary_equal(out, short_reference)


def test_slice_that_completes_the_sweep_writes_the_summary(work, short_sweep, short_reference):
    """--merge-if-last (what every Slurm array task runs): the first slice leaves the summary
    to others, the slice whose end completes the sweep writes it (no merge job to cancel
    here: no DIR/slurm/jobs.txt); --merge-if-last without --slice is a usage error."""
    bad = work / "short-merge-if-last-bad"
    r = run_sweep(short_sweep, bad, "--merge-if-last")
    assert r.returncode == 2 and "--slice" in r.stderr, (r.returncode, r.stderr)
    assert not bad.exists()
    out = work / "short-slices"
    check(run_sweep(short_sweep, out, "--slice", "0/2", "--merge-if-last", "--quiet"))
    assert not (out / "summary.csv").exists()
    check(run_sweep(short_sweep, out, "--slice", "1/2", "--merge-if-last", "--quiet"))
    log = (out / "sweep.log").read_text()
    assert "slice 1/2 completed the sweep" in log and "slice 0/2 completed" not in log, log
    assert "cancelled merge job" not in log
    assert_runs_equal(out, short_reference)
    assert_summary_equal(out, short_reference)


# -- MPI -------------------------------------------------------------------------------


def test_mpi_matches_local(work, short_sweep, short_reference):
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun missing (scripts/setup installs openmpi-bin)")
    out = work / "short-mpi"
    argv = mpirun_argv(mpirun) + sweep_cmd(short_sweep, out, "--executor", "mpi")
    start = time.monotonic()
    r = run_mpi(argv)
    print(f"short MPI sweep, 2 ranks: {time.monotonic() - start:.1f} s")
    check(r)
    assert not partials(out)
    assert_runs_equal(out, short_reference)
    assert_summary_equal(out, short_reference)
    assert sorted(finished(out)) == sorted(plan_ids(out))


# -- Slurm -----------------------------------------------------------------------------


def submitted_jobs(cluster, out, stdout):
    """(array job id, merge job id) from DIR/slurm/jobs.txt, told apart by job name."""
    text = (Path(out) / "slurm" / "jobs.txt").read_text()
    ids = re.findall(r"\b\d+\b", text)
    assert ids, f"no job ids in jobs.txt: {text!r}"
    for jid in ids:
        assert jid in stdout, f"job {jid} not printed: {stdout!r}"
    names = {}
    for jid in ids:
        line = cluster.run("scontrol", "-o", "show", "job", jid).stdout.splitlines()[0]
        names[re.search(r"JobName=(\S+)", line).group(1)] = jid
    assert set(names) == {"mscsim-sweep", "mscsim-merge"}, names
    return names["mscsim-sweep"], names["mscsim-merge"]


def submit(cluster, sweep_file, out, *options):
    r = check(run_sweep(sweep_file, out, "--executor", "slurm", *options, env=cluster.env,
                        timeout=60))
    for name in ["sweep_array.sbatch", "sweep_merge.sbatch"]:
        assert (Path(out) / "slurm" / name).exists()
    return submitted_jobs(cluster, out, r.stdout)


def slurm_states(cluster, job):
    return {jid: state for jid, state in cluster.job_states(job).items()}


def assert_merged_by_last_task(cluster, out, merge):
    """The array task that completed the sweep wrote the summary and cancelled the merge job
    while it was still waiting for the array (it never ran: no merge log)."""
    log = (Path(out) / "sweep.log").read_text()
    assert re.search(r"slice \d+/\d+ completed the sweep", log), log
    assert f"cancelled merge job {merge}" in log, log
    assert {state for state, _ in slurm_states(cluster, merge).values()} == {"CANCELLED"}
    assert not list((Path(out) / "slurm").glob(f"merge-{merge}.log"))


def test_slurm_matches_local(work, short_sweep, short_reference):
    out = work / "short-slurm"
    with SlurmCluster() as cluster:
        start = time.monotonic()
        array, merge = submit(cluster, short_sweep, out)
        cluster.wait_jobs([array, merge], timeout=150)
        print(f"short Slurm sweep ({N_RUNS} array tasks + merge): "
              f"{time.monotonic() - start:.1f} s")
        tasks = slurm_states(cluster, array)
        assert len(tasks) == N_RUNS  # K defaults to the number of runs
        assert all(s == ("COMPLETED", "0:0") for s in tasks.values()), tasks
        assert_merged_by_last_task(cluster, out, merge)
        logs = sorted(p.name for p in (Path(out) / "slurm").glob("task-*.log"))
        assert len(logs) == N_RUNS, logs
    assert not partials(out)
    assert_runs_equal(out, short_reference)
    assert_summary_equal(out, short_reference)


def test_slurm_scancel_term_then_resume(work, long_sweep, long_reference):
    out = work / "long-slurm"
    with SlurmCluster() as cluster:
        array, merge = submit(cluster, long_sweep, out, "--jobs", "2")
        # Part-way: some runs finished, both tasks still busy with later ones.
        wait_for(lambda: len(finished(out)) >= 2, 120, "two finished runs")
        r = cluster.run("scancel", "--signal=TERM", array)
        assert r.returncode == 0, r
        cancelled = time.monotonic()
        cluster.wait_jobs([array, merge], timeout=60)
        stopped_after = time.monotonic() - cancelled
        tasks = slurm_states(cluster, array)
        assert len(tasks) == 2
        # mscsim itself got the TERM (exit 4 through srun), not a kill after KillWait.
        assert all(s == ("FAILED", f"{INTERRUPTED}:0") for s in tasks.values()), tasks
        assert stopped_after < 15, f"array took {stopped_after:.1f} s to stop"
        assert set(slurm_states(cluster, merge).values()) == {("COMPLETED", "0:0")}
        assert not partials(out)
        before, log_before = complete_runs(out), events(out)
        assert 2 <= len(before) < N_RUNS, sorted(before)
        summary = summary_csv(out)  # the merge job's summary of what was complete
        assert sorted(summary.loc[summary["status"] == "ok", "run_id"]) == sorted(before)
        assert set(summary.loc[summary["status"] != "ok", "status"]) == {"missing"}

        # Resubmitted with --resume: only the missing runs.
        array2, merge2 = submit(cluster, long_sweep, out, "--resume", "--jobs", "2")
        cluster.wait_jobs([array2, merge2], timeout=150)
        tasks = slurm_states(cluster, array2)
        assert all(s == ("COMPLETED", "0:0") for s in tasks.values()), tasks
        assert_merged_by_last_task(cluster, out, merge2)
    assert_resumed_without_recomputing(out, before, log_before)
    assert_runs_equal(out, long_reference)
    assert_summary_equal(out, long_reference)


# -- interruptions of a local sweep ----------------------------------------------------


def assert_stopped_cleanly(out, complete_before, long_reference, signum):
    """After a stop: no .partial file, the runs complete before the signal untouched and
    whole, the summary of what is complete (the rest `missing`) written, and the stop in
    sweep.log. Returns (complete runs, sweep.log events) for the resume's checks."""
    assert not partials(out), partials(out)
    before, log_before = complete_runs(out), events(out)
    for rid, stamp in complete_before.items():  # intact: neither deleted nor rewritten
        assert before.get(rid) == stamp, rid
    assert 1 <= len(before) < N_RUNS, sorted(before)
    for rid in before:  # complete files are whole trajectories
        a = run_contents(Path(out) / "runs" / f"{rid}.h5")
        b = run_contents(Path(long_reference) / "runs" / f"{rid}.h5")
        assert sorted(a) == sorted(b), rid
        differing = [k for k in b if not same(a[k], b[k])]
        assert not differing, f"{rid}: differs from the reference in {differing[:10]}"
    summary = summary_csv(out)  # the summary of what is complete
    assert sorted(summary.loc[summary["status"] == "ok", "run_id"]) == sorted(before)
    assert set(summary.loc[summary["status"] != "ok", "status"]) == {"missing"}
    assert f"stopped by signal {int(signum)}" in (Path(out) / "sweep.log").read_text()
    return before, log_before


def start_sweep(sweep_file, out, *options):
    return subprocess.Popen(sweep_cmd(sweep_file, out, *options), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_sigkill_then_resume(work, long_sweep, long_reference):
    out = work / "long-kill"
    proc = start_sweep(long_sweep, out, "--jobs", "1")
    try:
        wait_for(lambda: len(finished(out)) >= 2 or proc.poll() is not None, 120,
                 "two finished runs")
        assert proc.poll() is None, "the sweep ended before it could be killed"
        proc.kill()
        proc.communicate(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    # The running child (`mscsim run`) dies with its parent (PR_SET_PDEATHSIG).
    wait_for(lambda: not processes_mentioning(str(out)), 5, "the sweep's children to exit")
    before, log_before = complete_runs(out), events(out)
    assert 2 <= len(before) < N_RUNS, sorted(before)
    start = time.monotonic()
    check(run_sweep(long_sweep, out, "--resume", "--jobs", "2"))
    print(f"resume after SIGKILL ({N_RUNS - len(before)} runs, --jobs 2): "
          f"{time.monotonic() - start:.1f} s")
    assert_resumed_without_recomputing(out, before, log_before)
    finished_count = pd.Series(finished(out)).value_counts()
    assert (finished_count <= 1).all(), finished_count[finished_count > 1]
    assert_runs_equal(out, long_reference)
    assert_summary_equal(out, long_reference)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["TERM", "INT"])
def test_signal_stops_cleanly_then_resume(work, long_sweep, long_reference, signum):
    out = work / f"long-{signal.Signals(signum).name}"
    proc = start_sweep(long_sweep, out, "--jobs", "2")
    try:
        wait_for(lambda: len(finished(out)) >= 1 or proc.poll() is not None, 120,
                 "a finished run")
        # Runs in flight: started and not finished.
        wait_for(lambda: proc.poll() is not None or
                 len([e for e, _ in events(out) if e == "started"]) > len(finished(out)),
                 30, "a run in flight")
        assert proc.poll() is None, "the sweep ended before the signal"
        complete_before = complete_runs(out)
        proc.send_signal(signum)
        sent = time.monotonic()
        stdout, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    print(f"sweep stopped {took:.2f} s after SIG{signal.Signals(signum).name[3:]}")
    assert proc.returncode == INTERRUPTED, (proc.returncode, stdout, stderr)
    assert took < 5, f"took {took:.1f} s to stop"
    assert not processes_mentioning(str(out)), "children left running"
    before, log_before = assert_stopped_cleanly(out, complete_before, long_reference, signum)

    check(run_sweep(long_sweep, out, "--resume", "--jobs", "2"))
    assert_resumed_without_recomputing(out, before, log_before)
    assert_runs_equal(out, long_reference)
    assert_summary_equal(out, long_reference)


def children_of(pid):
    """PIDs of the processes whose parent is `pid` (mpirun's ranks, on this node)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def descendants_of(pid):
    """PIDs of every process below `pid` (mpirun's ranks and their runs), deepest last."""
    found, frontier = [], [pid]
    while frontier:
        children = [c for parent in frontier for c in children_of(parent)]
        found += children
        frontier = children
    return found


def stop_tree(proc):
    """Kills `proc` and the processes it started, by PID: SIGKILL to mpirun alone would
    orphan its ranks and their runs when a test fails or times out."""
    if proc.poll() is None:
        for pid in reversed(descendants_of(proc.pid)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        proc.kill()
    proc.wait()


def run_mpi(argv, timeout=180):
    """subprocess.run for an mpirun command line that stops mpirun's whole tree on timeout."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    finally:
        stop_tree(proc)
    return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)


def mpirun_argv(mpirun):
    argv = [mpirun, "-np", "2", "--oversubscribe"]
    if os.geteuid() == 0:
        argv.append("--allow-run-as-root")
    return argv


# Open MPI 4.1's mpirun, on its own SIGTERM, sets its exit status to 1 before it passes the
# signal on to the ranks, and cannot forward SIGTERM (ess_base_forward_signals refuses it):
# the sweep's own code 4 comes out of mpirun only when the ranks get the signal directly
# (docs/cluster.md, "Stopping"). `mscsim sweep --executor mpi` started without mpirun
# ("launcher") starts mpirun itself, passes the signal on and exits 4.
MPIRUN_STATUS = {"mpirun": 1, "ranks": INTERRUPTED, "launcher": INTERRUPTED}


def launcher_env():
    """The environment of `mscsim sweep --executor mpi` started without mpirun: it runs
    $MSCSIM_MPIRUN -np JOBS itself (oversubscribed on this 2-core machine; as root, Open MPI
    wants its two consent variables)."""
    env = dict(os.environ, MSCSIM_MPIRUN="mpirun --oversubscribe")
    if os.geteuid() == 0:
        env.update(OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    return env


@pytest.mark.parametrize("target", ["mpirun", "ranks", "launcher"])
def test_mpirun_sigterm_then_resume(work, long_sweep, long_reference, target):
    """SIGTERM to mpirun (it passes SIGTERM on to every rank after 1 s, then SIGKILLs all
    ranks the moment one exits), to the ranks themselves, or to `mscsim sweep --executor mpi`
    that started mpirun itself: within a few seconds nothing is left running and no
    .partial file is left, rank 0 has written the summary of what is complete, the exit
    code is the sweep's 4 where mpirun allows it, and a resume finishes the sweep without
    recomputing a complete run (the resumes of the `ranks` and `launcher` cases run under
    MPI too)."""
    mpirun = shutil.which("mpirun")
    if mpirun is None:
        pytest.skip("mpirun missing (scripts/setup installs openmpi-bin)")
    out = work / f"long-mpi-term-{target}"
    if target == "launcher":
        argv, env = sweep_cmd(long_sweep, out, "--executor", "mpi", "--jobs", "2", "--quiet"), launcher_env()
    else:
        argv, env = mpirun_argv(mpirun) + sweep_cmd(long_sweep, out, "--executor", "mpi", "--quiet"), None
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        wait_for(lambda: len(finished(out)) >= 1 or proc.poll() is not None, 120,
                 "a finished run")
        wait_for(lambda: proc.poll() is not None or
                 len([e for e, _ in events(out) if e == "started"]) > len(finished(out)),
                 30, "a run in flight")
        assert proc.poll() is None, "the sweep ended before the signal"
        complete_before = complete_runs(out)
        if target in ("mpirun", "launcher"):
            proc.send_signal(signal.SIGTERM)
        else:
            ranks = children_of(proc.pid)
            assert len(ranks) == 2, ranks
            for pid in ranks:
                os.kill(pid, signal.SIGTERM)
        sent = time.monotonic()
        stdout, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        stop_tree(proc)
    print(f"MPI sweep stopped {took:.2f} s after SIGTERM to {target}, exit code {proc.returncode}")
    assert proc.returncode == MPIRUN_STATUS[target], (proc.returncode, stdout, stderr)
    assert took < 5, f"took {took:.1f} s to stop"
    wait_for(lambda: not processes_mentioning(str(out)), 2, "the ranks and runs to exit")
    before, log_before = assert_stopped_cleanly(out, complete_before, long_reference,
                                                signal.SIGTERM)
    if target == "mpirun":
        check(run_sweep(long_sweep, out, "--resume", "--jobs", "2"))
    elif target == "launcher":
        check(run_sweep(long_sweep, out, "--executor", "mpi", "--jobs", "2", "--resume", "--quiet",
                        env=launcher_env()))
    else:
        check(run_mpi(mpirun_argv(mpirun) + sweep_cmd(long_sweep, out, "--executor", "mpi",
                                                       "--resume", "--quiet")))
    assert_resumed_without_recomputing(out, before, log_before)
    finished_count = pd.Series(finished(out)).value_counts()
    assert (finished_count <= 1).all(), finished_count[finished_count > 1]
    assert_runs_equal(out, long_reference)
    assert_summary_equal(out, long_reference)


def test_mpi_launcher_that_cannot_be_found_is_bad_input(work, short_sweep):
    """`--executor mpi` started without mpirun needs a launcher: a missing one is exit 2 and
    one line naming MSCSIM_MPIRUN, before anything is written."""
    out = work / "no-launcher"
    env = dict(os.environ, MSCSIM_MPIRUN="no-such-mpirun --oversubscribe")
    r = run_sweep(short_sweep, out, "--executor", "mpi", "--jobs", "2", env=env)
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "MSCSIM_MPIRUN" in r.stderr and "no-such-mpirun" in r.stderr, r.stderr
    assert not out.exists()
