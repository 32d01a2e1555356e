"""Topic 3 (decision-tree leaves): seed output, direct sklearn comparisons, rules, single class, snippet."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.snippet_check import assert_snippet_reproduces
from tutor.engine.experiments.decision_tree import EXPERIMENT
from tutor.engine.params import ParamError

ROOT = Path(__file__).resolve().parents[2]
MIXED = (0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0)


def fit_directly(labels: tuple[int, ...], max_depth: int):
    """The tree exactly as the seed builds it, without going through the experiment."""
    from sklearn.tree import DecisionTreeClassifier

    X = [[i] for i in range(len(labels))]
    return DecisionTreeClassifier(max_depth=max_depth, random_state=0).fit(X, list(labels)), X


def table(result, title: str):
    """A result table by title."""
    return next(t for t in result.tables if t.title.startswith(title))


def test_contract_names_and_defaults() -> None:
    assert (EXPERIMENT.slug, EXPERIMENT.number, EXPERIMENT.needs_sklearn) == ("decision-tree", 3, True)
    assert EXPERIMENT.params.defaults() == {"labels": (0, 0, 0, 1, 1, 1), "max_depth": 2, "queries": (1.5, 3.2)}


def test_defaults_leaves_queries_and_takeaway() -> None:
    # The seed's printout (predictions, export_text rules, size) is checked in test_experiments_common.py.
    result = EXPERIMENT.run()
    assert table(result, "Leaves").rows == (("1", "x ≤ 2.5", "3", "3 / 0", "0"), ("2", "x > 2.5", "3", "0 / 3", "1"))
    assert table(result, "Queries").rows == (("1.5", "1", "0"), ("3.2", "2", "1"))
    assert "1.5" in result.takeaway and "leaf 1" in result.takeaway and "x ≤ 2.5" in result.takeaway


def test_shallow_tree_on_mixed_labels_matches_sklearn() -> None:
    queries = (-5.0, 0.5, 7.7, 11.2, 42.0)
    result = EXPERIMENT.run({"labels": MIXED, "max_depth": 2, "queries": queries})
    clf, X = fit_directly(MIXED, 2)
    assert [result.metric(f"pred_{i}").value for i in range(5)] == [int(v) for v in clf.predict([[q] for q in queries])]
    assert result.metric("n_leaves").value == clf.get_n_leaves()
    assert result.metric("depth").value == clf.get_depth() == 2
    assert result.metric("train_accuracy").value == pytest.approx(clf.score(X, list(MIXED)))
    assert result.metric("train_accuracy").value < 1 and any("too shallow" in n for n in result.notes)
    leaves = [row[1] for row in table(result, "Queries").rows]
    # numbered 1..n left to right; sklearn's depth-first node ids put the leaves in that order too
    ids = [node for node in range(clf.tree_.node_count) if clf.tree_.children_left[node] == -1]
    assert leaves == [str(ids.index(v) + 1) for v in clf.apply([[q] for q in queries])]
    leaf_rows = table(result, "Leaves").rows
    assert sum(int(row[2]) for row in leaf_rows) == len(MIXED)
    assert {row[0] for row in leaf_rows} >= set(leaves)


def test_deep_tree_memorises_alternating_labels() -> None:
    labels = (0, 1) * 4
    result = EXPERIMENT.run({"labels": labels, "max_depth": 20, "queries": tuple(float(i) for i in range(8))})
    # Alternating classes need a leaf per point: every x = i must come back as its own label.
    assert result.metric("n_leaves").value == 8
    assert result.metric("train_accuracy").value == 1.0
    assert [result.metric(f"pred_{i}").value for i in range(8)] == list(labels)
    assert sorted(t for t, _ in result.plots[0].vlines) == [i + 0.5 for i in range(7)]


@pytest.mark.parametrize("label", [0, 1])
def test_single_class_is_one_leaf_without_warnings(label: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = EXPERIMENT.run({"labels": (label,) * 5, "queries": (-3.0, 2.0, 99.0)})
    assert (result.metric("n_leaves").value, result.metric("depth").value) == (1, 0)
    assert [result.metric(f"pred_{i}").value for i in range(3)] == [label] * 3
    assert table(result, "Leaves").rows == (("1", "any x", "5", "5 / 0" if label == 0 else "0 / 5", str(label)),)
    assert result.plots[0].vlines == ()
    assert any("only leaf" in n for n in result.notes)
    # export_text shows the class index for a one-class tree; the note must warn when that misleads.
    assert any("export_text" in n for n in result.notes) == (label == 1)
    assert json.loads(json.dumps(result.to_dict(), allow_nan=False))["metrics"]["n_leaves"] == 1


def test_plot_grid_covers_training_points_and_queries() -> None:
    result = EXPERIMENT.run({"queries": (-7.0, 3.2, 12.0)})
    step, train, queries = result.plots[0].series
    assert step.kind == "step" and len(step.x) == 200
    assert (step.x[0], step.x[-1]) == (-7.0, 12.0)
    assert set(step.y) == {0.0, 1.0}
    assert train.x == (0.0, 1.0, 2.0, 3.0, 4.0, 5.0) and train.kind == "scatter"
    assert queries.x == (-7.0, 3.2, 12.0) and queries.y == (0.0, 1.0, 1.0)
    assert result.plots[0].vlines == ((2.5, "split x ≤ 2.5"),)
    default_grid = EXPERIMENT.run().plots[0].series[0].x
    assert (default_grid[0], default_grid[-1]) == (-1.0, 6.0)


@pytest.mark.parametrize(
    ("texts", "name", "fragment"),
    [
        ({"labels": "1"}, "labels", "has 1 values"),
        ({"labels": ", ".join(["0"] * 41)}, "labels", "has 41 values"),
        ({"labels": "0 1 3"}, "labels", "not a label"),
        ({"max_depth": "0"}, "max_depth", "outside [1, 20]"),
        ({"max_depth": "2.5"}, "max_depth", "not a whole number"),
        ({"queries": " ".join(["1"] * 11)}, "queries", "has 11 values"),
        ({"queries": "1.5, 101"}, "queries", "item 2 101 is outside [-100, 100]"),
        ({"depth": "3"}, "depth", "unknown parameter"),
    ],
)
def test_bad_parameters_name_the_field(texts: dict[str, str], name: str, fragment: str) -> None:
    with pytest.raises(ParamError) as caught:
        EXPERIMENT.run_texts(texts)
    assert caught.value.name == name
    assert fragment in str(caught.value)


def test_snippet_reproduces_mixed_case() -> None:
    assert_snippet_reproduces(EXPERIMENT.run({"labels": MIXED, "max_depth": 3, "queries": (-2.0, 4.5, 9.0, 30.0)}))


def test_module_import_leaves_sklearn_out() -> None:
    code = (
        "import sys; import tutor.engine.experiments.decision_tree; "
        "assert 'sklearn' not in sys.modules, 'sklearn imported at module level'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr


def test_leaves_are_numbered_1_to_n_from_left_to_right() -> None:
    # Issue 10, item 6: sklearn's node ids leaked out ("6 leaves … leaf 7").
    queries = tuple(float(i) for i in range(len(MIXED)))
    result = EXPERIMENT.run({"labels": MIXED, "max_depth": 3, "queries": queries})
    n_leaves = int(result.metric("n_leaves").value)
    rows = table(result, "Leaves").rows
    assert [row[0] for row in rows] == [str(i) for i in range(1, n_leaves + 1)]
    assert rows[0][1].startswith("x ≤") and rows[-1][1].startswith("x >")  # first leaf leftmost, last rightmost
    numbers = [int(row[1]) for row in table(result, "Queries").rows]
    assert numbers == sorted(numbers) and numbers[0] == 1 and numbers[-1] == n_leaves
    assert f"lands in leaf {numbers[2]} " in result.takeaway
    assert all(f"leaf {n}" not in result.takeaway for n in range(n_leaves + 1, 3 * n_leaves))
