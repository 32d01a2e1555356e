"""The decision-tree recap's "Try this" numbers and the entropy example's numbers, checked against runs."""

from __future__ import annotations

import math

import pytest

from tutor.engine.experiments import get
from tutor.learning.content import load_questions, load_recap

RECAP = " ".join(load_recap("decision-tree").split())  # quoted phrases may wrap across lines


def _metrics(**changes: str) -> tuple[dict[str, float], str]:
    """The metrics and takeaway of a run at the defaults plus `changes` (texts as a learner types them)."""
    experiment = get("decision-tree")
    values, errors = experiment.params.parse({**experiment.params.default_texts(), **changes})
    assert not errors
    result = experiment.run_checked(values)
    return {metric.key: float(metric.value) for metric in result.metrics}, result.takeaway


@pytest.mark.parametrize(
    ("changes", "expected", "phrases"),
    [
        (
            {"labels": "0,0,1,1,0,0"},
            {"n_leaves": 3, "depth": 2, "train_accuracy": 1.0},
            ["(x ≤ 1.5, x ≤ 3.5)", "has 3 leaves and training accuracy 1.0"],
        ),
        ({"queries": "-10, 100"}, {"pred_0": 0, "pred_1": 1}, ["(class 0, class 1)"]),
        (
            {"labels": "0,1,0,1,0,1", "max_depth": "3"},
            {"n_leaves": 4, "train_accuracy": 0.8333},
            ["4 leaves reach training accuracy 0.8333"],
        ),
    ],
)
def test_each_quoted_number_is_the_runs(
    changes: dict[str, str], expected: dict[str, float], phrases: list[str]
) -> None:
    for phrase in phrases:
        assert phrase in RECAP, f"the recap no longer says {phrase!r}"
    metrics, _ = _metrics(**changes)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=5e-5), (key, metrics[key])


def test_the_middle_block_splits_where_the_recap_says() -> None:
    _, takeaway = _metrics(labels="0,0,1,1,0,0")
    assert "(x ≤ 1.5, x ≤ 3.5)" in takeaway


def _entropy(counts: list[int]) -> float:
    total = sum(counts)
    return -sum(c / total * math.log2(c / total) for c in counts if c)


def test_the_entropy_question_numbers_match_scikit_learns_tree() -> None:
    """decision-tree-entropy-gain: parent 4/2 has 0.918 bits; the split 2/0 | 2/2 gains about 0.252."""
    from sklearn.tree import DecisionTreeClassifier

    X = [[0], [1], [2], [3], [4], [5]]
    y = [0, 0, 1, 1, 0, 0]
    tree = DecisionTreeClassifier(criterion="entropy", max_depth=1, random_state=0).fit(X, y).tree_
    assert tree.threshold[0] == pytest.approx(1.5)
    parent, left, right = tree.impurity[0], tree.impurity[1], tree.impurity[2]
    assert parent == pytest.approx(_entropy([4, 2])) and round(parent, 3) == 0.918
    gain = parent - (2 / 6) * left - (4 / 6) * right
    assert round(gain, 3) == 0.252
    [question] = [q for q in load_questions().questions if q.id == "decision-tree-entropy-gain"]
    assert "0.918" in question.prompt and any("0.252" in option.text for option in question.options)


def test_the_tie_questions_gini_numbers_match_scikit_learns_tree() -> None:
    """decision-tree-predict-useful-split: Gini 4/9 at the root, 1/3 weighted over the two leaves."""
    from sklearn.tree import DecisionTreeClassifier

    tree = DecisionTreeClassifier(max_depth=1, random_state=0).fit([[x] for x in range(6)], [0, 0, 1, 1, 0, 0]).tree_
    assert tree.impurity[0] == pytest.approx(4 / 9)
    assert (2 / 6) * tree.impurity[1] + (4 / 6) * tree.impurity[2] == pytest.approx(1 / 3)
