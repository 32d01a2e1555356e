"""Every exercise in the sandbox, as a learner's run sees it: the reference passes, the starter fails, and each
classic mistake fails the check that names it, with that check's feedback.

(`check` proves the same for its report; these say which exercise and which mistake when one breaks.)
"""

from __future__ import annotations

import pytest

from tutor.exercises.sandbox import run_checks
from tutor.exercises.spec import all_exercises, get_exercise

EXERCISES = [exercise.id for exercise in all_exercises()]
MISTAKES = [(exercise.id, index) for exercise in all_exercises() for index in range(len(exercise.mistakes))]


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_reference_passes_and_the_starter_fails(exercise_id: str) -> None:
    exercise = get_exercise(exercise_id)
    assert run_checks(exercise, exercise.solution).passed
    starter = run_checks(exercise, exercise.starter)
    assert starter.problem is None and not starter.passed


@pytest.mark.parametrize(("exercise_id", "index"), MISTAKES)
def test_each_classic_mistake_fails_the_check_that_names_it(exercise_id: str, index: int) -> None:
    exercise = get_exercise(exercise_id)
    mistake = exercise.mistakes[index]
    report = run_checks(exercise, mistake.code)
    caught = next(r for r in report.results if r.name == mistake.caught_by)
    assert not caught.passed
    assert caught.feedback == exercise.check(mistake.caught_by).feedback
