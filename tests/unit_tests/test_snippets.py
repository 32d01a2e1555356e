"""Every topic's code snippet, run on its own, prints the numbers the app shows."""

from __future__ import annotations

import pytest

from tests.snippet_check import assert_snippet_reproduces, snippet_lines
from tutor.engine.experiments import all_experiments, get


@pytest.mark.parametrize("experiment", all_experiments(), ids=lambda e: e.slug)
def test_snippet_at_defaults_reproduces_every_metric(experiment) -> None:
    assert_snippet_reproduces(experiment.run())


def test_snippet_carries_the_current_parameter_values() -> None:
    result = get("sigmoid").run_texts({"z_values": "-2 0.5 7", "threshold": "0.8"})
    assert "z_values = [-2, 0.5, 7]" in result.code
    assert "threshold = 0.8" in result.code
    assert snippet_lines(result)["predicted_positive"] == "1"
    assert_snippet_reproduces(result)
