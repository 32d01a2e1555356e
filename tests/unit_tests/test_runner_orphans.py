"""The warm run process and multiprocessing's resource tracker do not outlive a parent killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Starts the run process, waits until it is warm, prints the pids of the worker and the resource
# tracker, then waits to be killed.
PARENT = """
import multiprocessing.resource_tracker as tracker
import time
from tutor.engine.runner import ExperimentProcess

if __name__ == "__main__":
    process = ExperimentProcess()
    process.start().result(timeout=120)
    workers = list(process._pool._processes)
    print(*workers, tracker._resource_tracker._pid, flush=True)
    time.sleep(300)
"""


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper that never comes, as under some container inits, has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def _ours(pid: int) -> bool:
    """Still the multiprocessing child we started (not a new process that reused the pid)."""
    try:
        return b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_run_process_and_resource_tracker_exit_within_2s_of_the_parent_being_killed(tmp_path: Path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(
        [sys.executable, str(script)], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(150, parent.kill)  # a parent that never warms up cannot hang the suite
    watchdog.start()
    children: list[int] = []
    try:
        line = parent.stdout.readline() if parent.stdout else ""
        assert line.strip(), parent.stderr.read() if parent.stderr else ""
        children = [int(pid) for pid in line.split()]
        assert len(children) == 2 and all(_alive(pid) for pid in children)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        died = time.monotonic()
        while any(_alive(pid) for pid in children) and time.monotonic() - died < 2.0:
            time.sleep(0.05)
        survivors = [pid for pid in children if _alive(pid)]
        assert not survivors, f"still running {time.monotonic() - died:.1f} s after the parent died: {survivors}"
    finally:
        watchdog.cancel()
        if parent.poll() is None:
            parent.kill()
            parent.wait(timeout=30)
        for pid in children:
            if _alive(pid) and _ours(pid):
                os.kill(pid, signal.SIGKILL)
