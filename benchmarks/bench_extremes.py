"""Worst run time per topic at the allowed extremes of its parameters (target: every run <= 2 s).

For each topic: the defaults (the baseline, measured in the same run), every parameter alone at
each end of its range, every parameter at its last end at once, seeded random mixes of ends and
defaults, and the explicit HEAVY cases below. Each case runs once; the worst is then re-run for a
median. Cases a rule refuses are counted, not timed. Prints a table; asserts nothing (shared, noisy machines).
Usage: python benchmarks/bench_extremes.py [--runs N] [--mixes N] [--only SLUG]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 2.0

# Heavy cases the generated ends miss: a spread of k values is not whole numbers, so a rule refuses it.
_WHOLE_KS = ", ".join(str(k) for k in [1, *range(15, 200, 14), 200][:15])
HEAVY: dict[str, list[tuple[str, dict[str, str]]]] = {
    "validation": [
        ("issue 9: 15 ks to 200, cv 20, n 5000", {"k_values": _WHOLE_KS, "cv": "20", "n_samples": "5000"}),
        (
            "15 ks to 200, cv 20, n 5000, test 0.001",
            {"k_values": _WHOLE_KS, "cv": "20", "n_samples": "5000", "test_size": "0.001", "seed": "4294967295"},
        ),
        ("k 1-15, cv 20, n 5000", {"k_values": ", ".join(map(str, range(1, 16))), "cv": "20", "n_samples": "5000"}),
        ("15 ks to 200, cv 2, n 5000", {"k_values": _WHOLE_KS, "cv": "2", "n_samples": "5000"}),
        ("15 ks to 200, cv 3, n 5000", {"k_values": _WHOLE_KS, "cv": "3", "n_samples": "5000"}),
        ("15 ks to 200, cv 4, n 5000", {"k_values": _WHOLE_KS, "cv": "4", "n_samples": "5000"}),
    ],
}


def _ends(param: object) -> list[str]:
    """The texts that put one parameter at each end of what it accepts."""
    from tutor.engine.params import Param

    assert isinstance(param, Param)
    if param.kind == "choice":
        return list(param.choices)
    if param.kind == "labels":
        return [", ".join(["0", "1"] * (param.max_len // 2) + ["1"] * (param.max_len % 2))]
    low = param.low if param.low is not None else -1e6
    high = param.high if param.high is not None else 1e6
    # An open end is not allowed itself: step just inside it.
    low = low + (high - low) * 1e-3 if param.low_open else low
    high = high - (high - low) * 1e-3 if param.high_open else high
    if param.kind == "int":
        return [str(int(low)), str(int(high))]
    if param.kind == "float":
        return [repr(low), repr(high)]
    count = param.max_len  # floats: the longest list, spread over the range
    spread = [low + (high - low) * i / max(count - 1, 1) for i in range(count)]
    return [repr(low), ", ".join(repr(round(v, 6)) for v in spread)]


def cases(experiment: object, mixes: int) -> list[tuple[str, dict[str, str]]]:
    """(label, texts): each parameter alone at each end, all at their last end, then random mixes."""
    from tutor.engine.experiments import Experiment

    assert isinstance(experiment, Experiment)
    found: list[tuple[str, dict[str, str]]] = []
    heaviest: dict[str, str] = {}
    for param in experiment.params:
        ends = _ends(param)
        heaviest[param.name] = ends[-1]
        for text in ends:
            found.append((f"{param.name}={text[:24]}{'…' if len(text) > 24 else ''}", {param.name: text}))
    found.append(("all at their last end", heaviest))
    found.extend(HEAVY.get(experiment.slug, []))
    rng = random.Random(experiment.slug)
    options = {param.name: [*_ends(param), param.default_text] for param in experiment.params}
    for number in range(mixes):
        texts = {name: rng.choice(choices) for name, choices in options.items()}
        found.append((f"mix {number}: " + ", ".join(f"{k}={v[:12]}" for k, v in texts.items()), texts))
    return found


def seconds(experiment: object, texts: dict[str, str], runs: int) -> float | None:
    """Median seconds of one run at these texts; None when the parameters are refused."""
    from tutor.engine.experiments import Experiment
    from tutor.engine.params import ParamError

    assert isinstance(experiment, Experiment)
    values, errors = experiment.params.parse(texts)
    if errors:
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            experiment.run_values(values)
        except ParamError:
            return None
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Measure every topic and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs of the worst case (its median is reported)")
    parser.add_argument("--mixes", type=int, default=40, help="random mixes of ends per topic")
    parser.add_argument("--only", metavar="SLUG", help="measure this topic only")
    options = parser.parse_args()
    runs = options.runs

    import sklearn  # noqa: F401  warm, as the app's run process is

    from tutor.engine.experiments import all_experiments
    from tutor.support.threads import limit_threads

    limit_threads()
    print(f"Worst run time at allowed extremes (worst case re-run: median of {runs}; target <= {TARGET_S:g} s)\n")
    print("| # | topic | defaults s | worst s | worst case | cases timed / refused | ok |")
    print("|---|---|---|---|---|---|---|")
    for experiment in all_experiments():
        if options.only and experiment.slug != options.only:
            continue
        experiment.run()  # warm: the first run loads the topic's scikit-learn modules
        baseline = seconds(experiment, {}, runs) or 0.0
        found = cases(experiment, options.mixes)
        timed = [(label, texts, seconds(experiment, texts, 1)) for label, texts in found]
        measured = [(s, label, texts) for label, texts, s in timed if s is not None]
        worst, label, texts = max(measured, key=lambda m: m[0]) if measured else (0.0, "-", {})
        worst = seconds(experiment, texts, runs) or worst if measured else 0.0
        refused = sum(1 for _, _, s in timed if s is None)
        ok = "yes" if worst <= TARGET_S else "NO"
        print(
            f"| {experiment.number} | {experiment.slug} | {baseline:.3f} | {worst:.3f} | {label} "
            f"| {len(measured)} / {refused} | {ok} |"
        )


if __name__ == "__main__":
    main()
