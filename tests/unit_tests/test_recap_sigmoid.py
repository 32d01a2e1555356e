"""Every number the sigmoid recap's "Try this" quotes comes from a run at that setting."""

from __future__ import annotations

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_recap

RECAP = " ".join(load_recap("sigmoid").split())  # quoted phrases may wrap across lines


def _table(**changes: str) -> list[list[str]]:
    """The table rows (z, σ(z), class) of a run at the defaults plus `changes`."""
    experiment = get("sigmoid")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return [list(row) for table in experiment.run_checked(values).tables for row in table.rows]


def test_threshold_0_3_changes_no_class() -> None:
    assert [row[2] for row in _table(threshold="0.3")] == [row[2] for row in _table()]
    probabilities = [float(row[1]) for row in _table()]
    assert not [p for p in probabilities if 0.3 <= p < 0.5]
    assert "z = −1 gives 0.2689" in RECAP and ["-1.0", "0.2689", "0"] in _table()


@pytest.mark.parametrize(
    ("z_values", "quoted"),
    [("-6, -3, 3, 6", ["0.0025", "0.0474", "0.9526", "0.9975"]), ("-2, 2", ["0.1192", "0.8808"])],
)
def test_quoted_probabilities_are_the_runs(z_values: str, quoted: list[str]) -> None:
    assert [row[1] for row in _table(z_values=z_values)] == quoted
    assert all(text in RECAP for text in quoted)


def test_labels_at_both_ends_give_auc_0_5() -> None:
    experiment = get("sigmoid")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), "labels": "1, 0, 0, 0, 1"})
    assert not errors
    assert experiment.run_checked(values).metric("auc").value == 0.5
    assert "the ROC-AUC drops to 0.5" in RECAP
