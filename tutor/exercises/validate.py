"""Exercise validation for `check`: files load, the reference passes, the starter fails, each mistake is caught."""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tutor.exercises.model import Exercise
from tutor.exercises.process import Execution
from tutor.exercises.sandbox import expected_values, plan_for, report, validation_run
from tutor.exercises.spec import load_exercises

TIMEOUT_S = 30.0  # generous: a busy machine must not turn a slow reference run into a content error


def _finite(value: Any) -> bool:
    """No NaN or infinity anywhere in a reference value (a check against nan proves nothing)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(_finite(item) for item in value)
    return True


def _reference_problems(exercise: Exercise, reference: Execution) -> list[str]:
    """The reference solution must load and answer every check with a finite, comparable value."""
    where = f"{exercise.source}: solution"
    problem = report(exercise, reference, reference, TIMEOUT_S).problem
    if problem is not None:
        return [f"{where}: {problem}"]
    lines = []
    answers = {e.get("index"): e for e in reference.events if e.get("event") == "check"}
    for index, check in enumerate(exercise.checks):
        answer = answers.get(index, {})
        if not answer.get("ok"):
            lines.append(f"{where}: fails check {check.name!r}: {answer.get('error') or 'no answer'}")
        elif not _finite(answer.get("value")):
            lines.append(f"{where}: check {check.name!r} gives a non-finite value; pick inputs with a finite answer")
    return lines


def _exercise_problems(exercise: Exercise, runs: dict[str, Execution], reference: Execution) -> list[str]:
    """The starter must fail a check; each mistake must fail the check named in its caught_by."""
    lines = _reference_problems(exercise, reference)
    if lines:
        return lines  # without a sound reference nothing else can be judged
    starter = report(exercise, runs["starter"], reference, TIMEOUT_S)
    if starter.passed:
        lines.append(f"{exercise.source}: starter: passes every check; it must fail at least one")
    for index, mistake in enumerate(exercise.mistakes):
        result = report(exercise, runs[f"mistake{index}"], reference, TIMEOUT_S)
        caught = next(r for r in result.results if r.name == mistake.caught_by)
        if caught.passed:
            lines.append(
                f"{exercise.source}: mistakes[{index}] ({mistake.name}): passes check {mistake.caught_by!r}, "
                "which must catch it"
            )
    return lines


def validate_exercises(content_dir: Path | str | None = None) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Per topic: exercises, checks and mistakes; and one line per problem (empty when all is well)."""
    exercises, errors = load_exercises(content_dir)
    counts: dict[str, dict[str, int]] = {}
    for exercise in exercises:
        topic = counts.setdefault(exercise.topic, {"exercises": 0, "checks": 0, "mistakes": 0})
        topic["exercises"] += 1
        topic["checks"] += len(exercise.checks)
        topic["mistakes"] += len(exercise.mistakes)
    workers = max(2, min(4, (os.cpu_count() or 2) // 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        references = {e.id: pool.submit(expected_values, e, TIMEOUT_S) for e in exercises}
        runs = {
            e.id: {
                "starter": pool.submit(validation_run, e.starter, plan_for(e), TIMEOUT_S),
                **{
                    f"mistake{i}": pool.submit(validation_run, m.code, plan_for(e), TIMEOUT_S)
                    for i, m in enumerate(e.mistakes)
                },
            }
            for e in exercises
        }
        for exercise in exercises:
            done = {name: future.result() for name, future in runs[exercise.id].items()}
            errors += _exercise_problems(exercise, done, references[exercise.id].result())
    return counts, errors
