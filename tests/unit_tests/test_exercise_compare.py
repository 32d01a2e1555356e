"""Your code next to the library's: compare_series on the named exercises (data only; the screen draws it)."""

from __future__ import annotations

import pytest

from tutor.exercises.compare import compare_series
from tutor.exercises.spec import get_exercise
from tutor.render.plots import render


@pytest.mark.parametrize("exercise_id", ["sigmoid-threshold", "bce-l2", "gradient-descent-line", "precision-recall-f1"])
def test_the_reference_solution_matches_the_library_side(exercise_id: str) -> None:
    exercise = get_exercise(exercise_id)
    comparison = compare_series(exercise, exercise.solution)
    assert comparison is not None and comparison.matches, comparison
    assert render(comparison.plot, 80, 18).strip()  # the engine's plot spec draws like any result


def test_a_wrong_sigmoid_is_drawn_beside_the_reference_and_said_to_differ() -> None:
    exercise = get_exercise("sigmoid-threshold")
    wrong = next(m for m in exercise.mistakes if m.name == "sign of the exponent")
    comparison = compare_series(exercise, wrong.code)
    assert comparison is not None and not comparison.matches
    reference, yours = comparison.plot.series
    assert (reference.label, yours.label) == ("reference", "yours")
    assert reference.x == yours.x and len(yours.x) == 61
    assert yours.y == pytest.approx([1 - y for y in reference.y])  # σ(−z) = 1 − σ(z)
    assert comparison.note == "matches the reference at 1 of 61 points"  # only z = 0 agrees


def test_gradient_descent_is_compared_with_the_experiments_own_loss_curve() -> None:
    from tutor.engine.experiments.gradient_descent import descend, make_data

    exercise = get_exercise("gradient-descent-line")
    comparison = compare_series(exercise, exercise.solution)
    assert comparison is not None
    experiment, yours = comparison.plot.series
    x, y = make_data(0.05, 1)
    history = descend(x, y, 0.5, 61)[2]
    assert experiment.y == tuple(history[int(s)] for s in experiment.x)
    assert yours.y == pytest.approx(experiment.y, rel=1e-9)
    wrong = next(m for m in exercise.mistakes if m.name.startswith("missing factor 2"))
    slow = compare_series(exercise, wrong.code)
    assert slow is not None and not slow.matches


def test_metrics_are_compared_with_scikit_learns_numbers() -> None:
    from sklearn.metrics import f1_score, precision_score, recall_score

    exercise = get_exercise("precision-recall-f1")
    swapped = next(m for m in exercise.mistakes if m.name == "precision and recall swapped")
    comparison = compare_series(exercise, swapped.code)
    assert comparison is not None and not comparison.matches
    y_true, y_pred = [1, 0, 1, 1, 0, 1], [1, 0, 0, 1, 0, 1]  # the metrics topic's defaults (the seed's)
    library = (precision_score(y_true, y_pred), recall_score(y_true, y_pred), f1_score(y_true, y_pred))
    assert comparison.plot.values[1::2] == pytest.approx(library)
    assert comparison.plot.values[0::2] == pytest.approx((library[1], library[0], library[2]))


def test_code_that_crashes_still_gets_the_reference_drawn_and_a_reason() -> None:
    exercise = get_exercise("sigmoid-threshold")
    comparison = compare_series(exercise, "def sigmoid(z):\n    return 1 / z\n")
    assert comparison is not None and not comparison.matches
    assert [s.label for s in comparison.plot.series] == ["reference", "yours"]  # z = 0 raised, the rest drew
    assert "ZeroDivisionError" in comparison.note


def test_an_exercise_without_a_compare_block_gives_none() -> None:
    exercise = get_exercise("knn-regressor")
    assert compare_series(exercise, exercise.solution) is None
