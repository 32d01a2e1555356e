"""The learner's explain answers and exercise code, read for the workbook from their own modules.

Explain prompts (tutor.learning.explain) and exercises (tutor.exercises) are content of their own; while a
checkout lacks either, the workbook says "no … yet" instead of failing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tutor.render.export.model import NOT_STARTED, ExerciseEntry, ExplainEntry

if TYPE_CHECKING:
    from tutor.learning.store.progress import ProgressStore

NO_PROMPTS = "No explain prompts for this topic yet."
NO_EXERCISES = "No code exercises for this topic yet."


@dataclass
class LearnerWork:
    """Per topic: explain entries and exercise entries; per review card id: what it is, in words."""

    explains: dict[str, list[ExplainEntry]] = field(default_factory=dict)
    exercises: dict[str, list[ExerciseEntry]] = field(default_factory=dict)
    prompts_explained: dict[str, int] = field(default_factory=dict)
    prompts_answered: dict[str, int] = field(default_factory=dict)
    exercises_passed: dict[str, int] = field(default_factory=dict)
    exercises_tried: dict[str, int] = field(default_factory=dict)
    cards: dict[str, tuple[str, str]] = field(default_factory=dict)  # card id -> (topic, label)
    explain_missing: bool = False
    exercise_missing: bool = False


def learner_work(store: ProgressStore, slugs: list[str]) -> LearnerWork:
    """Read both kinds of work for these topics; a kind whose modules are absent is marked missing."""
    work = LearnerWork()
    try:
        _read_explains(store, slugs, work)
    except ImportError:
        work.explain_missing = True
    try:
        _read_exercises(store, slugs, work)
    except ImportError:
        work.exercise_missing = True
    return work


def _read_explains(store: ProgressStore, slugs: list[str], work: LearnerWork) -> None:
    """Each topic's prompts with the learner's answer and latest self-grade."""
    from tutor.learning.explain import prompts_for
    from tutor.learning.store.explain_progress import explain_summary

    summary = explain_summary(store)
    for slug in slugs:
        entries = work.explains.setdefault(slug, [])
        for prompt in prompts_for(slug):
            progress = summary.get(prompt.id)
            answer = progress.answer if progress is not None else ""
            covered = None if progress is None or progress.covered is None else tuple(sorted(set(progress.covered)))
            entries.append(ExplainEntry(prompt.prompt, prompt.model_answer, tuple(prompt.key_points), answer, covered))
            work.cards[f"explain:{prompt.id}"] = (slug, f"Explain: {prompt.prompt}")
        work.prompts_explained[slug] = sum(1 for entry in entries if entry.covered is not None)
        work.prompts_answered[slug] = sum(1 for entry in entries if entry.answer.strip() or entry.covered is not None)


def _read_exercises(store: ProgressStore, slugs: list[str], work: LearnerWork) -> None:
    """Each topic's exercises with the learner's saved code and last check."""
    from tutor.exercises.spec import exercises_for
    from tutor.learning.store.exercise_progress import exercise_summary, load_code

    summary = exercise_summary(store)
    for slug in slugs:
        entries = work.exercises.setdefault(slug, [])
        tried = 0
        for exercise in exercises_for(slug):
            progress = summary.get(exercise.id)
            code = load_code(store, exercise.id)
            status, passed = _check_status(progress)
            tried += int(code is not None or progress is not None)
            entries.append(ExerciseEntry(exercise.title, exercise.task, code, status, passed))
            work.cards[f"exercise:{exercise.id}"] = (slug, f"Exercise: {exercise.title}")
        work.exercises_passed[slug] = sum(1 for entry in entries if entry.passed)
        work.exercises_tried[slug] = tried


def _check_status(progress: Any) -> tuple[str, bool | None]:
    """The last check in words ('passed: 5 of 5 checks', 'failed: 2 of 5 checks passed') and its verdict."""
    if progress is None or not int(progress.attempts):
        return ("not checked yet" if progress is not None else NOT_STARTED), None
    passed = bool(progress.last_passed)
    counts, problem = _details(progress.last_detail_json)
    words = "passed" if passed else "failed"
    if counts is not None and counts[1]:
        words += f": {counts[0]} of {counts[1]} checks passed"
    if problem:
        words += f" ({problem})"
    extras = []
    if progress.hints_used:
        extras.append(f"{int(progress.hints_used)} hint{'s' if int(progress.hints_used) != 1 else ''} used")
    if progress.solution_shown:
        extras.append("solution shown")
    return words + (f" ({', '.join(extras)})" if extras else ""), passed


def _details(detail: object) -> tuple[tuple[int, int] | None, str | None]:
    """(passed, total) checks and the problem line, from the run as the exercise screen stored it."""
    if not isinstance(detail, str):
        return None, None
    try:
        data: Any = json.loads(detail)
    except ValueError:
        return None, None
    problem = data.get("problem") if isinstance(data, dict) else None
    checks = data.get("checks", data.get("results")) if isinstance(data, dict) else data
    if not isinstance(checks, list) or not all(isinstance(item, dict) for item in checks):
        return None, " ".join(problem.split()) if isinstance(problem, str) else None
    counts = (sum(1 for item in checks if item.get("passed") is True), len(checks))
    return counts, " ".join(problem.split()) if isinstance(problem, str) and problem.strip() else None
