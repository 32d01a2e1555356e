"""The exercise sandbox as a speed bump: each misbehaviour gives one clear RunReport and the parent stays up.

Forking tests fork a small fixed number of children (we run as root: RLIMIT_NPROC does not hold);
the test that signals its parent runs the sandbox from an intermediate process, so pytest is never the target.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tutor.exercises.model import Check, Exercise
from tutor.exercises.process import ADDRESS_SPACE, FILE_SIZE, OUTPUT_LIMIT, Execution, execute
from tutor.exercises.results import RunReport
from tutor.exercises.sandbox import run_checks

ROOT = Path(__file__).resolve().parents[2]


def _exercise() -> Exercise:
    """A tiny exercise: double(x) -> 2x, two checks."""
    return Exercise(
        id="double",
        topic="sigmoid",
        title="Double",
        task="double(x)",
        functions=("double",),
        starter="def double(x):\n    return 0\n",
        solution="def double(x):\n    return 2 * x\n",
        hints=("a", "b"),
        asked_as="asked in interviews as: never",
        checks=(Check("two", "double", (2,), feedback="double it"), Check("three", "double", (3,))),
    )


def _check(code: str, timeout_s: float = 5.0) -> RunReport:
    """run_checks on the double exercise."""
    return run_checks(_exercise(), textwrap.dedent(code), timeout_s=timeout_s)


def _probe(code: str, *args: Any, timeout_s: float = 5.0) -> Execution:
    """Run probe(*args) in the sandbox; the low-level result (events), for looking at what the code saw."""
    plan = {
        "functions": ["probe"],
        "forbidden": ["sklearn"],
        "calls": [{"name": "probe", "call": "probe", "args": list(args), "kwargs": {}, "as_numpy": False}],
    }
    return execute(textwrap.dedent(code), plan, timeout_s)


def _value(execution: Execution) -> Any:
    check = next(e for e in execution.events if e.get("event") == "check")
    assert check["ok"], check
    return check["value"]


def test_a_correct_solution_passes_and_a_wrong_one_fails_with_its_feedback() -> None:
    good = _check("def double(x):\n    return x + x\n")
    bad = _check("def double(x):\n    return x * 3\n")
    assert good.passed and good.problem is None and good.passed_count == 2
    assert not bad.passed and bad.problem is None
    first = bad.results[0]
    assert (first.call_text, first.expected, first.got, first.feedback) == ("double(2)", "4", "6", "double it")


def test_an_infinite_loop_times_out_and_the_whole_group_is_killed() -> None:
    started = time.monotonic()
    report = _check("def double(x):\n    while True:\n        pass\n", timeout_s=1.5)
    assert report.problem == "timed out after 1.5 s (infinite loop?)"
    assert not report.passed and all(not r.passed for r in report.results)
    assert report.results[0].error == "not run: timed out after 1.5 s (infinite loop?)"
    assert time.monotonic() - started < 10


def test_checks_that_finished_survive_a_later_crash() -> None:
    code = """
    import ctypes

    def double(x):
        if x == 3:
            ctypes.string_at(0)  # a segfault in the second check
        return 2 * x
    """
    report = _check(code)
    assert report.results[0].passed
    assert not report.results[1].passed
    assert report.problem == "the check process was killed (SIGSEGV)"


def test_a_memory_bomb_hits_the_address_space_limit() -> None:
    report = _check(f"def double(x):\n    block = bytearray({2 * ADDRESS_SPACE})\n    return 2 * x\n")
    assert report.problem == "memory limit reached"
    assert report.results[0].error == "line 2: MemoryError"


def test_a_growing_memory_bomb_is_stopped_too() -> None:
    code = "def double(x):\n    hoard = []\n    while True:\n        hoard.append(bytearray(10**6))\n"
    report = _check(code, timeout_s=30)  # a generous timeout: on a loaded machine filling 512 MiB takes a while
    assert report.problem == "memory limit reached"
    assert [r.error for r in report.results] == ["line 4: MemoryError"] * 2  # the second check ran too


def _live_members(pgid: int) -> list[int]:
    """Processes (not zombies) still in a process group, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def test_a_fork_bomb_of_twenty_sleepers_is_killed_with_its_process_group() -> None:
    code = """
    import os, time

    def double(x):
        print(os.getpgid(0))
        for _ in range(20):  # bounded: we run as root, so RLIMIT_NPROC would not stop more
            if os.fork() == 0:
                while True:
                    time.sleep(1)
        return 2 * x
    """
    started = time.monotonic()
    report = _check(code, timeout_s=5)
    assert report.results[0].passed  # the forks did not stop the checks from answering
    pgid = int(report.results[0].output.split()[0])
    assert pgid != os.getpgid(0)  # its own session, never ours
    time.sleep(0.2)
    assert _live_members(pgid) == []
    assert time.monotonic() - started < 5  # the stray children did not hold the run to its timeout


def test_a_huge_print_is_cut_and_stopped() -> None:
    report = _check(f"def double(x):\n    print('x' * {4 * OUTPUT_LIMIT})\n    return 2 * x\n")
    assert report.problem == f"output over the limit ({OUTPUT_LIMIT // 1024} KB): print less"


def test_a_huge_write_to_the_raw_stdout_is_stopped_by_the_parent() -> None:
    code = f"import os\n\ndef double(x):\n    os.write(1, b'y' * {4 * OUTPUT_LIMIT})\n    return 2 * x\n"
    report = _check(code)
    assert report.problem == f"output over the limit ({OUTPUT_LIMIT // 1024} KB): print less"


def test_printed_output_is_kept_per_check_and_capped() -> None:
    report = _check("def double(x):\n    print('seen', x)\n    print('z' * 5000)\n    return 2 * x\n")
    assert report.passed
    assert report.results[0].output.startswith("seen 2\nzzz")
    assert report.results[0].output.endswith("… (output cut)")
    assert len(report.results[0].output) < 2100


def test_home_is_the_temp_dir_so_tilde_ssh_is_not_the_learners() -> None:
    code = """
    import os

    def probe():
        home = os.path.expanduser("~")
        return [home, os.getcwd(), os.path.exists(os.path.join(home, ".ssh")), sorted(os.listdir(home))]
    """
    home, cwd, has_ssh, listing = _value(_probe(code))
    assert home == cwd and Path(home).name.startswith("mlprep-exercise-")
    assert has_ssh is False
    assert listing == ["solution.py"]  # only the learner's file: the plan came over stdin
    assert not Path(home).exists()  # the temp dir is gone after the run


def test_the_environment_is_scrubbed() -> None:
    code = "import os\n\ndef probe():\n    return sorted(os.environ)\n"
    names = _value(_probe(code))
    assert not [name for name in names if name.startswith("PYTHON")]
    assert set(names) <= {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"} | {
        "MKL_NUM_THREADS"
    }


def test_writing_outside_the_temp_dir_is_not_prevented_only_the_size_is(tmp_path: Path) -> None:
    # Honest behaviour: absolute paths the user may write are writable (this is a speed bump, not a jail);
    # relative paths land in the temp dir, which is deleted; RLIMIT_FSIZE caps any one file.
    outside = tmp_path / "written-by-exercise.txt"
    code = f"""
    def probe(path):
        with open(path, "w") as handle:
            handle.write("hello")
        with open("relative.txt", "w") as handle:
            handle.write("gone after the run")
        try:
            with open(path, "wb") as handle:
                handle.write(b"x" * {2 * FILE_SIZE})
        except OSError as error:
            return error.strerror
        return "no limit"
    """
    assert _value(_probe(code, str(outside))) == "File too large"
    assert outside.stat().st_size == FILE_SIZE  # cut at the limit


def test_signalling_the_parent_is_refused(tmp_path: Path) -> None:
    # The sandbox runs from an intermediate python, so even a failure of the guard could not reach pytest.
    script = textwrap.dedent(
        """
        import json, os
        from tutor.exercises.sandbox import execute
        code = "import os, signal\\n\\ndef probe():\\n    os.kill(os.getppid(), signal.SIGKILL)\\n    return 'sent'\\n"
        plan = {"functions": ["probe"], "forbidden": [], "calls": [
            {"name": "p", "call": "probe", "args": [], "kwargs": {}, "as_numpy": False}]}
        run = execute(code, plan, 5.0)
        print(json.dumps([e for e in run.events if e.get("event") == "check"]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    (event,) = json.loads(done.stdout)
    assert event["error"] == "line 4: PermissionError: the exercise sandbox does not let your code send signals"


def test_sys_exit_in_a_check_and_at_load_time() -> None:
    in_check = _check("import sys\n\ndef double(x):\n    sys.exit(0)\n")
    assert [r.error for r in in_check.results] == ["your code called sys.exit"] * 2
    at_load = _check("import sys\nsys.exit(3)\n")
    assert at_load.problem == "your code called sys.exit"
    hard = _check("import os\n\ndef double(x):\n    os._exit(0)\n")
    assert hard.problem == "the check process ended before finishing"


def test_a_syntax_error_names_its_line() -> None:
    report = _check("def double(x):\n    return 2 * x\n\ndef oops(:\n    pass\n")
    assert report.problem is not None and report.problem.startswith("SyntaxError on line 4: ")
    assert report.results[0].error == f"not run: {report.problem}"


def test_an_exception_inside_a_check_names_the_learners_line() -> None:
    report = _check("def helper(x):\n    return x / 0\n\ndef double(x):\n    return helper(x)\n")
    assert report.problem is None
    assert [r.error for r in report.results] == ["line 2: ZeroDivisionError: division by zero"] * 2
    assert [r.feedback for r in report.results] == ["double it", ""]


def test_a_missing_function_and_an_unsupported_return_value() -> None:
    missing = _check("def triple(x):\n    return 3 * x\n")
    assert missing.results[0].error == "double is not defined in your code"
    odd = _check("def double(x):\n    return (y for y in [x])\n")
    assert odd.results[0].error is not None and odd.results[0].error.startswith("returned a generator")


def test_forbidden_imports_say_what_to_do_instead() -> None:
    report = _check("import sklearn.linear_model\n\ndef double(x):\n    return 2 * x\n")
    assert report.problem == (
        "your code failed to load: line 1: ImportError: scikit-learn is not allowed in this exercise: "
        "write it with plain Python/NumPy"
    )


def test_the_network_is_off() -> None:
    code = """
    import socket

    def probe():
        try:
            socket.create_connection(("127.0.0.1", 9), timeout=1)
        except OSError as error:
            return str(error)
        return "connected"
    """
    assert _value(_probe(code)) == "the exercise sandbox has no network"


def test_a_prewarmed_child_is_used_and_replaced_and_dropped_at_the_end() -> None:
    from tutor.exercises import sandbox

    sandbox.prewarm(stay_warm=True)
    try:
        first = sandbox._spare
        assert first is not None and first.process.poll() is None and first.preload
        assert _check("def double(x):\n    return 2 * x\n").passed
        assert first.process.poll() is not None  # used, then reaped
        second = sandbox._spare
        assert second is not None and second.process.pid != first.process.pid  # a fresh spare for the next run
    finally:
        sandbox._drop_spare()
    assert sandbox._spare is None and second.process.poll() is not None


def test_numpy_preloaded_in_a_child_is_still_refused_when_the_exercise_forbids_it() -> None:
    from tutor.exercises.process import start

    plan = {
        "functions": ["probe"],
        "forbidden": ["sklearn", "numpy"],
        "calls": [{"name": "p", "call": "probe", "args": [], "kwargs": {}, "as_numpy": False}],
    }
    code = "def probe():\n    import numpy\n    return 1\n"
    run = execute(code, plan, 5.0, start(5.0, preload=True))
    (event,) = [e for e in run.events if e.get("event") == "check"]
    assert event["error"] == ("line 2: ImportError: NumPy is not allowed in this exercise: write it with plain Python")


def test_where_the_kernel_allows_it_the_child_has_an_empty_network_namespace() -> None:
    code = """
    def probe():
        lines = open("/proc/self/net/dev").read().splitlines()[2:]
        return [line.split(":")[0].strip() for line in lines]
    """
    run = _probe(code)
    loaded = run.event("loaded")
    assert loaded is not None
    if not loaded["network"].startswith("own network namespace"):
        pytest.skip(f"this kernel gave no namespace ({loaded['network']}); sockets are still refused")
    assert _value(run) == ["lo"]  # only the loopback device of a new namespace (and it is down)


def test_a_thread_left_running_or_a_forked_child_returning_does_not_hold_or_fake_the_run() -> None:
    code = """
    import os, threading, time

    def spin():
        while True:
            time.sleep(0.1)

    def double(x):
        threading.Thread(target=spin).start()  # not a daemon: a normal exit would wait for it forever
        if os.fork() == 0:
            return 99  # the forked copy returns a wrong answer; it must not be taken as the harness's
        return 2 * x
    """
    started = time.monotonic()
    report = _check(code, timeout_s=5)
    assert report.problem is None and report.passed
    assert time.monotonic() - started < 4


def test_reference_answers_are_cached_on_disk_and_a_damaged_entry_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tutor.exercises import cache, sandbox

    monkeypatch.setenv("MLPREP_HOME", str(tmp_path))
    monkeypatch.delenv("MLPREP_CACHE_DIR", raising=False)  # the suite's shared cache: not here
    monkeypatch.setattr(sandbox, "_expected", {})
    exercise = _exercise()
    assert _check("def double(x):\n    return 2 * x\n").passed
    (entry,) = (tmp_path / "cache" / "exercises").iterdir()
    assert cache.load(entry.stem) is not None
    entry.write_text('[{"event": "check", "index": 0, "ok": true, "value": 5}]')  # no "done": not a whole run
    assert cache.load(entry.stem) is None
    monkeypatch.setattr(sandbox, "_expected", {})
    assert run_checks(exercise, "def double(x):\n    return 2 * x\n").passed  # recomputed, not the damaged 5


def test_check_keeps_a_validation_run_keyed_by_everything_it_depends_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second `check` of unchanged exercises runs no child; changed code, a damaged entry or a timeout
    never reuse a stored run."""
    from tutor.exercises import process, sandbox

    monkeypatch.setenv("MLPREP_CACHE_DIR", str(tmp_path / "cache"))
    children: list[str] = []
    real_execute = process.execute

    def counting_execute(code: str, plan: dict[str, Any], timeout_s: float, child: object = None) -> Execution:
        children.append(code)
        return real_execute(code, plan, timeout_s)

    monkeypatch.setattr(sandbox, "execute", counting_execute)
    plan = sandbox.plan_for(_exercise())
    wrong = "def double(x):\n    print('half')\n    return x / 2\n"
    first = sandbox.validation_run(wrong, plan, 10)
    again = sandbox.validation_run(wrong, plan, 10)
    assert children == [wrong]  # the second came from the disk
    assert (again.events, again.raw_output, again.stop, again.returncode) == (
        first.events,
        first.raw_output,
        first.stop,
        first.returncode,
    )
    assert sandbox.report(_exercise(), again, sandbox.expected_values(_exercise()), 10).results[0].passed is False

    other = wrong.replace("2", "3")
    sandbox.validation_run(other, plan, 10)
    assert children[-1] == other  # other code: its own run
    entry = tmp_path / "cache" / f"{sandbox._run_key('validation', wrong, plan)}.json"
    assert json.loads(entry.read_text())["events"] == first.events
    entry.write_text('{"events": "not a list"}')
    sandbox.validation_run(wrong, plan, 10)
    assert children.count(wrong) == 2  # a damaged entry is run again

    loop = "def double(x):\n    while True:\n        pass\n"
    stopped = sandbox.validation_run(loop, plan, 1)
    assert stopped.stop == "timeout" or stopped.returncode == -signal.SIGXCPU  # the wall clock or the CPU limit
    sandbox.validation_run(loop, plan, 1)
    assert children.count(loop) == 2  # a run stopped for time was not kept
