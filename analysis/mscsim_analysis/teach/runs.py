"""Runs of the real `mscsim run` binary, one subprocess each, in a temporary folder.

A run's life: queued → running (progress from the plain lines `--progress` writes to
stderr, lattice frames peeked from the `.partial`) → done (results read from the finished
file) or failed (the binary's own error line). Every process is ended and the folder
removed by `close()`.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from . import caption as caption_module
from .controls import Scenario, overrides
from .results import peek_run, read_run

_PROGRESS = re.compile(r"(\d+(?:\.\d+)?)%\s*\|\s*([\d.]+)\s*/\s*([\d.]+) h simulated")
PROGRESS_EVERY_S = 0.5


class Run:
    def __init__(self, run_id: str, scenario: Scenario, values: dict, sets: list[str],
                 output: Path, command: list[str]):
        self.id = run_id
        self.scenario = scenario
        self.values = values
        self.sets = sets
        self.output = output
        self.command = command
        self.state = "queued"
        self.progress = 0.0
        self.simulated_h = 0.0
        self.error = ""
        self.live = None
        self.result = None
        self.started = time.monotonic()
        self.wall_s = 0.0
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def as_json(self, with_result: bool = True) -> dict:
        with self.lock:
            out = {"id": self.id, "state": self.state, "progress": self.progress,
                   "simulated_h": self.simulated_h, "scenario": self.scenario.name,
                   "scenario_title": self.scenario.title, "values": self.values,
                   "command": self.display_command(), "error": self.error,
                   "elapsed_s": (self.wall_s if self.state in ("done", "failed")
                                 else time.monotonic() - self.started),
                   "file": str(self.output)}
            if self.state == "running" and self.live is not None:
                out["live"] = self.live
            if with_result and self.result is not None:
                out["result"] = self.result
            return out

    def display_command(self) -> str:
        rel = f"scenarios/teaching/{self.scenario.name}.toml"
        return "build/mscsim run " + rel + "".join(f" --set '{s}'" for s in self.sets)


class RunManager:
    def __init__(self, binary: str | Path, keep_runs: int = 60):
        self.binary = str(binary)
        self.folder = Path(tempfile.mkdtemp(prefix="mscsim-teach-"))
        self.runs: dict[str, Run] = {}
        self.order: list[str] = []
        self.keep_runs = keep_runs
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False

    def start(self, scenario: Scenario, values: dict, threads: int = 1) -> Run:
        sets = overrides(scenario, values)     # raises ValueError on a bad control
        settings = scenario.control_values()
        settings.update(values)
        with self._lock:
            if self._closed:
                raise RuntimeError("the app is shutting down")
            run_id = f"r{next(self._ids)}"
            output = self.folder / f"{run_id}.h5"
            command = [self.binary, "run", str(scenario.path), "-o", str(output),
                       "--threads", str(max(1, threads)), "--progress", str(PROGRESS_EVERY_S)]
            for s in sets:
                command += ["--set", s]
            run = Run(run_id, scenario, settings, sets, output, command)
            self.runs[run_id] = run
            self.order.append(run_id)
            self._forget_old()
        threading.Thread(target=self._drive, args=(run,), daemon=True).start()
        return run

    def _forget_old(self):
        while len(self.order) > self.keep_runs:
            old = self.runs.get(self.order[0])
            if old is not None and old.state in ("queued", "running"):
                break
            self.order.pop(0)
            if old is not None:
                self.runs.pop(old.id, None)
                old.output.unlink(missing_ok=True)

    def get(self, run_id: str) -> Run | None:
        return self.runs.get(run_id)

    def _drive(self, run: Run):
        env = dict(os.environ, OMP_WAIT_POLICY=os.environ.get("OMP_WAIT_POLICY", "passive"))
        try:
            process = subprocess.Popen(run.command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       text=True, env=env, start_new_session=True)
        except OSError as e:
            with run.lock:
                run.state, run.error = "failed", f"could not start {self.binary}: {e}"
            return
        with run.lock:
            run.process = process
            run.state = "running"
            run.started = time.monotonic()
        stop_peeking = threading.Event()
        peeker = threading.Thread(target=self._peek, args=(run, stop_peeking), daemon=True)
        peeker.start()
        last_lines = []
        for line in process.stderr:
            line = line.strip()
            m = _PROGRESS.search(line)
            if m:
                with run.lock:
                    run.progress = float(m.group(1))
                    run.simulated_h = float(m.group(2))
            elif line:
                last_lines = (last_lines + [line])[-5:]
        code = process.wait()
        stop_peeking.set()
        peeker.join()
        wall = time.monotonic() - run.started
        if code != 0:
            with run.lock:
                run.state, run.wall_s = "failed", wall
                run.error = (last_lines[-1] if last_lines else f"mscsim exited with status {code}")
            return
        try:
            result = read_run(run.output)
            result["caption"] = caption_module.caption(result, run.values)
            result["meta"]["app_wall_s"] = wall
        except Exception as e:  # a broken file is reported on the page, not raised
            with run.lock:
                run.state, run.wall_s, run.error = "failed", wall, f"could not read the run file: {e}"
            return
        with run.lock:
            run.result, run.state, run.progress, run.wall_s = result, "done", 100.0, wall

    def _peek(self, run: Run, stop: threading.Event):
        partial = Path(str(run.output) + ".partial")
        threshold = float(run.scenario.value("msc.phenotype_threshold") or 0.33)
        seen = -1.0
        while not stop.wait(0.4):
            if not partial.exists():
                continue
            frame = peek_run(partial, threshold)
            if frame is not None and frame["time_h"] > seen:
                seen = frame["time_h"]
                with run.lock:
                    run.live = frame

    def close(self):
        """End every run still going (its process group) and remove the folder."""
        with self._lock:
            self._closed = True
            runs = list(self.runs.values())
        for run in runs:
            p = run.process
            if p is not None and p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(timeout=5)
                except (ProcessLookupError, subprocess.TimeoutExpired):
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        shutil.rmtree(self.folder, ignore_errors=True)
