"""Exercise benchmark: check latency per named exercise, median of interleaved rounds, against
`python -I -c "import numpy"` measured in the same rounds.

Two latencies per exercise: `run_checks` in a warm process (what the screen calls from its worker; the
reference values are cached after the first run, as in the app) and the whole CLI
(`mlprep-tui exercise check ID FILE`, a fresh process each time). Target: at most 2x the NumPy start for
the NumPy exercises. Prints a table; asserts nothing (shared machines drift from one second to the next).
Rounds: MLPREP_BENCH_ROUNDS (default 7).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tutor.exercises.model import Exercise  # noqa: E402
from tutor.exercises.sandbox import prewarm, run_checks  # noqa: E402
from tutor.exercises.spec import get_exercise  # noqa: E402

NAMED = ("sigmoid-threshold", "bce-l2", "precision-recall-f1", "knn-regressor", "gradient-descent-line")
ROUNDS = int(os.environ.get("MLPREP_BENCH_ROUNDS", "7"))


def time_run_checks(exercise: Exercise, code: str) -> float:
    """Seconds for one run_checks call (the screen's keypress-to-results minus drawing): time this."""
    started = time.perf_counter()
    report = run_checks(exercise, code)
    elapsed = time.perf_counter() - started
    if not report.passed:
        raise SystemExit(f"{exercise.id}: the reference did not pass: {report.problem}")
    return elapsed


def _time_process(argv: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one subprocess, output discarded."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    """Interleaved rounds: numpy start, then per exercise run_checks and the CLI check; print medians."""
    home = tempfile.mkdtemp(prefix="mlprep-bench-exercises-")
    env = {**os.environ, "MLPREP_HOME": home}
    files = {}
    for exercise_id in NAMED:
        path = Path(home) / f"{exercise_id}.py"
        path.write_text(get_exercise(exercise_id).solution, encoding="utf-8")
        files[exercise_id] = str(path)
    cli = [sys.executable, "-m", "tutor", "exercise", "check"]
    numpy: list[float] = []
    first = {eid: time_run_checks(get_exercise(eid), get_exercise(eid).solution) for eid in NAMED}  # cold, once
    warm: dict[str, list[float]] = {eid: [] for eid in NAMED}
    spare: dict[str, list[float]] = {eid: [] for eid in NAMED}
    whole: dict[str, list[float]] = {eid: [] for eid in NAMED}
    for _ in range(ROUNDS):
        numpy.append(_time_process([sys.executable, "-I", "-c", "import numpy"], env))
        for exercise_id in NAMED:
            exercise = get_exercise(exercise_id)
            warm[exercise_id].append(time_run_checks(exercise, exercise.solution))
            prewarm(stay_warm=False)
            time.sleep(1.0)  # the screen starts its spare when it opens, long before the first keypress
            spare[exercise_id].append(time_run_checks(exercise, exercise.solution))
            whole[exercise_id].append(_time_process([*cli, exercise_id, files[exercise_id]], env))
    base = statistics.median(numpy)
    print(f"python -I -c 'import numpy': median {base * 1000:.0f} ms over {ROUNDS} rounds (interleaved)\n")
    header = (
        f"{'exercise':<24}{'first run':>11}{'run_checks':>12}{'ratio':>7}{'prewarmed':>11}{'ratio':>7}"
        f"{'CLI check':>11}{'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    for exercise_id in NAMED:
        checks, command = statistics.median(warm[exercise_id]), statistics.median(whole[exercise_id])
        ready = statistics.median(spare[exercise_id])
        print(
            f"{exercise_id:<24}{first[exercise_id] * 1000:>9.0f}ms{checks * 1000:>10.0f}ms{checks / base:>6.2f}x"
            f"{ready * 1000:>9.0f}ms{ready / base:>6.2f}x{command * 1000:>9.0f}ms{command / base:>6.2f}x"
        )
    print("\nfirst run: run_checks before the reference values are cached (reference and yours run side by side).")
    print("run_checks: reference cached, a new child per run. prewarmed: a spare child (NumPy imported) was ready,")
    print("as on the exercise screen after prewarm(). CLI check: a fresh process (it starts its child first thing).")
    print("Target: run_checks and the CLI check at most 2x the NumPy start for the NumPy exercises (all five).")


if __name__ == "__main__":
    main()
