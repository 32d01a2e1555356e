"""Engine benchmark: warm run time per experiment, and the cold `run sigmoid --json` against importing numpy.

Prints a table; asserts nothing (these machines are shared and noisy, so targets are read, not tested).
Targets: every experiment but validation <= 30 ms warm, validation <= 400 ms; cold sigmoid <= 3x numpy.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WARM_RUNS = 15
COLD_RUNS = 7


def median_ms(fn, runs: int) -> float:
    """Median wall time of fn() in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold(argv: list[str]) -> float:
    """Median wall time of a fresh process, in milliseconds (one discarded warm-up for disk caches)."""
    subprocess.run(argv, capture_output=True, cwd=ROOT, check=True)
    return median_ms(lambda: subprocess.run(argv, capture_output=True, cwd=ROOT, check=True), COLD_RUNS)


def main() -> None:
    """Measure and print both tables."""
    import sklearn  # noqa: F401  warm: the UI imports it in the background after the first paint

    from tutor.engine.experiments import all_experiments

    print(f"Warm run time per experiment (median of {WARM_RUNS}, after one warm-up run)\n")
    print("| # | topic | median ms | target ms | ok |\n|---|---|---|---|---|")
    for experiment in all_experiments():
        experiment.run()
        ms = median_ms(experiment.run, WARM_RUNS)
        target = 400 if experiment.slug == "validation" else 30
        print(f"| {experiment.number} | {experiment.slug} | {ms:.1f} | {target} | {'yes' if ms <= target else 'NO'} |")

    script = shutil.which("mlprep-tui", path=str(Path(sys.executable).parent)) or ""
    sigmoid_cmd = (
        [script, "run", "sigmoid", "--json"] if script else [sys.executable, "-m", "tutor", "run", "sigmoid", "--json"]
    )
    baseline = cold([sys.executable, "-c", "import numpy"])
    sigmoid = cold(sigmoid_cmd)
    print(f"\nCold start (median of {COLD_RUNS} fresh processes)\n")
    print("| command | median ms | ratio to baseline | target |\n|---|---|---|---|")
    print(f"| python -c 'import numpy' (baseline) | {baseline:.0f} | 1.00 | |")
    print(f"| mlprep-tui run sigmoid --json | {sigmoid:.0f} | {sigmoid / baseline:.2f} | <= 3x |")


if __name__ == "__main__":
    main()
