"""Run an exercise's checks on the learner's code in the sandbox and compare with the reference solution.

Expected values come from running the reference solution through the same sandbox (cached per
exercise content), never from numbers typed into the TOML. The learner's run and the reference run
start together, so a first check costs about one child start.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tutor.exercises import cache
from tutor.exercises.model import Check, Exercise
from tutor.exercises.process import (
    DEFAULT_TIMEOUT_S,
    OUTPUT_LIMIT,
    Child,
    Execution,
    cpu_seconds,
    discard,
    execute,
    start,
)
from tutor.exercises.results import CheckResult, RunReport
from tutor.exercises.values import same, show

__all__ = [
    "CheckResult",
    "RunReport",
    "expected_values",
    "plan_for",
    "prewarm",
    "run_calls",
    "run_checks",
    "validation_run",
]

CACHE_VERSION = 1  # bump when the harness's answers change shape: old cached reference answers are then unused
_expected: dict[str, Execution] = {}
_lock = threading.Lock()
_spare: Child | None = None  # a child started ahead, NumPy imported, waiting for its plan
_stay_warm = False


def prewarm(*, stay_warm: bool = True, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
    """Start a spare child now so the next run_checks skips Python's and NumPy's start-up.

    With `stay_warm` a new spare is started after each run that used one (the exercise screen);
    without it, one spare for one run (the CLI starts it before loading the exercise).
    """
    global _spare, _stay_warm
    with _lock:
        _stay_warm = stay_warm
        if _spare is not None and _spare.process.poll() is None:
            return
        old, _spare = _spare, start(timeout_s, preload=True)
    if old is not None:
        discard(old)
    _register_cleanup()


@functools.cache
def _register_cleanup() -> None:
    """Kill the spare at exit (once registered); a spare whose parent died reads EOF and ends by itself."""
    atexit.register(_drop_spare)


def _drop_spare() -> None:
    """Discard the spare child, if any."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is not None:
        discard(spare)


def _take(exercise: Exercise, timeout_s: float) -> Child | None:
    """The spare child if it can run this exercise (alive, same limits, NumPy allowed), else None."""
    global _spare
    with _lock:
        spare, _spare = _spare, None
    if spare is None:
        return None
    if spare.process.poll() is not None or spare.cpu_s != cpu_seconds(timeout_s) or not exercise.allow_numpy:
        discard(spare)
        return None
    return spare


def plan_for(exercise: Exercise, checks: tuple[Check, ...] | None = None) -> dict[str, Any]:
    """The JSON plan the harness follows: which calls to make and which imports to refuse."""
    forbidden = list(exercise.forbidden_imports) + ([] if exercise.allow_numpy else ["numpy"])
    calls = [
        {"name": c.name, "call": c.call, "args": list(c.args), "kwargs": dict(c.kwargs), "as_numpy": c.as_numpy}
        for c in (exercise.checks if checks is None else checks)
    ]
    return {"functions": list(exercise.functions), "forbidden": forbidden, "calls": calls}


def run_calls(code: str, plan: dict[str, Any], timeout_s: float = DEFAULT_TIMEOUT_S) -> Execution:
    """Run code against a plan in the sandbox (the low-level step, for comparisons and validation)."""
    return execute(code, plan, timeout_s)


@functools.cache
def _sandbox_source() -> str:
    """The child's side and its limits, as source: a changed sandbox never reuses a run of the old one."""
    here = Path(__file__).parent
    return "".join((here / name).read_text(encoding="utf-8") for name in ("harness.py", "process.py"))


def _run_key(kind: str, code: str, plan: dict[str, Any]) -> str:
    """A content hash of everything a run depends on: the code, the calls, the sandbox and Python."""
    text = json.dumps([CACHE_VERSION, kind, code, plan, sys.version, _sandbox_source()], sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _key(exercise: Exercise, plan: dict[str, Any]) -> str:
    """A content hash of the reference solution and the calls: a changed exercise never reuses old values."""
    return _run_key("reference", exercise.solution, plan)


def validation_run(code: str, plan: dict[str, Any], timeout_s: float = DEFAULT_TIMEOUT_S) -> Execution:
    """A starter's or a mistake's run for `check`, kept on disk like the reference's (a run stopped for time,
    by the wall clock or the CPU limit, is not kept: that says as much about the machine as about the code)."""
    key = _run_key("validation", code, plan)
    stored = cache.load_run(key)
    if stored is not None:
        return Execution(**stored)
    execution = execute(code, plan, timeout_s)
    if execution.stop != "timeout" and execution.returncode not in (-signal.SIGXCPU, -signal.SIGKILL):
        cache.save(key, {name: getattr(execution, name) for name in ("events", "raw_output", "stop", "returncode")})
    return execution


def expected_values(exercise: Exercise, timeout_s: float = DEFAULT_TIMEOUT_S) -> Execution:
    """The reference solution's run over the exercise's checks (cached in memory by content hash)."""
    plan = plan_for(exercise)
    key = _key(exercise, plan)
    with _lock:
        cached = _expected.get(key)
    if cached is not None:
        return cached
    events = cache.load(key)
    if events is not None:
        execution = Execution(events=events)
    else:
        execution = execute(exercise.solution, plan, timeout_s)
        if execution.event("done") is None:  # only a complete reference run is worth keeping
            return execution
        cache.save(key, execution.events)
    with _lock:
        _expected[key] = execution
    return execution


def run_checks(exercise: Exercise, code: str, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> RunReport:
    """Run every check of the exercise on `code`; blocking, and never raises for what the code does."""
    plan = plan_for(exercise)
    key = _key(exercise, plan)
    with _lock:
        cached = _expected.get(key)
    if cached is None and (events := cache.load(key)) is not None:
        cached = Execution(events=events)
        with _lock:
            _expected[key] = cached
    child = _take(exercise, timeout_s)
    if cached is None:
        # The reference and the learner's code run side by side: one child start of latency, not two.
        with ThreadPoolExecutor(max_workers=1) as pool:
            future = pool.submit(expected_values, exercise, timeout_s)
            mine = execute(code, plan, timeout_s, child)
            reference = future.result()
    else:
        mine, reference = execute(code, plan, timeout_s, child), cached
    if child is not None and _stay_warm:
        prewarm(timeout_s=timeout_s)
    return report(exercise, mine, reference, timeout_s)


def report(exercise: Exercise, mine: Execution, reference: Execution, timeout_s: float) -> RunReport:
    """Compare the learner's run with the reference run, check by check."""
    loaded = mine.event("loaded") or {}
    by_index = {e.get("index"): e for e in mine.events if e.get("event") == "check"}
    expected = {e.get("index"): e for e in reference.events if e.get("event") == "check"}
    problem = _problem(mine, timeout_s)
    results = []
    for index, check in enumerate(exercise.checks):
        want = expected.get(index)
        expected_text = show(want.get("value"), want.get("type", "")) if want and want.get("ok") else "?"
        got = by_index.get(index)
        if got is None:
            why = f"not run: {problem}" if problem else "not run"
            results.append(CheckResult(check.name, False, check.call_text(), expected_text, "", "", why, None))
            continue
        error = got.get("error")
        value_text = show(got.get("value"), got.get("type", "")) if got.get("ok") else ""
        if want is None or not want.get("ok"):
            error = "the reference solution failed this check: the exercise itself is broken"
            passed = False
        else:
            passed = bool(got.get("ok")) and same(want.get("value"), got.get("value"), check.tolerance)
        output = str(got.get("output") or "")
        feedback = None if passed else check.feedback
        results.append(
            CheckResult(check.name, passed, check.call_text(), expected_text, value_text, output, error, feedback)
        )
    output = str(loaded.get("output") or "") + mine.raw_output
    return RunReport(tuple(results), problem, mine.duration_s, output)


def _problem(run: Execution, timeout_s: float) -> str | None:
    """One line saying what stopped the run, or None when it went through every check."""
    loaded = run.event("loaded")
    if run.stop == "timeout":
        return f"timed out after {timeout_s:g} s (infinite loop?)"
    if run.stop == "output" or run.event("problem") is not None:
        return f"output over the limit ({OUTPUT_LIMIT // 1024} KB): print less"
    if run.stop == "results":
        return "the check process wrote too much to its results pipe"
    errors = [str(e.get("error")) for e in run.events if e.get("error")]
    if any("MemoryError" in error for error in errors):
        return "memory limit reached"
    if loaded is not None and loaded.get("error"):
        error = str(loaded["error"])
        return error if error.startswith(("SyntaxError", "your code called")) else f"your code failed to load: {error}"
    if run.event("done") is None:
        return _ended(run.returncode)
    return None


def _ended(returncode: int | None) -> str:
    """Why the child ended before finishing, from its exit status."""
    if returncode is not None and returncode < 0:
        number = -returncode
        if number == signal.SIGXCPU:
            return "CPU time limit reached (infinite loop?)"
        if number == signal.SIGXFSZ:
            return "file size limit reached"
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        return f"the check process was killed ({name})"
    if returncode is not None and returncode != 0:
        return f"your code ended the check process (exit status {returncode})"
    return "the check process ended before finishing"
