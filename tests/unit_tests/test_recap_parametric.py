"""Every number the parametric recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = " ".join(load_recap("parametric").split())  # quoted phrases may wrap across lines


def _metrics(**changes: str) -> dict[str, float]:
    """The metrics of a run at the defaults plus `changes` (texts as a learner types them)."""
    experiment = get("parametric")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return {metric.key: float(metric.value) for metric in experiment.run_checked(values).metrics}


@pytest.mark.parametrize(
    ("changes", "expected", "phrase"),
    [
        ({"n_neighbors": "15"}, {"mse_knn": 0.0395}, "training MSE rises to 0.0395"),
        ({"n_samples": "300"}, {"mse_linear": 0.1742, "linear_params": 2, "knn_stored": 300}, "(MSE 0.1742)"),
        ({"noise": "0.5"}, {"mse_linear": 0.4294, "mse_knn": 0.1921}, "(line 0.4294, KNN 0.1921)"),
    ],
)
def test_each_quoted_number_is_the_runs(changes: dict[str, str], expected: dict[str, float], phrase: str) -> None:
    assert phrase in RECAP, f"the recap no longer says {phrase!r}"
    metrics = _metrics(**changes)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=5e-5), (key, metrics[key])


def test_the_default_numbers_a_question_quotes_are_the_runs() -> None:
    # parametric-training-error-flatters quotes the defaults' training MSEs and their ratio, about 20×.
    metrics = _metrics()
    assert round(metrics["mse_knn"], 4) == 0.0094 and round(metrics["mse_linear"], 3) == 0.187
    assert round(metrics["mse_linear"] / metrics["mse_knn"]) == 20
