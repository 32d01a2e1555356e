"""Workbook export benchmark: a full workbook (eight topics, a learner with progress) against running the eight
experiments it holds, in the same process (warm) and as fresh processes (cold, what `mlprep-tui export` costs).

Prints tables; asserts nothing (these machines are shared and noisy). Target: export <= 2x the eight runs.
Rounds interleave the measurements, so a slow second on the machine costs both sides alike.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WARM_ROUNDS = 7
COLD_ROUNDS = 5
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def learner(home: Path) -> None:
    """Progress in every topic: notes, every question answered (a third wrong), answers, graded prompts, code."""
    from tutor.exercises.spec import all_exercises
    from tutor.learning.content import load_questions
    from tutor.learning.explain import shipped_prompts
    from tutor.learning.store.exercise_progress import record_check, save_code
    from tutor.learning.store.explain_progress import record_grade, save_answer
    from tutor.learning.store.progress import open_store

    earlier = NOW - timedelta(days=2)
    with open_store(home) as store:
        for number, question in enumerate(load_questions()):
            right = number % 3 != 0
            option = question.correct_index if right else (question.correct_index + 1) % len(question.options)
            store.record_attempt(question.id, question.topic, option, right, 5000, when=earlier)
            store.set_note(question.topic, f"Notes on {question.topic}: σ → λ ŷ, and what I keep getting wrong.\n" * 6)
        for number, prompt in enumerate(shipped_prompts()[0]):
            answer = "My answer, in my own words, at some length. " * 12
            save_answer(store, prompt.id, prompt.topic, answer)
            covered = list(range(number % (len(prompt.key_points) + 1)))
            record_grade(store, prompt.id, prompt.topic, covered, len(prompt.key_points), answer, when=earlier)
        for number, exercise in enumerate(all_exercises()):
            save_code(store, exercise.id, exercise.topic, exercise.starter + "\n# my attempt\n" * 5)
            detail = {
                "passed": number % 2 == 0,
                "problem": None,
                "checks": [{"name": c.name, "passed": True} for c in exercise.checks],
            }
            record_check(store, exercise.id, exercise.topic, number % 2 == 0, json.dumps(detail), when=earlier)
        store.set_last("parametric", {"n_neighbors": "3"})


def run_eight() -> None:
    """The eight experiments at the parameters the workbook uses (the defaults; parametric at the learner's)."""
    from tutor.engine.experiments import all_experiments

    for experiment in all_experiments():
        texts = {"n_neighbors": "3"} if experiment.slug == "parametric" else {}
        experiment.run_texts({**experiment.params.default_texts(), **texts})


def timed(fn) -> tuple[float, float]:
    """Wall and CPU time of fn() in milliseconds (CPU of this process and of the children it waited for).

    CPU time is the steadier number on a shared machine: other people's work slows the wall clock, not it."""
    import resource

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    start, start_cpu = time.perf_counter(), cpu()
    fn()
    return (time.perf_counter() - start) * 1000, (cpu() - start_cpu) * 1000


def table(title: str, times: dict[str, list[tuple[float, float]]], base: str) -> None:
    """Medians of wall and CPU time per row, and each row's ratio to the base row."""
    wall0 = statistics.median(w for w, _ in times[base])
    cpu0 = statistics.median(c for _, c in times[base])
    print(f"{title}\n")
    print("| what | wall ms | CPU ms | ratio (wall) | ratio (CPU) | target <= 2 |\n|---|---|---|---|---|---|")
    for name, values in times.items():
        wall, cpu = statistics.median(w for w, _ in values), statistics.median(c for _, c in values)
        verdict = "" if name == base else ("yes" if cpu / cpu0 <= 2 else "NO")
        print(f"| {name} | {wall:.0f} | {cpu:.0f} | {wall / wall0:.2f} | {cpu / cpu0:.2f} | {verdict} |")
    print()


def forget_reused() -> None:
    """Drop what an export keeps for the next one in the process: parsed fonts, font subsets, plot text."""
    from tutor.render.export import markdown, pdf_fast

    pdf_fast._FACES.clear()
    pdf_fast._SUBSETS.clear()
    markdown._PLOT_TEXT.clear()


def warm(home: Path, out: Path) -> None:
    """In one process, after a warm-up of each: the eight runs, the PDF export and the Markdown export.

    As in the app, which exports with the question bank it already holds (the CLI reads it: see cold).
    An export again reuses the fonts parsed, the font subsets made (for the same characters) and the plot
    text drawn (for equal plots) by the one before; the "first" rows forget those first, as a process's
    first export, or one after the learner's text or parameters changed, finds them."""
    from tutor.learning.content import load_questions
    from tutor.learning.store.progress import open_store
    from tutor.render.export import render_workbook, write_workbook

    bank = load_questions()
    with open_store(home) as store:

        def export(fmt: str) -> None:
            write_workbook(out / f"book.{fmt}", render_workbook(store, fmt, now=NOW, bank=bank))

        run_eight(), export("pdf"), export("md")
        times: dict[str, list[tuple[float, float]]] = {
            "the eight experiments": [],
            "export PDF": [],
            "export Markdown": [],
            "export PDF, first (nothing reused)": [],
            "export Markdown, first (nothing reused)": [],
        }
        for _ in range(WARM_ROUNDS):
            times["the eight experiments"].append(timed(run_eight))
            times["export PDF"].append(timed(lambda: export("pdf")))
            times["export Markdown"].append(timed(lambda: export("md")))
            forget_reused()  # (the PDF forgets nothing the Markdown keeps, nor the Markdown the PDF's)
            times["export PDF, first (nothing reused)"].append(timed(lambda: export("pdf")))
            times["export Markdown, first (nothing reused)"].append(timed(lambda: export("md")))
    pages = (out / "book.pdf").read_bytes().count(b"/Type /Page\n")
    title = (
        f"Warm, one process (median of {WARM_ROUNDS} interleaved rounds; exports include their runs; {pages} PDF pages)"
    )
    table(title, times, "the eight experiments")


def cold(home: Path, out: Path) -> None:
    """Fresh processes: `mlprep-tui export` (PDF, Markdown) against a process that runs the eight experiments."""
    import os

    env = {**os.environ, "MLPREP_HOME": str(home)}
    bench = Path(__file__).resolve()
    commands = {
        "the eight experiments": [sys.executable, str(bench), "--run-eight"],
        "mlprep-tui export (PDF)": [sys.executable, "-m", "tutor", "export", "--out", str(out / "cold.pdf")],
        "mlprep-tui export --format md": [
            sys.executable,
            "-m",
            "tutor",
            "export",
            "--format",
            "md",
            "--out",
            str(out / "cold.md"),
        ],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for argv in commands.values():  # warm the disk caches
        subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=True)
    for _ in range(COLD_ROUNDS):
        for name, argv in commands.items():
            run = lambda argv=argv: subprocess.run(argv, capture_output=True, cwd=ROOT, env=env, check=True)  # noqa: E731
            times[name].append(timed(run))
    table(f"Cold, fresh processes (median of {COLD_ROUNDS} interleaved rounds)", times, "the eight experiments")


def main() -> None:
    """Make the learner, then print both tables."""
    from tutor.support.threads import limit_threads

    limit_threads()  # as the CLI does before numpy loads
    with tempfile.TemporaryDirectory(prefix="bench-export-") as folder:
        home, out = Path(folder) / "home", Path(folder)
        learner(home)
        warm(home, out)
        cold(home, out)


if __name__ == "__main__":
    if sys.argv[1:] == ["--run-eight"]:
        from tutor.support.threads import limit_threads

        limit_threads()  # as the CLI does before numpy loads
        run_eight()
    else:
        main()
