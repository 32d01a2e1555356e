"""Runs experiments in one warm child process, so scikit-learn never competes with the UI for the GIL."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # multiprocessing and the process pool load when the child starts, after the first frame
    from concurrent.futures import Future, ProcessPoolExecutor

    from tutor.engine.params import Value
    from tutor.engine.result import Result

# What the experiments import; loading them once in the child makes its first run quick.
SKLEARN_MODULES = (
    "sklearn.linear_model",
    "sklearn.neighbors",
    "sklearn.tree",
    "sklearn.metrics",
    "sklearn.model_selection",
    "sklearn.preprocessing",
    "sklearn.datasets",
)


# How often the child checks that the app is still there; it exits within this (plus a moment) of
# the app's death, and so does multiprocessing's resource tracker, which waits for the child.
PARENT_POLL_S = 0.2


def _child_setup(parent_pid: int) -> None:
    """In the child: one BLAS/OpenMP thread (tiny data; more threads only contend); die with the app."""
    from tutor.support.threads import limit_threads

    limit_threads()
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _exit_when_orphaned(parent_pid: int) -> None:
    """In the child: exit at once when the app is gone (even by kill -9, which runs no clean-up).

    The pool's queues never report the parent's death to a waiting child (the child holds both
    ends of their pipes), so the child watches: once orphaned it is re-parented and getppid()
    changes. Polling works on every POSIX system and on Windows; prctl(PR_SET_PDEATHSIG) would be
    Linux-only and fires when the *thread* that spawned the child ends, which here is a worker thread.
    """
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_S)
    os._exit(0)  # mid-run too: nobody is left to receive the result


def _warm() -> bool:
    """In the child: import scikit-learn's modules."""
    import importlib

    for name in SKLEARN_MODULES:
        importlib.import_module(name)
    return True


def _run(slug: str, values: Mapping[str, Value]) -> Result:
    """In the child: run one registered experiment with parsed values."""
    from tutor.engine.experiments import get

    return get(slug).run_checked(dict(values))  # a bug arrives as one picklable line (RunFailed)


class RunProcessStopped(RuntimeError):
    """The run process was stopped for good (the app is quitting); nothing more runs in it."""


class ExperimentProcess:
    """A single warm worker process; `run` blocks the calling (worker) thread, never the UI."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self.ready: Future[bool] | None = None

    def start(self) -> Future[bool]:
        """Spawn the child and start warming scikit-learn in it; the future resolves when warm."""
        # A TUI replaces sys.stderr with an object whose fileno() is not a real descriptor, and
        # multiprocessing hands that descriptor to its helper process: give it the real one.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with self._lock, contextlib.redirect_stderr(sys.__stderr__):
            if self._stopped:
                # A warm-up thread that reaches here after quitting must not spawn a new child.
                raise RunProcessStopped("the run process was stopped")
            if self._pool is None:
                # spawn, not fork: forking a process that runs threads (the UI) is unsafe.
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    max_workers=1, mp_context=context, initializer=_child_setup, initargs=(os.getpid(),)
                )
                self.ready = self._pool.submit(_warm)
            assert self.ready is not None
            return self.ready

    def run(self, slug: str, values: Mapping[str, Value]) -> Result:
        """Run in the child; if the child died, start a fresh one and try once more."""
        from concurrent.futures.process import BrokenProcessPool

        self.start()
        try:
            return self._submit(slug, values)
        except BrokenProcessPool:
            self._reset()
            self.start()
            return self._submit(slug, values)

    def _submit(self, slug: str, values: Mapping[str, Value]) -> Result:
        with self._lock:
            assert self._pool is not None
            future = self._pool.submit(_run, slug, dict(values))
        return future.result()

    def _reset(self, terminate: bool = False) -> None:
        with self._lock:
            if self._pool is not None:
                if terminate:
                    # Quitting must not wait for a warm-up or a long run to finish. Python 3.14 has
                    # terminate_workers(); before it, the executor's process table is the only handle.
                    for process in list(getattr(self._pool, "_processes", {}).values()):
                        process.terminate()
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def stop(self) -> None:
        """Stop the child at once, even mid-run, and for good (the app is quitting)."""
        with self._lock:
            self._stopped = True
        self._reset(terminate=True)
