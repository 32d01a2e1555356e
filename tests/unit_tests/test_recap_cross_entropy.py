"""Every number the cross-entropy recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = load_recap("cross-entropy")


def _run(**changes: str) -> tuple[dict[str, float], str]:
    """The metrics and takeaway of a run at the defaults plus `changes` (texts as a learner types them)."""
    experiment = get("cross-entropy")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    result = experiment.run_checked(values)
    return {metric.key: float(metric.value) for metric in result.metrics}, result.takeaway


@pytest.mark.parametrize(
    ("changes", "quoted"),
    [
        ({"lam": "1"}, {"penalty": "0.98", "total": "1.2136", "cross_entropy": "0.2336"}),
        ({"y_true": "0, 0, 1, 1, 0"}, {"cross_entropy": "0.673", "penalty": "0.098"}),
        ({"weights": "2, -1, 1"}, {"penalty": "0.6"}),
    ],
)
def test_each_quoted_metric_is_the_runs(changes: dict[str, str], quoted: dict[str, str]) -> None:
    metrics, _ = _run(**changes)
    for key, text in quoted.items():
        assert text in RECAP, f"the recap no longer quotes {text}"
        decimals = len(text.split(".")[1])
        assert round(metrics[key], decimals) == pytest.approx(float(text)), (key, metrics[key], text)


def test_the_confident_miss_is_sample_1_with_the_quoted_loss() -> None:
    _, takeaway = _run(y_true="0, 0, 1, 1, 0")
    assert "sample 1 (y=0, ŷ=0.9, loss 2.3026)" in takeaway
    assert "sample 1 becomes a confident miss" in RECAP and "loss 2.3026" in RECAP
