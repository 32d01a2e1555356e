"""Topic 1 (sigmoid): the takeaway's words agree with its counts (issue 10, item 6)."""

from __future__ import annotations

import pytest

from tutor.engine.experiments.sigmoid import EXPERIMENT


@pytest.mark.parametrize(
    ("threshold", "words"),
    [("0.9", "1 of 5 points reaches the threshold 0.9"), ("0.5", "3 of 5 points reach the threshold 0.5")],
)
def test_one_point_reaches_several_reach(threshold: str, words: str) -> None:
    result = EXPERIMENT.run_texts({**EXPERIMENT.params.default_texts(), "threshold": threshold})
    assert words in result.takeaway


def test_a_single_z_value_is_one_point() -> None:
    texts = {**EXPERIMENT.params.default_texts(), "z_values": "3", "labels": "1"}
    assert "1 of 1 point reaches the threshold 0.5" in EXPERIMENT.run_texts(texts).takeaway
