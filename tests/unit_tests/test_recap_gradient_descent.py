"""Every number the gradient-descent recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = load_recap("gradient-descent")


def _run(**changes: str) -> dict[str, float]:
    """The metrics of a run at the defaults plus `changes` (parameter texts, as a learner types them)."""
    experiment = get("gradient-descent")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return {metric.key: float(metric.value) for metric in experiment.run_checked(values).metrics}


@pytest.mark.parametrize(
    ("changes", "quoted"),
    [
        ({"lr": "0.1"}, {"w": "1.909", "b": "−0.449"}),
        ({"lr": "0.9"}, {"diverged_at_step": "32"}),
        ({"noise": "0.3"}, {"final_mse": "0.0948"}),
        ({}, {"w": "1.997", "b": "−0.495"}),  # the optimum the lr 0.1 run falls short of
    ],
)
def test_each_quoted_number_is_the_runs(changes: dict[str, str], quoted: dict[str, str]) -> None:
    metrics = _run(**changes)
    for key, text in quoted.items():
        assert text in RECAP, f"the recap no longer quotes {text}"
        value = float(text.replace("−", "-"))
        decimals = len(text.split(".")[1]) if "." in text else 0
        assert round(metrics[key], decimals) == pytest.approx(value), (key, metrics[key], text)


def test_the_stable_limit_quoted_is_the_runs() -> None:
    experiment = get("gradient-descent")
    values, _ = experiment.params.parse({**experiment.params.default_texts(), "lr": "0.9"})
    takeaway = experiment.run_checked(values).takeaway
    assert "0.797" in takeaway and "0.797" in RECAP
