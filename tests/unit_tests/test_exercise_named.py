"""The five named exercises: exact ids and signatures, the reference passes, the starter fails, every classic
mistake is rejected by the check that names it, and the reference agrees with an independent computation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from tutor.exercises.model import Check, Exercise
from tutor.exercises.sandbox import expected_values, run_calls
from tutor.exercises.spec import get_exercise

NAMED = {
    "sigmoid-threshold": ("sigmoid", ("sigmoid", "predict")),
    "bce-l2": ("cross-entropy", ("binary_cross_entropy", "l2_penalty")),
    "precision-recall-f1": ("metrics", ("precision_recall_f1",)),
    "knn-regressor": ("parametric", ("knn_predict",)),
    "gradient-descent-line": ("gradient-descent", ("fit_line",)),
}


def _reference(exercise: Exercise) -> list[tuple[Check, Any]]:
    """Each check with the value the reference solution returned for it (run in the sandbox)."""
    events = {e["index"]: e for e in expected_values(exercise).events if e.get("event") == "check"}
    assert all(events[i]["ok"] for i in range(len(exercise.checks)))
    return [(check, events[i]["value"]) for i, check in enumerate(exercise.checks)]


@pytest.mark.parametrize("exercise_id", NAMED)
def test_ids_topics_and_functions_are_exactly_as_asked(exercise_id: str) -> None:
    exercise = get_exercise(exercise_id)
    assert (exercise.topic, exercise.functions) == NAMED[exercise_id]
    assert len(exercise.hints) >= 2 and exercise.asked_as.startswith("asked in interviews as:")
    assert "sklearn" in exercise.forbidden_imports and "TODO" in exercise.starter


def test_the_classic_mistakes_the_issue_names_are_all_there() -> None:
    names = " | ".join(m.name for eid in NAMED for m in get_exercise(eid).mistakes).lower()
    for phrase in (
        "sign of the exponent",
        "sum where a mean belongs",
        "no clipping",
        "precision and recall swapped",
        "division by zero",
        "k off by one",
        "missing factor",
        "wrong sign in the update",
        "works only on numpy arrays",
        "works only on lists",
        "> instead of >=",
        "ties broken by the target",
    ):
        assert phrase in names, phrase


def test_sigmoid_threshold_agrees_with_numpy() -> None:
    for check, value in _reference(get_exercise("sigmoid-threshold")):
        if check.call == "sigmoid":
            assert value == pytest.approx(float(1 / (1 + np.exp(-np.float64(check.args[0])))), rel=1e-12)
        else:
            threshold = check.kwargs.get("threshold", 0.5)
            assert value == (np.asarray(check.args[0]) >= threshold).astype(int).tolist()


def test_bce_l2_agrees_with_sklearn_log_loss_and_numpy() -> None:
    from sklearn.metrics import log_loss

    for check, value in _reference(get_exercise("bce-l2")):
        if check.call == "l2_penalty":
            weights, lam = check.args
            assert value == pytest.approx(lam * float(np.sum(np.square(weights))), rel=1e-12)
            continue
        y, p = (np.asarray(a, dtype=float) for a in check.args)
        clipped = np.clip(p, 1e-12, 1 - 1e-12)
        assert value == pytest.approx(float(np.mean(-(y * np.log(clipped) + (1 - y) * np.log(1 - clipped)))))
        if np.all((p > 1e-6) & (p < 1 - 1e-6)):  # scikit-learn clips at float eps, not 1e-12: compare inside
            assert value == pytest.approx(log_loss(y, p, labels=[0, 1]), rel=1e-12)


def test_precision_recall_f1_agrees_with_sklearn() -> None:
    from sklearn.metrics import precision_recall_fscore_support

    for check, value in _reference(get_exercise("precision-recall-f1")):
        precision, recall, f1, _ = precision_recall_fscore_support(
            check.args[0], check.args[1], average="binary", zero_division=0
        )
        assert value == pytest.approx([precision, recall, f1], rel=1e-12)


def test_knn_regressor_agrees_with_sklearn_and_a_stable_numpy_sort() -> None:
    from sklearn.neighbors import KNeighborsRegressor

    for check, value in _reference(get_exercise("knn-regressor")):
        X, y, queries, k = (
            np.asarray(check.args[0]),
            np.asarray(check.args[1]),
            np.asarray(check.args[2]),
            check.args[3],
        )
        stable = [float(np.mean(y[np.argsort(np.linalg.norm(X - q, axis=1), kind="stable")[:k]])) for q in queries]
        assert value == pytest.approx(stable, rel=1e-12)
        if check.name != "ties broken by training order":  # scikit-learn does not promise an order for ties
            model = KNeighborsRegressor(n_neighbors=k, algorithm="brute").fit(X, y)
            assert value == pytest.approx(model.predict(queries).tolist(), rel=1e-12)


def test_gradient_descent_line_agrees_with_the_experiments_own_loop() -> None:
    from tutor.engine.experiments.gradient_descent import descend, make_data

    for check, value in _reference(get_exercise("gradient-descent-line")):
        x, y, lr, steps = check.args
        w, b, *_ = descend(np.asarray(x, dtype=float), np.asarray(y, dtype=float), lr, steps)
        assert value == pytest.approx([w, b], rel=1e-9)
    # ... and on the topic's own 200 points at the workbook's lr 0.5 and 200 steps.
    x, y = make_data(0.05, 1)
    exercise = get_exercise("gradient-descent-line")
    call = {
        "name": "seed",
        "call": "fit_line",
        "args": [x.tolist(), y.tolist(), 0.5, 200],
        "kwargs": {},
        "as_numpy": False,
    }
    run = run_calls(exercise.solution, {"functions": ["fit_line"], "forbidden": ["sklearn"], "calls": [call]})
    (event,) = [e for e in run.events if e.get("event") == "check"]
    w, b, *_ = descend(x, y, 0.5, 200)
    assert event["value"] == pytest.approx([w, b], rel=1e-9)
    assert math.isclose(w, 2.0, abs_tol=0.1) and math.isclose(b, -0.5, abs_tol=0.1)
