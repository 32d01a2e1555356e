"""Topic 4 (classification vs regression metrics): seed numbers, hand counts, zero division, rules, snippet."""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments.metrics import EXPERIMENT, REG_PRED, REG_TRUE
from tutor.engine.params import ParamError

ROOT = Path(__file__).resolve().parents[2]
NO_PREDICTED_POSITIVES = "precision is undefined (no predicted positives); shown as 0"


def by_hand(y_true: list[int], y_pred: list[int]) -> dict[str, float]:
    """Counts and scores from their definitions, with 0 where a ratio is 0/0."""
    pairs = list(zip(y_true, y_pred, strict=True))
    tp, tn = pairs.count((1, 1)), pairs.count((0, 0))
    fp, fn = pairs.count((0, 1)), pairs.count((1, 0))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
    return {
        "tn": tn,
        "fp": fp,
        "fn": fn,
        "tp": tp,
        "accuracy": (tp + tn) / len(pairs),
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def assert_classification_matches(result, y_true: list[int], y_pred: list[int]) -> None:
    """Every classification metric equals the hand computation."""
    for key, value in by_hand(y_true, y_pred).items():
        assert result.metric(key).value == pytest.approx(value, rel=1e-12), key


def test_contract_names_and_defaults() -> None:
    assert (EXPERIMENT.slug, EXPERIMENT.number, EXPERIMENT.needs_sklearn) == ("metrics", 4, True)
    assert EXPERIMENT.params.defaults() == {"y_true": (1, 0, 1, 1, 0, 1), "y_pred": (1, 0, 0, 1, 0, 1)}


def test_defaults_confusion_matrix_plot_is_the_seeds() -> None:
    # The seed's scores and counts are checked in test_experiments_common.py.
    # The seed prints [[2 0] [1 3]]: rows are true 0/1, columns predicted 0/1.
    assert EXPERIMENT.run().plots[0].matrix == ((2, 0), (1, 3))


def test_regression_example_by_hand() -> None:
    result = EXPERIMENT.run()
    errors = [t - p for t, p in zip(REG_TRUE, REG_PRED, strict=True)]
    mse = sum(e * e for e in errors) / len(errors)
    mean = sum(REG_TRUE) / len(REG_TRUE)
    r2 = 1 - sum(e * e for e in errors) / sum((t - mean) ** 2 for t in REG_TRUE)
    assert result.metric("reg_mse").value == pytest.approx(mse)
    assert result.metric("reg_rmse").value == pytest.approx(math.sqrt(mse))
    assert result.metric("reg_mae").value == pytest.approx(sum(abs(e) for e in errors) / len(errors))
    assert result.metric("reg_r2").value == pytest.approx(r2)
    assert "R²" in result.takeaway and "regression" in result.takeaway
    assert any("meaningless" in note for note in result.notes)


def test_mixed_mistakes_by_hand() -> None:
    y_true, y_pred = [1, 0, 0, 1, 1, 0, 1, 0], [1, 1, 0, 0, 1, 1, 1, 0]
    result = EXPERIMENT.run({"y_true": tuple(y_true), "y_pred": tuple(y_pred)})
    assert_classification_matches(result, y_true, y_pred)
    assert "2 false positives and 1 false negative" in result.takeaway


def test_long_random_lists_by_hand() -> None:
    rng = random.Random(7)
    y_true = [rng.randint(0, 1) for _ in range(200)]
    y_pred = [t if rng.random() < 0.8 else 1 - t for t in y_true]
    result = EXPERIMENT.run({"y_true": tuple(y_true), "y_pred": tuple(y_pred)})
    assert_classification_matches(result, y_true, y_pred)
    assert sum(result.metric(k).value for k in ("tn", "fp", "fn", "tp")) == 200


@pytest.mark.parametrize(
    ("y_true", "y_pred", "notes"),
    [
        ((1, 1, 0), (0, 0, 0), [NO_PREDICTED_POSITIVES]),
        ((0, 0, 0), (0, 0, 0), [NO_PREDICTED_POSITIVES, "recall is undefined", "F1 is undefined"]),
        ((0, 0), (1, 0), ["recall is undefined"]),
        ((1,), (0,), [NO_PREDICTED_POSITIVES]),
        ((1,), (1,), []),
    ],
)
def test_zero_division_and_missing_classes_are_defined(y_true, y_pred, notes) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = EXPERIMENT.run({"y_true": y_true, "y_pred": y_pred})
    assert_classification_matches(result, list(y_true), list(y_pred))
    assert all(math.isfinite(m.value) for m in result.metrics)
    for fragment in notes:
        assert any(note.startswith(fragment) for note in result.notes), fragment
    undefined = [n for n in result.notes if "undefined" in n]
    assert len(undefined) == len(notes)
    cmatrix = result.plots[0]
    assert cmatrix.kind == "cmatrix" and cmatrix.categories == ("0", "1")
    assert len(cmatrix.matrix) == 2 and all(len(row) == 2 for row in cmatrix.matrix)
    back = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert back["metrics"] == {m.key: m.value for m in result.metrics}


def test_all_negative_takeaway_says_undefined_not_perfect() -> None:
    result = EXPERIMENT.run({"y_true": (0, 0, 0), "y_pred": (0, 0, 0)})
    assert result.metric("accuracy").value == 1.0
    assert "undefined" in result.takeaway


def test_plots_and_table() -> None:
    result = EXPERIMENT.run()
    bar = result.plots[1]
    assert bar.kind == "bar" and bar.categories == ("accuracy", "precision", "recall", "F1")
    assert bar.values == tuple(result.metric(k).value for k in ("accuracy", "precision", "recall", "f1"))
    split = next(t for t in result.tables if t.title == "Classification vs regression metrics")
    tasks = {row[0]: row[1] for row in split.rows}
    assert tasks["R²"] == "regression" and tasks["F1"] == "classification"


@pytest.mark.parametrize(
    ("texts", "name", "fragment"),
    [
        ({"y_pred": "1 0 1"}, "y_pred", "has 3 values but y_true has 6"),
        ({"y_true": "1 0 1 1 0 1 1"}, "y_pred", "same length"),
        ({"y_true": "1 0 2 1 0 1"}, "y_true", "item 3 '2' is not a label"),
        ({"y_pred": ""}, "y_pred", "is empty"),
        ({"y_true": " ".join(["1"] * 201)}, "y_true", "has 201 values"),
    ],
)
def test_bad_parameters_name_the_field(texts: dict[str, str], name: str, fragment: str) -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts(texts)
    assert caught.value.name == name
    assert fragment in str(caught.value)


def test_snippet_reproduces_zero_division_case() -> None:
    assert_snippet_reproduces(EXPERIMENT.run({"y_true": (1, 0, 1, 0), "y_pred": (0, 0, 0, 0)}))


def test_module_import_leaves_sklearn_out() -> None:
    code = (
        "import sys; import tutor.engine.experiments.metrics; "
        "assert 'sklearn' not in sys.modules, 'sklearn imported at module level'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
