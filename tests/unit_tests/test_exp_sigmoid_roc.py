"""The sigmoid topic's labels: TPR, FPR and ROC-AUC at the threshold, checked against scikit-learn."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments import get
from tutor.engine.experiments.sigmoid import pairwise_auc, roc_points, sigmoid
from tutor.engine.result import Result


def _run(**changes: str) -> Result:
    experiment = get("sigmoid")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    return experiment.run_checked(values)


def test_defaults_give_tpr_fpr_and_auc_and_a_roc_plot() -> None:
    result = _run()
    assert (result.metric("tpr").value, result.metric("fpr").value) == (pytest.approx(2 / 3), 0.5)
    assert result.metric("auc").value == pytest.approx(5 / 6)
    assert [plot.title for plot in result.plots] == ["σ(z) with threshold 0.5", "ROC curve · AUC 0.833"]
    assert "finds 2 of 3 positives" in result.takeaway and "flags 1 of 2 negatives" in result.takeaway


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(
        st.tuples(st.integers(-8, 8).map(lambda n: n / 2), st.integers(0, 1)), min_size=2, max_size=20
    ).filter(lambda pairs: len({y for _, y in pairs}) == 2)
)
def test_auc_and_roc_points_match_scikit_learn(data: list[tuple[float, int]]) -> None:
    from sklearn.metrics import roc_auc_score, roc_curve

    probs = [sigmoid(z) for z, _ in data]
    labels = tuple(y for _, y in data)
    assert pairwise_auc(probs, labels) == pytest.approx(roc_auc_score(labels, probs))
    fpr, tpr, _ = roc_curve(labels, probs, drop_intermediate=False)
    ours = roc_points(probs, labels)
    assert [p[1] for p in ours] == pytest.approx(list(fpr)) and [p[2] for p in ours] == pytest.approx(list(tpr))


@pytest.mark.parametrize(
    ("changes", "note"),
    [
        ({"z_values": "-1, 1"}, "labels has 5 values for 2 z values"),
        ({"labels": "1, 1, 1, 1, 1"}, "labels needs both a 0 and a 1"),
    ],
)
def test_labels_that_do_not_fit_give_a_note_not_an_error(changes: dict[str, str], note: str) -> None:
    result = _run(**changes)
    assert any(note in text for text in result.notes)
    assert len(result.plots) == 1 and "auc" not in {m.key for m in result.metrics}


def test_the_snippet_prints_the_same_tpr_fpr_and_auc() -> None:
    assert_snippet_reproduces(_run(threshold="0.3", labels="1, 0, 1, 0, 1"), extra=("z",))
