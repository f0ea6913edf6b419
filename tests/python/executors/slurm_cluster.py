"""A single-node Slurm cluster for tests: MUNGE, slurmctld and slurmd started as root in a
temporary folder, stopped again (by PID) and the folder removed on exit.

    with SlurmCluster() as cluster:          # sets SLURM_CONF for this process and children
        subprocess.run(["sbatch", "--wrap", "true"], env=cluster.env)

Everything the daemons write (configuration, MUNGE key and socket, state, spool, pid files,
logs) lies in the temporary folder; the ports are free ones picked at start, so the cluster
neither needs nor touches /etc/slurm, /etc/munge or a system cluster. The daemons run in
the foreground (munged -F, slurmctld -D, slurmd -D) as children of this process, with
PR_SET_PDEATHSIG so that they also die with it. On exit every job is cancelled, the
daemons are sent SIGTERM (SIGKILL after a grace period), and any leftover slurmstepd of
this cluster (recognised by a marker variable in its environment) is killed.

`SlurmCluster` calls pytest.skip, with the reason, when not running as root or when a
daemon or client binary is missing (scripts/setup installs them); any other failure to
start raises `SlurmClusterError` with the daemons' log tails.
"""

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DAEMONS = {"munged": "/usr/sbin/munged", "slurmctld": "/usr/sbin/slurmctld",
           "slurmd": "/usr/sbin/slurmd"}
CLIENTS = ["sbatch", "squeue", "sinfo", "scancel", "scontrol", "srun"]
MARKER = "MSCSIM_TEST_SLURM_CLUSTER"


class SlurmClusterError(RuntimeError):
    pass


def _which(name):
    found = shutil.which(name)
    if found is None and os.path.exists(DAEMONS.get(name, "")):
        found = DAEMONS[name]
    return found


def missing_reason():
    """Why a cluster cannot be started here (None when it can)."""
    if os.geteuid() != 0:
        return "the Slurm test cluster needs root (slurmd runs jobs as their user)"
    missing = [n for n in list(DAEMONS) + CLIENTS if _which(n) is None]
    if missing:
        return f"missing {', '.join(missing)} (scripts/setup installs munge and slurm-wlm)"
    return None


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent():
    # PR_SET_PDEATHSIG = 1: SIGTERM to the daemon when the test process exits.
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)


def _tail(path, lines=25):
    try:
        text = Path(path).read_text(errors="replace").splitlines()
    except OSError as e:
        return f"  ({e})"
    return "\n".join("  " + line for line in text[-lines:]) or "  (empty)"


def _node_hardware():
    """NodeName line fields of this machine as slurmd -C sees them."""
    out = subprocess.run([_which("slurmd"), "-C"], capture_output=True, text=True,
                         check=True).stdout
    fields = {}
    for word in out.split("\n")[0].split():
        key, _, value = word.partition("=")
        fields[key] = value
    return fields


class SlurmCluster:
    def __init__(self, start_timeout_s=30.0, stop_timeout_s=15.0):
        self.start_timeout_s = start_timeout_s
        self.stop_timeout_s = stop_timeout_s
        self.dir = None
        self.procs = {}
        self._old_conf = None
        self.node = socket.gethostname().split(".")[0]

    # -- paths ---------------------------------------------------------------------
    @property
    def conf(self):
        return self.dir / "slurm.conf"

    @property
    def env(self):
        """The environment for client commands (also set in os.environ while running)."""
        env = dict(os.environ)
        env["SLURM_CONF"] = str(self.conf)
        return env

    def logs(self):
        parts = []
        for name in ["munged", "slurmctld", "slurmd"]:
            for suffix in [".log", ".out"]:
                path = self.dir / f"{name}{suffix}"
                if path.exists():
                    parts.append(f"--- {path.name} (last lines)\n{_tail(path)}")
        return "\n".join(parts)

    # -- start ---------------------------------------------------------------------
    def __enter__(self):
        reason = missing_reason()
        if reason:
            import pytest
            pytest.skip(reason)
        self.dir = Path(tempfile.mkdtemp(prefix="mscsim-slurm-"))
        os.chmod(self.dir, 0o755)
        try:
            self._start()
        except BaseException:
            self._stop()
            raise
        return self

    def _spawn(self, name, argv, env):
        out = open(self.dir / f"{name}.out", "wb")
        try:
            self.procs[name] = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                env=env, cwd=self.dir, start_new_session=True, preexec_fn=_die_with_parent)
        finally:
            out.close()

    def _wait(self, what, ready, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise SlurmClusterError(
                        f"{name} exited with code {proc.returncode} while waiting for "
                        f"{what}\n{self.logs()}")
            if ready():
                return
            time.sleep(0.2)
        raise SlurmClusterError(f"timed out after {timeout:.0f} s waiting for {what}\n"
                                f"{self.logs()}")

    def _start(self):
        d = self.dir
        daemon_env = dict(os.environ, SLURM_CONF=str(self.conf), **{MARKER: str(d)})
        for sub in ["state", "spool"]:
            (d / sub).mkdir(mode=0o755)

        # MUNGE: its own key, socket, pid, seed and log files.
        key = d / "munge.key"
        key.write_bytes(os.urandom(1024))
        os.chmod(key, 0o400)
        socket_path = d / "munge.socket"
        self._spawn("munged", [_which("munged"), "--foreground", "--force",
                               f"--key-file={key}", f"--socket={socket_path}",
                               f"--pid-file={d / 'munged.pid'}", f"--seed-file={d / 'munged.seed'}",
                               f"--log-file={d / 'munged.log'}"], daemon_env)
        self._wait("the munged socket", socket_path.exists, 10)

        hw = _node_hardware()
        node_fields = " ".join(f"{k}={hw[k]}" for k in
                               ["CPUs", "Boards", "SocketsPerBoard", "CoresPerSocket",
                                "ThreadsPerCore", "RealMemory"] if k in hw)
        self.cpus = int(hw.get("CPUs", os.cpu_count() or 1))
        self.conf.write_text(f"""\
ClusterName=mscsimtest
SlurmctldHost={self.node}(127.0.0.1)
SlurmctldPort={_free_port()}
SlurmdPort={_free_port()}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket={socket_path}
StateSaveLocation={d / 'state'}
SlurmdSpoolDir={d / 'spool'}
SlurmctldPidFile={d / 'slurmctld.pid'}
SlurmdPidFile={d / 'slurmd.pid'}
SlurmctldLogFile={d / 'slurmctld.log'}
SlurmdLogFile={d / 'slurmd.log'}
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1,batch_sched_delay=0
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
KillWait=5
MinJobAge=600
InactiveLimit=0
NodeName={self.node} NodeAddr=127.0.0.1 {node_fields} State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
""")
        self._old_conf = os.environ.get("SLURM_CONF")
        os.environ["SLURM_CONF"] = str(self.conf)

        self._spawn("slurmctld", [_which("slurmctld"), "-D", "-f", str(self.conf)], daemon_env)
        self._spawn("slurmd", [_which("slurmd"), "-D", "-N", self.node, "-f", str(self.conf)],
                    daemon_env)
        self._wait(f"node {self.node} idle in sinfo", self._node_idle, self.start_timeout_s)

    def _node_idle(self):
        r = subprocess.run(["sinfo", "-h", "-N", "-o", "%N %t"], capture_output=True,
                           text=True, env=self.env, timeout=10)
        return r.returncode == 0 and f"{self.node} idle" in r.stdout

    # -- helpers for tests -----------------------------------------------------------
    def run(self, *argv, check=True, timeout=30):
        return subprocess.run(list(argv), capture_output=True, text=True, env=self.env,
                              check=check, timeout=timeout)

    def active_jobs(self):
        """Job ids (array tasks as JOB_TASK) still pending or running."""
        out = self.run("squeue", "-h", "-o", "%i").stdout
        return [line.strip() for line in out.splitlines() if line.strip()]

    def job_states(self, job_id):
        """{job id: (state, exit code)} for a job or all tasks of an array job, finished ones
        included (the controller keeps them for MinJobAge)."""
        out = self.run("scontrol", "-o", "show", "job", str(job_id), check=False).stdout
        states = {}
        for line in out.splitlines():
            fields = dict(w.split("=", 1) for w in line.split() if "=" in w)
            jid = fields.get("JobId")
            if fields.get("ArrayTaskId") and fields.get("ArrayJobId"):
                jid = f"{fields['ArrayJobId']}_{fields['ArrayTaskId']}"
            states[jid] = (fields.get("JobState"), fields.get("ExitCode"))
        return states

    def wait_jobs(self, job_ids, timeout):
        """Waits until none of job_ids (or their array tasks) is pending or running."""
        job_ids = [str(j) for j in job_ids]
        deadline = time.monotonic() + timeout
        while True:
            active = [j for j in self.active_jobs() if j.split("_")[0] in job_ids]
            if not active:
                return
            if time.monotonic() > deadline:
                raise SlurmClusterError(f"jobs still active after {timeout:.0f} s: {active}\n"
                                        f"{self.logs()}")
            time.sleep(0.5)

    # -- stop ----------------------------------------------------------------------
    def __exit__(self, *exc):
        self._stop()
        return False

    def _marked_pids(self):
        """Processes other than the daemons and their direct helpers (slurmctld's
        slurmscriptd) that carry this cluster's marker: slurmstepd of running jobs."""
        ours = {p.pid for p in self.procs.values() if p.poll() is None}
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in ours:
                continue
            try:
                environ = (entry / "environ").read_bytes()
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid in ours:
                continue
            if f"{MARKER}={self.dir}".encode() in environ.split(b"\0"):
                found.append(int(entry.name))
        return found

    def _stop(self):
        try:
            if self.procs.get("slurmctld") and self.procs["slurmctld"].poll() is None:
                subprocess.run(["scancel", "--user=root"], env=self.env, timeout=10,
                               capture_output=True)
                deadline = time.monotonic() + self.stop_timeout_s
                while time.monotonic() < deadline:
                    try:
                        if not self.active_jobs() and not self._marked_pids():
                            break
                    except (subprocess.SubprocessError, OSError):
                        break
                    time.sleep(0.3)
        finally:
            for name in ["slurmd", "slurmctld", "munged"]:
                proc = self.procs.get(name)
                if proc is None or proc.poll() is not None:
                    continue
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=self.stop_timeout_s)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            if self.dir is not None:
                for pid in self._marked_pids():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            if self._old_conf is None:
                os.environ.pop("SLURM_CONF", None)
            else:
                os.environ["SLURM_CONF"] = self._old_conf
            if self.dir is not None:
                shutil.rmtree(self.dir, ignore_errors=True)
