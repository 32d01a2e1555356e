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


def test_a_probability_never_reads_0_or_1() -> None:
    """σ(±10) rounded to 4 decimals read 0.0 and 1.0, beside a recap that says σ never reaches 0 or 1."""
    texts = {**EXPERIMENT.params.default_texts(), "z_values": "-50, -10, 0, 9.5, 10, 50", "labels": "0, 0, 1, 1, 1, 1"}
    result = EXPERIMENT.run_texts(texts)
    shown = [m.display() for m in result.metrics if m.key.startswith("sigmoid_")]
    assert shown == ["1.9e-22", "4.5e-05", "0.5", "0.9999", "1 − 4.5e-05", "1 − 1.9e-22"]
    assert [row[1] for row in result.tables[0].rows] == shown  # the table reads the same
    sigma_50 = next(m for m in result.metrics if m.key == "sigmoid_5")
    assert sigma_50.value == 1.0  # σ(50) is 1.0 in floating point: only its complement can tell


@pytest.mark.parametrize(
    ("p", "complement", "text"),
    [
        (0.5, 0.5, "0.5"),
        (0.0, 1.0, "0.0"),
        (1.0, 0.0, "1.0"),
        (0.00004, 0.99996, "4e-05"),
        (0.99996, 0.00004, "1 − 4e-05"),
    ],
)
def test_probability_text(p: float, complement: float, text: str) -> None:
    from tutor.support.numbers import probability

    assert probability(p, complement) == text
