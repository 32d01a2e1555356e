"""The feature-engineering recap's numbers (and the defaults a question quotes) come from runs."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = " ".join(load_recap("feature-engineering").split())  # quoted phrases may wrap across lines


def _run(**changes: str) -> tuple[dict[str, float], str, list[tuple[str, ...]]]:
    """Metrics, takeaway and first table's rows of a run at the defaults plus `changes`."""
    experiment = get("feature-engineering")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    result = experiment.run_checked(values)
    metrics = {metric.key: float(metric.value) for metric in result.metrics}
    return metrics, result.takeaway, [tuple(row) for row in result.tables[0].rows]


@pytest.mark.parametrize(
    ("changes", "expected", "phrase"),
    [
        ({}, {"acc_raw": 0.311, "acc_one_cut": 0.689, "acc_poly": 0.911}, "The best single cut on x gets 0.689"),
        ({"noise": "1.0"}, {"acc_poly": 0.767}, "the x² model falls to 0.767"),
        ({"seed": "7"}, {"acc_one_cut": 0.667, "acc_poly": 0.889}, "0.667 on test"),
        (
            {"noise": "0.1"},
            {"acc_poly": 0.967, "acc_one_cut": 0.733},
            "reaches 0.967 while the best single cut stays at 0.733",
        ),
    ],
)
def test_each_quoted_number_is_the_runs(changes: dict[str, str], expected: dict[str, float], phrase: str) -> None:
    assert phrase in RECAP, f"the recap no longer says {phrase!r}"
    metrics, _, _ = _run(**changes)
    for key, value in expected.items():
        assert round(metrics[key], 3) == value, (key, metrics[key])


def test_the_defaults_majority_and_the_seed_7_cut_are_the_runs() -> None:
    _, takeaway, _ = _run()
    assert "majority (0.544)" in takeaway and "majority (0.544)" in RECAP
    assert "from 0.486 to 0.543" in takeaway  # feature-engineering-flat-raw-fit quotes this range
    _, _, rows = _run(seed="7")
    assert rows[1][0] == "best one cut: x > 1.01" and "(x > 1.01 → class 1" in RECAP
