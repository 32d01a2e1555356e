"""Every number the validation recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = " ".join(load_recap("validation").split())  # quoted phrases may wrap across lines


def _metrics(**changes: str) -> dict[str, float]:
    """The metrics of a run at the defaults plus `changes` (texts as a learner types them)."""
    experiment = get("validation")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return {metric.key: float(metric.value) for metric in experiment.run_checked(values).metrics}


@pytest.mark.parametrize(
    ("changes", "expected", "phrase"),
    [
        ({}, {"protocol_best_k": 5, "protocol_cv_accuracy": 0.9, "test_accuracy": 0.84}, "gives 0.84"),
        ({}, {"best_k": 3, "best_cv_accuracy": 0.895}, "picks k = 3 (0.895)"),
        (
            {"test_size": "0.5"},
            {"protocol_best_k": 3, "protocol_cv_accuracy": 0.89, "test_accuracy": 0.865},
            "picks k = 3 (CV 0.89); the 200 test samples give 0.865",
        ),
        (
            {"seed": "3"},
            {"protocol_best_k": 5, "protocol_cv_accuracy": 0.86, "test_accuracy": 0.87},
            "CV 0.86 and the test split gives 0.87",
        ),
        (
            {"k_values": "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"},
            {"protocol_best_k": 5, "protocol_cv_accuracy": 0.9},
            "still picks k = 5 (0.9)",
        ),
    ],
)
def test_each_quoted_number_is_the_runs(changes: dict[str, str], expected: dict[str, float], phrase: str) -> None:
    assert phrase in RECAP, f"the recap no longer says {phrase!r}"
    metrics = _metrics(**changes)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=5e-4), (key, metrics[key])


def test_even_k_2_has_the_lowest_cv_on_the_train_split() -> None:
    experiment = get("validation")
    values, _ = experiment.params.parse(
        {**experiment.params.default_texts(), "k_values": "1, 2, 3, 4, 5, 6, 7, 8, 9, 10"}
    )
    [table] = [t for t in experiment.run_checked(values).tables if "CV, train split" in t.columns]
    scores = {int(row[0]): float(row[1]) for row in table.rows}
    assert min(scores, key=lambda k: scores[k]) == 2 and scores[2] == pytest.approx(0.8667, abs=5e-5)
    assert "k = 2 has the lowest CV (0.8667)" in RECAP
