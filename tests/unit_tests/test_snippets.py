"""A snippet carries the learner's current values (every topic's default snippet is checked, and run
once, in test_experiments_common.py)."""

from __future__ import annotations

from tests.snippet_check import assert_printout_matches, snippet_lines
from tutor.engine.experiments import get


def test_snippet_carries_the_current_parameter_values() -> None:
    result = get("sigmoid").run_texts({"z_values": "-2 0.5 7", "threshold": "0.8"})
    assert "z_values = [-2, 0.5, 7]" in result.code
    assert "threshold = 0.8" in result.code
    printed = snippet_lines(result)  # one run, two checks
    assert printed["predicted_positive"] == "1"
    assert_printout_matches(result, printed, extra={"z"})
