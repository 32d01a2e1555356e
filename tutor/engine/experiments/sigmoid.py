"""Topic 1: logistic regression's sigmoid turns log-odds into a probability P(y=1|x)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from tutor.engine.experiments import Experiment
from tutor.engine.experiments._snippets import SNIPPET_NOTE, py
from tutor.engine.params import Param, ParamSet, Value
from tutor.engine.values import as_float, as_floats, as_labels
from tutor.support.lazy import lazy
from tutor.support.numbers import probability, rounded

if TYPE_CHECKING:
    from tutor.engine import result as results
    from tutor.engine.result import Metric, PlotSpec, Result
else:
    # Five dataclasses (~8 ms to create): the result types load with the first run, not the app.
    results = lazy("tutor.engine.result")


PARAMS = ParamSet(
    (
        Param(
            "z_values",
            "floats",
            (-4.0, -1.0, 0.0, 1.0, 3.0),
            "log-odds z = wᵀx + b to push through σ",
            low=-50,
            high=50,
            max_len=20,
        ),
        Param("threshold", "float", 0.5, "predict class 1 when σ(z) ≥ threshold", low=0, high=1),
        Param(
            "labels",
            "labels",
            (0, 1, 0, 1, 1),
            "the true class of each z, for TPR, FPR and the ROC curve (one per z value)",
            max_len=20,
        ),
    )
)


def roc_points(probs: list[float], labels: tuple[int, ...]) -> list[tuple[float, float, float]]:
    """(threshold, FPR, TPR) for every distinct score used as the threshold, from (0, 0) to (1, 1)."""
    positives = sum(labels)
    negatives = len(labels) - positives
    points = [(math.inf, 0.0, 0.0)]
    for cut in sorted(set(probs), reverse=True):
        tp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= cut and y == 1)
        fp = sum(1 for p, y in zip(probs, labels, strict=True) if p >= cut and y == 0)
        points.append((cut, fp / negatives, tp / positives))
    return points


def pairwise_auc(probs: list[float], labels: tuple[int, ...]) -> float:
    """ROC-AUC as P(score⁺ > score⁻): the share of (positive, negative) pairs ranked right, ties half."""
    pos = [p for p, y in zip(probs, labels, strict=True) if y == 1]
    neg = [p for p, y in zip(probs, labels, strict=True) if y == 0]
    wins = sum(1.0 if a > b else 0.5 if a == b else 0.0 for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def sigmoid(z: float) -> float:
    """σ(z) = 1 / (1 + e^(−z)), exactly as the seed computes it."""
    return 1.0 / (1.0 + math.exp(-z))


def _shown(z: float, p: float) -> str:
    """σ(z) at 4 decimals, but never 0.0 or 1.0: it gets close, it never arrives."""
    return probability(p, sigmoid(-z))


def run(values: dict[str, Value]) -> Result:
    """Probabilities and 0/1 predictions for each z at the threshold."""
    z_values, threshold = as_floats(values, "z_values"), as_float(values, "threshold")
    probs = [sigmoid(z) for z in z_values]
    preds = [1 if p >= threshold else 0 for p in probs]
    positives = sum(preds)

    lo, hi = min(-6.0, *z_values), max(6.0, *z_values)
    curve_x = tuple(lo + (hi - lo) * i / 160 for i in range(161))
    plot = results.PlotSpec(
        title=f"σ(z) with threshold {threshold:g}",
        series=(
            results.Series("σ(z)", curve_x, tuple(sigmoid(x) for x in curve_x), "line", "blue"),
            results.Series("your z values", tuple(z_values), tuple(probs), "scatter", "orange"),
        ),
        xlabel="z (log-odds)",
        ylabel="P(y=1|x)",
        hlines=((threshold, f"threshold {threshold:g}"),),
        ylim=(0.0, 1.0),
    )
    table = results.Table(
        "Each z",
        ("z", "σ(z)", f"class @{threshold:g}"),
        tuple((rounded(z, 4), _shown(z, p), str(c)) for z, p, c in zip(z_values, probs, preds, strict=True)),
    )
    boundary = math.log(threshold / (1 - threshold)) if 0 < threshold < 1 else math.inf if threshold >= 1 else -math.inf
    boundary_text = (
        f"σ(z) ≥ {threshold:g} exactly when z ≥ {boundary:.3g}"
        if math.isfinite(boundary)
        else "a threshold of 0 makes every prediction 1"
        if threshold <= 0
        else "a threshold of 1 needs σ(z) = 1, which only a very large z reaches in floating point"
    )
    takeaway = (
        f"Every output lies between 0 and 1: σ turns log-odds into P(y=1|x), not a residual. "
        f"{positives} of {len(preds)} point{'s' if len(preds) != 1 else ''} "
        f"{'reaches' if positives == 1 else 'reach'} the threshold {threshold:g}; {boundary_text}. "
        "Moving the threshold changes the decisions, never the probabilities."
    )
    metrics = [
        results.Metric(f"sigmoid_{i}", f"σ({z:g})", p, 4, _shown(z, p))
        for i, (z, p) in enumerate(zip(z_values, probs, strict=True))
    ]
    metrics.append(results.Metric("predicted_positive", "predicted 1s", positives, 0))
    labels = as_labels(values, "labels")
    plots, notes = [plot], []
    if len(labels) != len(probs):
        notes.append(
            f"labels has {len(labels)} values for {len(probs)} z values: give one 0/1 label per z to see "
            "TPR, FPR and the ROC curve"
        )
    elif len(set(labels)) < 2:
        notes.append("labels needs both a 0 and a 1 for TPR, FPR and the ROC curve")
    else:
        roc_metrics, roc_plot, sentence = _roc(probs, preds, labels, threshold)
        metrics.extend(roc_metrics)
        plots.append(roc_plot)
        takeaway += " " + sentence
    code = f"""import math

z_values = {py(z_values)}
threshold = {py(threshold)}

def sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))

probs = [sigmoid(z) for z in z_values]
preds = [1 if p >= threshold else 0 for p in probs]
print("z:", z_values)
print("sigmoid(z):", [round(p, 4) for p in probs])
print(f"class predictions @{{threshold}}:", preds)

{SNIPPET_NOTE}
for i, p in enumerate(probs):
    print(f"sigmoid_{{i}}:", p)
print("predicted_positive:", sum(preds))
"""
    if len(plots) > 1:
        code += _ROC_SNIPPET.format(labels=py(labels))
    return results.Result("sigmoid", dict(values), metrics, [table], plots, takeaway, code, notes)


# Appended to the snippet when labels fit: the same numbers from scikit-learn, an independent computation.
_ROC_SNIPPET = """
from sklearn.metrics import roc_auc_score

labels = {labels}
tp = sum(1 for c, y in zip(preds, labels) if c == 1 and y == 1)
fp = sum(1 for c, y in zip(preds, labels) if c == 1 and y == 0)
print("tpr:", tp / sum(labels))
print("fpr:", fp / (len(labels) - sum(labels)))
print("auc:", roc_auc_score(labels, probs))
"""


def _roc(
    probs: list[float], preds: list[int], labels: tuple[int, ...], threshold: float
) -> tuple[list[Metric], PlotSpec, str]:
    """TPR and FPR at the threshold, the AUC, the ROC plot and the sentence that reads them."""
    positives, negatives = sum(labels), len(labels) - sum(labels)
    tp = sum(1 for c, y in zip(preds, labels, strict=True) if c == 1 and y == 1)
    fp = sum(1 for c, y in zip(preds, labels, strict=True) if c == 1 and y == 0)
    tpr, fpr, auc = tp / positives, fp / negatives, pairwise_auc(probs, labels)
    points = roc_points(probs, labels)
    plot = results.PlotSpec(
        title=f"ROC curve · AUC {rounded(auc, 3)}",
        series=(
            results.Series("random ranking (AUC 0.5)", (0.0, 1.0), (0.0, 1.0), "line", "gray"),
            results.Series("ROC", tuple(p[1] for p in points), tuple(p[2] for p in points), "line", "blue"),
            results.Series(f"threshold {threshold:g}", (fpr,), (tpr,), "scatter", "orange"),
        ),
        xlabel="false-positive rate",
        ylabel="true-positive rate",
        ylim=(0.0, 1.0),
    )
    sentence = (
        f"Against the labels, threshold {threshold:g} finds {tp} of {positives} positives (TPR = recall "
        f"{rounded(tpr, 3)}) and flags {fp} of {negatives} negatives (FPR {rounded(fpr, 3)}). The AUC, "
        f"{rounded(auc, 3)}, is the share of (positive, negative) pairs where the positive gets the higher "
        "probability: it scores the ranking over every threshold at once."
    )
    metrics = [
        results.Metric("tpr", "TPR (recall) at the threshold", tpr, 3),
        results.Metric("fpr", "FPR at the threshold", fpr, 3),
        results.Metric("auc", "ROC-AUC", auc, 3),
    ]
    return metrics, plot, sentence


EXPERIMENT = Experiment(
    slug="sigmoid",
    number=1,
    title="Logistic regression: sigmoid → probability",
    short_title="Sigmoid",
    params=PARAMS,
    run_values=run,
    needs_sklearn=False,
)
