"""Start the sandbox child, hold it to its limits and read its JSON lines back (never unpickling anything).

The child is `python -I harness.py` in a fresh temp dir (HOME and cwd), with a scrubbed environment,
resource limits set before exec, its own session (so a timeout kills its whole process group), output
read with a cap, and results over a dedicated pipe, one JSON line per event.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HARNESS = Path(__file__).with_name("harness.py")
CODE_NAME = "solution.py"
DEFAULT_TIMEOUT_S = 5.0
# Python with NumPy maps ~100–140 MB of address space here (OpenBLAS 1 thread / default); 512 MiB leaves
# room for the exercises' arrays and stops a memory bomb long before it hurts the machine.
ADDRESS_SPACE = 512 * 1024 * 1024
FILE_SIZE = 1024 * 1024  # the largest file the code may write
OPEN_FILES = 64
PROCESSES = 64  # ignored for root, which is why the timeout kills the whole process group
OUTPUT_LIMIT = 256 * 1024  # characters printed (Python-level) or bytes written to fd 1/2 before the run is stopped
RAW_OUTPUT_KEPT = 4000  # bytes of raw fd output kept for the report
RESULTS_LIMIT = 8 * 1024 * 1024  # the results pipe: far more than any honest run writes
EXIT_GRACE_S = 0.3  # after the child exits, how long stray grandchildren may keep the pipes open


@dataclass
class Execution:
    """What came back from one child: its events (parsed JSON lines), raw output and why it stopped."""

    events: list[dict[str, Any]] = field(default_factory=list)
    raw_output: str = ""
    stop: str | None = None  # "timeout", "output", "results", or None when the child ended by itself
    returncode: int | None = None
    duration_s: float = 0.0

    def event(self, kind: str) -> dict[str, Any] | None:
        """The first event of a kind ("loaded", "done", "problem"), or None."""
        return next((e for e in self.events if e.get("event") == kind), None)


def child_env(workdir: str) -> dict[str, str]:
    """A scrubbed environment: minimal PATH, HOME = the temp dir, no PYTHON* variables, one BLAS thread."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": workdir,
        "TMPDIR": workdir,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _set_limits(cpu_s: int) -> None:
    """Runs in the child between fork and exec: only setrlimit calls, nothing that allocates much."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE, FILE_SIZE))
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES, OPEN_FILES))
    resource.setrlimit(resource.RLIMIT_NPROC, (PROCESSES, PROCESSES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass
class Child:
    """A started harness waiting on stdin for its plan (NumPy already imported when preloaded)."""

    process: subprocess.Popen[bytes]
    read_fd: int
    workdir: str
    cpu_s: int
    preload: bool


def cpu_seconds(timeout_s: float) -> int:
    """The CPU-time limit for a wall-clock timeout."""
    return max(1, math.ceil(timeout_s))


def start(timeout_s: float = DEFAULT_TIMEOUT_S, preload: bool = True) -> Child:
    """Start a child in a fresh temp dir; it imports NumPy (if `preload`) and then waits for a plan."""
    workdir = tempfile.mkdtemp(prefix="mlprep-exercise-")
    read_fd, write_fd = os.pipe()
    cpu_s = cpu_seconds(timeout_s)
    argv = [sys.executable, "-I", str(HARNESS), str(write_fd), os.path.join(workdir, CODE_NAME)]
    try:
        process = subprocess.Popen(
            [*argv, "--preload-numpy"] if preload else argv,
            cwd=workdir,
            env=child_env(workdir),
            stdin=subprocess.PIPE,  # the plan arrives here, then end of file (input() in a check sees EOF)
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            pass_fds=(write_fd,),
            start_new_session=True,  # its own process group: the timeout kills it and everything it forked
            preexec_fn=lambda: _set_limits(cpu_s),
        )
    except BaseException:
        os.close(read_fd)
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    finally:
        os.close(write_fd)
    return Child(process, read_fd, workdir, cpu_s, preload)


def discard(child: Child) -> None:
    """Kill a child's process group, reap it and remove its temp dir."""
    _kill_group(child.process)
    child.process.wait()
    for stream in (child.process.stdin, child.process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    with contextlib.suppress(OSError):
        os.close(child.read_fd)
    shutil.rmtree(child.workdir, ignore_errors=True)


def _send(child: Child, payload: bytes) -> None:
    """Write the plan to the child's stdin and close it; a child that already died just misses it."""
    stdin = child.process.stdin
    assert stdin is not None
    with contextlib.suppress(OSError):  # BrokenPipeError: it died (its exit status tells why)
        stdin.write(payload)
    with contextlib.suppress(OSError):
        stdin.close()


def execute(
    code: str, plan: dict[str, Any], timeout_s: float = DEFAULT_TIMEOUT_S, child: Child | None = None
) -> Execution:
    """Run `code` under the harness with `plan` (calls, forbidden imports); never raises for what the code does.

    `child` is a child started ahead (see start): its start-up is then already paid.
    """
    started = time.monotonic()
    if child is None:
        wants_numpy = "numpy" not in plan["forbidden"] and (
            "numpy" in code or any(c["as_numpy"] for c in plan["calls"])
        )
        child = start(timeout_s, preload=wants_numpy)
    execution = Execution(stop="results")
    try:
        with open(os.path.join(child.workdir, CODE_NAME), "w", encoding="utf-8") as handle:
            handle.write(code)
        payload = (json.dumps({**plan, "output_limit": OUTPUT_LIMIT}) + "\n").encode("utf-8")
        # A thread writes it: a large plan fills the pipe, and the child reads it while we read its output.
        writer = threading.Thread(target=_send, args=(child, payload), daemon=True)
        writer.start()
        execution = _read(child.process, child.read_fd, timeout_s)
        if execution.stop is None:
            # Both pipes closed: the child is exiting; reap it to learn how it ended.
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.process.wait(timeout=1.0)
    finally:
        # A group outlives its leader while any member lives, so its id cannot be reused under us.
        discard(child)
        execution.returncode = child.process.returncode
    execution.duration_s = time.monotonic() - started
    return execution


def _read(process: subprocess.Popen[bytes], read_fd: int, timeout_s: float) -> Execution:
    """Read both pipes with a deadline and caps; parse result lines as JSON only."""
    assert process.stdout is not None
    execution = Execution()
    results, raw = bytearray(), bytearray()
    raw_total = 0
    deadline = time.monotonic() + timeout_s
    with selectors.DefaultSelector() as selector:
        selector.register(read_fd, selectors.EVENT_READ, "results")
        selector.register(process.stdout.fileno(), selectors.EVENT_READ, "output")
        while selector.get_map():
            now = time.monotonic()
            if now >= deadline:
                execution.stop = "timeout"
                break
            if process.poll() is not None:
                # The child is gone; anything still holding the pipes is a stray grandchild.
                deadline = min(deadline, now + EXIT_GRACE_S)
            for key, _ in selector.select(min(deadline - now, 0.1)):
                data = os.read(key.fd, 65536)
                if not data:
                    selector.unregister(key.fd)
                elif key.data == "results":
                    results += data
                else:
                    raw_total += len(data)
                    raw += data[: max(0, RAW_OUTPUT_KEPT - len(raw))]
            if raw_total > OUTPUT_LIMIT:
                execution.stop = "output"
                break
            if len(results) > RESULTS_LIMIT:
                execution.stop = "results"
                break
    if execution.stop == "timeout" and process.poll() is not None and _has_done(results):
        execution.stop = None  # finished in time; only a stray grandchild held the pipe
    execution.events = _parse(bytes(results))
    execution.raw_output = raw.decode("utf-8", errors="replace")
    return execution


def _has_done(results: bytearray) -> bool:
    """Whether the harness reported that it finished."""
    return any(event.get("event") == "done" for event in _parse(bytes(results)))


def _parse(data: bytes) -> list[dict[str, Any]]:
    """One JSON object per line; anything else (the learner writing to the pipe) is dropped."""
    events = []
    for line in data.decode("utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the child's whole process group (it leads its own session), before it is reaped."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
