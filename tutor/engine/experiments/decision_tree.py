"""Topic 3: a decision tree's leaves hold its final predictions; internal nodes only split."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value
from tutor.engine.values import as_floats, as_int, as_labels
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


PARAMS = ParamSet(
    (
        Param(
            "labels",
            "labels",
            (0, 0, 0, 1, 1, 1),
            "class of the training points at x = 0, 1, 2, …",
            min_len=2,
            max_len=40,
        ),
        Param(
            "max_depth", "int", 2, "deepest the tree may grow (it stops earlier once leaves are pure)", low=1, high=20
        ),
        Param(
            "queries",
            "floats",
            (1.5, 3.2),
            "x values to predict; each lands in exactly one leaf",
            low=-100,
            high=100,
            max_len=10,
        ),
    )
)


def _leaf_ranges(tree: Any) -> dict[int, tuple[float, float]]:
    """Each leaf's x-interval (low, high]: walk from the root, narrowing at every split."""
    ranges: dict[int, tuple[float, float]] = {}
    stack = [(0, -math.inf, math.inf)]
    while stack:
        node, low, high = stack.pop()
        left, right = int(tree.children_left[node]), int(tree.children_right[node])
        if left == -1:  # sklearn marks a leaf by having no children
            ranges[node] = (low, high)
            continue
        cut = float(tree.threshold[node])
        stack.append((right, cut, high))  # right branch: x > threshold
        stack.append((left, low, cut))  # left branch: x <= threshold
    return ranges


def _range_text(low: float, high: float) -> str:
    """A leaf's interval in words a learner reads: 'x ≤ 2.5', '2.5 < x ≤ 4.5', 'any x'."""
    if math.isinf(low) and math.isinf(high):
        return "any x"
    if math.isinf(low):
        return f"x ≤ {high:g}"
    if math.isinf(high):
        return f"x > {low:g}"
    return f"{low:g} < x ≤ {high:g}"


def run(values: dict[str, Value]) -> Result:
    """Fit DecisionTreeClassifier on x = 0…n−1 and show its rules, leaves and where each query lands."""
    import numpy as np
    from sklearn.tree import DecisionTreeClassifier, export_text

    labels, max_depth, queries = as_labels(values, "labels"), as_int(values, "max_depth"), as_floats(values, "queries")
    n = len(labels)

    X = np.arange(n, dtype=float).reshape(-1, 1)
    y = np.asarray(labels)
    clf = DecisionTreeClassifier(max_depth=max_depth, random_state=0).fit(X, y)
    tree = clf.tree_
    Q = np.asarray(queries, dtype=float).reshape(-1, 1)
    preds = [int(p) for p in clf.predict(Q)]
    query_leaves = [int(leaf) for leaf in clf.apply(Q)]
    n_leaves, depth = int(clf.get_n_leaves()), int(clf.get_depth())
    accuracy = float(clf.score(X, y))
    rules = export_text(clf, feature_names=["x"]).rstrip("\n").split("\n")

    # Leaf contents counted from the training points themselves, so the table shows real labels.
    train_leaves = clf.apply(X)
    ranges = _leaf_ranges(tree)
    # Leaves are numbered 1..n from left to right along x, not by sklearn's node ids (6 leaves, "leaf 7").
    number = {node: i for i, node in enumerate(sorted(ranges, key=lambda node: ranges[node][0]), start=1)}
    query_leaves = [number[node] for node in query_leaves]
    leaf_rows = []
    for leaf in sorted(ranges, key=number.__getitem__):
        members = y[train_leaves == leaf]
        predicted = int(clf.classes_[int(np.argmax(tree.value[leaf][0]))])
        counts = f"{int((members == 0).sum())} / {int((members == 1).sum())}"
        leaf_rows.append((str(number[leaf]), _range_text(*ranges[leaf]), str(len(members)), counts, str(predicted)))

    thresholds = sorted({float(t) for t, left in zip(tree.threshold, tree.children_left, strict=True) if left != -1})
    lo, hi = min(-1.0, *queries), max(float(n), *queries)
    grid = np.linspace(lo, hi, 200)
    plot = results.PlotSpec(
        title=f"Predicted class over x (max_depth={max_depth})",
        series=(
            results.Series(
                "tree prediction",
                tuple(grid.tolist()),
                tuple(clf.predict(grid.reshape(-1, 1)).astype(float).tolist()),
                "step",
                "blue",
            ),
            results.Series(
                "training points", tuple(X.ravel().tolist()), tuple(float(v) for v in labels), "scatter", "green"
            ),
            results.Series("your queries", tuple(queries), tuple(float(p) for p in preds), "scatter", "orange"),
        ),
        xlabel="x",
        ylabel="class",
        vlines=tuple((t, f"split x ≤ {t:g}") for t in thresholds),
        ylim=(-0.2, 1.2),
    )

    notes: list[str] = []
    if n_leaves == 1:
        only = int(clf.classes_[0])
        notes.append(
            f"Every label is {only}, so there is nothing to split: "
            f"the root is the only leaf and predicts {only} everywhere."
        )
        if only != 0:  # sklearn's export_text prints the class index, which is 0 for a one-class tree
            notes.append(
                "export_text prints 'class: 0' for a one-class tree (the index of the only class, "
                f"not its label); the tree really predicts {only}."
            )
    elif depth < max_depth:
        notes.append(f"The tree stopped at depth {depth} < max_depth {max_depth}: every leaf is already pure.")
    if accuracy < 1.0:
        notes.append(
            f"max_depth={max_depth} is too shallow to separate every training point, "
            "so some leaves hold both classes and predict their majority class."
        )

    landings = list(zip(queries, query_leaves, preds, strict=True))
    shown = ", ".join(f"x = {q:g} lands in leaf {leaf} → class {p}" for q, leaf, p in landings[:3])
    more = f" (and {len(queries) - 3} more in the table)" if len(queries) > 3 else ""
    splits = ", ".join(f"x ≤ {t:g}" for t in thresholds[:4]) + (", …" if len(thresholds) > 4 else "")
    split_text = (
        f"the splits ({splits}) are internal nodes that only route x" if thresholds else "there is no split at all"
    )
    leaf_word = "leaf" if n_leaves == 1 else "leaves"
    takeaway = (
        f"The tree has {n_leaves} {leaf_word} at depth {depth}; "
        f"each leaf holds a final prediction, while {split_text}. "
        f"{shown}{more}; training accuracy is {rounded(accuracy, 4)}."
    )

    metrics = [
        results.Metric(f"pred_{i}", f"prediction at x = {q:g}", p, 0)
        for i, (q, p) in enumerate(zip(queries, preds, strict=True))
    ]
    metrics += [
        results.Metric("n_leaves", "leaf nodes", n_leaves, 0),
        results.Metric("depth", "depth", depth, 0),
        results.Metric("train_accuracy", "training accuracy", accuracy, 4),
    ]
    tables = [
        results.Table("Rules (export_text)", ("rule",), tuple((line,) for line in rules)),
        results.Table(
            "Leaves, left to right", ("leaf", "x range", "samples", "labels 0 / 1", "prediction"), tuple(leaf_rows)
        ),
        results.Table(
            "Queries",
            ("x", "leaf", "prediction"),
            tuple((f"{q:g}", str(leaf), str(p)) for q, leaf, p in zip(queries, query_leaves, preds, strict=True)),
        ),
    ]
    code = f"""from sklearn.tree import DecisionTreeClassifier, export_text

y = {py(labels)}
X = [[i] for i in range(len(y))]  # x = 0, 1, 2, …
queries = {py(queries)}

clf = DecisionTreeClassifier(max_depth={max_depth}, random_state=0)
clf.fit(X, y)
print(export_text(clf, feature_names=["x"]))

# sklearn numbers nodes depth-first, left before right: its leaves in id order run left to right along x
leaves = [node for node in range(clf.tree_.node_count) if clf.tree_.children_left[node] == -1]
for q in queries:  # each query falls into exactly one leaf, whose class is the prediction
    print(f"Pred({{q}}) =", clf.predict([[q]])[0], "  leaf", leaves.index(clf.apply([[q]])[0]) + 1)

{SNIPPET_NOTE}
for i, q in enumerate(queries):
    print(f"pred_{{i}}:", int(clf.predict([[q]])[0]))
print("n_leaves:", clf.get_n_leaves())
print("depth:", clf.get_depth())
print("train_accuracy:", clf.score(X, y))
"""
    return results.Result("decision-tree", dict(values), metrics, tables, [plot], takeaway, code, notes)


EXPERIMENT = Experiment(
    slug="decision-tree",
    number=3,
    title="Decision trees: leaf nodes are the final predictions",
    short_title="Decision tree",
    params=PARAMS,
    run_values=run,
    needs_sklearn=True,
)
