"""What the exercise screen shows as text: the task, the hints, the solution and a run's results.

Everything the learner or the sandbox wrote (code, printed output, errors, values) goes into rich
Text as plain strings, never through markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:  # the spec and result types load with the screen
    from tutor.exercises.results import CheckResult, RunReport
    from tutor.exercises.spec import Exercise
    from tutor.learning.store.exercise_progress import ExerciseProgress

# The content may already open with the label the screen puts before it.
_ASKED = re.compile(r"^asked in interviews as:\s*", re.IGNORECASE)
# Printed output and values longer than this many lines are cut (the pane is small; the CLI shows all).
MAX_LINES = 8


def _cut(text: str, lines: int = MAX_LINES) -> str:
    parts = text.rstrip("\n").splitlines()
    if len(parts) <= lines:
        return "\n".join(parts)
    return "\n".join([*parts[:lines], f"… ({len(parts) - lines} more lines)"])


def _indented(label: str, body: str, style: str = "") -> Text:
    """`label` then `body`, its later lines indented under the first."""
    lines = _cut(body).splitlines() or [""]
    text = Text()
    text.append(f"   {label}", style="dim")
    text.append(lines[0], style=style)
    pad = " " * (3 + len(label))
    for line in lines[1:]:
        text.append("\n" + pad)
        text.append(line, style=style)
    return text


def progress_line(progress: ExerciseProgress | None) -> str:
    """One line: how the learner's runs have gone so far."""
    if progress is None or (progress.attempts == 0 and not progress.solution_shown and not progress.hints_used):
        return "Not tried yet."
    parts = [f"{progress.attempts} run{'s' if progress.attempts != 1 else ''}"]
    if progress.passed_ever:
        parts.append("passed" + ("" if progress.last_passed else " before, failing now"))
    elif progress.attempts:
        parts.append("not passed yet")
    if progress.hints_used:
        parts.append(f"{progress.hints_used} hint{'s' if progress.hints_used != 1 else ''}")
    if progress.solution_shown:
        parts.append("solution seen")
    return " · ".join(parts)


def task_text(exercise: Exercise, progress: ExerciseProgress | None) -> Text:
    """Title, the task in words, how interviews ask it, the learner's progress."""
    text = Text()
    text.append(exercise.title, style="bold")
    text.append("\n\n")
    text.append(exercise.task.strip("\n"))
    asked = _ASKED.sub("", exercise.asked_as.strip())
    if asked:
        text.append("\n\nAsked in interviews as: ", style="bold")
        text.append(asked, style="italic")
    text.append("\n\n")
    text.append(progress_line(progress), style="dim")
    return text


def hints_text(hints: Sequence[str], shown: int) -> Text:
    """The hints revealed so far, numbered, and how many are left."""
    text = Text()
    for number, hint in enumerate(hints[:shown], start=1):
        if number > 1:
            text.append("\n")
        text.append(f"Hint {number} of {len(hints)}: ", style="bold")
        text.append(hint.strip())
    return text


def solution_text(solution: str) -> Text:
    """The reference solution, literally."""
    text = Text()
    text.append("Reference solution (seen: reset with r and write it yourself to count a pass)\n", style="bold")
    text.append(solution.strip("\n"))
    return text


def check_text(result: CheckResult) -> Text:
    """One check: ✓/✗ and its call, then (when it failed) expected vs got, the error, the feedback, and
    whatever the code printed during it."""
    mark, style = ("✓", "green") if result.passed else ("✗", "red")
    text = Text()
    text.append(f"{mark} ", style=f"bold {style}")
    text.append(result.call_text)
    if result.passed:
        text.append(" → ", style="dim")
        text.append(_cut(result.got, 1))
    else:
        text.append("\n")
        text.append_text(_indented("expected ", result.expected))
        if result.error:
            text.append("\n")
            text.append_text(_indented("error    ", result.error, style="red"))
        else:
            text.append("\n")
            text.append_text(_indented("got      ", result.got, style="red"))
        if result.feedback:
            text.append("\n")
            text.append_text(_indented("why      ", result.feedback, style="yellow"))
    if result.output:
        text.append("\n")
        text.append_text(_indented("printed  ", result.output))
    return text


def report_text(report: RunReport) -> Text:
    """A run: the headline (passed, or how many failed), the problem that stopped it, then each check.

    No timing: the same code shows the same results (the benchmark measures how long a run takes)."""
    total = len(report.results)
    if not total:
        head = Text("No check ran", style="bold red")
    elif report.passed:
        head = Text(f"All {total} checks passed", style="bold green")
    else:
        failed = total - report.passed_count
        head = Text(
            f"{report.passed_count} of {total} checks passed, {failed} failed",
            style="bold red",
        )
    parts = [head]
    if report.problem:
        problem = Text()
        problem.append("⚠ ", style="bold yellow")
        problem.append(report.problem)
        parts.append(problem)
    if report.output:
        parts.append(_indented("printed  ", report.output))
    # Failures first: at 80x24 the first few lines are what the learner sees without scrolling.
    ordered = sorted(report.results, key=lambda result: result.passed)
    parts += [check_text(result) for result in ordered]
    return Text("\n").join(parts)
