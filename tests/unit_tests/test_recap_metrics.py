"""Every number the metrics recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = " ".join(load_recap("metrics").split())  # quoted phrases may wrap across lines


def _metrics(**changes: str) -> dict[str, float]:
    """The metrics of a run at the defaults plus `changes` (texts as a learner types them)."""
    experiment = get("metrics")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return {metric.key: float(metric.value) for metric in experiment.run_checked(values).metrics}


@pytest.mark.parametrize(
    ("changes", "expected", "phrase"),
    [
        ({"y_pred": "1,0,1,1,1,1"}, {"recall": 1.0, "precision": 0.8, "f1": 0.889}, "precision 0.8 (F1 0.889)"),
        (
            {"y_true": "0,0,0,0,0,1", "y_pred": "0,0,0,0,0,0"},
            {"accuracy": 0.833, "recall": 0.0, "precision": 0.0},
            "is 0.833 although the one positive is missed: recall 0.0",
        ),
        ({"y_pred": "0,1,0,1,0,1"}, {"reg_r2": 0.9486}, "(R² 0.9486)"),
        ({}, {"reg_r2": 0.9486}, "(R² 0.9486)"),
    ],
)
def test_each_quoted_number_is_the_runs(changes: dict[str, str], expected: dict[str, float], phrase: str) -> None:
    assert phrase in RECAP, f"the recap no longer says {phrase!r}"
    metrics = _metrics(**changes)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=5e-4), (key, metrics[key])
