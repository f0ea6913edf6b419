"""The single-node Slurm test cluster itself (slurm_cluster.py): a plain batch job, an
array job and a job step run, and on exit the daemons are gone and the folder removed."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from slurm_cluster import SlurmCluster  # noqa: E402


def test_cluster_runs_batch_array_and_step_jobs_then_stops():
    with SlurmCluster() as cluster:
        folder, pids = cluster.dir, [p.pid for p in cluster.procs.values()]
        assert os.environ["SLURM_CONF"] == str(cluster.conf)
        wrap = cluster.run("sbatch", "--parsable", f"--output={folder}/wrap.log",
                           "--wrap", "echo wrap $SLURM_JOB_ID").stdout.strip()
        array = cluster.run("sbatch", "--parsable", "--array=0-3", "--cpus-per-task=1",
                            f"--output={folder}/array-%A_%a.log",
                            "--wrap", "echo task $SLURM_ARRAY_TASK_ID").stdout.strip()
        step = cluster.run("sbatch", "--parsable", f"--output={folder}/step.log", "--wrap",
                           "srun --ntasks=1 --mpi=none sh -c 'echo step $SLURM_STEP_ID'").stdout.strip()
        cluster.wait_jobs([wrap, array, step], timeout=60)
        assert cluster.job_states(wrap) == {wrap: ("COMPLETED", "0:0")}
        assert cluster.job_states(array) == {f"{array}_{i}": ("COMPLETED", "0:0") for i in range(4)}
        assert (folder / "wrap.log").read_text().strip() == f"wrap {wrap}"
        for i in range(4):
            assert (folder / f"array-{array}_{i}.log").read_text().strip() == f"task {i}"
        assert cluster.job_states(step) == {step: ("COMPLETED", "0:0")}
        assert (folder / "step.log").read_text().strip() == "step 0"
    assert "SLURM_CONF" not in os.environ or os.environ["SLURM_CONF"] != str(folder / "slurm.conf")
    assert not folder.exists()
    time.sleep(0.2)
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists() or \
            Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z", f"daemon {pid} still running"
