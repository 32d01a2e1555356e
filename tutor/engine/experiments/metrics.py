"""Topic 4: which metrics score classification (accuracy, precision, recall, F1) and which regression (R², MSE…)."""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value, same_length
from tutor.engine.values import as_labels
from tutor.support.lazy import lazy
from tutor.support.numbers import rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


# A fixed regression example (scikit-learn's own doc example): R² and friends need real-valued targets,
# so they are shown here rather than on the learner's 0/1 labels.
REG_TRUE = (3.0, -0.5, 2.0, 7.0)
REG_PRED = (2.5, 0.0, 2.0, 8.0)

PARAMS = ParamSet(
    (
        Param("y_true", "labels", (1, 0, 1, 1, 0, 1), "the true classes", max_len=200),
        Param("y_pred", "labels", (1, 0, 0, 1, 0, 1), "the classifier's predicted classes", max_len=200),
    ),
    rules=(same_length("y_true", "y_pred"),),
)


def _count(n: int, noun: str) -> str:
    """'1 false positive', '2 false negatives'."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _classification_sentence(fp: int, fn: int, tp: int, scores: tuple[float, float, float, float]) -> str:
    """What accuracy shows and hides, written from the confusion-matrix counts."""
    accuracy, precision, recall, f1 = scores
    if tp + fp + fn == 0:
        return (
            f"Accuracy is {rounded(accuracy, 3)}, yet there is no positive in y_true or y_pred, so precision, recall "
            "and F1 are undefined (shown as 0)."
        )
    if fp == 0 and fn == 0:
        return f"Accuracy is {rounded(accuracy, 3)} with no mistakes, so precision, recall and F1 are all 1.0."
    return (
        f"Accuracy {rounded(accuracy, 3)} counts every mistake alike; the confusion matrix separates them: "
        f"{_count(fp, 'false positive')} and "
        f"{_count(fn, 'false negative')} give precision {rounded(precision, 3)} and recall {rounded(recall, 3)} "
        f"(F1 {rounded(f1, 3)})."
    )


def run(values: dict[str, Value]) -> Result:
    """Classification metrics on the learner's labels, regression metrics on the fixed example."""
    from sklearn.exceptions import UndefinedMetricWarning
    from sklearn.metrics import (
        accuracy_score,
        confusion_matrix,
        mean_absolute_error,
        mean_squared_error,
        precision_recall_fscore_support,
        r2_score,
    )

    y_true, y_pred = as_labels(values, "y_true"), as_labels(values, "y_pred")
    yt, yp = list(y_true), list(y_pred)

    # labels=[0, 1] keeps the matrix 2×2 even when a class is missing from both lists.
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(yt, yp, labels=[0, 1]).ravel())
    accuracy = float(accuracy_score(yt, yp))
    # One call gives the same numbers as precision_score/recall_score/f1_score (each wraps it) at a third
    # of the cost: sklearn's input validation, not the arithmetic, dominates on lists this short.
    # zero_division=0 gives a defined value instead of a warning; the notes below say when it happened.
    scores = precision_recall_fscore_support(yt, yp, average="binary", zero_division=0)
    precision, recall, f1 = (float(v) for v in scores[:3])

    reg_r2 = float(r2_score(REG_TRUE, REG_PRED))
    reg_mse = float(mean_squared_error(REG_TRUE, REG_PRED))
    reg_rmse = math.sqrt(reg_mse)
    reg_mae = float(mean_absolute_error(REG_TRUE, REG_PRED))
    with warnings.catch_warnings():
        # R² on a single label is undefined and sklearn warns; it is only quoted as a bad example anyway.
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        r2_on_labels = float(r2_score(yt, yp))

    notes: list[str] = []
    if tp + fp == 0:
        notes.append("precision is undefined (no predicted positives); shown as 0")
    if tp + fn == 0:
        notes.append("recall is undefined (no actual positives in y_true); shown as 0")
    if tp + fp + fn == 0:
        notes.append("F1 is undefined (no positives in y_true or y_pred); shown as 0")
    if math.isfinite(r2_on_labels):
        notes.append(
            f"r2_score on these 0/1 labels would return {rounded(r2_on_labels, 4)}, "
            "but that number is meaningless: R² measures explained variance of a quantity, "
            "and class labels are categories, not quantities."
        )

    takeaway = (
        _classification_sentence(fp, fn, tp, (accuracy, precision, recall, f1)) + " "
        f"R² ({rounded(reg_r2, 4)}) belongs to regression only: it is computed on the fixed real-valued example, "
        "never on class labels."
    )

    metrics = [
        results.Metric("accuracy", "accuracy", accuracy, 3),
        results.Metric("precision", "precision", precision, 3),
        results.Metric("recall", "recall", recall, 3),
        results.Metric("f1", "F1", f1, 3),
        results.Metric("tn", "true negatives", tn, 0),
        results.Metric("fp", "false positives", fp, 0),
        results.Metric("fn", "false negatives", fn, 0),
        results.Metric("tp", "true positives", tp, 0),
        results.Metric("reg_r2", "R² (regression example)", reg_r2, 4),
        results.Metric("reg_mse", "MSE (regression example)", reg_mse, 4),
        results.Metric("reg_rmse", "RMSE (regression example)", reg_rmse, 4),
        results.Metric("reg_mae", "MAE (regression example)", reg_mae, 4),
    ]
    tables = [
        results.Table(
            "Confusion matrix (rows: true, columns: predicted)",
            ("", "pred 0", "pred 1"),
            (("true 0", str(tn), str(fp)), ("true 1", str(fn), str(tp))),
        ),
        results.Table(
            "Classification vs regression metrics",
            ("metric", "task", "value", "computed on"),
            (
                ("accuracy", "classification", rounded(accuracy, 3), "your labels"),
                ("precision", "classification", rounded(precision, 3), "your labels"),
                ("recall", "classification", rounded(recall, 3), "your labels"),
                ("F1", "classification", rounded(f1, 3), "your labels"),
                ("R²", "regression", rounded(reg_r2, 4), "fixed example"),
                ("MSE", "regression", rounded(reg_mse, 4), "fixed example"),
                ("RMSE", "regression", rounded(reg_rmse, 4), "fixed example"),
                ("MAE", "regression", rounded(reg_mae, 4), "fixed example"),
            ),
        ),
        results.Table(
            "Regression example",
            ("y", "ŷ"),
            tuple((f"{a:g}", f"{b:g}") for a, b in zip(REG_TRUE, REG_PRED, strict=True)),
        ),
    ]
    plots = [
        results.PlotSpec(
            title="Confusion matrix",
            kind="cmatrix",
            xlabel="predicted",
            ylabel="true",
            categories=("0", "1"),
            matrix=((tn, fp), (fn, tp)),
        ),
        results.PlotSpec(
            title="Classification metrics",
            kind="bar",
            categories=("accuracy", "precision", "recall", "F1"),
            values=(accuracy, precision, recall, f1),
            # as the metrics and the table show them (0.833, not 0.8333)
            value_labels=tuple(rounded(v, 3) for v in (accuracy, precision, recall, f1)),
            ylim=(0.0, 1.0),
        ),
    ]
    code = f"""import math
from sklearn.metrics import accuracy_score, precision_score, recall_score, f1_score, confusion_matrix
from sklearn.metrics import r2_score, mean_squared_error, mean_absolute_error

y_true = {py(y_true)}
y_pred = {py(y_pred)}

cm = confusion_matrix(y_true, y_pred, labels=[0, 1])  # always 2x2: rows true 0/1, columns predicted 0/1
tn, fp, fn, tp = (int(v) for v in cm.ravel())
print("Confusion Matrix:\\n", cm)
# zero_division=0: a defined 0 instead of a warning when, e.g., nothing is predicted positive
acc = accuracy_score(y_true, y_pred)
prec = precision_score(y_true, y_pred, zero_division=0)
rec = recall_score(y_true, y_pred, zero_division=0)
f1 = f1_score(y_true, y_pred, zero_division=0)
print("Accuracy (3 dp):", round(acc, 3), "  Precision (3 dp):", round(prec, 3))
print("Recall (3 dp):", round(rec, 3), "  F1 (3 dp):", round(f1, 3))

# Regression metrics need real-valued targets, so they get their own example.
reg_true = {py(REG_TRUE)}
reg_pred = {py(REG_PRED)}
r2 = r2_score(reg_true, reg_pred)
mse = mean_squared_error(reg_true, reg_pred)
rmse = math.sqrt(mse)
mae = mean_absolute_error(reg_true, reg_pred)
print("Regression only -> R^2 =", round(r2, 4), " MSE =", round(mse, 4), " RMSE =", round(rmse, 4), " MAE =", round(mae, 4))

{SNIPPET_NOTE}
for key, value in [("accuracy", acc), ("precision", prec), ("recall", rec), ("f1", f1),
                   ("tn", tn), ("fp", fp), ("fn", fn), ("tp", tp),
                   ("reg_r2", r2), ("reg_mse", mse), ("reg_rmse", rmse), ("reg_mae", mae)]:
    print(f"{{key}}:", value)
"""  # noqa: E501  (the snippet is shown and run verbatim: wrapping its lines would change what the learner sees)
    return results.Result("metrics", dict(values), metrics, tables, plots, takeaway, code, notes)


EXPERIMENT = Experiment(
    slug="metrics",
    number=4,
    title="Classification metrics vs regression metrics",
    short_title="Metrics",
    params=PARAMS,
    run_values=run,
    needs_sklearn=True,
)
